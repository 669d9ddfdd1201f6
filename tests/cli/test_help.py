"""What `--help` tells a user agrees with what the parsers accept."""

from __future__ import annotations

import pytest

from shebao.guide.model import channel_spellings
from shebao.rules.facts import FACTS, TEXT_FALSE, TEXT_TRUE
from shebao.services import checks


def _help(cli, *command: str) -> str:
    result = cli(*command, "--help")
    assert result.code == 0 and result.err == ""
    return result.out


def test_check_help_says_what_each_fact_means_and_accepts(cli):
    text = _help(cli, "check")
    for name, spec in FACTS.items():
        assert f"  {name}  {spec.label}\n      {spec.accepted()}\n" in text, name
    assert "true 或 false（不加引号）" in text and "大小写不限" in text
    assert "1965年5月20日" in text and "BOM" in text


@pytest.mark.parametrize("command", ["check", "retirement"])
def test_help_says_which_women_are_in_the_50_and_the_55_group(cli, command):
    text = _help(cli, command)
    assert "50  原法定退休年龄五十周岁的女职工：女工人，即长期在生产、工人岗位工作的女职工" in text
    assert "55  原法定退休年龄五十五周岁的女职工：女干部，即长期在管理岗位或专业技术岗位" in text
    assert "国发〔1978〕104号" in text and "附件3（原50周岁）和附件2（原55周岁）" in text


def test_the_groups_named_in_help_are_the_groups_of_the_national_parameters(rt):
    groups = rt.parameters.groups.values()
    labels = {g.original_age: g.label for g in groups if g.sex == "female"}
    assert labels == {50: "原法定退休年龄五十周岁的女职工", 55: "原法定退休年龄五十五周岁的女职工"}


def test_intake_check_help_says_how_material_names_are_matched(cli):
    text = _help(cli, "intake-check")
    for words in (
        "逗号、顿号、分号或换行",
        "书名号、括号",
        "书、表、单、材料、",
        "缺、无、没带、未提供",
    ):
        assert words in text
    assert "最多 100 项、共 4000 字" in text


def test_retirement_help_gives_the_spellings_it_takes(cli):
    text = _help(cli, "retirement")
    assert "1965年5月" in text and "男 或 女" in text and "--female-original-age" in text


def test_deadline_help_names_every_channel_spelling(cli):
    text = " ".join(_help(cli, "deadline").split())
    for spelling in channel_spellings().split("、"):
        assert spelling in text.replace(" ", ""), spelling


def test_the_text_spellings_of_yes_and_no_start_with_the_chinese_ones():
    assert TEXT_TRUE[:2] == ("是", "true") and TEXT_FALSE[:2] == ("否", "false")


def test_rules_for_an_item_without_rules_says_none_apply(cli, rt):
    free = [no for no in rt.catalog.items if not checks.rules(rt, no)]
    assert free, "every item has a rule: pick another check"
    result = cli("rules", "--item", str(free[0]))
    assert result.code == 0 and result.out.startswith("无适用规则")
