"""`shebao backup FILE` and `shebao restore FILE`: the stored data, while the service runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from shebao.cli.stored import add_data_dir, open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backup",
        help="备份数据库（服务运行时也可以）",
        description="SQLite 用在线备份接口取得一致的快照；PostgreSQL 用 pg_dump（自定义格式）。"
        "开始备份之前已确认的每一件办件都在备份中。",
    )
    p.add_argument("file", metavar="FILE", help="备份文件，如 shebao-2026-11-30.backup")
    add_data_dir(p)
    p.set_defaults(handler=run_backup)

    p = sub.add_parser(
        "restore",
        help="用备份替换数据库的内容",
        description="SQLite 在数据库的写锁下整体替换；PostgreSQL 用 pg_restore --clean。"
        "恢复会覆盖现有数据，请先停止服务并确认备份文件无误。",
    )
    p.add_argument("file", metavar="FILE", help="shebao backup 生成的备份文件")
    add_data_dir(p)
    p.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.ops.services import backup

    done = backup(Path(args.file))
    print(f"已备份 {store.database} 到 {done.file}（{done.size:,} 字节）")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from shebao.web.store import open_store as open_data

    store = open_data(args.data_dir, migrate=False)
    from shebao.web.ops.services import restore

    done = restore(Path(args.file))
    print(f"已用 {done.file} 恢复 {store.database}")
    return 0
