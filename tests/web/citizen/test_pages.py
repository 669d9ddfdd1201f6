"""The home page, search, categories and item pages: what a citizen reads, from the guide."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from shebao.present.workdays import day_text
from shebao.services.workdays import item_due_date
from shebao.web.citizen.labels import CATEGORY_SHORT
from shebao.web.core import runtime
from tests.web.citizen.conftest import text_of

SUMMER = "2026-06-01 10:00 +0800"  # a Monday; 2026's holidays are known


def test_the_home_page_has_the_search_box_the_categories_and_the_halls(client):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in page and 'name="viewport"' in page
    assert 'action="/search"' in page and 'name="q"' in page
    for full, short in CATEGORY_SHORT.items():
        assert short in page and f"/category/{full}" in _decoded(page)
    for hall in runtime().catalog.halls():
        assert hall.name in page and hall.address in page
        assert f'href="tel:{hall.phone}"' in page
    assert "办事指南没有写明" in page  # opening hours are not in the guide: none invented
    assert 'href="tel:12345"' in page  # the help line the guide's tips name


def _decoded(page: str) -> str:
    from urllib.parse import unquote

    return unquote(page)


def test_the_short_category_names_cover_exactly_the_catalogs_categories():
    assert set(CATEGORY_SHORT) == set(runtime().catalog.categories())


def test_a_search_in_everyday_words_finds_the_card_item_and_says_why(client):
    response = client.get("/search", {"q": "社保卡丢了"})
    text = text_of(response)
    assert response.status_code == 200
    first = re.search(
        r'<ol class="results">\s*<li><a href="/items/(\d+)"', response.content.decode()
    )
    assert first and first.group(1) == "62"
    assert "社会保障卡挂失与解挂" in text and "为什么匹配：" in text


def test_a_search_with_nothing_found_says_so_and_offers_the_categories(client):
    text = text_of(client.get("/search", {"q": "天气预报"}))
    assert "没有找到与“天气预报”相关的事项" in text and "按类别查找" in text


def test_asking_where_the_office_is_lists_the_halls_with_addresses_and_phones(client):
    response = client.get("/search", {"q": "where is the office"})
    text = text_of(response)
    assert "地址：西岗区高尔基路18-1号" in text and "没有找到" not in text
    assert 'href="tel:0411-83709012"' in response.content.decode()


def test_an_empty_search_shows_the_box_again(client):
    response = client.get("/search", {"q": "  "})
    assert response.status_code == 200 and "搜索事项" in text_of(response)


@pytest.mark.parametrize("name", ["工伤保险", "工伤"])
def test_a_category_lists_its_items_by_full_or_short_name(client, name):
    text = text_of(client.get(f"/category/{name}"))
    assert "共 30 个事项" in text and "劳动能力鉴定申请" in text


def test_an_unknown_category_or_item_is_a_chinese_404(client):
    for url in ("/category/医疗保险", "/items/99", "/items/abc", "/items/99/print"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "未找到" in text_of(response)


def test_the_item_page_says_who_what_where_how_long_and_what_is_prohibited(client):
    with time_machine.travel(SUMMER, tick=False):
        response = client.get("/items/48")
        due = item_due_date(runtime(), 48, dt.date(2026, 6, 1), "window").due
    text = text_of(response)
    assert "劳动能力鉴定申请" in text
    assert "谁可以办" in text and "工伤认定决定" in text  # the guide's 办理条件
    assert "大连市劳动能力鉴定申请书" in text and "病历资料" in text
    assert text.count("可容缺") >= 2 and "容缺受理承诺书" in text and "从医疗机构取得" in text
    assert "劳动能力鉴定窗口" in text and "大连市西岗区高尔基路18-1号三楼" in text
    assert 'href="https://zwfw.dl.gov.cn/' in response.content.decode()
    assert f"今天申请，最晚 {day_text(due)} 办结" in text and "（估算）" not in text
    assert "清单第4项“工伤鉴定”" in text and "不进行工伤认定，申请工伤初次鉴定" in text
    assert 'href="tel:12345"' in response.content.decode()
    assert 'href="/items/48/check"' in response.content.decode()


def test_an_instant_item_is_done_the_same_day(client):
    with time_machine.travel(SUMMER, tick=False):
        text = text_of(client.get("/items/62"))
    assert "即时办结：今天申请，当天办结" in text


def test_a_date_in_a_year_whose_holidays_are_not_loaded_is_said_to_be_estimated(client):
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        text = text_of(client.get("/items/48"))
    assert "（估算）" in text and "2027 年的节假日安排尚未载入" in text
    assert "shebao holidays load" not in text  # the operator's how-to is not for citizens
    assert "请以窗口告知的日期为准" in text


def test_on_a_weekend_the_window_counts_from_the_next_working_day(client):
    with time_machine.travel("2026-06-06 10:00 +0800", tick=False):  # a Saturday
        text = text_of(client.get("/items/48"))
    assert "今天不是工作日，视为 2026-06-08（周一） 受理" in text


def test_the_print_view_is_a_checklist_of_materials_places_and_dates(client):
    with time_machine.travel(SUMMER, tick=False):
        response = client.get("/items/24/print")
    text = text_of(response)
    assert 'class="print-view"' in response.content.decode()
    assert "带齐以下材料（逐项打勾）" in text and "退休人员信息采集回执单" in text
    assert "按提前退休（退职）的原因，提供其中一种" in text
    assert "待遇审核管理部" in text and "打印日期 2026-06-01（周一）" in text


def test_an_item_page_is_rendered_once_a_day_and_again_the_next_day(client, monkeypatch):
    from shebao.web.citizen import items

    calls = []
    real = items.item_context
    monkeypatch.setattr(items, "item_context", lambda rt, item: calls.append(1) or real(rt, item))
    with time_machine.travel(SUMMER, tick=False):
        first = client.get("/items/25").content
        assert client.get("/items/25").content == first and len(calls) == 1
    with time_machine.travel("2026-06-02 10:00 +0800", tick=False):
        second = client.get("/items/25").content
    assert len(calls) == 2 and second != first  # the next day's dates


def test_the_item_page_is_the_same_for_everyone_and_sets_no_cookie(client):
    response = client.get("/items/24")
    assert not response.cookies and "csrfmiddlewaretoken" not in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"  # the middleware still adds its headers


def test_the_item_page_shows_materials_missing_from_an_items_own_list(client):
    text = text_of(client.get("/items/36"))
    assert "本事项的要件清单没有列出这项材料，容缺办理事项清单第7项列为可容缺材料" in text


def test_the_days_pages_are_replayed_whole_by_the_outermost_middleware(client, monkeypatch):
    from shebao.web.citizen import items

    with time_machine.travel(SUMMER, tick=False):
        first = client.get("/items/24")
        monkeypatch.setattr(items, "item_page", lambda request, no: 1 / 0)  # never reached
        again = client.get("/items/24")
    assert again.content == first.content and again.status_code == 200
    assert dict(again.headers) == dict(first.headers)


def test_only_an_items_own_address_is_kept(client):
    from shebao.web.citizen.rendered import PAGES

    with time_machine.travel(SUMMER, tick=False):
        client.get("/items/024")
        client.get("/items/24?from=search")
        assert PAGES.peek(runtime(), ("response", "/items/024")) is None
        assert PAGES.peek(runtime(), ("response", "/items/24")) is None
        client.get("/items/24")
        assert PAGES.peek(runtime(), ("response", "/items/24")) is not None


def test_pages_that_only_show_refuse_other_methods(client):
    for url in ("/", "/items/24", "/items/24/print", "/retirement", "/events", "/search"):
        assert client.post(url).status_code == 405, url
    assert client.put("/progress").status_code == 405


def test_a_search_about_a_death_links_to_the_death_journey(client):
    response = client.get("/search", {"q": "我爸去世了要办什么"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="/events/death"' in page and "一件事一次办" in text_of(response)
    assert client.get("/events/death").status_code == 200


def test_a_search_outside_the_guide_says_where_to_ask_and_gives_no_item(client):
    response = client.get("/search", {"q": "公积金怎么提取"})
    text = text_of(response)
    assert "本指南不包括：住房公积金" in text and "大连市住房公积金管理中心" in text
    assert '<ol class="results">' not in response.content.decode()


def test_a_narrow_search_shows_no_journey(client):
    assert "/events/" not in client.get("/search", {"q": "社保卡丢了"}).content.decode()
