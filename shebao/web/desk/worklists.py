"""The worklists: the cases of my point (supervisors: every point, or one), grouped as a clerk
works through them: overdue, due soon, 容缺 awaiting materials, refused or returned, done;
filtered by item, point and the applicant's number as lists mask it.

Each list is one `cases.services.list_cases` call; the timers are the runtime calendar's.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from shebao.errors import InputError
from shebao.present.cases import case_summary
from shebao.services.cases import Status, parse_case_number
from shebao.web.cases import services
from shebao.web.core import runtime
from shebao.web.desk.access import staff, staff_page
from shebao.web.desk.intake_form import point_rows

ROWS = 100
# (heading, filters for list_cases)
LISTS: tuple[tuple[str, str, tuple[dict[str, str], ...]], ...] = (
    ("overdue", "已逾期", ({"timer": "overdue"},)),
    ("warning", "{days} 个工作日内到期", ({"timer": "warning"},)),
    ("pending", "容缺受理，等待补齐材料", ({"status": Status.ACCEPTED_PENDING_MATERIALS},)),
    ("stopped", "不予受理和补正", ({"status": Status.REFUSED}, {"status": Status.RETURNED})),
    ("normal", "其他在办", ({"timer": "normal"},)),
    ("done", "已办结", ({"status": Status.COMPLETED},)),
)
# Listed once: a 容缺 case with time left is under "pending", not again under "normal".
ELSEWHERE = {"normal": {Status.ACCEPTED_PENDING_MATERIALS}}


@require_safe
@staff_page()
def worklists(request: HttpRequest) -> HttpResponse:
    rt = runtime()
    me = staff(request)
    number = request.GET.get("number", "").strip()
    point = request.GET.get("point", "").strip() if me.sees_all_points else ""
    item = request.GET.get("item", "").strip()[:10]
    who = request.GET.get("applicant", "").strip()[:40]
    context: dict[str, Any] = {
        "number": number,
        "point": point,
        "item": item,
        "applicant": who,
        "points": point_rows(rt) if me.sees_all_points else None,
        "lists": [],
    }
    try:
        if number:
            return redirect(f"/desk/cases/{parse_case_number(number)}/")
        context["lists"] = [
            {
                "key": key,
                "heading": heading.format(days=settings.CASE_WARNING_DAYS),
                "rows": [
                    r
                    for r in _rows(rt, me, point, item, who, filters)
                    if r["status"] not in ELSEWHERE.get(key, ())
                ],
            }
            for key, heading, filters in LISTS
        ]
    except InputError as exc:
        context["error"] = str(exc)
        return render(request, "desk/worklists.html", context, status=422)
    return render(request, "desk/worklists.html", context)


def _rows(
    rt: Any, me: Any, point: str, item: str, who: str, filters: tuple[dict[str, str], ...]
) -> list[dict]:
    found = []
    for f in filters:
        found += services.list_cases(
            rt, me, point=point or None, item=item, applicant=who or None, limit=ROWS, **f
        )
    found.sort(key=lambda r: (r.due is None, r.due, r.number))
    return [case_summary(r) for r in found[:ROWS]]
