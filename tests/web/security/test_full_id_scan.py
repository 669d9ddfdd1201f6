"""A day at the window, start to end, with every log line, page, API answer, command output and
export kept, then searched for the full ID number.

Where the full number is shown, and only there (decided here, asserted below):
- a case's own record for staff who may see it (`GET /api/cases/{number}` and the desk's case
  page `/desk/cases/{number}/`): the clerk checks the card against it;
- the desk's intake form opened from a called ticket, filled from the person's booking: the
  person stands at the window with the card;
- `shebao people export`, the person's own copy of their data, once, as the key they asked
  with (inside, the records show it masked).
Every other place shows it masked (first 6 and last 4): lists, the documents handed to the
applicant (the number and the last 6 characters are what the lookup needs), the booking
pages, the desk, the admin, error pages and logs. A booking form that failed is not re-filled
with the number typed: the person types it again.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging

import pytest
from django.test import Client

from shebao.runtime import BEIJING
from tests.web.appointments.people import booking
from tests.web.cases.conftest import (
    AFTER_SUPPLEMENT_DUE,
    ID,
    SUPPLEMENT,
    Api,
    accepted,
    person,
    refused,
    returned,
    tolerated,
)
from tests.web.conftest import PASSWORD
from tests.web.security.conftest import POINT_A

pytestmark = pytest.mark.django_db
NINE = "2026-10-08T09:00:00+08:00"  # the first working day after 国庆
WRONG = ID[:-1] + "4"  # the same person mistyping the check digit


@pytest.fixture
def log_lines():
    """Everything every logger says, at every level, as text. (django.template stays at the
    INFO the settings pin it to: at DEBUG it dumps whole page contexts; the test
    `test_template_debug_logging_is_pinned_off` keeps that pin.)"""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    loggers = [root] + [logging.getLogger(n) for n in ("shebao", "django", "django.request")]
    saved = [(lg, lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    yield stream
    for lg, level, propagate in saved:
        lg.removeHandler(handler)
        lg.setLevel(level)
        lg.propagate = propagate


class Seen:
    """Every answer kept with a name, its headers and its body as text."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def keep(self, name: str, response) -> object:
        body = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        self.texts[f"{name} [{response.status_code}]"] = headers + "\n" + body.decode()
        return response

    def text(self, name: str, text: str) -> None:
        self.texts[name] = text


def test_a_full_day_shows_the_full_id_only_where_decided(
    make_staff, cli, frozen_now, log_lines, capsys, monkeypatch
):
    from shebao.web.accounts.services import issue_token

    seen = Seen()
    make_staff("alice", "clerk", POINT_A)
    make_staff("carol", "admin")
    clerk = Api(issue_token("alice"))
    citizen = Client(raise_request_exception=False)
    desk = Client(raise_request_exception=False)
    assert desk.login(username="alice", password=PASSWORD)
    admin = Client()
    assert admin.login(username="carol", password=PASSWORD)

    # Booked, on the page and through the API; refused once for a typo, once as a second one.
    page = citizen.get(f"/booking/{POINT_A}/").content.decode()
    start = NINE if NINE in page else page.split('<option value="2026-')[1].split('"')[0]
    form = {"item": "6", "start": NINE, "name": "王小明", "phone": "13804112233"}
    seen.keep(
        "booking page, typo", citizen.post(f"/booking/{POINT_A}/", form | {"id_number": WRONG})
    )
    booked = seen.keep(
        "booking page", citizen.post(f"/booking/{POINT_A}/", form | {"id_number": ID})
    )
    assert booked.status_code == 200 and start
    code = booked.content.decode().split('<p class="code">')[1].split("<")[0]
    again = booking(0, NINE, id_number=ID)
    seen.keep("API second booking", citizen.post("/api/bookings", again, "application/json"))
    seen.keep(
        "API typo", citizen.post("/api/bookings", again | {"id_number": WRONG}, "application/json")
    )
    seen.keep("API booking", citizen.get(f"/api/bookings/{code}", {"id_last6": ID[-6:]}))
    seen.keep("find page", citizen.post("/booking/find/", {"code": code, "id_last6": ID[-6:]}))
    seen.keep(
        "find page, wrong", citizen.post("/booking/find/", {"code": code, "id_last6": "000000"})
    )

    # Cases taken in through the API, one of each outcome, and a typo; changes; documents.
    numbers = {}
    for name, body in [
        ("refused", refused()),
        ("accepted", accepted()),
        ("tolerated", tolerated()),
        ("returned", returned()),
    ]:
        numbers[name] = clerk.take_in(body)["number"]
    seen.keep("intake typo", clerk.post("/api/cases", accepted(applicant=person(id_number=WRONG))))
    seen.keep("intake refused body", clerk.post("/api/cases", tolerated(commitment_signed=False)))
    seen.keep("note with the ID", clerk.move(numbers["accepted"], "in_progress", f"号码 {ID}"))
    seen.keep("move", clerk.move(numbers["accepted"], "in_progress", "开始审核"))
    seen.keep("409", clerk.move(numbers["refused"], "in_progress"))
    seen.keep(
        "supplement",
        clerk.post(f"/api/cases/{numbers['tolerated']}/materials", {"provided": SUPPLEMENT}),
    )
    for kind, name in [
        ("acceptance", "accepted"),
        ("refusal", "refused"),
        ("commitment", "tolerated"),
        ("notice", "returned"),
    ]:
        seen.keep(f"document {kind}", clerk.client.get(f"/cases/{numbers[name]}/documents/{kind}"))
    own = seen.keep("case's own record", clerk.get(f"/api/cases/{numbers['accepted']}"))

    # Lists and the desk.
    seen.keep("API list", clerk.get("/api/cases"))
    seen.keep("API list filtered", clerk.get("/api/cases", status="accepted"))
    seen.keep("desk", desk.get("/desk/"))
    seen.keep("queue desk", desk.get("/desk/queue/"))
    for path in (
        "/admin/cases/case/",
        "/admin/cases/casehistory/",
        "/admin/appointments/booking/",
        "/admin/appointments/ticket/",
    ):
        seen.keep(f"admin {path}", admin.get(path))
    booking_pk = admin.get("/admin/appointments/booking/").context["cl"].result_list[0].pk
    seen.keep("admin booking", admin.get(f"/admin/appointments/booking/{booking_pk}/change/"))

    # The citizen looks the case up: right and wrong.
    number = numbers["tolerated"]
    seen.keep("progress page", citizen.post("/progress", {"number": number, "id_last6": ID[-6:]}))
    seen.keep(
        "progress wrong", citizen.post("/progress", {"number": number, "id_last6": WRONG[-6:]})
    )
    seen.keep("public API", citizen.get(f"/api/public/cases/{number}", {"id_last6": ID[-6:]}))
    seen.keep(
        "public API with the ID", citizen.get(f"/api/public/cases/{number}", {"id_last6": ID})
    )

    # The day of the booking: check in at the kiosk, called, served.
    frozen_now.move_to(dt.datetime(2026, 10, 8, 8, 50, tzinfo=BEIJING))
    assert desk.login(username="alice", password=PASSWORD)  # a new working day, a new login
    kiosk = seen.keep(
        "kiosk",
        citizen.post(f"/hall/{POINT_A}/ticket/", {"booking_code": code, "id_last6": ID[-6:]}),
    )
    assert 'class="ticket">B' in kiosk.content.decode()  # checked in: a booked number
    seen.keep("call", desk.post("/desk/queue/", {"window": "1", "action": "call"}))
    queue = seen.keep("queue after call", desk.get("/desk/queue/"))
    assert queue.status_code == 200 and "王" in queue.content.decode()  # the booked person
    label = queue.content.decode().split('name="ticket" value="')[1].split('"')[0]
    served = seen.keep(
        "serve", desk.post("/desk/queue/", {"window": "1", "ticket": label, "action": "serve"})
    )
    assert served.status_code == 302 and "/desk/intake?ticket=" in served["Location"]
    seen.keep("intake from the ticket", desk.get(served["Location"]))
    seen.keep("desk worklist", desk.get("/desk/cases/"))
    seen.keep("desk case page", desk.get(f"/desk/cases/{numbers['accepted']}/"))
    assert admin.login(username="carol", password=PASSWORD)
    seen.keep("views log", admin.get("/desk/views/"))
    seen.keep("dashboard", admin.get("/desk/dashboard/"))
    seen.keep("dashboard CSV", admin.get("/desk/dashboard.csv"))
    seen.keep("board", citizen.get(f"/api/points/{POINT_A}/board"))
    seen.keep("hall display", citizen.get(f"/hall/{POINT_A}/"))

    # A server error in the middle of an intake: the page, the JSON and the log.
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("shebao.web.cases.services._store", broken)
    failing = Client(
        raise_request_exception=False,
        HTTP_AUTHORIZATION=clerk.client.defaults["HTTP_AUTHORIZATION"],
    )
    seen.keep("500 API", failing.post("/api/cases", accepted(), content_type="application/json"))
    monkeypatch.setattr("shebao.web.appointments.views.services.book", broken)
    seen.keep("500 page", citizen.post(f"/booking/{POINT_A}/", form | {"id_number": ID}))
    monkeypatch.undo()

    # The commands: lists, reminders, the person's erasure report; the person's own export.
    frozen_now.move_to(AFTER_SUPPLEMENT_DUE)
    capsys.readouterr()
    for args in (
        ["cases", "list"],
        ["cases", "list", "--json"],
        ["cases", "remind", "--json"],
        ["cases", "show", numbers["accepted"]],
        ["cases", "show", numbers["accepted"], "--json"],
        ["users", "list"],
        ["people", "purge-expired", "--json"],
        ["people", "erase", WRONG],
    ):
        result = cli(*args)
        seen.text("shebao " + " ".join(args), result.out + result.err)
    export = cli("people", "export", ID)

    # The decided places show it …
    assert ID in own.content.decode()
    assert json.loads(export.out)["id_number"] == ID and export.out.count(ID) == 1
    # … and nothing else does, in any form the number was typed.
    logged = log_lines.getvalue()
    assert "taken in" in logged and "Internal Server Error" in logged  # the log was captured
    leaks = {
        name: number
        for name, text in {**seen.texts, "log": logged}.items()
        for number in (ID, WRONG)
        if number in text
    }
    assert leaks == {
        "case's own record [200]": ID,
        "desk case page [200]": ID,
        "intake from the ticket [200]": ID,
    }
    assert len(seen.texts) > 40
    assert {"500 API [500]", "500 page [500]"} <= seen.texts.keys()


def test_template_debug_logging_is_pinned_off():
    """With the root logger at DEBUG, django.template still says nothing at DEBUG: it would log
    a missing variable with the page's whole context, full ID numbers included."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        assert not logging.getLogger("django.template").isEnabledFor(logging.DEBUG)
    finally:
        root.setLevel(level)
