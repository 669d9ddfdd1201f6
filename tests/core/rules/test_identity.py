"""Resident ID numbers: check digit, birth date, sex, and messages that say what is wrong."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from shebao.errors import InputError
from shebao.rules import identity
from shebao.rules.identity import Sex, parse_resident_id

TODAY = dt.date(2026, 11, 29)
DALIAN_ZHONGSHAN = "210202"


def iso7064_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 in its recursive form, written apart from the code under test."""
    p = 0
    for ch in first17:
        p = (p + int(ch)) * 2 % 11
    value = (12 - p) % 11
    return "X" if value == 10 else str(value)


def make_id(birth: str, sequence: str, region: str = DALIAN_ZHONGSHAN) -> str:
    first17 = region + birth + sequence
    return first17 + iso7064_check(first17)


def test_it_reads_the_birth_date_and_sex_of_a_man():
    number = make_id("19650512", "013")  # 17th digit 3: odd, a man
    rid = parse_resident_id(number, today=TODAY)
    assert rid.birth_date == dt.date(1965, 5, 12)
    assert rid.sex is Sex.MALE
    assert rid.region_code == DALIAN_ZHONGSHAN


def test_it_reads_the_birth_date_and_sex_of_a_woman():
    rid = parse_resident_id(make_id("19750430", "024"), today=TODAY)  # 17th digit 2: a woman
    assert rid.birth_date == dt.date(1975, 4, 30)
    assert rid.sex is Sex.FEMALE


def test_the_standards_example_with_check_character_x_is_valid():
    rid = parse_resident_id("11010519491231002X", today=TODAY)
    assert rid.birth_date == dt.date(1949, 12, 31)
    assert rid.sex is Sex.FEMALE


def test_a_lower_case_x_and_spaces_are_accepted():
    rid = parse_resident_id(" 110105 19491231 002x ", today=TODAY)
    assert rid.number == "11010519491231002X"


def test_a_wrong_check_digit_is_refused():
    good = make_id("19650512", "013")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(InputError, match="校验码不符") as caught:
        parse_resident_id(bad, today=TODAY)
    assert bad not in str(caught.value)  # the whole number is not echoed back


def test_two_swapped_digits_are_caught_by_the_check_digit():
    good = make_id("19650512", "013")
    swapped = good[:14] + good[15] + good[14] + good[16:]
    assert swapped != good
    with pytest.raises(InputError, match="校验码"):
        parse_resident_id(swapped, today=TODAY)


def test_an_impossible_birth_date_is_refused_even_with_a_correct_check_digit():
    with pytest.raises(InputError, match=r"出生日期不存在.*19900230"):
        parse_resident_id(make_id("19900230", "123"), today=TODAY)


def test_a_birth_date_after_today_is_refused():
    with pytest.raises(InputError, match="晚于今天"):
        parse_resident_id(make_id("20261130", "011"), today=TODAY)


def test_a_person_born_today_is_accepted():
    assert parse_resident_id(make_id("20261129", "011"), today=TODAY).birth_date == TODAY


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("210202650512013", "15 位的旧身份证号码"),
        ("2102021965051201", "应为 18 位，收到 16 位"),
        ("21020219650512O133", "第 15 位是“O”"),
        ("21020219650512013Y", "第 18 位（校验码）应为数字或 X"),
        ("", "应为 18 位，收到 0 位"),
    ],
)
def test_a_malformed_number_is_refused_naming_the_problem(text, message):
    with pytest.raises(InputError, match=message):
        parse_resident_id(text, today=TODAY)


def test_a_number_that_is_not_text_is_refused():
    with pytest.raises(InputError, match="18 位文字"):
        parse_resident_id(210202196505120133, today=TODAY)  # type: ignore[arg-type]


def test_screens_and_logs_show_the_number_masked():
    rid = parse_resident_id(make_id("19650512", "013"), today=TODAY)
    assert rid.masked.startswith(DALIAN_ZHONGSHAN + "********")
    assert "19650512" not in rid.masked


@given(
    birth=st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_any_well_formed_number_reads_back_its_date_and_sex(birth, sequence):
    number = make_id(birth.strftime("%Y%m%d"), f"{sequence:03d}")
    rid = parse_resident_id(number, today=TODAY)
    assert rid.birth_date == birth
    assert rid.sex is (Sex.MALE if sequence % 2 else Sex.FEMALE)


@given(
    birth=st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
    wrong=st.sampled_from("0123456789X"),
)
def test_any_other_check_character_is_refused(birth, sequence, wrong):
    number = make_id(birth.strftime("%Y%m%d"), f"{sequence:03d}")
    assume(wrong != number[17])
    with pytest.raises(InputError, match="校验码"):
        parse_resident_id(number[:17] + wrong, today=TODAY)


@pytest.mark.parametrize(
    ("text", "sex"), [("male", Sex.MALE), ("女", Sex.FEMALE), ("Female", Sex.FEMALE)]
)
def test_sex_is_read_from_the_english_key_or_chinese(text, sex):
    assert Sex.parse(text) is sex


@pytest.mark.parametrize("text", ["m", "F", "", None, 1])
def test_any_other_sex_is_refused(text):
    with pytest.raises(InputError, match="male（男）或 female（女）"):
        Sex.parse(text)


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(identity).failed == 0


NOT_PROVINCES = [
    "00",
    "10",
    "16",
    "20",
    "24",
    "30",
    "38",
    "40",
    "47",
    "49",
    "55",
    "60",
    "66",
    "70",
    "72",
    "80",
    "84",
    "90",
    "99",
]


@pytest.mark.parametrize("province", NOT_PROVINCES)
def test_a_region_code_outside_the_provinces_is_refused(province):
    with pytest.raises(InputError, match=f"前两位“{province}”不是省级行政区划代码"):
        parse_resident_id(make_id("19650512", "013", province + "0000"), today=TODAY)


PROVINCES = [
    "110105",
    "210202",
    "150102",
    "230102",
    "370102",
    "460100",
    "500101",
    "540102",
    "650102",
    "710000",
]


@pytest.mark.parametrize("region", [*PROVINCES, "810000", "820000", "830000"])
def test_every_province_of_gb_t_2260_and_the_residence_permit_codes_are_accepted(region):
    assert parse_resident_id(make_id("19650512", "013", region), today=TODAY).region_code == region


def test_a_birth_before_1900_is_refused_as_a_typo():
    with pytest.raises(InputError, match="早于 1900 年"):
        parse_resident_id(make_id("18991231", "013"), today=TODAY)
    assert parse_resident_id(make_id("19000101", "013"), today=TODAY).birth_date.year == 1900
