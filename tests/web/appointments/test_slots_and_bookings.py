"""Slots on working days only, booking rules, look-up and cancellation, all on a frozen clock."""

from __future__ import annotations

import pytest

from shebao.web.appointments.models import Booking, Slot
from tests.web.appointments.people import booking, id_number

pytestmark = pytest.mark.django_db

NINE = "2026-10-08T09:00:00+08:00"  # the first working day after 国庆


@pytest.mark.parametrize("day", [f"2026-10-0{d}" for d in range(1, 8)])
def test_there_is_no_slot_on_the_national_day_holiday(api, clock, day):
    clock("2026-09-28 10:00")
    response = api.get(f"/api/points/hall-3/slots?date={day}")
    assert response.status_code == 200 and response.json() == []


def test_the_adjusted_working_saturday_has_the_days_slots(api, clock):
    clock("2026-09-30 10:00")
    slots = api.get("/api/points/hall-3/slots?date=2026-10-10").json()
    assert slots[0] == {
        "start": "2026-10-10T09:00:00+08:00",
        "end": "2026-10-10T09:30:00+08:00",
        "capacity": 2,
        "booked": 0,
    }
    assert len(slots) == 5 + 7  # 09:00–11:30 and 13:00–16:30 in half hours
    assert api.get("/api/points/hall-3/slots?date=2026-10-11").json() == []  # an ordinary Sunday


def test_a_booking_gets_a_code_and_is_found_with_the_last_six_of_the_id(api, clock):
    clock("2026-09-30 10:00")
    response = api.book(1, NINE)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert len(body["code"]) == 8 and body["status"] == "active"
    assert body["id_number"] == "210202********" + id_number(1)[-4:]
    assert body["change_until"] == "2026-10-08T07:00:00+08:00"
    found = api.get(f"/api/bookings/{body['code'].lower()}?id_last6={id_number(1)[-6:]}")
    assert found.status_code == 200 and found.json()["code"] == body["code"]
    wrong = api.get(f"/api/bookings/{body['code']}?id_last6=000000")
    assert wrong.status_code == 404 and "后 6 位" in wrong.json()["detail"]
    slots = api.get("/api/points/hall-3/slots?date=2026-10-08").json()
    assert slots[0]["booked"] == 1


def test_the_last_place_goes_once_and_then_the_slot_is_full(api, clock):
    clock("2026-09-30 10:00")
    assert api.book(1, NINE).status_code == 201
    assert api.book(2, NINE).status_code == 201
    full = api.book(3, NINE)
    assert full.status_code == 409 and full.json()["reason"] == "full"
    assert "已约满" in full.json()["detail"]
    assert Slot.objects.get().booked == 2 == Booking.objects.count()


def test_one_active_booking_per_person_per_day_and_per_item(api, clock):
    clock("2026-09-30 10:00")
    assert api.book(1, NINE).status_code == 201
    same_day = api.book(1, "2026-10-08T10:00:00+08:00", item=7)
    assert same_day.status_code == 409 and same_day.json()["reason"] == "one_per_day"
    same_item = api.book(1, "2026-10-09T10:00:00+08:00")
    assert same_item.status_code == 409 and same_item.json()["reason"] == "one_per_item"
    assert api.book(1, "2026-10-09T10:00:00+08:00", item=7).status_code == 201


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        ("2026-09-30T14:00:00+08:00", "not_bookable_day"),  # today
        ("2026-10-14T09:00:00+08:00", "not_bookable_day"),  # the 6th working day
        ("2026-10-08T09:10:00+08:00", "no_such_slot"),
        ("2026-10-08T12:00:00+08:00", "no_such_slot"),  # lunch
    ],
)
def test_it_refuses_a_day_or_time_that_cannot_be_booked(api, clock, start, reason):
    clock("2026-09-30 10:00")
    response = api.book(1, start)
    assert response.status_code == 409 and response.json()["reason"] == reason


def test_booking_runs_up_to_the_fifth_working_day_counting_the_adjusted_saturday(api, clock):
    clock("2026-09-30 10:00")
    assert api.book(1, "2026-10-13T09:00:00+08:00").status_code == 201


def test_an_item_is_booked_only_where_the_catalog_handles_it_by_window(api, clock):
    clock("2026-09-30 10:00")
    response = api.book(1, NINE, item=48)  # 劳动能力鉴定申请: point-3 only
    assert response.status_code == 409 and response.json()["reason"] == "item_not_at_point"
    assert "point-3" in response.json()["detail"]
    assert api.book(1, NINE, point="point-3", item=48).status_code == 201


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("id_number", "210202198001010000", 422),
        ("phone", "12345", 422),
        ("point", "hall-99", 404),
        ("item", 999, 404),
        ("start", "tomorrow", 422),
    ],
)
def test_bad_input_is_answered_in_chinese(api, clock, field, value, status):
    clock("2026-09-30 10:00")
    response = api.post("/api/bookings", {**booking(1, NINE), field: value})
    assert response.status_code == status
    assert response.json()["detail"]


def test_cancellation_frees_the_place_and_closes_two_hours_before(api, clock):
    clock("2026-09-30 10:00")
    code = api.book(1, NINE).json()["code"]
    late = api.book(2, "2026-10-08T09:30:00+08:00").json()["code"]
    last6 = {1: id_number(1)[-6:], 2: id_number(2)[-6:]}
    clock("2026-10-08 07:00")  # exactly two hours before: still allowed
    cancelled = api.delete(f"/api/bookings/{code}?id_last6={last6[1]}")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert api.get("/api/points/hall-3/slots?date=2026-10-08").json()[0]["booked"] == 0
    clock("2026-10-08 07:30:01")
    too_late = api.delete(f"/api/bookings/{late}?id_last6={last6[2]}")
    assert too_late.status_code == 409 and too_late.json()["reason"] == "too_late_to_change"
    assert "07:30" in too_late.json()["detail"]
    again = api.delete(f"/api/bookings/{code}?id_last6={last6[1]}")
    assert again.status_code == 409 and again.json()["reason"] == "booking_cancelled"


def test_a_booking_moves_to_another_slot_keeping_its_code(api, clock):
    clock("2026-09-30 10:00")
    code = api.book(1, NINE).json()["code"]
    moved = api.post(
        f"/api/bookings/{code}/reschedule",
        {"id_last6": id_number(1)[-6:], "start": "2026-10-09T14:00:00+08:00"},
    )
    assert moved.status_code == 200, moved.json()
    assert moved.json()["start"] == "2026-10-09T14:00:00+08:00"
    assert api.get("/api/points/hall-3/slots?date=2026-10-08").json()[0]["booked"] == 0
    assert [s["booked"] for s in api.get("/api/points/hall-3/slots?date=2026-10-09").json()][7] == 1


def test_too_many_tries_on_one_code_are_answered_429(api, clock):
    clock("2026-09-30 10:00")
    code = api.book(1, NINE).json()["code"]
    answers = [api.get(f"/api/bookings/{code}?id_last6=000000").status_code for _ in range(11)]
    assert answers == [404] * 10 + [429]
    right = api.get(f"/api/bookings/{code}?id_last6={id_number(1)[-6:]}")
    assert right.status_code == 429 and "预约码" in right.json()["detail"]
    assert int(right["Retry-After"]) > 0


def test_too_many_bookings_tried_with_one_id_are_answered_429(api, clock):
    clock("2026-09-30 10:00")
    answers = [api.book(1, NINE).status_code for _ in range(21)]
    assert answers[0] == 201 and set(answers[1:20]) == {409} and answers[20] == 429
