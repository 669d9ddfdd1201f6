"""The applicant's pages: start on the item, come back with the code, answer, upload, sign,
submit and follow every state. Which applications a browser may open is kept in its session
(after the start, or after the code and the last 6 of the ID were given); any other is 404.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from shebao.errors import InputError
from shebao.services import checks
from shebao.text import clean as clean_text
from shebao.web.cases.limits import client_address
from shebao.web.citizen.answers import Answers, Step, next_step
from shebao.web.citizen.pages import not_found
from shebao.web.citizen.selfcheck import question_context, take_answer
from shebao.web.core import runtime
from shebao.web.online import services
from shebao.web.online.downloads import file_response
from shebao.web.online.present import application_dict
from shebao.web.online.states import EDITABLE, State

SESSION_KEY = "online.codes"
MAX_REMEMBERED = 10


def remember(request: HttpRequest, code: str) -> None:
    codes = [c for c in request.session.get(SESSION_KEY, []) if c != code]
    request.session[SESSION_KEY] = [code, *codes][:MAX_REMEMBERED]


def _mine(request: HttpRequest, code: str) -> Any:
    if code not in request.session.get(SESSION_KEY, []):
        return None
    return services.Application.objects.filter(code=code).first()


@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest, no: str) -> HttpResponse:
    rt = runtime()
    try:
        item = services.online_item(rt, no)
    except InputError as exc:
        return not_found(request, str(exc))
    form = {k: clean_text(request.POST.get(k, "")).strip()[:100] for k in FIELDS}
    context: dict[str, Any] = {"item": item, "form": form, "kind": form["kind"] or "person"}
    if request.method == "POST":
        try:
            started = services.start(rt, item.no, _applicant(form))
        except InputError as exc:
            context["error"] = str(exc)
            return render(request, "online/start.html", context, status=422)
        remember(request, started.application.code)
        request.session[f"online.shown.{started.application.code}"] = started.shown_code
        return redirect(f"/online/{started.application.code}")
    return render(request, "online/start.html", context)


FIELDS = ("kind", "id_number", "credit_code", "name", "contact", "phone")


def _applicant(form: dict[str, str]) -> dict[str, Any]:
    if form["kind"] == "unit":
        return {
            "kind": "unit",
            "credit_code": form["credit_code"],
            "name": form["name"],
            "contact": form["contact"] or None,
            "phone": form["phone"],
        }
    return {
        "kind": "person",
        "id_number": form["id_number"],
        "name": form["name"],
        "phone": form["phone"],
    }


def open_by_code(request: HttpRequest, code: str, id_last6: str) -> HttpResponse | None:
    """The application's page for the progress form, or None when the pair finds nothing
    (LookupLimited, an InputError, after too many failures)."""
    try:
        app = services.find(code, id_last6, client_address(request))
    except services.NotFound:
        return None
    remember(request, app.code)
    return redirect(f"/online/{app.code}")


@require_http_methods(["GET", "HEAD", "POST"])
def come_back(request: HttpRequest) -> HttpResponse:
    """The code and the last 6 of the ID: the application, or one answer for every failure."""
    code = clean_text(request.POST.get("code", "")).strip().upper()[:40]
    last6 = clean_text(request.POST.get("id_last6", "")).strip()[:20]
    context = {"code": code, "id_last6": last6}
    if request.method == "POST":
        try:
            app = services.find(code, last6, client_address(request))
        except services.LookupLimited as exc:
            context["error"] = str(exc)
            return render(request, "online/return.html", context, status=429)
        except services.NotFound as exc:
            context["error"] = str(exc)
            return render(request, "online/return.html", context, status=404)
        remember(request, app.code)
        return redirect(f"/online/{app.code}")
    return render(request, "online/return.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def application(request: HttpRequest, code: str) -> HttpResponse:
    app = _mine(request, code)
    if app is None:
        return not_found(request, services.NOT_FOUND)
    rt = runtime()
    context: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        try:
            done = _act(rt, request, app, context)
        except InputError as exc:
            context["error"] = str(exc)
            status = 413 if isinstance(exc, services.TooLarge) else 422
            if isinstance(exc, services.NeedSignature):
                context["commitment"] = exc.text
                status = 200
        else:
            if done:
                return redirect(f"/online/{app.code}")
        app = services.reload(app)
    context.update(_page(rt, request, app))
    return render(request, "online/application.html", context, status=status)


def _act(rt: Any, request: HttpRequest, app: Any, context: dict[str, Any]) -> bool:
    """Do what the form asked; True when the page should be loaded afresh (POST-redirect-GET)."""
    action = request.POST.get("do", "")
    if "ask" in request.POST:  # the self-check's question form (its buttons are "action")
        action = "answer"
    if action == "verify":
        services.verify(app, request.POST.get("verification", ""))
    elif action == "resend":
        request.session[f"online.shown.{app.code}"] = services.resend_code(app)
    elif action == "answer":
        _answer(rt, request, app, context)
        return not context.get("question_error")
    elif action == "upload":
        _upload(rt, request, app)
    elif action == "remove":
        services.remove_upload(app, request.POST.get("file", ""))
    elif action == "submit":
        signed = request.POST.get("commitment") if request.POST.get("sign") == "yes" else None
        services.submit(rt, app, signed)
    else:
        raise InputError("未知的操作，请刷新页面后重试")
    return True


def _upload(rt: Any, request: HttpRequest, app: Any) -> None:
    limit = settings.ONLINE_MAX_FILE_BYTES
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length) > limit + 16 * 1024:
        raise services.TooLarge(f"文件过大：每个文件最大 {limit // (1024 * 1024)} MB")
    sent = request.FILES.get("file")
    if sent is None:
        raise InputError("请选择要上传的文件")
    if sent.size > limit:
        raise services.TooLarge(f"文件过大：每个文件最大 {limit // (1024 * 1024)} MB")
    services.upload(rt, app, request.POST.get("material"), sent.read(), sent.name or "")


# --- the facts, asked one at a time with the self-check's questions ----------------------------


def _own_facts(app: Any) -> dict[str, Any]:
    return {"id_number": app.applicant_number} if app.applicant_kind == "person" else {}


def _step(rt: Any, app: Any):
    own = _own_facts(app)

    def step_of(answers: Answers) -> Step[Any]:
        return next_step(
            answers,
            rt.today(),
            run=lambda facts: checks.check_item(rt, app.item, own | facts),
            signature=lambda r: (r.allowed, r.missing_facts),
            missing=lambda r: r.missing_facts if r.allowed is None else (),
        )

    return step_of


def _answer(rt: Any, request: HttpRequest, app: Any, context: dict[str, Any]) -> None:
    answers, _, _, error = take_answer(rt, request, _salt(app), _step(rt, app))
    if error:
        context["question_error"] = error
        return
    services.set_facts(rt, app, {k: v for k, v in answers.facts.items() if in_facts(k)})


def in_facts(name: str) -> bool:
    return name not in services.IDENTITY


def _salt(app: Any) -> str:
    return f"online.facts.{app.code}"


def _page(rt: Any, request: HttpRequest, app: Any) -> dict[str, Any]:
    shown = application_dict(rt, app)
    editable = State(app.state) in EDITABLE
    context: dict[str, Any] = {
        "app": shown,
        "editable": editable,
        "shown_code": request.session.get(f"online.shown.{app.code}")
        if app.verified_at is None
        else None,
        "max_mb": settings.ONLINE_MAX_FILE_BYTES // (1024 * 1024),
        "max_files": settings.ONLINE_MAX_FILES,
    }
    if editable and app.verified_at is not None:
        answers = Answers([(k, v) for k, v in app.facts.items()])
        step = _step(rt, app)(answers)
        if step.ask:
            context["questions"] = question_context(step, answers, None, _salt(app))
            context["questions"]["action"] = f"/online/{app.code}"
    return context


@require_safe
def applicant_file(request: HttpRequest, code: str, file_id: str) -> HttpResponse:
    app = _mine(request, code)
    if app is None:
        return not_found(request, services.NOT_FOUND)
    try:
        found, content = services.applicant_file(app, file_id)
    except services.NotFound as exc:
        return not_found(request, str(exc))
    return file_response(found, content)
