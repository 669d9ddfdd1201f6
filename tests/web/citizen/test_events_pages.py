"""Life events: the list, and a plan with the questions that change it."""

from __future__ import annotations

import time_machine

from shebao.web.core import runtime
from tests.web.citizen.conftest import text_of


def test_the_list_names_every_event(client):
    text = text_of(client.get("/events"))
    for event in runtime().guide.events.events:
        assert event.name in text


def test_an_event_asks_its_own_questions_first_and_the_plan_follows_the_answers(person):
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        plan = person("/events/unit_closing")
        first = runtime().guide.events.find("unit_closing").questions[0]
        assert plan.asked == first
        assert "单位注销：要办的事和顺序" in plan.text and "最早全部办结" in plan.text
        plan.answer("enterprise").answer("false")
    assert "不需要办的" in plan.text
    assert "一共要带的材料" in plan.text


def test_an_unknown_event_is_a_404(client):
    assert client.get("/events/wedding").status_code == 404


def test_estimated_dates_are_said_so_without_the_operators_how_to(client):
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        text = text_of(client.get("/events/work_injury"))
    assert "（估算）" in text and "尚未载入" in text
    assert "shebao holidays load" not in text and "请以窗口告知的日期为准" in text
