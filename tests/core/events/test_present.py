"""What the API and the CLI return for events and plans: JSON that round-trips, text people read."""

from __future__ import annotations

import datetime as dt
import doctest
import json

import shebao.present.events
from shebao.present.events import describe_plan, event_summary, plan_dict
from shebao.rules.facts import FACTS
from shebao.services.events import events, plan
from tests.support import runtime

START = dt.date(2026, 9, 28)
RETIREE = {
    "death": "not_work_related",
    "receiving_employee_pension": True,
    "has_dependants": True,
    "serving_sentence": False,  # item 28's own condition: not serving a sentence when he died
}


def test_the_helpers_do_what_their_examples_say():
    assert doctest.testmod(shebao.present.events).failed == 0


def test_every_event_summary_and_plan_is_plain_json():
    for ev in events(runtime()):
        summary = event_summary(ev)
        assert json.loads(json.dumps(summary, ensure_ascii=False)) == summary
        assert {q["name"] for q in summary["questions"]} <= set(FACTS)
        data = plan_dict(plan(runtime(), ev.key, {}, START))
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_a_plan_says_for_each_step_its_status_why_basis_check_dates_and_places():
    data = plan_dict(plan(runtime(), "death", RETIREE, START))
    assert data["event"]["key"] == "death" and data["start"] == "2026-09-28"
    assert data["finish"] == "2026-10-08" and data["finish_estimated"] is False
    steps = {s["id"]: s for s in data["steps"]}
    funeral = steps["funeral_retiree"]
    assert funeral["status"] == "applies" and funeral["item"] == 28
    assert (
        funeral["why"].startswith("适用") and "已享受城镇职工基本养老保险待遇：是" in funeral["why"]
    )
    assert funeral["basis"][0] == {
        "item": 28,
        "item_name": "丧葬补助金、抚恤金申领",
        "source": "description",
        "quote": "因病或者非因工死亡的且未在服刑期间离退休人员，按要求申请办理丧抚待遇。",
    }
    assert funeral["check"]["allowed"] is True and funeral["deadline"]["due"] == "2026-09-29"
    assert funeral["where"]["online"] is True
    assert funeral["where"]["channels"][0]["places"][0]["name"] == "待遇支付管理部"
    assert steps["dependants_benefit"]["after"] == ["dependants_recognition"]
    assert steps["work_death_grant"]["status"] == "skipped"
    assert steps["stop_pension_institution"]["status"] == "undecided"
    assert "receiving_public_pension" in steps["stop_pension_institution"]["missing_facts"]
    asked = [q["name"] for q in data["missing_facts"]]
    assert "receiving_public_pension" in asked and "has_dependants" not in asked


def test_the_checklist_in_json_names_the_steps_that_need_each_material():
    data = plan_dict(plan(runtime(), "death", RETIREE, START))
    bank = next(e for e in data["checklist"] if e["name"] == "银行卡")
    assert bank["steps"] == ["dependants_recognition", "dependants_benefit"]
    assert bank["certain"] is True and {n["item"] for n in bank["needed_by"]} == {21, 23}


def test_an_outside_step_in_json_says_who_decides_and_whether_it_is_done():
    data = plan_dict(plan(runtime(), "work_injury", {"injury_recognized": False}, START))
    recognition = next(s for s in data["steps"] if s["id"] == "recognition")
    assert recognition["outside"] is True and recognition["item"] is None
    assert recognition["authority"].startswith("社会保险行政部门")
    assert recognition["done"] is False and "deadline" not in recognition


def test_the_text_lists_the_steps_in_order_then_the_skipped_the_materials_and_the_questions():
    text = describe_plan(plan(runtime(), "death", RETIREE, START))
    assert text.startswith("【家人去世】办理计划")
    assert "最早全部办结：2026-10-08（周四）" in text
    first, funeral = (
        text.index("暂停养老保险待遇申请（企业养老保险部分）"),
        text.index("丧葬补助金"),
    )
    assert first < funeral < text.index("不需要办的步骤：") < text.index("材料清单")
    assert text.index("材料清单") < text.index("还需要知道（")
    checklist = text[text.index("材料清单") : text.index("还需要知道（")]
    assert checklist.count(". 银行卡 —— ") == 1 and "银行卡 —— 第5步、第6步" in checklist
    assert "依据：事项28“丧葬补助金、抚恤金申领”办理条件：“因病或者非因工死亡的" in text
    assert "[待定] 暂停养老保险待遇申请（机关事业养老保险部分）" in text


def test_the_text_marks_estimated_dates():
    facts = {"unit_type": "enterprise", "unit_has_employees": False, "unit_arrears": False}
    text = describe_plan(plan(runtime(), "unit_closing", facts, dt.date(2031, 3, 3)))
    assert "（估算）" in text and "注意：2031 年的节假日安排尚未载入" in text
