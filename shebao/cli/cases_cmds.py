"""`shebao cases remind | list | show`: the stored cases, for cron and for operators.

Whoever runs these on the server sees every point, as an administrator does; ID numbers are
always masked here (the full number is on the case's own page in the API, for staff).
"""

from __future__ import annotations

import argparse

from shebao.cli.output import emit_json, print_table
from shebao.cli.stored import add_data_dir, open_store
from shebao.present.case_reports import (
    CASE_HEADERS,
    case_row,
    describe_case,
    describe_reminders,
    reminders_dict,
)
from shebao.present.cases import case_detail, case_summary

TIMERS = "normal（正常）、warning（预警）、overdue（逾期）"


def _limit(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 1000):
        raise argparse.ArgumentTypeError(f"应为 1—1000 的整数，收到“{text}”")
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:
    cases = sub.add_parser("cases", help="办件：到期提醒（供 cron 调用）、列表、查看")
    actions = cases.add_subparsers(dest="cases_action", metavar="ACTION")
    actions.required = True

    p = actions.add_parser(
        "remind",
        help="终止逾期未补齐的容缺办件，列出并标记即将到期和已逾期的办件",
        description="供 cron 每天运行：重新计算已公布节假日年份的估算期限；终止补齐期限已过的"
        "容缺受理办件（记入历史）；列出并标记预警（2 个工作日内到期）和逾期的办件；"
        "办结后逾期未评价的办件默认评价为基本满意，并列出逾期的差评回访整改。"
        "可重复运行；成功时退出码为 0。",
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_remind)

    p = actions.add_parser("list", help="列出办件（证件号码隐去部分）")
    p.add_argument("--status", metavar="STATUS", help="状态，如 accepted、容缺受理")
    p.add_argument("--item", metavar="NO", help="事项编号")
    p.add_argument("--point", metavar="PLACE", help="服务点，如 hall-3")
    p.add_argument("--timer", metavar="TIMER", help=f"计时：{TIMERS}")
    p.add_argument("--limit", type=_limit, default=100, help="最多列出多少件（默认 100）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_list)

    p = actions.add_parser("show", help="查看一个办件：收件决定与历史（证件号码隐去部分）")
    p.add_argument("number", metavar="NUMBER", help="办件编号，如 K7QM-3XPA-HR2D")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_show)


def run_remind(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.cases.services import remind

    run = remind(store.runtime)
    rated = _remind_ratings(store.runtime)
    if args.json:
        emit_json(reminders_dict(run) | ({"ratings": rated[1]} if rated else {}))
    else:
        print(describe_reminders(run))
        if rated:
            print(rated[0])
    return 0


def _remind_ratings(rt) -> tuple[str, dict] | None:
    """好差评: defaults written and overdue follow-ups (when the ratings app is installed)."""
    from django.apps import apps

    if not apps.is_installed("shebao.web.ratings"):
        return None
    from shebao.present.ratings import describe_rating_reminders, rating_reminders_dict
    from shebao.web.ratings.services import remind as remind_ratings

    run = remind_ratings(rt)
    return describe_rating_reminders(run), rating_reminders_dict(run, rt.today())


def run_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.cases.services import OPERATOR, list_cases

    found = list_cases(
        store.runtime,
        OPERATOR,
        status=args.status,
        item=args.item,
        point=args.point,
        timer=args.timer,
        limit=args.limit,
    )
    if args.json:
        emit_json([case_summary(r) for r in found])
    elif not found:
        print("没有符合条件的办件")
    else:
        print_table(CASE_HEADERS, [case_row(r) for r in found])
    return 0


def run_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.cases.services import OPERATOR, get_case

    record = get_case(store.runtime, OPERATOR, args.number)
    if args.json:
        emit_json(case_detail(record, full_number=False))
    else:
        print(describe_case(record))
    return 0
