"""The supervisor's figures: per service point and in total, counted in the database, with the
timers of the runtime's working-day calendar (the same classes as the worklists).

Open, overdue, due soon and awaiting materials are counted as of now; refused and done over the
current month (Beijing): a case refused on intake this month, a case completed this month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.conf import settings
from django.db.models import Count, Q

from shebao.runtime import BEIJING, Runtime
from shebao.services import cases as core
from shebao.services.cases import Status
from shebao.web.cases.models import CaseHistory
from shebao.web.cases.queries import Viewer, visible

OPEN = [s.value for s in Status if s.open]


@dataclass(frozen=True, slots=True)
class PointFigures:
    point: str
    name: str
    open: int = 0
    overdue: int = 0
    due_soon: int = 0
    awaiting: int = 0
    refused: int = 0
    done: int = 0


COUNTS = tuple(f.name for f in fields(PointFigures))[2:]


def column_labels(warning_days: int) -> dict[str, str]:
    return {
        "open": "在办",
        "overdue": "已逾期",
        "due_soon": f"{warning_days} 个工作日内到期",
        "awaiting": "容缺待补齐材料",
        "refused": "本月不予受理",
        "done": "本月办结",
    }


@dataclass(frozen=True, slots=True)
class Figures:
    today: dt.date
    month: dt.date  # the first day of the month counted
    warning_days: int
    points: tuple[PointFigures, ...]
    total: PointFigures


def figures(rt: Runtime, staff: Viewer) -> Figures:
    today = rt.today()
    warning = settings.CASE_WARNING_DAYS
    overdue_before, normal_from = core.timer_classes(rt, today, warning)
    month = today.replace(day=1)
    is_open = Q(status__in=OPEN, due__isnull=False)
    cases = visible(staff)
    counted = {
        row["point"]: row
        for row in cases.values("point").annotate(
            open=Count("id", filter=Q(status__in=OPEN)),
            overdue=Count("id", filter=is_open & Q(due__lt=overdue_before)),
            due_soon=Count("id", filter=is_open & Q(due__gte=overdue_before, due__lt=normal_from)),
            awaiting=Count("id", filter=Q(status=Status.ACCEPTED_PENDING_MATERIALS)),
            refused=Count("id", filter=Q(outcome=Status.REFUSED, received__gte=month)),
        )
    }
    since = dt.datetime.combine(month, dt.time(), tzinfo=BEIJING)
    done = {
        row["case__point"]: row["n"]
        for row in CaseHistory.objects.filter(
            to_status=Status.COMPLETED, at__gte=since, case__in=cases
        )
        .values("case__point")
        .annotate(n=Count("case", distinct=True))
    }
    points = []
    for point in sorted(set(counted) | set(done)):
        row = counted.get(point, {})
        place = rt.catalog.places.get(point)
        counts = {name: row.get(name, 0) for name in COUNTS if name != "done"}
        points.append(
            PointFigures(point, place.name if place else point, **counts, done=done.get(point, 0))
        )
    total = PointFigures(
        "", "合计", **{name: sum(getattr(p, name) for p in points) for name in COUNTS}
    )
    return Figures(today, month, warning, tuple(points), total)
