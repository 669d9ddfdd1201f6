"""One case at the desk: its decision with rule ids and basis, facts, materials, history and
document, and the changes its status allows; every view recorded (`audit`); the case of a life
event's step it followed, those that followed it, and the next steps it may lead to.

Another point's case, like an unknown number, is "not found" (404) and records nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from shebao.errors import InputError, ShebaoError
from shebao.present.cases import case_detail
from shebao.present.events import value_words
from shebao.rules.derived import ALL_SPECS
from shebao.services import cases as core
from shebao.services.cases import CaseRecord, Status, TransitionNotAllowed
from shebao.web.cases import services
from shebao.web.core import runtime
from shebao.web.desk.access import staff, staff_page
from shebao.web.desk.audit import record_view
from shebao.web.desk.followup import linked, next_links
from shebao.web.desk.intake import INTAKE_ROLES
from shebao.web.errors import Conflict


@require_http_methods(["GET", "HEAD", "POST"])
@staff_page()
def case_page(request: HttpRequest, number: str) -> HttpResponse:
    rt = runtime()
    me = staff(request)
    if request.method == "POST":
        return _act(request, number)
    try:
        record = services.get_case(rt, me, number)
    except InputError as exc:  # unknown, another point's, or no case number at all
        return render(request, "desk/not_found.html", {"message": str(exc)}, status=404)
    record_view(me, record)
    return render(request, "desk/case.html", case_context(rt, record, me))


def _act(request: HttpRequest, number: str) -> HttpResponse:
    rt = runtime()
    me = staff(request)
    action = request.POST.get("action")
    try:
        if action == "transition":
            to = request.POST.get("to", "")
            record = services.transition(rt, me, number, to, request.POST.get("note", ""))
            messages.success(request, f"已改为{record.status.label}")
        elif action == "supplement":
            provided = [p for p in request.POST.getlist("provided") if p.strip()]
            if not provided:
                raise InputError("请勾选申请人这次带来的材料")
            record, check = services.supplement(rt, me, number, provided)
            still = "、".join(m.name for m in check.missing)
            messages.success(
                request,
                "材料已补齐，办件改为已补齐材料" if check.complete else f"已收下，仍缺：{still}",
            )
        else:
            raise InputError("不认识的操作，请从办件页面的按钮提交")
    except services.CaseNotFound as exc:
        return render(request, "desk/not_found.html", {"message": str(exc)}, status=404)
    except (TransitionNotAllowed, Conflict) as exc:
        return _refused(request, number, str(exc), 409)
    except InputError as exc:
        return _refused(request, number, str(exc), 422)
    return redirect(f"/desk/cases/{record.number}/")


def _refused(request: HttpRequest, number: str, error: str, status: int) -> HttpResponse:
    rt = runtime()
    me = staff(request)
    try:
        record = services.get_case(rt, me, number)
    except InputError as exc:
        return render(request, "desk/not_found.html", {"message": str(exc)}, status=404)
    context = case_context(rt, record, me) | {"error": error}
    return render(request, "desk/case.html", context, status=status)


def case_context(rt: Any, record: CaseRecord, me: Any) -> dict[str, Any]:
    detail = case_detail(record, full_number=True)
    for entry in detail["history"]:
        entry["status_label"] = Status(entry["status"]).label
        entry["when"] = entry["at"][:16].replace("T", " ")
    letter = core.letter_for(record.outcome)
    still: list[str] = []
    if record.status is Status.ACCEPTED_PENDING_MATERIALS:
        check = core.supplement_materials(rt, record.item, record.provided, [])
        still = [m.name for m in check.missing]
    return {
        "case": detail,
        "decision": detail["decision"],
        "point_name": _place(rt, record.point),
        "facts": fact_rows(detail["decision"].get("facts") or {}),
        "letter": {"title": letter.title, "url": f"/cases/{record.number}/documents/{letter}"},
        "actions": [(s.value, s.label) for s in record.allowed],
        "still_missing": still,
        "next_steps": next_links(rt, record) if _leads_on(record, me) else [],
        **linked(me, record.number),
    }


def _leads_on(record: CaseRecord, me: Any) -> bool:
    """A case refused or returned at intake leads nowhere yet; only intake staff start cases."""
    taken = record.outcome in (Status.ACCEPTED, Status.ACCEPTED_PENDING_MATERIALS)
    return taken and me.role in INTAKE_ROLES


def _place(rt: Any, point: str) -> str:
    place = rt.catalog.places.get(point)
    return place.name if place else point


def fact_rows(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """The facts the decision used, each by its label and in words."""
    rows = []
    for name, value in facts.items():
        label = ALL_SPECS[name].label if name in ALL_SPECS else name
        try:
            words = value_words(name, value)
        except (KeyError, ShebaoError, ValueError, TypeError):
            words = str(value)
        rows.append((label, words))
    return rows
