"""Taking a number, booked people first, calling, skipping, recalling once, serving."""

from __future__ import annotations

import pytest

from shebao.web.appointments.models import Booking, Ticket
from tests.web.appointments.people import id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(api, alice):
    api.client.login(username=alice.name, password=alice.password)
    return api


def take(api, point: str = "hall-3", **body):
    return api.post(f"/api/points/{point}/tickets", body)


def call(api, window: str = "3", point: str = "hall-3"):
    return api.post(f"/api/points/{point}/call-next", {"window": window})


def test_walk_ins_get_numbers_in_turn_with_their_place_and_wait(api, clock):
    clock("2026-10-08 09:00")
    first = take(api)
    assert first.status_code == 201
    assert first.json()["ticket"] == "A001" and first.json()["position"] == 1
    second = take(api).json()
    assert second["ticket"] == "A002" and second["ahead"] == 1
    third = take(api).json()
    assert third["ahead"] == 2 and third["wait_minutes"] == 10  # two windows, 10 minutes each


def test_no_number_is_given_on_a_holiday(api, clock):
    clock("2026-10-02 09:00")
    response = take(api)
    assert response.status_code == 409 and response.json()["reason"] == "closed"


def test_a_booked_person_checked_in_within_the_slot_is_called_first(clerk, clock):
    clock("2026-09-30 10:00")
    code = clerk.book(1, "2026-10-08T09:30:00+08:00").json()["code"]
    clock("2026-10-08 08:55")
    take(clerk), take(clerk)
    clock("2026-10-08 09:05")
    early = take(clerk, booking_code=code, id_last6=id_number(1)[-6:])
    assert early.status_code == 201 and early.json()["ticket"] == "B001"
    assert early.json()["ahead"] == 2  # before its slot it waits its turn
    assert Booking.objects.get(code=code).status == "checked_in"
    clock("2026-10-08 09:31")
    assert call(clerk).json()["ticket"] == "B001"  # 预约优先 once the slot has begun
    assert call(clerk).json()["ticket"] == "A001"


def test_check_in_opens_thirty_minutes_before_the_slot_and_closes_at_its_end(api, clock):
    clock("2026-09-30 10:00")
    code = api.book(1, "2026-10-08T10:00:00+08:00").json()["code"]
    last6 = id_number(1)[-6:]
    clock("2026-10-08 09:29")
    early = take(api, booking_code=code, id_last6=last6)
    assert early.status_code == 409 and early.json()["reason"] == "too_early"
    assert "09:30 起" in early.json()["detail"]
    clock("2026-10-08 10:31")
    late = take(api, booking_code=code, id_last6=last6)
    assert late.status_code == 409 and late.json()["reason"] == "missed"
    assert Booking.objects.get(code=code).status == "no_show"


def test_a_booking_is_checked_in_once(api, clock):
    clock("2026-09-30 10:00")
    code = api.book(1, "2026-10-08T09:00:00+08:00").json()["code"]
    clock("2026-10-08 09:00")
    assert take(api, booking_code=code, id_last6=id_number(1)[-6:]).status_code == 201
    again = take(api, booking_code=code, id_last6=id_number(1)[-6:])
    assert again.status_code == 409 and "B001" in again.json()["detail"]


def test_call_next_needs_a_clerk_of_the_point(api, clock, make_staff):
    clock("2026-10-08 09:00")
    take(api)
    assert call(api).status_code == 401
    other = make_staff("dave", "clerk", "hall-4")
    api.client.login(username=other.name, password=other.password)
    refused = call(api)
    assert refused.status_code == 403 and "hall-4" in refused.json()["detail"]


def test_call_next_answers_204_when_nobody_waits(clerk, clock):
    clock("2026-10-08 09:00")
    assert call(clerk).status_code == 204


def test_next_finishes_the_windows_ticket_and_calls_the_next(clerk, clock):
    clock("2026-10-08 09:00")
    take(clerk), take(clerk)
    first = call(clerk, "3").json()
    assert first["ticket"] == "A001" and first["window"] == "3" and first["status"] == "called"
    call(clerk, "3")
    assert Ticket.objects.get(label="A001").status == "served"
    board = clerk.get("/api/points/hall-3/board").json()
    assert [(c["ticket"], c["window"]) for c in board["calling"]] == [("A002", "3")]


def test_a_skipped_ticket_is_recalled_once(clerk, clock):
    clock("2026-10-08 09:00")
    take(clerk)
    call(clerk)
    skipped = clerk.post("/api/points/hall-3/tickets/A001/skip")
    assert skipped.status_code == 200 and skipped.json()["status"] == "skipped"
    recalled = clerk.post("/api/points/hall-3/tickets/a001/recall", {"window": "5"})
    assert recalled.status_code == 200 and recalled.json()["window"] == "5"
    clerk.post("/api/points/hall-3/tickets/A001/skip")
    twice = clerk.post("/api/points/hall-3/tickets/A001/recall", {"window": "5"})
    assert twice.status_code == 409 and twice.json()["reason"] == "recalled_already"


def test_serving_gives_the_intake_link_with_the_booked_persons_details(clerk, clock):
    from shebao.web.appointments.services import intake_person

    clock("2026-09-30 10:00")
    code = clerk.book(1, "2026-10-08T09:00:00+08:00").json()["code"]
    clock("2026-10-08 09:00")
    take(clerk, booking_code=code, id_last6=id_number(1)[-6:])
    call(clerk)
    served = clerk.post("/api/points/hall-3/tickets/B001/serve").json()
    assert served["status"] == "served" and served["intake_url"].startswith("/desk/intake?ticket=")
    person = intake_person(int(served["intake_url"].split("=")[1]))
    assert (person.id_number, person.name, person.item) == (id_number(1), "王小明", 6)


def test_an_unknown_ticket_is_404(clerk, clock):
    clock("2026-10-08 09:00")
    assert clerk.post("/api/points/hall-3/tickets/A999/skip").status_code == 404
