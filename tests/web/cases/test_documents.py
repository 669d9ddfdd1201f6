"""The written documents at /cases/{number}/documents/{kind}: printable Chinese HTML for staff,
the applicant's number masked, with everything each kind must say."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web.cases.conftest import ID
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
MASKED = "210202********1233"


def page(clerk, number: str, kind: str) -> str:
    response = clerk.client.get(f"/cases/{number}/documents/{kind}")
    assert response.status_code == 200, response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert '<html lang="zh-Hans">' in text
    # Printed on A4 by its own stylesheet (no inline style: the content security policy).
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+letter\.css[^"]*)"', text)
    assert stylesheet, text[:400]
    css = b"".join(clerk.client.get(stylesheet[1]).streaming_content).decode()
    assert "@page { size: A4" in css
    assert ID not in text and MASKED in text
    assert "（盖章）" in text and "经办人（签字）" in text
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


def test_the_acceptance_notice(clerk, case_in):
    number = case_in("accepted")
    text = page(clerk, number, "acceptance")
    assert "受理通知书" in text and number in text
    assert "王小明" in text and "劳动人事争议仲裁申请" in text
    assert "受理日期 2026-09-30" in text and "承诺办结日期 2026-10-13" in text
    assert "大连市社会保险事业服务中心西岗区办事处" in text and "0411-39661821" in text
    assert "监督投诉电话" in text or "咨询电话" in text


def test_the_refusal_names_the_rule_its_basis_and_the_rights(clerk, case_in):
    text = page(clerk, case_in("refused"), "refusal")
    assert "不予受理决定书" in text
    assert "未达到法定退休年龄" in text and "违规禁办事项清单第3项" in text
    assert "六十日内依法申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text
    assert "《中华人民共和国行政复议法》第二十条" in text
    assert "咨询电话 0411-83709055" in text.replace("：", " ").replace("  ", " ")
    assert "咨询电话（咨询电话）" not in text


def test_the_one_time_notice_lists_every_missing_material_with_its_source(clerk, case_in):
    text = page(clerk, case_in("returned"), "notice")
    assert "一次性告知书" in text
    for name in ("大连市劳动能力鉴定申请书", "病历资料", "与伤病有关的医学诊断"):
        assert name in text
    assert "医疗机构" in text and "一次告知申请人需要补正的全部内容" in text


def test_the_tolerance_notice_comes_with_the_commitment(clerk, case_in):
    text = page(clerk, case_in("accepted_pending_materials"), "commitment")
    assert "容缺受理通知书" in text and "容缺受理承诺书" in text
    assert "病历资料" in text and "与伤病有关的医学诊断" in text
    assert "补齐期限 2026-10-13" in text
    assert "逾期未补齐的，本次容缺受理终止办理" in text
    assert "承诺人（签字或盖章）" in text


def test_a_case_has_only_the_document_of_its_outcome(clerk, case_in):
    number = case_in("accepted")
    for kind in ("refusal", "notice", "commitment"):
        response = clerk.client.get(f"/cases/{number}/documents/{kind}")
        assert response.status_code == 404
        assert "它的文书是受理通知书" in response.content.decode()
    odd = clerk.client.get(f"/cases/{number}/documents/<script>")
    assert odd.status_code == 404 and "<script>" not in odd.content.decode()


def test_documents_are_for_staff_only(clerk, case_in, api_for):
    number = case_in("accepted")
    anonymous = Client().get(f"/cases/{number}/documents/acceptance")
    assert anonymous.status_code == 401 and "请先登录" in anonymous.content.decode()
    other = api_for("dora", "clerk", "hall-5")
    assert other.client.get(f"/cases/{number}/documents/acceptance").status_code == 404
    session = Client()
    session.login(username="alice", password=PASSWORD)
    assert session.get(f"/cases/{number}/documents/acceptance").status_code == 200
    assert session.post(f"/cases/{number}/documents/acceptance").status_code in (403, 405)


def test_an_estimated_due_date_is_said_so(clerk, frozen):
    import datetime as dt

    from shebao.runtime import BEIJING
    from tests.web.cases.conftest import accepted

    frozen.move_to(dt.datetime(2027, 12, 24, 10, 0, tzinfo=BEIJING))
    case = clerk.take_in(accepted())
    assert case["due_estimated"] is True
    text = page(clerk, case["number"], "acceptance")
    assert "按法定节假日估算" in text
