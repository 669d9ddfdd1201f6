"""Intake at the window: choose the item, enter the applicant, the facts and the materials,
preview the decision the rules give, then save it with `cases.services.take_in`.

A served ticket (`?ticket=`) fills in the item and the person booked; a clerk may only open the
tickets of their own point, and `take_in` keeps clerks to their own point too. A life event's
previous case (`?from=` its number) fills in the applicant, shared facts and materials.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from shebao.errors import InputError
from shebao.present.cases import decision_record
from shebao.services import cases as core
from shebao.services import search
from shebao.web.appointments.services.tickets import intake_person
from shebao.web.cases import services
from shebao.web.citizen.pages import find_item
from shebao.web.citizen.questions import asked_text
from shebao.web.core import runtime
from shebao.web.desk.access import AT_THE_WINDOW, staff, staff_page
from shebao.web.desk.followup import carried
from shebao.web.desk.intake_form import (
    IntakeForm,
    document_rows,
    fact_rows,
    material_rows,
    payload,
    point_rows,
    read_form,
)

INTAKE_ROLES = AT_THE_WINDOW
TEMPLATE = "desk/intake.html"


@require_http_methods(["GET", "HEAD", "POST"])
@staff_page(INTAKE_ROLES)
def intake(request: HttpRequest) -> HttpResponse:
    rt = runtime()
    me = staff(request)
    if request.method == "POST":
        return _posted(request)
    prefill: dict[str, Any] = {}
    ticket = request.GET.get("ticket", "")
    if ticket:
        try:
            prefill = _ticket(me, ticket)
        except InputError as exc:
            return _choose(request, error=str(exc), status=404)
    label = prefill.pop("ticket", None)
    booked_item = prefill.pop("item", None)
    query = request.GET.get("q", "")
    wanted = request.GET.get("item") or (None if query else booked_item)
    if not wanted:
        return _choose(request, query=query, ticket=ticket, label=label)
    item = find_item(rt, str(wanted))
    if isinstance(item, str):
        return _choose(request, error=item, status=404, ticket=ticket, label=label)
    previous = request.GET.get("from", "")
    if previous:
        try:
            prefill = carried(rt, services.get_case(rt, me, previous), item)
        except InputError as exc:  # unknown, or another point's case
            return render(request, "desk/not_found.html", {"message": str(exc)}, status=404)
    return _form(request, IntakeForm(item=item, **prefill), ticket=label)


def _ticket(me: Any, ticket: str) -> dict[str, Any]:
    """What a served ticket says of the person; another point's ticket is "not found"."""
    if not ticket.isdigit() or len(ticket) > 12:
        raise InputError("排队号参数有误，请从叫号页面点“收件”进入")
    found = intake_person(int(ticket))
    if not me.sees_all_points and found.point != me.point:
        raise InputError(f"没有排队号 {ticket}，或它不属于您的服务点")
    shown = {"ticket": found.ticket, "item": found.item}
    for name in ("id_number", "name", "phone"):
        if getattr(found, name):
            shown[name] = getattr(found, name)
    if me.sees_all_points:
        shown["point"] = found.point
    return shown


def _choose(
    request: HttpRequest,
    *,
    query: str = "",
    error: str | None = None,
    status: int = 200,
    ticket: str = "",
    label: str | None = None,
) -> HttpResponse:
    """The item search; `ticket` (the queue's id) is kept in every link, `label` shown."""
    rt = runtime()
    results = []
    query = query.strip()[:100]
    keep = f"&ticket={ticket}" if ticket.isdigit() else ""
    if query:
        if query.isdigit():
            return redirect(f"/desk/intake?item={query}{keep}")
        results = search.search(rt, query, limit=10)
    context = {
        "query": query,
        "results": results,
        "error": error,
        "label": label,
        "ticket": ticket if keep else "",
        "keep": keep,
    }
    return render(request, "desk/intake_choose.html", context, status=status)


def _posted(request: HttpRequest) -> HttpResponse:
    rt = runtime()
    item = find_item(rt, request.POST.get("item", ""))
    if isinstance(item, str):
        return _choose(request, error=item, status=404)
    try:
        form = read_form(rt, item, request.POST)
    except InputError as exc:
        return _form(request, IntakeForm(item=item), error=str(exc), status=422)
    try:
        body = payload(rt, form)
        if request.POST.get("action") == "save":
            case = services.take_in(rt, staff(request), body)
            return redirect(f"/desk/cases/{case.number}/?new=1")
        outcome = preview(rt, body)
    except services.CaseNotFound as exc:  # the previous case (`source`): another point's
        return render(request, "desk/not_found.html", {"message": str(exc)}, status=404)
    except InputError as exc:
        return _form(request, form, error=str(exc), status=422)
    return _form(request, form, outcome=outcome)


def preview(rt: Any, body: dict[str, Any]) -> dict[str, Any]:
    """The decision the rules give for this payload, stored nowhere.

    `kind` is the outcome, or "need_facts" (the rules need answers first), or
    "need_commitment" (only 容缺 materials missing: the decision once the commitment is signed).
    """
    args = (body["item"], body["channel"], body["applicant"], body["facts"], body["provided"])
    try:
        decision = core.decide_intake(rt, *args, body["commitment_signed"])
    except core.NeedFacts as exc:
        return {"kind": "need_facts", "facts": [asked_text(n) for n in exc.facts]}
    except core.NeedCommitment:
        decision = core.decide_intake(rt, *args, True)
        return {"kind": "need_commitment", "decision": _shown(decision)}
    return {"kind": decision.outcome.value, "decision": _shown(decision)}


def _shown(decision: Any) -> dict[str, Any]:
    record = decision_record(decision)
    record["outcome_label"] = decision.outcome.label
    record["letter"] = core.letter_for(decision.outcome).title
    record["applicant_words"] = applicant_words(decision.applicant)
    return record


def applicant_words(who: Any) -> str:
    """The applicant as the ID read them: name, birth date and sex (or the unit, masked)."""
    if isinstance(who, core.Person):
        return (
            f"{who.name}，{who.birth_date.isoformat()} 出生，{who.sex.label}（{who.masked_number}）"
        )
    return f"{who.name}（统一社会信用代码 {who.masked_number}）"


def _form(
    request: HttpRequest,
    form: IntakeForm,
    *,
    outcome: dict[str, Any] | None = None,
    error: str | None = None,
    status: int = 200,
    ticket: str | None = None,
) -> HttpResponse:
    rt = runtime()
    me = staff(request)
    context = {
        "form": form,
        "item": {"no": form.item.no, "name": form.item.name},
        "facts": fact_rows(rt, form),
        "materials": material_rows(rt, form),
        "points": point_rows(rt) if me.sees_all_points else None,
        "documents": document_rows(),
        "outcome": outcome,
        "error": error,
        "ticket": ticket,
    }
    return render(request, TEMPLATE, context, status=status)
