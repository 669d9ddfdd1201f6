"""Sex and the 18-digit resident ID number (GB 11643-1999): who a person is, for the rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from operator import mul

from shebao.errors import InputError, echo
from shebao.text import choice_table, choose, code

ID_LENGTH = 18
# GB 11643-1999 / ISO 7064 MOD 11-2: the weight of position i (1-based) is 2^(18-i) mod 11.
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)
_DIGITS = frozenset("0123456789")

# Nobody the rules serve was born before this year: an earlier birth is a typo (0001-01, 1065-05).
EARLIEST_BIRTH_YEAR = 1900

# The first two digits of the region code (GB/T 2260 行政区划代码, province level): 11–15 华北,
# 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾, 81 香港, 82 澳门; and 83,
# which GB/T 2260 does not list but 公安部 uses (830000) in the 公民身份号码 of 台湾居民居住证
# (港澳台居民居住证申领发放办法, 2018; 香港 810000, 澳门 820000 likewise). Only the province is
# checked: county codes change every year and old numbers keep the code of their day of issue.
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23"}
    | {"31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46"}
    | {"50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"}
)


class Sex(StrEnum):
    """The two values the facts `sex` accepts; the Chinese label is for people."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        return "男" if self is Sex.MALE else "女"

    @classmethod
    def parse(cls, value: object) -> Sex:
        """Accept the English key in any letter case or 男/女 (as the fact `sex` does).

        >>> Sex.parse("女"), Sex.parse("MALE")
        (<Sex.FEMALE: 'female'>, <Sex.MALE: 'male'>)
        """
        if isinstance(value, Sex):
            return value
        found = choose(_SEX_BY_TEXT, value) if isinstance(value, str) else None
        if found is not None:
            return found
        raise InputError(f"性别只能是 male（男）或 female（女），收到“{echo(value)}”")


_SEX_BY_TEXT = choice_table((sex, (sex.value, sex.label)) for sex in Sex)


@dataclass(frozen=True, slots=True)
class ResidentId:
    """What an 18-digit resident ID number says about its holder."""

    number: str  # normalised: 18 characters, a final x written as X
    region_code: str  # 6-digit division code at issue; only its province (first 2) is checked
    birth_date: dt.date
    sex: Sex

    @property
    def masked(self) -> str:
        """The number as lists, logs and exports show it: the birth date hidden.

        >>> parse_resident_id("11010519491231002X", today=dt.date(2025, 1, 1)).masked
        '110105********002X'
        """
        return mask_resident_id(self.number)


def mask_resident_id(number: str) -> str:
    """First 6 and last 4 of an 18-character number: positions 7–14 (the birth date) hidden."""
    return number[:6] + "*" * 8 + number[-4:]


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2, 'X' stands for 10).

    >>> check_digit("11010519491231002")
    'X'
    """
    if len(first17) != 17 or not set(first17) <= _DIGITS:
        raise InputError("计算校验码需要身份证号码的前 17 位数字")
    return _CHECK_CHARS[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def parse_resident_id(text: str, *, today: dt.date) -> ResidentId:
    """Validate an ID number and read its birth date and sex; `today` bounds the birth date.

    Each failure names what is wrong; the number itself is not repeated in full.

    >>> rid = parse_resident_id("１１０１０５１９４９１２３１００２ｘ", today=dt.date(2025, 1, 1))
    >>> rid.birth_date, rid.sex.value
    (datetime.date(1949, 12, 31), 'female')
    """
    if not isinstance(text, str):  # (not hashable, perhaps)
        raise InputError(f"身份证号码应为 18 位文字，收到 {type(text).__name__} 类型的值")
    return _parse_resident_id(text, today)


# An intake reads the applicant's number three times (the applicant, the facts, the birth date
# and sex from it): the answer is kept for the few numbers seen last. Errors are not kept.
@lru_cache(maxsize=64)
def _parse_resident_id(text: str, today: dt.date) -> ResidentId:
    number = _normalise(text)
    if number[:2] not in PROVINCE_CODES:
        raise InputError(
            f"身份证号码前两位“{number[:2]}”不是省级行政区划代码"
            "（GB/T 2260，如辽宁为 21），请核对号码"
        )
    digits8 = number[6:14]
    try:
        birth = dt.date(int(digits8[:4]), int(digits8[4:6]), int(digits8[6:]))
    except ValueError:
        shown = f"{digits8[:4]}年{digits8[4:6]}月{digits8[6:]}日"
        raise InputError(
            f"身份证号码中的出生日期不存在：第 7—14 位“{digits8}”即 {shown}，请核对号码"
        ) from None
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise InputError(
            f"身份证号码中的出生日期 {birth.isoformat()} 早于 {EARLIEST_BIRTH_YEAR} 年，请核对号码"
        )
    if birth > today:
        raise InputError(
            f"身份证号码中的出生日期 {birth.isoformat()} 晚于今天（{today.isoformat()}），"
            "请核对号码"
        )
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise InputError(
            f"身份证号码校验码不符：第 18 位是“{number[17]}”，与前 17 位不相符，"
            "号码中可能有抄错或顺序颠倒的数字，请逐位核对"
        )
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return ResidentId(number, number[:6], birth, sex)


def _normalise(text: str) -> str:
    if not isinstance(text, str):
        raise InputError(f"身份证号码应为 18 位文字，收到 {type(text).__name__} 类型的值")
    # Full-width digits and ｘ (a phone's Chinese keyboard), invisible characters, and the spaces
    # people put between groups of digits are not part of the number.
    number = "".join(code(text).split()).upper()
    if len(number) == 15 and set(number) <= _DIGITS:
        raise InputError("这是 15 位的旧身份证号码，请提供 18 位公民身份号码")
    if len(number) != ID_LENGTH:
        raise InputError(f"身份证号码应为 18 位，收到 {len(number)} 位")
    for position, ch in enumerate(number[:17], 1):
        if ch not in _DIGITS:
            raise InputError(f"身份证号码前 17 位应全为数字，第 {position} 位是“{ch}”")
    if number[17] not in _DIGITS and number[17] != "X":
        raise InputError(f"身份证号码第 18 位（校验码）应为数字或 X，收到“{number[17]}”")
    return number
