"""A booking's statements under the write lock, in SQL built once and sent on the driver's cursor.

On SQLite every writer waits for the one before it, so what a booking does while it holds the
write lock every other booking and intake waits for. Measured with bench/load.py: a booking held
the lock 2.9 ms with nobody else about, about 2 ms of it the ORM building its seven statements
anew, and 5–7 ms (p99 50–70 ms) under load, when the holder also waits for the CPU. These are
the statements of the booking rules, by hand, their SQL built once per database; the values are
prepared by each field as the ORM prepares them, and the rows read come back as the ORM would
give them (the SQLite connection parses dates and moments by their declared types). On
PostgreSQL the upserts lock the rows they touch, as `SELECT … FOR UPDATE` would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.db import connection

from shebao.appointments.status import BookingStatus
from shebao.web.appointments.models import Booking, Slot, Visitor


@dataclass(frozen=True, slots=True)
class Held:
    """One of a person's active or missed bookings, as the per-person rules need it."""

    pk: int
    status: str
    day: dt.date
    item: int
    code: str
    ended: bool  # its slot ended before the moment asked about


@dataclass(frozen=True, slots=True)
class _Sql:
    lock_person: str
    held: str
    lock_slot: str
    seats: str
    booked: str


@cache
def _sql(vendor: str) -> _Sql:
    q = connection.ops.quote_name
    visitor, booking, slot = (q(m._meta.db_table) for m in (Visitor, Booking, Slot))
    return _Sql(
        lock_person=(
            f"INSERT INTO {visitor} (id_number) VALUES (%s) "
            "ON CONFLICT (id_number) DO UPDATE SET id_number = excluded.id_number"
        ),
        held=(
            f"SELECT b.id, b.status, b.day, b.item, b.code, s.{q('end')} < %s "
            f"FROM {booking} b JOIN {slot} s ON s.id = b.slot_id "
            "WHERE b.id_number = %s AND b.status IN (%s, %s)"
        ),
        lock_slot=(
            f"INSERT INTO {slot} (point, start, {q('end')}, capacity, booked) "
            "VALUES (%s, %s, %s, %s, 0) "
            "ON CONFLICT (point, start) DO UPDATE SET capacity = excluded.capacity RETURNING id"
        ),
        seats=f"SELECT seat FROM {booking} WHERE slot_id = %s AND status <> %s",
        booked=f"UPDATE {slot} SET booked = %s, capacity = %s WHERE id = %s",
    )


def _moment(value: dt.datetime) -> object:
    return Slot._meta.get_field("start").get_db_prep_value(value, connection)


def _execute(sql: str, params: list[object]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def lock_person(id_number: str) -> None:
    """Lock the person's row for this transaction, making it if needed, in one statement:
    INSERT … ON CONFLICT DO UPDATE locks the existing row as an UPDATE would."""
    _execute(_sql(connection.vendor).lock_person, [id_number])


def held(id_number: str, now: dt.datetime) -> list[Held]:
    """The person's active and missed bookings."""
    statuses = [BookingStatus.ACTIVE.value, BookingStatus.NO_SHOW.value]
    rows = _execute(_sql(connection.vendor).held, [_moment(now), id_number, *statuses])
    return [
        Held(pk, status, day, item, code, bool(ended))
        for pk, status, day, item, code, ended in rows
    ]


def lock_slot(point: str, start: dt.datetime, end: dt.datetime, capacity: int) -> int:
    """The slot's row, made if missing and locked, with the schedule's capacity; its id."""
    params = [point, _moment(start), _moment(end), capacity]
    return int(_execute(_sql(connection.vendor).lock_slot, params)[0][0])


def held_seats(slot_id: int) -> set[int]:
    rows = _execute(_sql(connection.vendor).seats, [slot_id, BookingStatus.CANCELLED.value])
    return {seat for (seat,) in rows}


def set_booked(slot_id: int, booked: int, capacity: int) -> None:
    _execute(_sql(connection.vendor).booked, [booked, capacity, slot_id])
