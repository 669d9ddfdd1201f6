"""The items' own conditions: traceable to the guide's words, every item accounted for, and a
check that says what it checked, what it did not, and which facts it did not use."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from shebao.errors import DataError
from shebao.present.checks import check_dict, describe_check
from shebao.rules.prohibitions import ITEM_CONDITIONS, PROHIBITIONS, Finding, load_rules
from shebao.services.checks import check_item
from tests.support import runtime

ON = dt.date(2025, 3, 1)
QUOTED = re.compile(r"“([^”]+)”")


def _guide_words(no: int) -> list[str]:
    item = runtime().catalog.items[no]
    return [item.description, *(m.text or m.name for m in item.materials)]


def test_every_item_condition_quotes_the_guide_for_each_item_it_governs():
    own = [rule for rule in runtime().guide.rules.rules if rule.entry is None]
    assert len(own) > 40
    for rule in own:
        quotes = QUOTED.findall(rule.basis)
        for no in rule.items:
            words = _guide_words(no)
            found = [q for q in quotes if any(q in text for text in words)]
            assert found, f"规则 {rule.id} 的 basis 没有引用事项{no}的原文：{rule.basis}"


def test_every_item_is_accounted_for_by_rules_or_words():
    rules = runtime().guide.rules
    for no in runtime().catalog.items:
        assert no in rules.in_words, f"事项{no}没有列出文字条件（没有的应写 []）"
    silent = [no for no in runtime().catalog.items if not rules.by_item.get(no)]
    silent = [no for no in silent if not rules.in_words[no]]
    assert silent == [65, 71], "只有这两个事项的办理条件只是说明用途，没有任何条件"


@pytest.fixture
def city_rules(tmp_path: Path) -> Path:
    source = runtime().guide.directory / "rules"
    for name in (PROHIBITIONS, ITEM_CONDITIONS):
        (tmp_path / name).write_text((source / name).read_text(encoding="utf-8"), "utf-8")
    return tmp_path


def _edit(directory: Path, change) -> None:
    path = directory / ITEM_CONDITIONS
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(copy.deepcopy(data), allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["in_words"][7][0].update(text="依法缴纳社会保险费的单位"),
            "不是该事项办理条件的原文",
        ),
        (lambda d: d["in_words"].pop(65), "没有列出事项 65"),
        (lambda d: d["in_words"].update({99: []}), "99"),
        (lambda d: d["rules"][0].update(entry=2), "不写 entry"),
        (lambda d: d["rules"][0].update(items=[999]), "999"),
        (lambda d: d["rules"].append(dict(d["rules"][0])), "id 重复"),
    ],
    ids=[
        "words not in the guide",
        "an item left out",
        "an item that does not exist",
        "an item condition claiming a list entry",
        "an unknown item",
        "an id twice",
    ],
)
def test_the_loader_refuses(city_rules, change, message):
    _edit(city_rules, change)
    with pytest.raises(DataError, match=message):
        load_rules(runtime().catalog, city_rules / PROHIBITIONS)


def test_the_loader_refuses_a_missing_item_conditions_file(city_rules):
    (city_rules / ITEM_CONDITIONS).unlink()
    with pytest.raises(DataError, match=ITEM_CONDITIONS):
        load_rules(runtime().catalog, city_rules / PROHIBITIONS)


# --- what a check says it checked ---------------------------------------------------------------


def test_an_allowed_answer_lists_every_rule_it_checked_and_what_it_found():
    facts = {
        "hukou": "dalian",
        "birth_date": "1990-06-01",
        "in_school": False,
        "public_servant": False,
        "employee_pension_insured": False,
    }
    result = check_item(runtime(), 16, facts, ON)
    assert result.allowed is True
    assert [c.rule.id for c in result.checked] == [
        "2", "16.age", "16.school", "16.public_servant", "16.employee_pension",
    ]  # fmt: skip
    assert {c.finding for c in result.checked} == {Finding.NOT_FOUND}
    assert [w.text for w in result.in_words] == ["不属于职工基本养老保险制度覆盖范围的城乡居民"]
    assert result.unused_facts == ()


def test_an_item_without_rules_says_so_and_names_the_facts_it_did_not_use():
    result = check_item(runtime(), 7, {"hukou": "dalian", "contribution_months": 12}, ON)
    data = check_dict(result)
    assert data["allowed"] is True and data["checked"] == []
    assert data["unused_facts"] == ["contribution_months", "hukou"]
    assert "没有适用于该事项的规则" in data["summary"]
    assert "在中华人民共和国境内依法缴纳社会保险费的个人" in data["summary"]


def test_birth_date_and_sex_read_from_an_id_number_are_not_reported_apart_from_it():
    used = check_item(runtime(), 20, {"id_number": "210202196505100016"}, ON)
    assert used.unused_facts == ()
    unused = check_item(runtime(), 48, {"id_number": "210202196505100016"}, ON)
    assert unused.unused_facts == ("id_number",)


def test_a_refusal_still_reports_the_rules_it_could_not_decide():
    result = check_item(runtime(), 16, {"hukou": "other_province", "birth_date": "1990-06-01"}, ON)
    assert result.allowed is False
    findings = {c.rule.id: c.finding for c in result.checked}
    assert findings["2"] is Finding.VIOLATED and findings["16.age"] is Finding.NOT_FOUND
    assert findings["16.school"] is Finding.UNDECIDED
    text = describe_check(result)
    assert "1 条发现禁办情形，1 条没有发现禁办情形，3 条因缺少事实不能判断" in text
