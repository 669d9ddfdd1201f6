"""What the appointment services return: plain values, which shebao.present turns into JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shebao.appointments.schedules import Schedule


@dataclass(frozen=True, slots=True)
class SlotInfo:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


@dataclass(frozen=True, slots=True)
class BookingInfo:
    code: str
    point: str
    point_name: str
    item: int
    item_name: str
    start: dt.datetime
    end: dt.datetime
    status: str
    status_label: str
    name: str
    masked_id: str
    phone: str
    change_until: dt.datetime  # cancel or move up to then
    check_in_from: dt.datetime
    ticket: str | None = None  # the queue number once checked in


@dataclass(frozen=True, slots=True)
class TicketInfo:
    id: int
    ticket: str  # A023
    point: str
    point_name: str
    kind: str  # walk_in | booked
    status: str
    status_label: str
    taken: dt.datetime
    ahead: int  # waiting before it, 0 once called
    wait_minutes: int
    window: str | None = None
    called_at: dt.datetime | None = None
    recalls_left: int = 0
    booking_code: str | None = None
    slot_start: dt.datetime | None = None
    name: str | None = None  # booked tickets: who is coming (for the clerk)
    item: int | None = None
    item_name: str | None = None
    intake_url: str | None = None  # once served: where the clerk takes the case in

    @property
    def position(self) -> int:
        """1 for the next to be called; 0 once called."""
        return self.ahead + 1 if self.status == "waiting" else 0


@dataclass(frozen=True, slots=True)
class Called:
    """Who is being called to a window now, on the hall display."""

    ticket: str
    window: str
    called_at: dt.datetime


@dataclass(frozen=True, slots=True)
class HallBoard:
    point: str
    point_name: str
    calling: tuple[Called, ...]  # latest first
    waiting: int
    now: dt.datetime


@dataclass(frozen=True, slots=True)
class TodayView:
    point: str
    point_name: str
    day: dt.date
    workday: bool
    bookings: tuple[BookingInfo, ...]
    tickets: tuple[TicketInfo, ...]  # every ticket of the day, in call order for the waiting
    waiting: int
    capacity: int


@dataclass(frozen=True, slots=True)
class ScheduleInfo:
    point: str
    point_name: str
    schedule: Schedule
    own: bool  # False: the data file's default applies
