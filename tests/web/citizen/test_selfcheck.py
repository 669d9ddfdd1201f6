"""The self-check asks only what the item's rules need, one question a screen, and answers
"可以办理", "不能办理，因为 …（依据）" or "还需要知道 …"."""

from __future__ import annotations

import pytest
import time_machine

MAN_1965 = "210202196505100016"  # born 1965-05-10: statutory retirement month 2025-07
JUNE = "2026-06-15 10:00 +0800"


@pytest.fixture(autouse=True)
def _mid_june():
    with time_machine.travel(JUNE, tick=False):
        yield


def test_the_first_question_is_the_id_number_when_the_rules_need_birth_date_and_sex(person):
    check = person("/items/25/check")
    assert check.asked == "id_number"
    assert "公民身份号码（身份证号）是多少？" in check.text and "第 1 个问题" in check.text


def test_an_id_number_then_two_answers_reach_can_apply_with_the_retirement_month(person):
    check = person("/items/25/check").answer(MAN_1965)
    assert check.asked == "contribution_months"
    check.answer("300")
    assert check.asked == "employee_pension_insured"
    check.answer("true")
    assert check.asked is None
    assert "可以办理" in check.text and "不能办理，因为" not in check.text
    assert "法定退休时间 2025年7月" in check.text and "弹性延迟退休 最晚 2028年7月" in check.text
    assert "附件1《男职工延迟法定退休年龄对照表》" in check.text
    assert check.shown == ["id_number", "contribution_months", "employee_pension_insured"]
    assert MAN_1965 not in check.response.content.decode()  # the number itself is not carried


def test_a_young_person_is_refused_with_the_reason_and_its_basis(person):
    check = person("/items/25/check").unknown()  # no ID number: birth month and sex instead
    assert check.asked == "birth_date"
    check.answer("1990年1月")
    assert check.asked is None  # too young whoever they are: sex is not asked
    text = check.text
    assert "不能办理，因为：" in text
    assert "未达到法定退休年龄" in text and "依据：违规禁办事项清单第3项" in text
    assert (
        "还要知道性别" in text
        and 'href="/retirement?birth=1990-01"' in check.response.content.decode()
    )


def test_what_the_person_does_not_know_is_named_in_the_answer(person):
    check = person("/items/48/check")
    assert check.asked == "injury_recognized"
    check.unknown()
    assert check.asked is None
    assert "还需要知道：" in check.text and "是否已经做了工伤认定" in check.text


def test_a_wrong_answer_is_shown_beside_the_question_and_nothing_is_lost(person):
    check = person("/items/25/check").answer(MAN_1965).answer("很多")
    assert check.asked == "contribution_months"
    assert "请填 0—1200 的整数" in check.text and 'role="alert"' in check.response.content.decode()
    assert "1965-05-10 出生" in check.text


def test_a_bad_id_number_says_what_is_wrong_with_it(person):
    check = person("/items/25/check").answer("210202196505100017")
    assert check.asked == "id_number" and "校验" in check.text


def test_back_goes_to_the_previous_question(person):
    check = person("/items/25/check").answer(MAN_1965).back()
    assert check.asked == "id_number"
    assert "您的回答" not in check.text


def test_a_birth_month_is_enough_unless_the_day_decides(person):
    check = person("/items/24/check").unknown().answer("1971-06")
    facts = {"sex": "男", "contribution_months": "400", "early_reason": "special_job"}
    facts |= dict.fromkeys(
        (
            "special_job_unit_registered",
            "special_job_unit_same_as_payer",
            "employee_pension_insured",
        ),
        "是",
    )
    while check.asked in facts:
        check.answer(facts.pop(check.asked))
    assert check.asked == "birth_date", check.shown  # 55 on 1 June but not on 30 June: which day?
    assert "具体是哪一天出生？" in check.text
    check.answer("1971-06")
    assert check.asked == "birth_date" and "请写到哪一天" in check.text
    check.answer("1971-06-30")
    assert check.asked is None and "不能办理，因为：" in check.text and "特殊工种" in check.text


def test_an_altered_form_starts_again_with_a_notice(client):
    response = client.post(
        "/items/25/check", {"state": "forged", "ask": "sex", "action": "answer", "answer": "男"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "请从第一个问题重新开始" in text and 'name="ask" value="id_number"' in text


def test_an_answer_to_another_question_than_the_current_one_is_ignored(person):
    check = person("/items/25/check")
    check.post("answer", "male", ask="sex")
    assert check.asked == "id_number" and "您的回答" not in check.text


def test_the_forms_need_the_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/items/25/check", {"action": "back"}).status_code == 403


def test_an_item_without_rules_can_be_applied_for_without_questions(person):
    check = person("/items/1/check")
    assert check.asked is None and "可以办理" in check.text
    assert "没有适用于该事项的规则" in check.text


def test_an_item_without_questions_offers_no_self_check_link(client):
    assert 'href="/items/1/check"' not in client.get("/items/1").content.decode()
