"""The supervisor's pages: the figures and their CSV, the follow-ups and their closing form, the
administrator's set-aside form; and the overdue follow-ups in `shebao cases remind`."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from shebao.web.ratings.models import FollowUp, Rating
from tests.web.conftest import PASSWORD
from tests.web.ratings.conftest import ID, at

pytestmark = pytest.mark.django_db


def logged_in(name: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=name, password=PASSWORD)
    return client


def csrf(client: Client, path: str) -> str:
    page = client.get(path).content.decode()
    return page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def test_the_supervisor_sees_the_figures_and_the_menu_links(rated, supervisor):
    rated(5, scores={"attitude": 4})
    rated(1)
    page = logged_in("bob").get("/desk/ratings/", {"start": "2026-09-01", "end": "2026-09-30"})
    text = page.content.decode()
    assert page.status_code == 200 and "好差评统计" in text
    assert 'href="/desk/followups/"' in text and 'href="/desk/ratings/"' in text  # the menu
    assert '<th scope="row">' in text and "50.0%" in text and "4.00" in text
    assert "待办 1 件，其中已逾期 <strong>0</strong> 件" in text


def test_a_bad_period_is_said_on_the_page(supervisor):
    page = logged_in("bob").get("/desk/ratings/", {"start": "2026-10-31", "end": "2026-10-01"})
    assert page.status_code == 422 and "早于开始日期" in page.content.decode()


def test_the_csv_opens_in_excel_and_matches_the_page(rated, supervisor):
    rated(4)
    rated(2, status="refused")
    answer = logged_in("bob").get(
        "/desk/ratings/csv", {"start": "2026-09-30", "end": "2026-09-30", "by": "item"}
    )
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert "ratings-2026-09-30-2026-09-30-item.csv" in answer["Content-Disposition"]
    raw = answer.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["事项", "评价数", "其中默认评价"]
    assert rows[0][10] == "差评数"
    assert [(r[0].split(".")[0], r[1], r[10]) for r in rows[1:]] == [
        ("25", "1", "1"),
        ("60", "1", "0"),
        ("合计", "2", "1"),
    ]
    assert ID not in raw.decode("utf-8-sig")


def test_clerks_are_refused_and_visitors_sent_to_login(rated, clerk):
    rated(1)
    assert logged_in("alice").get("/desk/ratings/").status_code == 403
    assert logged_in("alice").get("/desk/followups/").status_code == 403
    assert Client().get("/desk/followups/").status_code == 302


def test_the_supervisor_closes_a_follow_up_with_the_form(rated, supervisor, frozen):
    number = rated(1, comment="态度很差")
    pk = FollowUp.objects.get().pk
    client = logged_in("bob")
    listed = client.get("/desk/followups/").content.decode()
    assert number in listed and "非常不满意" in listed and "2026-10-13" in listed
    detail = client.get(f"/desk/followups/{pk}/").content.decode()
    assert "态度很差" in detail and "210202********1233" in detail and ID not in detail
    frozen.move_to(at(10, 14))
    client = logged_in("bob")  # the session has expired meanwhile
    assert "已逾期" in client.get("/desk/followups/").content.decode()
    form = {"callback": "电话回访", "findings": "情况属实", "rectification": "批评教育"}
    refused = client.post(f"/desk/followups/{pk}/", form)
    assert refused.status_code == 403  # no CSRF token
    token = csrf(client, f"/desk/followups/{pk}/")
    empty = client.post(
        f"/desk/followups/{pk}/", form | {"callback": "", "csrfmiddlewaretoken": token}
    )
    assert empty.status_code == 422 and "请填写回访情况" in empty.content.decode()
    done = client.post(f"/desk/followups/{pk}/", form | {"csrfmiddlewaretoken": token})
    assert done.status_code == 302 and done["Location"] == "/desk/followups/"
    followup = FollowUp.objects.get()
    assert (followup.status, followup.closed_on.isoformat()) == ("closed", "2026-10-14")
    closed = client.get("/desk/followups/?status=closed").content.decode()
    assert "2026-10-14 办结（逾期）" in closed
    assert client.get("/desk/followups/9999/").status_code == 404


def test_only_an_administrator_sets_a_rating_aside_on_the_desk(rated, supervisor, admin):
    number = rated(1)
    assert logged_in("bob").get("/desk/ratings/set-aside").status_code == 403
    client = logged_in("dave")
    token = csrf(client, "/desk/ratings/set-aside")
    blank = client.post(
        "/desk/ratings/set-aside", {"number": number, "reason": "", "csrfmiddlewaretoken": token}
    )
    assert blank.status_code == 422 and "请填写剔除理由" in blank.content.decode()
    done = client.post(
        "/desk/ratings/set-aside",
        {"number": number, "reason": "系统故障导致误评", "csrfmiddlewaretoken": token},
    )
    assert done.status_code == 302
    assert Rating.objects.get().set_aside_reason == "系统故障导致误评"


def test_cases_remind_writes_the_defaults_and_lists_overdue_follow_ups(cli, rated, case_in, frozen):
    bad = rated(2)
    unrated = case_in("refused")
    frozen.move_to(at(10, 14))
    result = cli("cases", "remind")
    assert result.code == 0, result.err
    assert "默认评价为基本满意（逾期未评价）：1 件" in result.out and unrated in result.out
    assert (
        "差评回访整改已逾期：1 件" in result.out
        and f"{bad} hall-3 不满意 期限 2026-10-13" in result.out
    )
    again = cli("cases", "remind", "--json").json()
    assert again["ratings"]["defaulted"] == []
    assert [f["case"] for f in again["ratings"]["overdue_followups"]] == [bad]
    assert ID not in result.out
    rating = Rating.objects.get(case__number=unrated)
    assert (rating.level, rating.defaulted) == (3, True)


def test_the_dashboard_tells_the_supervisor_of_overdue_follow_ups(rated, supervisor, frozen):
    rated(1)
    frozen.move_to(at(10, 14))  # five working days after the rating, across 国庆
    page = logged_in("bob").get("/desk/dashboard/").content.decode()
    assert "差评回访未办结 1 件，其中逾期 1 件" in page
    assert 'href="/desk/followups/"' in page
