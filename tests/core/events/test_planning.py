"""Plans for life events: which steps, in what order, why, by when, and with which materials.

Every test passes its start date; none depends on today's date.
"""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

import shebao.events.planning
from shebao.errors import InputError
from shebao.events.model import StepStatus
from shebao.events.planning import Plan
from shebao.services.events import event, events, plan
from tests.support import runtime

MONDAY = dt.date(2026, 9, 28)  # the week before 国庆 2026 (1–7 Oct off, Saturday 10 Oct worked)
MAN_1965 = "210202196505100016"  # born 1965-05-10: statutory retirement month 2025-07

RETIREE = {  # an enterprise retiree who died of illness, with no one depending on him
    "death": "not_work_related",
    "employee_pension_insured": True,
    "receiving_employee_pension": True,
    "resident_pension_insured": False,
    "public_servant": False,
    "receiving_public_pension": False,
    "injury_dependant_pension": False,
    "has_dependants": False,
}
RESIDENT = RETIREE | {
    "employee_pension_insured": False,
    "receiving_employee_pension": False,
    "resident_pension_insured": True,
    "employment": "flexible",
}
INJURY_DEPENDANT = RESIDENT | {"resident_pension_insured": False, "injury_dependant_pension": True}


def _plan(which: str, facts: dict, start: dt.date = MONDAY) -> Plan:
    return plan(runtime(), which, facts, start)


def _applying(p: Plan) -> list[str]:
    return [s.step.id for s in p.steps if s.status is StepStatus.APPLIES]


def _order(p: Plan) -> list[str]:
    return [s.step.id for s in p.steps]


def test_the_helpers_do_what_their_examples_say():
    assert doctest.testmod(shebao.events.planning).failed == 0


# --- the injury journey --------------------------------------------------------------------


def test_the_injury_journey_goes_from_recognition_to_appraisal_to_benefits_in_order():
    p = _plan(
        "工伤",
        {
            "injury_recognized": True,
            "disability_grade": 7,
            "labour_relation_end": "contract_expired",
            "payee_is_worker": True,
        },
    )
    order = _order(p)
    assert order.index("accident_record") < order.index("recognition")
    assert order.index("recognition") < order.index("registration") < order.index("appraisal")
    assert order.index("appraisal") < order.index("disability_benefits")
    assert order.index("appraisal") < order.index("medical_lump_sum")
    assert p.step("appraisal").after == ("recognition",)
    assert p.step("disability_benefits").after == ("appraisal",)
    assert {"disability_benefits", "medical_lump_sum", "appraisal"} <= set(_applying(p))
    appraisal = p.step("appraisal").deadline
    assert appraisal is not None and appraisal.working_days == 24
    # the benefits wait for the appraisal's conclusion: applied for the day after it is due
    assert p.step("disability_benefits").ready == appraisal.due + dt.timedelta(days=1)
    assert p.step("medical_lump_sum").ready == appraisal.due + dt.timedelta(days=1)


def test_every_step_is_applied_for_after_the_steps_it_needs_are_done():
    for ev in events(runtime()):
        p = _plan(ev.key, {})
        for planned in p.steps:
            for before in planned.after:
                earlier = p.step(before)
                if earlier.deadline is not None and planned.ready is not None:
                    assert planned.ready >= earlier.deadline.due, (ev.key, planned.step.id)


def test_the_appraisal_waits_for_a_recognition_still_to_come_and_is_refused_without_it():
    p = _plan("work_injury", {"injury_recognized": False})
    recognition = p.step("recognition")
    assert recognition.status is StepStatus.APPLIES and recognition.done is False
    check = p.step("appraisal").check
    assert check is not None and check.allowed is False
    assert [v.rule.entry for v in check.violations] == [4]  # 不进行工伤认定，申请工伤初次鉴定
    assert any("工伤认定" in w and "指南没有写明其时限" in w for w in p.warnings)
    assert any("不予办理" in w for w in p.warnings)


def test_a_grade_one_to_four_gets_disability_benefits_but_no_medical_lump_sum():
    p = _plan(
        "work_injury",
        {"injury_recognized": True, "disability_grade": 3, "labour_relation_end": "worker_request"},
    )
    assert p.step("disability_benefits").status is StepStatus.APPLIES
    lump = p.step("medical_lump_sum")
    assert lump.status is StepStatus.SKIPPED
    assert lump.facts == {"disability_grade": 3, "labour_relation_end": "worker_request"}


def test_the_review_branch_waits_a_year_after_the_appraisal_and_leads_to_the_benefit_change():
    p = _plan(
        "work_injury",
        {"injury_recognized": True, "appraisal_followup": "review", "grade_raised": True},
    )
    assert p.step("re_appraisal").status is StepStatus.SKIPPED
    review, change = p.step("review"), p.step("benefit_change")
    assert review.status is StepStatus.APPLIES and change.status is StepStatus.APPLIES
    conclusion = p.step("appraisal").deadline.due
    assert review.ready == dt.date(conclusion.year + 1, conclusion.month, conclusion.day + 1)
    assert change.after == ("review",)
    assert change.ready == review.deadline.due + dt.timedelta(days=1)


def test_the_re_appraisal_branch_goes_outside_the_center_then_to_the_benefit_change():
    p = _plan(
        "work_injury",
        {"injury_recognized": True, "appraisal_followup": "re_appraisal", "grade_raised": True},
    )
    again = p.step("re_appraisal")
    assert again.status is StepStatus.APPLIES and again.step.outside and again.deadline is None
    assert p.step("review").status is StepStatus.SKIPPED
    assert p.step("benefit_change").after == ("re_appraisal",)
    assert again.step.laws and "第二十六条" in again.step.laws[0].text


# --- death ----------------------------------------------------------------------------------


def test_a_retiree_a_resident_and_an_injured_workers_dependant_have_different_journeys():
    retiree, resident, dependant = (
        _plan("家人去世", f) for f in (RETIREE, RESIDENT, INJURY_DEPENDANT)
    )
    assert _applying(retiree) == ["stop_pension_enterprise", "funeral_retiree"]
    assert _applying(resident) == ["resident_account"]
    assert _applying(dependant) == ["injury_dependant_change"]
    assert retiree.steps and not retiree.provisional and not resident.provisional


def test_each_death_journey_says_why_with_the_facts_that_decided():
    retiree = _plan("death", RETIREE)
    funeral = retiree.step("funeral_retiree")
    assert funeral.facts == {"death": "not_work_related", "receiving_employee_pension": True}
    assert funeral.step.basis[0].item == 28 and "离退休人员" in funeral.step.basis[0].text
    skipped = _plan("death", RESIDENT).step("funeral_retiree")
    assert skipped.status is StepStatus.SKIPPED
    assert skipped.facts["receiving_employee_pension"] is False
    change = _plan("death", INJURY_DEPENDANT).step("injury_dependant_change")
    assert change.step.item == 38 and change.step.basis[0].text == "工伤供养亲属死亡的。"


def test_a_worker_in_service_an_institution_employee_and_a_work_death_differ_too():
    worker = RETIREE | {"receiving_employee_pension": False, "employment": "employee"}
    assert _applying(_plan("death", worker)) == [
        "stop_contribution_pension",
        "stop_contribution_injury",
        "stop_contribution_unemployment",
        "survivors_in_service",
    ]
    official = RESIDENT | {"resident_pension_insured": False, "public_servant": True}
    p = _plan("death", official)
    assert _applying(p) == ["stop_contribution_institution", "institution_account"]
    assert p.step("institution_account").after == ("stop_contribution_institution",)
    at_work = worker | {"death": "work_related", "has_dependants": True, "injury_recognized": True}
    p = _plan("death", at_work)
    assert {"work_death_recognition", "work_death_grant", "work_death_dependants"} <= set(
        _applying(p)
    )
    assert "survivors_in_service" not in _applying(p) and p.step("work_death_recognition").done


def test_dependants_are_recognised_before_their_benefit():
    p = _plan("death", RETIREE | {"has_dependants": True})
    assert p.step("dependants_benefit").after == ("dependants_recognition",)
    recognised = p.step("dependants_recognition").deadline.due
    assert p.step("dependants_benefit").ready == recognised + dt.timedelta(days=1)


# --- facts not given --------------------------------------------------------------------------


def test_an_unknown_fact_leaves_the_step_undecided_and_names_the_fact():
    p = _plan("death", {"death": "not_work_related"})
    funeral = p.step("funeral_retiree")
    assert funeral.status is StepStatus.UNDECIDED
    assert funeral.missing_facts == ("receiving_employee_pension",)
    assert "receiving_employee_pension" in p.missing_facts and p.provisional
    settled = _plan("death", {"death": "not_work_related", "receiving_employee_pension": False})
    assert settled.step("funeral_retiree").status is StepStatus.SKIPPED


def test_undecided_steps_are_neither_counted_in_the_finish_nor_dropped():
    p = _plan("work_injury", {"injury_recognized": True})
    undecided = [s for s in p.steps if s.status is StepStatus.UNDECIDED]
    assert undecided and all(s.deadline is not None or s.step.outside for s in undecided)
    assert p.finish == p.step("appraisal").deadline.due
    assert p.finish_with_undecided is not None and p.finish_with_undecided > p.finish
    only_undecided = [e for e in p.checklist if not e.certain]
    assert only_undecided and all(
        all(p.step(s).status is StepStatus.UNDECIDED for s in e.steps) for e in only_undecided
    )


def test_a_step_check_that_lacks_facts_names_them_in_the_plan():
    p = _plan("work_injury", {"injury_recognized": True, "disability_grade": 5})
    check = p.step("disability_benefits").check
    assert check is not None and check.allowed is None
    assert check.missing_facts == ("payee_is_worker",)
    assert "payee_is_worker" in p.missing_facts


# --- each step's own check ------------------------------------------------------------------------


def test_each_applicable_step_runs_its_items_prohibition_check_with_the_basis():
    short = {
        "id_number": MAN_1965,
        "contribution_months": 100,
        "employee_pension_insured": True,
        "resident_pension_insured": False,
        "early_retirement": False,
        "card_applied_before": True,
        "card_condition": "usable",
    }
    p = _plan("retirement", short)
    normal = p.step("normal_retirement")
    assert normal.status is StepStatus.APPLIES and normal.check.allowed is False
    assert {v.rule.entry for v in normal.check.violations} == {3}
    assert all("违规禁办事项清单第3项" in v.rule.basis for v in normal.check.violations)
    assert p.step("lump_sum").status is StepStatus.APPLIES  # 累计缴费不足十五年: may end it
    assert p.step("lump_sum").facts["below_min_contribution"] is True


def test_a_transfer_into_dalian_refused_by_entry_6_says_so():
    facts = {
        "move_direction": "arriving",
        "scheme_from": "enterprise",
        "scheme_to": "enterprise",
        "employment": "employee",
        "hukou": "other_province",
        "id_number": MAN_1965,
    }
    p = _plan("回大连", facts)
    transfer = p.step("transfer_enterprise")
    assert transfer.after == ("arrive_enterprise",)
    assert [v.rule.entry for v in transfer.check.violations] == [6]
    assert any("城镇职工基本养老保险关系转移接续申请" in w for w in p.warnings)


# --- dates -------------------------------------------------------------------------------------


def test_the_total_date_crosses_national_day():
    facts = {"unit_type": "enterprise", "unit_has_employees": True, "unit_arrears": False}
    p = _plan("单位注销", facts, MONDAY)
    for reduce in ("reduce_pension", "reduce_injury", "reduce_unemployment"):
        assert p.step(reduce).deadline.due == dt.date(2026, 9, 29)
    deregister = p.step("deregister_enterprise")
    assert deregister.ready == dt.date(2026, 9, 30)
    assert deregister.deadline.due == dt.date(2026, 10, 8)  # 1–7 October are days off
    assert p.finish == dt.date(2026, 10, 8) and not p.finish_estimated and not p.estimated


def test_a_saturday_worked_for_national_day_counts_as_a_working_day():
    p = _plan(
        "unit_opening",
        {"unit_type": "enterprise", "unit_has_employees": False, "construction_project": False},
        dt.date(2026, 9, 30),
    )
    assert p.step("register_enterprise").deadline.due == dt.date(2026, 10, 8)
    assert p.step("declare_pension").ready == dt.date(2026, 10, 9)
    assert p.step("declare_pension").deadline.due == dt.date(2026, 10, 10)  # Saturday, worked
    assert p.finish == dt.date(2026, 10, 10)


def test_an_instant_step_lets_the_next_one_start_the_same_day_on_the_fastest_channel():
    lost = {
        "card_applied_before": True,
        "card_condition": "lost",
        "employee_pension_insured": True,
        "resident_pension_insured": False,
        "early_retirement": False,
    }
    saturday = dt.date(2026, 9, 26)  # 中秋 weekend
    p = _plan("retirement", lost, saturday)
    report = p.step("card_report_lost")
    assert report.deadline.due == saturday and report.fastest is not None  # online, that day
    assert p.step("card_replace").ready == saturday
    retire = p.step("normal_retirement")
    assert retire.ready == saturday and retire.deadline.deemed_accepted == MONDAY


def test_dates_in_a_year_without_a_holiday_notice_are_estimated_and_say_so():
    facts = {"unit_type": "enterprise", "unit_has_employees": False, "unit_arrears": False}
    p = _plan("unit_closing", facts, dt.date(2031, 3, 3))
    assert p.estimated and p.finish_estimated
    assert any("2031" in w and "估算" in w for w in p.warnings)


# --- the checklist ------------------------------------------------------------------------------


def _keys(p: Plan) -> list[tuple[str, str]]:
    from shebao.rules.materials import normalise

    return [(e.kind, normalise(e.name)) for e in p.checklist]


def test_the_merged_checklist_has_no_duplicate_material_in_any_journey():
    for ev in events(runtime()):
        for facts in ({}, RETIREE, RESIDENT | {"has_dependants": True}):
            given = {k: v for k, v in facts.items() if k in _facts_read(ev.key)}
            keys = _keys(_plan(ev.key, given))
            assert len(keys) == len(set(keys)), (ev.key, keys)


def _facts_read(key: str) -> set[str]:
    return set(event(runtime(), key).questions)


def test_one_id_card_and_one_bank_card_serve_every_step_that_needs_them():
    p = _plan("death", RETIREE | {"has_dependants": True, "resident_pension_insured": True})
    by_name = {e.name: e for e in p.checklist}
    assert by_name["身份证"].steps == ("dependants_recognition", "resident_account")
    assert by_name["银行卡"].steps == ("dependants_recognition", "dependants_benefit")
    # different documents stay apart: a copy of the pensioner's card, the survivors' own IDs
    assert "退休人员本人或领取人的银行卡（折）复印件" in by_name
    assert "遗属身份证" in by_name  # item 21's line, split by the intake reading


def test_the_guide_s_two_names_for_medical_records_are_one_material():
    p = _plan(
        "work_injury",
        {
            "injury_recognized": True,
            "sick_leave_extension": True,
            "rehabilitation": True,
            "assistive_device": False,
            "appraisal_followup": "none",
        },
    )
    records = [e for e in p.checklist if e.name in ("病历资料", "病历材料")]
    assert len(records) == 1
    assert set(records[0].steps) == {"sick_leave", "rehabilitation", "appraisal"}


def test_a_choice_of_documents_is_listed_once_for_the_steps_that_share_it():
    p = _plan(
        "retirement",
        {
            "card_applied_before": False,
            "employee_pension_insured": False,
            "resident_pension_insured": True,
        },
    )
    choices = [e for e in p.checklist if e.kind == "one_of"]
    assert len(choices) == 1 and choices[0].steps == ("card_new",)
    assert len(choices[0].options) == 5


# --- finding the event, checking the input -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("death", "death"),
        ("家人去世", "death"),
        (" 去世 ", "death"),
        ("公司要注销", "unit_closing"),
        ("WORK_INJURY", "work_injury"),
        ("《工伤》", "work_injury"),
        ("回大连", "moving"),
    ],
)
def test_an_event_is_found_by_key_name_or_alias(text, key):
    assert event(runtime(), text).key == key


def test_an_unknown_event_or_fact_is_an_input_error_that_lists_what_is_valid():
    with pytest.raises(InputError, match="没有名为“离婚”的事件；可选：death（家人去世）"):
        _plan("离婚", {})
    with pytest.raises(InputError, match="deceased"):
        _plan("death", {"deceased": True})
    with pytest.raises(InputError, match="disability_grade"):
        _plan("work_injury", {"disability_grade": 11})
    with pytest.raises(InputError, match="开始日期"):
        _plan("death", {}, dt.date(1999, 1, 1))


def test_a_step_done_elsewhere_warns_about_dates_only_when_later_steps_wait_for_it():
    facts = {"move_direction": "leaving", "scheme_from": "enterprise", "employment": "employee"}
    p = _plan("moving", facts)
    elsewhere = p.step("transfer_elsewhere")
    assert elsewhere.status is StepStatus.APPLIES and elsewhere.done is False
    assert elsewhere.after == ("leave_pension",)
    assert not any("指南没有写明其时限" in w for w in p.warnings)
