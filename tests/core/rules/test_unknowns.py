"""Deciding without every fact: the values tried, the facts that matter, and the bounds."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import doctest
from typing import Any

import pytest

from shebao.datafiles import read_mapping
from shebao.rules import unknowns
from shebao.rules.derived import DERIVED_SPECS
from shebao.rules.facts import FACTS, parse_facts
from shebao.rules.prohibitions import build_rules, check
from shebao.rules.unknowns import Leaf, Span, apart, facts_that_matter, numeric_choices
from tests.support import runtime

ON = dt.date(2026, 11, 29)
INSURED = {"employee_pension_insured": True}  # items 25 and 80 are for the insured (item text)


def decide(item: int, on: dt.date = ON, **facts: Any):
    rt = runtime()
    return check(
        rt.guide, rt.parameters, item, parse_facts(facts, today=on, derived=DERIVED_SPECS), on
    )


def test_the_examples_in_the_docstring_hold():
    assert doctest.testmod(unknowns).failed == 0


def test_integers_are_tried_once_per_stretch_between_the_cuts():
    spec = FACTS["contribution_months"]
    choices = numeric_choices(spec, [(180, 0), (186, 0), (180, 0)])
    assert [v for v, _ in choices] == [0, 180, 186]
    assert [region for _, region in choices] == [
        Span(0, True, 179, True),
        Span(180, True, 185, True),
        Span(186, True, 1200, True),
    ]


def test_an_equality_cut_gives_the_point_its_own_stretch():
    spec = FACTS["contribution_months"]
    values = [v for v, _ in numeric_choices(spec, [(180, 0), (180, 1)])]
    assert values == [0, 180, 181]


def test_fractional_numbers_get_open_stretches_with_a_value_inside():
    spec = FACTS["lump_sum_years"]
    choices = numeric_choices(spec, [(3, 1)])  # "≤ 3 | > 3"
    assert [region for _, region in choices] == [Span(0, True, 3, True), Span(3, False, 100, True)]
    assert all(_inside(v, r) for v, r in choices)


def _inside(value: float, span: Span) -> bool:
    low = value >= span.low if span.low_closed else value > span.low
    high = value <= span.high if span.high_closed else value < span.high
    return low and high


def test_cuts_outside_the_range_are_ignored():
    spec = FACTS["contribution_months"]
    assert [v for v, _ in numeric_choices(spec, [(0, 0), (5000, 0)])] == [0]


def test_spans_apart_only_when_no_value_lies_in_both():
    assert apart(Span(0, True, 179, True), Span(180, True, 185, True))
    assert not apart(Span(0, True, 180, True), Span(180, True, 185, True))
    assert apart(Span(0, True, 3, False), Span(3, True, 100, True))
    assert apart(("=", "male"), ("=", "female")) and not apart(("=", True), ("=", True))


def test_a_fact_matters_only_if_two_leaves_differing_in_it_alone_disagree():
    leaves = [
        Leaf({"female_original_age": ("=", 50)}, True, frozenset()),
        Leaf(
            {"female_original_age": ("=", 55), "flexible_early": ("=", False)}, False, frozenset()
        ),
        Leaf({"female_original_age": ("=", 55), "flexible_early": ("=", True)}, False, frozenset()),
    ]
    assert facts_that_matter(leaves, FACTS) == ("female_original_age",)


def test_sex_is_tried_and_then_the_original_age_a_woman_newly_needs():
    result = decide(25, birth_date="1960-05-20", contribution_months=200, **INSURED)
    assert result.allowed is True


def test_a_number_not_given_that_cannot_change_the_answer_is_not_asked_for():
    result = decide(80, hukou="other_province", birth_date="1960-01-01")
    assert result.allowed is False
    (violation,) = result.violations
    assert violation.rule.id == "6.1" and violation.facts["regardless_of"] == ["sex"]


def test_a_number_that_changes_the_answer_is_the_only_fact_asked_for():
    result = decide(80, hukou="dalian", transfer_materials_available=False, **INSURED)
    assert result.allowed is None and result.missing_facts == ("lump_sum_years",)


def test_a_refusal_names_every_rule_broken_whatever_the_facts_not_given():
    # 3.2 by itself refuses (100 months is short in every year); 3.1 too, whatever the sex.
    result = decide(25, birth_date="2000-01-01", contribution_months=100, on=dt.date(2020, 1, 1))
    assert sorted(v.rule.id for v in result.violations) == ["3.1", "3.2"]
    (regardless,) = [v for v in result.violations if v.rule.id == "3.1"]
    assert "sex" in regardless.facts["regardless_of"]


def test_an_unknown_birth_date_leaves_the_plain_three_valued_answer():
    result = decide(25, contribution_months=245, **INSURED)
    assert result.allowed is None
    assert result.missing_facts == ("birth_date", "sex", "flexible_early")


def test_past_the_bound_the_plain_answer_stands(monkeypatch):
    monkeypatch.setattr(unknowns, "MAX_EVALUATIONS", 1)
    monkeypatch.setattr(unknowns.explore, "__defaults__", (1,))
    result = decide(25, birth_date="1972-03-10", sex="female", contribution_months=200, **INSURED)
    assert result.allowed is None
    assert result.missing_facts == ("female_original_age", "flexible_early")


def test_every_case_refused_by_different_rules_is_a_refusal_saying_when_each_applies():
    catalog = runtime().catalog
    raw = copy.deepcopy(read_mapping(runtime().guide.directory / "rules" / "prohibitions.yaml"))
    raw["rules"].append(
        {
            "id": "test.recognized",
            "items": [48],
            "condition": {"fact": "injury_recognized", "eq": True},
            "basis": "测试",
            "reason": "测试：已认定也不行",
        }
    )
    rules = build_rules(raw, catalog)
    guide = dataclasses.replace(runtime().guide, rules=rules)
    result = check(guide, runtime().parameters, 48, parse_facts({}, today=ON), ON)
    assert result.allowed is False and result.missing_facts == ()
    when = {v.rule.id: v.facts["only_when"] for v in result.violations}
    assert when == {
        "4": [{"injury_recognized": False}],
        "test.recognized": [{"injury_recognized": True}],
    }


@pytest.mark.parametrize(
    ("item", "facts"),
    [
        (25, {}),
        (24, {}),
        (80, {}),
        (17, {}),
        (25, {"birth_date": "1975-03-01"}),
        (24, {"birth_date": "1975-03-01", "contribution_months": 190}),
    ],
)
def test_exploring_stays_within_its_bound(item, facts, monkeypatch):
    calls = []
    original = unknowns.explore

    def counting(first, evaluate, choices, limit=unknowns.MAX_EVALUATIONS):
        def counted(tried, parent):
            calls.append(tried)
            return evaluate(tried, parent)

        return original(first, counted, choices, limit)

    monkeypatch.setattr("shebao.rules.prohibitions.explore", counting)
    decide(item, **facts)
    assert len(calls) <= unknowns.MAX_EVALUATIONS + 16 * 6
