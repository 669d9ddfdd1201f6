"""The stored decision record, the case for the API and the error bodies: JSON, typed, masked."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from shebao.cases.decision import NeedCommitment, NeedFacts
from shebao.cases.status import TransitionNotAllowed, check_transition
from shebao.present.cases import (
    SCHEMA_VERSION,
    applicant_dict,
    case_dict,
    decision_record,
    need_commitment_dict,
    need_facts_dict,
    transition_refused_dict,
)
from shebao.services.cases import (
    case_timer,
    decide_intake,
    new_case_number,
    parse_case_number,
    supplement_materials,
)
from tests.core.cases.factories import a_person, a_unit, credit_code, resident_id, runtime_on

D = dt.date
RT = runtime_on()
PERSON = {"kind": "person", "id_number": resident_id(), "name": "王小明", "phone": "13804112233"}
RECORD_KEYS = {
    "schema_version",
    "outcome",
    "item",
    "item_name",
    "channel",
    "applicant",
    "received",
    "decided_on",
    "accepted",
    "time_limit",
    "time_limit_working_days",
    "due",
    "due_estimated",
    "supplement_due",
    "supplement_due_estimated",
    "supplement_working_days",
    "supplement_basis",
    "warnings",
    "violations",
    "missing",
    "notice",
    "commitment_signed",
    "provided",
    "facts",
    "catalog_version",
    "parameters_version",
}

INSURED = {"employee_pension_insured": True}  # item 25's own condition (参加基本养老保险)


def record(item, facts, provided, signed=False, applicant=PERSON):
    decision = decide_intake(RT, item, "window", applicant, facts, provided, signed, D(2026, 9, 30))
    return decision_record(decision)


def test_a_refusal_is_recorded_with_typed_violations():
    stored = record(25, {"contribution_months": 400, "flexible_early": False, **INSURED}, [])
    assert set(stored) == RECORD_KEYS
    assert stored["schema_version"] == SCHEMA_VERSION
    assert stored["outcome"] == "refused"
    [violation] = stored["violations"]
    assert set(violation) == {"rule_id", "entry", "basis", "reason", "reading", "facts"}
    assert violation["rule_id"] == "3.1" and violation["entry"] == 3
    assert violation["facts"]["retirement"]["retirement_month"] == "2031-05"
    assert stored["due"] is None and stored["notice"] is None


def test_a_tolerated_intake_is_recorded_with_both_deadlines_and_the_missing_materials():
    stored = record(48, {"injury_recognized": True}, ["大连市劳动能力鉴定申请书"], signed=True)
    assert stored["outcome"] == "accepted_pending_materials"
    assert stored["received"] == stored["accepted"] == "2026-09-30"
    assert stored["due"] == "2026-11-09" and stored["supplement_due"] == "2026-10-13"
    assert stored["missing"] == [
        {"name": "病历资料", "tolerable": True, "source": "医疗机构"},
        {"name": "与伤病有关的医学诊断", "tolerable": True, "source": "医疗机构"},
    ]
    assert stored["commitment_signed"] is True
    assert stored["catalog_version"] == RT.guide.version
    assert stored["parameters_version"] == RT.parameters.version


def test_a_return_is_recorded_with_its_one_time_notice():
    stored = record(48, {"injury_recognized": True}, [])
    assert stored["outcome"] == "returned"
    assert stored["notice"].startswith("【一次性告知】")
    assert len(stored["missing"]) == 3


def test_the_record_is_json_and_never_holds_the_full_id_number():
    stored = record(25, {"contribution_months": 400, "flexible_early": False, **INSURED}, [])
    text = json.dumps(stored, ensure_ascii=False)
    assert json.loads(text) == stored
    assert resident_id() not in text
    assert stored["facts"]["id_number"] == "210202********1233"
    assert stored["applicant"] == {
        "kind": "person",
        "document": "resident_id",
        "number_masked": "210202********1233",
    }


def test_a_units_record_masks_its_code():
    unit = {
        "kind": "unit",
        "credit_code": credit_code(),
        "name": "某医院",
        "phone": "0411-83709012",
    }
    stored = record(53, {}, ["大连市工伤保险协议服务机构申请审核表"], True, unit)
    assert stored["applicant"]["kind"] == "unit" and stored["applicant"]["document"] is None
    assert credit_code() not in json.dumps(stored)


def test_the_applicant_for_the_api_shows_the_full_number_only_when_asked():
    shown = applicant_dict(a_person())
    assert shown["id_number"] == "210202********1233" and shown["document_label"] == "居民身份证"
    assert applicant_dict(a_person(), full_number=True)["id_number"] == resident_id()
    assert applicant_dict(a_unit())["credit_code"].count("*") == 8


def test_a_case_for_the_api():
    history = [
        {"status": "accepted", "at": dt.datetime(2026, 9, 30, 9, 15), "note": ""},
        {"status": "in_progress", "at": "2026-10-08T10:00:00+08:00", "note": "开始审核"},
    ]
    shown = case_dict(
        number="K7QM-3XPA-HR2D",
        outcome="accepted",
        status="in_progress",
        due=D(2026, 11, 9),
        timer=case_timer(RT, "in_progress", D(2026, 11, 9), today=D(2026, 11, 5)),
        supplement_due=None,
        history=history,
        item=48,
        item_name="劳动能力鉴定申请",
    )
    assert shown == {
        "number": "K7QM-3XPA-HR2D",
        "item": 48,
        "item_name": "劳动能力鉴定申请",
        "outcome": "accepted",
        "status": "in_progress",
        "status_label": "办理中",
        "due": "2026-11-09",
        "due_estimated": False,
        "timer": "warning",
        "timer_label": "预警",
        "supplement_due": None,
        "allowed": ["completed", "withdrawn"],
        "history": [
            {"status": "accepted", "at": "2026-09-30T09:15:00", "note": ""},
            {"status": "in_progress", "at": "2026-10-08T10:00:00+08:00", "note": "开始审核"},
        ],
    }


def test_the_422_bodies_name_the_facts_and_the_materials():
    with pytest.raises(NeedFacts) as facts:
        decide_intake(RT, 48, "window", PERSON, {}, [], False, D(2026, 9, 30))
    assert need_facts_dict(facts.value)["missing_facts"] == [
        {"name": "injury_recognized", "label": "已进行工伤认定"}
    ]
    with pytest.raises(NeedCommitment) as commitment:
        decide_intake(
            RT, 60, "window", PERSON, {}, ["劳动人事争议仲裁申请书"], False, D(2026, 9, 30)
        )
    body = need_commitment_dict(commitment.value)
    assert body["commitment_required"] is True
    assert body["materials"] == [{"name": "身份证", "tolerable": True, "source": "申请人提供"}]


def test_the_409_body_lists_the_allowed_targets():
    with pytest.raises(TransitionNotAllowed) as caught:
        check_transition("accepted_pending_materials", "completed")
    body = transition_refused_dict(caught.value)
    assert body["allowed"] == ["materials_supplemented", "terminated", "withdrawn"]
    assert body["status"] == "accepted_pending_materials" and body["to"] == "completed"


def test_the_service_reads_the_applicant_from_the_apis_json():
    decision = decide_intake(
        RT, 60, "window", PERSON, {}, ["劳动人事争议仲裁申请书", "身份证"], False
    )
    assert decision.applicant == a_person()
    assert parse_case_number(new_case_number().lower()) is not None


def test_a_final_case_has_no_timer():
    rt = runtime_on(D(2026, 11, 21))
    assert case_timer(rt, "in_progress", D(2026, 11, 20)) == "overdue"
    assert case_timer(rt, "completed", D(2026, 11, 20)) is None
    assert case_timer(rt, "returned", None) is None
    assert case_timer(rt, "accepted", D(2026, 11, 20), today=D(2026, 11, 19)) == "warning"


def test_materials_brought_later_complete_a_tolerated_case():
    stored = record(48, {"injury_recognized": True}, ["大连市劳动能力鉴定申请书"], signed=True)
    partly = supplement_materials(RT, 48, stored["provided"], ["病历材料"])
    assert not partly.complete
    assert [m.name for m in partly.missing] == ["与伤病有关的医学诊断"]
    assert "与伤病有关的医学诊断" in partly.notice
    done = supplement_materials(RT, 48, partly.provided, "与伤病有关的医学诊断")
    assert done.complete and done.missing == ()
    assert done.provided == ("大连市劳动能力鉴定申请书", "病历材料", "与伤病有关的医学诊断")
