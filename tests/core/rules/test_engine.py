"""The rule engine: the loader refuses bad rules, facts are checked at the border, and decisions
only ever become firmer as facts are added (never a refusal turned into an allowance)."""

from __future__ import annotations

import copy
import datetime as dt
import doctest
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import shebao.rules.derived
import shebao.rules.facts
import shebao.rules.materials
from shebao.errors import DataError, InputError
from shebao.present.checks import violation_dict
from shebao.rules.derived import DERIVED_SPECS
from shebao.rules.facts import FACTS, parse_facts
from shebao.rules.prohibitions import ITEM_CONDITIONS, load_rules
from shebao.rules.prohibitions import check as _check
from tests.support import runtime


def load_catalog():
    return runtime().catalog


def rules_path(catalog):
    return runtime().guide.directory / "rules" / "prohibitions.yaml"


def check(catalog, item, facts, on):
    rt = runtime()
    return _check(rt.guide, rt.parameters, item, facts, on)


TODAY = dt.date(2025, 3, 1)
GOOD_ID = "210202196505100016"  # male, born 1965-05-10


def facts(**values: Any):
    return parse_facts(values, today=TODAY, derived=DERIVED_SPECS)


@pytest.fixture(scope="module")
def raw_rules() -> dict[str, Any]:
    return yaml.safe_load(rules_path(load_catalog()).read_text(encoding="utf-8"))


def _beside(tmp_path: Path) -> None:
    """The items' own conditions, unchanged, beside an edited prohibitions.yaml."""
    own = rules_path(None).with_name(ITEM_CONDITIONS)
    (tmp_path / ITEM_CONDITIONS).write_text(own.read_text(encoding="utf-8"), encoding="utf-8")


def _load_edited(tmp_path: Path, raw: dict[str, Any], edit) -> None:
    data = copy.deepcopy(raw)
    edit(data["rules"])
    path = tmp_path / "prohibitions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _beside(tmp_path)
    load_rules(load_catalog(), path)


@pytest.mark.parametrize(
    "module", [shebao.rules.facts, shebao.rules.derived, shebao.rules.materials]
)
def test_the_examples_in_docstrings_hold(module):
    assert doctest.testmod(module).failed == 0


# --- the loader -----------------------------------------------------------------------------


def test_the_packaged_rules_load_and_cover_all_twelve_entries():
    rules = load_rules(load_catalog(), rules_path(None))
    assert {r.entry for r in rules.rules} - {None} == set(range(1, 13))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda rules: rules[0].update(colour="red"), "colour"),
        (lambda rules: rules[0]["condition"]["all"][0].update(fact="employmnet"), "employmnet"),
        (lambda rules: rules[0].update(items=[999]), "999"),
        (lambda rules: rules[0].update(items=[13]), r"清单第1项适用事项 \[12\]"),
        (lambda rules: rules[0].update(entry=13), "第13项"),
        (lambda rules: rules[1].update(condition={"fact": "hukou", "ne": "beijing"}), "beijing"),
        (lambda rules: rules[1].update(condition={"fact": "hukou", "lt": "dalian"}), "不是数"),
        (lambda rules: rules[4].update(condition={"fact": "injury_recognized", "eq": "no"}), "no"),
        (lambda rules: rules[1].update(condition={"fact": "hukou"}), "恰有一个比较"),
        (lambda rules: rules[1].update(condition={"all": []}), "非空列表"),
        (lambda rules: rules[1].update(condition="hukou != 'dalian'"), "条件应为键值表"),
        (lambda rules: rules[1].update(id="1"), "id 重复"),
        (lambda rules: rules.pop(1), "第2项没有规则"),
        (lambda rules: rules[1].pop("basis"), "basis"),
        (lambda rules: rules[0]["condition"].update(fact="hukou"), "并列"),
        (lambda rules: rules[1]["condition"].update(fact=["hukou"]), "未知的事实"),
    ],
    ids=[
        "unknown key",
        "unknown fact",
        "unknown item",
        "items differ from the list",
        "no such entry",
        "value outside the fact's choices",
        "ordering on a non-number",
        "text where a boolean is due",
        "comparison missing",
        "empty all",
        "an expression string instead of a structure",
        "duplicate id",
        "an entry without rules",
        "rule without basis",
        "all beside a comparison",
        "a list where a fact name is due",
    ],
)
def test_the_loader_refuses(tmp_path, raw_rules, edit, message):
    with pytest.raises(DataError, match=message):
        _load_edited(tmp_path, raw_rules, edit)


def test_the_loader_refuses_a_key_given_twice(tmp_path):
    path = tmp_path / "prohibitions.yaml"
    _beside(tmp_path)
    text = rules_path(load_catalog()).read_text(encoding="utf-8")
    path.write_text(text.replace("    entry: 1\n", "    entry: 1\n    entry: 2\n", 1), "utf-8")
    with pytest.raises(DataError, match="重复"):
        load_rules(load_catalog(), path)


# --- facts at the border --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "names"),
    [
        ({"id_number": "210202196505100017"}, ["id_number", "校验码"]),
        ({"id_number": "210202196502300011"}, ["id_number", "出生日期不存在"]),
        ({"id_number": "2102021965051000"}, ["id_number", "18 位"]),
        ({"birth_date": "1965-02-30"}, ["birth_date", "不存在"]),
        ({"birth_date": "0001-01-01"}, ["birth_date", "早于 1900 年"]),
        ({"birth_date": "2030-01-01"}, ["birth_date", "晚于今天"]),
        ({"birth_date": "10/05/1965"}, ["birth_date", "YYYY-MM-DD"]),
        ({"sex": "m"}, ["sex", "male（男）"]),
        ({"female_original_age": 60}, ["female_original_age", "50", "55"]),
        ({"female_original_age": 55.0}, ["female_original_age", "50", "55", "55.0"]),
        ({"female_original_age": [55]}, ["female_original_age", "50", "55"]),
        ({"hukou": ["dalian"]}, ["hukou", "other_province"]),
        ({"early_reason": {"x": 1}}, ["early_reason", "other"]),
        ({"contribution_months": "180"}, ["contribution_months", "整数"]),
        ({"contribution_months": True}, ["contribution_months", "整数"]),
        ({"contribution_months": -1}, ["contribution_months"]),
        ({"lump_sum_years": "3"}, ["lump_sum_years"]),
        ({"fully_disabled": "yes"}, ["fully_disabled", "true 或 false"]),
        ({"fully_disabled": 1}, ["fully_disabled", "true 或 false"]),
        ({"hukou": "shenyang"}, ["hukou", "other_city_liaoning"]),
        ({"salary": 100}, ["salary", "没有名为", "shebao check --help"]),
        ({"contribution_month": 1}, ["是否想写", "contribution_months"]),
        ({"age": 60}, ["age", "推算"]),
        ({"id_number": GOOD_ID, "sex": "female"}, ["sex", "不一致"]),
        ({"id_number": GOOD_ID, "birth_date": "1965-05-11"}, ["birth_date", "不一致"]),
    ],
)
def test_bad_facts_are_refused_with_the_fact_named(given, names):
    with pytest.raises(InputError) as info:
        facts(**given)
    for name in names:
        assert name in str(info.value)


def test_facts_must_be_an_object():
    with pytest.raises(InputError, match="JSON 对象"):
        parse_facts(["sex", "male"], today=TODAY)


def test_the_id_number_gives_birth_date_and_sex_and_is_masked_in_results():
    result = check(load_catalog(), 25, facts(id_number=GOOD_ID, contribution_months=200), TODAY)
    assert result.facts["birth_date"] == "1965-05-10" and result.facts["sex"] == "male"
    assert result.facts["id_number"] == "210202********0016"  # the birth date hidden


def test_chinese_choice_labels_are_accepted():
    assert facts(sex="女", hukou="外省户籍").values == {"sex": "female", "hukou": "other_province"}


def test_null_means_not_known():
    result = check(load_catalog(), 48, facts(injury_recognized=None), TODAY)
    assert result.allowed is None and result.missing_facts == ("injury_recognized",)


def test_a_check_day_before_birth_is_refused():
    with pytest.raises(InputError, match="早于出生日期"):
        check(load_catalog(), 17, facts(birth_date="2000-01-01"), dt.date(1999, 1, 1))


def test_an_unknown_item_is_refused():
    with pytest.raises(InputError, match="没有编号为 85 的事项"):
        check(load_catalog(), 85, facts(), TODAY)


# --- decisions ------------------------------------------------------------------------------


def test_a_violation_names_the_entry_basis_reason_and_the_facts_it_read():
    at_age = dt.date(2025, 8, 1)
    result = check(load_catalog(), 25, facts(id_number=GOOD_ID, contribution_months=120), at_age)
    (violation,) = [violation_dict(v) for v in result.violations]
    assert violation["rule"] == 3 and violation["id"] == "3.2"
    assert "违规禁办事项清单第3项" in violation["basis"] and "最低缴费年限" in violation["reason"]
    assert violation["facts"]["contribution_months"] == 120
    assert violation["facts"]["retirement"]["min_contribution_months"] == 180
    assert result.catalog_version == load_catalog().version


def test_missing_facts_are_only_reported_when_the_answer_is_undecided():
    result = check(load_catalog(), 17, facts(receiving_employee_pension=True), TODAY)
    assert result.allowed is False and result.missing_facts == ()
    assert set(result.undecided) == {"7.1", "7.2", "17.insured", "17.public_pension"}


# --- the property: more facts never weaken a decision ---------------------------------------

GOVERNED = sorted(runtime().guide.rules.by_item)  # the list's items and those with conditions
VALUES = {
    "birth_date": st.dates(dt.date(1940, 1, 1), dt.date(2004, 12, 31)).map(dt.date.isoformat),
    "contribution_months": st.integers(0, 500),
    "lump_sum_years": st.one_of(st.integers(0, 8), st.floats(0, 8, allow_nan=False)),
}


def _value(name: str) -> st.SearchStrategy[Any]:
    spec = FACTS[name]
    if name in VALUES:
        return VALUES[name]
    if spec.kind == "bool":
        return st.booleans()
    return st.sampled_from(list(spec.choices or {}))


NAMES = [n for n in FACTS if n != "id_number"]  # id_number would clash with birth_date/sex
fact_sets = st.fixed_dictionaries({}, optional={n: _value(n) for n in NAMES})


@settings(max_examples=400, deadline=None)
@given(
    item=st.sampled_from(GOVERNED),
    before=fact_sets,
    extra=fact_sets,
    on=st.dates(dt.date(2020, 1, 1), dt.date(2045, 12, 31)),
)
def test_adding_facts_never_turns_a_refusal_into_an_allowance(item, before, extra, on):
    catalog = load_catalog()
    first = check(catalog, item, parse_facts(before, today=on), on)
    more = {**extra, **before}  # the facts already given keep their values
    second = check(catalog, item, parse_facts(more, today=on), on)
    if first.allowed is False:
        assert second.allowed is False
        # A reason that holds only in some of the cases ("only_when") may be ruled out by more
        # facts; every other reason stays.
        firm = {v.rule.id for v in first.violations if "only_when" not in v.facts}
        assert firm <= {v.rule.id for v in second.violations}
    if first.allowed is True:
        assert second.allowed is True
    if first.allowed is None and second.allowed is not None:
        assert set(first.missing_facts) & set(extra), "only a missing fact can settle a question"


def test_early_reason_other_is_a_fact_value_with_its_chinese_label():
    assert facts(early_reason="other").values == {"early_reason": "other"}
    label = "其他（困难国有企业干部、企业军转干部等）"
    assert facts(early_reason=label).values == {"early_reason": "other"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"sex": "male", "sex": "female"}', "两次"),
        ("[" * 3000 + "]" * 3000, "嵌套"),
        ('{"contribution_months": ' + "1" * 4400 + "}", "位数过多"),
        ("{sex: male}", "不是有效的 JSON"),
        (" " * 20_001, "过长"),
    ],
)
def test_facts_json_is_read_strictly(text, message):
    from shebao.rules.facts import facts_from_json

    with pytest.raises(InputError, match=message):
        facts_from_json(text)
