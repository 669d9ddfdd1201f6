"""The data directory, the secret key, the settings read from the environment, SQLite's pragmas."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from shebao.errors import ShebaoError
from shebao.web.datadir import default_data_dir, secret_key
from tests.web.database import using_postgres
from tests.web.processes import run


def test_the_data_dir_is_the_environment_s_else_the_per_user_one(monkeypatch, tmp_path):
    monkeypatch.setenv("SHEBAO_DATA_DIR", str(tmp_path / "d"))
    assert default_data_dir() == tmp_path / "d"
    monkeypatch.delenv("SHEBAO_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "shebao"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "shebao"


def test_the_secret_key_is_made_once_readable_by_the_owner_only(tmp_path):
    key, created = secret_key(tmp_path)
    assert created and len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
    assert secret_key(tmp_path) == (key, False)


def test_processes_starting_together_agree_on_one_key(tmp_path):
    results: list[tuple[str, bool]] = []
    threads = [
        threading.Thread(target=lambda: results.append(secret_key(tmp_path))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({key for key, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_an_empty_key_file_is_an_error_that_says_what_to_do(tmp_path):
    (tmp_path / "secret_key").write_text("\n")
    with pytest.raises(ShebaoError, match="删除它后重新启动会生成新的密钥"):
        secret_key(tmp_path)


def test_the_secret_key_comes_from_the_data_directory(settings):
    assert (Path(settings.DATA_DIR) / "secret_key").read_text().strip() == settings.SECRET_KEY


@pytest.mark.skipif(using_postgres(), reason="SQLite's pragmas")
@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions_and_a_busy_timeout():
    from django.db import connection

    with connection.cursor() as cursor:
        pragmas = {}
        for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys"):
            cursor.execute(f"PRAGMA {name}")
            pragmas[name] = cursor.fetchone()[0]
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 1,
        "busy_timeout": 15000,
        "foreign_keys": 1,
    }
    assert connection.transaction_mode == "IMMEDIATE"


SHOW_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({"debug": settings.DEBUG, "hosts": settings.ALLOWED_HOSTS,
                  "engine": db["ENGINE"], "options": db.get("OPTIONS", {})}))
"""


def _settings(tmp_path: Path, **env: str) -> dict:
    import subprocess
    import sys

    from tests.web.processes import environment

    out = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        capture_output=True,
        text=True,
        env=environment(
            SHEBAO_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="shebao.web.settings", **env
        ),
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_production_settings_come_from_the_environment(tmp_path):
    plain = _settings(tmp_path)
    assert plain["debug"] is False
    assert plain["hosts"] == ["localhost", "127.0.0.1", "[::1]"]
    assert plain["engine"] == "shebao.web.sqlite"  # Django's, writers queued on a file lock
    assert plain["options"]["init_command"] == "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL"
    told = _settings(
        tmp_path,
        SHEBAO_DEBUG="1",
        SHEBAO_ALLOWED_HOSTS="shebao.dl.gov.cn, 10.0.0.5",
        DATABASE_URL="postgres://shebao@db.internal:5432/shebao",
    )
    assert told["debug"] is True
    assert told["hosts"] == ["shebao.dl.gov.cn", "10.0.0.5"]
    assert told["engine"] == "shebao.web.postgres"  # Django's, a cheaper health check
    assert told["options"] == {"connect_timeout": 5}
    assert (
        "FULL" in _settings(tmp_path, SHEBAO_SQLITE_SYNCHRONOUS="full")["options"]["init_command"]
    )


def test_users_commands_keep_their_data_in_the_data_directory(tmp_path):
    data = tmp_path / "nested" / "data"
    added = run("users", "add", "zhao", "--role", "supervisor", "--data-dir", str(data), stdin="")
    assert added.returncode == 0, added.stderr
    assert "初始密码" in added.stdout
    assert oct(data.stat().st_mode)[-3:] == "700"
    assert oct((data / "secret_key").stat().st_mode)[-3:] == "600"
    assert (data / "shebao.sqlite3").is_file()
    listed = run("users", "list", "--json", "--data-dir", str(data))
    assert [s["name"] for s in json.loads(listed.stdout)] == ["zhao"]
    elsewhere = run("users", "list", "--json", "--data-dir", str(tmp_path / "other"))
    assert json.loads(elsewhere.stdout) == []


def test_a_database_that_does_not_answer_is_a_message_not_a_traceback(tmp_path):
    result = run(
        "users",
        "list",
        "--data-dir",
        str(tmp_path),
        DATABASE_URL="postgres://postgres@127.0.0.1:9/none",
    )
    assert result.returncode == 1
    assert result.stderr.startswith("shebao: 数据库无法使用（postgresql 127.0.0.1:9/none）")
    assert "Traceback" not in result.stderr


def test_a_malformed_database_url_is_named(tmp_path):
    result = run("users", "list", "--data-dir", str(tmp_path), DATABASE_URL="nosuchdb://x")
    assert result.returncode == 1 and "DATABASE_URL 无法识别" in result.stderr


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits 1 on a change


WRITER = """
import sys
from shebao.web.store import open_store
open_store(sys.argv[1])
from django.contrib.auth import get_user_model
from django.db import transaction
from shebao.web.accounts.models import ApiToken
user = get_user_model().objects.create_user("writer")
n = 0
while True:
    with transaction.atomic():
        ApiToken.objects.create(user=user, digest=f"{n:064d}", prefix="t")
    print(n, flush=True)  # acknowledged: the commit has returned
    n += 1
"""


@pytest.mark.skipif(using_postgres(), reason="SQLite's durability")
def test_every_acknowledged_sqlite_commit_survives_sigkill(tmp_path):
    import os
    import signal
    import sqlite3
    import subprocess
    import sys

    from tests.web.processes import environment

    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=environment(DJANGO_SETTINGS_MODULE="shebao.web.settings"),
    )
    try:
        acknowledged = -1
        assert writer.stdout is not None
        for line in writer.stdout:
            acknowledged = int(line)
            if acknowledged >= 300:
                break
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait(timeout=30)
        writer.stdout.close()
    assert acknowledged >= 300
    with sqlite3.connect(tmp_path / "shebao.sqlite3") as db:
        (stored,) = db.execute("SELECT count(*) FROM accounts_apitoken").fetchone()
    assert stored >= acknowledged + 1
