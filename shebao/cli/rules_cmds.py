"""`shebao check`, `intake-check`, `rules`: the prohibition list and 容缺 at the window."""

from __future__ import annotations

import argparse
from typing import Any

from shebao.cli.output import emit_json
from shebao.cli.retirement_cmds import FEMALE_GROUPS
from shebao.present.checks import (
    check_dict,
    describe_check,
    describe_in_words,
    describe_rule,
    intake_dict,
    rule_dict,
)
from shebao.rules.facts import FACTS, facts_from_file, facts_from_json
from shebao.runtime import Runtime
from shebao.services import checks
from shebao.workdays.dates import parse_date


def _facts_help() -> str:
    return "\n".join(
        f"  {name}  {spec.label}\n      {spec.accepted()}" for name, spec in FACTS.items()
    )


_CHECK_EPILOG = f"""\
事实（--facts 给出的 JSON 对象的键；不知道的事实不写或写 null，系统不会替你假设）：
{_facts_help()}

写法：
  是/否类事实在 JSON 中只写 true 或 false（不加引号）；数量写成数，如 180（不写 "180"）。
  选项类事实写英文键（大小写不限，如 male、MALE）或括号中的中文（如 男、大连、外省）。
  日期也可写 1965/5/20、1965.05.20、1965年5月20日、19650520。
  全角数字和字母按半角读；零宽字符、BOM 不计；不换行空格、全角空格按空格读。
  给出 id_number 时，出生日期和性别从号码读出，同时给出的 birth_date、sex 须与号码一致。
  --facts @文件名 从文件读取：UTF-8（带不带 BOM 均可）或带 BOM 的 UTF-16（记事本的“Unicode”）。

{FEMALE_GROUPS}

例：
  shebao check 25 --facts '{{"id_number": "...", "contribution_months": 200}}' --on 2025-07-01
  shebao check 24 --facts @facts.json --json"""

_INTAKE_EPILOG = """\
材料名称怎样对应要件（--provided）：
  多个材料用逗号、顿号、分号或换行隔开（, ， 、 ; ；）；指南自己的名称中带顿号的
  （如“因病、非因公鉴定结论书”）整体识别。
  比较时不计书名号、括号、引号、空格和“的”，全角字符按半角读；名称结尾的 书、表、单、材料、
  资料 可以互换（“诊断书”即指南的“诊断”）；写出名称的一部分也可以（如“承诺书”）。
  能对应多个要件的名称不计入，告知中列出它可能指的要件，请写全名称后再查。
  写明缺少的（如“缺诊断书”“身份证未带”，含 缺、无、没带、未提供、不全、丢失 等字样）
  不算已提交，按缺件处理，并在告知中说明。
  对应不上任何要件的名称在告知中列出，请核对。最多 100 项、共 4000 字。

例：
  shebao intake-check 48 --provided "大连市劳动能力鉴定申请书，与伤病有关的医学诊断"
  shebao intake-check 24 --provided "身份证、社保卡、缺户口本" --json"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="按违规禁办事项清单检查一个事项能否办理",
        description="按违规禁办事项清单和事项的办理条件，检查一个事项对某人能否办理，"
        "并说明依据；缺少影响结论的事实时说明缺哪些。",
        epilog=_CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("item", metavar="ITEM", help="事项编号")
    p.add_argument(
        "--facts", required=True, metavar="JSON", help="事实：JSON 对象，或 @文件名（见下）"
    )
    p.add_argument(
        "--on", metavar="YYYY-MM-DD", help="按哪一天判断（默认今天，北京时间；2004—2099 年）"
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_check)

    p = sub.add_parser(
        "intake-check",
        help="收件检查：缺哪些要件、能否容缺受理，并给出一次性告知",
        epilog=_INTAKE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("item", metavar="ITEM", help="事项编号")
    p.add_argument(
        "--provided", default="", metavar="材料A,材料B", help="已提交的材料名称（写法见下）"
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_intake)

    p = sub.add_parser("rules", help="列出违规禁办规则及其依据")
    p.add_argument("--item", metavar="ITEM", help="只列出适用于该事项的规则")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_rules)


def _facts_json(text: str) -> Any:
    if text.startswith("@"):
        return facts_from_file(text[1:])
    return facts_from_json(text)


def run_check(rt: Runtime, args: argparse.Namespace) -> int:
    on = parse_date(args.on, "--on 日期") if args.on is not None else None
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
        return 0
    if not rules:
        print("无适用规则：违规禁办事项清单和事项办理条件中没有适用于该事项的规则。")
    else:
        print("\n\n".join(describe_rule(r) for r in rules))
    if args.item:
        print(describe_in_words(checks.conditions_in_words(rt, args.item)))
    return 0
