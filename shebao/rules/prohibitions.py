"""The 违规禁办事项清单 and the items' own 办理条件 as rules that run, checked against facts.

A check never allows by default: a rule the facts cannot decide makes the answer "undecided"
(allowed None) with the facts that would decide it, unless another rule already refuses. "Allowed"
means every rule that governs the item was checked and none found a prohibited situation; the
conditions the guide states only in words (`InWords`) come with every result, for staff to judge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shebao.datafiles import check_keys, read_mapping
from shebao.errors import DataError, InputError
from shebao.guide import Catalog
from shebao.rules.conditions import Condition, compile_condition, given_inputs
from shebao.rules.derived import ALL_SPECS, DERIVED, Context
from shebao.rules.facts import FACTS, Facts
from shebao.rules.parameters import Parameters, data_text
from shebao.rules.unknowns import (
    Outcome,
    Region,
    discrete_choices,
    explore,
    facts_that_matter,
    numeric_choices,
    region_label,
    triable,
)

if TYPE_CHECKING:
    from shebao.guide.bundle import GuideBundle

RULE_KEYS = (("id", "items", "condition", "basis", "reason"), ("entry", "reading"))
PROHIBITIONS = "prohibitions.yaml"
ITEM_CONDITIONS = "item_conditions.yaml"  # beside PROHIBITIONS: the items' own conditions


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    entry: int | None  # number in the 违规禁办事项清单; None: the item's own 办理条件
    items: tuple[int, ...]
    condition: Condition  # true: the situation is prohibited
    basis: str
    reason: str
    reading: str | None = None
    inputs: tuple[str, ...] = ()  # the given facts it may read (conditions.given_inputs)


@dataclass(frozen=True, slots=True)
class InWords:
    """A condition the guide states only in words: listed with every result, never checked."""

    text: str  # verbatim from the item's 办理条件
    reading: str | None = None  # why it is not checked, or how we read it


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    by_item: dict[int, tuple[Rule, ...]]
    catalog_version: str
    # item -> numeric fact -> where the item's rules compare it with a literal (Condition.cuts)
    cuts: dict[int, dict[str, frozenset[tuple[Any, int]]]] = field(default_factory=dict)
    in_words: dict[int, tuple[InWords, ...]] = field(default_factory=dict)
    reads: dict[int, frozenset[str]] = field(default_factory=dict)  # item -> facts its rules read


class Finding(StrEnum):
    """What checking one rule found."""

    VIOLATED = "violated"  # the prohibited situation holds
    NOT_FOUND = "not_found"  # it does not hold (on the facts given, or whatever the missing are)
    UNDECIDED = "undecided"  # the facts given cannot tell


@dataclass(frozen=True, slots=True)
class RuleCheck:
    rule: Rule
    finding: Finding
    facts: dict[str, Any]  # as Violation.facts: what the rule read, with the figures behind it


@dataclass(frozen=True, slots=True)
class Violation:
    rule: Rule
    facts: dict[str, Any]  # the facts it read, with figures computed from them


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
    checked: tuple[RuleCheck, ...] = ()  # every rule that governs the item, in the data's order
    in_words: tuple[InWords, ...] = ()  # the item's conditions stated only in words
    unused_facts: tuple[str, ...] = ()  # facts given that no rule governing the item reads


def load_rules(catalog: Catalog, path: Path) -> RuleSet:
    """Read and check every rule: the list's (`path`) and the items' own (ITEM_CONDITIONS beside
    it); a DataError names the file, the rule and the field at fault."""
    conditions = read_mapping(path.with_name(ITEM_CONDITIONS))
    return build_rules(read_mapping(path), catalog, path.name, conditions)


def build_rules(
    raw: Any, catalog: Catalog, name: str = PROHIBITIONS, conditions: Any = None
) -> RuleSet:
    """Check and compile rules already read from YAML (`name` is the file, for messages).

    `conditions`: the items' own conditions (item_conditions.yaml), which must account for every
    item; None leaves them out (for tests and benchmarks of the list alone).
    """
    check_keys(raw, ["description", "rules"], where=name)
    if not isinstance(raw["rules"], list) or not raw["rules"]:
        raise DataError(f"{name}：rules 应为非空列表")
    rules = [_rule(r, catalog, f"{name} 第{n + 1}条规则") for n, r in enumerate(raw["rules"])]
    in_words: dict[int, tuple[InWords, ...]] = {}
    if conditions is not None:
        own, in_words = _item_conditions(conditions, catalog)
        rules += own
    ids = [r.id for r in rules]
    if dupes := sorted({i for i in ids if ids.count(i) > 1}):
        raise DataError(f"{name}：规则 id 重复：{'、'.join(dupes)}")
    if uncovered := [p.no for p in catalog.prohibitions if p.no not in {r.entry for r in rules}]:
        raise DataError(f"{name}：违规禁办事项清单第{'、'.join(map(str, uncovered))}项没有规则")
    by_item: dict[int, tuple[Rule, ...]] = {}
    cuts: dict[int, dict[str, frozenset[tuple[Any, int]]]] = {}
    for rule in rules:
        for no in rule.items:
            by_item[no] = (*by_item.get(no, ()), rule)
            for name, cut in rule.condition.cuts:
                cuts.setdefault(no, {})[name] = cuts.get(no, {}).get(name, frozenset()) | {cut}
    reads = {no: _reads(governing) for no, governing in by_item.items()}
    return RuleSet(tuple(rules), by_item, catalog.version, cuts, in_words, reads)


def _reads(governing: tuple[Rule, ...]) -> frozenset[str]:
    """The facts a person may give that these rules read; the ID number stands for the birth
    date and sex it gives."""
    read = {name for rule in governing for name in rule.inputs}
    return frozenset(read | {"id_number"} if read & {"birth_date", "sex"} else read)


def _item_conditions(
    raw: Any, catalog: Catalog, name: str = ITEM_CONDITIONS
) -> tuple[list[Rule], dict[int, tuple[InWords, ...]]]:
    """The items' own conditions: rules without an entry, and every item's conditions in words,
    each quoted verbatim from the item's 办理条件 (so a misquote stops the load)."""
    check_keys(raw, ["description", "rules", "in_words"], where=name)
    if not isinstance(raw["rules"], list):
        raise DataError(f"{name}：rules 应为列表")
    rules = []
    for n, entry in enumerate(raw["rules"]):
        where = f"{name} 第{n + 1}条规则"
        if isinstance(entry, dict) and "entry" in entry:
            raise DataError(
                f"{where}：事项办理条件的规则不写 entry（清单规则写在 prohibitions.yaml）"
            )
        rules.append(_rule(entry, catalog, where))
    listed = raw["in_words"]
    if not isinstance(listed, dict):
        raise DataError(f"{name}：in_words 应为“事项编号: 文字条件列表”")
    if missing := [no for no in catalog.items if no not in listed]:
        raise DataError(
            f"{name}：in_words 没有列出事项 {'、'.join(map(str, missing))}（没有的写 []）"
        )
    if unknown := [no for no in listed if no not in catalog.items]:
        raise DataError(f"{name}：in_words 中没有编号为 {'、'.join(map(str, unknown))} 的事项")
    in_words = {}
    for no, entries in listed.items():
        where = f"{name} in_words 事项{no}"
        if not isinstance(entries, list):
            raise DataError(f"{where} 应为列表（没有的写 []）")
        in_words[no] = tuple(
            _in_words(e, catalog.items[no].description, f"{where}") for e in entries
        )
    return rules, in_words


def _in_words(raw: Any, description: str, where: str) -> InWords:
    check_keys(raw, ["text"], ["reading"], where=where)
    text = raw["text"]  # verbatim: no folding of spaces, the guide has some
    if not isinstance(text, str) or not text.strip() or text not in description:
        raise DataError(f"{where}：“{text}”不是该事项办理条件的原文")
    reading = raw.get("reading")
    return InWords(text, data_text(reading, f"{where} 的 reading") if reading is not None else None)


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
    condition = compile_condition(raw["condition"], ALL_SPECS, f"{where} 的 condition")
    return Rule(
        id=rule_id,
        entry=entry,
        items=tuple(items),
        condition=condition,
        basis=data_text(raw["basis"], f"{where} 的 basis"),
        reason=data_text(raw["reason"], f"{where} 的 reason"),
        reading=data_text(reading, f"{where} 的 reading") if reading is not None else None,
        inputs=given_inputs(condition),
    )


def check(
    guide: GuideBundle, params: Parameters, item_no: int | str, facts: Facts, on: dt.date
) -> CheckResult:
    """Run every rule of the guide that governs the item; violations carry the facts they read."""
    catalog, ruleset = guide.catalog, guide.rules
    item = catalog.item(item_no)
    born = facts.get("birth_date")
    if born is not None and born > on:
        raise InputError(f"检查日期 {on.isoformat()} 早于出生日期 birth_date {born.isoformat()}")
    governing = ruleset.by_item.get(item.no, ())
    ctx = Context(facts, on, params=params)
    first = _outcome(governing, ctx)
    shown = facts.as_dict()
    violations = [Violation(r, _used(r, ctx, shown)) for r in governing if r.id in first.violated]
    undecided, missing = first.undecided, first.missing
    if undecided:
        cases = _Cases(governing, ruleset.cuts.get(item.no, {}), facts, ctx, shown)
        if first.allowed is None:
            settled = cases.settle(first)
            if settled is not None:
                allowed, violations, missing = settled
                if allowed is not None:
                    undecided = ()
        else:  # refused already: name the undecided rules that are broken whatever the facts
            violations += cases.broken_regardless(undecided)
    allowed = False if violations else (None if undecided else True)
    found = {v.rule.id: v for v in violations}
    checked = tuple(
        RuleCheck(r, Finding.VIOLATED, found[r.id].facts)
        if r.id in found
        else RuleCheck(
            r,
            Finding.UNDECIDED if r.id in undecided else Finding.NOT_FOUND,
            _used(r, ctx, shown),
        )
        for r in governing
    )
    return CheckResult(
        item=item.no,
        item_name=item.name,
        on=on,
        allowed=allowed,
        violations=tuple(violations),
        missing_facts=missing,
        undecided=undecided,
        catalog_version=catalog.version,
        parameters_version=params.version,
        facts=shown,
        checked=checked,
        in_words=ruleset.in_words.get(item.no, ()),
        unused_facts=_unused(ruleset.reads.get(item.no, frozenset()), facts),
    )


def _unused(read: frozenset[str], facts: Facts) -> tuple[str, ...]:
    """Facts given that no governing rule reads. A birth date and sex read from the ID number
    are the ID number's: they are not listed apart from it."""
    given = facts.values
    from_id = ("birth_date", "sex") if "id_number" in given else ()
    unused = [n for n in given if n not in read and n not in from_id]
    return tuple(sorted(unused, key=_FACT_ORDER.__getitem__)) if unused else ()


_FACT_ORDER = {name: n for n, name in enumerate(FACTS)}


def _outcome(governing: tuple[Rule, ...], ctx: Context) -> Outcome:
    """Evaluate every rule once: refused by those that hold, else undecided if any cannot tell."""
    violated = []
    undecided = []
    for rule in governing:
        result = rule.condition.test(ctx)
        if result:
            violated.append(rule.id)
        elif result is None:
            undecided.append(rule)
    ids = tuple(r.id for r in undecided)
    if violated:
        return Outcome(False, frozenset(violated), (), ctx, ids)
    if not undecided:
        return Outcome(True, frozenset(), (), ctx)
    wanted = set().union(*(r.condition.missing(ctx) for r in undecided))
    return Outcome(None, frozenset(), tuple(name for name in FACTS if name in wanted), ctx, ids)


RULE_EVALUATIONS = 16  # per rule, when only one rule's facts are tried


class _Cases:
    """Trying the values of the facts not given (see shebao.rules.unknowns) for one check."""

    def __init__(
        self,
        governing: tuple[Rule, ...],
        cuts: Mapping[str, frozenset[tuple[Any, int]]],
        facts: Facts,
        ctx: Context,
        shown: dict[str, Any],
    ) -> None:
        self.by_id = {rule.id: rule for rule in governing}
        self.cuts = cuts
        self.facts, self.ctx, self.shown = facts, ctx, shown
        read = {n for rule in governing for n in rule.condition.facts}
        self.derived_cuts = [d.cuts for n, d in DERIVED.items() if n in read and d.cuts]

    def evaluate(self, tried: Mapping[str, Any], parent: Outcome) -> Outcome:
        rules = tuple(self.by_id[i] for i in parent.undecided)
        case = Facts({**self.facts.values, **tried})
        return _outcome(rules, Context(case, self.ctx.on, parent.context))

    def choices(self, name: str, ctx: Context) -> list[tuple[Any, Region]] | None:
        spec = FACTS[name]
        if not triable(spec):
            return None
        if not spec.ordered:
            return discrete_choices(spec)
        points = set(self.cuts.get(name, ()))
        for cuts in self.derived_cuts:
            points.update(cuts(ctx).get(name, ()))
        return numeric_choices(spec, points)

    def settle(self, first: Outcome) -> tuple[bool | None, list[Violation], tuple[str, ...]] | None:
        """The answer whatever the missing facts are, or the facts that change it; None: unknown.

        A refusal names the rules broken in every case, and which facts did not matter; if every
        case is refused but by different rules, each rule says in which cases it applies.
        """
        leaves = explore(first, self.evaluate, self.choices)
        if leaves is None:
            return None
        outcomes = {leaf.allowed for leaf in leaves}
        if outcomes == {True}:
            return True, [], ()
        if outcomes != {False}:
            return None, [], facts_that_matter(leaves, FACTS)
        always = self.broken_regardless(first.undecided)
        if always:
            return False, always, ()
        return False, [
            self.violation(rule, {"only_when": [
                {n: region_label(x) for n, x in leaf.regions.items()}
                for leaf in leaves if rule.id in leaf.violated
            ]})
            for rule in self.by_id.values() if any(rule.id in leaf.violated for leaf in leaves)
        ], ()  # fmt: skip

    def broken_regardless(self, ids: tuple[str, ...]) -> list[Violation]:
        """Rules (by id) that hold whatever values the facts they lack take, each tried alone."""
        found = []
        for rule_id in ids:
            rule = self.by_id[rule_id]
            lacking = rule.condition.missing(self.ctx)
            alone = Outcome(None, frozenset(), tuple(n for n in FACTS if n in lacking), self.ctx,
                            (rule_id,))  # fmt: skip
            leaves = explore(alone, self.evaluate, self.choices, RULE_EVALUATIONS)
            if leaves and not any(leaf.allowed for leaf in leaves):
                tried = [n for n in FACTS if any(n in leaf.regions for leaf in leaves)]
                found.append(self.violation(rule, {"regardless_of": tried}))
        return found

    def violation(self, rule: Rule, extra: dict[str, Any]) -> Violation:
        used = {n: self.shown[n] for n in rule.inputs if n in self.shown}
        return Violation(rule, {**used, **extra})


def _used(rule: Rule, ctx: Context, shown: dict[str, Any]) -> dict[str, Any]:
    """Given facts the rule read, derived facts it compared, and the figures behind them."""
    condition = rule.condition
    used = {name: shown[name] for name in rule.inputs if name in shown}
    for name in condition.facts:
        if name in DERIVED:
            used[name] = ctx.derived(name)
    if "retirement" in ctx.details and any(n in DERIVED and n != "age" for n in condition.facts):
        used["retirement"] = ctx.details["retirement"]
    elif "min_contribution_range" in ctx.details and "below_min_contribution" in condition.facts:
        used["min_contribution_range"] = ctx.details["min_contribution_range"]
    return used
