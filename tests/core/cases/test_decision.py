"""The intake decision on real items: refused with its basis, facts asked for, accepted, 容缺 with
and without the commitment, returned with a complete one-time notice; deadlines at acceptance."""

from __future__ import annotations

import datetime as dt

import pytest

from shebao.cases.decision import Decision, NeedCommitment, NeedFacts, decide_intake
from shebao.errors import InputError
from shebao.rules.intake import requirements
from tests.core.cases.factories import TODAY, a_person, a_unit, resident_id, runtime_on

D = dt.date
RT = runtime_on()
APPLICATION_48 = "大连市劳动能力鉴定申请书"
INJURY = {"injury_recognized": True}

INSURED = {"employee_pension_insured": True}  # item 25's own condition (参加基本养老保险)


RECEIVED = D(2026, 9, 30)  # the day before 国庆 (1–7 Oct 2026; Saturday 10 Oct is worked)


def decide(
    item, facts=None, provided=(), signed=False, received=RECEIVED, applicant=None, channel="window"
) -> Decision:
    who = applicant or a_person()
    return decide_intake(RT, item, channel, who, facts or {}, list(provided), signed, received)


# --- refused ----------------------------------------------------------------------------------


def test_retirement_under_the_statutory_age_is_refused_with_the_rule_and_its_basis():
    decision = decide(25, {"contribution_months": 400, "flexible_early": False, **INSURED})
    assert decision.outcome == "refused"
    [violation] = decision.violations
    assert violation.rule_id == "3.1" and violation.entry == 3
    assert violation.basis.startswith("违规禁办事项清单第3项")
    assert "法定退休年龄" in violation.reason and violation.reading
    assert violation.facts["birth_date"] == "1970-01-01"  # taken from the applicant's ID
    assert violation.facts["below_statutory_age"] is True
    assert decision.due is None and decision.accepted is None and decision.notice is None


def test_a_refusal_names_every_rule_broken():
    decision = decide(25, {"contribution_months": 100, "flexible_early": False, **INSURED})
    assert {v.rule_id for v in decision.violations} == {"3.1", "3.2"}


def test_an_initial_assessment_without_injury_recognition_is_refused():
    decision = decide(48, {"injury_recognized": False}, [APPLICATION_48, "病历资料"])
    assert decision.outcome == "refused"
    assert [(v.rule_id, v.basis) for v in decision.violations] == [("4", "违规禁办事项清单第4项")]
    assert decision.violations[0].facts == {"injury_recognized": False}
    assert decision.missing == ()  # a refusal is not a list of materials to bring


def test_the_rules_are_applied_on_the_day_received():
    # Born 1965-05, male: statutory age 60 years and 2 months, reached in 2025-07.
    someone = a_person(id_number=resident_id(born="19650520"))
    facts = {"contribution_months": 400, "flexible_early": False, **INSURED}
    before = decide(25, facts, applicant=someone, received=D(2025, 6, 30))
    after = decide(25, facts, applicant=someone, received=D(2025, 7, 1))
    assert before.outcome == "refused"
    assert after.outcome == "returned"  # allowed; the materials are another matter


# --- facts asked for ---------------------------------------------------------------------------


def test_facts_the_rules_need_are_asked_for_and_nothing_is_decided():
    with pytest.raises(NeedFacts) as caught:
        decide(48, {}, [APPLICATION_48])
    error = caught.value
    assert isinstance(error, InputError)
    assert error.facts == ("injury_recognized",)
    assert error.labels == {"injury_recognized": "已进行工伤认定"}
    assert "injury_recognized" in str(error)


def test_a_unit_applying_for_retirement_is_asked_for_birth_date_and_sex():
    with pytest.raises(NeedFacts) as caught:
        decide(25, {"contribution_months": 400}, applicant=a_unit())
    assert {"birth_date", "sex"} <= set(caught.value.facts)


def test_a_passport_holders_birth_date_and_sex_are_the_facts_used():
    holder = a_person(document="passport", id_number="E12345678", birth_date="1990-03-04", sex="女")
    decision = decide(
        25, {"contribution_months": 400, "flexible_early": False, **INSURED}, applicant=holder
    )
    assert decision.outcome == "refused"
    assert decision.facts["birth_date"] == "1990-03-04" and decision.facts["sex"] == "female"
    assert "id_number" not in decision.facts


@pytest.mark.parametrize(
    ("facts", "says"),
    [
        ({"birth_date": "1971-01-01"}, "出生日期"),
        ({"sex": "female"}, "性别"),
        ({"id_number": resident_id(born="19710101")}, "id_number"),
        ({"unknown_fact": 1}, "unknown_fact"),
    ],
)
def test_facts_that_contradict_the_applicants_id_are_refused(facts, says):
    with pytest.raises(InputError, match=says):
        decide(25, facts)


def test_a_passport_holder_cannot_also_give_a_resident_id_number():
    holder = a_person(document="passport", id_number="E12345678", birth_date="1990-03-04", sex="女")
    with pytest.raises(InputError, match="护照"):
        decide(25, {"id_number": resident_id()}, applicant=holder)


# --- accepted ---------------------------------------------------------------------------------


def test_every_material_present_is_accepted_with_its_due_date():
    decision = decide(48, INJURY, [APPLICATION_48, "病历资料", "与伤病有关的医学诊断"])
    assert decision.outcome == "accepted"
    assert decision.missing == ()
    assert decision.accepted == D(2026, 9, 30)
    # 24 working days after 30 Sep: 国庆 1–7 Oct off, Saturday 10 Oct worked → Monday 9 Nov.
    assert decision.due == D(2026, 11, 9) and decision.due_estimated is False
    assert decision.time_limit == "24个工作日"
    assert decision.supplement_due is None


def test_received_on_a_holiday_online_it_counts_from_the_next_working_day():
    decision = decide(
        48,
        INJURY,
        [APPLICATION_48, "病历资料", "与伤病有关的医学诊断"],
        channel="online",
        received=D(2026, 10, 3),
    )
    assert decision.received == D(2026, 10, 3)
    assert decision.accepted == D(2026, 10, 8)
    assert decision.due == D(2026, 11, 10)


def test_an_item_with_no_rules_needs_no_facts():
    decision = decide(60, {}, ["劳动人事争议仲裁申请书", "身份证"])
    assert decision.outcome == "accepted" and decision.violations == ()
    assert decision.due == D(2026, 10, 13)  # 5 working days across 国庆


# --- 容缺 --------------------------------------------------------------------------------------


def test_only_tolerated_materials_missing_and_the_commitment_signed_is_accepted_pending():
    decision = decide(48, INJURY, [APPLICATION_48], signed=True)
    assert decision.outcome == "accepted_pending_materials"
    assert [(m.name, m.tolerable, m.source) for m in decision.missing] == [
        ("病历资料", True, "医疗机构"),
        ("与伤病有关的医学诊断", True, "医疗机构"),
    ]
    assert decision.commitment_signed is True
    assert decision.due == D(2026, 11, 9)
    # 5 working days after 30 Sep across 国庆: 8, 9, 10 (调休 Saturday), 12, 13 Oct.
    assert decision.supplement_due == D(2026, 10, 13)
    assert decision.supplement_working_days == 5
    assert "未规定补齐期限" in decision.supplement_basis
    assert decision.supplement_due <= decision.due


def test_without_the_commitment_it_names_the_materials_and_decides_nothing():
    with pytest.raises(NeedCommitment) as caught:
        decide(48, INJURY, [APPLICATION_48], signed=False)
    error = caught.value
    assert isinstance(error, InputError)
    assert [m.name for m in error.materials] == ["病历资料", "与伤病有关的医学诊断"]
    assert "容缺受理承诺书" in str(error) and "病历资料" in str(error)


def test_the_supplement_of_the_arbitration_item_falls_on_a_working_saturday():
    decision = decide(60, {}, ["劳动人事争议仲裁申请书"], signed=True)
    assert decision.outcome == "accepted_pending_materials"
    assert decision.supplement_due == D(2026, 10, 10)  # 3 working days: 8, 9, 10 Oct (调休)
    assert decision.due == D(2026, 10, 13)


def test_a_unit_can_be_accepted_pending_materials():
    decision = decide(
        53, {}, ["大连市工伤保险协议服务机构申请审核表"], signed=True, applicant=a_unit()
    )
    assert decision.outcome == "accepted_pending_materials"
    assert decision.facts == {}


# --- returned ---------------------------------------------------------------------------------


def test_a_missing_material_outside_the_list_returns_the_case_with_a_complete_notice():
    decision = decide(48, INJURY, ["病历资料"], signed=True)
    assert decision.outcome == "returned"
    assert decision.due is None and decision.supplement_due is None
    names = [m.name for m in decision.missing]
    assert names == [APPLICATION_48, "与伤病有关的医学诊断"]
    notice = decision.notice
    assert notice.startswith("【一次性告知】事项48")
    for m in decision.missing:
        assert m.name in notice and m.source in notice


def test_nothing_brought_lists_every_required_material_at_once():
    decision = decide(48, INJURY, [])
    item = RT.catalog.item(48)
    required = requirements(RT.guide, item).required
    assert [m.name for m in decision.missing] == [r.label for r in required]
    for n, m in enumerate(decision.missing, 1):
        assert f"{n}. {m.name}" in decision.notice and m.source in decision.notice


def test_unmatched_names_are_kept_and_mentioned_in_the_notice():
    decision = decide(48, INJURY, ["户口本"])
    assert decision.provided == ("户口本",)
    assert "户口本" in decision.notice


# --- input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"item": 999}, "999"),
        ({"channel": "mobile"}, "掌上办"),
        ({"channel": "fax"}, "渠道"),
        ({"received": D(2026, 12, 2)}, "晚于今天"),
        ({"received": D(1999, 1, 1)}, "年份"),
        ({"signed": "yes"}, "commitment_signed"),
    ],
)
def test_bad_input_is_refused(change, says):
    args = {"item": 48, "channel": "window", "received": D(2026, 9, 30), "signed": False} | change
    with pytest.raises(InputError, match=says):
        decide_intake(
            RT,
            args["item"],
            args["channel"],
            a_person(),
            INJURY,
            [],
            args["signed"],
            args["received"],
        )


def test_the_decision_is_frozen_and_carries_the_data_versions():
    decision = decide(48, INJURY, [APPLICATION_48], signed=True)
    with pytest.raises(AttributeError):
        decision.outcome = "accepted"  # type: ignore[misc]
    with pytest.raises(TypeError):
        decision.facts["injury_recognized"] = False  # type: ignore[index]
    assert decision.catalog_version == RT.guide.version
    assert decision.parameters_version == RT.parameters.version
    assert decision.decided_on == TODAY


def test_the_received_day_defaults_to_today_in_beijing():
    decision = decide_intake(
        RT, 60, "window", a_person(), {}, ["劳动人事争议仲裁申请书", "身份证"], False
    )
    assert decision.received == TODAY == decision.accepted


def test_a_due_date_in_a_year_whose_holidays_are_not_known_is_marked_estimated():
    later = runtime_on(D(2040, 12, 20))
    decision = decide_intake(later, 60, "window", a_person(), {}, ["劳动人事争议仲裁申请书"], True)
    assert decision.due_estimated is True and decision.supplement_due_estimated is True
    assert any("2040" in w for w in decision.warnings)
