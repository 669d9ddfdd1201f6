"""POST /api/cases: one decision per intake, every outcome stored with its first history row,
nothing stored when facts or the commitment are missing (422)."""

from __future__ import annotations

import pytest

from shebao.web.cases.models import Case, CaseHistory
from tests.core.cases.factories import resident_id
from tests.web.cases.conftest import (
    APPLICATION_48,
    ID,
    accepted,
    by_a_unit,
    person,
    refused,
    returned,
    tolerated,
)

pytestmark = pytest.mark.django_db
OTHER_ID = resident_id("110101", "19900101", "456")


def stored(number: str) -> Case:
    return Case.objects.get(number=number)


def test_a_prohibited_case_is_refused_with_each_rule_and_its_basis(clerk):
    case = clerk.take_in(refused())
    assert case["outcome"] == case["status"] == "refused"
    assert case["due"] is None and case["timer"] is None and case["allowed"] == []
    [violation] = case["decision"]["violations"]
    assert violation["rule_id"] == "3.1"
    assert violation["basis"].startswith("违规禁办事项清单第3项")
    assert "法定退休年龄" in violation["reason"]
    assert case["letter"] == "refusal"
    assert case["document_url"] == f"/cases/{case['number']}/documents/refusal"
    [first] = case["history"]
    assert first["status"] == "refused" and first["note"].startswith(
        "不予受理：违规禁办事项清单第3项"
    )
    assert stored(case["number"]).status == "refused"


def test_a_complete_application_is_accepted_with_its_due_date(clerk):
    case = clerk.take_in(accepted())
    assert case["outcome"] == case["status"] == "accepted"
    assert case["accepted"] == "2026-09-30"
    assert case["due"] == "2026-10-13"  # 5 working days over 国庆
    assert case["timer"] == "normal" and case["allowed"] == ["in_progress", "withdrawn"]
    assert case["letter"] == "acceptance"
    assert case["history"] == [
        {
            "status": "accepted",
            "at": "2026-09-30T10:00:00+08:00",
            "note": "受理；办结期限 2026-10-13",
            "by": "alice",
        }
    ]


def test_tolerated_materials_with_the_signed_commitment_are_accepted_pending_materials(clerk):
    case = clerk.take_in(tolerated())
    assert case["outcome"] == case["status"] == "accepted_pending_materials"
    assert case["due"] == "2026-11-09" and case["supplement_due"] == "2026-10-13"
    assert [m["name"] for m in case["decision"]["missing"]] == ["病历资料", "与伤病有关的医学诊断"]
    assert case["commitment_signed"] is True and case["letter"] == "commitment"
    assert case["allowed"] == ["withdrawn"]  # supplemented by the check, terminated by remind


def test_without_the_commitment_nothing_is_stored_and_the_materials_are_named(clerk):
    response = clerk.post("/api/cases", tolerated(commitment_signed=False))
    assert response.status_code == 422
    body = response.json()
    assert "《容缺受理承诺书》" in body["detail"]
    assert body["commitment_required"] is True
    assert [m["name"] for m in body["materials"]] == ["病历资料", "与伤病有关的医学诊断"]
    assert not Case.objects.exists()


def test_missing_facts_are_named_and_nothing_is_stored(clerk):
    response = clerk.post("/api/cases", returned(facts={}))
    assert response.status_code == 422
    body = response.json()
    assert body["missing_facts"] == [{"name": "injury_recognized", "label": "已进行工伤认定"}]
    assert "injury_recognized（已进行工伤认定）" in body["detail"]
    assert not Case.objects.exists() and not CaseHistory.objects.exists()


def test_an_incomplete_application_is_returned_with_a_complete_one_time_notice(clerk):
    case = clerk.take_in(returned())
    assert case["outcome"] == case["status"] == "returned"
    decision = case["decision"]
    names = [m["name"] for m in decision["missing"]]
    assert names == [APPLICATION_48, "病历资料", "与伤病有关的医学诊断"]
    assert all(m["source"] for m in decision["missing"])
    assert decision["notice"].startswith("【一次性告知】")
    assert all(name in decision["notice"] for name in names)
    assert case["history"][0]["note"] == (
        "补正：一次性告知须补正的材料 3 项"
        "（大连市劳动能力鉴定申请书、病历资料、与伤病有关的医学诊断）"
    )
    assert case["letter"] == "notice"


def test_every_intake_is_stored_and_counted(clerk):
    numbers = [clerk.take_in(body())["number"] for body in (refused, accepted, tolerated, returned)]
    assert len(set(numbers)) == 4
    outcomes = dict(Case.objects.values_list("number", "outcome"))
    assert [outcomes[n] for n in numbers] == [
        "refused",
        "accepted",
        "accepted_pending_materials",
        "returned",
    ]
    assert CaseHistory.objects.filter(from_status="").count() == 4


def test_the_decision_is_frozen_with_the_data_versions(clerk):
    from shebao.web.core import runtime

    case = clerk.take_in(accepted())
    row = stored(case["number"])
    assert row.decision == case["decision"]
    assert row.catalog_version == row.decision["catalog_version"] == runtime().guide.version
    assert row.parameters_version == runtime().parameters.version


def test_a_unit_applies_with_its_credit_code_and_contact(clerk):
    case = clerk.take_in(by_a_unit())
    assert case["applicant"]["kind"] == "unit" and case["applicant"]["contact"] == "李红"
    assert case["applicant"]["credit_code"].count("*") == 8


def test_a_clerk_takes_cases_in_at_their_own_point_only(clerk):
    assert clerk.take_in(accepted())["point"] == "hall-3"
    assert clerk.take_in(accepted(point="hall-3"))["point"] == "hall-3"
    response = clerk.post("/api/cases", accepted(point="hall-5"))
    assert response.status_code == 422 and "只能以本服务点收件" in response.json()["detail"]


def test_a_supervisor_names_the_point(supervisor):
    response = supervisor.post("/api/cases", accepted())
    assert response.status_code == 422 and "须指定服务点" in response.json()["detail"]
    assert supervisor.take_in(accepted(point="hall-5"))["point"] == "hall-5"
    response = supervisor.post("/api/cases", accepted(point="point-6"))  # a bank outlet
    assert response.status_code == 422 and "没有服务点“point-6”" in response.json()["detail"]


def test_an_application_received_earlier_is_decided_on_its_day(clerk):
    case = clerk.take_in(accepted(received="2026年9月28日"))
    assert case["received"] == "2026-09-28" and case["due"] == "2026-10-10"  # Sat. 10th worked
    future = clerk.post("/api/cases", accepted(received="2026-10-09"))
    assert future.status_code == 422 and "晚于今天" in future.json()["detail"]


def test_a_number_drawn_twice_is_drawn_again(clerk, monkeypatch):
    from shebao.services import cases as core

    first = clerk.take_in(accepted())["number"]
    draws = iter([first, first, "K7QM-3XPA-HR2D"])
    monkeypatch.setattr(core, "new_case_number", lambda: next(draws))
    again = clerk.take_in(accepted())
    assert again["number"] == "K7QM-3XPA-HR2D"
    assert Case.objects.count() == 2 and CaseHistory.objects.count() == 2


def test_the_case_and_its_history_commit_together_or_not_at_all(clerk, monkeypatch):
    from shebao.web.cases import services

    real = services.insert

    def fail_on_history(model, values):
        if model is CaseHistory:
            raise RuntimeError("disk full")
        return real(model, values)

    monkeypatch.setattr(services, "insert", fail_on_history)
    clerk.client.raise_request_exception = False
    response = clerk.post("/api/cases", accepted())
    assert response.status_code == 500 and "K" not in response.json().get("number", "")
    assert not Case.objects.exists()


def test_an_intake_cannot_run_inside_a_callers_transaction(alice):
    """The number is returned only after the intake's own transaction commits: a caller cannot
    wrap it in a transaction of its own (which might still roll back)."""
    from django.db import transaction

    from shebao.web.accounts.models import StaffProfile
    from shebao.web.cases import services
    from shebao.web.core import runtime

    staff = StaffProfile.objects.get(user__username="alice")
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.take_in(runtime(), staff, accepted())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"item": 999}, "999"),
        ({"channel": "fax"}, "未知的办理渠道“fax”"),
        ({"channel": "mobile"}, "渠道"),
        ({"applicant": person(id_number="210202197001011234")}, "校验码"),
        ({"applicant": {"kind": "robot"}}, "申请人类型 kind 应为 person"),
        ({"applicant": person(phone="12")}, "联系电话“12”不是有效号码"),
        ({"applicant": person(extra=1)}, "申请人有未知的字段：extra"),
        ({"facts": {"contribution_months": "many"}}, "contribution_months"),
        ({"facts": {"injury_recognized": True, "id_number": OTHER_ID}}, "与申请人的证件不一致"),
        ({"commitment_signed": "yes"}, "commitment_signed"),
        ({"provided": "病历资料"}, "provided（已提交的材料）应为列表"),
        ({"received": "yesterday"}, "收件日期 received"),
        ({"point": 3}, "point"),
        ({"surprise": True}, "不认识的字段 surprise"),
    ],
)
def test_bad_input_is_422_in_chinese_and_stores_nothing(clerk, change, message):
    response = clerk.post("/api/cases", tolerated() | change)
    assert response.status_code in (404, 422), response.content
    assert message in response.json()["detail"]
    assert not Case.objects.exists()


def test_intake_needs_a_staff_login(client):
    assert client.post("/api/cases", accepted(), content_type="application/json").status_code == 401


def test_the_full_id_is_never_in_the_intake_answer(clerk):
    for body in (refused(), accepted(), tolerated(), returned()):
        assert ID not in clerk.post("/api/cases", body).content.decode()


def test_the_rows_written_by_the_intake_read_back_as_the_orm_would_write_them(clerk):
    import datetime as dt

    from tests.web.cases.conftest import NOW

    case = clerk.take_in(tolerated())
    row = Case.objects.get(number=case["number"])
    assert row.created_at == NOW and row.created_by.username == "alice"
    assert (row.received, row.accepted, row.due, row.supplement_due) == (
        dt.date(2026, 9, 30),
        dt.date(2026, 9, 30),
        dt.date(2026, 11, 9),
        dt.date(2026, 10, 13),
    )
    assert row.commitment_signed is True and row.due_estimated is False
    assert row.facts == {"injury_recognized": True} and row.provided == [APPLICATION_48]
    assert (row.applicant_number, row.applicant_masked) == (ID, "210202********1233")
    assert (row.applicant_birth_date, row.applicant_sex) == (dt.date(1970, 1, 1), "male")
    assert (row.timer_mark, row.reminded_on) == ("", None)
    [first] = CaseHistory.objects.filter(case=row)
    assert (first.at, first.from_status, first.to_status, first.by.username) == (
        NOW,
        "",
        "accepted_pending_materials",
        "alice",
    )
