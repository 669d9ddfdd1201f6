"""The statuses of a booking and of a queue ticket, and the one table of changes allowed."""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

from shebao.errors import InputError


class BookingStatus(StrEnum):
    ACTIVE = "active"  # booked, not yet come
    CANCELLED = "cancelled"
    CHECKED_IN = "checked_in"  # came and took a ticket
    NO_SHOW = "no_show"  # the slot ended and nobody came

    @property
    def label(self) -> str:
        return BOOKING_LABELS[self]


BOOKING_LABELS = MappingProxyType(
    {
        BookingStatus.ACTIVE: "已预约",
        BookingStatus.CANCELLED: "已取消",
        BookingStatus.CHECKED_IN: "已签到取号",
        BookingStatus.NO_SHOW: "预约未到",
    }
)

BOOKING_TRANSITIONS = MappingProxyType(
    {
        BookingStatus.ACTIVE: frozenset(
            {BookingStatus.CANCELLED, BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW}
        ),
        BookingStatus.CANCELLED: frozenset(),
        BookingStatus.CHECKED_IN: frozenset(),
        BookingStatus.NO_SHOW: frozenset(),
    }
)

# A booking in these statuses holds its place in the slot (a no-show's place was not used,
# but the slot is over).
HOLDS_PLACE = frozenset({BookingStatus.ACTIVE, BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW})


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"  # called to a window
    SERVED = "served"
    SKIPPED = "skipped"  # called and did not come (过号)

    @property
    def label(self) -> str:
        return TICKET_LABELS[self]


TICKET_LABELS = MappingProxyType(
    {
        TicketStatus.WAITING: "等候中",
        TicketStatus.CALLED: "已叫号",
        TicketStatus.SERVED: "已办理",
        TicketStatus.SKIPPED: "过号",
    }
)

TICKET_TRANSITIONS = MappingProxyType(
    {
        TicketStatus.WAITING: frozenset({TicketStatus.CALLED}),
        TicketStatus.CALLED: frozenset({TicketStatus.SERVED, TicketStatus.SKIPPED}),
        TicketStatus.SKIPPED: frozenset({TicketStatus.CALLED}),  # recalled (limited in number)
        TicketStatus.SERVED: frozenset(),
    }
)


def check_booking_change(current: BookingStatus, target: BookingStatus) -> None:
    if target not in BOOKING_TRANSITIONS[current]:
        raise InputError(f"预约{current.label}，不能改为“{target.label}”")


def check_ticket_change(current: TicketStatus, target: TicketStatus) -> None:
    if target not in TICKET_TRANSITIONS[current]:
        raise InputError(f"此号{current.label}，不能改为“{target.label}”")
