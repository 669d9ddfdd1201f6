"""Cases: the intake decision, applicants, case numbers, status changes and timers.

Nothing here stores anything: the web's case store calls these and keeps what they return
(`shebao.present.cases.decision_record`) in its own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from shebao.cases import decision as _decision
from shebao.cases.applicants import Applicant, Person, Unit, parse_applicant
from shebao.cases.case_numbers import new_case_number, parse_case_number
from shebao.cases.decision import Decision, NeedCommitment, NeedFacts, SupplementCheck
from shebao.cases.documents import Document, last6_matches, mask_id
from shebao.cases.due import CaseDates, dates_again
from shebao.cases.letters import Letter, letter_for
from shebao.cases.records import CaseRecord, HistoryEntry, Reminder, Reminders
from shebao.cases.status import (
    OUTCOMES,
    Status,
    TransitionNotAllowed,
    allowed_targets,
    check_manual_transition,
    check_transition,
    manual_targets,
)
from shebao.cases.timers import WARNING_DAYS, Timer, timer, timer_bounds
from shebao.guide.model import ChannelKind
from shebao.rules.identity import Sex
from shebao.runtime import Runtime

# Re-exported too, so that adapters import services only.
__all__ = [
    "OUTCOMES",
    "CaseDates",
    "CaseRecord",
    "ChannelKind",
    "Decision",
    "Document",
    "HistoryEntry",
    "Letter",
    "NeedCommitment",
    "NeedFacts",
    "Person",
    "Reminder",
    "Reminders",
    "Sex",
    "Status",
    "SupplementCheck",
    "Timer",
    "TransitionNotAllowed",
    "Unit",
    "allowed_targets",
    "case_dates",
    "case_timer",
    "check_manual_transition",
    "check_transition",
    "decide_intake",
    "last6_matches",
    "letter_for",
    "manual_targets",
    "mask_id",
    "new_case_number",
    "parse_case_number",
    "read_applicant",
    "supplement_materials",
    "timer_classes",
]


def read_applicant(rt: Runtime, raw: Mapping[str, Any] | Applicant) -> Applicant:
    """The applicant from the API's JSON (see `parse_applicant`), validated."""
    if isinstance(raw, Person | Unit):
        return raw
    return parse_applicant(raw, today=rt.today())


def decide_intake(
    rt: Runtime,
    item: int | str,
    channel: ChannelKind | str,
    applicant: Mapping[str, Any] | Applicant,
    facts: Mapping[str, Any],
    provided: Sequence[str] | str,
    commitment_signed: bool,
    received: dt.date | None = None,
) -> Decision:
    """Take an application in: refused, accepted, accepted_pending_materials or returned.

    Raises InputError for bad input, and its subclasses NeedFacts (facts the rules need) and
    NeedCommitment (only 容缺 materials missing, commitment not signed): nothing to store then.
    """
    who = read_applicant(rt, applicant)
    return _decision.decide_intake(
        rt, item, channel, who, facts, provided, commitment_signed, received
    )


def supplement_materials(
    rt: Runtime, item: int | str, before: Sequence[str], now: Sequence[str] | str
) -> SupplementCheck:
    """Materials brought after intake: complete now, or what is still missing."""
    return _decision.check_supplement(rt, item, before, now)


def case_timer(
    rt: Runtime,
    status: Status | str,
    due: dt.date | None,
    today: dt.date | None = None,
    warning_days: int = WARNING_DAYS,
) -> Timer | None:
    """The timer of a case: None when it is final or has no due date, else normal/warning/overdue
    by today in Beijing (or `today`) on the working-day calendar."""
    if due is None or Status.parse(status).final:
        return None
    return timer(due, today or rt.today(), rt.calendar, warning_days)


def timer_classes(
    rt: Runtime, today: dt.date | None = None, warning_days: int = WARNING_DAYS
) -> tuple[dt.date, dt.date]:
    """For a query on open cases: due before the first date is overdue, before the second a
    warning, from the second on normal (the same classes `case_timer` gives one case)."""
    return timer_bounds(today or rt.today(), rt.calendar, warning_days)


def case_dates(rt: Runtime, record: Mapping[str, Any]) -> CaseDates | None:
    """A stored decision's deadlines counted again on today's calendar, with its frozen limits
    (for dates estimated when the year's holidays were not yet known)."""
    return dates_again(record, rt.calendar)
