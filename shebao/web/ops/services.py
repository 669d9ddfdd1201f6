"""Backup and restore of the stored data, while the service runs.

SQLite: the online backup API copies a consistent snapshot page by page while other processes
keep writing (each step holds the read lock briefly); restore copies the file back the same way,
into the live database, under its write lock. PostgreSQL: pg_dump (a consistent snapshot in one
transaction) and pg_restore, in PostgreSQL's custom format. Every commit acknowledged before the
backup began is in it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from shebao.errors import InputError, ShebaoError, echo

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


@dataclass(frozen=True, slots=True)
class BackupDone:
    file: Path
    size: int
    database: str  # sqlite | postgresql


def _sqlite_path() -> Path:
    return Path(connection.settings_dict["NAME"])


def _pg_url() -> str:
    s = connection.settings_dict
    user = f"{s['USER']}@" if s.get("USER") else ""
    host = s.get("HOST") or "localhost"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{user}{host}{port}/{s['NAME']}"


def _pg_env() -> dict[str, str]:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def _target(path: Path) -> Path:
    if path.exists() and path.is_dir():
        raise InputError(f"{echo(path, 200)} 是一个目录；请给出备份文件的路径")
    if not path.parent.is_dir():
        raise InputError(f"目录 {echo(path.parent, 200)} 不存在")
    return path


def backup(path: Path) -> BackupDone:
    """Write a consistent copy of the database to `path` (atomically: a temp file, renamed)."""
    target = _target(path)
    temp = target.with_name(f".{target.name}.part")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(_sqlite_path(), temp)
        elif connection.vendor == "postgresql":
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={temp}", _pg_url()])
        else:  # pragma: no cover - only the two supported databases are configured
            raise ShebaoError(f"不支持备份 {connection.vendor} 数据库")
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ShebaoError(f"无法写入备份文件 {echo(target, 200)}：{exc.strerror}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return BackupDone(target, target.stat().st_size, connection.vendor)


def _sqlite_backup(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=15)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=256)  # small steps: writers wait at most one step
    finally:
        dst.close()
        src.close()


def restore(path: Path) -> BackupDone:
    """Replace the database's content with the backup in `path` (made by `backup`)."""
    if not path.is_file():
        raise InputError(f"找不到备份文件 {echo(path, 200)}")
    with path.open("rb") as file:
        head = file.read(16)
    connection.close()
    if connection.vendor == "sqlite":
        if head != SQLITE_MAGIC:
            raise InputError(f"{echo(path, 200)} 不是 SQLite 数据库的备份")
        _sqlite_restore(path, _sqlite_path())
    elif connection.vendor == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise InputError(f"{echo(path, 200)} 不是 PostgreSQL（pg_dump 自定义格式）的备份")
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={_pg_url()}",
              str(path)])  # fmt: skip
    return BackupDone(path, path.stat().st_size, connection.vendor)


def _sqlite_restore(source: Path, database: Path) -> None:
    check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError:
        ok = "不是有效的数据库文件"
    finally:
        check.close()
    if ok != "ok":
        raise InputError(f"备份文件 {echo(source, 200)} 已损坏：{ok}")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(database, timeout=15)
    try:
        src.backup(dst)  # under the destination's write lock: readers see old or new, whole
    finally:
        dst.close()
        src.close()


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise ShebaoError(f"找不到 {command[0]}：请安装 PostgreSQL 客户端（postgresql-client）")
    done = subprocess.run(command, capture_output=True, text=True, env=_pg_env(), check=False)
    if done.returncode != 0:
        detail = " ".join(done.stderr.split())[:300]
        raise ShebaoError(f"{command[0]} 失败（退出码 {done.returncode}）：{detail}")
