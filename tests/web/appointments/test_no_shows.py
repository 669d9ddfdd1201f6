"""No-shows are recorded when a slot passes unvisited; three in 90 days block booking 30 days."""

from __future__ import annotations

import pytest

from shebao.web.appointments.models import Booking, BookingEvent
from tests.web.appointments.people import id_number

pytestmark = pytest.mark.django_db


def miss(api, clock, booked_on: str, day: str) -> None:
    clock(f"{booked_on} 10:00")
    response = api.book(1, f"{day}T09:00:00+08:00")
    assert response.status_code == 201, response.json()


def test_a_slot_passed_without_check_in_is_recorded_as_a_no_show(api, clock):
    miss(api, clock, "2026-11-02", "2026-11-03")
    code = Booking.objects.get().code
    clock("2026-11-03 09:29")
    found = api.get(f"/api/bookings/{code}?id_last6={id_number(1)[-6:]}").json()
    assert found["status"] == "active"
    clock("2026-11-03 09:31")
    found = api.get(f"/api/bookings/{code}?id_last6={id_number(1)[-6:]}").json()
    assert found["status"] == "no_show" and found["status_label"] == "预约未到"
    assert BookingEvent.objects.filter(action="no_show").count() == 1


def test_three_no_shows_in_90_days_block_booking_for_30_days_from_the_third(api, clock):
    miss(api, clock, "2026-11-02", "2026-11-03")
    miss(api, clock, "2026-11-09", "2026-11-10")
    miss(api, clock, "2026-11-16", "2026-11-17")
    clock("2026-11-17 12:00")
    refused = api.book(1, "2026-11-18T09:00:00+08:00")
    assert refused.status_code == 409 and refused.json()["reason"] == "blocked"
    detail = refused.json()["detail"]
    assert "2026-11-03、2026-11-10、2026-11-17" in detail
    assert "2026-11-17 至 2026-12-16 暂停预约，2026-12-17 起可以再预约" in detail
    clock("2026-12-16 23:59")
    assert api.book(1, "2026-12-17T09:00:00+08:00").json()["reason"] == "blocked"
    clock("2026-12-17 00:00")
    assert api.book(1, "2026-12-18T09:00:00+08:00").status_code == 201
    assert Booking.objects.filter(status="no_show").count() == 3


def test_someone_else_is_not_blocked_by_anothers_no_shows(api, clock):
    miss(api, clock, "2026-11-02", "2026-11-03")
    miss(api, clock, "2026-11-09", "2026-11-10")
    miss(api, clock, "2026-11-16", "2026-11-17")
    clock("2026-11-17 12:00")
    assert api.book(2, "2026-11-18T09:00:00+08:00").status_code == 201
