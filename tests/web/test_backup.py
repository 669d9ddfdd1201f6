"""`shebao backup` during writes, then `shebao restore`: every acknowledged write is there."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.web import processes
from tests.web.database import POSTGRES_URL, postgres_problem, using_postgres

# A writer as the service is one: each line it prints is a commit acknowledged to a client.
WRITER = """
import sys
from shebao.web.store import open_store
open_store(sys.argv[1])
from django.contrib.auth.models import User
n = 0
while True:
    n += 1
    User.objects.create(username=f"w{n}")
    print(n, flush=True)
"""


@pytest.fixture
def database_env():
    """SQLite in the data directory, or a fresh PostgreSQL database dropped afterwards."""
    if not using_postgres():
        yield {}
        return
    if problem := postgres_problem():
        pytest.skip(problem)
    name = f"shebao_backup_{os.getpid()}_{int(time.time() * 1000) % 10**9}"
    subprocess.run(["psql", POSTGRES_URL, "-qc", f"CREATE DATABASE {name}"], check=True)
    try:
        yield {"DATABASE_URL": POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"}
    finally:
        subprocess.run(
            ["psql", POSTGRES_URL, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
            check=False,
        )


def _count(data_dir: Path, env: dict[str, str]) -> set[int]:
    code = (
        "import sys\nfrom shebao.web.store import open_store\nopen_store(sys.argv[1])\n"
        "from django.contrib.auth.models import User\n"
        "print(' '.join(u[1:] for u in User.objects.filter(username__startswith='w')"
        ".values_list('username', flat=True)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)],
        capture_output=True,
        text=True,
        env=processes.environment(**env),
        check=True,
    )
    return {int(x) for x in done.stdout.split()}


def test_a_backup_taken_during_writes_restores_every_write_acknowledged_before_it(
    tmp_path, database_env
):
    env = database_env
    data = tmp_path / "data"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data)],
        stdout=subprocess.PIPE,
        text=True,
        env=processes.environment(**env),
    )
    try:
        acknowledged = 0
        while acknowledged < 50:  # the writer is up and committing
            acknowledged = int(writer.stdout.readline())
        backup = tmp_path / "snapshot.backup"
        before = acknowledged
        done = processes.run("backup", str(backup), "--data-dir", str(data), **env)
        assert done.returncode == 0, done.stderr
        assert "已备份" in done.stdout and backup.stat().st_size > 0
    finally:
        writer.terminate()
        writer.wait(timeout=30)
    after_backup = _count(data, env)
    assert set(range(1, before + 1)) <= after_backup

    # Restore over the live data: it goes back to the snapshot.
    done = processes.run("restore", str(backup), "--data-dir", str(data), **env)
    assert done.returncode == 0, done.stderr
    restored = _count(data, env)
    assert set(range(1, before + 1)) <= restored <= after_backup


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(tmp_path, database_env):
    env = database_env
    data = tmp_path / "data"
    assert processes.run("users", "list", "--data-dir", str(data), **env).returncode == 0
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all")
    done = processes.run("restore", str(junk), "--data-dir", str(data), **env)
    assert done.returncode == 2 and "不是" in done.stderr and "Traceback" not in done.stderr
    missing = processes.run("restore", str(tmp_path / "none"), "--data-dir", str(data), **env)
    assert missing.returncode == 2 and "找不到备份文件" in missing.stderr
