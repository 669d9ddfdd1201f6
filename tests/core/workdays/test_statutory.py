"""The law's days off for years no notice covers: 13 days a year, from the `holidays` package."""

from __future__ import annotations

import datetime as dt
import doctest
from collections import Counter

import chinese_calendar
import pytest

import shebao.workdays.statutory
from shebao.errors import DataError
from shebao.workdays.dates import FIRST_YEAR
from shebao.workdays.holiday_files import fixed_days_off
from shebao.workdays.statutory import (
    FIRST_STATUTORY_YEAR,
    LAST_STATUTORY_YEAR,
    STATUTORY_DAYS,
    statutory_days_off,
)
from shebao.workdays.workcalendar import package_knows

D = dt.date
YEARS = range(FIRST_STATUTORY_YEAR, LAST_STATUTORY_YEAR + 1)


def test_2027_gets_the_thirteen_days_of_the_2024_revision() -> None:
    # Lunar dates for 2027: 除夕 5 February, 端午 9 June, 中秋 15 September; 清明 5 April.
    expected = {
        D(2027, 1, 1): "元旦",
        **{D(2027, 2, d): "春节" for d in (5, 6, 7, 8)},
        D(2027, 4, 5): "清明节",
        D(2027, 5, 1): "劳动节",
        D(2027, 5, 2): "劳动节",
        D(2027, 6, 9): "端午节",
        D(2027, 9, 15): "中秋节",
        **{D(2027, 10, d): "国庆节" for d in (1, 2, 3)},
    }
    assert statutory_days_off(2027) == expected


@pytest.mark.parametrize("year", YEARS)
def test_every_year_has_the_laws_days_and_its_fixed_days(year: int) -> None:
    days = statutory_days_off(year)
    for day, name in fixed_days_off(year)[1]:
        assert name in days[day].split("、"), day
    counts = Counter(n for names in days.values() for n in names.split("、"))
    assert counts == dict(STATUTORY_DAYS)
    assert all(day.year == year for day in days)
    eve = min(d for d, n in days.items() if "春节" in n)
    assert [days.get(eve + dt.timedelta(days=i)) for i in range(4)] == ["春节"] * 4


def test_a_festival_falling_in_national_day_shares_the_day() -> None:
    days = statutory_days_off(2028)  # 中秋 on 3 October
    assert days[D(2028, 10, 3)] == "中秋节、国庆节"
    assert len(days) == 12


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_estimate_keeps_to_the_real_notices_days_off(year: int) -> None:
    """The lunar dates agree with the notices chinesecalendar holds; none of its 调休 is taken."""
    days = statutory_days_off(year)
    assert all(chinese_calendar.is_holiday(day) for day in days)
    assert len(days) == 13
    assert D(2026, 1, 2) not in statutory_days_off(2026)  # a 调休 day off in the 2026 notice


def test_every_earlier_year_the_system_answers_for_is_known_to_chinesecalendar() -> None:
    """So the pre-2025 versions of the law never need an estimate (2004–2024 are all known)."""
    assert all(package_knows(year) for year in range(FIRST_YEAR, FIRST_STATUTORY_YEAR))


@pytest.mark.parametrize("year", [2024, 2101])
def test_it_refuses_a_year_outside_the_revision_and_the_lunar_table(year: int) -> None:
    with pytest.raises(ValueError, match="不在 2025–2100 年之内"):
        statutory_days_off(year)


def test_a_package_that_drifts_from_the_law_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from holidays.countries.china import China

    class OneDaySpringFestival(China):
        def _populate_public_holidays(self) -> None:
            super()._populate_public_holidays()
            for day in [d for d, n in self.items() if n == "春节"][1:]:
                self.pop(day)

    monkeypatch.setattr("holidays.countries.china.China", OneDaySpringFestival)
    with pytest.raises(
        DataError, match="2027 年法定节假日与《全国年节及纪念日放假办法》不符：春节 2 天"
    ):
        statutory_days_off(2027)


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(shebao.workdays.statutory).failed == 0
