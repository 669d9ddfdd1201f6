"""The window and the supervisor in a browser: a clerk takes in a 容缺 case for 劳动能力鉴定申请
and prints the commitment, the citizen follows it on /progress, the dashboard counts it; and
axe-core finds no serious or critical violation on the intake, case and dashboard pages.

The server runs on today's real date: nothing here asserts a date.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import _violations
from tests.web.processes import run

PASSWORD = "window-desk-2026"
DESKTOP = {"width": 1280, "height": 900}
ID = "210202197001011233"  # made up: born 1970-01-01, check digit computed (tests/core/cases)


@pytest.fixture(scope="module")
def staff(site, site_data) -> dict[str, str]:
    """alice, a clerk at hall 3, and bob, a supervisor, in the server's own database."""
    people = {"alice": ("clerk", "hall-3"), "bob": ("supervisor", None)}
    for name, (role, point) in people.items():
        where = ["--point", point] if point else []
        args = ["users", "add", "--role", role, *where, "--data-dir", str(site_data), name]
        done = run(*args, stdin=PASSWORD + "\n")
        assert done.returncode == 0, done.stderr
    return {name: PASSWORD for name in people}


@pytest.fixture
def desk(browser, site):
    """A desktop-sized page, as at the window."""
    # bypass_csp: the test injects axe-core inline, which the site's policy refuses.
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", base_url=site, bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, name: str) -> None:
    page.goto("/desk/login/")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("工作台")


def test_a_tolerated_case_from_the_window_to_the_citizen_and_the_dashboard(
    desk, phone, staff, screenshot, axe_script
):
    log_in(desk, "alice")
    desk.get_by_role("link", name="收件").first.click()
    desk.get_by_label("事项编号或名称").fill("劳动能力鉴定")
    desk.get_by_role("button", name="查找").click()
    desk.get_by_role("link", name="48. 劳动能力鉴定申请").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("劳动能力鉴定申请")
    desk.get_by_label("证件号码").fill(ID)
    desk.get_by_label("姓名或单位名称").fill("王小明")
    desk.get_by_label("联系电话").fill("13804112233")
    desk.get_by_role("group", name="是否已经做了工伤认定").get_by_label("是", exact=True).check()
    desk.get_by_label("大连市劳动能力鉴定申请书").check()
    desk.get_by_role("button", name="预览收件结果").click()
    expect(desk.get_by_role("heading", name="预览：可以容缺受理，须先签署承诺书")).to_be_visible()
    screenshot(desk, "desk-intake-preview")
    assert _violations(desk, axe_script) == []

    desk.get_by_label("申请人已签署《容缺受理承诺书》").check()
    desk.get_by_role("button", name="保存收件").click()
    expect(desk).to_have_url(re.compile(r"/desk/cases/[0-9A-Z-]{14}/"))
    number = desk.url.split("/")[-2]
    expect(desk.get_by_text("容缺受理").first).to_be_visible()
    screenshot(desk, "desk-case")
    assert _violations(desk, axe_script) == []

    desk.get_by_role("link", name="打印容缺受理通知书").click()
    expect(desk).to_have_url(re.compile(rf"/cases/{number}/documents/commitment"))
    expect(desk.get_by_text("承诺书").first).to_be_visible()
    screenshot(desk, "desk-commitment")

    phone.goto("/progress")
    phone.get_by_label("办件编号").fill(number)
    phone.get_by_label("申请人身份证号码后6位").fill(ID[-6:])
    phone.get_by_role("button", name="查询").click()
    expect(phone.get_by_text("容缺受理").first).to_be_visible()
    screenshot(phone, "progress-of-desk-case")

    desk.goto("/desk/")
    desk.get_by_role("button", name=re.compile("退出")).click()
    log_in(desk, "bob")
    desk.get_by_role("link", name="统计").first.click()
    now = desk.get_by_role("region", name="各服务点的数字")
    row = now.get_by_role("row", name=re.compile("西岗区办事处"))
    # 在办, 已逾期, 2 日内到期, 容缺待补齐 …: the case is open and awaits its materials
    expect(row.get_by_role("cell").nth(0)).to_have_text("1")
    expect(row.get_by_role("cell").nth(3)).to_have_text("1")
    expect(desk.get_by_role("img", name=re.compile("^各服务点的"))).to_be_visible()
    # This month's period: the case counted under its item, and among the 容缺 cases.
    expect(desk.get_by_role("img", name=re.compile("^期间内各事项"))).to_be_visible()
    tolerated = desk.get_by_role("region", name="容缺受理的办件及材料是否按期补齐")
    expect(tolerated.get_by_role("cell", name="尚在补齐期限内")).to_have_count(1)
    screenshot(desk, "desk-dashboard")
    assert _violations(desk, axe_script) == []
