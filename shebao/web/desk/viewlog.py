"""The supervisor's page of the record of staff views of cases: who opened which case, when."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from shebao.errors import InputError
from shebao.web.desk.access import SUPERVISING, staff_page
from shebao.web.desk.audit import list_views


@require_safe
@staff_page(SUPERVISING)
def views_page(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("case", "").strip()[:40]
    by = request.GET.get("staff", "").strip()[:150]
    context = {"case": number, "staff": by, "rows": []}
    try:
        context["rows"] = list_views(number, by)
    except InputError as exc:
        context["error"] = str(exc)
        return render(request, "desk/views.html", context, status=422)
    return render(request, "desk/views.html", context)
