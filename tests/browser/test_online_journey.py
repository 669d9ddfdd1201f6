"""网上办 on a phone: apply, upload two photos, submit and see 待审核; a clerk reviews and
accepts at the desk; the applicant sees 已受理 with the due date."""

from __future__ import annotations

import io
import re
import subprocess

from playwright.sync_api import expect

from tests.core.cases.factories import resident_id
from tests.web.processes import SHEBAO, environment

PASSWORD = "online-desk-2026"


def _photo(path, colour) -> str:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 90), colour).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def at(data_dir) -> list[str]:
    return ["--data-dir", str(data_dir)]


def _clerk(site_data) -> None:
    added = subprocess.run(
        [*SHEBAO, "users", "add", "olga", "--role", "clerk", "--point", "point-5", *at(site_data)],
        input=PASSWORD,
        text=True,
        capture_output=True,
        env=environment(),
    )
    assert added.returncode == 0, added.stderr


def test_apply_online_and_a_clerk_accepts(phone, browser, site, site_data, tmp_path, screenshot):
    phone.goto("/items/60")
    phone.get_by_role("link", name="在本网站网上申请").click()
    phone.get_by_label("公民身份号码（个人填写）").fill(resident_id(born="19880808"))
    phone.get_by_label("姓名或单位名称").fill("李小红")
    phone.get_by_label("手机号码").fill("13904115566")
    phone.get_by_role("button", name="下一步").click()
    code = phone.locator("#shown-code").inner_text()
    phone.get_by_label("验证码").fill(code)
    phone.get_by_role("button", name="确认").click()
    for n, colour in ((1, (200, 30, 30)), (2, (30, 30, 200))):
        phone.locator(f"#file-{n}").set_input_files(_photo(tmp_path / f"{n}.jpg", colour))
        phone.locator(f"#file-{n}").locator("xpath=..").get_by_role("button", name="上传").click()
        expect(phone.get_by_text("已上传：")).to_have_count(n)
    phone.get_by_role("button", name="提交申请").click()
    expect(phone.locator("#state")).to_have_text("待审核")
    screenshot(phone, "online-submitted")
    application = phone.url

    _clerk(site_data)
    desk = browser.new_context(viewport={"width": 1024, "height": 800}, base_url=site)
    staff = desk.new_page()
    staff.goto("/desk/login/")
    staff.get_by_label("用户名").fill("olga")
    staff.get_by_label("密码").fill(PASSWORD)
    staff.get_by_role("button", name="登录").click()
    staff.goto("/desk/review/")
    staff.get_by_role("link", name=application.rsplit("/", 1)[1]).click()
    expect(staff.locator("img.review-image")).to_have_count(2)
    for n in range(2):
        staff.get_by_role("button", name="通过").nth(n).click()
        expect(staff.get_by_text("：通过")).to_have_count(n + 1)
    staff.get_by_role("button", name="作出预审决定").click()
    expect(staff.locator("#state")).to_have_text("已受理")
    desk.close()

    phone.goto(application)
    expect(phone.locator("#state")).to_have_text("已受理")
    expect(phone.locator("#due")).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2}"))
    screenshot(phone, "online-accepted")


def test_the_draft_page_with_its_question_and_uploads_has_no_serious_violation(phone, axe_script):
    from tests.browser.test_accessibility import _violations

    phone.goto("/items/48/apply")
    phone.get_by_label("公民身份号码（个人填写）").fill(resident_id(born="19770707"))
    phone.get_by_label("姓名或单位名称").fill("赵大")
    phone.get_by_label("手机号码").fill("13904117788")
    phone.get_by_role("button", name="下一步").click()
    assert _violations(phone, axe_script) == []
    phone.get_by_label("验证码").fill(phone.locator("#shown-code").inner_text())
    phone.get_by_role("button", name="确认").click()
    expect(phone.get_by_text("是否已经做了工伤认定")).to_be_visible()
    assert _violations(phone, axe_script) == []
    phone.get_by_role("button", name="提交申请").click()  # nothing uploaded: an error
    expect(phone.locator("#page-error")).to_be_visible()
    assert _violations(phone, axe_script) == []
