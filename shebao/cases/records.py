"""A stored case as the core sees it: plain values the web's store reads back, for `present`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shebao.cases.applicants import Applicant
from shebao.cases.status import Status
from shebao.cases.timers import Timer
from shebao.guide.model import ChannelKind


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: dt.datetime
    from_status: Status | None  # None for the intake itself
    status: Status
    note: str
    by: str | None  # the staff member's user name; None: the system (`shebao cases remind`)


@dataclass(frozen=True)
class CaseRecord:
    number: str
    item: int
    item_name: str
    channel: ChannelKind
    point: str  # the service point (a catalog Place id) that took the case in
    outcome: Status
    status: Status
    applicant: Applicant  # the full number inside: present it masked unless asked otherwise
    provided: tuple[str, ...]  # every material brought so far, intake and supplements
    commitment_signed: bool
    received: dt.date
    accepted: dt.date | None
    due: dt.date | None
    due_estimated: bool
    supplement_due: dt.date | None
    supplement_due_estimated: bool
    decision: Mapping[str, Any]  # the frozen record (present.cases.decision_record)
    created_at: dt.datetime
    created_by: str | None
    timer: Timer | None  # today's, for open cases with a due date
    allowed: tuple[Status, ...] = ()  # the changes a staff member may choose today
    history: tuple[HistoryEntry, ...] = ()  # oldest first; empty when not read


@dataclass(frozen=True, slots=True)
class Reminder:
    case: CaseRecord
    new: bool  # not marked so by an earlier reminder run


@dataclass(frozen=True)
class Reminders:
    """What one run of `shebao cases remind` did and found."""

    today: dt.date
    recomputed: tuple[CaseRecord, ...]  # estimated dates counted again, the year now known
    terminated: tuple[CaseRecord, ...]  # 容缺 cases past their supplement deadline
    overdue: tuple[Reminder, ...]
    warning: tuple[Reminder, ...]
