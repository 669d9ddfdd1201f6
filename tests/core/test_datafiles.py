"""Every data file is read the same strict way: a slip in a hand-edited file stops the load."""

from __future__ import annotations

import re

import pytest

from shebao.datafiles import check_keys, parse_yaml, read_yaml
from shebao.errors import DataError


def test_a_key_written_twice_is_refused_with_its_line():
    with pytest.raises(DataError, match="键“working_days”重复（第 3 行）"):
        parse_yaml("working_days: 1\ninstant: false\nworking_days: 10\n", "items/34.yaml")


def test_dates_stay_text_so_an_impossible_date_is_reported_by_our_own_checks():
    assert parse_yaml("date: 2027-02-30\n", "x") == {"date": "2027-02-30"}


def test_broken_yaml_names_the_file(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"places\.yaml 不是有效的 YAML"):
        read_yaml(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match="缺少数据文件"):
        read_yaml(tmp_path / "nope.yaml")


def test_unknown_and_missing_keys_are_named_with_what_is_allowed():
    with pytest.raises(DataError, match="有未知的键：tipz；可用的键：name、tips"):
        check_keys({"name": "x", "tipz": "y"}, ["name"], ["tips"], where="items/1.yaml")
    with pytest.raises(DataError, match="缺少：name"):
        check_keys({}, ["name"], where="items/1.yaml")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("holidays: [oops\n", ["第 2 行", "方括号"]),
        ("a: b: c\n", ["第 1 行第 5 列", "冒号"]),
        ("a: 1\n\tb: 2\n", ["制表符"]),
        ('a: "x\n', ["没有闭合"]),
        ("a:\n  - 1\n - 2\n", ["缩进"]),
        ("a: *x\n", ["别名"]),
        ("a: !!python/object x\n", ["标签"]),
        ('a: "\\q"\n', ["转义"]),
        ("a: \x07\n", ["控制字符"]),
    ],
)
def test_a_syntax_error_is_said_in_chinese_with_its_line_and_column(text, words):
    with pytest.raises(DataError) as caught:
        parse_yaml(text, "2027.yaml")
    message = str(caught.value)
    assert message.startswith("2027.yaml 不是有效的 YAML：")
    assert all(word in message for word in words), message
    assert not re.search(r"[A-Za-z]{3,}", message.split("：", 1)[1]), message
