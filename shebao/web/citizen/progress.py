"""Case progress: a case number and the last 6 characters of the applicant's ID number.

Every way a lookup can fail (no such case, a wrong pair, a malformed number, no cases app)
gets the same answer, so the page tells nobody whether a number exists.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from shebao.errors import InputError
from shebao.text import clean

CASES_APP = "shebao.web.cases"
RATINGS_APP = "shebao.web.ratings"
ONLINE_APP = "shebao.web.online"
NOT_FOUND = "没有找到与这个办件编号和身份证号码后6位相符的办件。请核对后再试（编号在受理回执上）。"


def public_case(request: HttpRequest, number: str, id_last6: str) -> dict[str, Any] | None:
    """The case as the public may see it (the same lookup and limits as
    `GET /api/public/cases/{number}?id_last6=`), or None when there is no case for this pair.
    LookupLimited (an InputError) after too many failures."""
    if not apps.is_installed(CASES_APP):
        return None
    from shebao.present.cases import public_case_page
    from shebao.web.cases import services
    from shebao.web.cases.limits import client_address
    from shebao.web.core import runtime

    try:
        record = services.lookup_public(runtime(), number, id_last6, client_address(request))
    except services.CaseNotFound:
        return None
    return public_case_page(record)


def rating_context(number: str, last6: str) -> dict[str, Any]:
    """The rating part of the page, for a case whose number and last 6 were just checked."""
    from shebao.web.ratings.services import public_state
    from shebao.web.ratings.views import form_context

    return form_context(number, last6) | {"rating": public_state(number)}


@require_http_methods(["GET", "HEAD", "POST"])
def progress(request: HttpRequest) -> HttpResponse:
    number = clean(request.POST.get("number", "")).strip()[:40]
    last6 = clean(request.POST.get("id_last6", "")).strip()[:20]
    context: dict[str, Any] = {"number": number, "id_last6": last6}
    status = 200
    if request.method == "POST":
        if not number or not last6:
            context["error"] = "请填写办件编号和身份证号码后6位"
            status = 422
        else:
            if number.upper().startswith("W") and apps.is_installed(ONLINE_APP):
                # A 网上办 application code: its own page shows every state.
                from shebao.web.online.views import open_by_code

                try:
                    opened = open_by_code(request, number, last6)
                except InputError as exc:
                    context["error"] = str(exc)
                    return render(request, "citizen/progress.html", context, status=429)
                if opened is not None:
                    return opened
            try:
                found = public_case(request, number, last6)
            except InputError as exc:  # too many failed tries from here, or for this number
                context["error"] = str(exc)
                return render(request, "citizen/progress.html", context, status=429)
            context["case"] = found
            context["not_found"] = None if found else NOT_FOUND
            if found and apps.is_installed(RATINGS_APP):
                context |= rating_context(found["number"], last6)
            status = 200 if found else 404
    return render(request, "citizen/progress.html", context, status=status)
