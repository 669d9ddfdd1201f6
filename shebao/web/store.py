"""Opening the stored data for a command: the data directory, Django, and the migrations.

Every command that touches stored data (`serve`, `users`, and those to come) calls
`open_store(data_dir)` first; an empty or older database is migrated there.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from pathlib import Path

from shebao.errors import ShebaoError
from shebao.runtime import Runtime
from shebao.web.datadir import DATA_DIR_ENV, prepare, secret_key

SETTINGS = "shebao.web.settings"


@dataclass(frozen=True, slots=True)
class Store:
    data_dir: Path
    database: str  # where the data is, for people: the SQLite path or the server, no password
    secret_created: bool  # the secret key was made by this start
    migrations_applied: int
    runtime: Runtime  # the process's one runtime, loaded when Django started


def open_store(data_dir: Path | str | None = None, *, migrate: bool = True) -> Store:
    """Set Django up on the data directory (created if missing) and bring the schema up to date.

    Call once per process, before anything imports a model. The directory is passed on to the
    server's workers through `SHEBAO_DATA_DIR`.
    """
    directory = prepare(data_dir)
    os.environ[DATA_DIR_ENV] = str(directory)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    _, created = secret_key(directory)

    import django
    from django.apps import apps
    from django.conf import settings

    if not apps.ready:
        django.setup()  # loads the guide (shebao.web.core): bad data stops here with its message
    if Path(settings.DATA_DIR) != directory:
        raise ShebaoError(f"本进程已打开数据目录 {settings.DATA_DIR}，不能再打开 {directory}")
    from django.db import DatabaseError

    from shebao.web.core import runtime

    try:
        applied = migrate_database(directory) if migrate else 0
    except DatabaseError as exc:
        raise ShebaoError(f"数据库无法使用（{describe_database()}）：{_why(exc)}") from None
    return Store(directory, describe_database(), created, applied, runtime())


def _why(exc: Exception) -> str:
    """The driver's reason, with what it means in Chinese where we know it."""
    from shebao.web.errors import cannot_write

    text = str(exc).strip()
    if cannot_write(exc):
        return f"存储空间已满或不可写入（{text}）"
    if "unable to open database file" in text:
        return f"无法打开数据库文件，请确认数据目录存在且可以读写（{text}）"
    return text


def migrate_database(directory: Path) -> int:
    """Apply the migrations not yet applied; the number applied (0 when up to date).

    A lock file in the data directory keeps two commands started at once from migrating
    together.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        lock = (directory / ".migrate.lock").open("w")
    except OSError as exc:  # a read-only data directory: fine for reading, if up to date
        if _plan(connection, MigrationExecutor):
            raise ShebaoError(
                f"数据库需要升级，但无法写入数据目录 {directory}：{exc.strerror}"
            ) from None
        return 0
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        plan = _plan(connection, MigrationExecutor)
        if plan:
            call_command("migrate", interactive=False, verbosity=0)
    return len(plan)


def _plan(connection, executor_class) -> list:  # type: ignore[no-untyped-def]
    executor = executor_class(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def describe_database() -> str:
    from django.db import connection

    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {params['NAME']}"
    host = params.get("HOST") or "localhost"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"{connection.vendor} {host}{port}/{params.get('NAME')}"


def unusable_database(exc: BaseException) -> str | None:
    """For a command: one sentence when `exc` says the database cannot be used now, else None."""
    from shebao.web.errors import cannot_write, database_errors

    if not isinstance(exc, database_errors()):
        return None
    if cannot_write(exc):
        return (
            f"数据无法保存：存储空间已满或数据库只能读取（{describe_database()}），"
            "本次操作没有保存，已保存的数据不受影响"
        )
    return f"数据库无法连接（{describe_database()}），请确认数据库正在运行后重试"
