"""The worklists: my point's cases by what needs doing, masked numbers, search by number."""

from __future__ import annotations

import datetime as dt

import pytest

from shebao.runtime import BEIJING
from tests.core.cases.factories import resident_id
from tests.web.conftest import PASSWORD
from tests.web.desk.conftest import ID

pytestmark = pytest.mark.django_db

ACCEPTED_60 = dict(
    item="60", fact_injury_recognized=None, provided=["劳动人事争议仲裁申请书", "身份证"]
)


def section(page: str, key: str) -> str:
    """The part of the page from the list's heading to the next heading."""
    start = page.index(f'id="{key}"')
    end = page.find("<h2", start)
    return page[start : end if end != -1 else None]


def test_cases_are_listed_by_what_needs_doing(clerk, take_in, frozen):
    tolerated = take_in()
    returned = take_in(provided=[])
    accepted = take_in(**ACCEPTED_60)  # due 13 Oct (5 working days over 国庆)
    frozen.move_to(dt.datetime(2026, 10, 12, 9, 0, tzinfo=BEIJING))
    clerk.login(username="alice", password=PASSWORD)  # a session lasts a working day
    page = clerk.get("/desk/cases/").content.decode()
    assert accepted in section(page, "warning")
    assert tolerated in section(page, "pending") and "补齐期限 2026-10-13" in page
    assert returned in section(page, "stopped")
    frozen.move_to(dt.datetime(2026, 10, 14, 9, 0, tzinfo=BEIJING))
    clerk.login(username="alice", password=PASSWORD)
    page = clerk.get("/desk/cases/").content.decode()
    assert accepted in section(page, "overdue") and accepted not in section(page, "warning")


def test_the_applicants_number_is_masked_in_the_list(clerk, take_in):
    take_in()
    page = clerk.get("/desk/cases/").content.decode()
    assert ID not in page
    assert "210202********1233" in page


def test_a_clerk_sees_only_her_points_cases(clerk, other_clerk, take_in):
    mine = take_in()
    theirs = take_in(client=other_clerk)
    page = clerk.get("/desk/cases/").content.decode()
    assert mine in page and theirs not in page


def test_a_supervisor_sees_every_point_and_filters_by_one(supervisor, clerk, other_clerk, take_in):
    here, there = take_in(), take_in(client=other_clerk)
    everything = supervisor.get("/desk/cases/").content.decode()
    assert here in everything and there in everything
    hall5 = supervisor.get("/desk/cases/", {"point": "hall-5"}).content.decode()
    assert there in hall5 and here not in hall5
    wrong = supervisor.get("/desk/cases/", {"point": "hall-99"})
    assert wrong.status_code == 422 and "没有服务点" in wrong.content.decode()


def test_search_by_number_opens_the_case_and_a_malformed_one_is_explained(clerk, take_in):
    number = take_in()
    found = clerk.get("/desk/cases/", {"number": number.lower().replace("-", "")})
    assert found.status_code == 302 and found["Location"] == f"/desk/cases/{number}/"
    bad = clerk.get("/desk/cases/", {"number": "12"})
    assert bad.status_code == 422 and "案件编号格式不正确" in bad.content.decode()


def test_anonymous_visitors_are_sent_to_login(client):
    assert client.get("/desk/cases/").status_code == 302


def test_the_lists_filter_by_item_and_explain_an_unknown_one(clerk, take_in):
    tolerated = take_in()
    accepted = take_in(**ACCEPTED_60)
    everything = clerk.get("/desk/cases/").content.decode()
    assert accepted in section(everything, "normal") and tolerated not in section(
        everything, "normal"
    )
    only_48 = clerk.get("/desk/cases/", {"item": "48"}).content.decode()
    assert tolerated in only_48 and accepted not in only_48
    unknown = clerk.get("/desk/cases/", {"item": "999"})
    assert unknown.status_code == 422 and "999" in unknown.content.decode()


OTHER_ID = resident_id(born="19850202", seq="456")  # another applicant, also of 西岗区


def test_a_clerk_finds_an_applicants_cases_by_the_end_of_the_number(clerk, take_in):
    mine = take_in()
    theirs = take_in(id_number=OTHER_ID, name="李四")
    for typed in ("1233", "011233", "2102021233", "210202********1233", " １２３３ "):
        page = clerk.get("/desk/cases/", {"applicant": typed}).content.decode()
        assert mine in page and theirs not in page, typed
        assert ID not in page and "210202********1233" in page
    page = clerk.get("/desk/cases/", {"applicant": OTHER_ID[-4:]}).content.decode()
    assert theirs in page and mine not in page


def test_the_search_cannot_probe_the_hidden_middle_of_a_number(clerk, take_in):
    take_in()
    answer = clerk.get("/desk/cases/", {"applicant": "19700101"})
    assert answer.status_code == 422
    assert "请输入后 4—6 位，或前 6 位加后 4 位" in answer.content.decode()
    answer = clerk.get("/desk/cases/", {"applicant": "2102021970010"})
    assert answer.status_code == 422


def test_the_search_keeps_to_the_clerks_point(clerk, other_clerk, take_in):
    theirs = take_in(client=other_clerk)
    page = clerk.get("/desk/cases/", {"applicant": "1233"}).content.decode()
    assert theirs not in page
