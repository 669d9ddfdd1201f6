"""The appointment use cases, each owning its transaction: what the API, pages and CLI call."""

from __future__ import annotations

from shebao.appointments.rules import Refused
from shebao.web.appointments.services.bookings import (
    BookingNotFound,
    book,
    bookable_slots,
    cancel,
    look_up,
    parse_day,
    parse_start,
    reschedule,
    slots,
)
from shebao.web.appointments.services.limits import Caller, RateLimited
from shebao.web.appointments.services.policies import (
    bookable_points,
    current_policy,
    items_at,
    point_name,
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
    "bookable_points",
    "bookable_slots",
    "call_next",
    "cancel",
    "check_point_of",
    "current_policy",
    "hall_board",
    "intake_person",
    "items_at",
    "look_up",
    "parse_day",
    "parse_start",
    "point_name",
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
