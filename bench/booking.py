"""Bookings per second through `shebao serve`, contended and not, on SQLite and PostgreSQL.

For each database a server is started on a fresh database (`--workers 3`, as in production but
for the count), and the same number of bookings is made twice by the same number of clients:

- contended: every client books places in ONE slot, so every booking waits for that slot's row
  lock (PostgreSQL) or the one writer (SQLite);
- uncontended: each client books in a slot of its own.

Both rows are printed with their ratio, measured in the same run. PostgreSQL is at
$SHEBAO_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432/test); skipped with the
reason when it does not answer.

Run: python bench/booking.py [--clients 32] [--per-client 10] [--workers 3]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from shebao.rules.identity import check_digit
from shebao.runtime import BEIJING, bootstrap

POSTGRES_URL = os.environ.get("SHEBAO_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test")
READY = re.compile(r"已在 (http://\S+/) 提供服务")
ITEM_AT_HALL_3 = 6


def id_number(n: int) -> str:
    day = dt.date(1970, 1, 1) + dt.timedelta(days=n // 1000)
    first17 = f"210202{day:%Y%m%d}{n % 1000:03d}"
    return first17 + check_digit(first17)


def environment(database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SHEBAO_DATA_DIR")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONUNBUFFERED"] = "1"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def shebao(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "shebao", *args], env=env, check=True, capture_output=True
    )


@contextlib.contextmanager
def server(env: dict[str, str], data_dir: Path, workers: int) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "shebao", "serve", "--port", "0", "--workers", str(workers),
         "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        start_new_session=True,
    )  # fmt: skip
    found: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if (match := READY.search(line)) and not found:
                found.append(match.group(1))
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(120) or not found:
            raise SystemExit("shebao serve did not start")
        yield found[0]
    finally:
        os.killpg(process.pid, 15)
        process.wait(30)


@contextlib.contextmanager
def postgres_database() -> Iterator[str | None]:
    """A fresh database for one run, dropped afterwards; None when PostgreSQL does not answer."""
    import psycopg

    base = POSTGRES_URL.rsplit("/", 1)[0]
    name = f"shebao_bench_{os.getpid()}"
    try:
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL: skipped ({str(exc).strip().splitlines()[0]})")
        yield None
        return
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def book(url: str, n: int, start: str) -> int:
    body = {
        "point": "hall-3", "item": ITEM_AT_HALL_3, "start": start,
        "id_number": id_number(n), "name": "王小明", "phone": "13804112233",
    }  # fmt: skip
    request = urllib.request.Request(
        url + "api/bookings", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def starts(count: int) -> list[str]:
    """`count` slot starts at hall-3 on the bookable days (30-minute slots, 12 a day)."""
    rt = bootstrap()
    out = []
    for ahead in range(1, 6):
        day = rt.calendar.add_workdays(rt.today(), ahead)
        for hour, minute in [(9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (13, 0), (13, 30),
                             (14, 0), (14, 30), (15, 0), (15, 30), (16, 0)]:  # fmt: skip
            out.append(dt.datetime.combine(day, dt.time(hour, minute), BEIJING).isoformat())
    if count > len(out):
        raise SystemExit(f"at most {len(out)} clients (one slot each when uncontended)")
    return out[:count]


def run_phase(
    url: str, clients: int, per_client: int, slot_of, first_id: int
) -> tuple[float, Counter]:
    gate = threading.Barrier(clients)

    def client(c: int) -> list[int]:
        gate.wait()
        return [book(url, first_id + c * per_client + k, slot_of(c)) for k in range(per_client)]

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = [s for statuses in pool.map(client, range(clients)) for s in statuses]
    return time.perf_counter() - began, Counter(results)


def measure(label: str, database_url: str | None, args: argparse.Namespace) -> None:
    total = args.clients * args.per_client
    with tempfile.TemporaryDirectory(prefix="shebao-bench-") as tmp:
        env = environment(database_url)
        data = Path(tmp) / "data"
        # Room for every booking in the contended slot; `per_client` in each uncontended one.
        room = str(total + args.per_client + 1)
        shebao(env, "schedule", "set", "hall-3", "--capacity", room, "--data-dir", str(data))
        slots = starts(args.clients)
        with server(env, data, args.workers) as url:
            book(url, 10**6, slots[-1])  # warm the workers up
            uncontended, u_statuses = run_phase(
                url, args.clients, args.per_client, lambda c: slots[c], 0
            )
            contended, c_statuses = run_phase(
                url, args.clients, args.per_client, lambda c: slots[0], 500_000
            )
    for name, seconds, statuses in (
        ("uncontended (a slot per client)", uncontended, u_statuses),
        ("contended (all in one slot)", contended, c_statuses),
    ):
        print(f"{label:<10} {name:<33} {total / seconds:8.0f} bookings/s  {dict(statuses)}")
    print(f"{label:<10} contended / uncontended: {uncontended / contended:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--per-client", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{args.clients} clients × {args.per_client} bookings each, "
        f"shebao serve --workers {args.workers}"
    )
    measure("SQLite", None, args)
    with postgres_database() as url:
        if url:
            measure("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
