"""好差评 on a phone: a citizen rates a completed case from the progress page; the supervisor
sees the follow-up of that 差评 on the desk and closes it. axe-core finds nothing serious."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from tests.browser.conftest import PHONE, _why_not
from tests.browser.test_accessibility import _violations
from tests.core.cases.factories import resident_id
from tests.web.processes import Server, run

ID = resident_id()


def _call(url: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


@pytest.fixture(scope="module")
def rating_site(tmp_path_factory):
    """A server of its own with a clerk, a supervisor and one completed case: (url, number,
    the supervisor's password)."""
    if problem := _why_not():
        pytest.skip(problem)
    data = str(tmp_path_factory.mktemp("rating-data"))
    added = run("users", "add", "lin", "--role", "clerk", "--point", "hall-3", "--data-dir", data)
    assert added.returncode == 0, added.stderr
    boss = run("users", "add", "zhou", "--role", "supervisor", "--data-dir", data)
    password = re.search(r"初始密码[^：]*：(\S+)", boss.stdout).group(1)
    token = run("users", "token", "lin", "--data-dir", data).stdout.strip()
    server = Server("--workers", "1", "--data-dir", data)
    try:
        url = server.wait_until_ready().rstrip("/")
        person = {"kind": "person", "id_number": ID, "name": "王小明", "phone": "13804112233"}
        body = {
            "item": 60,
            "channel": "window",
            "applicant": person,
            "provided": ["劳动人事争议仲裁申请书", "身份证"],
        }
        number = _call(f"{url}/api/cases", token, body)["number"]
        for to in ("in_progress", "completed"):
            _call(f"{url}/api/cases/{number}/transitions", token, {"to": to})
        yield url, number, password
    finally:
        server.close()


def test_a_citizen_rates_and_the_supervisor_closes_the_follow_up(
    browser, rating_site, axe_script, screenshot
):
    url, number, password = rating_site
    citizen = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=url, bypass_csp=True)
    page = citizen.new_page()
    page.goto("/progress")
    page.get_by_label("办件编号").fill(number)
    page.get_by_label("申请人身份证号码后6位").fill(ID[-6:])
    page.get_by_role("button", name="查询").click()
    page.get_by_role("heading", name="评价本次服务（好差评）").wait_for()
    assert _violations(page, axe_script) == []
    page.get_by_label("不满意", exact=True).check()
    page.get_by_label("服务效率").select_option("2")
    page.get_by_label("意见建议（可选）").fill("排队等了两个小时")
    page.get_by_role("button", name="提交评价").click()
    page.get_by_role("heading", name="评价已提交").wait_for()
    assert "前回访并整改" in page.content()
    assert _violations(page, axe_script) == []
    screenshot(page, "rating-submitted")
    citizen.close()

    desk = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=url, bypass_csp=True)
    page = desk.new_page()
    page.goto("/desk/login/")
    page.get_by_label("用户名").fill("zhou")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.goto("/desk/followups/")
    assert _violations(page, axe_script) == []
    page.get_by_role("link", name=number).click()
    assert "排队等了两个小时" in page.content()
    page.get_by_label("回访情况").fill("电话回访申请人，致歉")
    page.get_by_label("核查情况").fill("当日窗口人手不足")
    page.get_by_label("整改措施").fill("高峰时段增开窗口")
    assert _violations(page, axe_script) == []
    page.get_by_role("button", name="办结").click()
    page.get_by_text("差评回访整改已办结").wait_for()
    page.goto("/desk/ratings/")
    assert _violations(page, axe_script) == []
    screenshot(page, "rating-statistics")
    desk.close()
