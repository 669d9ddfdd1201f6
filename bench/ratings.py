"""The 好差评 figures over a year of ratings, beside one SQL aggregate of the same rows.

Run: .venv/bin/python bench/ratings.py [--ratings 20000]

SQLite in a fresh data directory. The cases and their ratings are written in bulk (the figures
are read-only; how they are written is not measured). Then `stats.statistics` (by point, by item,
by clerk, as the desk page and the CSV ask for them: the check for defaults due, then one GROUP BY
group and level with the counts, sums and in-time follow-ups) is timed against a single GROUP BY
of the count and average level per point: the floor for reading those rows at all. Prints the
seconds and the ratio. Loading every rating into Python instead took 1.1–1.5 s for 20,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ratings", type=int, default=20000)
    n = parser.parse_args().ratings
    with tempfile.TemporaryDirectory() as data:
        from shebao.web.store import open_store

        store = open_store(Path(data) / "data")
        run(store.runtime, n)


def run(rt, n: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Avg, Count
    from django.utils import timezone

    from shebao.web.accounts.models import StaffProfile
    from shebao.web.cases.models import Case, CaseHistory
    from shebao.web.ratings import stats
    from shebao.web.ratings.models import FollowUp, Rating

    user = get_user_model().objects.create_user("boss")
    boss = StaffProfile.objects.create(user=user, role="supervisor")
    points = sorted(rt.catalog.places)[:6]
    start = timezone.now() - dt.timedelta(days=365)
    with transaction.atomic():
        cases = Case.objects.bulk_create(
            Case(
                number=f"B{i:011d}",
                item=60 + i % 5,
                item_name="劳动人事争议仲裁",
                channel="window",
                point=points[i % len(points)],
                outcome="accepted",
                status="completed",
                applicant_kind="person",
                applicant_number="210202197001011233",
                applicant_masked="210202********1233",
                applicant_name="王小明",
                applicant_phone="13804112233",
                decision={},
                catalog_version="bench",
                parameters_version="bench",
                received=start.date(),
                created_by=user,
            )
            for i in range(n)
        )
        CaseHistory.objects.bulk_create(
            CaseHistory(case=c, to_status="completed", at=start) for c in cases
        )
        ratings = Rating.objects.bulk_create(
            Rating(
                case=c,
                level=1 + i * 7 % 5,
                attitude=1 + i % 5,
                channel="api",
                at=start + dt.timedelta(minutes=i),
            )
            for i, c in enumerate(cases)
        )
        FollowUp.objects.bulk_create(
            FollowUp(rating=r, point=r.case.point, due=start.date())
            for r in ratings
            if r.level <= 2
        )
    first, last = start.date(), timezone.localdate()
    timings = {}
    for by in ("point", "item", "clerk"):
        began = time.perf_counter()
        figures = stats.statistics(rt, boss, first, last, by)
        timings[by] = time.perf_counter() - began
        assert figures.total.count == n
    began = time.perf_counter()
    floor = list(
        Rating.objects.filter(set_aside_at__isnull=True)
        .values("case__point")
        .annotate(count=Count("id"), average=Avg("level"))
    )
    floor_time = time.perf_counter() - began
    assert sum(row["count"] for row in floor) == n
    print(f"ratings: {n} (SQLite)")
    for by, seconds in timings.items():
        print(f"  statistics by {by}: {seconds:.3f} s ({n / seconds:,.0f} ratings/s)")
    print(f"  one GROUP BY aggregate (count, average by point): {floor_time:.3f} s")
    print(f"  ratio statistics-by-point / aggregate: {timings['point'] / floor_time:.1f}")


if __name__ == "__main__":
    main()
