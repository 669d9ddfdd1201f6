"""`shebao online purge`: delete uploaded files past their retention period (for cron)."""

from __future__ import annotations

import argparse

from shebao.cli.output import emit_json
from shebao.cli.stored import add_data_dir, open_store


def _days(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 36500):
        raise argparse.ArgumentTypeError(f"应为 1—36500 的整数天数，收到“{text}”")
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:
    online = sub.add_parser("online", help="网上办：删除保存期满的上传文件（供 cron 调用）")
    actions = online.add_subparsers(dest="online_action", metavar="ACTION")
    actions.required = True
    p = actions.add_parser(
        "purge",
        help="删除保存期满的上传文件",
        description="删除在保存期限内没有任何变化的网上申请的上传文件（待审核的除外）；"
        "记录保留文件的哈希值。期限取 --days，否则取环境变量 SHEBAO_ONLINE_RETENTION_DAYS。",
    )
    p.add_argument("--days", type=_days, help="保存期限（天）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_purge)


def run_purge(args: argparse.Namespace) -> int:
    open_store(args)
    from django.conf import settings

    from shebao.web.online.services import purge

    done = purge(args.days if args.days is not None else settings.ONLINE_RETENTION_DAYS)
    if args.json:
        emit_json({"before": done.before.isoformat(), "files": done.files, "bytes": done.bytes})
    else:
        since = f"{done.before:%Y-%m-%d}"
        print(f"已删除 {done.files} 个文件（{done.bytes} 字节），均为 {since} 以前不再变化的申请")
    return 0
