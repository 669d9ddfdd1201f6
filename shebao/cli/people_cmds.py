"""`shebao people export | erase | purge-expired`: a person's data on request, and the
retention period kept (《个人信息保护法》第四十五条、第四十七条; see shebao.web.privacy)."""

from __future__ import annotations

import argparse
from typing import Any

from shebao.cli.output import emit_json
from shebao.cli.stored import add_data_dir, open_store


def register(sub: argparse._SubParsersAction) -> None:
    people = sub.add_parser("people", help="个人信息：导出、依法删除、删除超过保存期限的信息")
    actions = people.add_subparsers(dest="people_action", metavar="ACTION")
    actions.required = True

    p = actions.add_parser(
        "export",
        help="导出系统中关于某人的全部信息（JSON）：办件、办件记录、预约和排队号",
        description="按本人申请（个人信息保护法第四十五条）导出 JSON；工作人员只写“工作人员”。"
        "输出含完整身份证号码，请交本人，勿留存副本。",
    )
    p.add_argument("id_number", metavar="ID_NUMBER", help="18 位公民身份号码")
    add_data_dir(p)
    p.set_defaults(handler=run_export)

    p = actions.add_parser(
        "erase",
        help="依法删除某人的个人信息（匿名化，保留统计）：预约立即删除，办件在保存期限届满后删除",
        description="预约（未到时段的先取消）立即匿名化；已办结且保存期限（SHEBAO_RETENTION_YEARS）"
        "已满的办件匿名化；其余办件依法继续保存，列出保存到哪天。统计所需的事项、服务点、"
        "渠道、结果和日期保留。",
    )
    p.add_argument("id_number", metavar="ID_NUMBER", help="18 位公民身份号码")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_erase)

    p = actions.add_parser(
        "purge-expired",
        help="删除超过保存期限的个人信息（供 cron 每天运行）",
        description="已办结办件自办结次年 1 月 1 日起满 SHEBAO_RETENTION_YEARS 年（默认 30）、"
        "预约满 SHEBAO_BOOKING_RETENTION_DAYS 天（默认 180）后，匿名化其个人信息。可重复运行。",
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_purge)


def run_export(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.privacy.services import export_person

    emit_json(export_person(store.runtime, args.id_number))
    return 0


def run_erase(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.privacy.services import erase_person

    _report(erase_person(store.runtime, args.id_number), args.json)
    return 0


def run_purge(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.privacy.services import purge_expired

    _report(purge_expired(store.runtime), args.json)
    return 0


def _report(done: Any, as_json: bool) -> None:
    shown = {
        "cases_erased": done.cases_erased,
        "bookings_erased": done.bookings_erased,
        "bookings_cancelled": done.bookings_cancelled,
        "applications_erased": done.applications_erased,
        "cases_kept": done.kept,
    }
    if as_json:
        emit_json(shown)
        return
    cancelled = done.bookings_cancelled
    print(
        f"已删除（匿名化）办件 {done.cases_erased} 件、预约 {done.bookings_erased} 个"
        + (f"（其中取消未到时段的预约 {cancelled} 个）" if cancelled else "")
        + f"、网上申请 {done.applications_erased} 份"
    )
    for kept in done.kept:
        until = f"保存至 {kept['until']}" if kept["until"] else "办结后再按保存期限处理"
        what = "网上申请" if kept.get("kind") == "application" else "办件"
        print(f"{what} {kept['number']} 依法继续保存：{kept['why']}，{until}")
