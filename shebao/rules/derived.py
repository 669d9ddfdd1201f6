"""Facts computed from given facts on the day of the check: age, and where a person stands against
the statutory retirement age, the minimum contribution and the flexible-retirement window.

They are what rules say in the words of the law ("not yet at statutory age"); the arithmetic
lives in `shebao.rules.retirement`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from shebao.rules.facts import BOOL, FACTS, INT, Facts, FactSpec
from shebao.rules.months import YearMonth
from shebao.rules.parameters import Parameters, national
from shebao.rules.retirement import min_contribution_months, retirement


class NeedFacts(Exception):  # a signal inside the engine, never shown as an error
    """Raised while computing a derived fact whose inputs were not given."""

    def __init__(self, names: frozenset[str]) -> None:
        super().__init__(", ".join(sorted(names)))
        self.names = names


class Context:
    """The facts of one check and the day it is made; derived facts are computed once, on demand."""

    __slots__ = ("_derived", "_missing", "details", "facts", "on", "params", "retirement", "values")

    def __init__(
        self,
        facts: Facts,
        on: dt.date,
        parent: Context | None = None,
        params: Parameters | None = None,
    ) -> None:
        """`parent`: a context with a subset of these facts, same day; what it knew still holds
        (more facts only ever settle an unknown), so its derived values are taken over.
        `params`: the national parameters (the parent's, or the packaged ones)."""
        self.params = params or (parent.params if parent is not None else national())
        self.facts = facts
        self.values = facts.values
        self.on = on
        self._derived: dict[str, Any] = {}
        self._missing: dict[str, frozenset[str]] = {}
        self.details: dict[str, Any] = {}  # figures behind derived facts, shown with a decision
        self.retirement: Any = None
        if parent is not None:
            self._derived = {k: v for k, v in parent._derived.items() if v is not None}
            self.retirement = parent.retirement

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


Cuts = dict[str, frozenset[tuple[Any, int]]]


@dataclass(frozen=True, slots=True)
class Derived:
    spec: FactSpec
    inputs: tuple[str, ...]  # the given facts it may read, shown as the facts a decision used
    compute: Callable[[Context], Any]
    # For numeric inputs: the points where the value may change, as (v, 0) "below v | from v on"
    # or (v, 1) "up to v | above v". Lets the engine try one value per stretch (prohibitions.py).
    cuts: Callable[[Context], Cuts] | None = None


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
    born, sex = ctx.require("birth_date", "sex")
    original = ctx.require("female_original_age")[0] if sex == "female" else None
    result = retirement(born, sex, original, params=ctx.params)
    window = result.flexible
    ctx.retirement = result
    year = _retiring_year(result, ctx.on, ctx.values.get("flexible_early"))
    ctx.details["retirement"] = {
        "statutory_age": result.statutory_age.label,
        "retirement_month": str(result.retirement_month),
        "min_contribution_months": _minimum(
            ctx.params, year if year is not None else _statutory_year(result)
        ),
        "min_contribution_year": year if year is not None else _statutory_year(result),
        "earliest_flexible_month": str(window.earliest) if window.earliest else None,
        "statutory_age_basis": result.age_basis,
    }
    return result


# Which year's minimum contribution applies (entry 3; 办法第二条 raises it "by year of retirement"):
# the year the person actually retires. At or past the statutory month that is the statutory
# month's year (someone who reached statutory age in 2029 keeps the 2029 minimum, whenever they
# apply); before it, only a flexible early retirement is possible, in the month of the check.


def _statutory_year(result: Any) -> int:
    return int(result.retirement_month.year)


def _retiring_year(result: Any, on: dt.date, flexible_early: bool | None) -> int | None:
    """The year whose minimum applies; None when it turns on the unknown `flexible_early`."""
    if YearMonth.of(on) >= result.retirement_month or flexible_early is False:
        return _statutory_year(result)
    return on.year if flexible_early else None


@lru_cache(maxsize=1024)
def _minimum(params: Parameters, year: int) -> int:
    """The minimum for a year of retirement. Before the tables (社会保险法, 2011-07) the first
    value, 15 years: the rule of 国发〔1997〕26号 too, so an early retiree is not asked for more."""
    return min_contribution_months(max(year, params.min_contribution.starts[0].year), params)


def _minimum_candidates(ctx: Context) -> tuple[frozenset[int], frozenset[str]]:
    """The minimums that may apply on the facts given, and the unknown facts that would pin one.

    Without a birth date every value of the table is possible (all ≥ 180, so 100 months is short
    whoever the person is); with it, one value per table the person may fall under.
    """
    values = ctx.values
    born, sex = values.get("birth_date"), values.get("sex")
    original, flexible = values.get("female_original_age"), values.get("flexible_early")
    if born is not None and (sex == "male" or (sex == "female" and original is not None)):
        year = _retiring_year(_retirement(ctx), ctx.on, flexible)  # one table: the usual case
        if year is not None:
            return frozenset({_minimum(ctx.params, year)}), frozenset()
    params = ctx.params
    if born is None:
        lacking = {"birth_date"} | ({"sex"} if sex is None else set())
        if sex == "female" and original is None:
            lacking.add("female_original_age")
        return frozenset(v.months for v in params.min_contribution.values), frozenset(lacking)
    groups = [
        g
        for g in params.groups.values()
        if sex in (None, g.sex.value) and (sex != "female" or original in (None, g.original_age))
    ]
    lacking = set()
    if sex is None and len(groups) > 1:
        lacking.add("sex")
    elif sex == "female" and original is None:
        lacking.add("female_original_age")
    found = set()
    for group in groups:
        result = retirement(born, group.sex, group.original_age, params=params)
        year = _retiring_year(result, ctx.on, flexible)
        if year is None:
            lacking.add("flexible_early")
            found.update((_minimum(params, ctx.on.year), _minimum(params, _statutory_year(result))))
        else:
            found.add(_minimum(params, year))
    return frozenset(found), frozenset(lacking)


def _below_min_contribution(ctx: Context) -> bool:
    """Decided whenever every minimum that may apply agrees, even if the person is not known."""
    candidates, lacking = _minimum_candidates(ctx)
    paid = ctx.values.get("contribution_months")
    if paid is None:
        raise NeedFacts(lacking | {"contribution_months"})
    if lacking:  # decided, if at all, by the whole range: say which range
        ctx.details["min_contribution_range"] = [min(candidates), max(candidates)]
    if paid < min(candidates):
        return True
    if paid >= max(candidates):
        return False
    raise NeedFacts(lacking)


def _contribution_cuts(ctx: Context) -> dict[str, frozenset[tuple[int, int]]]:
    """Where `below_min_contribution` changes as contributions grow: at each possible minimum."""
    return {"contribution_months": frozenset((m, 0) for m in _minimum_candidates(ctx)[0])}


def _below_statutory_age(ctx: Context) -> bool:
    """Month granularity, as in the tables: the retirement month itself counts as reached."""
    return YearMonth.of(ctx.on) < _retirement(ctx).retirement_month


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
            (*_PERSON, "flexible_early", "contribution_months"),
            _below_min_contribution,
            _contribution_cuts,
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
