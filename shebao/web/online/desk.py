"""网上预审 in the staff desk: the list, one application with its files beside the checklist,
each file accepted or sent back with a reason, then the decision. Files are served only here
(and to their applicant), never from a public URL, and every view of one is logged."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from shebao.errors import InputError
from shebao.web.citizen.questions import answer_words, asked_text
from shebao.web.core import runtime
from shebao.web.desk.access import staff, staff_page
from shebao.web.errors import Conflict
from shebao.web.online import review
from shebao.web.online.downloads import file_response
from shebao.web.online.present import application_dict
from shebao.web.online.services import NotFound

REVIEWERS = frozenset({"reviewer", "clerk", "supervisor", "admin"})


@require_safe
@staff_page(REVIEWERS)
def review_list(request: HttpRequest) -> HttpResponse:
    rows = [review.summary(a) for a in review.waiting(staff(request))]
    return render(request, "online/review_list.html", {"rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
@staff_page(REVIEWERS)
def review_page(request: HttpRequest, code: str) -> HttpResponse:
    me = staff(request)
    rt = runtime()
    context: dict[str, Any] = {}
    status = 200
    try:
        app = review.get(me, code)
    except NotFound as exc:
        return render(request, "online/review_missing.html", {"message": str(exc)}, status=404)
    if request.method == "POST":
        try:
            if request.POST.get("do") == "decide":
                review.decide(rt, me, code)
            else:
                accept = request.POST.get("verdict") == "accept"
                review.review_file(
                    me, code, request.POST.get("file", ""), accept, request.POST.get("reason", "")
                )
            return redirect(f"/desk/review/{app.code}")
        except InputError as exc:
            context["error"] = str(exc)
            status = 409 if isinstance(exc, Conflict) else 422
            app = review.get(me, code)
    context["app"] = application_dict(rt, app, staff=True)
    context["answers"] = [
        {"question": asked_text(name), "answer": answer_words(name, value)}
        for name, value in app.facts.items()
    ]
    context["reviewable"] = app.state == "submitted"
    return render(request, "online/review.html", context, status=status)


@require_safe
@staff_page(REVIEWERS)
def review_file(request: HttpRequest, code: str, file_id: str) -> HttpResponse:
    try:
        found, content = review.staff_file(staff(request), code, file_id)
    except NotFound as exc:
        return render(request, "online/review_missing.html", {"message": str(exc)}, status=404)
    return file_response(found, content, inline=True)
