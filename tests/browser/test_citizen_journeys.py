"""What a person does on a phone: find the card item, a death's journey from a search, a
self-check refused with its reason, the retirement calculator, the print view on one A4 page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

# The printable area of A4 with the stylesheet's 12 mm margins, in CSS pixels (96 per inch).
BOTTOM = "document.querySelector('main').getBoundingClientRect().bottom"
A4_PAGE = {"width": round((210 - 24) / 25.4 * 96), "height": round((297 - 24) / 25.4 * 96)}


def test_search_card_lost_reaches_the_card_item(phone, screenshot):
    phone.goto("/")
    phone.get_by_label("您想办什么事？").fill("社保卡丢了")
    phone.get_by_role("button", name="搜索").click()
    expect(phone).to_have_url(re.compile(r"/search\?q="))
    screenshot(phone, "search-card-lost")
    phone.get_by_role("link", name="社会保障卡挂失与解挂").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("社会保障卡挂失与解挂")
    expect(phone.get_by_text("即时办结").first).to_be_visible()
    screenshot(phone, "item-62")


def test_a_search_about_a_death_reaches_the_death_journey(phone, screenshot):
    phone.goto("/")
    phone.get_by_label("您想办什么事？").fill("我爸去世了要办什么")
    phone.get_by_role("button", name="搜索").click()
    expect(phone.get_by_role("heading", name="一件事一次办")).to_be_visible()
    screenshot(phone, "search-death-journey")
    phone.get_by_role("link", name="家人去世").click()
    expect(phone).to_have_url(re.compile(r"/events/death"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text("家人去世")


def test_a_retirement_self_check_ends_in_a_refusal_with_its_reason(phone, screenshot):
    phone.goto("/items/25")
    phone.get_by_role("link", name="自查能不能办").click()
    phone.get_by_role("button", name="不用身份证号码，分别回答出生年月和性别").click()
    phone.get_by_label("哪年哪月出生？").fill("1990-01")
    phone.get_by_role("button", name="下一步").click()
    expect(phone.get_by_role("heading", name="不能办理，因为：")).to_be_visible()
    expect(phone.get_by_text("未达到法定退休年龄").first).to_be_visible()
    expect(phone.get_by_text("依据：违规禁办事项清单第3项").first).to_be_visible()
    screenshot(phone, "self-check-refused")


def test_the_retirement_calculator(phone, screenshot):
    phone.goto("/retirement")
    phone.get_by_label("出生年月").fill("1965-05")
    phone.get_by_label("男", exact=True).check()
    phone.get_by_role("button", name="计算").click()
    result = phone.locator("#result")
    expect(result).to_contain_text("法定退休时间")
    expect(result).to_contain_text("2025年7月")
    expect(result).to_contain_text("60岁2个月")
    screenshot(phone, "retirement")


def test_the_print_view_fits_one_a4_page(browser, site, screenshot):
    """Every item's print view, laid out as chromium prints it (A4, 12 mm margins), is no
    taller than one page; the tallest is printed to PDF to be sure."""
    context = browser.new_context(viewport=A4_PAGE, base_url=site, locale="zh-CN")
    page = context.new_page()
    page.emulate_media(media="print")
    try:
        heights = {}
        for no in range(1, 85):
            page.goto(f"/items/{no}/print")
            heights[no] = page.evaluate(BOTTOM)
        tallest = max(heights, key=heights.get)
        assert heights[tallest] <= A4_PAGE["height"], f"item {tallest}: {heights[tallest]}px"
        page.goto(f"/items/{tallest}/print")
        pdf = page.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, f"item {tallest}"
        screenshot(page, f"print-item-{tallest}")
    finally:
        context.close()
