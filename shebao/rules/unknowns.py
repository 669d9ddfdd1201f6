"""Deciding without every fact: try the values of the facts still needed (numbers by stretches).

Three-valued logic cannot see that a woman of 66 from another province is refused by entry 6
whatever her sex, nor that a man past every statutory age with 200 months may retire whatever
his sex. Trying the values can: a fact not given is branched on only when an evaluation still
needs it (so female_original_age is tried only where sex is female), yes/no and choice facts by
value, numeric facts by the stretches between the points where some comparison changes (the
rules' literals and the derived facts' parameter tables), so a handful of values stand for all.

The result is a tree whose leaves say allowed or refused (with the rules). A fact is worth asking
for only if two leaves that differ in that fact alone disagree. The exploration stops, and the
caller falls back to the plain three-valued answer (never wrong, only less precise), when a case
still lacks a fact that cannot be tried (a birth date: the answer then waits for it anyway) or
past a bound on the number of evaluations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any, NamedTuple

from shebao.rules.facts import BOOL, CHOICE, INT, NUMBER, FactSpec

MAX_EVALUATIONS = 64  # per check; a typical tree needs 3—15


class Span(NamedTuple):
    """Numbers from `low` to `high`; the flags say whether each end belongs to it."""

    low: Any
    low_closed: bool
    high: Any
    high_closed: bool

    def before(self, other: Span) -> bool:
        """Entirely below `other`."""
        if self.high != other.low:
            return self.high < other.low
        return not (self.high_closed and other.low_closed)

    def label(self) -> str:
        if self.low == self.high:
            return str(self.low)
        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        return f"{left}{self.low}, {self.high}{right}"


Region = Span | tuple[str, Any]  # numeric stretch, or ("=", value) for yes/no and choices


def apart(a: Region, b: Region) -> bool:
    """No value lies in both regions."""
    if isinstance(a, Span) and isinstance(b, Span):
        return a.before(b) or b.before(a)
    return a != b


def region_label(region: Region) -> Any:
    return region.label() if isinstance(region, Span) else region[1]


def numeric_choices(spec: FactSpec, cuts: Iterable[tuple[Any, int]]) -> list[tuple[Any, Region]]:
    """One value per stretch of [0, maximum] between cuts (see derived.Derived.cuts).

    >>> from shebao.rules.facts import FACTS
    >>> [v for v, _ in numeric_choices(FACTS["contribution_months"], [(180, 0), (186, 0)])]
    [0, 180, 186]
    >>> [v for v, _ in numeric_choices(FACTS["lump_sum_years"], [(3, 0)])]
    [0, 3]
    """
    low_end, high_end = 0, spec.maximum or 0
    points: set[tuple[Any, int]] = set()
    for value, side in cuts:
        if spec.kind == INT and side == 1:  # integers: "≤ v | > v" is "< v+1 | ≥ v+1"
            value, side = value + 1, 0
        if (side == 0 and low_end < value <= high_end) or (
            side == 1 and low_end <= value < high_end
        ):
            points.add((value, side))
    spans: list[Span] = []
    low, low_closed = low_end, True
    for value, side in sorted(points):
        spans.append(Span(low, low_closed, value, side == 1))
        low, low_closed = value, side == 0
    spans.append(Span(low, low_closed, high_end, True))
    if spec.kind == INT:  # closed integer ends, so that spans from different cuts compare exactly
        spans = [
            Span(
                s.low if s.low_closed else s.low + 1,
                True,
                s.high if s.high_closed else s.high - 1,
                True,
            )
            for s in spans
        ]
    return [(_inside(s), s) for s in spans]


def _inside(span: Span) -> Any:
    if span.low_closed:
        return span.low
    if span.high_closed:
        return span.high
    return (span.low + span.high) / 2


def discrete_choices(spec: FactSpec) -> list[tuple[Any, Region]] | None:
    if spec.kind == BOOL:
        return [(False, ("=", False)), (True, ("=", True))]
    if spec.kind == CHOICE and spec.choices:
        return [(value, ("=", value)) for value in spec.choices]
    return None


def triable(spec: FactSpec) -> bool:
    return spec.kind in (BOOL, CHOICE, INT, NUMBER)


class Outcome(NamedTuple):
    """One evaluation: allowed True/False, or None with the facts still missing."""

    allowed: bool | None
    violated: frozenset[str]  # rule ids
    missing: tuple[str, ...]  # when allowed is None: the facts the undecided rules lack
    context: Any  # what `choices` may consult (the derived facts' cuts)
    undecided: tuple[str, ...] = ()  # ids of rules the facts could not decide


@dataclass(frozen=True, slots=True)
class Leaf:
    regions: Mapping[str, Region]  # the facts tried on the way here
    allowed: bool
    violated: frozenset[str]


# Evaluate the case with these facts tried, knowing the parent's outcome: a rule decided there
# stays decided (more facts only ever settle an unknown), so only its undecided rules need a look.
Evaluate = Callable[[Mapping[str, Any], Outcome], Outcome]
Choices = Callable[[str, Any], list[tuple[Any, Region]] | None]


def explore(
    first: Outcome, evaluate: Evaluate, choices: Choices, limit: int = MAX_EVALUATIONS
) -> list[Leaf] | None:
    """The leaves of the tree grown from `first` (an undecided outcome); None if a case stays
    undecided with nothing left to try, or past `limit` evaluations.

    At each undecided node the fact with the fewest values is tried first (ties: schema order),
    so people's facts come before numbers, whose stretches depend on who the person is.
    """
    leaves: list[Leaf] = []
    stack: list[tuple[dict[str, Any], dict[str, Region], Outcome]] = [({}, {}, first)]
    evaluations = 0
    while stack:
        tried, regions, parent = stack.pop()
        outcome = parent
        if tried:
            evaluations += 1
            if evaluations > limit:
                return None
            outcome = evaluate(tried, parent)
        if outcome.allowed is not None:
            leaves.append(Leaf(regions, outcome.allowed, outcome.violated))
            continue
        options = [
            (name, found)
            for name in outcome.missing
            if (found := choices(name, outcome.context)) is not None
        ]
        if not options:
            return None
        name, values = min(options, key=lambda option: len(option[1]))
        for value, region in reversed(values):
            stack.append(({**tried, name: value}, {**regions, name: region}, outcome))
    return leaves


def facts_that_matter(leaves: list[Leaf], order: Iterable[str]) -> tuple[str, ...]:
    """The facts whose value changes the answer, in schema order.

    Two leaves that disagree and differ in one fact alone prove that fact matters; and every fact
    that matters shows up so (between any two disagreeing cases, change one fact at a time: some
    step changes the answer, and its two leaves differ in that fact alone).
    """
    wanted: set[str] = set()
    allowed = [leaf for leaf in leaves if leaf.allowed]
    refused = [leaf for leaf in leaves if not leaf.allowed]
    for a, b in product(allowed, refused):
        differ = [
            n for n in a.regions.keys() & b.regions.keys() if apart(a.regions[n], b.regions[n])
        ]
        if len(differ) == 1:
            wanted.add(differ[0])
    return tuple(n for n in order if n in wanted)
