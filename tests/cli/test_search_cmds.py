"""`shebao search`: JSON for machines, a Chinese table for people, exit 2 on bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_it_prints_json_best_first_with_reasons(cli):
    result = cli("search", "社保卡丢了怎么办", "--json", "--limit", "3")
    assert result.code == 0
    rows = result.json()
    assert len(rows) == 3
    assert set(rows[0]) >= {"no", "name", "score", "why"}
    assert rows[0]["no"] in (61, 62)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(isinstance(r["why"], list) and r["why"] for r in rows)


def test_it_prints_a_readable_table(cli):
    result = cli("search", "老伤又犯了")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["编号", "事项", "得分", "匹配原因"]
    assert lines[2].startswith("46")
    assert "旧伤复发" in lines[2]


def test_it_says_so_when_nothing_matches(cli):
    result = cli("search", "😀")
    assert result.code == 0
    assert "没有找到" in result.out


def test_nothing_matching_is_an_empty_json_list(cli):
    result = cli("search", "😀", "--json")
    assert result.code == 0
    assert result.json() == []


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_question_exits_2_with_a_message(cli, query):
    result = cli("search", query)
    assert result.code == 2
    assert "请输入要查询的问题" in result.err
    assert result.out == ""


@pytest.mark.parametrize("limit", ["0", "85", "-3", "abc"])
def test_a_bad_limit_exits_2_with_a_message(cli, limit):
    result = cli("search", "社保卡", "--limit", limit)
    assert result.code == 2
    assert "结果条数" in result.err


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "社保卡\x00\x1b[31m丢了", "1; DROP TABLE items", "<img src=x onerror=alert(1)>"],
)
def test_hostile_input_is_a_normal_result(cli, query):
    result = cli("search", query, "--json")
    assert result.code == 0
    assert isinstance(result.json(), list)


def test_no_jieba_log_lines_reach_the_user():
    proc = subprocess.run(
        [sys.executable, "-m", "shebao", "search", "农保", "--limit", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert "城乡居民养老保险" in proc.stdout


def test_a_question_outside_the_guide_says_where_to_ask(cli):
    result = cli("search", "公积金怎么提取")
    assert result.code == 0
    assert "本指南不包括：住房公积金" in result.out
    assert "大连市住房公积金管理中心" in result.out
    assert "0411-83709012" in result.out  # the halls' phones, as nothing in the guide answers


def test_asking_for_the_centres_phone_lists_the_halls_addresses_and_phones(cli):
    result = cli("search", "社保中心电话是多少")
    assert result.code == 0
    assert "西岗区高尔基路18-1号，电话 0411-83709012" in result.out
    assert "长兴岛办事处" in result.out
    assert "基本信息变更" not in result.out  # the item about a unit's changed phone
    assert cli("search", "社保中心电话是多少", "--json").json() == []


def test_outside_the_guide_is_an_empty_json_list(cli):
    assert cli("search", "公积金怎么提取", "--json").json() == []


def test_a_related_item_is_marked_in_json_and_text(cli):
    rows = cli("search", "失业保险金怎么领", "--json").json()
    assert rows and all(r["related"] is True for r in rows)
    assert "（相关）" in cli("search", "失业保险金怎么领").out


def test_an_answer_has_no_related_key(cli):
    rows = cli("search", "社保卡丢了", "--json").json()
    assert all("related" not in r for r in rows)


def test_a_bare_item_number_points_to_the_item(cli):
    result = cli("search", "24")
    assert "shebao show 24" in result.out
    assert [r["no"] for r in cli("search", "24", "--json").json()] == [24]


def test_an_english_question_is_answered_with_an_english_reason(cli):
    rows = cli("search", "I lost my social security card", "--json").json()
    assert rows[0]["no"] in (61, 62)
    assert any(w.startswith("English: ") for w in rows[0]["why"])


def test_a_life_event_is_pointed_to_and_the_json_stays_a_list_of_results(cli):
    result = cli("search", "公司要关门了")
    assert result.code == 0
    assert "一件事一次办：单位注销" in result.out and "shebao event plan unit_closing" in result.out
    rows = cli("search", "公司要关门了", "--json").json()
    assert isinstance(rows, list) and rows[0]["no"] == 2
    assert all(set(r) <= {"no", "name", "score", "why", "related"} for r in rows)
