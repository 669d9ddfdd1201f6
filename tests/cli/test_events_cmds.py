"""`shebao event list` and `shebao event plan` as a citizen or a clerk uses them."""

from __future__ import annotations

import json
from pathlib import Path

RETIREE = json.dumps(
    {"death": "not_work_related", "receiving_employee_pension": True, "has_dependants": False},
    ensure_ascii=False,
)


def test_event_list_names_every_event_in_a_table(cli):
    result = cli("event", "list")
    assert result.code == 0
    for key, name in (
        ("death", "家人去世"),
        ("work_injury", "工伤"),
        ("retirement", "退休"),
        ("unit_opening", "单位开办"),
        ("unit_closing", "单位注销"),
        ("moving", "离开大连或来到大连"),
    ):
        assert key in result.out and name in result.out


def test_event_list_json_gives_each_event_its_steps_and_questions(cli):
    data = cli("event", "list", "--json").json()
    death = next(e for e in data if e["key"] == "death")
    assert death["name"] == "家人去世" and 28 in death["items"]
    assert {"death", "receiving_employee_pension"} <= {q["name"] for q in death["questions"]}
    step = next(s for s in death["steps"] if s["id"] == "funeral_retiree")
    assert step["basis"][0]["item"] == 28 and "已享受城镇职工基本养老保险待遇" in step["when"]


def test_event_plan_prints_the_journey_in_chinese(cli):
    result = cli("event", "plan", "家人去世", "--facts", RETIREE, "--start", "2026-09-28")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("【家人去世】办理计划")
    assert "最早全部办结：2026-09-29（周二）" in result.out
    assert "丧葬补助金、抚恤金申领（事项28）" in result.out and "材料清单" in result.out


def test_event_plan_json_has_the_promised_shape(cli):
    result = cli("event", "plan", "death", "--facts", RETIREE, "--start", "2026-09-28", "--json")
    data = result.json()
    assert {
        "event",
        "start",
        "finish",
        "finish_with_undecided",
        "provisional",
        "estimated",
        "warnings",
        "missing_facts",
        "steps",
        "checklist",
        "catalog_version",
        "parameters_version",
    } <= set(data)
    assert data["finish"] == "2026-09-29"
    applying = [s["id"] for s in data["steps"] if s["status"] == "applies"]
    assert applying == ["stop_pension_enterprise", "funeral_retiree"]


def test_event_plan_reads_facts_from_a_file(cli, tmp_path: Path):
    path = tmp_path / "facts.json"
    path.write_text(RETIREE, encoding="utf-8")
    result = cli("event", "plan", "death", "--facts", f"@{path}", "--start", "2026-09-28")
    assert result.code == 0 and "丧葬补助金" in result.out


def test_event_plan_without_facts_lists_what_it_needs_to_know(cli):
    result = cli("event", "plan", "retirement", "--start", "2026-09-28")
    assert result.code == 0
    assert "还需要知道" in result.out and "employee_pension_insured" in result.out


def test_bad_input_is_one_line_and_exit_status_2(cli):
    for args, words in (
        (("event", "plan", "离婚"), "没有名为“离婚”的事件"),
        (("event", "plan", "death", "--facts", "{"), "--facts 不是有效的 JSON"),
        (("event", "plan", "death", "--facts", '{"deceased": true}'), "没有名为“deceased”的事实"),
        (("event", "plan", "death", "--start", "2026-02-30"), "--start"),
        (("event", "bogus"), "bogus"),
    ):
        result = cli(*args)
        assert result.code == 2, args
        assert result.out == "" and result.err.count("\n") == 1 and words in result.err, result.err
