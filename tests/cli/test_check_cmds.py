"""What staff see from `shebao check`, `shebao intake-check` and `shebao rules`."""

from __future__ import annotations

import json

import pytest
import time_machine

MAN_1965 = "210202196505100016"  # born 1965-05-10, statutory retirement month 2025-07
INSURED = {"employee_pension_insured": True}  # items 24, 25: "参加基本养老保险的个人"


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
        _facts(id_number=MAN_1965, contribution_months=200, employee_pension_insured=True),
        "--on",
        "2025-07-01",
        "--json",
    ).json()
    assert data["allowed"] is True and data["violations"] == [] and data["missing_facts"] == []


def test_check_one_month_early_is_refused_by_entry_3_unless_retiring_flexibly(cli):
    facts = _facts(id_number=MAN_1965, contribution_months=200, flexible_early=False)
    data = cli("check", "25", "--facts", facts, "--on", "2025-06-30", "--json").json()
    assert data["allowed"] is False and [v["rule"] for v in data["violations"]] == [3]
    flexibly = _facts(id_number=MAN_1965, contribution_months=200, flexible_early=True, **INSURED)
    data = cli("check", "25", "--facts", flexibly, "--on", "2025-06-30", "--json").json()
    assert data["allowed"] is True


def test_check_one_month_early_asks_whether_the_person_retires_flexibly(cli):
    facts = _facts(id_number=MAN_1965, contribution_months=200, **INSURED)
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
        (["25", "--facts", _facts(wage=1)], ["wage", "shebao check --help"]),
        (["25", "--facts", _facts(contribution_months="180")], ["contribution_months", "整数"]),
        (["25", "--facts", _facts(flexible_early="yes")], ["flexible_early", "true 或 false"]),
        (["25", "--facts", "{sex: male}"], ["--facts", "JSON"]),
        (["25", "--facts", "{}", "--on", "2025-02-30"], ["--on", "不存在"]),
        (["99", "--facts", "{}"], ["99", "有效编号"]),
        (["25", "--facts", "@/nonexistent/facts.json"], ["读不到"]),
        (["16", "--facts", _facts(hukou=["dalian"])], ["hukou", "dalian"]),
        (["25", "--facts", _facts(sex=["male"])], ["sex", "male（男）"]),
        (["25", "--facts", _facts(sex={"v": "male"})], ["sex", "male（男）"]),
        (["24", "--facts", _facts(early_reason=["illness"])], ["early_reason", "other"]),
        (["25", "--facts", _facts(female_original_age=[55])], ["female_original_age", "50"]),
        (["25", "--facts", _facts(female_original_age={"a": 55})], ["female_original_age"]),
        (["25", "--facts", '{"contribution_months": ' + "9" * 5000 + "}"], ["位数过多"]),
        (["25", "--facts", '{"sex": "male", "sex": "female"}'], ["sex", "两次"]),
        (["25", "--facts", "[" * 5000 + "]" * 5000], ["嵌套"]),
        (["25", "--facts", '{"a": "' + "x" * 30000 + '"}'], ["过长"]),
        (["25", "--facts", _facts(id_number="000000196505100014")], ["id_number", "前两位"]),
        (["25", "--facts", _facts(birth_date="1899-12-31")], ["birth_date", "1900"]),
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
        "a list for a choice",
        "a list for sex",
        "an object for sex",
        "a list for early_reason",
        "a list for female_original_age",
        "an object for female_original_age",
        "an integer of thousands of digits",
        "a fact given twice",
        "deeply nested brackets",
        "a huge text",
        "a region code that is no province",
        "a birth before 1900",
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
    assert {r["id"] for r in data} == {
        "8",
        "9",
        "24.insured",
        "24.contribution",
        "24.age.special_job",
        "24.age.illness",
    }
    assert all(r["basis"] for r in data)
    assert "因病" in cli("rules", "--item", "24").out


def test_lint_reports_the_guides_illness_age_differs_from_the_national_rule(cli):
    findings = cli("lint", "--json").json()
    (finding,) = [f for f in findings if f["code"] == "guide-differs-from-national"]
    assert finding["items"] == [24]
    assert "男55周岁" in finding["message"] and "男50周岁" in finding["message"]
    assert any("国发〔1978〕104号" in line for line in finding["evidence"])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (("[" * 15000).encode(), ["嵌套"]),
        (b'{"sex": "\xff"}', ["UTF-8"]),
        (b'{"injury_recognized": true, "injury_recognized": false}', ["injury_recognized", "两次"]),
    ],
    ids=["deeply nested", "not UTF-8", "a key twice"],
)
def test_a_bad_facts_file_gets_one_line_and_exit_2(cli, tmp_path, content, words):
    path = tmp_path / "facts.json"
    path.write_bytes(content)
    result = cli("check", "48", "--facts", f"@{path}")
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    for word in words:
        assert word in result.err


def test_a_float_for_the_original_age_gets_the_same_message_as_other_wrong_types(cli):
    as_float = cli("check", "25", "--facts", _facts(female_original_age=55.0)).err
    as_text = cli("check", "25", "--facts", _facts(female_original_age="五十五")).err
    assert as_float.split("收到")[0] == as_text.split("收到")[0]


def test_check_decides_when_every_missing_value_gives_the_same_answer(cli):
    facts = _facts(hukou="other_province", birth_date="1960-01-01")
    data = cli("check", "80", "--facts", facts, "--on", "2026-11-29", "--json").json()
    assert data["allowed"] is False and [v["id"] for v in data["violations"]] == ["6.1"]
    assert data["violations"][0]["facts"]["regardless_of"] == ["sex"]
    out = cli("check", "80", "--facts", facts, "--on", "2026-11-29").out
    assert "不论以下事实为何值都如此：sex" in out


def test_check_asks_only_for_the_facts_that_change_the_answer(cli):
    facts = _facts(birth_date="1972-03-10", sex="female", contribution_months=200, **INSURED)
    data = cli("check", "25", "--facts", facts, "--on", "2026-11-29", "--json").json()
    assert data["allowed"] is None and data["missing_facts"] == ["female_original_age"]


def test_check_names_the_year_whose_minimum_contribution_applies(cli):
    facts = _facts(
        birth_date="1969-01-10", sex="male", contribution_months=175, flexible_early=True
    )
    out = cli("check", "25", "--facts", facts, "--on", "2029-01-15").out
    assert "不予办理" in out and "最低缴费180个月（按2029年退休）" in out


def test_rules_text_shows_each_rules_basis_and_reading(cli):
    out = cli("rules", "--item", "80").out
    assert "规则 6.1（违规禁办事项清单第6项；适用事项 80）" in out
    assert "依据：违规禁办事项清单第6项；《城镇企业职工基本养老保险关系转移接续暂行办法》" in out
    assert "理解：清单第6项是两种情形" in out
    assert "条件：" in out


def test_intake_check_does_not_count_a_material_said_to_be_missing(cli):
    provided = "大连市劳动能力鉴定申请书,缺与伤病有关的医学诊断,无病历资料"
    data = cli("intake-check", "48", "--provided", provided, "--json").json()
    assert data["outcome"] == "tolerated"
    assert data["missing"] == ["病历资料", "与伤病有关的医学诊断"]
    assert [n["material"] for n in data["not_provided"]] == ["与伤病有关的医学诊断", "病历资料"]
    out = cli("intake-check", "48", "--provided", provided).out
    assert "所报“无病历资料”表示未提供" in out


def test_intake_check_refuses_a_flood_of_names_quickly(cli):
    provided = ",".join(f"材料{n}" for n in range(2000))
    result = cli("intake-check", "24", "--provided", provided)
    assert result.code == 2 and "最多" in result.err
    result = cli("intake-check", "24", "--provided", "、".join(["身份证"] * 150))
    assert result.code == 0  # the same name repeated is one name


def test_a_refusal_without_a_birth_date_says_the_range_of_minimums_it_relied_on(cli):
    data = cli("check", "25", "--facts", _facts(contribution_months=100), "--json").json()
    assert data["allowed"] is False
    assert data["violations"][0]["facts"]["min_contribution_range"] == [180, 240]
    out = cli("check", "25", "--facts", _facts(contribution_months=100)).out
    assert "不论未提供的事实为何，适用的最低缴费年限都在 180—240 个月之间" in out


# --- issue 9: what was checked, our readings, the law behind a back-dated check ---------------

API_KEYS = [
    "item", "item_name", "allowed", "violations", "missing_facts", "undecided_rules", "on",
    "catalog_version", "parameters_version", "facts",
]  # fmt: skip


def test_check_json_keeps_the_api_keys_and_adds_what_was_checked(cli):
    data = cli("check", "7", "--facts", "{}", "--on", "2025-03-01", "--json").json()
    assert list(data)[: len(API_KEYS)] == API_KEYS
    assert {"summary", "checked", "in_words", "unused_facts"} <= set(data)


def test_an_item_no_rule_governs_says_so_instead_of_a_bare_yes(cli):
    facts = _facts(hukou="other_province", contribution_months=12)
    out = cli("check", "7", "--facts", facts, "--on", "2025-03-01").out
    assert "可以办理" in out
    assert "没有适用于该事项的规则" in out
    assert "指南只用文字写明、系统没有检查的条件（由工作人员把握）" in out
    assert "“在中华人民共和国境内依法缴纳社会保险费的个人”" in out
    assert "提供了但没有规则用到的事实：contribution_months（累计缴费月数）、hukou（户籍）" in out
    data = cli("check", "7", "--facts", facts, "--on", "2025-03-01", "--json").json()
    assert data["allowed"] is True and data["checked"] == []
    assert data["unused_facts"] == ["contribution_months", "hukou"]
    assert data["in_words"][0]["text"] == "在中华人民共和国境内依法缴纳社会保险费的个人"


def test_an_allowed_answer_says_how_many_rules_were_checked_and_names_each(cli):
    facts = _facts(
        hukou="dalian",
        birth_date="1990-06-01",
        in_school=False,
        public_servant=False,
        employee_pension_insured=False,
    )
    out = cli("check", "16", "--facts", facts, "--on", "2025-03-01").out
    assert "可以办理" in out
    assert "适用于该事项的 5 条规则（违规禁办事项清单 1 条，事项办理条件 4 条）都已检查" in out
    assert "规则 16.age（事项办理条件）未发现：未满16周岁" in out
    assert "“不属于职工基本养老保险制度覆盖范围的城乡居民”" in out
    data = cli("check", "16", "--facts", facts, "--on", "2025-03-01", "--json").json()
    assert [c["result"] for c in data["checked"]] == ["not_found"] * 5
    assert data["checked"][1]["facts"] == {"birth_date": "1990-06-01", "age": 34}


def test_the_items_own_condition_refuses_with_the_items_words_as_basis(cli):
    facts = _facts(hukou="dalian", birth_date="2010-05-01")
    out = cli("check", "16", "--facts", facts, "--on", "2025-03-01").out
    assert "不予办理" in out
    assert "✗ 事项办理条件（规则 16.age）：未满16周岁，不能参加城乡居民养老保险" in out
    assert "依据：办事指南事项16“城乡居民养老保险参保登记”办理条件（“年满16周岁”）" in out


def test_a_valid_id_document_is_required_to_replace_a_social_security_card(cli):
    facts = _facts(valid_id_document=False, card_applied_before=True)
    data = cli("check", "61", "--facts", facts, "--json").json()
    assert data["allowed"] is False and [v["id"] for v in data["violations"]] == ["61.id"]
    assert "需提供要件" in data["violations"][0]["basis"]


def test_a_refusal_shows_the_reading_it_rests_on_in_text_and_json(cli):
    facts = _facts(hukou="other_city_liaoning", birth_date="1990-06-01")
    data = cli("check", "16", "--facts", facts, "--on", "2025-03-01", "--json").json()
    (violation,) = data["violations"]
    assert violation["id"] == "2" and "辽宁省内其他城市户籍" in violation["reading"]
    out = cli("check", "16", "--facts", facts, "--on", "2025-03-01").out
    reading = "    理解：“非大连本地户籍”包括辽宁省内其他城市户籍"
    assert reading in out
    assert out.index("✗ 违规禁办事项清单第2项") < out.index(reading) < out.index("所用事实")


def test_an_allowance_shows_the_readings_of_the_rules_that_let_it_through(cli):
    # 6.1 reads "外省户籍" as outside Liaoning: that reading is why this man of 55 may transfer.
    facts = _facts(
        birth_date="1970-01-01",
        sex="male",
        hukou="other_city_liaoning",
        lump_sum_years=0,
        employee_pension_insured=True,
    )
    out = cli("check", "80", "--facts", facts, "--on", "2025-03-01").out
    assert "可以办理" in out
    assert "规则 6.1（违规禁办事项清单第6项）未发现" in out
    assert "理解：清单第6项是两种情形" in out and "省内其他城市户籍不属此项" in out
    data = cli("check", "80", "--facts", facts, "--on", "2025-03-01", "--json").json()
    (rule_61,) = [c for c in data["checked"] if c["id"] == "6.1"]
    assert "省内其他城市户籍不属此项" in rule_61["reading"]


def test_a_back_dated_check_shows_the_reformed_age_that_decides_it(cli):
    # On 2024-12-31, before the 办法 took effect, a man born 1965-05 is refused as under age;
    # he reaches 60 in 2025-05, under the 办法, so his age is 60y2m and his month 2025-07.
    facts = _facts(id_number=MAN_1965, contribution_months=200, flexible_early=False, **INSURED)
    out = cli("check", "25", "--facts", facts, "--on", "2024-12-31").out
    assert "不予办理" in out
    assert "推算：法定退休年龄60岁2个月，退休时间2025-07" in out
    assert "退休时间2025-05" not in out
    assert "法定退休年龄依据：《国务院关于渐进式延迟法定退休年龄的办法》第一条" in out
    data = cli("check", "25", "--facts", facts, "--on", "2024-12-31", "--json").json()
    (violation,) = data["violations"]
    figures = violation["facts"]["retirement"]
    assert (figures["statutory_age"], figures["retirement_month"]) == ("60岁2个月", "2025-07")


def test_a_back_dated_check_of_someone_who_retired_before_the_reform_keeps_the_old_age(cli):
    facts = _facts(birth_date="1964-06-10", sex="male", contribution_months=200, **INSURED)
    out = cli("check", "25", "--facts", facts, "--on", "2024-12-31").out
    assert "可以办理" in out
    assert "推算：法定退休年龄60岁，退休时间2024-06" in out
    assert (
        "法定退休年龄依据：《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》"
        in out
    )


def test_rules_for_an_item_also_name_the_conditions_only_staff_can_judge(cli) -> None:
    result = cli("rules", "--item", "16")
    assert result.code == 0
    assert "仅以文字说明、由工作人员把握的条件" in result.out
    assert "不属于职工基本养老保险制度覆盖范围的城乡居民" in result.out


def test_an_item_with_no_rule_says_so_and_that_nothing_is_left_to_judge(cli) -> None:
    result = cli("rules", "--item", "65")
    assert "无适用规则" in result.out and "指南没有写出只能由工作人员把握的其他条件" in result.out
