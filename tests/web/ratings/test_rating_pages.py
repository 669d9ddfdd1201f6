"""The citizen rates from the progress page or the QR code's page; the letters carry the code."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from shebao.web.ratings.models import Rating
from tests.web.conftest import PASSWORD
from tests.web.ratings.conftest import LAST6, at

pytestmark = pytest.mark.django_db

# A script of the page's own (print.js) is a file; none is written into the page.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)")


def look_up(client: Client, number: str, last6: str = LAST6):
    return client.post("/progress", {"number": number, "id_last6": last6})


def test_the_progress_page_offers_the_rating_form_for_a_finished_case(case_in, client):
    number = case_in("completed")
    page = look_up(client, number).content.decode()
    assert "评价本次服务（好差评）" in page and "请在 2026-10-07 前评价" in page
    assert f'action="/rate/{number}"' in page and f'value="{LAST6}"' in page
    for label in ("非常满意", "非常不满意", "服务态度", "服务效率", "办事指南准确度"):
        assert label in page
    assert not INLINE_SCRIPT.search(page)


def test_an_open_case_shows_no_rating_form(case_in, client):
    page = look_up(client, case_in("in_progress")).content.decode()
    assert "办件进度查询" in page and "评价本次服务" not in page


def test_a_citizen_rates_from_the_progress_page_and_sees_it_there(case_in, client):
    number = case_in("completed")
    form = {"id_last6": LAST6, "level": "2", "attitude": "3", "efficiency": "", "guide": ""}
    answer = client.post(f"/rate/{number}", form | {"comment": "排队太久"})
    page = answer.content.decode()
    assert answer.status_code == 200 and "评价已提交" in page
    assert "不满意" in page and "2026-10-13 前回访并整改" in page
    rating = Rating.objects.get(case__number=number)
    assert (rating.level, rating.attitude, rating.efficiency, rating.comment) == (
        2,
        3,
        None,
        "排队太久",
    )
    again = look_up(client, number).content.decode()
    assert "您已评价：“不满意”" in again and "提交评价" not in again


def test_the_qr_codes_page_asks_for_the_last6_and_says_what_went_wrong(case_in, client):
    number = case_in("completed")
    page = client.get(f"/rate/{number}").content.decode()
    assert 'id="id_last6"' in page and "服务评价（好差评）" in page
    no_level = client.post(f"/rate/{number}", {"id_last6": LAST6})
    assert no_level.status_code == 422 and "请选择评价等级" in no_level.content.decode()
    wrong = client.post(f"/rate/{number}", {"id_last6": "000000", "level": "5"})
    assert wrong.status_code == 404 and "没有找到" in wrong.content.decode()
    unknown = client.post("/rate/K7QM-3XPA-HR2D", {"id_last6": LAST6, "level": "5"})
    assert unknown.status_code == 404
    assert not Rating.objects.exists()
    assert client.post(f"/rate/{number}", {"id_last6": LAST6, "level": "5"}).status_code == 200
    twice = client.post(f"/rate/{number}", {"id_last6": LAST6, "level": "1"})
    assert twice.status_code == 409 and "只能评价一次" in twice.content.decode()


def test_a_logged_in_staff_member_cannot_rate_on_the_page(case_in, client):
    number = case_in("completed")
    client.login(username="alice", password=PASSWORD)
    answer = client.post(f"/rate/{number}", {"id_last6": LAST6, "level": "5"})
    assert answer.status_code == 403
    assert "工作人员账号不能评价" in answer.content.decode()
    assert "提交评价" not in client.get(f"/rate/{number}").content.decode()
    assert not Rating.objects.exists()


def test_the_progress_page_says_when_the_default_applied(case_in, client, frozen):
    number = case_in("completed")
    frozen.move_to(at(10, 8))
    before_cron = look_up(client, number).content.decode()
    assert "已默认评价为“基本满意”" in before_cron and "提交评价" not in before_cron
    from shebao.web.core import runtime
    from shebao.web.ratings.services import apply_defaults

    apply_defaults(runtime())
    page = look_up(client, number).content.decode()
    assert "已默认评价为“基本满意”" in page and "提交评价" not in page


@pytest.mark.parametrize(("status", "kind"), [("accepted", "acceptance"), ("refused", "refusal")])
def test_the_letters_carry_a_qr_code_that_opens_the_rating_page(case_in, clerk, status, kind):
    number = case_in(status)
    page = clerk.get(f"/cases/{number}/documents/{kind}").content.decode()
    assert re.search(r'<svg class="qr" role="img" aria-label="评价二维码"', page)
    assert f"http://testserver/rate/{number}" in page
    assert not INLINE_SCRIPT.search(page) and "<?xml" not in page


@pytest.mark.parametrize(
    "path", ["/rate/%00abc", "/rate/" + "A" * 3000, "/rate/%20", "/rate/a%3Fb"]
)
def test_hostile_rating_addresses_get_a_page_never_a_500(client, path):
    assert client.get(path).status_code == 200
    answer = client.post(path, {"id_last6": "\x00", "level": "\x00", "attitude": "x" * 99})
    assert answer.status_code in (404, 422)
    assert not Rating.objects.exists()
