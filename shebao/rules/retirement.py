"""Statutory retirement age under the 2025 gradual delay, minimum contribution, flexible window.

Pure functions over the dated parameters in shebao/data/national (read once). The rules engine
calls `retirement(...)` for the whole picture, or the single-answer functions below it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from shebao.errors import InputError, echo
from shebao.rules.facts import FACTS
from shebao.rules.identity import Sex
from shebao.rules.months import Age, YearMonth
from shebao.rules.parameters import DelaySchedule, Group, MinContribution, Parameters, national

BirthLike = YearMonth | dt.date | str


def group_for(
    sex: Sex | str, female_original_age: int | str | None = None, params: Parameters | None = None
) -> Group:
    """The table a person falls under: men have one; a woman's original age (50/55) picks hers.

    `female_original_age` is ignored for a sex with a single table: it describes women's posts.
    """
    sex = Sex.parse(sex)
    params = params or national()
    only = params.only_group.get(sex)
    if only is not None:
        return only
    group = params.by_sex_and_age.get((sex, _as_int(female_original_age)))
    if group is not None:
        return group
    ours = sorted((g for g in params.groups.values() if g.sex is sex), key=lambda g: g.original_age)
    options = " 或 ".join(f"{g.original_age}（{g.label}）" for g in ours)
    if female_original_age is None:
        raise InputError(f"女职工须说明原法定退休年龄 female_original_age：{options}")
    raise InputError(
        f"原法定退休年龄 female_original_age 只能是 {options}，收到“{female_original_age}”"
    )


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def schedule_for(group: Group, born: YearMonth) -> DelaySchedule | None:
    """The delay schedule that governs a person: the one in force in the month they reach the
    original age (the 办法 delays those who reach it from 2025-01 on; the loader checks that each
    schedule starts so). Asked before the reform took effect, the answer is the same: a man born
    1965-05 reaches 60 in 2025-05, under the 办法, so his statutory age is 60 years 2 months even
    when the question is put on 2024-12-31. The day of a check decides whether he has reached it,
    never which law fixes it.

    >>> from shebao.rules.parameters import national
    >>> men = national().groups["male"]
    >>> schedule_for(men, YearMonth.coerce("1964-12")) is None
    True
    >>> schedule_for(men, YearMonth.coerce("1965-05")).max_delay_months
    36
    """
    return group.schedules.at(born.plus(group.original_age * 12).first_day)


def _delay(group: Group, born: YearMonth) -> int:
    return _delay_by(schedule_for(group, born), born.index)


def _delay_by(schedule: DelaySchedule | None, birth_index: int) -> int:
    if schedule is None:  # before the reform took effect the original age was the statutory age
        return 0
    offset = birth_index - schedule.first_delayed_birth
    if offset < 0:
        return 0
    return min(offset // schedule.birth_months_per_step + 1, schedule.max_delay_months)


def delay_months(
    birth: BirthLike,
    sex: Sex | str,
    female_original_age: int | str | None = None,
    *,
    params: Parameters | None = None,
) -> int:
    """Months added to the original age (0 for births before the tables start)."""
    return _delay(group_for(sex, female_original_age, params), YearMonth.coerce(birth))


def statutory_age(
    birth: BirthLike,
    sex: Sex | str,
    female_original_age: int | str | None = None,
    *,
    params: Parameters | None = None,
) -> Age:
    """法定退休年龄 for a birth month, as in the 办法's tables (see `schedule_for`).

    >>> statutory_age("1965-05", "male").label
    '60岁2个月'
    """
    group = group_for(sex, female_original_age, params)
    return Age.from_months(group.original_age * 12 + _delay(group, YearMonth.coerce(birth)))


def retirement_month(
    birth: BirthLike,
    sex: Sex | str,
    female_original_age: int | str | None = None,
    *,
    params: Parameters | None = None,
) -> YearMonth:
    """改革后退休时间: birth month + statutory age.

    >>> str(retirement_month("1965-04", "male")), str(retirement_month("1965-05", "male"))
    ('2025-05', '2025-07')
    """
    group = group_for(sex, female_original_age, params)
    born = YearMonth.coerce(birth)
    return born.plus(group.original_age * 12 + _delay(group, born))


def min_contribution(retirement_year: int, params: Parameters | None = None) -> MinContribution:
    """最低缴费年限 for a year of retirement, with its basis.

    A year takes the last value that took effect within or before it. Before the first value
    there is no parameter: we say so (InputError) rather than guess.
    """
    table = (params or national()).min_contribution
    if isinstance(retirement_year, bool) or not isinstance(retirement_year, int):
        raise InputError(f"退休年份应为整数，收到“{retirement_year}”")
    entry = table.at(dt.date(min(max(retirement_year, 1), 9999), 12, 31))
    if entry is None:
        raise InputError(
            f"{retirement_year} 年退休的最低缴费年限不在系统参数内"
            f"（参数自 {table.starts[0].year} 年起）"
        )
    return entry


def min_contribution_months(retirement_year: int, params: Parameters | None = None) -> int:
    """180 months up to 2029, then +6 a year from 2030, 240 from 2039 on.

    >>> [min_contribution_months(y) for y in (2029, 2030, 2039, 2045)]
    [180, 186, 240, 240]
    """
    return min_contribution(retirement_year, params).months


@dataclass(frozen=True, slots=True)
class FlexibleWindow:
    """Months a person may choose instead of the statutory one (办法第三条).

    `earliest` is the first month of an early retirement (None only when there is no flexible
    retirement at all: statutory month before 2025-01). Early retirement also needs the minimum
    contribution in force for the year of retiring: `early_min_contribution_months` is the one
    for the earliest month's year (the lowest of the window, since the minimum never falls).
    `early_available` is True when the contributions given already reach it, None when they were
    not given or fall short today (the person keeps paying until then: see `early_months_short`),
    and False only when there is no window.
    """

    earliest: YearMonth | None
    latest: YearMonth | None
    early_available: bool | None
    basis: str | None
    early_min_contribution_months: int | None = None
    early_months_short: int | None = None  # months still to pay by `earliest`; None: not given


_NO_FLEXIBLE = FlexibleWindow(None, None, False, None)


def _window(
    params: Parameters, born: YearMonth, group: Group, statutory: YearMonth, paid: int | None
) -> FlexibleWindow:
    rule = params.flexible.at(statutory.first_day)
    if rule is None:
        return _NO_FLEXIBLE
    latest = statutory.plus(rule.max_delay_months)
    never_below = born.plus(group.original_age * 12)
    earliest = max(statutory.plus(-rule.max_early_months), never_below)
    # The 办法 raises the minimum "by year of retirement": an early retirement is measured
    # against the year the person actually retires, i.e. the chosen month's year.
    entry = params.min_contribution.at(dt.date(earliest.year, 12, 31))
    needed = entry.months if entry else None
    short = None if paid is None or needed is None else max(needed - paid, 0)
    available = True if short == 0 else None
    return FlexibleWindow(earliest, latest, available, rule.basis, needed, short)


def flexible_window(
    birth: BirthLike,
    sex: Sex | str,
    female_original_age: int | str | None = None,
    *,
    contribution_months: int | None = None,
    params: Parameters | None = None,
) -> FlexibleWindow:
    """The flexible early/late bounds; see FlexibleWindow for what None means."""
    return retirement(
        birth,
        sex,
        female_original_age,
        contribution_months=contribution_months,
        params=params,
    ).flexible


@dataclass(frozen=True, slots=True)
class Retirement:
    """Everything the tables say about one person, with the basis of each figure."""

    birth: YearMonth
    sex: Sex
    group: Group
    delay_months: int
    statutory_age: Age
    retirement_month: YearMonth
    min_contribution: MinContribution | None  # None: retirement year before the parameters
    contribution_months: int | None
    flexible: FlexibleWindow
    age_basis: str

    @property
    def original_age(self) -> int:
        return self.group.original_age

    @property
    def min_contribution_months(self) -> int | None:
        return self.min_contribution.months if self.min_contribution else None


def retirement(
    birth: BirthLike,
    sex: Sex | str,
    female_original_age: int | str | None = None,
    *,
    contribution_months: int | None = None,
    params: Parameters | None = None,
) -> Retirement:
    """Statutory age and month, minimum contribution and flexible window in one call.

    Every figure is the law's for the month it concerns (the age and month: `schedule_for`; the
    minimum and the window: the retirement month), whatever day the question is asked on.
    Results are cached per (birth month, table, contributions): the rules engine asks about the
    same people many times, and a result is immutable.
    """
    params = params or national()
    group = group_for(sex, female_original_age, params)
    born = YearMonth.coerce(birth)
    cap = FACTS["contribution_months"].maximum or 0
    if contribution_months is not None and (
        isinstance(contribution_months, bool)
        or not isinstance(contribution_months, int)
        or not 0 <= contribution_months <= cap
    ):
        raise InputError(
            f"缴费月数 contribution_months 应为 0—{cap} 的整数，收到“{echo(contribution_months)}”"
        )
    return _retirement(params, born, group.key, contribution_months)


@lru_cache(maxsize=16_384)
def _retirement(
    params: Parameters,
    born: YearMonth,
    group_key: str,
    paid: int | None,
) -> Retirement:
    group = params.groups[group_key]
    schedule = schedule_for(group, born)
    delay = _delay_by(schedule, born.index)
    month = born.plus(group.original_age * 12 + delay)
    table = params.min_contribution
    minimum = table.at(dt.date(month.year, 12, 31))
    return Retirement(
        birth=born,
        sex=group.sex,
        group=group,
        delay_months=delay,
        statutory_age=Age.from_months(group.original_age * 12 + delay),
        retirement_month=month,
        min_contribution=minimum,
        contribution_months=paid,
        flexible=_window(params, born, group, month, paid),
        age_basis=schedule.basis if schedule and delay else group.original_age_basis,
    )
