"""Nothing acknowledged is lost: `shebao serve` taking cases from concurrent clients is killed
with SIGKILL, and every case number a client received is there afterwards, with its history."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.cases.conftest import accepted, refused, returned, tolerated
from tests.web.database import POSTGRES_URL, using_postgres
from tests.web.processes import run, serving

CLIENTS = 6
ENOUGH = 60  # acknowledged cases before the kill


@pytest.fixture
def database(tmp_path) -> Iterator[dict[str, str]]:
    """The served process's database: its own SQLite file, or a PostgreSQL database of its own
    (not the test database, which other tests expect to find empty)."""
    if not using_postgres():
        yield {}
        return
    import psycopg

    name = f"shebao_durability_{os.getpid()}"
    with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield {"DATABASE_URL": POSTGRES_URL.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def stored_history(data: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """Each stored case's history statuses, read straight from the database."""
    sql = (
        "SELECT c.number, h.to_status FROM cases_case c "
        "JOIN cases_casehistory h ON h.case_id = c.id ORDER BY h.id"
    )
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            rows = conn.execute(sql).fetchall()
    else:
        with contextlib.closing(sqlite3.connect(data / "shebao.sqlite3")) as conn:
            rows = conn.execute(sql).fetchall()
    found: dict[str, list[str]] = {}
    for number, status in rows:
        found.setdefault(number, []).append(status)
    return found


def take_cases(url: str, token: str, received: list[str], stop: threading.Event) -> None:
    bodies = [accepted(), refused(), tolerated(), returned()]
    n = 0
    while not stop.is_set():
        body = json.dumps(bodies[n % len(bodies)]).encode()
        n += 1
        request = urllib.request.Request(
            url + "api/cases",
            data=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 201:
                    received.append(json.loads(response.read())["number"])
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError):
            # Cut off mid-answer (IncompleteRead) is not acknowledged: no number was read.
            if stop.is_set():
                return
            time.sleep(0.01)  # the server is gone or busy: keep trying until told to stop


def test_every_acknowledged_case_survives_sigkill_of_the_server(tmp_path, database):
    data = tmp_path / "data"
    added = run(
        "users", "add", "kim", "--role", "clerk", "--point", "hall-3", "--data-dir", str(data),
        stdin="", **database,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    token = run("users", "token", "kim", "--data-dir", str(data), **database).stdout.strip()
    received: list[str] = []
    stop = threading.Event()
    with serving("--workers", "2", "--data-dir", str(data), **database) as server:
        url = server.wait_until_ready()
        clients = [
            threading.Thread(target=take_cases, args=(url, token, received, stop))
            for _ in range(CLIENTS)
        ]
        for client in clients:
            client.start()
        deadline = time.monotonic() + 60
        while len(received) < ENOUGH and time.monotonic() < deadline:
            time.sleep(0.05)
        server.stop_now()  # SIGKILL to the server and its workers, mid-request
        stop.set()
        for client in clients:
            client.join(timeout=30)
    acknowledged = list(received)  # every 201 a client read in full, before or at the kill
    assert len(acknowledged) >= ENOUGH, "the server took too few cases before the kill"
    stored = stored_history(data, database)
    lost = [n for n in acknowledged if n not in stored]
    assert not lost, f"{len(lost)} acknowledged cases lost: {lost[:5]}"
    assert all(len(stored[n]) == 1 for n in acknowledged)  # each with its first history row
    assert len(set(acknowledged)) == len(acknowledged)
    shown = run("cases", "show", acknowledged[-1], "--json", "--data-dir", str(data), **database)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["history"][0]["by"] == "kim"
