"""A stored case's deadlines on today's calendar: estimated dates become exact once the year's
holiday arrangement is loaded, counted with the limits frozen in the decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shebao.guide.model import ChannelKind
from shebao.workdays.deadlines import ANY_DAY_CHANNELS, due_date
from shebao.workdays.workcalendar import WorkCalendar


@dataclass(frozen=True, slots=True)
class CaseDates:
    accepted: dt.date
    due: dt.date
    due_estimated: bool
    supplement_due: dt.date | None = None
    supplement_due_estimated: bool = False


def dates_again(record: Mapping[str, Any], calendar: WorkCalendar) -> CaseDates | None:
    """The deadlines of a stored decision (`present.cases.decision_record`) counted again on
    `calendar`; None for a decision without deadlines (refused, returned).

    The item's limit and the supplement limit are the ones frozen in the decision, never
    today's data: a later guide does not move a promise already made.

    >>> from shebao.workdays.workcalendar import WorkCalendar
    >>> record = {"due": "2026-10-13", "received": "2026-09-30", "channel": "window",
    ...           "time_limit_working_days": 5, "supplement_working_days": 3}
    >>> again = dates_again(record, WorkCalendar())  # 国庆 1–7 Oct; Saturday 10 Oct is worked
    >>> again.due, again.supplement_due, again.due_estimated
    (datetime.date(2026, 10, 13), datetime.date(2026, 10, 10), False)
    """
    if record.get("due") is None:
        return None
    channel = ChannelKind(record["channel"])
    deadline = due_date(
        dt.date.fromisoformat(record["received"]),
        record["time_limit_working_days"],  # None: settled on the spot
        calendar=calendar,
        any_day=channel in ANY_DAY_CHANNELS,
    )
    accepted = deadline.acceptance_day
    days = record.get("supplement_working_days")
    if days is None:
        return CaseDates(accepted, deadline.due, deadline.estimated)
    supplement = calendar.add_workdays(accepted, days)
    return CaseDates(
        accepted,
        deadline.due,
        deadline.estimated,
        supplement,
        bool(calendar.unknown_years(accepted, supplement)),
    )
