"""The `--data-dir` option of every command on stored data, and opening the store with it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shebao.web.store import Store

DATA_DIR_HELP = (
    "数据目录：SQLite 数据库和密钥所在（默认取环境变量 SHEBAO_DATA_DIR，"
    "否则为 ~/.local/share/shebao）；设置了 DATABASE_URL 时数据库用它"
)


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    parser.set_defaults(runtime=False)  # Django loads the guide itself, once


def open_store(args: argparse.Namespace) -> Store:
    """Django on the data directory, migrated (Django loads only for commands on stored data)."""
    from shebao.web.store import open_store as open_data

    return open_data(args.data_dir)
