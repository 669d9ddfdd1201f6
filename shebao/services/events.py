"""Life events (一件事一次办): the events of the guide, and a plan for one event and a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from shebao.events.model import Event
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
