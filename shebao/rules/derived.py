"""Facts computed from given facts on the day of the check: age, and where a person stands against
the statutory retirement age, the minimum contribution and the flexible-retirement window.

They are what rules say in the words of the law ("not yet at statutory age"); the arithmetic
lives in `shebao.rules.retirement`, reached through `_retirement` only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shebao.rules.facts import BOOL, FACTS, INT, Facts, FactSpec
from shebao.rules.months import YearMonth


class NeedFacts(Exception):  # a signal inside the engine, never shown as an error
    """Raised while computing a derived fact whose inputs were not given."""

    def __init__(self, names: frozenset[str]) -> None:
        super().__init__(", ".join(sorted(names)))
        self.names = names


class Context:
    """The facts of one check and the day it is made; derived facts are computed once, on demand."""

    __slots__ = ("_derived", "_missing", "details", "facts", "on", "retirement", "values")

    def __init__(self, facts: Facts, on: dt.date) -> None:
        self.facts = facts
        self.values = facts.values
        self.on = on
        self._derived: dict[str, Any] = {}
        self._missing: dict[str, frozenset[str]] = {}
        self.details: dict[str, Any] = {}  # figures behind derived facts, shown with a decision
        self.retirement: Any = None

    def derived(self, name: str) -> Any:
        """The value of a derived fact, or None when the facts it needs were not given."""
        try:
            return self._derived[name]
        except KeyError:
            pass
        try:
            value = DERIVED[name].compute(self)
        except NeedFacts as need:
            self._missing[name] = need.names
            value = None
        self._derived[name] = value
        return value

    def missing_for(self, name: str) -> frozenset[str]:
        """The given facts still needed to know `name` (empty when it is known)."""
        if name in DERIVED:
            self.derived(name)
            return self._missing.get(name, frozenset())
        return frozenset() if name in self.values else frozenset({name})

    def require(self, *names: str) -> tuple[Any, ...]:
        values = tuple(self.values.get(n) for n in names)
        lacking = frozenset(n for n, v in zip(names, values, strict=True) if v is None)
        if lacking:
            raise NeedFacts(lacking)
        return values


@dataclass(frozen=True, slots=True)
class Derived:
    spec: FactSpec
    inputs: tuple[str, ...]  # the given facts it may read, shown as the facts a decision used
    compute: Callable[[Context], Any]


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years (周岁) on a day; a 29 February birthday counts from 1 March.

    >>> born = dt.date(1975, 6, 15)
    >>> age_on(born, dt.date(2025, 6, 14)), age_on(born, dt.date(2025, 6, 15))
    (49, 50)
    """
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _age(ctx: Context) -> int:
    (born,) = ctx.require("birth_date")
    return age_on(born, ctx.on)


def _retirement(ctx: Context) -> Any:
    """The adapter to the retirement tables: one call per check, cached by the tables themselves."""
    if ctx.retirement is not None:
        return ctx.retirement
    from shebao.rules.retirement import retirement

    born, sex = ctx.require("birth_date", "sex")
    original = ctx.require("female_original_age")[0] if sex == "female" else None
    result = retirement(born, sex, original, on=ctx.on)
    window = result.flexible
    ctx.retirement = result
    ctx.details["retirement"] = {
        "statutory_age": result.statutory_age.label,
        "retirement_month": str(result.retirement_month),
        "min_contribution_months": _minimum(result, ctx.on),
        "earliest_flexible_month": str(window.earliest) if window.earliest else None,
    }
    return result


def _minimum(result: Any, on: dt.date) -> int:
    """The statutory year's minimum (the tables' choice); before the tables, the one in force."""
    if result.min_contribution_months is not None:
        return int(result.min_contribution_months)
    from shebao.rules.retirement import min_contribution_months

    return min_contribution_months(max(on.year, 2011))


def _below_statutory_age(ctx: Context) -> bool:
    """Month granularity, as in the tables: the retirement month itself counts as reached."""
    return YearMonth.of(ctx.on) < _retirement(ctx).retirement_month


def _below_min_contribution(ctx: Context) -> bool:
    lacking: frozenset[str] = frozenset()
    try:
        result = _retirement(ctx)
    except NeedFacts as need:
        lacking = need.names
    paid = ctx.values.get("contribution_months")
    if paid is None:
        lacking |= {"contribution_months"}
    if lacking:
        raise NeedFacts(lacking)
    return paid < _minimum(result, ctx.on)


def _before_earliest_flexible(ctx: Context) -> bool:
    """No window at all (statutory month before the reform) counts as "before" it."""
    earliest = _retirement(ctx).flexible.earliest
    return earliest is None or YearMonth.of(ctx.on) < earliest


_PERSON = ("birth_date", "sex", "female_original_age")
DERIVED: dict[str, Derived] = {
    d.spec.name: d
    for d in (
        Derived(FactSpec("age", INT, "周岁年龄", maximum=150, derived=True), ("birth_date",), _age),
        Derived(
            FactSpec("below_statutory_age", BOOL, "未达到法定退休年龄", derived=True),
            _PERSON,
            _below_statutory_age,
        ),
        Derived(
            FactSpec("below_min_contribution", BOOL, "累计缴费未满最低缴费年限", derived=True),
            (*_PERSON, "contribution_months"),
            _below_min_contribution,
        ),
        Derived(
            FactSpec("before_earliest_flexible", BOOL, "早于弹性提前退休的最早月份", derived=True),
            _PERSON,
            _before_earliest_flexible,
        ),
    )
}

DERIVED_SPECS: dict[str, FactSpec] = {name: d.spec for name, d in DERIVED.items()}
ALL_SPECS: dict[str, FactSpec] = {**FACTS, **DERIVED_SPECS}


def inputs_of(name: str) -> tuple[str, ...]:
    """The given facts behind a fact name (itself, for a given fact)."""
    return DERIVED[name].inputs if name in DERIVED else (name,)
