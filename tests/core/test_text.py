"""Text as people's machines produce it: what `shebao.text` removes, narrows and refuses."""

from __future__ import annotations

import codecs
import doctest
from pathlib import Path

import pytest

import shebao.text
from shebao.errors import InputError
from shebao.text import choice_table, clean, code, decode, fold, narrow, read_text


@pytest.mark.parametrize("mark", list(shebao.text.INVISIBLE))
def test_every_invisible_mark_is_dropped(mark: str) -> None:
    assert clean(f"{mark}2{mark}4{mark}") == "24"


@pytest.mark.parametrize("space", list(shebao.text.SPACES))
def test_every_odd_space_is_an_ascii_space(space: str) -> None:
    assert clean(f"大连{space}市") == "大连 市"
    assert code(f"{space}24{space}") == "24"


def test_full_width_forms_are_ascii_and_chinese_is_left_as_typed() -> None:
    assert narrow("２０２６／１０／０８") == "2026/10/08"
    assert narrow("ＡＢＣｘｙｚ！～") == "ABCxyz!~"
    # NFKC would rewrite these; people mean them as written.
    for kept in ("①", "㈱", "大连市", "丶", "⺀", "ｶ", "。"):
        assert narrow(kept) == kept and clean(kept) == kept


def test_a_choice_is_found_in_any_case_width_and_with_dash_or_space_for_underscore() -> None:
    table = choice_table([("self_service", ["self_service", "自助办", "自助"])])
    typed_ways = (
        "self_service",
        "SELF_SERVICE",
        "Self-Service",
        "self service",
        "ｓｅｌｆ－ｓｅｒｖｉｃｅ",
    )
    for typed in typed_ways:
        assert shebao.text.choose(table, typed) == "self_service"
    assert shebao.text.choose(table, " 自助\u200b") == "self_service"
    assert shebao.text.choose(table, "selfservice") is None


def test_one_spelling_for_two_values_is_a_programming_mistake() -> None:
    with pytest.raises(ValueError, match="stands for both"):
        choice_table([("a", ["x"]), ("b", ["X"])])


def test_fold_is_the_one_rule_for_choices() -> None:
    assert fold(" ＭＡＬＥ\u200b ") == fold("male") == "male"


@pytest.mark.parametrize(
    "data",
    [
        b'{"sex": "male"}',
        codecs.BOM_UTF8 + b'{"sex": "male"}',
        '{"sex": "male"}'.encode("utf-16"),  # with its BOM, as Notepad's "Unicode" saves
        codecs.BOM_UTF16_BE + '{"sex": "male"}'.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16", "utf-16 big-endian"],
)
def test_a_file_saved_by_any_common_editor_is_read(data: bytes) -> None:
    assert decode(data, "文件") == '{"sex": "male"}'


def test_a_gbk_file_is_refused_saying_how_to_save_it() -> None:
    with pytest.raises(InputError, match=r"不是 UTF-8 编码的文本.*另存为 UTF-8"):
        decode('{"sex": "男"}'.encode("gbk"), "事实文件")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: tmp / "missing.json", "文件不存在"),
        (lambda tmp: tmp, "这是一个目录，不是文件"),
        (lambda tmp: tmp / "file.json" / "below", "路径中有一段不是目录"),
        (lambda tmp: tmp / ("x" * 300), "文件名过长"),
    ],
    ids=["missing", "a directory", "below a file", "a name too long"],
)
def test_a_file_that_cannot_be_read_is_said_in_chinese(tmp_path: Path, make, reason: str) -> None:
    (tmp_path / "file.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match=f"读不到事实文件 .*：{reason}$"):
        read_text(make(tmp_path), "事实文件")


def test_a_file_larger_than_allowed_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 101)
    with pytest.raises(InputError, match="过大"):
        read_text(path, "事实文件", max_bytes=100)
    assert read_text(path, "事实文件", max_bytes=101) == " " * 101


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(shebao.text).failed == 0
