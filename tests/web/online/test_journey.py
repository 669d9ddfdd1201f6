"""An online application from the item to a case: the window's rules, the 容缺 commitment signed
online, staff pre-review, a return corrected under the same number."""

from __future__ import annotations

import pytest

from tests.web.online.conftest import APPLICATION_48, DIAGNOSIS_48, ID, PDF, RECORDS_48, jpeg, png

pytestmark = pytest.mark.django_db


def test_a_tolerated_application_becomes_a_rongque_case_after_signing_and_review(
    applicant, reviewer
):
    applicant.start_verified(48, {"injury_recognized": True})
    assert applicant.upload(APPLICATION_48, jpeg(), "申请书.jpg").status_code == 201

    unsigned = applicant.submit()
    assert unsigned.status_code == 422
    need = unsigned.json()
    assert need["missing"] == [RECORDS_48, DIAGNOSIS_48]
    assert "容缺受理承诺书" in need["detail"]
    assert "王小明" in need["commitment"] and ID not in need["commitment"]

    altered = applicant.submit(need["commitment"].replace("真实", "大致"))
    assert altered.status_code == 422

    signed = applicant.submit(need["commitment"])
    assert signed.status_code == 200, signed.content.decode()
    assert signed.json()["state_label"] == "待审核"
    assert signed.json()["commitment_signed"] is True

    decided = reviewer.review_all(applicant.code)
    assert decided.status_code == 200, decided.content.decode()
    case = applicant.show().json()["case"]
    assert applicant.show().json()["state_label"] == "已容缺受理"
    assert case["status"] == "accepted_pending_materials"
    # Submitted on Wed 30 Sep: accepted that day, due and supplement counted past 国庆.
    assert case["accepted"] == "2026-09-30"
    assert case["supplement_due"] is not None and case["supplement_due"] > "2026-10-08"
    staff_case = reviewer.get(f"/api/cases/{case['number']}").json()
    assert staff_case["channel"] == "online"
    assert staff_case["commitment_signed"] is True


def test_a_prohibited_application_is_refused_at_submit_with_its_basis(applicant):
    applicant.start_verified(48, {"injury_recognized": False})
    applicant.upload(APPLICATION_48, PDF, "a.pdf")
    applicant.upload(RECORDS_48, png(), "b.png")
    applicant.upload(DIAGNOSIS_48, png(), "c.png")
    answer = applicant.submit()
    assert answer.status_code == 200, answer.content.decode()
    shown = answer.json()
    assert shown["state_label"] == "不予受理"
    assert shown["refusal"]["violations"][0]["basis"]
    # Stored: seen again later, and nothing more can be changed.
    assert applicant.show().json()["state"] == "refused"
    assert applicant.upload(RECORDS_48, png()).status_code == 409


def test_a_returned_application_is_corrected_and_accepted_under_the_same_number(
    applicant, reviewer
):
    applicant.start_verified(48, {"injury_recognized": True})
    applicant.upload(APPLICATION_48, PDF, "a.pdf")
    applicant.upload(RECORDS_48, jpeg(), "b.jpg")
    applicant.upload(DIAGNOSIS_48, jpeg(), "c.jpg")
    assert applicant.submit().json()["state"] == "submitted"

    returned = reviewer.review_all(
        applicant.code, reject={DIAGNOSIS_48: "照片模糊，看不清诊断结论"}
    )
    assert returned.json()["state"] == "returned"
    shown = applicant.show().json()
    assert shown["state_label"] == "退回补正"
    assert "照片模糊，看不清诊断结论" in shown["notice"]
    assert shown["case"] is None

    assert applicant.upload(DIAGNOSIS_48, jpeg(), "clear.jpg").status_code == 201
    again = applicant.submit()
    assert again.json()["state"] == "submitted" and again.json()["code"] == applicant.code
    assert reviewer.review_all(applicant.code).status_code == 200
    final = applicant.show().json()
    assert final["state_label"] == "已受理"
    assert final["case"]["status"] == "accepted" and final["case"]["due"]
    states = [h["state"] for h in final["history"]]
    assert states == ["draft", "submitted", "returned", "submitted", "accepted"]


def test_materials_missing_that_may_not_be_tolerated_keep_it_a_draft(applicant):
    applicant.start_verified(48, {"injury_recognized": True})
    answer = applicant.submit()
    assert answer.status_code == 422
    assert APPLICATION_48 in answer.json()["detail"]
    assert applicant.show().json()["state"] == "draft"


def test_the_clock_starts_on_the_day_of_acceptance_not_of_submission(applicant, reviewer, frozen):
    import datetime as dt

    from shebao.runtime import BEIJING

    frozen.move_to(dt.datetime(2026, 9, 28, 11, 0, tzinfo=BEIJING))  # a Monday
    applicant.start_verified(48, {"injury_recognized": True})
    for name in (APPLICATION_48, RECORDS_48, DIAGNOSIS_48):
        applicant.upload(name, PDF, "x.pdf")
    assert applicant.submit().json()["submitted_on"] == "2026-09-28"
    frozen.move_to(dt.datetime(2026, 10, 9, 9, 0, tzinfo=BEIJING))  # reviewed after 国庆
    reviewer.review_all(applicant.code)
    assert applicant.show().json()["case"]["accepted"] == "2026-10-09"


def test_an_acceptance_on_a_holiday_counts_from_the_next_working_day(applicant, reviewer, frozen):
    import datetime as dt

    from shebao.runtime import BEIJING

    frozen.move_to(dt.datetime(2026, 10, 3, 11, 0, tzinfo=BEIJING))  # 国庆
    applicant.start_verified(48, {"injury_recognized": True})
    for name in (APPLICATION_48, RECORDS_48, DIAGNOSIS_48):
        applicant.upload(name, PDF, "x.pdf")
    assert applicant.submit().json()["submitted_on"] == "2026-10-03"
    frozen.move_to(dt.datetime(2026, 10, 4, 10, 0, tzinfo=BEIJING))  # a reviewer on duty
    reviewer.review_all(applicant.code)
    assert applicant.show().json()["case"]["accepted"] == "2026-10-08"


def test_submit_needs_the_phone_verified(applicant):
    applicant.start(48, {"injury_recognized": True})
    answer = applicant.submit()
    assert answer.status_code == 422
    assert "验证码" in answer.json()["detail"]


def test_a_wrong_verification_code_is_refused_and_counted(applicant):
    shown = applicant.start(48)
    wrong = "000000" if shown["verification_code"] != "000000" else "111111"
    answer = applicant.post("verify", {"code": wrong})
    assert answer.status_code == 422
    assert "还可以再试 4 次" in answer.json()["detail"]


def test_a_unit_applies_with_its_credit_code_and_comes_back_with_its_last6(applicant):
    from tests.core.cases.factories import credit_code

    code = credit_code()
    body = {
        "item": 53,
        "applicant": {
            "kind": "unit",
            "credit_code": code,
            "name": "大连某某康复医院有限公司",
            "contact": "李红",
            "phone": "0411-83709012",
        },
    }
    started = applicant.client.post("/api/applications", body, content_type="application/json")
    assert started.status_code == 201, started.content.decode()
    shown = started.json()
    assert shown["applicant"]["kind"] == "unit" and code not in started.content.decode()
    applicant.code, applicant.last6 = shown["code"], code[-6:]
    assert applicant.post("verify", {"code": shown["verification_code"]}).status_code == 200
    assert (
        applicant.upload("大连市工伤保险协议服务机构申请审核表", PDF, "表.pdf").status_code == 201
    )
    need = applicant.submit()
    assert need.status_code == 422 and "医疗机构整体情况介绍" in need.json()["commitment"]
    assert applicant.submit(need.json()["commitment"]).json()["state_label"] == "待审核"


def test_codes_are_sent_at_most_five_times(applicant):
    from shebao.web.online import services

    applicant.start(48)
    app = services.Application.objects.get(code=applicant.code)
    for _ in range(4):
        services.resend_code(app)
    with pytest.raises(services.InputError, match="不能再发送"):
        services.resend_code(app)


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"no_such_fact": True}, "no_such_fact"),
        ({"injury_recognized": "也许"}, "injury_recognized"),
        ({"id_number": ID}, "身份信息由申请人的证件得出"),
    ],
)
def test_facts_are_checked_as_the_rules_read_them(applicant, facts, message):
    applicant.start(48)
    answer = applicant.post("facts", {"facts": facts})
    assert answer.status_code == 422
    assert message in answer.json()["detail"]
