"""Every desk page × every kind of visitor: the answer each gets (issue 16's access table).

Another point's clerk gets 404 for a case, never 403: a case number says nothing of another
point's cases.
"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

VISITORS = ("anonymous", "clerk_a", "clerk_b", "reviewer", "supervisor", "admin")
CASE = "/desk/cases/{case}/"
TABLE = {
    # page: answers for VISITORS in order
    "/desk/": (302, 200, 200, 200, 200, 200),
    "/desk/intake": (302, 200, 200, 403, 200, 200),
    "/desk/intake?item=48": (302, 200, 200, 403, 200, 200),
    "/desk/cases/": (302, 200, 200, 200, 200, 200),
    CASE: (302, 200, 404, 200, 200, 200),
    "/desk/views/": (302, 403, 403, 403, 200, 200),
    "/desk/dashboard/": (302, 403, 403, 403, 200, 200),
    "/desk/dashboard.csv": (302, 403, 403, 403, 200, 200),
}


@pytest.fixture
def visitors(make_staff, clerk) -> dict[str, Client]:
    people = {
        "clerk_b": ("dora", "clerk", "hall-5"),
        "reviewer": ("rita", "reviewer", "hall-3"),
        "supervisor": ("bob", "supervisor", None),
        "admin": ("carol", "admin", None),
    }
    clients = {"anonymous": Client(), "clerk_a": clerk}  # alice, at hall 3
    for key, (name, role, point) in people.items():
        staff = make_staff(name, role, point)
        clients[key] = Client()
        assert clients[key].login(username=staff.name, password=staff.password)
    return clients


@pytest.mark.parametrize("page", list(TABLE))
def test_each_visitor_gets_the_expected_answer(page, visitors, take_in):
    case = take_in(client=visitors["clerk_a"])
    url = page.format(case=case)
    got = tuple(visitors[v].get(url).status_code for v in VISITORS)
    assert got == TABLE[page]


def test_a_refusal_is_in_chinese_and_shows_no_case_data(visitors, take_in):
    case = take_in(client=visitors["clerk_a"])
    refused = visitors["clerk_b"].get(CASE.format(case=case)).content.decode()
    assert "不属于您的服务点" in refused and "王小明" not in refused
    forbidden = visitors["clerk_a"].get("/desk/dashboard/").content.decode()
    assert "无权" in forbidden
