"""The figures of the ratings over a period, by service point, by item or by the clerk who took
the case in; set-aside ratings left out, defaulted ones counted (see `shebao.ratings.figures`).

The database counts (one GROUP BY group and level), Python only adds the few counts up: a year
of a city's ratings is read without loading a row each (bench/ratings.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone

from shebao.errors import InputError, echo
from shebao.ratings.figures import Figures, Part, figures
from shebao.ratings.levels import Indicator, Level
from shebao.runtime import Runtime
from shebao.web.accounts.models import StaffProfile
from shebao.web.ratings.models import Rating
from shebao.web.ratings.services import apply_defaults, require_supervising

GROUPS = {"point": "服务点", "item": "事项", "clerk": "收件人"}
GROUP_FIELDS = {"point": "case__point", "item": "case__item", "clerk": "case__created_by__username"}
MAX_DAYS = 366 * 3
IN_TIME = Q(followup__closed_on__isnull=False, followup__closed_on__lte=F("followup__due"))


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    label: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class Statistics:
    start: dt.date
    end: dt.date
    by: str
    rows: list[Row]
    total: Figures


def statistics(
    rt: Runtime, staff: StaffProfile, start: dt.date, end: dt.date, by: str = "point"
) -> Statistics:
    """The figures of the ratings dated `start`–`end` (Beijing days, both included)."""
    require_supervising(staff)
    if by not in GROUPS:
        choices = "、".join(f"{k}（{v}）" for k, v in GROUPS.items())
        raise InputError(f"分组 by 只能是 {choices}，收到“{echo(by)}”")
    if end < start:
        raise InputError(f"结束日期 {end} 早于开始日期 {start}")
    if (end - start).days > MAX_DAYS:
        raise InputError("统计期间最长三年，请缩短期间")
    apply_defaults(rt)  # the figures count every default due, whether or not cron has run
    groups: dict[Any, tuple[str, list[Part]]] = {}
    label = _labels(rt, by)
    for counted in _counts(start, end, GROUP_FIELDS[by]):
        key = counted["key"]
        groups.setdefault(key, (label(counted), []))[1].append(_part(counted))
    rows = [
        Row(f"{key:03d}" if by == "item" else str(key), name, figures(parts))
        for key, (name, parts) in sorted(groups.items())
    ]
    return Statistics(start, end, by, rows, figures(p for _, ps in groups.values() for p in ps))


def _counts(start: dt.date, end: dt.date, group: str) -> list[dict[str, Any]]:
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    before = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    found = Rating.objects.filter(at__gte=since, at__lt=before, set_aside_at__isnull=True)
    scores = {}
    for i in Indicator:
        scores[f"{i.value}_sum"] = Sum(i.value)
        scores[f"{i.value}_n"] = Count(i.value)
    return list(
        found.order_by()
        .annotate(key=F(group))
        .values("key", "level")  # GROUP BY the group and the level
        .annotate(
            name=Max("case__item_name"),
            count=Count("id"),
            defaulted_n=Count("id", filter=Q(defaulted=True)),
            in_time=Count("id", filter=IN_TIME),
            **scores,
        )
    )


def _labels(rt: Runtime, by: str) -> Callable[[dict[str, Any]], str]:
    if by == "point":
        places = rt.catalog.places
        return lambda row: places[row["key"]].name if row["key"] in places else row["key"]
    if by == "item":
        return lambda row: f"{row['key']}. {row['name']}"
    return lambda row: row["key"]


def _part(row: dict[str, Any]) -> Part:
    return Part(
        level=Level(row["level"]),
        count=row["count"],
        defaulted=row["defaulted_n"],
        in_time=row["in_time"],
        score_sums={i: row[f"{i.value}_sum"] or 0 for i in Indicator},
        score_counts={i: row[f"{i.value}_n"] for i in Indicator},
    )
