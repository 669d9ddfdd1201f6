"""Dates as people type them: strict YYYY-MM-DD, full-width digits accepted, clear messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from shebao.errors import InputError

# The years the system answers for: from chinesecalendar's first year to a horizon far enough for
# any deadline accepted today. Outside it a date is a typo, never a question about the calendar.
FIRST_YEAR, LAST_YEAR = 2004, 2099
SUPPORTED_YEARS = (FIRST_YEAR, LAST_YEAR)
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # \d would let other scripts' digits in
# A phone's Chinese keyboard types full-width digits and dashes; they mean the same date.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－", "0123456789-")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + leap


def parse_date(text: str, what: str = "日期", *, years: tuple[int, int] = (1, 9999)) -> dt.date:
    """A strict YYYY-MM-DD date whose message names the part that is wrong.

    Full-width digits and dashes (a phone's Chinese keyboard) are read as ASCII.

    >>> parse_date("2026-09-30")
    datetime.date(2026, 9, 30)
    >>> parse_date("２０２６－０９－３０")
    datetime.date(2026, 9, 30)
    >>> parse_date("2026-13-01")
    Traceback (most recent call last):
    shebao.errors.InputError: 日期“2026-13-01”的月份 13 超出范围，应为 01–12
    """
    value = str(text).strip().translate(_FULL_WIDTH)
    if not _DATE_RE.match(value):
        raise InputError(f"{what}格式不对：“{text}”，应为 YYYY-MM-DD，例如 2026-09-30")
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:])
    if not years[0] <= year <= years[1]:
        raise InputError(f"{what}“{text}”的年份超出范围，只支持 {years[0]}–{years[1]} 年")
    if not 1 <= month <= 12:
        raise InputError(f"{what}“{text}”的月份 {month:02d} 超出范围，应为 01–12")
    if not 1 <= day <= _month_days(year, month):
        last = _month_days(year, month)
        raise InputError(f"{what}“{text}”不存在：{year} 年 {month} 月只有 {last} 天")
    return dt.date(year, month, day)


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
