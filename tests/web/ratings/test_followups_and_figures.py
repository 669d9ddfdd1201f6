"""Supervisors follow up 差评 and read the figures; an administrator sets a rating aside."""

from __future__ import annotations

import pytest

from shebao.web.ratings.models import FollowUp, Rating, RatingEvent
from tests.web.ratings.conftest import at

pytestmark = pytest.mark.django_db
CLOSE = {
    "callback": "10月9日电话回访申请人",
    "findings": "窗口排队过长",
    "rectification": "增开窗口",
}


def test_a_supervisor_lists_and_closes_a_follow_up(rated, supervisor, frozen):
    number = rated(1, comment="态度差")
    listed = supervisor.get("/api/ratings/followups").json()
    assert [(f["case"], f["level_label"], f["due"], f["overdue"]) for f in listed] == [
        (number, "非常不满意", "2026-10-13", False)
    ]
    assert listed[0]["applicant_masked"] == "210202********1233"
    frozen.move_to(at(10, 12))
    response = supervisor.post(f"/api/ratings/followups/{listed[0]['id']}/close", CLOSE)
    assert response.status_code == 200, response.content.decode()
    shown = response.json()
    assert (shown["status"], shown["closed_on"], shown["closed_in_time"]) == (
        "closed",
        "2026-10-12",
        True,
    )
    assert shown["rectification"] == "增开窗口" and shown["closed_by"] == "bob"
    assert supervisor.get("/api/ratings/followups").json() == []
    assert len(supervisor.get("/api/ratings/followups", status="closed").json()) == 1
    again = supervisor.post(f"/api/ratings/followups/{listed[0]['id']}/close", CLOSE)
    assert again.status_code == 409


def test_closing_needs_every_field_in_chinese(rated, supervisor):
    rated(2)
    pk = FollowUp.objects.get().pk
    response = supervisor.post(f"/api/ratings/followups/{pk}/close", CLOSE | {"findings": "  "})
    assert response.status_code == 422 and "请填写核查情况" in response.json()["detail"]
    assert FollowUp.objects.get().status == "open"
    missing = supervisor.post("/api/ratings/followups/999/close", CLOSE)
    assert missing.status_code == 404 and "没有编号为 999 的差评回访" in missing.json()["detail"]


def test_clerks_may_not_follow_up_or_read_the_figures(rated, clerk):
    rated(1)
    pk = FollowUp.objects.get().pk
    assert clerk.get("/api/ratings/followups").status_code == 403
    assert clerk.post(f"/api/ratings/followups/{pk}/close", CLOSE).status_code == 403
    response = clerk.get("/api/ratings/statistics", start="2026-09-01", end="2026-09-30")
    assert response.status_code == 403 and "主管" in response.json()["detail"]


def test_the_staff_endpoints_need_a_login(client):
    assert client.get("/api/ratings/followups").status_code == 401


def test_an_overdue_follow_up_shows_as_overdue(rated, supervisor, frozen):
    rated(2)
    frozen.move_to(at(10, 14))
    [shown] = supervisor.get("/api/ratings/followups").json()
    assert shown["overdue"] is True


def test_the_statistics_match_the_ratings(rated, supervisor, case_in, citizen, frozen):
    rated(5, scores={"attitude": 5, "guide": 4})
    rated(4, status="refused", scores={"attitude": 3})
    bad = rated(1)
    rated(2)
    case_in("completed")  # unrated: 基本满意 by default once 7 days have passed
    pk = FollowUp.objects.get(rating__case__number=bad).pk
    frozen.move_to(at(10, 13, 17))
    assert supervisor.post(f"/api/ratings/followups/{pk}/close", CLOSE).status_code == 200
    body = supervisor.get(
        "/api/ratings/statistics", start="2026-09-01", end="2026-10-31", by="point"
    ).json()
    total = body["total"]
    assert (total["count"], total["defaulted"], total["bad"], total["bad_in_time"]) == (5, 1, 2, 1)
    assert total["by_level"] == {"5": 1, "4": 1, "3": 1, "2": 1, "1": 1}
    assert total["average"] == 3.0 and total["satisfied_share"] == 0.6
    assert total["in_time_share"] == 0.5
    assert total["indicators"] == {"attitude": 4.0, "efficiency": None, "guide": 4.0}
    assert [r["key"] for r in body["rows"]] == ["hall-3"]
    by_item = supervisor.get(
        "/api/ratings/statistics", start="2026-09-01", end="2026-10-31", by="item"
    ).json()
    assert [(r["key"], r["count"]) for r in by_item["rows"]] == [("025", 1), ("060", 4)]
    by_clerk = supervisor.get(
        "/api/ratings/statistics", start="2026-09-01", end="2026-10-31", by="clerk"
    ).json()
    assert [(r["key"], r["count"]) for r in by_clerk["rows"]] == [("alice", 5)]
    september = supervisor.get(
        "/api/ratings/statistics", start="2026-09-01", end="2026-09-30"
    ).json()
    assert september["total"]["count"] == 4  # the default is dated 7 Oct


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"start": "2026-10-31", "end": "2026-09-01"}, "早于开始日期"),
        ({"start": "2026-13-01", "end": "2026-10-01"}, "开始日期"),
        ({"start": "2026-09-01", "end": "2026-10-01", "by": "window"}, "分组 by 只能是"),
    ],
)
def test_bad_statistics_queries_get_422_in_chinese(supervisor, query, words):
    response = supervisor.get("/api/ratings/statistics", **query)
    assert response.status_code == 422 and words in response.json()["detail"]


def test_a_set_aside_rating_leaves_the_figures_but_not_the_history(rated, supervisor, admin):
    number = rated(1, comment="恶意差评")
    rated(5)
    reason = {"reason": "经核实，申请人误评（本人来电说明）"}
    assert supervisor.post(f"/api/ratings/{number}/set-aside", reason).status_code == 403
    response = admin.post(f"/api/ratings/{number}/set-aside", reason)
    assert response.status_code == 200 and response.json()["set_aside"] is True
    assert admin.post(f"/api/ratings/{number}/set-aside", reason).status_code == 409
    rating = Rating.objects.get(case__number=number)
    assert (rating.level, rating.comment, rating.set_aside_reason) == (
        1,
        "恶意差评",
        reason["reason"],
    )
    kinds = list(RatingEvent.objects.filter(rating=rating).values_list("kind", "note"))
    assert kinds == [("rated", "非常不满意"), ("set_aside", reason["reason"])]
    assert supervisor.get("/api/ratings/followups").json() == []  # owed no more
    total = supervisor.get("/api/ratings/statistics", start="2026-09-30", end="2026-09-30").json()
    assert (total["total"]["count"], total["total"]["bad"]) == (1, 0)
    empty = admin.post(f"/api/ratings/{number}/set-aside", {"reason": ""})
    assert empty.status_code in (409, 422)


def test_the_rating_history_cannot_be_changed_or_deleted(rated):
    rated(1)
    event = RatingEvent.objects.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        RatingEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        Rating.objects.get().delete()


def test_the_database_itself_refuses_to_rewrite_a_ratings_history(rated):
    from django.db import DatabaseError, connection, transaction

    rated(1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE ratings_ratingevent SET note = 'changed'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM ratings_ratingevent")
    assert RatingEvent.objects.get().note == "非常不满意"


def test_the_dashboard_figures_count_open_and_overdue_follow_ups(rated, frozen):
    from shebao.web.ratings.services import overdue_followups, summary

    first = rated(1)
    frozen.move_to(at(10, 9))
    rated(2)
    frozen.move_to(at(10, 14))
    assert summary() == {"open_followups": 2, "overdue_followups": 1}
    assert summary(point="hall-5") == {"open_followups": 0, "overdue_followups": 0}
    assert [f.rating.case.number for f in overdue_followups(point="hall-3")] == [first]


@pytest.fixture
def holidays(tmp_path, monkeypatch):
    """The runtime's holiday directory, empty until `load()` adds the (fictional) 2027."""
    import shutil
    from pathlib import Path

    from shebao.web.core import runtime

    fictional = Path(__file__).resolve().parents[2] / "fixtures" / "fictional_2027.yaml"
    rt = runtime()
    monkeypatch.setattr(rt, "holidays_dir", tmp_path)
    rt.forget_calendar()

    def load() -> None:
        shutil.copy(fictional, tmp_path / "2027.yaml")
        rt.forget_calendar()

    yield load
    rt.forget_calendar()


def test_an_estimated_follow_up_deadline_is_counted_again_once_the_year_is_loaded(
    rated, frozen, holidays
):
    import datetime as dt

    from shebao.web.core import runtime
    from shebao.web.ratings.services import remind

    frozen.move_to(dt.datetime.fromisoformat("2027-01-04T09:00:00+08:00"))
    rated(1)
    followup = FollowUp.objects.get()
    assert (followup.due.isoformat(), followup.due_estimated) == ("2027-01-11", True)
    remind(runtime())
    assert FollowUp.objects.get().due_estimated is True  # not published yet
    holidays()
    remind(runtime())
    followup = FollowUp.objects.get()
    assert (followup.due.isoformat(), followup.due_estimated) == (
        "2027-01-09",
        False,
    )  # 9 Jan worked
