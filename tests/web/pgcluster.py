"""A private PostgreSQL server for one test, which the test may stop and start at will.

The shared server on 5432 is never touched: this one is made with initdb in a temporary
directory, listens on a free port of 127.0.0.1, runs with fsync off (a test's data need not
survive a power cut) and is removed afterwards. As root, the server runs as the `postgres`
user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    def __init__(self, directory: Path, as_user: list[str]) -> None:
        self.directory = directory
        self.data = directory / "data"
        self.port = _free_port()
        self.as_user = as_user
        self.pg_ctl = _binary("pg_ctl") or "pg_ctl"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/shebao"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, self.pg_ctl, "-D", str(self.data), *args],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off"
        )
        self._pg_ctl("-o", options, "-l", str(self.directory / "server.log"), "-w", "start")

    def stop(self) -> None:
        """Stop as an operator's `systemctl stop` does: sessions are cut off at once."""
        self._pg_ctl("-m", "fast", "-w", "stop")


def problem() -> str | None:
    """Why a private PostgreSQL cannot be made here, or None."""
    if not (_binary("initdb") and _binary("pg_ctl")):
        return "没有 initdb / pg_ctl（PostgreSQL 服务器程序未安装）"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "以 root 运行，但没有 postgres 用户可用来运行 PostgreSQL"
    return None


@contextlib.contextmanager
def private_cluster() -> Iterator[Cluster]:
    """A running private server with an empty database `shebao`; removed afterwards.

    Its directory is made in the system's temporary folder, not under pytest's (which only
    its owner may enter), so that the `postgres` user reaches it.
    """
    directory = Path(tempfile.mkdtemp(prefix="shebao-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(directory, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    cluster = Cluster(directory, as_user)
    subprocess.run(
        [*as_user, _binary("initdb") or "initdb", "-D", str(cluster.data), "-A", "trust",
         "-U", "postgres", "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    cluster.start()
    try:
        import psycopg

        admin = cluster.url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE shebao")
        yield cluster
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            cluster._pg_ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(directory, ignore_errors=True)
