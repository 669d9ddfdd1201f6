"""The figures of the ratings over a period, by service point, by item or by the clerk who took
the case in; set-aside ratings left out, defaulted ones counted (see `shebao.ratings.figures`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from shebao.errors import InputError, echo
from shebao.ratings.figures import Counted, Figures, figures
from shebao.ratings.levels import Indicator, Level
from shebao.runtime import Runtime
from shebao.web.accounts.models import StaffProfile
from shebao.web.ratings.models import Rating
from shebao.web.ratings.services import apply_defaults, require_supervising

GROUPS = {"point": "服务点", "item": "事项", "clerk": "收件人"}
MAX_DAYS = 366 * 3


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
    groups: dict[str, tuple[str, list[Counted]]] = {}
    everything = []
    for rating in _ratings(start, end):
        key, label = _group(rt, rating, by)
        counted = _counted(rating)
        groups.setdefault(key, (label, []))[1].append(counted)
        everything.append(counted)
    rows = [Row(k, label, figures(found)) for k, (label, found) in sorted(groups.items())]
    return Statistics(start, end, by, rows, figures(everything))


def _ratings(start: dt.date, end: dt.date):
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    before = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return (
        Rating.objects.filter(at__gte=since, at__lt=before, set_aside_at__isnull=True)
        .select_related("case__created_by", "followup")
        .order_by("id")
        .iterator(chunk_size=2000)
    )


def _group(rt: Runtime, rating: Rating, by: str) -> tuple[str, str]:
    case = rating.case
    if by == "point":
        place = rt.catalog.places.get(case.point)
        return case.point, place.name if place else case.point
    if by == "item":
        return f"{case.item:03d}", f"{case.item}. {case.item_name}"
    name = case.created_by.get_username()
    return name, name


def _counted(rating: Rating) -> Counted:
    scores = {i: getattr(rating, i.value) for i in Indicator}
    followup = getattr(rating, "followup", None)
    return Counted(
        level=Level(rating.level),
        defaulted=rating.defaulted,
        scores={i: s for i, s in scores.items() if s is not None},
        followup_due=followup.due if followup else None,
        followup_closed=followup.closed_on if followup else None,
    )
