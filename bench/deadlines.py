"""Benchmark: 100,000 due dates through shebao.workdays.deadlines, against a day-by-day naive loop.

Run: .venv/bin/python bench/deadlines.py [--calls 100000] [--baseline-sample 5000] [--seed 5]

The naive baseline asks chinese_calendar.is_workday about every day in turn; where that package
has no data it counts weekdays that are not statutory days off by holidays.China (as shebao
estimates unknown years). It is too slow to run 100,000 times, so it runs on a sample of the
same inputs; the ratio compares time per call, and the sample's due dates must agree with shebao's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import chinese_calendar

from shebao.workdays.deadlines import due_date
from shebao.workdays.workcalendar import HOLIDAY_DIR_ENV, default_calendar

LIMITS: tuple[int | None, ...] = (None, 1, 5, 10, 15, 24, 75)  # None: 即时办结
FIRST, LAST = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
BUDGET_S = 1.0


def inputs(calls: int, seed: int) -> list[tuple[dt.date, int | None]]:
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    return [
        (FIRST + dt.timedelta(days=rng.randrange(span + 1)), rng.choice(LIMITS))
        for _ in range(calls)
    ]


@functools.cache
def statutory(year: int) -> frozenset[dt.date]:
    """holidays.China without its 补假 (observed); for years it has no 调休 for, the law's days."""
    from holidays.countries.china import China  # imported late: shebao's cold run pays its own

    return frozenset(China(years=year, observed=False))


def naive_is_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5 and day not in statutory(day.year)


def import_seconds() -> float:
    """What importing holidays costs a fresh process: paid once, by the first estimated year."""
    code = "import time; t = time.perf_counter(); import holidays; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def naive_due(received: dt.date, n: int | None) -> dt.date:
    day = received
    while not naive_is_workday(day):
        day += dt.timedelta(days=1)
    for _ in range(n or 0):
        day += dt.timedelta(days=1)
        while not naive_is_workday(day):
            day += dt.timedelta(days=1)
    return day


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--baseline-sample", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    # An empty data directory: 2027 is estimated (statutory days, no 调休) on both sides.
    os.environ[HOLIDAY_DIR_ENV] = tempfile.mkdtemp(prefix="shebao-bench-")
    cases = inputs(args.calls, args.seed)

    start = time.perf_counter()
    results = [due_date(received, n).due for received, n in cases]
    fast = time.perf_counter() - start

    calendar = default_calendar()  # a batch job may look the shared calendar up once
    start = time.perf_counter()
    for received, n in cases:
        due_date(received, n, calendar=calendar)
    batch = time.perf_counter() - start

    sample = cases[: args.baseline_sample]
    start = time.perf_counter()
    expected = [naive_due(received, n) for received, n in sample]
    slow = time.perf_counter() - start

    disagree = sum(a != b for a, b in zip(results, expected, strict=False))
    fast_us, slow_us = fast / len(cases) * 1e6, slow / len(sample) * 1e6
    estimated = sum(1 for received, n in cases[:1000] if due_date(received, n).estimated)
    print(f"{len(cases):,} due dates, accepted {FIRST}–{LAST}, N in 即时/1/5/10/15/24/75")
    print(f"  (2027 unknown to chinesecalendar: {estimated / 10:.0f}% of results are estimated)")
    print(f"deadlines.due_date : {fast:8.3f} s  {fast_us:8.2f} µs/call  (cold calendar)")
    print(f"  of which, once per process, importing holidays for 2027: ~{import_seconds():.3f} s")
    batch_us = batch / len(cases) * 1e6
    print(f"  same, one calendar passed: {batch:8.3f} s  {batch_us:8.2f} µs/call")
    print(
        f"naive is_workday loop     : {slow:8.3f} s  {slow_us:8.2f} µs/call  "
        f"({len(sample):,}-call sample of the same inputs)"
    )
    print(f"ratio naive/shebao per call: {slow_us / fast_us:,.0f}x")
    print(f"agreement on the sample    : {len(sample) - disagree:,}/{len(sample):,}")
    verdict = "within" if fast < BUDGET_S else "OVER"
    print(f"budget {BUDGET_S:.0f} s for {len(cases):,} calls: {verdict} budget")
    return 0 if disagree == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
