"""Check and intake results, and the rules, as JSON-ready dicts and as Chinese text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from shebao.rules.facts import FACTS
from shebao.rules.intake import IntakeResult, Outcome, Requirement
from shebao.rules.prohibitions import CheckResult, Rule, Violation

VERDICTS = {True: "可以办理", False: "不予办理", None: "不能确定"}


def violation_dict(v: Violation) -> dict[str, Any]:
    """A violation as it is shown and stored: the rule, its basis and the facts it read."""
    return {
        "rule": v.rule.entry,
        "id": v.rule.id,
        "basis": v.rule.basis,
        "reason": v.rule.reason,
        "facts": v.facts,
    }


def check_dict(result: CheckResult) -> dict[str, Any]:
    """The JSON of `shebao check --json` and `POST /api/check`."""
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


def describe_check(result: CheckResult) -> str:
    verdict = VERDICTS[result.allowed]
    lines = [f"事项{result.item}“{result.item_name}”（按 {result.on.isoformat()} 判断）：{verdict}"]
    for v in result.violations:
        lines.append(f"  ✗ {rule_place(v.rule)}（规则 {v.rule.id}）：{v.rule.reason}")
        lines.append(f"    依据：{v.rule.basis}")
        shown = {k: x for k, x in v.facts.items() if k not in _NOT_FACTS}
        used = "，".join(f"{k}={_json(x)}" for k, x in shown.items())
        lines.append(f"    所用事实：{used or '（无）'}")
        if others := v.facts.get("regardless_of"):
            lines.append(f"    不论以下事实为何值都如此：{'、'.join(map(fact_label, others))}")
        for case in v.facts.get("only_when", ()):
            lines.append(
                f"    在以下情形成立：{'，'.join(f'{k}={_json(x)}' for k, x in case.items())}"
            )
        if figures := v.facts.get("retirement"):
            lines.append(f"    推算：{_retirement_figures(figures)}")
        elif span := v.facts.get("min_contribution_range"):
            low, high = span
            months = f"都是 {low} 个月" if low == high else f"都在 {low}—{high} 个月之间"
            lines.append(f"    推算：不论未提供的事实为何，适用的最低缴费年限{months}")
    if result.missing_facts:
        lines.append("  请补充以下事实后再判断：")
        lines.extend(f"    - {fact_label(name)}" for name in result.missing_facts)
    if result.allowed and not result.undecided and not result.violations:
        lines.append("  未发现违规禁办情形。")
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
