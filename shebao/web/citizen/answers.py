"""The answers given so far, carried from screen to screen in one signed form field.

Answers are a list of (fact, value) in the order given; a value of None is "不清楚" (or, for
the ID number, "answer birth date and sex instead"). Nothing is kept on the server: every
screen re-reads the list, re-validates it through the fact specifications and asks the
services again which fact still decides the answer. The ID number is never carried: it is
replaced by the birth date and sex it encodes as soon as it is read.

A birth month alone (people know their month; the retirement tables count in months) is tried
as the first and as the last day of the month: when both give the same answer it stands, and
only when they differ is the day asked for.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core import signing

from shebao.web.citizen.questions import BIRTH, ID_NUMBER, SEX

MAX_AGE = 24 * 60 * 60  # seconds a form stays valid: a check started today, finished today
MAX_ANSWERS = 80  # more than every fact: a longer list did not come from these pages
T = TypeVar("T")


@dataclass
class Answers:
    given: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def facts(self) -> dict[str, Any]:
        """The facts as the services take them (a birth month is not a fact: see `month`)."""
        out: dict[str, Any] = {}
        for name, value in self.given:
            if value is None or (name == BIRTH and len(value) == 7):
                continue
            if name == ID_NUMBER:
                out.update(value)
            else:
                out[name] = value
        return out

    @property
    def month(self) -> str | None:
        """The birth month (YYYY-MM) when only the month was given."""
        found = [v for n, v in self.given if n == BIRTH and v is not None]
        return found[-1] if found and len(found[-1]) == 7 else None

    @property
    def unknown(self) -> set[str]:
        return {name for name, value in self.given if value is None}

    @property
    def asked(self) -> set[str]:
        return {name for name, _ in self.given}

    def birth_known(self) -> bool:
        return BIRTH in self.facts or self.month is not None

    def variants(self, today: dt.date) -> list[dict[str, Any]]:
        """The fact sets to try: one, or two when only the birth month is known."""
        facts, month = self.facts, self.month
        if month is None or BIRTH in facts:
            return [facts]
        year, mon = map(int, month.split("-"))
        first = dt.date(year, mon, 1)
        last = min(dt.date(year, mon, calendar.monthrange(year, mon)[1]), today)
        return [facts | {BIRTH: first.isoformat()}, facts | {BIRTH: last.isoformat()}]

    def dump(self, salt: str) -> str:
        return signing.dumps([list(pair) for pair in self.given], salt=salt, compress=True)

    @classmethod
    def load(cls, text: str | None, salt: str) -> Answers | None:
        """The answers of a form, or None when the field was altered, is stale or malformed."""
        if not text:
            return cls()
        try:
            raw = signing.loads(text, salt=salt, max_age=MAX_AGE)
        except signing.BadSignature:  # SignatureExpired is one too
            return None
        ok = isinstance(raw, list) and len(raw) <= MAX_ANSWERS
        if not ok or not all(isinstance(p, list) and len(p) == 2 for p in raw):
            return None
        return cls([(str(name), value) for name, value in raw])


@dataclass(frozen=True)
class Step(Generic[T]):
    """Where a run of questions stands: the services' result, and the next question if any."""

    result: T
    ask: str | None  # the fact to ask next; None: the answer is ready
    day_required: bool = False  # the birth month is not enough: ask the day


def next_step(
    answers: Answers,
    today: dt.date,
    run: Callable[[dict[str, Any]], T],
    signature: Callable[[T], Hashable],
    missing: Callable[[T], Sequence[str]],
    order: Sequence[str] = (),
) -> Step[T]:
    """Run the service on the answers and pick the one question that still decides it.

    `missing(result)` names the facts that would decide (empty: decided); `order` puts some
    first (a life event's own questions). Facts answered "不清楚" are not asked again. With a
    birth month only, both ends of the month are run and the questions go on while either is
    open; when both are settled alike the answer stands, otherwise the day is asked.
    """
    results = [run(facts) for facts in answers.variants(today)]
    asks = [_first_to_ask(_ranked(missing(r), order), answers) for r in results]
    ask = next((a for a in asks if a is not None), None)
    if ask is not None or len({signature(r) for r in results}) == 1:
        return Step(results[0], ask)
    return Step(results[0], BIRTH, day_required=True)


def _ranked(wanted: Sequence[str], order: Sequence[str]) -> list[str]:
    return [n for n in order if n in wanted] + [n for n in wanted if n not in order]


def _first_to_ask(wanted: Sequence[str], answers: Answers) -> str | None:
    unknown, facts = answers.unknown, answers.facts
    for name in wanted:
        if name in unknown or name in facts:
            continue
        if name in (BIRTH, SEX) and _id_would_help(answers):
            return ID_NUMBER
        if name == BIRTH and answers.month is not None:
            continue  # tried as both ends of the month: they agreed
        return name
    return None


def _id_would_help(answers: Answers) -> bool:
    """The ID number gives both birth date and sex: offered while neither is known."""
    return ID_NUMBER not in answers.asked and not answers.birth_known() and SEX not in answers.facts
