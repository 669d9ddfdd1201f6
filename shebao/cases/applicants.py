"""Applicants: a person (by identity document) or a unit (by credit code), with name and phone."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from shebao.cases.documents import (
    Document,
    document_number,
    mask_id,
    normalise_code,
    parse_credit_code,
)
from shebao.errors import InputError, echo
from shebao.rules.identity import EARLIEST_BIRTH_YEAR, Sex, parse_resident_id
from shebao.workdays.dates import parse_date

__all__ = [
    "Applicant",
    "Document",
    "Person",
    "Unit",
    "clean_name",
    "clean_phone",
    "mask_id",
    "parse_applicant",
    "person",
    "unit",
]

PERSON_NAME_CHARS = 50  # long transliterated foreign names included
UNIT_NAME_CHARS = 100  # registered names of branches run long


@dataclass(frozen=True, slots=True)
class Person:
    document: Document
    number: str  # normalised: upper case, no spaces; the full number, for the case's own page
    name: str
    phone: str
    birth_date: dt.date
    sex: Sex
    kind: ClassVar[str] = "person"

    @property
    def masked_number(self) -> str:
        return mask_id(self.number)

    def facts(self) -> dict[str, Any]:
        """What the rules learn from the applicant: the ID number, else birth date and sex."""
        if self.document is Document.RESIDENT_ID:
            return {"id_number": self.number}
        return {"birth_date": self.birth_date.isoformat(), "sex": self.sex.value}


@dataclass(frozen=True, slots=True)
class Unit:
    credit_code: str
    name: str
    phone: str
    contact: str | None = None  # the person who handles the case for the unit
    kind: ClassVar[str] = "unit"

    @property
    def number(self) -> str:
        return self.credit_code

    @property
    def masked_number(self) -> str:
        return mask_id(self.credit_code)

    def facts(self) -> dict[str, Any]:
        return {}


Applicant = Person | Unit


def clean_name(text: object, what: str = "姓名", limit: int = PERSON_NAME_CHARS) -> str:
    """A name as it will be printed: trimmed, inner spaces folded, no control characters.

    >>> clean_name("  王\u3000小明 ")
    '王 小明'
    """
    if not isinstance(text, str):
        raise InputError(f"{what}应为文字")
    name = " ".join(text.split())
    if not name:
        raise InputError(f"请填写{what}")
    if len(name) > limit:
        raise InputError(f"{what}过长：最多 {limit} 个字，收到 {len(name)} 个")
    if not name.isprintable():
        raise InputError(f"{what}中有不可见的控制字符，请重新输入")
    return name


_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"0[1-9][0-9]{8,10}")
_COUNTRY = re.compile(r"^(\+86|0086)")


def clean_phone(text: object, what: str = "联系电话") -> str:
    """A mainland mobile number, or a landline with its area code written 0411-83709012.

    Full-width digits, spaces, hyphens, brackets and a +86 prefix are accepted. An area code
    starting 01 or 02 (Beijing, Shanghai …) has 3 digits, any other 4 (the national numbering plan).

    >>> clean_phone("１３８ ０４１１ ２２３３"), clean_phone("(0411)83709012")
    ('13804112233', '0411-83709012')
    >>> clean_phone("+86 10 6512 3456")
    '010-65123456'
    """
    typed = normalise_code(text, what)
    digits = _COUNTRY.sub("", typed)
    if _MOBILE.fullmatch(digits):
        return digits
    if digits != typed and not digits.startswith("0"):
        digits = "0" + digits  # +86 411 83709012: the trunk 0 is dropped after the country code
    if _LANDLINE.fullmatch(digits):
        area = 3 if digits[1] in "12" else 4
        local = digits[area:]
        if 7 <= len(local) <= 8 and local[0] not in "01":
            return f"{digits[:area]}-{local}"
    raise InputError(
        f"{what}“{echo(text)}”不是有效号码：应为 11 位手机号（如 13804112233），"
        "或带区号的固定电话（如 0411-83709012）"
    )


def _birth_date(value: object, today: dt.date) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise InputError("出生日期应为 YYYY-MM-DD 格式的日期，如 1965-05-20")
    born = (
        value
        if isinstance(value, dt.date)
        else parse_date(value, "出生日期", years=(EARLIEST_BIRTH_YEAR, today.year))
    )
    if born.year < EARLIEST_BIRTH_YEAR or born > today:
        raise InputError(
            f"出生日期 {born.isoformat()} 不在 {EARLIEST_BIRTH_YEAR}-01-01 至今天"
            f"（{today.isoformat()}）之间，请核对"
        )
    return born


def person(
    *,
    id_number: object,
    name: object,
    phone: object,
    today: dt.date,
    document: Document | str = Document.RESIDENT_ID,
    birth_date: object = None,
    sex: object = None,
) -> Person:
    """A person by a resident ID (birth date and sex read from it; given as well, they must
    agree) or by another document the guide accepts (birth date and sex then required)."""
    kind = Document.parse(document)
    if kind is Document.RESIDENT_ID:
        try:
            rid = parse_resident_id(unicodedata.normalize("NFKC", _text(id_number)), today=today)
        except InputError as exc:
            raise InputError(f"公民身份号码有误：{exc}") from None
        number, born, sex_value = rid.number, rid.birth_date, rid.sex
        if birth_date is not None and _birth_date(birth_date, today) != born:
            raise InputError(f"出生日期与身份证号码不一致：号码显示为 {born.isoformat()}")
        if sex is not None and Sex.parse(sex) is not sex_value:
            raise InputError(f"性别与身份证号码不一致：号码显示为{sex_value.label}")
    else:
        number = document_number(kind, id_number)
        if birth_date is None or sex is None:
            raise InputError(f"以{kind.label}办理的，须填写出生日期和性别")
        born, sex_value = _birth_date(birth_date, today), Sex.parse(sex)
    return Person(kind, number, clean_name(name), clean_phone(phone), born, sex_value)


def unit(*, credit_code: object, name: object, phone: object, contact: object = None) -> Unit:
    return Unit(
        credit_code=parse_credit_code(credit_code),
        name=clean_name(name, "单位名称", UNIT_NAME_CHARS),
        phone=clean_phone(phone),
        contact=None if contact in (None, "") else clean_name(contact, "联系人"),
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise InputError("公民身份号码应为 18 位文字")
    return value


PERSON_KEYS = ("kind", "document", "id_number", "name", "phone", "birth_date", "sex")
UNIT_KEYS = ("kind", "credit_code", "name", "contact", "phone")


def parse_applicant(raw: object, *, today: dt.date) -> Applicant:
    """The applicant as the API receives it:
    `{kind: "person", id_number, name, phone[, document, birth_date, sex]}` or
    `{kind: "unit", credit_code, name, phone[, contact]}`."""
    if type(raw) is not dict and not isinstance(raw, Mapping):
        raise InputError('申请人应为 JSON 对象，如 {"kind": "person", "id_number": …}')
    kind = raw.get("kind")
    if kind not in ("person", "unit"):
        raise InputError(f"申请人类型 kind 应为 person（个人）或 unit（单位），收到“{echo(kind)}”")
    allowed = PERSON_KEYS if kind == "person" else UNIT_KEYS
    unknown = [str(k) for k in raw if k not in allowed]
    if unknown:
        names = "、".join(echo(k) for k in unknown)
        raise InputError(f"申请人有未知的字段：{names}；可用的字段：{'、'.join(allowed)}")
    fields = {k: v for k, v in raw.items() if k != "kind"}
    for needed in ("name", "phone", "id_number" if kind == "person" else "credit_code"):
        if fields.get(needed) in (None, ""):
            raise InputError(f"申请人缺少字段 {needed}（{_FIELD_LABELS[needed]}）")
    if kind == "person":
        return person(today=today, **fields)
    return unit(**fields)


_FIELD_LABELS = {
    "name": "姓名或单位名称",
    "phone": "联系电话",
    "id_number": "证件号码",
    "credit_code": "统一社会信用代码",
}
