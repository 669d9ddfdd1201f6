"""Applicants: resident IDs, the other documents the guide accepts, credit codes, names, phones."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shebao.cases.applicants
import shebao.cases.documents
from shebao.cases.applicants import Document, clean_name, clean_phone, mask_id, parse_applicant
from shebao.cases.documents import document_number, parse_credit_code
from shebao.errors import InputError
from shebao.rules.identity import Sex
from tests.core.cases.factories import (
    TODAY,
    a_person,
    a_unit,
    credit_check,
    credit_code,
    resident_check,
    resident_id,
)


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(shebao.cases.documents).failed == 0
    assert doctest.testmod(shebao.cases.applicants).failed == 0


def test_the_check_digit_helpers_agree_with_published_examples():
    # GB 11643-1999's own example number, and the example code printed with GB 32100-2015.
    assert resident_check("11010519491231002") == "X"
    assert credit_code("91350100M000100Y4") == "91350100M000100Y43"


# --- persons by resident ID ---------------------------------------------------------------------


def test_a_resident_id_gives_the_birth_date_and_sex():
    someone = a_person(id_number=resident_id(born="19650520", seq="002"))
    assert someone.birth_date == dt.date(1965, 5, 20)
    assert someone.sex is Sex.FEMALE
    assert someone.facts() == {"id_number": resident_id(born="19650520", seq="002")}


def test_full_width_digits_spaces_and_a_lowercase_x_are_accepted():
    number = resident_id(region="110105", born="19491231", seq="002")  # ends in X
    assert number.endswith("X")
    typed = " ".join(number[:-1]).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert a_person(id_number=typed + "x").number == number


def test_a_resident_id_with_a_wrong_check_digit_is_refused_naming_the_field():
    number = resident_id()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(InputError, match=r"公民身份号码.*校验码"):
        a_person(id_number=wrong)


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("21020219700101123", "18 位"),
        ("210202197002301233", "出生日期不存在"),
        ("990202197001011233", "前两位"),
        ("21020219700101123Y", "第 18 位"),
    ],
)
def test_a_malformed_resident_id_is_refused(number, says):
    with pytest.raises(InputError, match=says):
        a_person(id_number=number)


def test_a_birth_date_or_sex_given_with_a_resident_id_must_agree_with_it():
    assert a_person(birth_date="1970-01-01", sex="男").sex is Sex.MALE
    with pytest.raises(InputError, match="出生日期与身份证号码不一致"):
        a_person(birth_date="1970-01-02")
    with pytest.raises(InputError, match="性别与身份证号码不一致"):
        a_person(sex="female")


# --- persons by other documents ----------------------------------------------------------------


def _foreigner(number: str):
    return a_person(
        document="foreign_permanent_resident", id_number=number, birth_date="1980-02-03", sex="女"
    )


def test_the_2023_permanent_residence_card_is_checked_like_a_resident_id():
    first17 = "9" + "21" + "840" + "19800203" + "002"
    valid = first17 + resident_check(first17)
    assert _foreigner(valid).number == valid
    wrong = first17 + ("1" if valid[-1] != "1" else "2")
    with pytest.raises(InputError, match="外国人永久居留身份证号码校验码不符"):
        _foreigner(wrong)


def test_the_old_permanent_residence_card_has_three_letters_and_twelve_digits():
    assert _foreigner("usa 110072119001").number == "USA110072119001"
    with pytest.raises(InputError, match="外国人永久居留身份证号码"):
        _foreigner("US1110072119001")


@pytest.mark.parametrize(
    ("document", "typed", "stored"),
    [
        ("hk_macao_permit", "h1234 5678", "H12345678"),
        ("港澳居民往来内地通行证", "M1234567890", "M1234567890"),  # the guide's wording
        ("taiwan_permit", "１２３４５６７８", "12345678"),
        ("台湾居民来往大陆通行证", "1234567890(B)", "1234567890B"),
        ("passport", "e12-345 678", "E12345678"),
        ("护照", "G1234567", "G1234567"),
    ],
)
def test_other_documents_are_normalised(document, typed, stored):
    assert document_number(Document.parse(document), typed) == stored


@pytest.mark.parametrize(
    ("document", "typed"),
    [
        ("hk_macao_permit", "H1234567"),
        ("hk_macao_permit", "X12345678"),
        ("taiwan_permit", "1234567"),
        ("passport", "E1"),
        ("passport", "E1234/5678"),
    ],
)
def test_malformed_numbers_of_other_documents_are_refused_naming_the_document(document, typed):
    kind = Document.parse(document)
    with pytest.raises(InputError, match=kind.label):
        document_number(kind, typed)


def test_other_documents_need_the_birth_date_and_sex_entered():
    with pytest.raises(InputError, match="出生日期和性别"):
        a_person(document="passport", id_number="E12345678")
    holder = a_person(document="passport", id_number="E12345678", birth_date="1980-02-03", sex="男")
    assert holder.facts() == {"birth_date": "1980-02-03", "sex": "male"}
    with pytest.raises(InputError, match="出生日期"):
        a_person(document="passport", id_number="E12345678", birth_date="2099-01-01", sex="男")


def test_an_unknown_document_kind_is_refused_with_the_choices():
    with pytest.raises(InputError, match="护照"):
        Document.parse("驾驶证")


# --- units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first17",
    [
        "91210200MA0QC0K5X",  # 工商, 企业, 大连
        "92210204MA0XYW123",  # 工商, 个体工商户
        "52210200MJ0000001",  # 民政, 民办非企业单位
        "12100000400000016",  # 机构编制, 事业单位, registered nationally
        "Y1210200000000001",  # 其他
    ],
)
def test_credit_codes_with_their_computed_check_character_are_accepted(first17):
    code = first17 + credit_check(first17)
    assert parse_credit_code(code.lower()) == code


def test_a_credit_code_with_a_wrong_check_character_is_refused():
    code = credit_code()
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    with pytest.raises(InputError, match="统一社会信用代码校验码不符"):
        a_unit(credit_code=wrong)


@pytest.mark.parametrize(
    ("first17", "says"),
    [
        ("B1210200MA0QC0K5X", "登记管理部门代码"),
        ("94210200MA0QC0K5X", "机构类别代码"),
        ("51210200MA0QC0K5X", None),  # 民政 1 社会团体: fine
        ("91990200MA0QC0K5X", "行政区划"),
        ("91210200MA0QC0K5I", "第 17 位"),
        ("91210200MA0QC0O5X", "第 15 位"),
    ],
)
def test_each_part_of_a_credit_code_is_checked(first17, says):
    code = first17 + credit_check(first17.replace("I", "1").replace("O", "0"))
    if says is None:
        assert parse_credit_code(code) == code
        return
    with pytest.raises(InputError, match=says):
        parse_credit_code(code)


def test_a_credit_code_of_the_wrong_length_is_refused():
    with pytest.raises(InputError, match="18 位"):
        parse_credit_code(credit_code()[:-1])


# --- names and phones -------------------------------------------------------------------------


def test_names_are_trimmed_and_bounded_and_free_of_control_characters():
    assert clean_name("  阿依古丽·买买提 ") == "阿依古丽·买买提"
    with pytest.raises(InputError, match="姓名"):
        clean_name("   ")
    with pytest.raises(InputError, match="姓名过长"):
        clean_name("名" * 51)
    with pytest.raises(InputError, match="姓名中有不可见的控制字符"):
        clean_name("王\x1b[31m小明")
    with pytest.raises(InputError, match="单位名称"):
        a_unit(name="某\u200b公司")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("138 0411 2233", "13804112233"),
        ("＋８６ １３８０４１１２２３３", "13804112233"),
        ("0411-83709012", "0411-83709012"),
        ("０４１１－８３７０９０１２", "0411-83709012"),
        ("041183709012", "0411-83709012"),
        ("（0411）8370 9012", "0411-83709012"),
        ("021-61234567", "021-61234567"),
    ],
)
def test_phones_are_normalised(typed, stored):
    assert clean_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["83709012", "12804112233", "0411-0370901", "1380411223", "", "电话"]
)
def test_bad_phones_are_refused_naming_the_field(typed):
    with pytest.raises(InputError, match="联系电话"):
        clean_phone(typed)


# --- the API's shape --------------------------------------------------------------------------


def test_the_api_json_reads_as_a_person_or_a_unit():
    raw = {"kind": "person", "id_number": resident_id(), "name": "王小明", "phone": "13804112233"}
    assert parse_applicant(raw, today=TODAY) == a_person()
    raw_unit = {
        "kind": "unit",
        "credit_code": credit_code(),
        "name": "大连某某康复医院有限公司",
        "contact": " 李红 ",
        "phone": "0411-83709012",
    }
    assert parse_applicant(raw_unit, today=TODAY).contact == "李红"


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ({"kind": "robot"}, "kind"),
        ({"kind": "person", "id_number": "x", "name": "a", "phone": "1", "age": 3}, "age"),
        ({"kind": "person", "name": "王小明", "phone": "13804112233"}, "id_number"),
        ({"kind": "unit", "credit_code": "x", "name": "某公司"}, "phone"),
        ("person", "JSON"),
    ],
)
def test_bad_applicant_json_is_refused(raw, says):
    with pytest.raises(InputError, match=says):
        parse_applicant(raw, today=TODAY)


# --- masking ----------------------------------------------------------------------------------


def test_masked_forms():
    assert mask_id("210202197001011233") == "210202********1233"
    assert mask_id("２１０２０２１９７００１０１１２３ｘ").startswith("210202********")
    assert a_unit().masked_number == credit_code()[:6] + "*" * 8 + credit_code()[-4:]
    assert mask_id("E12345678") == "E*****678"
    assert mask_id("USA110072119001") == "US*********9001"
    assert mask_id(None) == "****"  # not a number: nothing of it shown


@given(
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 11, 30)),
    region=st.sampled_from(["210202", "110105", "440305", "810000", "830000"]),
    seq=st.integers(0, 999),
)
def test_a_masked_resident_id_never_shows_the_birth_date(born, region, seq):
    number = resident_id(region, born.strftime("%Y%m%d"), f"{seq:03d}")
    masked = mask_id(number)
    assert len(masked) == 18 and masked.count("*") == 8
    assert born.strftime("%Y%m%d") not in masked and born.strftime("%y%m%d") not in masked
    assert masked[:6] == region and masked[-4:] == number[-4:]


@given(born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 11, 30)))
def test_a_masked_new_permanent_residence_card_never_shows_the_birth_date(born):
    first17 = "921840" + born.strftime("%Y%m%d") + "001"
    masked = mask_id(first17 + resident_check(first17))
    assert born.strftime("%Y%m%d") not in masked and born.strftime("%y%m%d") not in masked
