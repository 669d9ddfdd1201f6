"""`shebao check`, `intake-check`, `rules`: the prohibition list and 容缺 at the window."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from shebao.cli.output import emit_json
from shebao.errors import InputError, echo
from shebao.guide import load_catalog
from shebao.rules.derived import DERIVED_SPECS
from shebao.rules.facts import FACTS, MAX_FACTS_CHARS, facts_from_json, parse_facts
from shebao.rules.intake import intake_check
from shebao.rules.prohibitions import CheckResult, check, rules_for
from shebao.workdays.dates import parse_date

_CHECK_EPILOG = """\
例：
  shebao check 25 --facts '{"id_number": "...", "contribution_months": 200}' --on 2025-07-01
  shebao check 24 --facts @facts.json --json
事实名称：""" + "、".join(FACTS)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="按违规禁办事项清单检查一个事项能否办理",
        epilog=_CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("item", metavar="ITEM", help="事项编号")
    p.add_argument("--facts", required=True, metavar="JSON", help="事实（JSON 对象，或 @文件名）")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="按哪一天判断（默认今天）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_check)

    p = sub.add_parser("intake-check", help="收件检查：缺哪些要件、能否容缺受理，并给出一次性告知")
    p.add_argument("item", metavar="ITEM", help="事项编号")
    p.add_argument("--provided", default="", metavar="材料A,材料B", help="已提交的材料名称")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_intake)

    p = sub.add_parser("rules", help="列出违规禁办规则及其依据")
    p.add_argument("--item", metavar="ITEM", help="只列出适用于该事项的规则")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_rules)


def _facts_json(text: str) -> Any:
    if not text.startswith("@"):
        return facts_from_json(text)
    name = text[1:]
    try:
        with Path(name).open(encoding="utf-8") as file:
            content = file.read(MAX_FACTS_CHARS + 1)
    except OSError as exc:
        raise InputError(f"读不到事实文件 {echo(name)}：{exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"事实文件 {echo(name)} 不是 UTF-8 文本") from None
    return facts_from_json(content, f"事实文件 {echo(name)}")


def run_check(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    today = dt.date.today()
    on = parse_date(args.on, "--on 日期") if args.on else today
    facts = parse_facts(_facts_json(args.facts), today=today, derived=DERIVED_SPECS)
    result = check(catalog, args.item, facts, on)
    if args.json:
        emit_json(result.as_dict())
    else:
        print(describe_check(result))
    return 0


def _fact_label(name: str) -> str:
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


def describe_check(result: CheckResult) -> str:
    verdict = {True: "可以办理", False: "不予办理", None: "不能确定"}[result.allowed]
    lines = [f"事项{result.item}“{result.item_name}”（按 {result.on.isoformat()} 判断）：{verdict}"]
    for v in result.violations:
        where = f"违规禁办事项清单第{v.rule.entry}项" if v.rule.entry else "事项办理条件"
        lines.append(f"  ✗ {where}（规则 {v.rule.id}）：{v.rule.reason}")
        lines.append(f"    依据：{v.rule.basis}")
        shown = {k: x for k, x in v.facts.items() if k not in _NOT_FACTS}
        used = "，".join(f"{k}={_json(x)}" for k, x in shown.items())
        lines.append(f"    所用事实：{used or '（无）'}")
        if others := v.facts.get("regardless_of"):
            lines.append(f"    不论以下事实为何值都如此：{'、'.join(map(_fact_label, others))}")
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
        lines.extend(f"    - {_fact_label(name)}" for name in result.missing_facts)
    if result.allowed and not result.undecided and not result.violations:
        lines.append("  未发现违规禁办情形。")
    return "\n".join(lines)


def run_intake(args: argparse.Namespace) -> int:
    result = intake_check(load_catalog(), args.item, args.provided)
    if args.json:
        emit_json(result.as_dict())
    else:
        print(result.notice)
    return 0


def run_rules(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    rules = rules_for(catalog).rules
    if args.item:
        no = catalog.item(args.item).no
        rules = tuple(r for r in rules if no in r.items)
    rows = [
        {
            "id": r.id,
            "rule": r.entry,
            "items": list(r.items),
            "condition": r.condition.text,
            "basis": r.basis,
            "reason": r.reason,
            "reading": r.reading,
        }
        for r in rules
    ]
    if args.json:
        emit_json(rows)
        return 0
    print("\n\n".join(describe_rule(row) for row in rows))
    return 0


def describe_rule(row: dict[str, Any]) -> str:
    """One rule as staff read it: what is prohibited, on which basis, and how we read the text."""
    where = f"违规禁办事项清单第{row['rule']}项" if row["rule"] else "事项办理条件"
    items = "、".join(map(str, row["items"]))
    lines = [
        f"规则 {row['id']}（{where}；适用事项 {items}）",
        f"  禁办情形：{row['reason']}",
        f"  条件：{row['condition']}",
        f"  依据：{row['basis']}",
    ]
    if row["reading"]:
        lines.append(f"  理解：{row['reading']}")
    return "\n".join(lines)
