"""Runs every rule case in tests/rules/cases/*.yaml: the cases policy staff read and write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from shebao.present.checks import check_dict
from shebao.rules.derived import DERIVED_SPECS
from shebao.rules.facts import parse_facts
from shebao.rules.prohibitions import check
from tests.support import runtime

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "date", "item", "facts", "expected"}
EXPECTED_KEYS = {"allowed", "violations", "missing_facts"}


def _plain(value: Any) -> Any:
    """YAML reads 1965-05-10 as a date; the facts contract takes text, as JSON would send it."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            assert set(case) == CASE_KEYS, f"{path.name}: {case.get('name')} 的键应为 {CASE_KEYS}"
            assert set(case["expected"]) <= EXPECTED_KEYS, f"{path.name}: {case['name']}"
            assert "allowed" in case["expected"], f"{path.name}: {case['name']} 缺少 allowed"
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


CASES = _load_cases()


@pytest.mark.parametrize("case", CASES)
def test_rule_case(case: dict[str, Any]) -> None:
    on = case["date"]
    facts = parse_facts(
        {k: _plain(v) for k, v in case["facts"].items()}, today=on, derived=DERIVED_SPECS
    )
    rt = runtime()
    result = check(rt.guide, rt.parameters, case["item"], facts, on)
    expected = case["expected"]
    assert result.allowed is expected["allowed"], check_dict(result)
    found = sorted(v.rule.id for v in result.violations)
    assert found == sorted(expected.get("violations", [])), check_dict(result)
    assert list(result.missing_facts) == expected.get("missing_facts", []), check_dict(result)


def test_every_entry_of_the_list_has_a_blocked_and_an_allowed_case() -> None:
    """The 12 entries each need a case that refuses and one on the same item that allows."""
    catalog = runtime().catalog
    entry_of = {rule.id: rule.entry for rule in runtime().guide.rules.rules}
    cases = [c.values[0] for c in CASES]
    blocked = {entry_of[v] for c in cases for v in c["expected"].get("violations", [])}
    allowed_items = {c["item"] for c in cases if c["expected"]["allowed"] is True}
    for entry in catalog.prohibitions:
        assert entry.no in blocked, f"清单第{entry.no}项没有“不予办理”的案例"
        assert set(entry.items) & allowed_items, f"清单第{entry.no}项没有“可以办理”的案例"
    assert any(c["expected"]["allowed"] is None for c in cases), "至少要有一个“不能确定”的案例"


def test_every_condition_of_an_item_has_a_refused_case_and_its_item_an_allowed_and_an_open_one():
    """Each rule from an item's own 办理条件 refuses in some case; each such item is allowed in
    one case and left open (missing facts named) in another."""
    own = [rule for rule in runtime().guide.rules.rules if rule.entry is None]
    cases = [c.values[0] for c in CASES]
    refused = {v for c in cases for v in c["expected"].get("violations", [])}
    for rule in own:
        assert rule.id in refused, f"规则 {rule.id} 没有“不予办理”的案例"
    for no in sorted({no for rule in own for no in rule.items}):
        outcomes = {c["expected"]["allowed"] for c in cases if c["item"] == no}
        assert True in outcomes, f"事项{no}没有“可以办理”的案例"
        assert None in outcomes, f"事项{no}没有“不能确定”的案例"
