"""The citizen's rating page (the QR code on a case's letters opens it; the progress page's
form posts to it). The view parses the form, calls one service and renders."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from shebao.errors import InputError
from shebao.ratings.levels import INDICATOR_LABELS, LEVEL_LABELS, MAX_COMMENT
from shebao.text import clean
from shebao.web.accounts.services import staff_of
from shebao.web.cases import services as cases
from shebao.web.cases.limits import client_address
from shebao.web.citizen.progress import NOT_FOUND
from shebao.web.core import runtime
from shebao.web.errors import Conflict
from shebao.web.ratings import services

STAFF_MAY_NOT_RATE = "工作人员账号不能评价：好差评只能由申请人本人提交，请先退出登录"


def form_context(number: str, id_last6: str = "", form: Any = None) -> dict[str, Any]:
    """What `ratings/_form.html` needs (also for the progress page)."""
    return {
        "number": number,
        "action": reverse("ratings:rate", kwargs={"number": number}) if number else "",
        "id_last6": id_last6,
        "form": form or {},
        "levels": [(int(level), label) for level, label in LEVEL_LABELS.items()],
        "indicators": [(i.value, label) for i, label in INDICATOR_LABELS.items()],
        "scores": range(5, 0, -1),
        "max_comment": MAX_COMMENT,
        "default_days": settings.RATING_DEFAULT_DAYS,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def rate(request: HttpRequest, number: str) -> HttpResponse:
    shown = clean(number).strip()[:20]
    if not shown.isprintable():
        shown = ""
    context = form_context(shown, form=request.POST)
    if staff_of(request.user) is not None:
        context |= {"error": STAFF_MAY_NOT_RATE, "staff": True}
        return render(request, "ratings/rate.html", context, status=403)
    if request.method != "POST":
        return render(request, "ratings/rate.html", context)
    last6 = clean(request.POST.get("id_last6", "")).strip()[:20]
    scores = {key: request.POST.get(key, "") for key, _ in context["indicators"]}
    status = 200
    try:
        rating = services.rate(
            runtime(),
            number,
            last6,
            client_address(request),
            level=request.POST.get("level") or None,
            scores=scores,
            comment=request.POST.get("comment", ""),
            channel="web",
        )
    except cases.CaseNotFound:
        context["error"], status = NOT_FOUND, 404
    except cases.LookupLimited as exc:
        context["error"], status = str(exc), 429
    except Conflict as exc:
        context["error"], status = str(exc), 409
    except InputError as exc:
        context["error"], status = str(exc), 422
    else:
        followup = getattr(rating, "followup", None)
        context |= {"done": rating, "followup_due": followup.due if followup else None}
    return render(request, "ratings/rate.html", context, status=status)
