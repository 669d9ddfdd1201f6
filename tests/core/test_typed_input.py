"""Every parser of typed input reads the same spellings: item numbers, ID numbers, dates, months,
choices (facts, sex, channels), yes/no and numbers in text, facts as JSON text and as files."""

from __future__ import annotations

import codecs
import datetime as dt
import doctest
import json
import re
from pathlib import Path

import pytest

import shebao.guide.model
import shebao.rules.facts
import shebao.rules.identity
from shebao.errors import InputError, UnknownItemError
from shebao.guide.model import ChannelKind
from shebao.rules.facts import (
    CHOICE,
    CHOICE_ALIASES,
    FACTS,
    TEXT_FALSE,
    TEXT_TRUE,
    fact_from_text,
    facts_from_file,
    facts_from_json,
    parse_birth_month,
    parse_fact,
    parse_facts,
)
from shebao.rules.identity import Sex, parse_resident_id
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date, parse_year_month

TODAY = dt.date(2026, 11, 30)
ID_X = "11010519491231002X"  # a valid number whose check character is X
ZWSP, BOM, NBSP, IDEOGRAPHIC_SPACE = "\u200b", "\ufeff", "\u00a0", "\u3000"
FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


# --- item numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["24", " 24 ", f"24{ZWSP}", f"{BOM}24", f"{NBSP}24{IDEOGRAPHIC_SPACE}", "２４", "024"]
)
def test_an_item_number_is_read_as_typed(catalog, typed: str) -> None:
    assert catalog.item(typed).no == 24


@pytest.mark.parametrize("typed", ["٢٤", "+24", "2_4", "24.0", "二十四", "", ZWSP, "-1", "1e1"])
def test_an_item_number_is_ascii_digits_and_nothing_else(catalog, typed: str) -> None:
    with pytest.raises(UnknownItemError, match="事项编号应为数字"):
        catalog.item(typed)


# --- ID numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        ID_X,
        ID_X.lower(),
        full_width(ID_X),
        full_width(ID_X.lower()),
        f"{BOM}{ID_X}{ZWSP}",
        "110105 19491231 002X",
        f"110105{NBSP}19491231{IDEOGRAPHIC_SPACE}002x",
    ],
)
def test_an_id_number_is_read_with_full_width_digits_a_small_x_and_spaces(typed: str) -> None:
    assert parse_resident_id(typed, today=TODAY).number == ID_X
    assert parse_facts({"id_number": typed}, today=TODAY).get("id_number") == ID_X


# --- dates and months -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "2026-10-08",
        "2026-10-8",
        "2026/10/08",
        "2026/10/8",
        "2026.10.08",
        "2026年10月8日",
        "2026年10月08日",
        "2026 年 10 月 8 日",
        "2026年10月8号",
        "20261008",
        "２０２６－１０－０８",
        "２０２６／１０／０８",
        "２０２６年１０月８日",
        "2026\u201410\u201408",  # an em dash, as a Chinese input method types "-"
        "2026\u221210\u221208",  # a minus sign from a word processor
        f"{BOM}2026-10-08{ZWSP}",
        f"{IDEOGRAPHIC_SPACE}2026-10-08{NBSP}",
    ],
)
def test_a_date_is_read_in_the_forms_people_type(typed: str) -> None:
    assert parse_date(typed) == dt.date(2026, 10, 8)


@pytest.mark.parametrize(
    "typed",
    ["2026/10-08", "2026-10/08", "26-10-08", "2026108", "2026年10月", "10/08/2026", "2026-010-08"],
)
def test_a_date_in_a_mixed_or_short_form_is_refused(typed: str) -> None:
    with pytest.raises(InputError, match="格式不对"):
        parse_date(typed)


def test_a_date_outside_the_supported_years_is_refused_by_default() -> None:
    assert SUPPORTED_YEARS == (2004, 2099)
    for typed in ("0001-01-01", "2003-12-31", "2100-01-01", "0001年1月1日"):
        with pytest.raises(InputError, match="只支持 2004–2099 年"):
            parse_date(typed)


@pytest.mark.parametrize(
    "typed",
    ["1965-05", "1965-5", "1965/05", "1965.5", "1965年5月", "1965年5", "196505", "１９６５－０５"],
)
def test_a_birth_month_is_read_in_the_forms_people_type(typed: str) -> None:
    assert parse_year_month(typed) == (1965, 5)
    assert str(parse_birth_month(typed, TODAY)) == "1965-05"


def test_a_birth_date_fact_takes_the_same_forms_and_keeps_its_own_bounds() -> None:
    assert parse_fact("birth_date", "1965年5月20日", TODAY) == dt.date(1965, 5, 20)
    assert parse_fact("birth_date", "１９６５／５／２０", TODAY) == dt.date(1965, 5, 20)
    with pytest.raises(InputError, match="早于 1900 年"):
        parse_fact("birth_date", "1899-12-31", TODAY)


# --- choices ----------------------------------------------------------------------------------


def _spellings(name: str, key: object, label: str) -> list[str]:
    words = [str(key), label, *CHOICE_ALIASES.get(name, {}).get(key, ())]
    variants = [w.upper() for w in words] + [w.title() for w in words]
    variants += [full_width(w) for w in words]
    return words + variants + [f" {w}{ZWSP}" for w in words] + [w.replace("_", "-") for w in words]


CHOICE_CASES = [
    (name, key, typed)
    for name, spec in FACTS.items()
    if spec.kind == CHOICE
    for key, label in (spec.choices or {}).items()
    for typed in _spellings(name, key, label)
]


@pytest.mark.parametrize(("name", "key", "typed"), CHOICE_CASES)
def test_every_choice_takes_its_key_in_any_case_or_width_its_label_and_its_aliases(
    name: str, key: object, typed: str
) -> None:
    assert parse_fact(name, typed, TODAY) == key  # as JSON gives it
    assert fact_from_text(name, typed, TODAY) == key  # as a form field or an option gives it


def test_the_help_lists_every_chinese_spelling_a_choice_takes() -> None:
    for name, aliases in CHOICE_ALIASES.items():
        accepted = FACTS[name].accepted()
        for key, words in aliases.items():
            assert all(word in accepted for word in words), (name, key)


@pytest.mark.parametrize("typed", ["male", "MALE", "Male", "ｍａｌｅ", "男", f" 男{ZWSP}"])
def test_sex_reads_the_same_spellings_as_the_fact_sex(typed: str) -> None:
    assert Sex.parse(typed) is Sex.MALE
    assert parse_fact("sex", typed) == "male"


def test_sex_and_the_fact_sex_accept_exactly_the_same_words() -> None:
    for word in ("m", "man", "男性", "f", "女士", "1"):
        with pytest.raises(InputError):
            Sex.parse(word)
        with pytest.raises(InputError):
            parse_fact("sex", word)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("window", ChannelKind.WINDOW),
        ("Window", ChannelKind.WINDOW),
        ("窗口办", ChannelKind.WINDOW),
        ("窗口", ChannelKind.WINDOW),
        ("ONLINE", ChannelKind.ONLINE),
        ("网上", ChannelKind.ONLINE),
        ("网上办", ChannelKind.ONLINE),
        ("掌上", ChannelKind.MOBILE),
        ("Mobile", ChannelKind.MOBILE),
        ("自助", ChannelKind.SELF_SERVICE),
        ("自助办", ChannelKind.SELF_SERVICE),
        ("self-service", ChannelKind.SELF_SERVICE),
        ("Self Service", ChannelKind.SELF_SERVICE),
        ("ｏｎｌｉｎｅ", ChannelKind.ONLINE),
        (f"网上办{ZWSP}", ChannelKind.ONLINE),
    ],
)
def test_a_channel_is_read_in_english_any_case_or_chinese_with_or_without_ban(
    typed: str, kind: ChannelKind
) -> None:
    assert ChannelKind.parse(typed) is kind


def test_an_unknown_channel_names_every_spelling() -> None:
    with pytest.raises(InputError, match=re.escape("window（窗口办/窗口）")):
        ChannelKind.parse("fax")


# --- yes/no and numbers as text, and JSON's strict types ----------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [(w, True) for w in TEXT_TRUE]
    + [(w, False) for w in TEXT_FALSE]
    + [("TRUE", True), ("ｔｒｕｅ", True), (" 是 ", True), ("No", False)],
)
def test_yes_and_no_in_a_text_field(typed: str, value: bool) -> None:
    assert fact_from_text("flexible_early", typed) is value


@pytest.mark.parametrize("given", ["是", "true", "yes", 1, 0])
def test_json_takes_only_true_and_false_for_yes_and_no(given: object) -> None:
    with pytest.raises(InputError, match="true 或 false"):
        parse_facts({"flexible_early": given}, today=TODAY)


@pytest.mark.parametrize("typed", ["180", " 180 ", "１８０", f"180{ZWSP}"])
def test_a_number_in_a_text_field_may_have_full_width_digits(typed: str) -> None:
    assert fact_from_text("contribution_months", typed) == 180


@pytest.mark.parametrize("typed", ["-3", "1201", "180个月", "一百八十", "1,200"])
def test_a_number_out_of_bounds_or_in_words_is_refused(typed: str) -> None:
    with pytest.raises(InputError, match="0—1200 的整数"):
        fact_from_text("contribution_months", typed)


# --- facts as JSON text and files ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"sex": "male"}',
        f'{BOM}{{"sex": "male"}}',
        f'{{"sex":{NBSP}"male"}}{ZWSP}',
        f'{{{IDEOGRAPHIC_SPACE}"sex": "MALE"}}',
        '{"sex": "男"}',
    ],
)
def test_facts_json_is_read_past_invisible_marks_and_odd_spaces(text: str) -> None:
    assert parse_facts(facts_from_json(text), today=TODAY).values == {"sex": "male"}


def test_a_fact_name_with_an_invisible_mark_is_the_fact_and_counts_once() -> None:
    assert parse_facts({f"sex{ZWSP}": "male"}, today=TODAY).values == {"sex": "male"}
    with pytest.raises(InputError, match="写了两次"):
        parse_facts({"sex": "male", f"{BOM}sex": "male"}, today=TODAY)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{", ["第 2 个字符", "双引号"]),
        ("{} x", ["多余的内容"]),
        ('{"a": }', ["应有一个值"]),
        ('{"a" 1}', ["冒号"]),
        ('{"a": 1 "b": 2}', ["逗号"]),
        ('{"a": "x', ["引号没有闭合"]),
        ('{"a": "\\q"}', ["转义"]),
        ("{“sex”： “male”}", ["中文的 “ ” ： ，"]),
        ("", ["是空的"]),
        ('{\n"a": 1,\n}', ["第 3 行"]),
    ],
)
def test_bad_json_is_explained_in_chinese(text: str, words: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        facts_from_json(text)
    message = str(caught.value)
    assert all(word in message for word in words), message
    assert not re.search(r"Expecting|Extra data|Unterminated|Invalid|delimiter", message)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + '{"hukou": "大连"}'.encode(),
        '{"hukou": "大连"}'.encode("utf-16"),
        '{"hukou": "大连"}'.encode(),
    ],
    ids=["utf-8 with BOM", "utf-16 (Notepad's Unicode)", "utf-8"],
)
def test_a_facts_file_is_read_as_editors_save_it(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(data)
    assert facts_from_file(path) == {"hukou": "大连"}


def test_a_facts_file_in_gbk_is_refused_saying_how_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(json.dumps({"hukou": "大连"}, ensure_ascii=False).encode("gbk"))
    with pytest.raises(InputError, match="另存为 UTF-8"):
        facts_from_file(path)


def test_the_examples_in_the_docstrings_hold() -> None:
    for module in (shebao.rules.facts, shebao.rules.identity, shebao.guide.model):
        assert doctest.testmod(module).failed == 0, module.__name__
