"""`shebao serve` starts Granian with its workers as children, answers, and stops them all."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request

import pytest

from tests.web.database import using_postgres
from tests.web.processes import alive, children, run, serving


@pytest.fixture
def database_env(request) -> dict[str, str]:
    """The database the served process uses: its own SQLite file, or the PostgreSQL test base."""
    if not using_postgres():
        return {}
    request.getfixturevalue("django_db_setup")
    from django.db import connection

    params = connection.settings_dict
    return {
        "DATABASE_URL": f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
    }


def get_json(url: str) -> tuple[int, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, json.loads(response.read().decode("utf-8"))


def stop_and_check(server, sent_to_group: bool, stop: signal.Signals) -> None:
    """Send `stop` to the server (or to its whole group, as a terminal's Ctrl-C does)."""
    workers = children(server.pid)
    assert len(workers) == 2, workers
    started = time.monotonic()
    if sent_to_group:
        os.killpg(server.pid, stop)
    else:
        os.kill(server.pid, stop)
    assert server.process.wait(timeout=30) == 0
    assert time.monotonic() - started < 15
    assert not [pid for pid in workers if alive(pid)], "a worker outlived the server"


def test_serve_answers_and_stops_with_all_its_workers(tmp_path, database_env):
    data = tmp_path / "data"
    with serving("--workers", "2", "--data-dir", str(data), **database_env) as server:
        url = server.wait_until_ready()
        status, health = get_json(url + "api/health")
        assert status == 200 and health["status"] == "ok" and health["database"] == "ok"
        status, item = get_json(url + "api/items/62")
        assert item["name"] == "社会保障卡挂失与解挂"
        printed = "".join(server.output)
        assert "还没有管理员。创建第一个管理员：shebao users add admin --role admin" in printed
        assert "生成密钥" in printed
        key = (data / "secret_key").read_text()
        assert oct((data / "secret_key").stat().st_mode)[-3:] == "600"
        assert (data / "shebao.sqlite3").exists() != using_postgres()
        stop_and_check(server, sent_to_group=False, stop=signal.SIGTERM)

    # A second start on the same data keeps its key; Ctrl-C stops it as SIGTERM did.
    with serving("--workers", "2", "--data-dir", str(data), **database_env) as server:
        url = server.wait_until_ready()
        assert get_json(url + "api/health")[0] == 200
        assert "生成密钥" not in "".join(server.output)
        assert (data / "secret_key").read_text() == key
        stop_and_check(server, sent_to_group=True, stop=signal.SIGINT)


def test_serve_stops_at_once_with_the_message_when_the_guide_is_bad(tmp_path):
    result = run("serve", "--port", "0", "--data-dir", str(tmp_path), SHEBAO_CITY="atlantis")
    assert result.returncode == 1
    assert result.stderr.startswith("shebao: ") and "Traceback" not in result.stderr
    assert "atlantis" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "端口应为 0—65535 的整数"),
        (["--workers", "0"], "应为 1—64 的整数"),
    ],
)
def test_serve_refuses_bad_options_in_chinese(cli, tmp_path, args, message):
    result = cli("serve", *args, "--data-dir", str(tmp_path))
    assert result.code == 2 and message in result.err
