"""A citizen rates a finished case once, through `POST /api/public/cases/{number}/rating`."""

from __future__ import annotations

import pytest

from shebao.web.ratings.models import FollowUp, Rating, RatingEvent
from tests.web.conftest import PASSWORD
from tests.web.ratings.conftest import LAST6, at

pytestmark = pytest.mark.django_db


def test_a_citizen_rates_a_completed_case_once(case_in, citizen):
    number = case_in("completed")
    body = {"level": 5, "scores": {"attitude": 5, "efficiency": 4}, "comment": " 窗口很耐心 "}
    response = citizen.rate(number, body)
    assert response.status_code == 201, response.content.decode()
    shown = response.json()
    assert (shown["level"], shown["level_label"], shown["comment"]) == (5, "非常满意", "窗口很耐心")
    assert shown["scores"] == {"attitude": 5, "efficiency": 4, "guide": None}
    assert shown["defaulted"] is False and shown["followup_due"] is None
    again = citizen.rate(number, {"level": 1})
    assert again.status_code == 409
    assert "只能评价一次" in again.json()["detail"]
    assert Rating.objects.get(case__number=number).level == 5


@pytest.mark.parametrize("status", ["refused", "returned"])
def test_refused_and_returned_cases_can_be_rated_too(case_in, citizen, status):
    assert citizen.rate(case_in(status), {"level": 4}).status_code == 201


@pytest.mark.parametrize("status", ["accepted", "in_progress", "accepted_pending_materials"])
def test_an_open_case_cannot_be_rated_yet(case_in, citizen, status):
    response = citizen.rate(case_in(status), {"level": 5})
    assert response.status_code == 409
    assert "办结、不予受理或退回补正后才能评价" in response.json()["detail"]
    assert not Rating.objects.exists()


def test_a_staff_token_or_session_cannot_rate(case_in, citizen, clerk, make_staff):
    number = case_in("completed")
    token = clerk.client.defaults["HTTP_AUTHORIZATION"]
    response = citizen.rate(number, {"level": 1}, Authorization=token)
    assert response.status_code == 403
    assert "工作人员账号不能评价" in response.json()["detail"]
    make_staff("erin", "supervisor")
    assert citizen.client.login(username="erin", password=PASSWORD)
    assert citizen.rate(number, {"level": 1}).status_code == 403
    assert not Rating.objects.exists()


def test_a_wrong_last6_and_an_unknown_number_get_the_same_404(case_in, citizen):
    number = case_in("completed")
    wrong = citizen.rate(number, {"level": 5}, last6="000000")
    unknown = citizen.rate("K7QM-3XPA-HR2D", {"level": 5})
    malformed = citizen.rate("nonsense", {"level": 5})
    assert wrong.status_code == unknown.status_code == malformed.status_code == 404
    assert wrong.json() == unknown.json() == malformed.json()
    assert not Rating.objects.exists()


def test_too_many_wrong_tries_are_limited_like_the_lookup(case_in, citizen):
    number = case_in("completed")
    codes = [
        citizen.rate(number, {"level": 5}, last6="00000" + str(i)).status_code for i in range(6)
    ]
    assert codes == [404] * 5 + [429]
    limited = citizen.rate(number, {"level": 5}, last6=LAST6)
    assert limited.status_code == 429 and "Retry-After" in limited.headers


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"level": 6}, "评价等级 level 应为 1—5 的整数"),
        ({"level": "很好"}, "评价等级 level 应为 1—5 的整数"),
        ({"level": True}, "评价等级 level 应为 1—5 的整数"),
        ({"level": 3, "scores": {"speed": 5}}, "没有“speed”这项指标"),
        ({"level": 3, "scores": {"attitude": 9}}, "服务态度的评分应为 1—5 的整数"),
        ({"level": 3, "comment": "好" * 301}, "意见建议过长"),
        ({"level": 3, "comment": "a\x1bb"}, "控制字符"),
        ({"level": 3, "extra": 1}, ""),
        ({}, ""),
    ],
)
def test_a_bad_body_gets_422_in_chinese_and_stores_nothing(case_in, citizen, body, words):
    response = citizen.rate(case_in("completed"), body)
    assert response.status_code == 422, response.content.decode()
    detail = response.json()["detail"]
    assert words in detail and any("\u4e00" <= ch <= "\u9fff" for ch in detail)
    assert not Rating.objects.exists()


def test_a_body_that_is_not_json_gets_a_chinese_4xx(case_in, citizen):
    number = case_in("completed")
    response = citizen.client.post(
        f"/api/public/cases/{number}/rating?id_last6={LAST6}",
        "{level: ",
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"])


def test_a_bad_rating_opens_a_follow_up_due_5_working_days_later_across_national_day(
    rated,
):
    number = rated(2, comment="等了很久")  # 30 Sep; 国庆 1–7 Oct, Saturday 10 Oct worked
    followup = FollowUp.objects.get(rating__case__number=number)
    assert followup.due.isoformat() == "2026-10-13"
    assert (followup.status, followup.point) == ("open", "hall-3")


def test_good_ratings_open_no_follow_up(rated):
    rated(3)
    rated(4)
    assert not FollowUp.objects.exists()
    assert list(RatingEvent.objects.values_list("kind", flat=True)) == ["rated", "rated"]


def test_the_follow_up_deadline_is_configurable(rated, settings):
    settings.FOLLOWUP_WORKING_DAYS = 1
    number = rated(1)
    assert FollowUp.objects.get(rating__case__number=number).due.isoformat() == "2026-10-08"


def test_after_seven_days_the_case_is_rated_basically_satisfied_by_default(
    case_in, citizen, frozen
):
    number = case_in("completed")  # 30 Sep 10:00
    frozen.move_to(at(10, 7, 9, 59))
    from shebao.web.core import runtime
    from shebao.web.ratings.services import apply_defaults

    assert apply_defaults(runtime()) == []
    frozen.move_to(at(10, 7, 10, 0))
    response = citizen.rate(number, {"level": 1})
    assert response.status_code == 409
    assert "已默认评价为基本满意" in response.json()["detail"]
    rating = Rating.objects.get(case__number=number)
    assert (rating.level, rating.defaulted, rating.channel) == (3, True, "default")
    assert not FollowUp.objects.exists()
    assert apply_defaults(runtime()) == []  # once only
