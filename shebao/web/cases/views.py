"""The written documents of a case as printable HTML pages, for staff who may see the case."""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.views.decorators.http import require_safe

from shebao.errors import InputError
from shebao.present.case_letters import letter_context
from shebao.web.accounts.models import StaffProfile
from shebao.web.accounts.services import staff_for_token, staff_of
from shebao.web.cases import services
from shebao.web.core import runtime
from shebao.web.desk.audit import record_view
from shebao.web.desk.models import CaseView

_PAGE = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1><p>{text}</p></body></html>
"""


def _staff(request: HttpRequest) -> StaffProfile | None:
    """The session's staff member, or a script's bearer token."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return staff_for_token(token)
    return staff_of(request.user)


def _plain(status: int, title: str, text: str) -> HttpResponse:
    page = _PAGE.format(title=escape(title), text=escape(text))
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


@require_safe
def document(request: HttpRequest, number: str, kind: str) -> HttpResponse:
    """受理通知书, 不予受理决定书, 一次性告知书 or 容缺受理通知书 (with the 承诺书) of one case."""
    profile = _staff(request)
    if profile is None:
        response = _plain(401, "需要登录", "办件文书只对工作人员开放，请先登录")
        response["WWW-Authenticate"] = 'Bearer realm="shebao"'
        return response
    rt = runtime()
    try:
        record = services.case_letter(rt, profile, number, kind)
    except InputError as exc:  # unknown, another point's, malformed, or not this case's kind
        return _plain(404, "未找到", str(exc))
    record_view(profile, record, CaseView.DOCUMENT)
    context = letter_context(rt.guide, record)
    context["rating_qr_on"] = apps.is_installed("shebao.web.ratings")  # the 好差评 QR code
    return render(request, f"cases/{context['kind']}.html", context)
