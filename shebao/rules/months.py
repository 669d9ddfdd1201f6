"""Calendar months and ages in years and months: the units of the retirement tables."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from shebao.errors import InputError

_YEAR_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    """A calendar month: the unit of birth and retirement in the official tables."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InputError(f"月份应在 1—12 之间，收到 {self.month}")

    @classmethod
    def parse(cls, text: str, what: str = "年月") -> YearMonth:
        """Strict YYYY-MM.

        >>> YearMonth.parse("1965-05")
        YearMonth(year=1965, month=5)
        """
        match = _YEAR_MONTH_RE.match(str(text).strip())
        if not match:
            raise InputError(f"{what}格式不对：“{text}”，应为 YYYY-MM，例如 1965-05")
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise InputError(f"{what}“{text}”不存在：月份应在 01—12 之间")
        return cls(year, month)

    @classmethod
    def of(cls, day: dt.date) -> YearMonth:
        return cls(day.year, day.month)

    @classmethod
    def coerce(cls, value: YearMonth | dt.date | str, what: str = "出生年月") -> YearMonth:
        """Accept a YearMonth, a date (its month counts) or text YYYY-MM / YYYY-MM-DD.

        >>> YearMonth.coerce("1965-05-31"), YearMonth.coerce(dt.date(1965, 5, 1))
        (YearMonth(year=1965, month=5), YearMonth(year=1965, month=5))
        """
        if isinstance(value, YearMonth):
            return value
        if isinstance(value, dt.date):
            return cls(value.year, value.month)
        if isinstance(value, str) and _DATE_RE.match(value.strip()):
            try:
                return cls.of(dt.date.fromisoformat(value.strip()))
            except ValueError:
                raise InputError(
                    f"{what}“{value}”不是有效日期，应为 YYYY-MM-DD 或 YYYY-MM"
                ) from None
        if isinstance(value, str):
            return cls.parse(value, what)
        raise InputError(f"{what}应为 YYYY-MM 格式的文字，收到 {type(value).__name__} 类型的值")

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        """Months since year 0, so that month arithmetic is integer arithmetic."""
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> YearMonth:
        """The month `months` later (earlier if negative).

        >>> YearMonth(1965, 5).plus(60 * 12 + 2)
        YearMonth(year=2025, month=7)
        """
        return YearMonth.from_index(self.index + months)

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Age:
    """An age in whole years and months, as the tables state it (60岁2个月)."""

    years: int
    months: int

    @classmethod
    def from_months(cls, total: int) -> Age:
        return cls(total // 12, total % 12)

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @property
    def label(self) -> str:
        """As the tables write it: whole years without "0个月".

        >>> Age(60, 2).label, Age(63, 0).label
        ('60岁2个月', '63岁')
        """
        return f"{self.years}岁{self.months}个月" if self.months else f"{self.years}岁"

    def as_dict(self) -> dict[str, int]:
        return {"years": self.years, "months": self.months}
