"""axe-core, injected into each page, finds no serious or critical violation."""

from __future__ import annotations

import pytest

SERIOUS = ("serious", "critical")


def _violations(page, axe_script) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=退休",
        "/search?q=父亲去世了要办什么",  # the journey panel
        "/search?q=公积金怎么提取",  # a notice outside the guide
        "/category/工伤保险",
        "/items/48",
        "/items/24/check",
        "/retirement",
        "/retirement?birth=1975-04&sex=female",  # with errors
        "/retirement?birth=1965-05&sex=male&contribution_months=300",
        "/progress",
        "/events",
        "/events/work_injury",
        "/items/48/print",
        # The appointment pages, on the site's base template since the strict CSP.
        "/booking/",
        "/booking/hall-3/",
        "/booking/find/",
        "/hall/hall-3/ticket/",
        "/hall/hall-3/",
        "/items/48/apply",
        "/online/return",
    ],
)
def test_the_page_has_no_serious_accessibility_violation(phone, axe_script, url):
    phone.goto(url)
    assert _violations(phone, axe_script) == []


def test_the_self_check_answer_and_a_question_with_an_error_have_none(phone, axe_script):
    phone.goto("/items/25/check")
    phone.get_by_role("button", name="下一步").click()  # nothing typed: an error
    assert _violations(phone, axe_script) == []
    phone.get_by_role("button", name="不用身份证号码，分别回答出生年月和性别").click()
    phone.get_by_label("哪年哪月出生？").fill("1990-01")
    phone.get_by_role("button", name="下一步").click()
    assert _violations(phone, axe_script) == []


def test_a_progress_lookup_that_finds_nothing_has_none(phone, axe_script):
    phone.goto("/progress")
    phone.get_by_label("办件编号").fill("K7QM-3XPA-HR2D")
    phone.get_by_label("申请人身份证号码后6位").fill("100016")
    phone.get_by_role("button", name="查询").click()
    assert "未找到" in phone.content()
    assert _violations(phone, axe_script) == []


def test_the_keyboard_reaches_the_skip_link_first_and_it_shows(phone):
    phone.goto("/items/48")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent")
    assert focused == "跳到正文"
    box = phone.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0  # on screen while focused
    outline = phone.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
