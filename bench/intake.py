"""Intakes per second through the service layer, beside the raw insert rate of the same rows.

Run: .venv/bin/python bench/intake.py [--cases 2000] [--postgres URL]

Each database runs in its own child process (Django's settings are per process): SQLite in a
fresh data directory (WAL, synchronous=NORMAL, as `shebao serve` runs it) and PostgreSQL in a
fresh database created on the server at --postgres (default the tests' server; skipped with
the reason when it does not answer). A child takes in a mixed batch (refused, accepted, 容缺,
returned; every applicant different) one intake at a time through
`shebao.web.cases.services.take_in`, each in its own committed transaction as the API does;
then it inserts the same rows again with plain SQL on the raw DB-API connection, one
transaction per case (the case and its history row), JSON serialised beforehand. The ratio is
service rate / raw rate. Goals: ≥ 300 intakes/s on SQLite and ≥ 0.3 × the raw rate.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

POSTGRES = os.environ.get("SHEBAO_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test")
GOAL_RATE, GOAL_RATIO = 300, 0.3
WARM, CHUNK = 100, 100


def resident_id(n: int) -> str:
    """A valid resident ID (GB 11643 check digit) for the n-th applicant: a man born 1970–1999
    (under the retirement age, so that item 25 is refused)."""
    first17 = f"210202{1970 + n % 30}{1 + n % 12:02d}{1 + n % 28:02d}{(n % 500) * 2 + 1:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def payloads(n: int) -> list[dict[str, Any]]:
    """A mix of the four outcomes on items whose rules and materials are pinned by the tests."""
    retiring = {"contribution_months": 400, "flexible_early": False}
    shapes = [
        (25, retiring | {"employee_pension_insured": True}, [], False),
        (60, {}, ["劳动人事争议仲裁申请书", "身份证"], False),
        (48, {"injury_recognized": True}, ["大连市劳动能力鉴定申请书"], True),
        (48, {"injury_recognized": True}, [], False),
    ]
    out = []
    for i in range(n):
        item, facts, provided, signed = shapes[i % len(shapes)]
        out.append(
            {
                "item": item,
                "channel": "window",
                "applicant": {
                    "kind": "person",
                    "id_number": resident_id(i),
                    "name": "王小明",
                    "phone": "13804112233",
                },
                "facts": facts,
                "provided": provided,
                "commitment_signed": signed,
            }
        )
    return out


def run_child(database: str, cases: int, url: str) -> dict[str, Any]:
    """In the child: set Django up on a fresh database and time both ways of writing."""
    data = tempfile.mkdtemp(prefix="shebao-bench-")
    os.environ["SHEBAO_DATA_DIR"] = data
    os.environ.pop("DATABASE_URL", None)
    if database == "postgres":
        os.environ["DATABASE_URL"] = url
    from shebao.web.store import open_store

    store = open_store(data)
    from django.db import connection

    from shebao.web.accounts.models import StaffProfile
    from shebao.web.accounts.services import add_staff
    from shebao.web.cases import services
    from shebao.web.cases.models import Case

    rt = store.runtime
    add_staff(rt, "bench", "clerk", "hall-3", "bench-password-2026")
    staff = StaffProfile.objects.select_related("user").get(user__username="bench")
    batch = payloads(cases + WARM)
    for body in batch[:WARM]:  # warm: the catalog's caches, the connection, the WAL file
        services.take_in(rt, staff, body)
    # Chunks of each, in turn: a machine busy with other work slows both alike.
    service_s = raw_s = 0.0
    for start in range(WARM, len(batch), CHUNK):
        chunk = batch[start : start + CHUNK]
        began = time.perf_counter()
        for body in chunk:
            services.take_in(rt, staff, body)
        service_s += time.perf_counter() - began
        sql, rows = _rows(Case, start, len(chunk))
        raw_s += _raw_inserts(connection, sql, rows)
    outcomes: dict[str, int] = {}
    for outcome in Case.objects.exclude(number__startswith="RAW").values_list("outcome", flat=True)[
        WARM:
    ]:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return {
        "database": database,
        "cases": cases,
        "service_rate": cases / service_s,
        "raw_rate": cases / raw_s,
        "outcomes": outcomes,
        "decide_rate": _decide_rate(rt, batch[WARM:]),
    }


def _rows(case_model: Any, first: int, n: int) -> tuple[str, list[tuple[list[Any], list[Any]]]]:
    """The service's rows `first`…`first + n` again, with new numbers, ready for plain
    INSERTs (JSON serialised, dates adapted: the raw loop times the database alone), and the
    case INSERT."""
    from django.db import connection

    fields = [f for f in case_model._meta.concrete_fields if f.name != "id"]
    out = []
    stored = case_model.objects.exclude(number__startswith="RAW").order_by("id")
    for i, case in enumerate(stored[first : first + n], first):
        values = []
        for f in fields:
            value = f.get_db_prep_save(getattr(case, f.attname), connection)
            if f.name == "number":
                value = f"RAW{i:09d}"
            elif hasattr(value, "dumps"):  # psycopg's Jsonb adapter: plain text for plain SQL
                value = json.dumps(value.obj, ensure_ascii=False)
            values.append(value)
        history = [case.created_at, "", case.status, case.created_by_id, "intake"]
        out.append((values, history))
    columns = ", ".join(f.column for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO cases_case ({columns}) VALUES ({marks}) RETURNING id", out


def _raw_inserts(connection: Any, sql: str, rows: list[tuple[list[Any], list[Any]]]) -> float:
    """Plain SQL on the DB-API connection: one transaction per case, as the service does."""
    raw = connection.connection
    vendor = connection.vendor
    mark = "?" if vendor == "sqlite" else "%s"
    case_sql = sql.replace("%s", mark)
    history_sql = (
        "INSERT INTO cases_casehistory (case_id, at, from_status, to_status, by_id, note) "
        f"VALUES ({', '.join([mark] * 6)})"
    )
    started = time.perf_counter()
    cursor = raw.cursor()
    for values, history in rows:
        if vendor == "sqlite":
            cursor.execute("BEGIN IMMEDIATE")
        cursor.execute(case_sql, values)
        case_id = cursor.fetchone()[0]
        cursor.execute(history_sql, [case_id, *history])
        raw.commit()
    return time.perf_counter() - started


def _decide_rate(rt: Any, batch: list[dict[str, Any]]) -> float:
    """The core's decision alone (no database), for where the time goes."""
    from shebao.services.cases import NeedCommitment, NeedFacts, decide_intake

    started = time.perf_counter()
    for body in batch:
        with contextlib.suppress(NeedFacts, NeedCommitment):
            decide_intake(
                rt,
                body["item"],
                body["channel"],
                body["applicant"],
                body["facts"],
                body["provided"],
                body["commitment_signed"],
            )
    return len(batch) / (time.perf_counter() - started)


def postgres_database(url: str) -> tuple[str | None, str]:
    """A fresh database on the server at `url` (URL, name), or (None, why not)."""
    import psycopg

    name = f"shebao_bench_{os.getpid()}"
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"CREATE DATABASE {name}")
    except psycopg.Error as exc:
        return None, str(exc).strip().splitlines()[0]
    return url.rsplit("/", 1)[0] + "/" + name, name


def drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def child(database: str, cases: int, url: str = "") -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", database, "--cases", str(cases), "--url", url]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SHEBAO_DATA_DIR")}
    env.setdefault("SHEBAO_CACHE_DIR", tempfile.mkdtemp(prefix="shebao-bench-cache-"))
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{database} run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(result: dict[str, Any]) -> None:
    rate, raw = result["service_rate"], result["raw_rate"]
    ratio = rate / raw
    mix = ", ".join(f"{k} {v}" for k, v in sorted(result["outcomes"].items()))
    print(f"{result['database']}: {result['cases']} intakes ({mix})")
    print(f"  through the services: {rate:>9,.0f} intakes/s  ({1e3 / rate:.2f} ms each)")
    print(f"  raw INSERTs, same rows:{raw:>9,.0f} cases/s    ({1e3 / raw:.2f} ms each)")
    print(f"  the decision alone:   {result['decide_rate']:>9,.0f} /s")
    verdict = "met" if ratio >= GOAL_RATIO else "NOT met"
    goals = [f"ratio {ratio:.2f} (goal ≥ {GOAL_RATIO}: {verdict})"]
    if result["database"] == "sqlite":
        goals.insert(0, f"≥ {GOAL_RATE}/s: {'met' if rate >= GOAL_RATE else 'NOT met'}")
    print("  " + "; ".join(goals))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--postgres", default=POSTGRES, help="server URL (a database is made)")
    parser.add_argument("--child", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    parser.add_argument("--url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.cases, args.url)))
        return
    report(child("sqlite", args.cases))
    url, name = postgres_database(args.postgres)
    if url is None:
        print(f"postgres: skipped ({name})")
        return
    try:
        report(child("postgres", args.cases, url))
    finally:
        drop_database(args.postgres, name)


if __name__ == "__main__":
    main()
