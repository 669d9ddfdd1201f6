"""Bookings: the slots of a day, book, look up, cancel, move; no-shows recorded as they fall.

The guarantee against over-booking is the database's. Every change to a slot's places runs in
one transaction that first locks the person's row, then the slot's row (`SELECT … FOR UPDATE`
on PostgreSQL; on SQLite every transaction is IMMEDIATE, so writers run one at a time), counts
the places held under that lock, and takes the lowest free seat number; a partial unique index
on (slot, seat) refuses a second booking of a held seat even if that logic were wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from shebao.appointments import codes, points
from shebao.appointments.policy import Policy
from shebao.appointments.records import BookingInfo, SlotInfo
from shebao.appointments.rules import (
    Refused,
    booking_window,
    change_deadline,
    check_bookable_day,
    check_changeable,
    check_in_opens,
    check_not_blocked,
)
from shebao.appointments.schedules import Schedule, SlotTime, day_slots, find_slot
from shebao.appointments.status import BookingStatus, check_booking_change
from shebao.cases.applicants import mask_id
from shebao.errors import InputError, UnknownItemError
from shebao.runtime import BEIJING, Runtime
from shebao.services import catalog
from shebao.web.appointments.models import Booking, BookingEvent, Slot
from shebao.web.appointments.services import limits, places
from shebao.web.appointments.services.limits import Caller
from shebao.web.appointments.services.places import lock_person
from shebao.web.appointments.services.policies import current_policy, schedule_for
from shebao.web.core.inserts import insert
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date

ACTIVE = BookingStatus.ACTIVE


class BookingNotFound(UnknownItemError):
    """No booking with this code and these last 6 of the ID (which one is wrong is not said)."""

    def __init__(self) -> None:
        super().__init__("预约码或身份证号码后 6 位不对，请核对后再试")


def parse_day(text: object) -> dt.date:
    if isinstance(text, dt.date):
        return text
    if not isinstance(text, str):
        raise InputError("日期应为 YYYY-MM-DD，如 2026-10-09")
    return parse_date(text, "日期 date", years=SUPPORTED_YEARS)


def parse_start(text: object) -> dt.datetime:
    """A slot's start as the slots list gives it (ISO 8601; Beijing time when no offset)."""
    if isinstance(text, dt.datetime):
        when = text
    else:
        try:
            when = dt.datetime.fromisoformat(str(text).strip().replace(" ", "T", 1))
        except ValueError:
            raise InputError(
                "开始时间 start 应为 ISO 8601 格式，如 2026-10-09T09:00:00+08:00"
                "（即时段列表中的 start）"
            ) from None
    return when.replace(tzinfo=BEIJING) if when.tzinfo is None else when.astimezone(BEIJING)


def slots(rt: Runtime, point: str, day: object) -> list[SlotInfo]:
    """The day's slots at a point with their places and how many are taken (none on holidays)."""
    place = points.point(rt.catalog, point)
    schedule = schedule_for(rt, place.id)
    times = day_slots(schedule, parse_day(day), rt.calendar)
    stored = dict(
        Slot.objects.filter(point=place.id, start__in=[t.start for t in times]).values_list(
            "start", "booked"
        )
    )
    return [SlotInfo(t.start, t.end, schedule.capacity, stored.get(t.start, 0)) for t in times]


def bookable_slots(rt: Runtime, point: str) -> list[tuple[dt.date, list[SlotInfo]]]:
    """Every day one may book today at the point, with its slots (for the booking page)."""
    pol = current_policy(rt)
    window = booking_window(pol.booking, rt.calendar, rt.today())
    days = [
        window.first + dt.timedelta(days=n) for n in range((window.last - window.first).days + 1)
    ]
    return [(day, found) for day in days if (found := slots(rt, point, day))]


def book(
    rt: Runtime,
    *,
    point: str,
    item: object,
    start: object,
    id_number: object,
    name: object,
    phone: object,
    caller: Caller | None = None,
) -> BookingInfo:
    """Book a place; Refused (409) when the slot is full or a rule does not allow it.

    Every well-formed attempt counts against the caller's address and the person, whatever
    the answer. The counts, the person's no-shows and the booking are one write transaction:
    on SQLite a booking waits its turn for the one writer once, not once for each (under a
    booking rush the turns were most of a booking's time). What can be read or drawn without
    the write lock (the policy, the slot, whether a no-show is due, a fresh code) is done
    before it is taken.
    """
    pol = current_policy(rt)
    place = points.point(rt.catalog, point)
    wanted = catalog.item(rt, item)
    points.check_item_at(rt.catalog, wanted, place)
    now = rt.now()
    who = points.visitor(id_number, name, phone, now.date(), pol.booking.real_name)
    attempt = (limits.address(pol.limits, caller), limits.person(pol.limits, who.id_number))
    try:
        slot_time, schedule = _slot_time(rt, pol, place.id, parse_start(start), now)
    except Refused:
        limits.check(*attempt)  # counted, and limited first, all the same
        raise
    due = _overdue(who.id_number, now).exists()
    # Drawn before the lock: another booking taking the same fresh code meanwhile is a chance
    # of one in 31**8 (and the unique index would still refuse it).
    code = _new_code()
    with transaction.atomic():
        refusal: Exception | None = limits.count(*attempt)
        if refusal is None:
            lock_person(who.id_number)
            if due:
                record_no_shows(_overdue(who.id_number, now), now)
            try:
                booking = _place(
                    pol, who, place.id, wanted.no, slot_time, schedule.capacity, code, now
                )
            except Refused as refused:  # commits the counts and no-shows (see `_place`)
                refusal = refused
    if refusal is not None:
        raise refusal
    return info(rt, booking, pol)


def _place(
    pol: Policy,
    who: points.Visitor,
    point: str,
    item: int,
    slot_time: SlotTime,
    capacity: int,
    code: str,
    now: dt.datetime,
) -> Booking:
    """The booking itself, under the person's lock (statements of `places`, see there).

    Every refusal comes before the first write but one, the slot's row (made, or its capacity
    set to the schedule's), which may commit with a refusal: it changes no place. So a refusal
    needs no savepoint to undo (two more round trips on PostgreSQL); keep it that way.
    """
    _check_person(pol, who.id_number, slot_time.start.date(), item, now)
    start, end = slot_time.start, slot_time.end
    slot_id = places.lock_slot(point, start, end, capacity)
    slot = Slot(pk=slot_id, point=point, start=start, end=end, capacity=capacity)
    booking = Booking(
        code=code,
        slot=slot,
        seat=_take_seat(slot),
        point=point,
        item=item,
        day=start.date(),
        id_number=who.id_number,
        name=who.name,
        phone=who.phone,
        status=ACTIVE,
        created=now,
        changed=now,
    )
    fields = (f.attname for f in Booking._meta.concrete_fields if not f.primary_key)
    booking.pk = insert(Booking, {name: getattr(booking, name) for name in fields})
    _event(booking, now, "booked")
    return booking


def _slot_time(
    rt: Runtime, pol: Policy, point: str, start: dt.datetime, now: dt.datetime
) -> tuple[SlotTime, Schedule]:
    """The slot of the point's schedule that begins at `start`, if one may book it today."""
    schedule = schedule_for(rt, point, pol)
    if schedule.capacity == 0:
        raise Refused("not_bookable_point", f"{rt.catalog.places[point].name}暂不开放预约")
    check_bookable_day(pol.booking, rt.calendar, now.date(), start.date())
    found = find_slot(schedule, start, rt.calendar)
    if found is None:
        raise Refused(
            "no_such_slot",
            f"{start:%Y-%m-%d %H:%M} 不是可预约的时段；请从该日的时段列表中选择（开放时间 "
            f"{schedule.hours_text}，每 {schedule.slot_minutes} 分钟一个时段）",
        )
    return found, schedule


def _lock_slots(point: str, times: Iterable[SlotTime], capacity: int) -> list[Slot]:
    """The slots' rows, created if missing, locked in a fixed order (so two moves in opposite
    directions cannot deadlock), in the order asked."""
    wanted = list(times)
    Slot.objects.bulk_create(
        [Slot(point=point, start=t.start, end=t.end, capacity=capacity) for t in wanted],
        ignore_conflicts=True,
    )
    starts = [t.start for t in wanted]
    rows = {
        s.start: s
        for s in Slot.objects.select_for_update()
        .filter(point=point, start__in=starts)
        .order_by("pk")
    }
    for row in rows.values():
        row.capacity = capacity
    return [rows[s] for s in starts]


def _take_seat(slot: Slot) -> int:
    """The lowest free place of a locked slot; Refused("full") when none is left."""
    held = places.held_seats(slot.pk)
    free = [n for n in range(1, slot.capacity + 1) if n not in held]
    if not free:
        raise Refused(
            "full", f"{slot.start.astimezone(BEIJING):%Y-%m-%d %H:%M} 的时段已约满，请选择其他时段"
        )
    slot.booked = len(held) + 1
    places.set_booked(slot.pk, slot.booked, slot.capacity)
    return free[0]


def _release_seat(slot: Slot) -> None:
    slot.booked = Booking.objects.filter(slot=slot).exclude(status=BookingStatus.CANCELLED).count()
    slot.save(update_fields=["booked"])


def _check_person(
    pol: Policy,
    id_number: str,
    day: dt.date,
    item: int,
    now: dt.datetime,
    moving: Booking | None = None,
) -> None:
    """The per-person rules, under the person's lock: no-show block, per day, per item.

    The person's no-shows were recorded by `settle` just before; one query reads the rest.
    """
    rules = pol.booking
    active, missed = [], []
    for mine in places.held(id_number, now):
        if mine.status == BookingStatus.NO_SHOW or mine.ended:  # ended since `settle` looked
            missed.append(mine.day)
        elif moving is None or mine.pk != moving.pk:
            active.append((mine.day, mine.item, mine.code))
    check_not_blocked(rules, missed, now.date())
    same_day = [code for when, _, code in active if when == day]
    if len(same_day) >= rules.per_person_per_day:
        raise Refused(
            "one_per_day",
            f"您在 {day.isoformat()} 已有预约（预约码 {same_day[0]}），每人每天最多 "
            f"{rules.per_person_per_day} 个；如要改时间，请用改约",
            "booking.per_person_per_day",
        )
    same_item = [(when, code) for when, what, code in active if what == item]
    if len(same_item) >= rules.per_person_per_item:
        when, code = same_item[0]
        raise Refused(
            "one_per_item",
            f"您已预约了事项 {item}（{when.isoformat()}，预约码 {code}），每人每个事项最多 "
            f"{rules.per_person_per_item} 个有效预约；如要改时间，请用改约",
            "booking.per_person_per_item",
        )


def settle(id_number: str, now: dt.datetime) -> None:
    """Record the person's no-shows in a transaction of their own, so that they stay recorded
    when the request they came with is then refused."""
    overdue = _overdue(id_number, now)
    if not overdue.exists():  # the common case: nothing to record, no lock to take
        return
    with transaction.atomic():
        lock_person(id_number)
        record_no_shows(overdue, now)


def _overdue(id_number: str, now: dt.datetime):
    return Booking.objects.filter(id_number=id_number, status=ACTIVE, slot__end__lt=now)


def record_no_shows(bookings, now: dt.datetime, by: str = "系统") -> int:
    """Active bookings whose slot has ended become no-shows; the number recorded."""
    overdue = list(bookings.filter(status=ACTIVE, slot__end__lt=now).select_related("slot"))
    for booking in overdue:
        booking.status = BookingStatus.NO_SHOW
        booking.save(update_fields=["status", "changed"])
        _event(booking, now, "no_show", by=by, note="预约时段结束时未签到")
    return len(overdue)


def _new_code() -> str:
    while True:
        code = codes.new_code()
        if not Booking.objects.filter(code=code).exists():
            return code


def _event(
    booking: Booking, now: dt.datetime, action: str, by: str = "本人", note: str = ""
) -> None:
    insert(
        BookingEvent,
        {"booking_id": booking.pk, "at": now, "action": action, "status": booking.status,
         "by": by, "note": note},
    )  # fmt: skip


def find_booking(pol: Policy, code: object, last6: object, caller: Caller | None) -> Booking:
    parsed = codes.parse_code(code)
    limits.check(limits.address(pol.limits, caller), limits.code(pol.limits, parsed))
    tail = codes.parse_last6(last6)
    booking = Booking.objects.select_related("slot").filter(code=parsed).first()
    if booking is None or not codes.last6_matches(booking.id_number, tail):
        raise BookingNotFound()
    return booking


def look_up(
    rt: Runtime, code: object, id_last6: object, caller: Caller | None = None
) -> BookingInfo:
    pol = current_policy(rt)
    booking = find_booking(pol, code, id_last6, caller)
    if booking.status == ACTIVE and booking.slot.end < rt.now():
        settle(booking.id_number, rt.now())
        booking.refresh_from_db()
    return info(rt, booking, pol)


def cancel(
    rt: Runtime, code: object, id_last6: object, caller: Caller | None = None
) -> BookingInfo:
    pol = current_policy(rt)
    found = find_booking(pol, code, id_last6, caller)
    now = rt.now()
    settle(found.id_number, now)
    with transaction.atomic():
        lock_person(found.id_number)
        booking = _current(found, now)
        check_changeable(pol.booking, booking.slot.start, now)
        check_booking_change(BookingStatus(booking.status), BookingStatus.CANCELLED)
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status", "changed"])
        slot = Slot.objects.select_for_update().get(pk=booking.slot_id)
        _release_seat(slot)
        _event(booking, now, "cancelled")
    return info(rt, booking, pol)


def reschedule(
    rt: Runtime, code: object, id_last6: object, start: object, caller: Caller | None = None
) -> BookingInfo:
    """Move a booking to another slot at the same point, keeping its code."""
    pol = current_policy(rt)
    found = find_booking(pol, code, id_last6, caller)
    limits.check(limits.person(pol.limits, found.id_number))
    now = rt.now()
    target, schedule = _slot_time(rt, pol, found.point, parse_start(start), now)
    settle(found.id_number, now)
    with transaction.atomic():
        lock_person(found.id_number)
        booking = _current(found, now)
        check_changeable(pol.booking, booking.slot.start, now)
        if target.start == booking.slot.start:
            raise Refused("same_slot", "新时段与原时段相同，无需改约")
        _check_person(
            pol, booking.id_number, target.start.date(), booking.item, now, moving=booking
        )
        capacity = schedule.capacity
        old_time = SlotTime(booking.slot.start, booking.slot.end)
        new, old = _lock_slots(booking.point, [target, old_time], capacity)
        old.capacity = booking.slot.capacity  # the old slot keeps its own
        booking.seat = _take_seat(new)
        booking.slot, booking.day = new, target.start.date()
        booking.save(update_fields=["slot", "seat", "day", "changed"])
        _release_seat(old)
        _event(
            booking,
            now,
            "moved",
            note=f"由 {old_time.start:%Y-%m-%d %H:%M} 改到 {target.start:%Y-%m-%d %H:%M}",
        )
    return info(rt, booking, pol)


def _current(found: Booking, now: dt.datetime) -> Booking:
    """The booking re-read under the person's lock, with a no-show recorded if it is one."""
    record_no_shows(Booking.objects.filter(pk=found.pk), now)
    booking = Booking.objects.select_related("slot").select_for_update().get(pk=found.pk)
    if booking.status != ACTIVE:
        status = BookingStatus(booking.status)
        raise Refused(f"booking_{status.value}", f"此预约{status.label}，不能再取消或改约")
    return booking


def info(rt: Runtime, booking: Booking, pol: Policy | None = None) -> BookingInfo:
    pol = pol or current_policy(rt)
    item = rt.catalog.items.get(booking.item)
    start = booking.slot.start.astimezone(BEIJING)
    ticket = (
        getattr(booking, "ticket", None) if booking.status == BookingStatus.CHECKED_IN else None
    )
    return BookingInfo(
        code=booking.code,
        point=booking.point,
        point_name=rt.catalog.places[booking.point].name,
        item=booking.item,
        item_name=item.name if item else "",
        start=start,
        end=booking.slot.end.astimezone(BEIJING),
        status=booking.status,
        status_label=BookingStatus(booking.status).label,
        name=mask_name(booking.name),
        masked_id=mask_id(booking.id_number),
        phone=mask_phone(booking.phone),
        change_until=change_deadline(pol.booking, start),
        check_in_from=check_in_opens(pol.queue, start),
        ticket=ticket.label if ticket else None,
    )


def mask_name(name: str) -> str:
    """A name as look-ups show it to whoever holds the code.

    >>> mask_name("王小明"), mask_name("王明")
    ('王*明', '王*')
    """
    if len(name) <= 2:
        return name[:1] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    """A phone number as look-ups show it.

    >>> mask_phone("13804112233"), mask_phone("0411-83709012")
    ('138****2233', '0411-****9012')
    """
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[-4:]
    area, _, local = phone.rpartition("-")
    return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}" if area else "*" * len(phone)
