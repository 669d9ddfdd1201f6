"""Races as they happen in a hall: many people for the last places, two clerks pressing at once.

Real `shebao serve` processes on a database of their own: on PostgreSQL (`--database=postgres`)
two servers on different ports, on SQLite one; clients fire together from threads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from shebao.runtime import BEIJING, bootstrap
from tests.web.appointments.people import booking
from tests.web.database import POSTGRES_URL, using_postgres
from tests.web.processes import run, serving

CLIENTS = 200
CALLS = 100  # per clerk
TICKETS = 150


def request(url: str, body: object | None = None, token: str | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


class Store:
    """The servers' database, seen directly, to check that it agrees with the answers."""

    def __init__(self, data_dir: Path, url: str | None) -> None:
        self.data_dir, self.url = data_dir, url

    @property
    def env(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url} if self.url else {}

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.url:
            import psycopg

            with psycopg.connect(self.url, autocommit=True) as conn:
                cursor = conn.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall() if cursor.description else []
        with contextlib.closing(sqlite3.connect(self.data_dir / "shebao.sqlite3")) as conn:
            rows = conn.execute(sql, params).fetchall()
            conn.commit()
            return rows


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    """A fresh database for the servers: a new PostgreSQL database, or the data dir's SQLite."""
    if not using_postgres():
        yield Store(tmp_path / "data", None)
        return
    import psycopg

    name = f"shebao_race_{threading.get_native_id()}_{id(tmp_path) % 10**6}"
    base = POSTGRES_URL.rsplit("/", 1)[0]
    with psycopg.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Store(tmp_path / "data", f"{base}/{name}")
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def shebao(store: Store, *args: str, stdin: str = "") -> str:
    result = run(*args, "--data-dir", str(store.data_dir), stdin=stdin, **store.env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@contextlib.contextmanager
def servers(store: Store) -> Iterator[list[str]]:
    """Two servers on one PostgreSQL database, or one on SQLite; their base URLs.

    Each is waited for before the next starts: `Server.wait_until_ready` reads lines through a
    buffered pipe and can miss a ready line that arrived with earlier ones while nobody read.
    """
    urls = []
    with contextlib.ExitStack() as stack:
        for _ in range(2 if store.url else 1):
            args = ("--workers", "2", "--data-dir", str(store.data_dir))
            server = stack.enter_context(serving(*args, **store.env))
            urls.append(server.wait_until_ready())
        yield urls


def next_slot() -> str:
    """09:00 on the next working day: always bookable, whatever the day the test runs."""
    rt = bootstrap()
    day = rt.calendar.add_workdays(rt.today(), 1)
    return dt.datetime.combine(day, dt.time(9), BEIJING).isoformat()


def test_200_clients_race_for_3_places_and_exactly_3_get_one(store):
    shebao(store, "schedule", "set", "hall-3", "--capacity", "3")
    start = next_slot()
    with servers(store) as urls:
        gate = threading.Barrier(CLIENTS)

        def client(n: int) -> tuple[int, dict]:
            gate.wait()
            return request(urls[n % len(urls)] + "api/bookings", booking(n, start))

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = list(pool.map(client, range(CLIENTS)))
        day = start[:10]
        slots = request(f"{urls[0]}api/points/hall-3/slots?date={day}")[1]

    statuses = Counter(status for status, _ in answers)
    assert statuses == {201: 3, 409: CLIENTS - 3}, statuses
    assert {body["reason"] for status, body in answers if status == 409} == {"full"}
    codes = {body["code"] for status, body in answers if status == 201}
    held = store.query(
        "SELECT code, seat FROM appointments_booking WHERE status <> 'cancelled' ORDER BY seat"
    )
    assert {code for code, _ in held} == codes and [seat for _, seat in held] == [1, 2, 3]
    assert store.query("SELECT booked, capacity FROM appointments_slot") == [(3, 3)]
    assert slots[0]["booked"] == 3 and slots[0]["capacity"] == 3


def test_two_clerks_calling_next_at_once_never_get_the_same_ticket(store):
    shebao(
        store,
        "users",
        "add",
        "clerk1",
        "--role",
        "clerk",
        "--point",
        "hall-3",
        stdin="window-desk-2026",
    )
    shebao(
        store,
        "users",
        "add",
        "clerk2",
        "--role",
        "clerk",
        "--point",
        "hall-3",
        stdin="window-desk-2026",
    )
    tokens = [shebao(store, "users", "token", name).split()[0] for name in ("clerk1", "clerk2")]
    now = dt.datetime.now(BEIJING)
    # Numbers are taken on working days only; the queue itself is put in directly, so that the
    # test runs on any day.
    for n in range(1, TICKETS + 1):
        store.query(
            'INSERT INTO appointments_ticket (point, day, label, kind, status, taken, "window", '
            "clerk, recalls) VALUES (?, ?, ?, 'walk_in', 'waiting', ?, '', '', 0)",
            ("hall-3", now.date().isoformat(), f"A{n:03d}", now + dt.timedelta(seconds=n)),
        )
    with servers(store) as urls:
        gate = threading.Barrier(2)

        def clerk(n: int) -> list[str]:
            url = f"{urls[n % len(urls)]}api/points/hall-3/call-next"
            gate.wait()
            called = []
            for _ in range(CALLS):
                status, body = request(url, {"window": str(n + 1)}, tokens[n])
                assert status in (200, 204), body
                if status == 200:
                    called.append(body["ticket"])
            return called

        with ThreadPoolExecutor(2) as pool:
            first, second = pool.map(clerk, range(2))

    assert not set(first) & set(second)
    assert len(first) + len(second) == TICKETS == len(set(first) | set(second))
    calls = store.query(
        "SELECT t.label, COUNT(*) FROM appointments_ticketevent e JOIN appointments_ticket t "
        "ON t.id = e.ticket_id WHERE e.action = 'called' GROUP BY t.label"
    )
    assert len(calls) == TICKETS and {count for _, count in calls} == {1}
