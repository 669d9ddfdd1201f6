"""The 违规禁办事项清单 as rules that run: loaded beside the catalog, checked against facts.

A check never allows by default: a rule the facts cannot decide makes the answer "undecided"
(allowed None) with the facts that would decide it, unless another rule already refuses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from itertools import product
from math import prod
from pathlib import Path
from typing import Any

from shebao.catalog import DATA_ROOT, Catalog
from shebao.catalog.loader import content_version
from shebao.datafiles import check_keys, read_mapping
from shebao.errors import DataError, InputError
from shebao.rules.conditions import Condition, compile_condition, given_inputs
from shebao.rules.derived import ALL_SPECS, DERIVED, Context
from shebao.rules.facts import BOOL, CHOICE, FACTS, Facts
from shebao.rules.parameters import NATIONAL_DIR, data_text

RULE_KEYS = (("id", "items", "condition", "basis", "reason"), ("entry", "reading"))


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    entry: int | None  # number in the 违规禁办事项清单; None: the item's own 办理条件
    items: tuple[int, ...]
    condition: Condition  # true: the situation is prohibited
    basis: str
    reason: str
    reading: str | None = None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    by_item: dict[int, tuple[Rule, ...]]
    catalog_version: str


@dataclass(frozen=True, slots=True)
class Violation:
    rule: Rule
    facts: dict[str, Any]  # the facts it read, with figures computed from them

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.entry,
            "id": self.rule.id,
            "basis": self.rule.basis,
            "reason": self.rule.reason,
            "facts": self.facts,
        }


@dataclass(frozen=True)
class CheckResult:
    """The answer to "may this item be handled for this person on this day?", with reasons."""

    item: int
    item_name: str
    on: dt.date
    allowed: bool | None
    violations: tuple[Violation, ...]
    missing_facts: tuple[str, ...]  # only when allowed is None: the facts that would decide
    undecided: tuple[str, ...] = ()  # ids of rules the facts could not decide
    catalog_version: str = ""
    parameters_version: str = ""  # the national parameters (retirement age, minimum contribution)
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "item_name": self.item_name,
            "allowed": self.allowed,
            "violations": [v.as_dict() for v in self.violations],
            "missing_facts": list(self.missing_facts),
            "undecided_rules": list(self.undecided),
            "on": self.on.isoformat(),
            "catalog_version": self.catalog_version,
            "parameters_version": self.parameters_version,
            "facts": self.facts,
        }


def rules_path(catalog: Catalog) -> Path:
    return DATA_ROOT / catalog.city / "rules" / "prohibitions.yaml"


def load_rules(catalog: Catalog, path: Path | None = None) -> RuleSet:
    """Read and check every rule; a DataError names the rule and the field at fault."""
    path = path or rules_path(catalog)
    return build_rules(read_mapping(path), catalog, path.name)


def build_rules(raw: Any, catalog: Catalog, name: str = "prohibitions.yaml") -> RuleSet:
    """Check and compile rules already read from YAML (`name` is the file, for messages)."""
    check_keys(raw, ["description", "rules"], where=name)
    if not isinstance(raw["rules"], list) or not raw["rules"]:
        raise DataError(f"{name}：rules 应为非空列表")
    rules = [_rule(r, catalog, f"{name} 第{n + 1}条规则") for n, r in enumerate(raw["rules"])]
    ids = [r.id for r in rules]
    if dupes := sorted({i for i in ids if ids.count(i) > 1}):
        raise DataError(f"{name}：规则 id 重复：{'、'.join(dupes)}")
    if uncovered := [p.no for p in catalog.prohibitions if p.no not in {r.entry for r in rules}]:
        raise DataError(f"{name}：违规禁办事项清单第{'、'.join(map(str, uncovered))}项没有规则")
    by_item: dict[int, tuple[Rule, ...]] = {}
    for rule in rules:
        for no in rule.items:
            by_item[no] = (*by_item.get(no, ()), rule)
    return RuleSet(tuple(rules), by_item, catalog.version)


def _rule(raw: Any, catalog: Catalog, where: str) -> Rule:
    check_keys(raw, *RULE_KEYS, where=where)
    rule_id = raw["id"]
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise DataError(f'{where}：id 应为文字（数字请加引号，如 "3.1"）')
    where = f"{where}（{rule_id}）"
    items = raw["items"]
    if not isinstance(items, list) or not items or not all(isinstance(i, int) for i in items):
        raise DataError(f"{where}：items 应为事项编号的列表")
    if unknown := [i for i in items if i not in catalog.items]:
        raise DataError(f"{where}：没有编号为 {'、'.join(map(str, unknown))} 的事项")
    entry = raw.get("entry")
    if entry is not None:
        listed = {p.no: p for p in catalog.prohibitions}
        if entry not in listed:
            raise DataError(f"{where}：违规禁办事项清单没有第{entry}项")
        if set(items) != set(listed[entry].items):
            raise DataError(
                f"{where}：清单第{entry}项适用事项 {list(listed[entry].items)}，规则写的是 {items}"
            )
    reading = raw.get("reading")
    return Rule(
        id=rule_id,
        entry=entry,
        items=tuple(items),
        condition=compile_condition(raw["condition"], ALL_SPECS, f"{where} 的 condition"),
        basis=data_text(raw["basis"], f"{where} 的 basis"),
        reason=data_text(raw["reason"], f"{where} 的 reason"),
        reading=data_text(reading, f"{where} 的 reading") if reading is not None else None,
    )


_LOADED: dict[tuple[str, str], RuleSet] = {}


def rules_for(catalog: Catalog) -> RuleSet:
    """The rules of a catalog, compiled once per catalog version."""
    key = (catalog.city, catalog.version)
    if key not in _LOADED:
        _LOADED[key] = load_rules(catalog)
    return _LOADED[key]


def check(
    catalog: Catalog, item_no: int | str, facts: Facts, on: dt.date, rules: RuleSet | None = None
) -> CheckResult:
    """Run every rule that governs the item; violations carry the facts they read."""
    item = catalog.item(item_no)
    born = facts.get("birth_date")
    if born is not None and born > on:
        raise InputError(f"检查日期 {on.isoformat()} 早于出生日期 birth_date {born.isoformat()}")
    governing = (rules or rules_for(catalog)).by_item.get(item.no, ())
    violations, undecided, missing = _evaluate(governing, facts, on)
    if undecided and not violations:
        settled = _settle_by_cases(governing, facts, on, missing)
        if settled is not None:
            violations, undecided, missing = settled, [], ()
    allowed = False if violations else (None if undecided else True)
    return CheckResult(
        item=item.no,
        item_name=item.name,
        on=on,
        allowed=allowed,
        violations=tuple(violations),
        missing_facts=missing,
        undecided=tuple(r.id for r in undecided),
        catalog_version=catalog.version,
        parameters_version=parameters_version(),
        facts=facts.as_dict(),
    )


def _evaluate(
    governing: tuple[Rule, ...], facts: Facts, on: dt.date
) -> tuple[list[Violation], list[Rule], tuple[str, ...]]:
    ctx = Context(facts, on)
    violations: list[Violation] = []
    undecided: list[Rule] = []
    for rule in governing:
        outcome = rule.condition.test(ctx)
        if outcome:
            violations.append(Violation(rule, _used(rule.condition, ctx)))
        elif outcome is None:
            undecided.append(rule)
    missing: tuple[str, ...] = ()
    if undecided and not violations:
        wanted = set().union(*(r.condition.missing(ctx) for r in undecided))
        missing = tuple(name for name in FACTS if name in wanted)
    return violations, undecided, missing


MAX_CASES = 64


def _settle_by_cases(
    governing: tuple[Rule, ...], facts: Facts, on: dt.date, missing: tuple[str, ...]
) -> list[Violation] | None:
    """Violations that hold whatever the missing facts are ([] = allowed), or None if they matter.

    Three-valued logic cannot see that a woman of 70 is past retirement age whether her original
    age was 50 or 55; trying every value of the missing yes/no and choice facts can. A refusal is
    settled only by a rule broken in every case, and it says which facts did not matter.
    """
    domains = [_domain(name) for name in missing]
    if not domains or any(d is None for d in domains):
        return None
    if prod(len(d) for d in domains) > MAX_CASES:  # type: ignore[arg-type]
        return None
    always_broken: set[str] | None = None
    every_case_clear = True
    for combo in product(*domains):  # type: ignore[misc]
        case = Facts({**facts.values, **dict(zip(missing, combo, strict=True))})
        violations, undecided, _ = _evaluate(governing, case, on)
        every_case_clear &= not violations and not undecided
        broken = {v.rule.id for v in violations}
        always_broken = broken if always_broken is None else always_broken & broken
    if every_case_clear:
        return []
    if not always_broken:
        return None
    shown = facts.as_dict()
    return [
        Violation(rule, {**{n: shown[n] for n in given_inputs(rule.condition) if n in shown},
                         "regardless_of": list(missing)})
        for rule in governing if rule.id in always_broken
    ]  # fmt: skip


def _domain(name: str) -> tuple[Any, ...] | None:
    spec = FACTS[name]
    if spec.kind == BOOL:
        return (False, True)
    if spec.kind == CHOICE and spec.choices:
        return tuple(spec.choices)
    return None


@cache
def parameters_version() -> str:
    """Hash of the national parameter files; with the catalog version it pins a decision."""
    files = sorted(p for p in NATIONAL_DIR.glob("*.yaml") if p.is_file())
    return content_version(files, NATIONAL_DIR)


def _used(condition: Condition, ctx: Context) -> dict[str, Any]:
    """Given facts the rule read, derived facts it compared, and the figures behind them."""
    shown = ctx.facts.as_dict()
    used = {name: shown[name] for name in given_inputs(condition) if name in shown}
    for name in condition.facts:
        if name in DERIVED:
            used[name] = ctx.derived(name)
    if "retirement" in ctx.details and any(n in DERIVED and n != "age" for n in condition.facts):
        used["retirement"] = ctx.details["retirement"]
    return used
