"""`shebao schedule set | show`: each service point's opening hours, slot length and places."""

from __future__ import annotations

import argparse

from shebao.cli.output import emit_json
from shebao.cli.stored import add_data_dir, open_store
from shebao.errors import InputError, echo
from shebao.present.appointments import schedule_dict, schedule_text
from shebao.text import code


def register(sub: argparse._SubParsersAction) -> None:
    schedule = sub.add_parser("schedule", help="服务点的预约排班：开放时间、时段长度、每时段人数")
    actions = schedule.add_subparsers(dest="schedule_action", metavar="ACTION")
    actions.required = True

    p = actions.add_parser(
        "set",
        help="设置一个服务点的排班（未给出的项保持原值）",
        description="只在工作日有时段：法定节假日没有，调休上班的周六周日有。",
    )
    p.add_argument("point", metavar="POINT", help="服务点，如 hall-3（见 shebao schedule show）")
    p.add_argument(
        "--capacity", metavar="N", help="每个时段可约人数（开放预约的窗口数；0 为不开放）"
    )
    p.add_argument("--slot-minutes", metavar="M", help="每个时段的分钟数，如 30")
    p.add_argument(
        "--hours", metavar="HH:MM-HH:MM,...", help="开放时间，如 09:00-11:30,13:00-16:30"
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_set)

    p = actions.add_parser("show", help="列出各服务点的排班")
    p.add_argument("point", metavar="POINT", nargs="?", help="只看一个服务点")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_show)


def _count(text: str | None, option: str) -> int | None:
    if text is None:
        return None
    typed = code(text)
    if not typed.isdigit():
        raise InputError(f"{option} 应为整数，收到“{echo(text)}”")
    return int(typed)


def run_set(args: argparse.Namespace) -> int:
    capacity = _count(args.capacity, "--capacity")
    minutes = _count(args.slot_minutes, "--slot-minutes")
    if capacity is None and minutes is None and args.hours is None:
        raise InputError("请至少给出 --capacity、--slot-minutes、--hours 中的一项")
    store = open_store(args)
    from shebao.web.appointments.services import set_schedule

    info = set_schedule(store.runtime, args.point, capacity, minutes, args.hours)
    if args.json:
        emit_json(schedule_dict(info))
    else:
        print(f"已设置 {schedule_text(info)}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.appointments.services import schedules

    found = schedules(store.runtime, args.point)
    if args.json:
        emit_json([schedule_dict(s) for s in found])
    else:
        for info in found:
            print(schedule_text(info))
    return 0
