"""Sub-commands for working days: deadline, workdays, is-workday, holidays load/show."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from shebao.cli.output import emit_json, print_table
from shebao.errors import InputError
from shebao.present.workdays import (
    day_dict,
    deadline_dict,
    describe_day,
    describe_deadline,
    describe_holiday_load,
    describe_workday_count,
    holiday_rows,
    holiday_year_dict,
    workday_count_dict,
)
from shebao.runtime import Runtime
from shebao.services import holidays, workdays
from shebao.workdays.dates import parse_date
from shebao.workdays.deadlines import ChannelRequired


def register(sub: Any) -> None:
    p = sub.add_parser(
        "deadline",
        help="推算事项的办结期限（按工作日计）",
        description="办结期限是受理日之后的第 N 个工作日，受理当日不计入；非工作日收到的申请"
        "视为下一个工作日受理；即时办结的当日办结。",
    )
    p.add_argument("item", metavar="ITEM", help="事项编号")
    p.add_argument(
        "--accepted",
        required=True,
        metavar="YYYY-MM-DD",
        help="收件（受理）日期；也可写 2026/9/30、2026年9月30日（2004—2099 年）",
    )
    p.add_argument(
        "--channel",
        metavar="CHANNEL",
        help="办理渠道：window（窗口办/窗口）、online（网上办/网上）、mobile（掌上办/掌上）、"
        "self_service（自助办/自助），英文大小写不限。不写时，各渠道时限相同的事项按其第一个"
        "渠道（通常是窗口办）推算；各渠道时限不同的事项（如 61、64）必须写明",
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_deadline)

    p = sub.add_parser("workdays", help="统计两个日期之间的工作日数")
    p.add_argument("start", metavar="FROM", help="起始日期 YYYY-MM-DD")
    p.add_argument("end", metavar="TO", help="结束日期 YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_workdays)

    p = sub.add_parser("is-workday", help="某天是否工作日")
    p.add_argument("date", metavar="DATE", help="日期 YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_is_workday)

    p = sub.add_parser("holidays", help="载入或查看某年的节假日安排")
    actions = p.add_subparsers(dest="holidays_action", metavar="ACTION")
    actions.required = True
    load = actions.add_parser("load", help="校验并载入一年的节假日安排文件（YAML）")
    load.add_argument("file", metavar="FILE", help="例如 2027.yaml，格式见 shebao/data/holidays")
    load.add_argument(
        "--replace",
        action="store_true",
        help="确认替换：该年已有数据文件，或 chinesecalendar 已含该年时，不加此项不会载入",
    )
    load.set_defaults(handler=_holidays_load)
    show = actions.add_parser("show", help="显示某年的节假日和调休上班日")
    show.add_argument("year", metavar="YEAR", help="年份，例如 2026")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.set_defaults(handler=_holidays_show)


def _deadline(rt: Runtime, args: argparse.Namespace) -> int:
    accepted = parse_date(args.accepted, "受理日期")
    try:
        result = workdays.item_due_date(rt, args.item, accepted, args.channel)
    except ChannelRequired as exc:
        raise InputError(f"{exc}：加 --channel，例如 --channel 网上办") from None
    if args.json:
        emit_json(deadline_dict(result))
    else:
        print(describe_deadline(result))
    return 0


def _workdays(rt: Runtime, args: argparse.Namespace) -> int:
    start = parse_date(args.start, "起始日期")
    end = parse_date(args.end, "结束日期")
    result = workdays.count_workdays(rt, start, end)
    if args.json:
        emit_json(workday_count_dict(result))
    else:
        print(describe_workday_count(result))
    return 0


def _is_workday(rt: Runtime, args: argparse.Namespace) -> int:
    info = workdays.day_info(rt, parse_date(args.date))
    if args.json:
        emit_json(day_dict(info))
    else:
        print(describe_day(info))
    return 0


def _holidays_show(rt: Runtime, args: argparse.Namespace) -> int:
    year = holidays.parse_year(args.year)
    shown = holidays.holiday_year(rt, year)
    arr = shown.arrangement
    if args.json:
        emit_json(holiday_year_dict(shown))
        return 0
    print(f"{year} 年节假日安排 — 来源：{arr.source}")
    if not arr.known:
        for text in shown.warnings:
            print(f"注意：{text}")
        print(f"载入后数据文件位于：{shown.file}")
        return 0
    off, worked = holiday_rows(shown)
    print("\n放假：")
    print_table(["名称", "日期", "天数"], off)
    print("\n调休上班：")
    print_table(["名称", "日期"], worked)
    return 0


def _holidays_load(rt: Runtime, args: argparse.Namespace) -> int:
    print(describe_holiday_load(holidays.load_holiday_year(rt, Path(args.file), args.replace)))
    return 0
