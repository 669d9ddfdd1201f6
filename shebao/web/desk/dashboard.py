"""The supervisor's dashboard: per point and in total, open, overdue, due soon, awaiting
materials, refused and done this month; over a chosen period (`period`) cases by item and by
point, outcomes, 容缺 supplements, completion on time and what is overdue now. Server-drawn SVG
charts beside the tables, and each table as CSV (UTF-8 with a BOM, so Excel reads the Chinese
headings; applicants' numbers masked)."""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from shebao.errors import InputError
from shebao.web.core import runtime
from shebao.web.desk.access import SUPERVISING, staff, staff_page
from shebao.web.desk.chart import bar_chart
from shebao.web.desk.figures import COUNTS, Figures, column_labels, figures
from shebao.web.desk.period import Period, Table, period, tables
from shebao.web.ratings.services import summary as ratings_summary

CHARTED = ("open", "overdue", "due_soon", "awaiting")
CENTER = "大连市社会保险事业服务中心"


def short(name: str) -> str:
    """A point's name without the center's, to fit beside a bar.

    >>> short("大连市社会保险事业服务中心西岗区办事处")
    '西岗区办事处'
    """
    return name.removeprefix(CENTER) or name


@require_safe
@staff_page(SUPERVISING)
def dashboard(request: HttpRequest) -> HttpResponse:
    rt = runtime()
    shown = figures(rt, staff(request))
    labels = column_labels(shown.warning_days)
    series = [(f"bar-{name}", labels[name]) for name in CHARTED]
    chart = bar_chart(
        [(short(p.name), [getattr(p, n) for n in CHARTED]) for p in (*shown.points, shown.total)],
        series,
    )
    context = {
        "figures": shown,
        "columns": [labels[name] for name in COUNTS],
        "rows": [_row(p) for p in shown.points],
        "total": _row(shown.total),
        "chart": chart,
        "followups": ratings_summary(today=rt.today()),
        "charted": "、".join(labels[name] for name in CHARTED),
        "start": request.GET.get("from", "")[:40],
        "end": request.GET.get("to", "")[:40],
    }
    try:
        span = period(rt, context["start"], context["end"])
    except InputError as exc:
        context["error"] = str(exc)
        return render(request, "desk/dashboard.html", context, status=422)
    found = tables(rt, staff(request), span)
    context |= {
        "span": span,
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "query": f"from={span.start.isoformat()}&to={span.end.isoformat()}",
        "tables": list(found.values()),
        "item_chart": _one_series([(f"{r[0]}. {r[1]}"[:14], r[2]) for r in found["items"].rows]),
        "point_chart": _one_series([(short(r[1]), r[2]) for r in found["points"].rows]),
    }
    return render(request, "desk/dashboard.html", context)


def _one_series(rows: list[tuple[str, int]]):
    return bar_chart([(label, [n]) for label, n in rows], [("bar-open", "收件")])


def _row(p) -> dict:
    return {"point": p.point, "name": p.name, "counts": [getattr(p, n) for n in COUNTS]}


@require_safe
@staff_page(SUPERVISING)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """`?part=` one of the period's tables (with `from`/`to`), else the figures per point."""
    rt = runtime()
    part = request.GET.get("part", "")
    if not part:
        shown = figures(rt, staff(request))
        text, name = csv_text(shown), f"dashboard-{shown.today.isoformat()}.csv"
    else:
        try:
            span = period(rt, request.GET.get("from", ""), request.GET.get("to", ""))
            found = tables(rt, staff(request), span)
            if part not in found:
                raise InputError(f"没有这份统计表：{part[:20]}，可选：{'、'.join(found)}")
        except InputError as exc:
            return HttpResponse(str(exc), status=422, content_type="text/plain; charset=utf-8")
        text = table_csv(found[part], span)
        name = f"dashboard-{part}-{span.start.isoformat()}-{span.end.isoformat()}.csv"
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_text(shown: Figures) -> str:
    labels = column_labels(shown.warning_days)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["服务点编号", "服务点", *(labels[n] for n in COUNTS)])
    for p in (*shown.points, shown.total):
        writer.writerow([p.point, p.name, *(getattr(p, n) for n in COUNTS)])
    writer.writerow([])
    writer.writerow(["统计日期", shown.today.isoformat(), "本月自", shown.month.isoformat()])
    return out.getvalue()


def table_csv(table: Table, span: Period) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headings)
    writer.writerows(table.rows)
    writer.writerow([])
    writer.writerow([table.title, "统计期间", span.start.isoformat(), span.end.isoformat()])
    if table.note:
        writer.writerow([table.note])
    return out.getvalue()
