"""The pages: book, look up and cancel; take a number; the hall display; the clerk's desk."""

from __future__ import annotations

import pytest

from shebao.web.appointments.models import Booking, Ticket
from tests.web.appointments.people import id_number

pytestmark = pytest.mark.django_db

NINE = "2026-10-08T09:00:00+08:00"


def form(client, url: str, **fields: str):
    return client.post(url, fields)


def test_the_booking_page_lists_items_and_free_slots_and_books(client, clock):
    clock("2026-09-30 10:00")
    page = client.get("/booking/hall-3/")
    text = page.content.decode()
    assert page.status_code == 200 and "个人基本信息变更" in text
    assert "2026-10-10（周六） 09:00—09:30（余 2 个）" in text  # the adjusted Saturday
    assert "2026-10-01" not in text  # the holiday
    done = form(
        client,
        "/booking/hall-3/",
        item="6",
        start=NINE,
        name="王小明",
        id_number=id_number(1),
        phone="13804112233",
    )
    assert done.status_code == 200 and "预约成功" in done.content.decode()
    assert Booking.objects.get().code in done.content.decode()


def test_a_refused_booking_is_explained_with_the_form_kept(client, clock):
    clock("2026-09-30 10:00")
    refused = form(
        client,
        "/booking/hall-3/",
        item="6",
        start=NINE,
        name="王小明",
        id_number="210202198001010000",
        phone="13804112233",
    )
    text = refused.content.decode()
    assert refused.status_code == 409 and "校验码" in text and 'value="王小明"' in text


def test_a_booking_is_found_and_cancelled_on_the_page(client, api, clock):
    clock("2026-09-30 10:00")
    code = api.book(1, NINE).json()["code"]
    last6 = id_number(1)[-6:]
    found = form(client, "/booking/find/", code=code, id_last6=last6, action="find")
    assert "已预约" in found.content.decode() and "改约到" in found.content.decode()
    cancelled = form(client, "/booking/find/", code=code, id_last6=last6, action="cancel")
    assert "预约已取消" in cancelled.content.decode()
    assert Booking.objects.get().status == "cancelled"


def test_the_kiosk_gives_a_number_and_the_display_shows_the_call(client, clock, alice):
    clock("2026-10-08 09:00")
    taken = form(client, "/hall/hall-3/ticket/")
    assert "A001" in taken.content.decode() and "前面没有人等候" in taken.content.decode()
    client.login(username=alice.name, password=alice.password)
    form(client, "/desk/queue/", window="4", action="call")
    display = client.get("/hall/hall-3/").content.decode()
    assert (
        "请 A001 号到 4 号窗口" in display
        and 'data-refresh-seconds="5"' in display
        and "appointments/refresh.js" in display
    )


def test_the_desk_needs_a_login(client):
    response = client.get("/desk/queue/")
    assert response.status_code == 302 and "next=%2Fdesk%2Fqueue%2F" in response["Location"]


def test_the_desk_shows_the_day_and_serving_opens_the_intake(client, api, clock, alice):
    clock("2026-09-30 10:00")
    api.book(1, NINE)
    clock("2026-10-08 09:00")
    form(client, "/hall/hall-3/ticket/")
    client.login(username=alice.name, password=alice.password)
    page = client.get("/desk/queue/").content.decode()
    assert "A001" in page and "王*明" in page and "等候 1 人" in page
    form(client, "/desk/queue/", window="2", action="call")
    served = form(client, "/desk/queue/", window="2", action="serve", ticket="A001")
    ticket = Ticket.objects.get()
    assert served.status_code == 302 and served["Location"] == f"/desk/intake?ticket={ticket.pk}"
    assert ticket.status == "served"
