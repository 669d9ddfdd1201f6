"""`shebao check`, `intake-check`, `rules`: the prohibition list and 容缺 at the window."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from shebao.cli.output import emit_json
from shebao.errors import InputError, echo
from shebao.present.checks import check_dict, describe_check, describe_rule, intake_dict, rule_dict
from shebao.rules.facts import FACTS, MAX_FACTS_CHARS, facts_from_json
from shebao.runtime import Runtime
from shebao.services import checks
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date

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
    p.add_argument("--on", metavar="YYYY-MM-DD", help="按哪一天判断（默认今天，北京时间）")
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


def run_check(rt: Runtime, args: argparse.Namespace) -> int:
    on = parse_date(args.on, "--on 日期", years=SUPPORTED_YEARS) if args.on else None
    result = checks.check_item(rt, args.item, _facts_json(args.facts), on)
    if args.json:
        emit_json(check_dict(result))
    else:
        print(describe_check(result))
    return 0


def run_intake(rt: Runtime, args: argparse.Namespace) -> int:
    result = checks.intake_check(rt, args.item, args.provided)
    if args.json:
        emit_json(intake_dict(result))
    else:
        print(result.notice)
    return 0


def run_rules(rt: Runtime, args: argparse.Namespace) -> int:
    rules = checks.rules(rt, args.item)
    if args.json:
        emit_json([rule_dict(r) for r in rules])
    elif not rules:
        print("无适用规则：违规禁办事项清单和事项办理条件中没有适用于该事项的规则。")
    else:
        print("\n\n".join(describe_rule(r) for r in rules))
    return 0
