"""The supervisor's figures over a chosen period: cases by item and by point, prohibited cases
stopped by rule, returns by missing material, 容缺 cases and their supplements, completion on
time, and what is overdue now; each a table the page shows and the CSV exports (masked IDs only).

Counts are grouped queries; the decision's lists (rules, materials) are JSON arrays, read per
case and tallied here, since SQLite and PostgreSQL unnest JSON arrays differently.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Min, Q

from shebao.errors import InputError
from shebao.runtime import BEIJING, Runtime
from shebao.services import cases as core
from shebao.services.cases import Status
from shebao.web.cases.queries import Viewer, visible
from shebao.workdays.dates import parse_date

OPEN = [s.value for s in Status if s.open]
LONGEST = 366 * 3  # days: a longer period would be a report, not a dashboard


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date

    def received(self) -> Q:
        return Q(received__gte=self.start, received__lte=self.end)

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as instants in Beijing, end excluded."""
        first = dt.datetime.combine(self.start, dt.time(), tzinfo=BEIJING)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=BEIJING)
        return first, after


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""


def period(rt: Runtime, start: str = "", end: str = "") -> Period:
    """The period typed on the dashboard; by default this month up to today (Beijing)."""
    today = rt.today()
    first = parse_date(start.strip(), "开始日期") if start.strip() else today.replace(day=1)
    last = parse_date(end.strip(), "结束日期") if end.strip() else today
    if last < first:
        raise InputError(f"结束日期 {last.isoformat()} 早于开始日期 {first.isoformat()}")
    if (last - first).days >= LONGEST:
        raise InputError("统计期间最长三年，请缩短期间")
    return Period(first, last)


def tables(rt: Runtime, staff: Viewer, span: Period) -> dict[str, Table]:
    cases = visible(staff)
    found = [
        by_item(cases, span),
        by_point(rt, cases, span),
        stopped_by_rule(rt, cases, span),
        returned_for(cases, span),
        tolerated(rt, cases, span),
        completion(rt, cases, span),
        overdue_now(rt, cases),
    ]
    return {t.key: t for t in found}


def by_item(cases: Any, span: Period) -> Table:
    rows = (
        cases.filter(span.received())
        .values("item", "item_name")
        .annotate(n=Count("id"))
        .order_by("-n", "item")
    )
    return Table(
        "items",
        "各事项收件数",
        ("事项编号", "事项", "收件数"),
        tuple((r["item"], r["item_name"], r["n"]) for r in rows),
    )


def by_point(rt: Runtime, cases: Any, span: Period) -> Table:
    accepted = [Status.ACCEPTED, Status.ACCEPTED_PENDING_MATERIALS]
    rows = (
        cases.filter(span.received())
        .values("point")
        .annotate(
            n=Count("id"),
            accepted=Count("id", filter=Q(outcome__in=accepted)),
            refused=Count("id", filter=Q(outcome=Status.REFUSED)),
            returned=Count("id", filter=Q(outcome=Status.RETURNED)),
        )
        .order_by("-n", "point")
    )
    return Table(
        "points",
        "各服务点收件数",
        ("服务点编号", "服务点", "收件数", "受理（含容缺）", "不予受理", "退回补正"),
        tuple(
            (r["point"], _place(rt, r["point"]), r["n"], r["accepted"], r["refused"], r["returned"])
            for r in rows
        ),
    )


def stopped_by_rule(rt: Runtime, cases: Any, span: Period) -> Table:
    """Refused cases by the prohibition (or condition) that stopped them; a case refused under
    two rules counts under each."""
    named = {rule.id: rule.reason for rule in rt.guide.rules.rules}
    counted: Counter[str] = Counter()
    reasons: dict[str, str] = {}
    refused = cases.filter(span.received(), outcome=Status.REFUSED)
    for violations in refused.values_list("decision__violations", flat=True):
        for v in {v["rule_id"]: v for v in violations or []}.values():
            counted[v["rule_id"]] += 1
            reasons.setdefault(v["rule_id"], v.get("reason", ""))
    rows = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    return Table(
        "rules",
        "禁办情形拦下的办件（按规则）",
        ("规则编号", "规则", "件数"),
        tuple((rid, named.get(rid) or reasons[rid], n) for rid, n in rows),
        note=f"不予受理共 {refused.count()} 件；一件触犯多条规则的，每条各计一次。",
    )


def returned_for(cases: Any, span: Period) -> Table:
    counted: Counter[str] = Counter()
    returned = cases.filter(span.received(), outcome=Status.RETURNED)
    for missing in returned.values_list("decision__missing", flat=True):
        for name in {m["name"] for m in missing or []}:
            counted[name] += 1
    rows = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    return Table(
        "returned",
        "退回补正的办件（按所缺材料）",
        ("所缺材料", "件数"),
        tuple(rows),
        note=f"退回补正共 {returned.count()} 件；一件缺多份材料的，每份各计一次。",
    )


SUPPLEMENT_CLASSES = ("按期补齐", "逾期补齐", "逾期未补齐", "尚在补齐期限内")


def tolerated(rt: Runtime, cases: Any, span: Period) -> Table:
    """容缺 cases received in the period, each with whether its materials came by the
    supplement due date."""
    today = rt.today()
    rows = (
        cases.filter(span.received(), outcome=Status.ACCEPTED_PENDING_MATERIALS)
        .annotate(
            supplied=Min("history__at", filter=Q(history__to_status=Status.MATERIALS_SUPPLEMENTED))
        )
        .order_by("supplement_due", "number")
        .values_list("number", "item", "applicant_masked", "supplement_due", "supplied")
    )
    listed = []
    for number, item, masked, due, supplied in rows:
        came = supplied.astimezone(BEIJING).date() if supplied else None
        listed.append(
            (number, item, masked, _day(due), _day(came), _supplement_class(came, due, today))
        )
    counts = Counter(row[-1] for row in listed)
    summary = "；".join(f"{c} {counts[c]} 件" for c in SUPPLEMENT_CLASSES)
    return Table(
        "tolerated",
        "容缺受理的办件及材料是否按期补齐",
        ("办件编号", "事项编号", "申请人证件号码", "补齐期限", "补齐日期", "情况"),
        tuple(listed),
        note=f"容缺受理共 {len(listed)} 件：{summary}。",
    )


def _supplement_class(came: dt.date | None, due: dt.date | None, today: dt.date) -> str:
    if came is not None:
        return "按期补齐" if due is None or came <= due else "逾期补齐"
    return "逾期未补齐" if due is not None and today > due else "尚在补齐期限内"


def completion(rt: Runtime, cases: Any, span: Period) -> Table:
    """Cases completed in the period, on time when on or before their due date (counted in
    working days by the runtime's calendar when the case was accepted)."""
    first, after = span.moments()
    done = (
        cases.filter(history__to_status=Status.COMPLETED)
        .annotate(completed=Max("history__at", filter=Q(history__to_status=Status.COMPLETED)))
        .filter(completed__gte=first, completed__lt=after)
        .order_by("completed", "number")
        .values_list("number", "item", "applicant_masked", "accepted", "due", "completed")
    )
    calendar = rt.calendar
    listed, on_time = [], 0
    for number, item, masked, accepted, due, completed in done:
        day = completed.astimezone(BEIJING).date()
        late = due is not None and day > due
        on_time += not late
        used = calendar.count_workdays(accepted, day) - 1 if accepted and accepted <= day else ""
        listed.append(
            (
                number,
                item,
                masked,
                _day(accepted),
                _day(due),
                _day(day),
                used,
                "逾期" if late else "按期",
            )
        )
    rate = f"{on_time / len(listed):.1%}" if listed else "—"
    return Table(
        "completion",
        "办结及按期办结率",
        (
            "办件编号",
            "事项编号",
            "申请人证件号码",
            "受理日期",
            "办结期限",
            "办结日期",
            "用时（工作日）",
            "情况",
        ),
        tuple(listed),
        note=f"期间内办结 {len(listed)} 件，按期办结 {on_time} 件，按期办结率 {rate}。",
    )


def overdue_now(rt: Runtime, cases: Any) -> Table:
    today = rt.today()
    overdue_before, _ = core.timer_classes(rt, today, settings.CASE_WARNING_DAYS)
    rows = (
        cases.filter(status__in=OPEN, due__lt=overdue_before)
        .order_by("due", "number")
        .values_list("number", "item", "point", "applicant_masked", "due", "status")
    )
    calendar = rt.calendar
    listed = tuple(
        (
            number,
            item,
            _place(rt, point),
            masked,
            _day(due),
            calendar.count_workdays(due + dt.timedelta(days=1), today) if due < today else 0,
            Status(status).label,
        )
        for number, item, point, masked, due, status in rows
    )
    return Table(
        "overdue",
        f"截至 {today.isoformat()} 已逾期的办件",
        ("办件编号", "事项编号", "服务点", "申请人证件号码", "办结期限", "逾期（工作日）", "状态"),
        listed,
        note=f"已逾期 {len(listed)} 件。",
    )


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _place(rt: Runtime, point: str) -> str:
    place = rt.catalog.places.get(point)
    return place.name if place else point
