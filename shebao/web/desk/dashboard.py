"""The supervisor's dashboard: per point and in total, open, overdue, due soon, awaiting
materials, refused and done this month; a server-drawn SVG chart beside the table, and the
same figures as CSV (UTF-8 with a BOM, so Excel reads the Chinese headings)."""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from shebao.web.core import runtime
from shebao.web.desk.access import SUPERVISING, staff, staff_page
from shebao.web.desk.chart import bar_chart
from shebao.web.desk.figures import COUNTS, Figures, column_labels, figures

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
    shown = figures(runtime(), staff(request))
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
        "charted": "、".join(labels[name] for name in CHARTED),
    }
    return render(request, "desk/dashboard.html", context)


def _row(p) -> dict:
    return {"point": p.point, "name": p.name, "counts": [getattr(p, n) for n in COUNTS]}


@require_safe
@staff_page(SUPERVISING)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    shown = figures(runtime(), staff(request))
    response = HttpResponse(csv_text(shown), content_type="text/csv; charset=utf-8")
    name = f"dashboard-{shown.today.isoformat()}.csv"
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
