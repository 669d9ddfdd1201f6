"""Who gets what: every staff page and staff API operation × every kind of visitor, in one
table, and every other route declared public. The routes come from Django's URL resolver and
the API's OpenAPI schema, so a new route without a line here fails `test_every_route_…`.

To add a route: one line in STAFF_PAGES / STAFF_API (method, address, body, the seven
answers) or its name in PUBLIC_PAGES / PUBLIC_API. The seven answers are for, in order:
anonymous, a citizen who has looked up a case, the clerk of point A (hall-3, where the case
and the called ticket are), the clerk of point B (hall-5), a reviewer of point A, a
supervisor, an administrator. 302 is a redirect to a login page; 404 for another point's case
says nothing about whether it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.web.cases.conftest import ID, accepted, tolerated
from tests.web.conftest import PASSWORD
from tests.web.security.conftest import POINT_A, POINT_B
from tests.web.security.routes import api_operations, page_routes

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "citizen", "clerk_a", "clerk_b", "reviewer", "supervisor", "admin")


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # {case}: a case accepted at point A; {pending}: one waiting for materials
    answers: str  # seven status codes, in the order of PERSONAS
    body: dict[str, Any] | None = None


# Staff pages, keyed by their route as Django writes it.
STAFF_PAGES: dict[str, Row] = {
    "desk/": Row("GET", "/desk/", "302 302 200 200 200 200 200"),
    "desk/queue/": Row("GET", "/desk/queue/?point=hall-3", "302 302 200 200 403 200 200"),
    "desk/intake": Row("GET", "/desk/intake?item=48", "302 302 200 200 403 200 200"),
    "desk/intake (no item chosen)": Row("GET", "/desk/intake", "302 302 200 200 403 200 200"),
    "desk/cases/": Row("GET", "/desk/cases/", "302 302 200 200 200 200 200"),
    "desk/cases/<str:number>/": Row("GET", "/desk/cases/{case}/", "302 302 200 404 200 200 200"),
    "desk/views/": Row("GET", "/desk/views/", "302 302 403 403 403 200 200"),
    "desk/dashboard/": Row("GET", "/desk/dashboard/", "302 302 403 403 403 200 200"),
    "desk/dashboard.csv": Row("GET", "/desk/dashboard.csv", "302 302 403 403 403 200 200"),
    "cases/<str:number>/documents/<str:kind>": Row(
        "GET", "/cases/{case}/documents/acceptance", "401 401 200 404 200 200 200"
    ),
    "desk/review/": Row("GET", "/desk/review/", "302 302 200 200 200 200 200"),
    "desk/review/<str:code>": Row("GET", "/desk/review/NOSUCHAPP", "302 302 404 404 404 404 404"),
    "desk/review/<str:code>/files/<str:file_id>": Row(
        "GET", "/desk/review/NOSUCHAPP/files/1", "302 302 404 404 404 404 404"
    ),
    "desk/ratings/": Row("GET", "/desk/ratings/", "302 302 403 403 403 200 200"),
    "desk/ratings/csv": Row("GET", "/desk/ratings/csv", "302 302 403 403 403 200 200"),
    "desk/ratings/set-aside": Row("GET", "/desk/ratings/set-aside", "302 302 403 403 403 403 200"),
    "desk/followups/": Row("GET", "/desk/followups/", "302 302 403 403 403 200 200"),
    "desk/followups/<int:pk>/": Row("GET", "/desk/followups/999/", "302 302 403 403 403 404 404"),
    "admin/": Row("GET", "/admin/", "302 302 302 302 302 302 200"),
    "admin/ (a model's list)": Row("GET", "/admin/cases/case/", "302 302 302 302 302 302 200"),
}
PUBLIC_PAGES = {
    "items/<str:no>/apply",
    "online/return",
    "online/<str:code>",
    "online/<str:code>/files/<str:file_id>",
    "rate/<str:number>",
    "",
    "search",
    "category/<str:name>",
    "items/<str:no>",
    "items/<str:no>/print",
    "items/<str:no>/check",
    "retirement",
    "progress",
    "events",
    "events/<str:key>",
    "booking/",
    "booking/find/",
    "booking/<str:point>/",
    "hall/<str:point>/ticket/",
    "hall/<str:point>/",
    "desk/login/",
    "desk/logout/",
}

# Staff API operations, keyed by (method, path) as the OpenAPI schema writes them.
STAFF_API: dict[tuple[str, str], Row] = {
    ("GET", "/api/staff/me"): Row("GET", "/api/staff/me", "401 401 200 200 200 200 200"),
    ("GET", "/api/cases"): Row("GET", "/api/cases", "401 401 200 200 200 200 200"),
    ("POST", "/api/cases"): Row("POST", "/api/cases", "401 401 201 201 201 422 422", accepted()),
    ("GET", "/api/cases/{number}"): Row("GET", "/api/cases/{case}", "401 401 200 404 200 200 200"),
    ("POST", "/api/cases/{number}/transitions"): Row(
        "POST",
        "/api/cases/{case}/transitions",
        "401 401 200 404 200 200 200",
        {"to": "in_progress"},
    ),
    ("POST", "/api/cases/{number}/materials"): Row(
        "POST",
        "/api/cases/{pending}/materials",
        "401 401 200 404 200 200 200",
        {"provided": ["病历资料"]},
    ),
    ("POST", "/api/points/{point}/call-next"): Row(
        "POST", "/api/points/hall-3/call-next", "401 401 204 403 204 204 204", {"window": "2"}
    ),
    ("POST", "/api/points/{point}/tickets/{ticket}/skip"): Row(
        "POST", "/api/points/hall-3/tickets/A001/skip", "401 401 200 403 200 200 200", {}
    ),
    # recall: passes the door, then refused as A001 was not skipped
    ("POST", "/api/points/{point}/tickets/{ticket}/recall"): Row(
        "POST",
        "/api/points/hall-3/tickets/A001/recall",
        "401 401 422 403 422 422 422",
        {"window": "1"},
    ),
    ("POST", "/api/points/{point}/tickets/{ticket}/serve"): Row(
        "POST", "/api/points/hall-3/tickets/A001/serve", "401 401 200 403 200 200 200", {}
    ),
    ("GET", "/api/ratings/followups"): Row(
        "GET", "/api/ratings/followups", "401 401 403 403 403 200 200"
    ),
    ("GET", "/api/ratings/statistics"): Row(
        "GET",
        "/api/ratings/statistics?start=2026-09-01&end=2026-09-30",
        "401 401 403 403 403 200 200",
    ),
    ("POST", "/api/ratings/followups/{pk}/close"): Row(
        "POST",
        "/api/ratings/followups/999/close",
        "401 401 403 403 403 404 404",
        {"callback": "已回访", "findings": "属实", "rectification": "已整改"},
    ),
    ("POST", "/api/ratings/{number}/set-aside"): Row(
        "POST",
        "/api/ratings/{case}/set-aside",
        "401 401 403 403 403 403 404",
        {"reason": "恶意差评"},
    ),
    ("GET", "/api/review/applications"): Row(
        "GET", "/api/review/applications", "401 401 200 200 200 200 200"
    ),
    ("GET", "/api/review/applications/{code}"): Row(
        "GET", "/api/review/applications/NOSUCHAPP", "401 401 404 404 404 404 404"
    ),
    ("GET", "/api/review/applications/{code}/files/{file_id}"): Row(
        "GET", "/api/review/applications/NOSUCHAPP/files/1", "401 401 404 404 404 404 404"
    ),
    ("POST", "/api/review/applications/{code}/files/{file_id}"): Row(
        "POST",
        "/api/review/applications/NOSUCHAPP/files/1",
        "401 401 404 404 404 404 404",
        {"accept": True},
    ),
    ("POST", "/api/review/applications/{code}/decide"): Row(
        "POST", "/api/review/applications/NOSUCHAPP/decide", "401 401 404 404 404 404 404", {}
    ),
}
PUBLIC_API = {
    ("GET", "/api/applications/{code}"),
    ("GET", "/api/applications/{code}/files/{file_id}"),
    ("POST", "/api/applications"),
    ("POST", "/api/applications/{code}/facts"),
    ("POST", "/api/applications/{code}/files"),
    ("POST", "/api/applications/{code}/submit"),
    ("POST", "/api/applications/{code}/verify"),
    ("POST", "/api/public/cases/{number}/rating"),
    ("GET", "/api/items"),
    ("GET", "/api/items/{no}"),
    ("GET", "/api/search"),
    ("POST", "/api/check"),
    ("POST", "/api/intake-check"),
    ("GET", "/api/deadline"),
    ("GET", "/api/retirement"),
    ("GET", "/api/events"),
    ("POST", "/api/events/{event}/plan"),
    ("GET", "/api/health"),
    ("GET", "/api/points/{point}/slots"),
    ("POST", "/api/bookings"),
    ("GET", "/api/bookings/{code}"),
    ("DELETE", "/api/bookings/{code}"),
    ("POST", "/api/bookings/{code}/reschedule"),
    ("POST", "/api/points/{point}/tickets"),
    ("GET", "/api/points/{point}/board"),
    ("GET", "/api/public/cases/{number}"),
}


def test_every_page_route_is_in_the_table():
    routes = page_routes()
    # A route may have several rows, told apart by a note in brackets: "desk/intake (…)".
    listed = {key.split(" (")[0] for key in STAFF_PAGES if not key.startswith("admin/")}
    listed |= PUBLIC_PAGES
    assert routes - listed == set(), "new page routes: add each to STAFF_PAGES or PUBLIC_PAGES"
    assert listed - routes == set(), "routes in the table that no longer exist"
    assert not PUBLIC_PAGES & STAFF_PAGES.keys()


def test_every_api_operation_is_in_the_table():
    operations = api_operations()
    listed = STAFF_API.keys() | PUBLIC_API
    assert operations.keys() - listed == set(), "new API operations: add to STAFF_API/PUBLIC_API"
    assert listed - operations.keys() == set(), "operations in the table that no longer exist"
    staff_only = {key for key, needs_login in operations.items() if needs_login}
    assert staff_only == set(STAFF_API), "the schema's logins and the table disagree"


def test_each_row_has_an_answer_for_every_persona():
    for row in [*STAFF_PAGES.values(), *STAFF_API.values()]:
        assert len(row.answers.split()) == len(PERSONAS), row


# --- the visitors ------------------------------------------------------------------------------


@pytest.fixture
def scene(make_staff) -> dict[str, str]:
    """A case accepted and one waiting for materials at point A, and ticket A001 there called
    to window 1 by its clerk."""
    from shebao.web.accounts.services import issue_token
    from tests.web.cases.conftest import Api

    make_staff("alice", "clerk", POINT_A)
    clerk = Api(issue_token("alice"))
    case = clerk.take_in(accepted())["number"]
    pending = clerk.take_in(tolerated())["number"]
    assert (
        Client().post(f"/api/points/{POINT_A}/tickets", {}, "application/json").status_code == 201
    )
    called = clerk.post(f"/api/points/{POINT_A}/call-next", {"window": "1"})
    assert called.json()["ticket"] == "A001", called.content
    return {"case": case, "pending": pending}


def visitor(persona: str, make_staff, scene: dict[str, str]) -> Client:
    client = Client()
    if persona == "citizen":  # looked up a case and a booking: whatever cookies that leaves
        client.post("/progress", {"number": scene["case"], "id_last6": ID[-6:]})
        client.get(f"/api/public/cases/{scene['case']}", {"id_last6": ID[-6:]})
        client.post("/booking/find/", {"code": "ABCDEFGH", "id_last6": ID[-6:], "action": "find"})
    elif persona != "anonymous":
        name, role, point = {
            "clerk_a": ("alice", "clerk", POINT_A),
            "clerk_b": ("dora", "clerk", POINT_B),
            "reviewer": ("rita", "reviewer", POINT_A),
            "supervisor": ("bob", "supervisor", None),
            "admin": ("carol", "admin", None),
        }[persona]
        if name != "alice":
            make_staff(name, role, point)
        assert client.login(username=name, password=PASSWORD)
    return client


def send(client: Client, row: Row, scene: dict[str, str]):
    path = row.path.format(**scene)
    if row.method == "GET":
        return client.get(path)
    return client.generic(row.method, path, _json(row.body), "application/json")


def _json(body: Any) -> str:
    import json

    return json.dumps(body if body is not None else {}, ensure_ascii=False)


CELLS = [
    pytest.param(key, persona, id=f"{key}-{persona}")
    for key in [*STAFF_PAGES, *STAFF_API]
    for persona in PERSONAS
]


@pytest.mark.parametrize(("key", "persona"), CELLS)
def test_access(key, persona, make_staff, scene):
    row = STAFF_PAGES[key] if isinstance(key, str) else STAFF_API[key]
    expected = int(row.answers.split()[PERSONAS.index(persona)])
    response = send(visitor(persona, make_staff, scene), row, scene)
    assert response.status_code == expected, response.content.decode()[:300]
    if expected == 302:
        login = "/admin/login/" if row.path.startswith("/admin/") else "/desk/login/"
        assert response["Location"].startswith(login)
    if expected in (401, 403, 404) and row.path.startswith("/api/"):
        assert response.json()["detail"]  # said in words
    if expected in (401, 403, 404):
        assert "王小明" not in response.content.decode()  # nothing of the applicant


@pytest.mark.parametrize("route", sorted(PUBLIC_PAGES - {"desk/logout/"}))
def test_public_pages_open_to_anyone(route, scene):
    from tests.web.security.routes import PAGE_SAMPLES

    path = PAGE_SAMPLES[route].format(**scene)
    expected = 404 if "NOSUCHAPP" in path else 200  # someone else's (here: no) application
    assert Client().get(path).status_code == expected
