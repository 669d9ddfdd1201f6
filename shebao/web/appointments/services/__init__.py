"""The appointment use cases, each owning its transaction: what the API, pages and CLI call."""

from __future__ import annotations

from shebao.appointments.rules import Refused
from shebao.web.appointments.services.bookings import (
    BookingNotFound,
    book,
    cancel,
    look_up,
    parse_day,
    reschedule,
    slots,
)
from shebao.web.appointments.services.limits import Caller, RateLimited
from shebao.web.appointments.services.policies import (
    current_policy,
    schedule_for,
    schedules,
    set_rule,
    set_schedule,
)
from shebao.web.appointments.services.tickets import (
    IntakePerson,
    NotYourPoint,
    TicketNotFound,
    call_next,
    check_point_of,
    hall_board,
    intake_person,
    recall,
    serve,
    skip,
    take_ticket,
    today_view,
)

__all__ = [
    "BookingNotFound",
    "Caller",
    "IntakePerson",
    "NotYourPoint",
    "RateLimited",
    "Refused",
    "TicketNotFound",
    "book",
    "call_next",
    "cancel",
    "check_point_of",
    "current_policy",
    "hall_board",
    "intake_person",
    "look_up",
    "parse_day",
    "recall",
    "reschedule",
    "schedule_for",
    "schedules",
    "serve",
    "set_rule",
    "set_schedule",
    "skip",
    "slots",
    "take_ticket",
    "today_view",
]
