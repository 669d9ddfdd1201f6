"""Dates as people type them: the common forms, read strictly, with clear messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from shebao.errors import InputError, echo
from shebao.text import code

# The years the system answers for: from chinesecalendar's first year to a horizon far enough for
# any deadline accepted today. Outside it a date is a typo, never a question about the calendar.
FIRST_YEAR, LAST_YEAR = 2004, 2099
SUPPORTED_YEARS = (FIRST_YEAR, LAST_YEAR)
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)

# After `shebao.text.code` (full-width forms read as ASCII, invisible characters gone), the forms
# people type: 2026-10-08, 2026/10/8, 2026.10.08 (one separator, used twice), 2026年10月8日 (or
# 号), 20261008. Month and day may have one digit where a separator or 月/日 ends them. [0-9],
# not \d, which would let other scripts' digits in.
_SEPARATED = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_CHINESE = re.compile(r"([0-9]{4}) ?年 ?([0-9]{1,2}) ?月 ?([0-9]{1,2}) ?[日号]")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_YEAR_MONTH = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})"),
    re.compile(r"([0-9]{4}) ?年 ?([0-9]{1,2}) ?月?"),
    re.compile(r"([0-9]{4})([0-9]{2})"),
)
# Dashes a Chinese input method or a word processor types for "-": hyphen, non-breaking hyphen,
# figure dash, en dash, em dash, horizontal bar, minus sign, small hyphen-minus.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"))
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
DATE_FORMS = "YYYY-MM-DD，例如 2026-09-30（也可写 2026/9/30、2026.09.30、2026年9月30日、20260930）"
MONTH_FORMS = "YYYY-MM，例如 1965-05（也可写 1965/5、1965.05、1965年5月、196505）"


def _month_days(year: int, month: int) -> int:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + leap


def _date_parts(text: str) -> tuple[int, int, int] | None:
    value = code(text).translate(_DASHES)
    for pattern, groups in ((_SEPARATED, (1, 3, 4)), (_CHINESE, (1, 2, 3)), (_COMPACT, (1, 2, 3))):
        match = pattern.fullmatch(value)
        if match:
            year, month, day = (int(match[g]) for g in groups)
            return year, month, day
    return None


def parse_date(
    text: str, what: str = "日期", *, years: tuple[int, int] = SUPPORTED_YEARS
) -> dt.date:
    """A date as people type it, read strictly; the message names the part that is wrong.

    Accepted forms: see DATE_FORMS. Full-width digits and separators (a phone's Chinese
    keyboard), invisible characters and odd spaces are read through `shebao.text.code`. Years
    outside `years` (by default the years the system answers for) are refused.

    >>> parse_date("2026-09-30"), parse_date("２０２６／１０／０８"), parse_date("2026年10月8日")
    (datetime.date(2026, 9, 30), datetime.date(2026, 10, 8), datetime.date(2026, 10, 8))
    >>> parse_date("2026-13-01")
    Traceback (most recent call last):
    shebao.errors.InputError: 日期“2026-13-01”的月份 13 超出范围，应为 01–12
    >>> parse_date("2026/10-08")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    shebao.errors.InputError: 日期格式不对：“2026/10-08”，应为 YYYY-MM-DD，例如 2026-09-30...
    """
    shown = echo(text)
    parts = _date_parts(text) if isinstance(text, str) else None
    if parts is None:
        raise InputError(f"{what}格式不对：“{shown}”，应为 {DATE_FORMS}")
    year, month, day = parts
    if not years[0] <= year <= years[1]:
        raise InputError(f"{what}“{shown}”的年份超出范围，只支持 {years[0]}–{years[1]} 年")
    if not 1 <= month <= 12:
        raise InputError(f"{what}“{shown}”的月份 {month:02d} 超出范围，应为 01–12")
    if not 1 <= day <= _month_days(year, month):
        last = _month_days(year, month)
        raise InputError(f"{what}“{shown}”不存在：{year} 年 {month} 月只有 {last} 天")
    return dt.date(year, month, day)


def parse_year_month(text: str, what: str = "年月") -> tuple[int, int]:
    """A month as people type it (see MONTH_FORMS), as (year, month); the caller bounds the year.

    >>> parse_year_month("1965-05"), parse_year_month("１９６５年５月"), parse_year_month("1965/5")
    ((1965, 5), (1965, 5), (1965, 5))
    """
    value = code(text).translate(_DASHES) if isinstance(text, str) else ""
    for pattern in _YEAR_MONTH:
        match = pattern.fullmatch(value)
        if match:
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise InputError(f"{what}“{echo(text)}”不存在：月份应在 01—12 之间")
            return year, month
    raise InputError(f"{what}格式不对：“{echo(text)}”，应为 {MONTH_FORMS}")


def check_supported(day: dt.date, what: str = "日期") -> None:
    """Refuse a date outside the years the calendar answers for (see SUPPORTED_YEARS)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(f"{what} {day} 的年份超出范围，只支持 {FIRST_YEAR}–{LAST_YEAR} 年")


def year_span(years: int | Iterable[int]) -> str:
    """Years as a reader wants them: runs folded.

    >>> year_span([2027, 2028, 2029, 2031])
    '2027–2029、2031'
    """
    values = sorted({years} if isinstance(years, int) else set(years))
    runs: list[list[int]] = []
    for year in values:
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
