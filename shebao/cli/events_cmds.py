"""`shebao event list`, `shebao event plan`: life events (一件事一次办) across several items."""

from __future__ import annotations

import argparse

from shebao.cli.output import emit_json, print_table
from shebao.cli.rules_cmds import _facts_json
from shebao.present.events import describe_plan, event_summary, plan_dict
from shebao.rules.facts import FACTS
from shebao.runtime import Runtime
from shebao.services import events
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date

_PLAN_EPILOG = """\
例：
  shebao event plan death --facts '{"death": "not_work_related", "has_dependants": true}'
  shebao event plan 工伤 --facts @facts.json --start 2026-09-28 --json
事件可写 key、中文名称或别名（shebao event list 列出）。未提供的事实为“不知道”：
取决于它的步骤列为“待定”，并列出需要补充的事实。
事实名称：""" + "、".join(FACTS)


def register(sub: argparse._SubParsersAction) -> None:
    event = sub.add_parser("event", help="一件事一次办：一件事要办的全部事项、材料、地点和时间")
    actions = event.add_subparsers(dest="action", metavar="ACTION", parser_class=type(event))
    actions.required = True

    p = actions.add_parser("list", help="列出全部“一件事”")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_list)

    p = actions.add_parser(
        "plan",
        help="按所给事实列出一件事的办理计划",
        epilog=_PLAN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("event", metavar="EVENT", help="事件 key 或名称，如 death、家人去世、工伤")
    p.add_argument("--facts", default="{}", metavar="JSON", help="事实（JSON 对象，或 @文件名）")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="从哪一天开始办（默认今天，北京时间）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_plan)


def run_list(rt: Runtime, args: argparse.Namespace) -> int:
    summaries = [event_summary(e) for e in events.events(rt)]
    if args.json:
        emit_json(summaries)
        return 0
    print_table(
        ["key", "名称", "步骤", "涉及事项", "说明"],
        [
            [s["key"], s["name"], len(s["steps"]), "、".join(map(str, s["items"])), s["summary"]]
            for s in summaries
        ],
    )
    return 0


def run_plan(rt: Runtime, args: argparse.Namespace) -> int:
    start = parse_date(args.start, "--start 日期", years=SUPPORTED_YEARS) if args.start else None
    plan = events.plan(rt, args.event, _facts_json(args.facts), start)
    if args.json:
        emit_json(plan_dict(plan))
    else:
        print(describe_plan(plan))
    return 0
