"""What staff see from `shebao check`, `shebao intake-check` and `shebao rules`."""

from __future__ import annotations

import json

import pytest
import time_machine

MAN_1965 = "210202196505100016"  # born 1965-05-10, statutory retirement month 2025-07


def _facts(**values) -> str:
    return json.dumps(values, ensure_ascii=False)


def test_check_json_has_the_promised_shape(cli):
    result = cli(
        "check",
        "25",
        "--facts",
        _facts(id_number=MAN_1965, contribution_months=120),
        "--on",
        "2025-08-01",
        "--json",
    )
    assert result.code == 0
    data = result.json()
    assert {"item", "allowed", "violations", "missing_facts", "on", "catalog_version"} <= set(data)
    assert data["parameters_version"]
    assert data["item"] == 25 and data["allowed"] is False and data["on"] == "2025-08-01"
    (violation,) = data["violations"]
    assert violation["rule"] == 3
    assert (
        {"rule", "basis", "reason"} <= set(violation) and violation["basis"] and violation["reason"]
    )


def test_check_at_statutory_age_with_enough_contributions_is_allowed(cli):
    data = cli(
        "check",
        "25",
        "--facts",
        _facts(id_number=MAN_1965, contribution_months=200),
        "--on",
        "2025-07-01",
        "--json",
    ).json()
    assert data["allowed"] is True and data["violations"] == [] and data["missing_facts"] == []


def test_check_one_month_early_is_refused_by_entry_3_unless_retiring_flexibly(cli):
    facts = _facts(id_number=MAN_1965, contribution_months=200, flexible_early=False)
    data = cli("check", "25", "--facts", facts, "--on", "2025-06-30", "--json").json()
    assert data["allowed"] is False and [v["rule"] for v in data["violations"]] == [3]
    flexibly = _facts(id_number=MAN_1965, contribution_months=200, flexible_early=True)
    data = cli("check", "25", "--facts", flexibly, "--on", "2025-06-30", "--json").json()
    assert data["allowed"] is True


def test_check_one_month_early_asks_whether_the_person_retires_flexibly(cli):
    facts = _facts(id_number=MAN_1965, contribution_months=200)
    data = cli("check", "25", "--facts", facts, "--on", "2025-06-30", "--json").json()
    assert data["allowed"] is None and data["missing_facts"] == ["flexible_early"]


def test_check_without_enough_facts_says_undecided_and_names_them(cli):
    result = cli("check", "48", "--facts", "{}")
    assert result.code == 0
    assert "不能确定" in result.out and "injury_recognized" in result.out
    data = cli("check", "48", "--facts", "{}", "--json").json()
    assert data["allowed"] is None and data["missing_facts"] == ["injury_recognized"]


def test_check_prints_the_retirement_figures_behind_a_refusal(cli):
    facts = _facts(id_number=MAN_1965, contribution_months=120)
    out = cli("check", "25", "--facts", facts, "--on", "2025-08-01").out
    assert "不予办理" in out and "违规禁办事项清单第3项" in out
    assert "法定退休年龄60岁2个月" in out and "最低缴费180个月" in out


def test_check_prints_the_reason_and_basis_in_chinese(cli):
    result = cli("check", "16", "--facts", _facts(hukou="other_province"))
    assert "不予办理" in result.out
    assert "违规禁办事项清单第2项" in result.out and "非大连本地户籍" in result.out


def test_check_reads_facts_from_a_file(cli, tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(_facts(injury_recognized=True), encoding="utf-8")
    assert cli("check", "48", "--facts", f"@{path}", "--json").json()["allowed"] is True


@time_machine.travel("2025-03-01 10:00 +0800")
def test_check_uses_today_when_no_day_is_given(cli):
    data = cli(
        "check",
        "17",
        "--facts",
        _facts(birth_date="1965-04-01", contribution_months=180, receiving_employee_pension=False),
        "--json",
    ).json()
    assert data["on"] == "2025-03-01" and data["allowed"] is False  # 59 that day


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["25", "--facts", _facts(id_number="210202196505100017")], ["id_number", "校验码"]),
        (
            ["25", "--facts", _facts(id_number="210202196513100012")],
            ["id_number", "出生日期不存在"],
        ),
        (["25", "--facts", _facts(birth_date="2999-01-01")], ["birth_date", "晚于今天"]),
        (["25", "--facts", _facts(wage=1)], ["wage", "可用的事实"]),
        (["25", "--facts", _facts(contribution_months="180")], ["contribution_months", "整数"]),
        (["25", "--facts", _facts(flexible_early="yes")], ["flexible_early", "true 或 false"]),
        (["25", "--facts", "{sex: male}"], ["--facts", "JSON"]),
        (["25", "--facts", "{}", "--on", "2025-02-30"], ["--on", "不存在"]),
        (["99", "--facts", "{}"], ["99", "有效编号"]),
        (["25", "--facts", "@/nonexistent/facts.json"], ["读不到"]),
    ],
    ids=[
        "check digit",
        "impossible birth date",
        "future birth date",
        "unknown fact",
        "text for a number",
        "text for a boolean",
        "not JSON",
        "impossible --on",
        "unknown item",
        "missing facts file",
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_problem(cli, args, words):
    result = cli("check", *args)
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    for word in words:
        assert word in result.err


def test_intake_check_json_has_the_promised_shape(cli):
    provided = "大连市劳动能力鉴定申请书,与伤病有关的医学诊断"
    result = cli("intake-check", "48", "--provided", provided, "--json")
    assert result.code == 0
    data = result.json()
    assert data["outcome"] == "tolerated" and data["tolerated"] == ["病历资料"]
    assert data["commitment_required"] is True
    assert {"outcome", "missing", "tolerated", "commitment_required", "notice"} <= set(data)


def test_intake_check_prints_the_notice(cli):
    result = cli("intake-check", "48")
    assert result.code == 0
    assert result.out.startswith("【一次性告知】事项48")
    for name in ("大连市劳动能力鉴定申请书", "病历资料", "与伤病有关的医学诊断"):
        assert name in result.out


def test_intake_check_refuses_an_unknown_item(cli):
    result = cli("intake-check", "200", "--provided", "身份证")
    assert result.code == 2 and "200" in result.err


def test_rules_lists_the_rules_of_an_item_with_their_basis(cli):
    data = cli("rules", "--item", "24", "--json").json()
    assert {r["id"] for r in data} == {"8", "9", "24.age.special_job", "24.age.illness"}
    assert all(r["basis"] for r in data)
    assert "因病" in cli("rules", "--item", "24").out


def test_lint_reports_the_guides_illness_age_differs_from_the_national_rule(cli):
    findings = cli("lint", "--json").json()
    (finding,) = [f for f in findings if f["code"] == "guide-differs-from-national"]
    assert finding["items"] == [24]
    assert "男55周岁" in finding["message"] and "男50周岁" in finding["message"]
    assert any("国发〔1978〕104号" in line for line in finding["evidence"])
