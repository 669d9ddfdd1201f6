"""Life events (一件事一次办): the events of the guide, and a plan for one event and a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shebao.errors import ShebaoError
from shebao.events.model import Event, StepStatus
from shebao.events.planning import Plan, build_plan
from shebao.rules.facts import Facts
from shebao.runtime import Runtime
from shebao.services.checks import facts as parse_facts
from shebao.workdays.dates import check_supported


def events(rt: Runtime) -> tuple[Event, ...]:
    """Every life event of the city's guide, in a stable order."""
    return rt.guide.events.events


def event(rt: Runtime, name: str | Event) -> Event:
    """An event by key (`death`), Chinese name (家人去世) or alias; InputError lists the valid."""
    return name if isinstance(name, Event) else rt.guide.events.find(name)


def plan(
    rt: Runtime,
    which: str | Event,
    given: Mapping[str, Any] | Facts,
    start: dt.date | None = None,
) -> Plan:
    """The journey for these facts, starting on `start` (default: today in Beijing).

    `given` as a person sends it (validated by the fact specifications) or already parsed.
    """
    if start is not None:
        check_supported(start, "开始日期")
    found = event(rt, which)
    parsed = given if isinstance(given, Facts) else parse_facts(rt, given)
    return build_plan(rt.guide, rt.parameters, rt.calendar, found, parsed, start or rt.today())


@dataclass(frozen=True, slots=True)
class NextStep:
    """A step of a life event that may follow a case of `after` (an item), for the desk."""

    item: int
    item_name: str
    events: tuple[str, ...]  # the events' names it follows in
    undecided: tuple[str, ...] = ()  # facts that would say whether it applies


def next_steps(
    rt: Runtime, item: int, given: Mapping[str, Any], on: dt.date | None = None
) -> tuple[NextStep, ...]:
    """The guide's items that may come next after a case of `item`, in every event it is a
    step of: later steps handled at the center, needing only steps up to this one (or outside
    ones the facts say are done), and not
    ruled out by the case's facts (those the facts cannot decide are kept, with what decides).

    Facts that no longer validate (the facts table changed since the case) count as unknown.
    """
    try:
        parsed = parse_facts(rt, given)
    except ShebaoError:
        parsed = parse_facts(rt, {})
    found: dict[int, NextStep] = {}
    for ev in events(rt):
        at = [n for n, s in enumerate(ev.steps) if s.item == item]
        if not at:
            continue
        journey = build_plan(rt.guide, rt.parameters, rt.calendar, ev, parsed, on or rt.today())
        # done: the steps up to this one, and those outside the center the facts say are done
        upto = {s.id for s in ev.steps[: at[0] + 1]} | {
            p.step.id for p in journey.steps if p.step.item is None and p.done
        }
        for planned in journey.steps[at[0] + 1 :]:
            step = planned.step
            if step.item is None or step.item == item or not set(step.needs) <= upto:
                continue
            if planned.status is StepStatus.SKIPPED:
                continue
            undecided = planned.missing_facts if planned.status is StepStatus.UNDECIDED else ()
            known = found.get(step.item)
            names = (known.events if known else ()) + (ev.name,)
            found[step.item] = NextStep(
                step.item,
                rt.catalog.item(step.item).name,
                tuple(dict.fromkeys(names)),
                known.undecided if known else undecided,
            )
    return tuple(found.values())
