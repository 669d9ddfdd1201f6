"""The staff pages of 好差评: the figures (and their CSV), the follow-ups of 差评 and their
closing form, and the administrator's set-aside form. Supervisors and administrators only."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from shebao.errors import InputError
from shebao.present.ratings import CSV_HEADERS, followup_dict, statistics_rows
from shebao.web.accounts.models import Role
from shebao.web.core import runtime
from shebao.web.desk.access import SUPERVISING, staff, staff_page
from shebao.web.ratings import services, stats
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date

ADMIN_ONLY = frozenset({Role.ADMIN})
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, str]:
    """The chosen period and grouping; this month so far by default."""
    today = timezone.localdate()
    start_text = request.GET.get("start", "").strip()
    end_text = request.GET.get("end", "").strip()
    start = parse_date(start_text, "开始日期", years=SUPPORTED_YEARS) if start_text else None
    end = parse_date(end_text, "结束日期", years=SUPPORTED_YEARS) if end_text else today
    return start or end.replace(day=1), end, request.GET.get("by", "point").strip() or "point"


@require_GET
@staff_page(SUPERVISING)
def statistics_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"groups": stats.GROUPS.items(), "form": request.GET}
    status = 200
    try:
        start, end, by = _period(request)
        figures = stats.statistics(runtime(), staff(request), start, end, by)
    except InputError as exc:
        context["error"], status = str(exc), 422
    else:
        context |= {
            "stats": figures,
            "headers": [stats.GROUPS[by], *CSV_HEADERS[1:]],
            "rows": statistics_rows(figures),
            "csv_query": f"start={start}&end={end}&by={by}",
        }
    context["summary"] = services.summary()
    context["is_admin"] = staff(request).role == Role.ADMIN
    return render(request, "ratings/statistics.html", context, status=status)


@require_GET
@staff_page(SUPERVISING)
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The page's table as CSV, UTF-8 with a BOM so that Excel reads the Chinese."""
    try:
        start, end, by = _period(request)
        figures = stats.statistics(runtime(), staff(request), start, end, by)
    except InputError as exc:
        return HttpResponse(str(exc), status=422, content_type="text/plain; charset=utf-8")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([stats.GROUPS[by], *CSV_HEADERS[1:]])
    writer.writerows([_cell(c) for c in row] for row in statistics_rows(figures))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"ratings-{start}-{end}-{by}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula.

    >>> _cell("=1+1"), _cell("5"), _cell("-")
    ("'=1+1", '5', "'-")
    """
    return "'" + text if text.startswith(FORMULA_START) else text


@require_http_methods(["GET", "POST"])
@staff_page(ADMIN_ONLY)
def set_aside_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"form": request.POST}
    if request.method == "POST":
        try:
            services.set_aside(
                staff(request), request.POST.get("number", ""), request.POST.get("reason", "")
            )
        except InputError as exc:
            context["error"] = str(exc)
            return render(request, "ratings/set_aside.html", context, status=422)
        messages.success(request, f"办件 {request.POST.get('number', '').strip()} 的评价已剔除")
        return redirect("ratings:statistics")
    return render(request, "ratings/set_aside.html", context)


@require_GET
@staff_page(SUPERVISING)
def followup_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    today = timezone.localdate()
    try:
        found = services.followups(staff(request), status=status)
    except InputError:
        status, found = "open", services.followups(staff(request))
    context = {
        "followups": [followup_dict(f, today) for f in found],
        "status": status,
        "choices": [("open", "待回访"), ("closed", "已办结"), ("all", "全部")],
        "summary": services.summary(today=today),
    }
    return render(request, "ratings/followups.html", context)


@require_http_methods(["GET", "POST"])
@staff_page(SUPERVISING)
def followup_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        followup = services.get_followup(staff(request), pk)
    except services.FollowUpNotFound as exc:
        return render(request, "ratings/followup.html", {"missing": str(exc)}, status=404)
    context: dict[str, Any] = {"form": request.POST}
    status = 200
    if request.method == "POST":
        try:
            followup = services.close_followup(
                staff(request),
                pk,
                callback=request.POST.get("callback", ""),
                findings=request.POST.get("findings", ""),
                rectification=request.POST.get("rectification", ""),
            )
        except InputError as exc:
            context["error"] = str(exc)
            status = 409 if isinstance(exc, services.Conflict) else 422
        else:
            messages.success(request, f"办件 {followup.rating.case.number} 的差评回访整改已办结")
            return redirect("ratings:followups")
    context["f"] = followup_dict(followup, timezone.localdate())
    return render(request, "ratings/followup.html", context, status=status)
