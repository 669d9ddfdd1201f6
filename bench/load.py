"""A Monday-morning mix against `shebao serve` as it runs in production, on SQLite or PostgreSQL.

Starts `shebao serve` (production defaults: one worker per core; `--workers` to change) on a
fresh data directory, sets it up as a hall would be (hall-3 open to bookings, a clerk with an
API token, a few cases taken in for citizens to look up), then drives it from separate client
processes on loopback with this mix, each request drawn at random:

- 80 % citizen reads: the home page, item pages, `GET /api/items/{n}`, `GET /api/search` with
  varied everyday questions;
- 15 % public writes and look-ups: bookings (`POST /api/bookings`, random valid resident IDs),
  public case look-ups (`GET /api/public/cases/{n}?id_last6=`), self-checks (`POST /api/check`);
- 5 % staff writes: case intakes (`POST /api/cases`) with a clerk's bearer token.

Each client connection keeps its connection alive and comes from its own loopback address
(127.0.0.x), as citizens behind different addresses do. Prints requests per second, p50, p95
and p99 latency per class and per kind of request, the errors (any answer but the one expected;
a booking refused with 409 `full`/`one_per_day` is an expected answer, counted apart), and the
server's memory (RSS of the main process and its workers) at the start and the end; with
`--soak` it also samples memory each minute, to show whether it grows.

Goal on this 2-core machine (issue 16): ≥ 500 mixed requests/s, p99 < 100 ms, zero errors. The
clients share the cores with the server: compare figures of one run, not across machines.

Run: python bench/load.py [--duration 60] [--concurrency 32] [--database sqlite|postgres]
     python bench/load.py --database postgres --threads 8   (serve's threads per worker)
     python bench/load.py --soak 600      (the 10-minute soak)
PostgreSQL is at $SHEBAO_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432/test); a
fresh database is made for the run and dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

READY = re.compile(r"已在 (http://\S+/) 提供服务")
POSTGRES_URL = os.environ.get("SHEBAO_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test")
POINT = "hall-3"
BOOKABLE_ITEM = 6  # handled by window at hall-3
CLERK_PASSWORD = "window-desk-2026"
SEEDED_CASES = 20

# (class, kind, weight in percent)
MIX = (
    ("read", "home", 10),
    ("read", "item_page", 30),
    ("read", "api_item", 15),
    ("read", "api_search", 25),
    ("public", "booking", 5),
    ("public", "case_lookup", 5),
    ("public", "self_check", 5),
    ("staff", "intake", 5),
)
QUESTIONS = (
    "社保卡丢了怎么办", "退休", "tuixiu", "sbkgs", "工伤认定", "养老金领取", "失业金", "公积金",
    "我想办退休手续需要什么材料", "单位开户", "养老保险关系转移", "工伤医疗费报销", "丧葬补助金",
    "个体工商户参保", "灵活就业缴费", "劳动能力鉴定", "I lost my social security card",
    "死亡待遇申领", "社保咔挂失", "补缴养老保险", "停保", "退休金账户变更", "遗属待遇",
)  # fmt: skip
EXPECTED = {"booking": {201}, "intake": {201}}  # kind → right answers; others 200
# A booking refused for these reasons is a right answer too (random people may repeat, a slot
# may fill up): counted apart, not as an error.
REFUSALS = (b'"full"', b'"one_per_day"', b'"one_per_item"')
REFUSED = {"booking": 409}


@dataclass(frozen=True)
class Plan:
    """What the clients need to make valid requests: drawn up once the data is set up."""

    url: str
    token: str
    starts: tuple[str, ...]
    cases: tuple[tuple[str, str], ...]  # (number, last 6 of the ID)
    items: tuple[int, ...]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: Counter = field(default_factory=Counter)  # kind → errors
    samples: list[str] = field(default_factory=list)  # a few unexpected answers, to show


# --- valid people and requests -----------------------------------------------------------


def resident_id(rng: random.Random) -> str:
    from shebao.rules.identity import check_digit

    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(50 * 365))
    first17 = f"210202{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + check_digit(first17)


def request_for(kind: str, plan: Plan, rng: random.Random) -> tuple[str, str, dict | None, bool]:
    """(method, path, JSON body or None, with the staff token) for one request of `kind`."""
    if kind == "home":
        return "GET", "/", None, False
    if kind == "item_page":
        return "GET", f"/items/{rng.choice(plan.items)}", None, False
    if kind == "api_item":
        return "GET", f"/api/items/{rng.choice(plan.items)}", None, False
    if kind == "api_search":
        return "GET", "/api/search?q=" + quote(rng.choice(QUESTIONS)), None, False
    if kind == "booking":
        body = {
            "point": POINT, "item": BOOKABLE_ITEM, "start": rng.choice(plan.starts),
            "id_number": resident_id(rng), "name": "王小明", "phone": "13804112233",
        }  # fmt: skip
        return "POST", "/api/bookings", body, False
    if kind == "case_lookup":
        number, last6 = rng.choice(plan.cases)
        return "GET", f"/api/public/cases/{number}?id_last6={last6}", None, False
    if kind == "self_check":
        facts = {"contribution_months": rng.randrange(0, 500), "employee_pension_insured": True}
        return "POST", "/api/check", {"item": 25, "facts": facts}, False
    if kind == "intake":
        return "POST", "/api/cases", intake_body(resident_id(rng)), True
    raise ValueError(kind)


def intake_body(id_number: str) -> dict:
    """Item 60 with its materials: accepted at once."""
    return {
        "item": 60, "channel": "window",
        "applicant": {"kind": "person", "id_number": id_number, "name": "王小明",
                      "phone": "13804112233"},
        "facts": {}, "provided": ["劳动人事争议仲裁申请书", "身份证"], "commitment_signed": False,
    }  # fmt: skip


# --- the load clients --------------------------------------------------------------------


def run_clients(plan: Plan, concurrency: int, processes: int, seconds: float) -> Tally:
    """`concurrency` keep-alive connections spread over `processes` client processes."""
    processes = max(1, min(processes, concurrency))
    shares = [
        (concurrency // processes + (1 if i < concurrency % processes else 0), i * 1000)
        for i in range(processes)
    ]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        parts = pool.starmap(_client_process, [(plan, n, seconds, seed) for n, seed in shares])
    total = Tally()
    for part in parts:
        for kind, values in part.latencies.items():
            total.latencies[kind].extend(values)
        for kind, counts in part.statuses.items():
            total.statuses[kind].update(counts)
        total.errors.update(part.errors)
        total.samples.extend(part.samples[: 5 - len(total.samples)])
    return total


def _client_process(plan: Plan, connections: int, seconds: float, seed: int) -> Tally:
    return asyncio.run(_clients(plan, connections, seconds, seed))


async def _clients(plan: Plan, connections: int, seconds: float, seed: int) -> Tally:
    host, port = re.match(r"http://([^:/]+):(\d+)", plan.url).groups()
    kinds = [kind for _, kind, _ in MIX]
    weights = [weight for _, _, weight in MIX]
    deadline = time.perf_counter() + seconds
    tally = Tally()

    async def connection(n: int) -> None:
        rng = random.Random(f"{seed}-{n}-{time.time_ns()}")  # new people every run
        source = (f"127.0.{(seed // 1000) + 1}.{n % 250 + 2}", 0)  # a citizen's own address
        reader = writer = None
        while time.perf_counter() < deadline:
            kind = rng.choices(kinds, weights)[0]
            method, path, body, staff = request_for(kind, plan, rng)
            raw = _encode(method, path, body, plan.token if staff else None, host, port)
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(
                        host, int(port), local_addr=source
                    )
                started = time.perf_counter()
                writer.write(raw)
                status, closes, answer = await _read_response(reader)
                tally.latencies[kind].append((time.perf_counter() - started) * 1000)
                tally.statuses[kind][status] += 1
                refused = status == REFUSED.get(kind) and any(r in answer for r in REFUSALS)
                if refused:
                    tally.statuses[kind][_reason(answer)] += 1
                if status not in EXPECTED.get(kind, {200}) and not refused:
                    tally.errors[kind] += 1
                    if len(tally.samples) < 5:
                        tally.samples.append(f"{method} {path} → {status} {answer[:200]!r}")
                if closes:
                    writer.close()
                    reader = writer = None
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                tally.errors[kind] += 1
                tally.statuses[kind][type(exc).__name__] += 1
                if writer is not None:
                    writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(connection(n) for n in range(connections)))
    return tally


def _reason(answer: bytes) -> str:
    try:
        return str(json.loads(answer).get("reason"))
    except ValueError:
        return "?"


def _encode(method: str, path: str, body: dict | None, token: str | None, host: str, port: str):
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "User-Agent: shebao-load"]
    payload = b""
    if body is not None:
        payload = json.dumps(body, ensure_ascii=False).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    closes = re.search(rb"(?i)\r\nconnection:\s*close", head) is not None
    if length := re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head):
        return status, closes, await reader.readexactly(int(length.group(1)))
    if re.search(rb"(?i)\r\ntransfer-encoding:\s*chunked", head):
        body = b""
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            body += await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
        return status, closes, body
    return status, closes, b""


# --- the server and its data ---------------------------------------------------------------


def environment(database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SHEBAO_DATA_DIR")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONUNBUFFERED"] = "1"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def shebao(env: dict[str, str], *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "shebao", *args], env=env, input=stdin, capture_output=True,
        text=True,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"shebao {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


@contextlib.contextmanager
def server(
    env: dict[str, str], data_dir: Path, workers: int, threads: int = 0
) -> Iterator[tuple[str, int]]:
    """`shebao serve` in its own session; yields its address and process id."""
    args = ["--workers", str(workers)] if workers else []
    args += ["--threads", str(threads)] if threads else []
    process = subprocess.Popen(
        [sys.executable, "-m", "shebao", "serve", "--port", "0", "--data-dir", str(data_dir),
         *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        start_new_session=True,
    )  # fmt: skip
    found: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if (match := READY.search(line)) and not found:
                found.append(match.group(1).rstrip("/"))
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(120) or not found:
            raise SystemExit("shebao serve did not start")
        yield found[0], process.pid
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh database for one run, dropped afterwards."""
    import psycopg

    base = POSTGRES_URL.rsplit("/", 1)[0]
    name = f"shebao_load_{os.getpid()}"
    try:
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        raise SystemExit(f"PostgreSQL 无应答：{str(exc).strip().splitlines()[0]}") from None
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rss_kib(pid: int) -> dict[int, int]:
    """Resident memory of `pid` and every process below it, KiB each (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, todo = [pid], [pid]
    while todo:
        parent = todo.pop()
        below = [p for p, pp in parents.items() if pp == parent]
        tree += below
        todo += below
    sizes = {}
    for p in tree:
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{p}/status").read_text()
            sizes[p] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return sizes


def call(url: str, method: str, body: dict | None = None, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def slot_starts(url: str, days: int = 5) -> tuple[str, ...]:
    """Every slot start at hall-3 on the next working days the server offers."""
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()  # Beijing
    starts: list[str] = []
    for ahead in range(1, 15):
        day = today + dt.timedelta(days=ahead)
        slots = call(f"{url}/api/points/{POINT}/slots?date={day}", "GET")
        starts += [slot["start"] for slot in slots]
        if slots:
            days -= 1
        if not days:
            break
    if not starts:
        raise SystemExit("hall-3 offers no slot in the next two weeks")
    return tuple(starts)


def set_up(env: dict[str, str], data_dir: Path, capacity: int) -> str:
    """The hall's schedule and a clerk; returns the clerk's API token."""
    dirs = ["--data-dir", str(data_dir)]
    shebao(env, "schedule", "set", POINT, "--capacity", str(capacity), *dirs)
    shebao(env, "users", "add", "clerk1", "--role", "clerk", "--point", POINT, *dirs,
           stdin=CLERK_PASSWORD)  # fmt: skip
    return shebao(env, "users", "token", "clerk1", *dirs).split()[0]


def seed_cases(url: str, token: str) -> tuple[tuple[str, str], ...]:
    rng = random.Random(7)
    cases = []
    for _ in range(SEEDED_CASES):
        id_number = resident_id(rng)
        answer = call(f"{url}/api/cases", "POST", intake_body(id_number), token)
        cases.append((answer["number"], id_number[-6:]))
    return tuple(cases)


# --- the run -----------------------------------------------------------------------------


def pct(ordered: list[float], p: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] if ordered else 0.0


def report(tally: Tally, seconds: float) -> None:
    classes = {kind: cls for cls, kind, _ in MIX}
    rows: list[tuple[str, list[float], int, int]] = []
    for cls in dict.fromkeys(c for c, _, _ in MIX):
        kinds = [k for k, c in classes.items() if c == cls]
        lat = sorted(v for k in kinds for v in tally.latencies[k])
        refused = sum(tally.statuses[k][REFUSED[k]] for k in kinds if k in REFUSED)
        rows.append((f"{cls} (all)", lat, sum(tally.errors[k] for k in kinds), refused))
        for k in kinds:
            lat_k = sorted(tally.latencies[k])
            rows.append((f"  {k}", lat_k, tally.errors[k], tally.statuses[k][REFUSED.get(k, 0)]))
    everything = sorted(v for values in tally.latencies.values() for v in values)
    rows.append(("all", everything, sum(tally.errors.values()), 0))
    print(f"{'class':<18} {'requests':>9} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'p99 ms':>7} {'errors':>7} {'409':>6}")  # fmt: skip
    for name, lat, errors, refused in rows:
        print(
            f"{name:<18} {len(lat):>9} {len(lat) / seconds:>8.0f} {pct(lat, 50):>7.1f} "
            f"{pct(lat, 95):>7.1f} {pct(lat, 99):>7.1f} {errors:>7} {refused or '':>6}"
        )
    for kind, code in REFUSED.items():
        reasons = {k: n for k, n in tally.statuses[kind].items() if isinstance(k, str)}
        if reasons:
            print(f"  {kind} refused with {code} (expected answers, not errors): {reasons}")
    for sample in tally.samples:
        print("  unexpected:", sample)
    total = len(everything) / seconds
    p99 = pct(everything, 99)
    errors = sum(tally.errors.values())
    verdict = "met" if total >= 500 and p99 < 100 and not errors else "NOT met"
    print(f"goal ≥ 500 req/s, p99 < 100 ms, 0 errors: {total:.0f} req/s, p99 {p99:.1f} ms, "
          f"{errors} errors: {verdict}")  # fmt: skip


def describe_rss(sizes: dict[int, int]) -> str:
    each = " + ".join(f"{kib / 1024:.0f}" for kib in sizes.values())
    return f"{sum(sizes.values()) / 1024:.0f} MiB ({each})"


def measure(args: argparse.Namespace, database_url: str | None) -> int:
    seconds = args.soak or args.duration
    # Room for every booking the run could make (about 1/20 of the requests, spread over the
    # slots of 5 days, 60 at hall-3) with a wide margin: "full" would only measure refusals.
    # A slot takes at most 1000 people (`shebao schedule set`): past about 20 minutes at full
    # speed some slots fill, and their bookings are answered `full` (counted apart, not errors).
    capacity = min(1000, max(400, int(seconds)))
    with tempfile.TemporaryDirectory(prefix="shebao-load-") as tmp:
        env = environment(database_url)
        data = Path(tmp) / "data"
        token = set_up(env, data, capacity)
        with server(env, data, args.workers, args.threads) as (url, pid):
            plan = Plan(url, token, slot_starts(url), seed_cases(url, token), tuple(range(1, 85)))
            print(
                f"database: {args.database}, shebao serve pid {pid} with "
                f"{len(rss_kib(pid)) - 1} workers, {args.concurrency} connections from "
                f"{args.processes} client processes, {seconds:g} s, hall-3 capacity {capacity}"
                f" × {len(plan.starts)} slots, load average {os.getloadavg()[0]:.1f}"
            )
            run_clients(plan, args.concurrency, args.processes, min(3.0, seconds))  # warm up
            start_rss = rss_kib(pid)
            print(f"server RSS at start: {describe_rss(start_rss)}")
            tally = Tally()
            began = time.perf_counter()
            chunk = 60.0 if args.soak else seconds
            while (left := seconds - (time.perf_counter() - began)) > 0.5:
                part = run_clients(plan, args.concurrency, args.processes, min(chunk, left))
                for kind, values in part.latencies.items():
                    tally.latencies[kind].extend(values)
                for kind, counts in part.statuses.items():
                    tally.statuses[kind].update(counts)
                tally.errors.update(part.errors)
                tally.samples.extend(part.samples[: 5 - len(tally.samples)])
                if args.soak:
                    done = sum(map(len, part.latencies.values()))
                    print(
                        f"  {time.perf_counter() - began:5.0f} s: {done / min(chunk, left):.0f}"
                        f" req/s, {sum(part.errors.values())} errors, server RSS "
                        f"{describe_rss(rss_kib(pid))}",
                        flush=True,
                    )
            took = time.perf_counter() - began
            end_rss = rss_kib(pid)
    report(tally, took)
    growth = (sum(end_rss.values()) - sum(start_rss.values())) / 1024
    print(f"server RSS at end:   {describe_rss(end_rss)} (growth {growth:+.0f} MiB)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine counts)")
    return 1 if sum(tally.errors.values()) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (60)")
    parser.add_argument("--soak", type=float, default=0.0, help="seconds of soak, e.g. 600")
    parser.add_argument("--concurrency", type=int, default=32, help="connections at once (32)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                        help="client processes (one per core)")  # fmt: skip
    parser.add_argument("--workers", type=int, default=0, help="server workers (default: cores)")
    parser.add_argument("--threads", type=int, default=0, help="threads per worker (4)")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    if args.database == "postgres":
        with postgres_database() as url:
            sys.exit(measure(args, url))
    sys.exit(measure(args, None))


if __name__ == "__main__":
    main()
