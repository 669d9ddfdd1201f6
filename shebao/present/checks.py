"""Check and intake results, and the rules, as JSON-ready dicts and as Chinese text."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from shebao.rules.facts import FACTS
from shebao.rules.intake import IntakeResult, Outcome, Requirement
from shebao.rules.prohibitions import CheckResult, Finding, InWords, Rule, RuleCheck, Violation

VERDICTS = {True: "可以办理", False: "不予办理", None: "不能确定"}


def violation_dict(v: Violation) -> dict[str, Any]:
    """A violation as shown and stored: the rule, its basis, our reading, the facts it read."""
    return {
        "rule": v.rule.entry,
        "id": v.rule.id,
        "basis": v.rule.basis,
        "reason": v.rule.reason,
        "reading": v.rule.reading,
        "facts": v.facts,
    }


def rule_check_dict(c: RuleCheck) -> dict[str, Any]:
    """One rule that governs the item, what checking it found, and the facts it read."""
    return {
        "id": c.rule.id,
        "rule": c.rule.entry,
        "result": c.finding.value,
        "basis": c.rule.basis,
        "reason": c.rule.reason,
        "reading": c.rule.reading,
        "facts": c.facts,
    }


def check_dict(result: CheckResult) -> dict[str, Any]:
    """The JSON of `shebao check --json` and `POST /api/check`.

    `allowed` true means every rule that governs the item (`checked`) was checked and none found
    a prohibited situation; with no rule at all, that the guide states no condition facts can
    check. `in_words` are the conditions the guide states only in words (for staff to judge),
    `unused_facts` the facts given that no rule read, `summary` all of it in one Chinese text.
    """
    return {
        "item": result.item,
        "item_name": result.item_name,
        "allowed": result.allowed,
        "violations": [violation_dict(v) for v in result.violations],
        "missing_facts": list(result.missing_facts),
        "undecided_rules": list(result.undecided),
        "on": result.on.isoformat(),
        "catalog_version": result.catalog_version,
        "parameters_version": result.parameters_version,
        "facts": result.facts,
        "summary": "".join(_summary(result)),
        "checked": [rule_check_dict(c) for c in result.checked],
        "in_words": [{"text": w.text, "reading": w.reading} for w in result.in_words],
        "unused_facts": list(result.unused_facts),
    }


def fact_label(name: str) -> str:
    hint = "，或提供 id_number 公民身份号码" if name in ("birth_date", "sex") else ""
    return f"{name}（{FACTS[name].label}{hint}）"


def _retirement_figures(figures: dict[str, Any]) -> str:
    parts = [
        f"法定退休年龄{figures['statutory_age']}",
        f"退休时间{figures['retirement_month']}",
        f"最低缴费{figures['min_contribution_months']}个月（按{figures['min_contribution_year']}年退休）",
    ]
    if figures.get("earliest_flexible_month"):
        parts.append(f"弹性提前退休最早{figures['earliest_flexible_month']}")
    return "，".join(parts)


_NOT_FACTS = ("retirement", "min_contribution_range", "regardless_of", "only_when")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def rule_place(rule: Rule) -> str:
    return f"违规禁办事项清单第{rule.entry}项" if rule.entry else "事项办理条件"


NO_RULES = (
    "没有适用于该事项的规则：指南没有写出能由事实检查的办理条件，违规禁办事项清单也没有列出该事项。"
)


NO_WORDS = "指南没有写出只能由工作人员把握的其他条件。"


def _summary(result: CheckResult) -> list[str]:
    """What was and was not checked, sentence by sentence (JSON `summary`, the text's lines)."""
    found = Counter(c.finding for c in result.checked)
    total = len(result.checked)
    listed = sum(1 for c in result.checked if c.rule.entry)
    own = total - listed
    if listed and own:
        sources = f"（违规禁办事项清单 {listed} 条，事项办理条件 {own} 条）"
    else:
        sources = "（均来自违规禁办事项清单）" if listed else "（均来自事项办理条件）"
    if not total:
        sentences = [NO_RULES]
    elif found[Finding.NOT_FOUND] == total:
        sentences = [f"适用于该事项的 {total} 条规则{sources}都已检查，没有发现禁办情形。"]
    else:
        parts = [
            f"{found[finding]} 条{words}"
            for finding, words in (
                (Finding.VIOLATED, "发现禁办情形"),
                (Finding.NOT_FOUND, "没有发现禁办情形"),
                (Finding.UNDECIDED, "因缺少事实不能判断"),
            )
            if found[finding]
        ]
        sentences = [f"适用于该事项的 {total} 条规则{sources}中，{'，'.join(parts)}。"]
    if result.in_words:
        quoted = "；".join(f"“{w.text}”" for w in result.in_words)
        sentences.append(f"指南只用文字写明、系统没有检查的条件（由工作人员把握）：{quoted}。")
    else:
        sentences.append(NO_WORDS)
    if result.unused_facts:
        sentences.append(f"提供了但没有规则用到的事实：{'、'.join(result.unused_facts)}。")
    return sentences


def _violation_lines(v: Violation) -> list[str]:
    lines = [
        f"  ✗ {rule_place(v.rule)}（规则 {v.rule.id}）：{v.rule.reason}",
        f"    依据：{v.rule.basis}",
    ]
    if v.rule.reading:
        lines.append(f"    理解：{v.rule.reading}")
    shown = {k: x for k, x in v.facts.items() if k not in _NOT_FACTS}
    used = "，".join(f"{k}={_json(x)}" for k, x in shown.items())
    lines.append(f"    所用事实：{used or '（无）'}")
    if others := v.facts.get("regardless_of"):
        lines.append(f"    不论以下事实为何值都如此：{'、'.join(map(fact_label, others))}")
    for case in v.facts.get("only_when", ()):
        lines.append(f"    在以下情形成立：{'，'.join(f'{k}={_json(x)}' for k, x in case.items())}")
    lines.extend(_derivation(v.facts, "    "))
    return lines


def _derivation(facts: dict[str, Any], indent: str) -> list[str]:
    """The figures behind derived facts (retirement age and month, minimum contribution)."""
    if figures := facts.get("retirement"):
        lines = [f"{indent}推算：{_retirement_figures(figures)}"]
        if basis := figures.get("statutory_age_basis"):
            lines.append(f"{indent}法定退休年龄依据：{basis}")
        return lines
    if span := facts.get("min_contribution_range"):
        low, high = span
        months = f"都是 {low} 个月" if low == high else f"都在 {low}—{high} 个月之间"
        return [f"{indent}推算：不论未提供的事实为何，适用的最低缴费年限{months}"]
    return []


_FINDING_WORDS = {Finding.NOT_FOUND: "未发现", Finding.UNDECIDED: "不能判断"}


def _checked_lines(result: CheckResult) -> list[str]:
    """The rules that did not refuse, each with our reading: the answer rests on them too."""
    sentences = _summary(result)
    lines = [f"  {sentences[0]}"]
    derivation: list[str] = []
    for c in result.checked:
        if c.finding is Finding.VIOLATED:
            continue
        place, finding = rule_place(c.rule), _FINDING_WORDS[c.finding]
        lines.append(f"    - 规则 {c.rule.id}（{place}）{finding}：{c.rule.reason}")
        if c.rule.reading:
            lines.append(f"      理解：{c.rule.reading}")
        derivation = derivation or _derivation(c.facts, "  ")
    if not result.violations:  # a refusal already shows its own figures
        lines.extend(derivation)
    return lines


def describe_check(result: CheckResult) -> str:
    verdict = VERDICTS[result.allowed]
    lines = [f"事项{result.item}“{result.item_name}”（按 {result.on.isoformat()} 判断）：{verdict}"]
    for v in result.violations:
        lines.extend(_violation_lines(v))
    if result.missing_facts:
        lines.append("  请补充以下事实后再判断：")
        lines.extend(f"    - {fact_label(name)}" for name in result.missing_facts)
    lines.extend(_checked_lines(result))
    if not result.in_words:
        lines.append(f"  {NO_WORDS}")
    else:
        lines.append("  指南只用文字写明、系统没有检查的条件（由工作人员把握）：")
        for w in result.in_words:
            lines.append(f"    - “{w.text}”")
            if w.reading:
                lines.append(f"      理解：{w.reading}")
    if result.unused_facts:
        names = "、".join(f"{n}（{FACTS[n].label}）" for n in result.unused_facts)
        lines.append(f"  提供了但没有规则用到的事实：{names}")
    return "\n".join(lines)


def _requirement_dict(req: Requirement, have: Mapping[str, frozenset[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": req.label, "tolerable": req.tolerable, "source": req.source}
    if req.label != req.key and not req.options:
        out["requirement"] = req.key  # the guide's whole name, when only a part is missing
    if req.got:
        out["provided_forms"] = _forms(req.got)
        out["lacking_forms"] = _forms(req.lacking)
    if req.basis:
        out["basis"] = req.basis
    if req.reading:
        out["reading"] = req.reading
    if req.options:
        out["options"] = [
            {
                "label": o.label,
                "documents": [
                    {"name": d.key, "source": d.source, "provided": d.met(have)}
                    for d in o.documents
                ],
            }
            for o in req.options
        ]
    return out


def _forms(forms: frozenset[str]) -> list[str]:
    return [f for f in ("原件", "复印件") if f in forms]


def intake_dict(result: IntakeResult) -> dict[str, Any]:
    """The JSON of `shebao intake-check --json` and `POST /api/intake-check`."""
    tolerated = result.outcome is Outcome.TOLERATED
    return {
        "item": result.item.no,
        "item_name": result.item.name,
        "outcome": result.outcome.value,
        "missing": [r.label for r in result.missing],
        "tolerated": [r.label for r in result.missing] if tolerated else [],
        "commitment_required": result.commitment_required,
        "notice": result.notice,
        "missing_details": [_requirement_dict(r, result.have) for r in result.missing],
        "conditional": list(result.conditional),
        "matched": {m.provided: m.material for m in result.matches if m.material and not m.negated},
        "unmatched": [
            {"provided": m.provided, "candidates": list(m.candidates)}
            for m in result.matches
            if not m.material and not m.negated
        ],
        "not_provided": [
            _drop_empty(
                {
                    "provided": m.provided,
                    "material": m.material,
                    "candidates": list(m.candidates),
                    "forms": _forms(m.denied),
                },
                "forms",
            )
            for m in result.matches
            if m.negated or m.denied
        ],
        "readings": [{"about": r.about, "reading": r.reading} for r in result.readings],
        "catalog_version": result.catalog_version,
    }


def _drop_empty(d: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in keys or v}


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "rule": rule.entry,
        "items": list(rule.items),
        "condition": rule.condition.text,
        "basis": rule.basis,
        "reason": rule.reason,
        "reading": rule.reading,
    }


def describe_rule(rule: Rule) -> str:
    """One rule as staff read it: what is prohibited, on which basis, and how we read the text."""
    lines = [
        f"规则 {rule.id}（{rule_place(rule)}；适用事项 {'、'.join(map(str, rule.items))}）",
        f"  禁办情形：{rule.reason}",
        f"  条件：{rule.condition.text}",
        f"  依据：{rule.basis}",
    ]
    if rule.reading:
        lines.append(f"  理解：{rule.reading}")
    return "\n".join(lines)


def describe_in_words(in_words: tuple[InWords, ...]) -> str:
    """The conditions the guide states only in words: staff judge them, no rule can."""
    if not in_words:
        return "\n指南没有写出只能由工作人员把握的其他条件。"
    lines = ["\n仅以文字说明、由工作人员把握的条件："]
    for w in in_words:
        lines.append(f"  - “{w.text}”" + (f"（理解：{w.reading}）" if w.reading else ""))
    return "\n".join(lines)
