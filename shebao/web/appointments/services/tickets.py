"""The hall queue: take a number (walk-in or booked), call the next to a window, skip, recall
once, serve (then the case is taken in at the desk), the hall display and the clerk's day.

"Call next" locks the ticket it takes: `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so two
clerks pressing at once get two different tickets; on SQLite the IMMEDIATE transaction lets
one clerk's call run at a time. Numbers come from a per-point, per-day row locked the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When

from shebao.appointments import points
from shebao.appointments.policy import Policy
from shebao.appointments.records import Called, HallBoard, TicketInfo, TodayView
from shebao.appointments.rules import Refused, check_in_opens
from shebao.appointments.status import BookingStatus, TicketStatus, check_ticket_change
from shebao.appointments.tickets import parse_ticket_label, ticket_label, wait_minutes
from shebao.errors import InputError, UnknownItemError, echo
from shebao.runtime import BEIJING, Runtime
from shebao.web.appointments.models import Booking, BookingEvent, QueueDay, Ticket, TicketEvent
from shebao.web.appointments.services import limits
from shebao.web.appointments.services.bookings import (
    find_booking,
    info,
    lock_person,
    mask_name,
    record_no_shows,
    settle,
)
from shebao.web.appointments.services.limits import Caller
from shebao.web.appointments.services.policies import current_policy, schedule_for

WAITING = TicketStatus.WAITING
# Where the desk takes in the case of a ticket being served (the cases app's intake page reads
# the ticket's person with `intake_person`).
INTAKE_URL = "/desk/intake?ticket={id}"
BOARD_SIZE = 8


class NotYourPoint(InputError):
    """A clerk acting on another point's queue (HTTP 403)."""


class TicketNotFound(UnknownItemError):
    pass


def check_point_of(staff, point: str) -> None:
    """Clerks and reviewers work at their own point; supervisors and administrators anywhere."""
    if not staff.sees_all_points and staff.point != point:
        raise NotYourPoint(f"您属于服务点 {staff.point}，不能操作 {echo(point)} 的叫号")


def parse_window(text: object) -> str:
    window = text.strip() if isinstance(text, str) else str(text) if isinstance(text, int) else ""
    if not window or len(window) > 8 or not window.isprintable():
        raise InputError("窗口 window 应为窗口号，如 3 或 03（最多 8 个字符）")
    return window


def _call_order(tickets: QuerySet, now: dt.datetime) -> QuerySet:
    """Booked tickets whose slot has begun first (预约优先), then everyone in the order taken."""
    first = Case(
        When(kind=Ticket.BOOKED, slot_start__lte=now, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return tickets.annotate(first=first).order_by("first", "taken", "id")


def _waiting(point: str, day: dt.date) -> QuerySet:
    return Ticket.objects.filter(point=point, day=day, status=WAITING)


def _number(point: str, day: dt.date, booked: bool, pol: Policy) -> str:
    """The next number under the prefix, from the day's row locked for this transaction."""
    QueueDay.objects.bulk_create([QueueDay(point=point, day=day)], ignore_conflicts=True)
    row = QueueDay.objects.select_for_update().get(point=point, day=day)
    if booked:
        row.last_booked += 1
        number, prefix = row.last_booked, pol.queue.booked_prefix
    else:
        row.last_walk_in += 1
        number, prefix = row.last_walk_in, pol.queue.walk_in_prefix
    row.save(update_fields=["last_booked", "last_walk_in"])
    return ticket_label(prefix, number)


def take_ticket(
    rt: Runtime,
    point: str,
    booking_code: object = None,
    id_last6: object = None,
    caller: Caller | None = None,
) -> TicketInfo:
    """A number for a visit: walk-in without a code, booked with the code and last 6 of ID."""
    pol = current_policy(rt)
    place = points.point(rt.catalog, point)
    now = rt.now()
    if not rt.calendar.is_workday(now.date()):
        raise Refused("closed", f"今天（{now.date().isoformat()}）不是工作日，大厅不办公")
    if booking_code in (None, "") and id_last6 in (None, ""):
        limits.check(limits.address(pol.limits, caller))
        with transaction.atomic():
            ticket = Ticket.objects.create(
                point=place.id,
                day=now.date(),
                label=_number(place.id, now.date(), False, pol),
                kind=Ticket.WALK_IN,
                taken=now,
            )
            _ticket_event(ticket, now, "taken")
        return ticket_info(rt, ticket, pol)
    found = find_booking(pol, booking_code, id_last6, caller)
    settle(found.id_number, now)
    with transaction.atomic():
        lock_person(found.id_number)
        booking = Booking.objects.select_related("slot").select_for_update().get(pk=found.pk)
        _check_in_allowed(rt, pol, booking, place.id, now)
        booking.status = BookingStatus.CHECKED_IN
        booking.save(update_fields=["status", "changed"])
        BookingEvent.objects.create(
            booking=booking, at=now, action="checked_in", status=booking.status
        )
        ticket = Ticket.objects.create(
            point=place.id,
            day=now.date(),
            label=_number(place.id, now.date(), True, pol),
            kind=Ticket.BOOKED,
            booking=booking,
            slot_start=booking.slot.start,
            taken=now,
        )
        _ticket_event(ticket, now, "taken")
    return ticket_info(rt, ticket, pol)


def _check_in_allowed(
    rt: Runtime, pol: Policy, booking: Booking, point: str, now: dt.datetime
) -> None:
    start = booking.slot.start.astimezone(BEIJING)
    if booking.status == BookingStatus.CHECKED_IN:
        label = Ticket.objects.filter(booking=booking).values_list("label", flat=True).first()
        raise Refused("already_checked_in", f"此预约已签到取号，号码 {label}")
    if booking.status == BookingStatus.NO_SHOW:
        raise Refused(
            "missed",
            f"预约时段（{start:%H:%M}—{booking.slot.end.astimezone(BEIJING):%H:%M}）已过，"
            "已记为预约未到；请取现场号办理",
        )
    if booking.status != BookingStatus.ACTIVE:
        raise Refused("booking_cancelled", "此预约已取消；请取现场号办理")
    if booking.point != point:
        name = rt.catalog.places[booking.point].name
        raise Refused("wrong_point", f"此预约在{name}（{booking.point}），请到该处签到")
    opens = check_in_opens(pol.queue, start)
    if now < opens:
        raise Refused(
            "too_early",
            f"预约时段 {start:%Y-%m-%d %H:%M} 开始；{opens:%Y-%m-%d %H:%M} 起可以签到取号",
            "queue.check_in_minutes_before",
        )


def call_next(rt: Runtime, point: str, window: object, by: str) -> TicketInfo | None:
    """The next waiting ticket, called to `window`; None when nobody waits.

    The ticket the window was serving is finished first (pressing "next" means it is done).
    """
    pol = current_policy(rt)
    place = points.point(rt.catalog, point)
    window = parse_window(window)
    now = rt.now()
    with transaction.atomic():
        _finish_window(place.id, now.date(), window, now, by)
        ticket = (
            _call_order(_waiting(place.id, now.date()), now)
            .select_for_update(skip_locked=True)
            .first()
        )
        if ticket is None:
            return None
        _call(ticket, window, now, by, "called")
    return ticket_info(rt, ticket, pol)


def _finish_window(point: str, day: dt.date, window: str, now: dt.datetime, by: str) -> None:
    for current in Ticket.objects.select_for_update().filter(
        point=point, day=day, window=window, status=TicketStatus.CALLED
    ):
        _change(current, TicketStatus.SERVED, now, by, "served")


def _call(ticket: Ticket, window: str, now: dt.datetime, by: str, action: str) -> None:
    check_ticket_change(TicketStatus(ticket.status), TicketStatus.CALLED)
    ticket.window, ticket.clerk, ticket.called_at = window, by, now
    _change(ticket, TicketStatus.CALLED, now, by, action)


def _change(ticket: Ticket, status: TicketStatus, now: dt.datetime, by: str, action: str) -> None:
    check_ticket_change(TicketStatus(ticket.status), status)
    ticket.status = status
    if status in (TicketStatus.SERVED, TicketStatus.SKIPPED):
        ticket.finished_at = now
    ticket.save()
    _ticket_event(ticket, now, action, by)


def _ticket_event(ticket: Ticket, now: dt.datetime, action: str, by: str = "") -> None:
    TicketEvent.objects.create(
        ticket=ticket, at=now, action=action, status=ticket.status, window=ticket.window, by=by
    )


def _locked_ticket(point: str, label: object, day: dt.date) -> Ticket:
    parsed = parse_ticket_label(label) if isinstance(label, str) else None
    found = None
    if parsed is not None:
        found = (
            Ticket.objects.select_for_update()
            .filter(point=point, day=day, label=ticket_label(*parsed))
            .first()
        )
    if found is None:
        raise TicketNotFound(f"今天没有号码“{echo(label)}”")
    return found


def skip(rt: Runtime, point: str, label: object, by: str) -> TicketInfo:
    """The called person did not come (过号); the ticket may be recalled (queue.recalls)."""
    place = points.point(rt.catalog, point)
    now = rt.now()
    with transaction.atomic():
        ticket = _locked_ticket(place.id, label, now.date())
        _change(ticket, TicketStatus.SKIPPED, now, by, "skipped")
    return ticket_info(rt, ticket)


def recall(rt: Runtime, point: str, label: object, window: object, by: str) -> TicketInfo:
    """Call a skipped ticket again, to `window`, as many times as queue.recalls allows."""
    pol = current_policy(rt)
    place = points.point(rt.catalog, point)
    window = parse_window(window)
    now = rt.now()
    with transaction.atomic():
        ticket = _locked_ticket(place.id, label, now.date())
        if ticket.status == TicketStatus.SKIPPED and ticket.recalls >= pol.queue.recalls:
            raise Refused(
                "recalled_already",
                f"{ticket.label} 已重新叫过 {ticket.recalls} 次，不能再叫；请重新取号",
                "queue.recalls",
            )
        _finish_window(place.id, now.date(), window, now, by)
        ticket.recalls += 1
        _call(ticket, window, now, by, "recalled")
    return ticket_info(rt, ticket, pol)


def serve(rt: Runtime, point: str, label: object, by: str) -> TicketInfo:
    """The called person is at the window: the ticket is served; its intake link is returned."""
    place = points.point(rt.catalog, point)
    now = rt.now()
    with transaction.atomic():
        ticket = _locked_ticket(place.id, label, now.date())
        _change(ticket, TicketStatus.SERVED, now, by, "served")
    return ticket_info(rt, ticket)


@dataclass(frozen=True, slots=True)
class IntakePerson:
    """What the intake page of the cases app pre-fills for a served ticket."""

    ticket: str
    point: str
    id_number: str | None  # booked tickets only: walk-ins give theirs at the window
    name: str | None
    phone: str | None
    item: int | None


def intake_person(ticket_id: int) -> IntakePerson:
    ticket = Ticket.objects.select_related("booking").filter(pk=ticket_id).first()
    if ticket is None:
        raise TicketNotFound(f"没有排队号 {ticket_id}")
    b = ticket.booking
    return IntakePerson(
        ticket.label,
        ticket.point,
        b.id_number if b else None,
        b.name if b else None,
        b.phone if b else None,
        b.item if b else None,
    )


def ticket_info(
    rt: Runtime, ticket: Ticket, pol: Policy | None = None, order: list[int] | None = None
) -> TicketInfo:
    pol = pol or current_policy(rt)
    ahead = 0
    if ticket.status == WAITING:
        if order is None:
            order = list(
                _call_order(_waiting(ticket.point, ticket.day), rt.now()).values_list(
                    "id", flat=True
                )
            )
        ahead = order.index(ticket.id) if ticket.id in order else 0
    windows = schedule_for(rt, ticket.point, pol).capacity or 1
    booking = ticket.booking if ticket.booking_id else None
    item = rt.catalog.items.get(booking.item) if booking else None
    return TicketInfo(
        id=ticket.id,
        ticket=ticket.label,
        point=ticket.point,
        point_name=rt.catalog.places[ticket.point].name,
        kind=ticket.kind,
        status=ticket.status,
        status_label=TicketStatus(ticket.status).label,
        taken=ticket.taken.astimezone(BEIJING),
        ahead=ahead,
        wait_minutes=wait_minutes(ahead, windows, pol.queue.minutes_per_ticket),
        window=ticket.window or None,
        called_at=ticket.called_at.astimezone(BEIJING) if ticket.called_at else None,
        recalls_left=max(pol.queue.recalls - ticket.recalls, 0),
        booking_code=booking.code if booking else None,
        slot_start=ticket.slot_start.astimezone(BEIJING) if ticket.slot_start else None,
        name=mask_name(booking.name) if booking else None,
        item=item.no if item else None,
        item_name=item.name if item else None,
        intake_url=INTAKE_URL.format(id=ticket.id)
        if ticket.status == TicketStatus.SERVED
        else None,
    )


def hall_board(rt: Runtime, point: str) -> HallBoard:
    """What the hall display shows: the latest calls, each at its window, and how many wait."""
    place = points.point(rt.catalog, point)
    now = rt.now()
    called = Ticket.objects.filter(
        point=place.id, day=now.date(), status=TicketStatus.CALLED
    ).order_by("-called_at", "-id")[:BOARD_SIZE]
    return HallBoard(
        place.id,
        place.name,
        tuple(Called(t.label, t.window, t.called_at.astimezone(BEIJING)) for t in called),
        _waiting(place.id, now.date()).count(),
        now,
    )


def today_view(rt: Runtime, point: str) -> TodayView:
    """A clerk's day at a point: the day's bookings and every ticket, no-shows recorded."""
    pol = current_policy(rt)
    place = points.point(rt.catalog, point)
    now = rt.now()
    day = now.date()
    bookings = Booking.objects.filter(point=place.id, day=day).select_related("slot")
    with transaction.atomic():
        record_no_shows(bookings, now)
    tickets = list(
        _call_order(Ticket.objects.filter(point=place.id, day=day), now).select_related("booking")
    )
    order = [t.id for t in tickets if t.status == WAITING]
    return TodayView(
        place.id,
        place.name,
        day,
        rt.calendar.is_workday(day),
        tuple(info(rt, b, pol) for b in bookings.order_by("slot__start", "seat")),
        tuple(ticket_info(rt, t, pol, order) for t in tickets),
        len(order),
        schedule_for(rt, place.id, pol).capacity,
    )
