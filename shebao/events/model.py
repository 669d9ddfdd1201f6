"""Life events (一件事一次办) as data: the guide's items in order, each with when it applies,
what it waits for, and the words of the guide that justify it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from shebao.errors import InputError, echo
from shebao.rules.conditions import Condition, given_inputs
from shebao.rules.materials import normalise

QUOTE_SOURCES = {
    "name": "事项名称",
    "description": "办理条件",
    "materials": "需提供要件",
    "tips": "温馨提示",
}


class StepStatus(StrEnum):
    """What the facts make of a step; no transitions: a new plan is made for new facts."""

    APPLIES = "applies"  # part of this journey on the facts given
    SKIPPED = "skipped"  # its condition is false on the facts given
    UNDECIDED = "undecided"  # the facts given cannot decide; the plan names the facts that would


@dataclass(frozen=True, slots=True)
class Quote:
    """Words of the guide, verbatim, and where they stand (checked when the events load)."""

    item: int
    item_name: str
    text: str
    source: str  # a key of QUOTE_SOURCES


@dataclass(frozen=True, slots=True)
class Law:
    """A national regulation cited beside the guide, where the guide alone does not say it."""

    text: str


@dataclass(frozen=True, slots=True)
class Step:
    """One step of an event: an item of the guide, or something done elsewhere (`outside`).

    `when` None: the step belongs to every journey of the event. `needs`: steps that must be
    done before this one, if they are part of the journey (a need on a skipped step falls away).
    """

    id: str
    title: str
    item: int | None  # None for a step done outside this center (工伤认定, 再次鉴定 …)
    when: Condition | None
    when_raw: Mapping[str, Any] | None  # the condition as written, for the Chinese rendering
    needs: tuple[str, ...]
    produces: str | None
    basis: tuple[Quote, ...]
    laws: tuple[Law, ...] = ()
    reading: str | None = None  # our reading where the guide leaves the step open
    optional: bool = False  # the guide says the step may be done (可以 / 不是必要项)
    applicant: str | None = None  # who applies, when not the person (用人单位、参保单位)
    authority: str | None = None  # outside steps: who decides
    done_when: Condition | None = None  # outside steps: the fact that says it is done
    done_when_raw: Mapping[str, Any] | None = None
    wait_months: int = 0  # months after the steps it needs before it may be applied for

    @property
    def outside(self) -> bool:
        return self.item is None


@dataclass(frozen=True)
class Event:
    key: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    subject: str  # whom the facts describe (the person who died, the unit …)
    steps: tuple[Step, ...]
    notes: tuple[str, ...] = ()
    source: str = ""  # the file it was read from, for messages

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    @property
    def items(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(s.item for s in self.steps if s.item is not None))

    @property
    def facts(self) -> tuple[str, ...]:
        """Every fact a step condition reads, in order of appearance (derived facts included)."""
        names: dict[str, None] = {}
        for step in self.steps:
            for condition in (step.when, step.done_when):
                if condition is not None:
                    names.update(dict.fromkeys(condition.facts))
        return tuple(names)

    @property
    def questions(self) -> tuple[str, ...]:
        """The facts a person may give that change which steps apply (derived facts expanded)."""
        names: dict[str, None] = {}
        for step in self.steps:
            for condition in (step.when, step.done_when):
                if condition is not None:
                    names.update(dict.fromkeys(given_inputs(condition)))
        return tuple(names)


@dataclass(frozen=True)
class EventBook:
    """A city's life events, loaded with its catalog (so the catalog version covers them)."""

    events: tuple[Event, ...]
    catalog_version: str

    def find(self, text: str) -> Event:
        """An event by key, name or alias (case, width, spaces and book-title marks ignored)."""
        wanted = normalise(str(text)).lower()
        for event in self.events:
            spellings = (event.key, event.name, *event.aliases)
            if wanted and any(normalise(s).lower() == wanted for s in spellings):
                return event
        valid = "、".join(f"{e.key}（{e.name}）" for e in self.events) or "（无）"
        raise InputError(f"没有名为“{echo(text)}”的事件；可选：{valid}")
