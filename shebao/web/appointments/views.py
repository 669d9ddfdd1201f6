"""Pages: citizens book, look up, cancel and move; the hall's ticket kiosk and display; the
clerk's day at the window. Each view parses the form, calls one service and renders."""

from __future__ import annotations

import contextlib
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from shebao.errors import InputError
from shebao.present.appointments import call_text, ticket_text
from shebao.present.workdays import day_text
from shebao.web.appointments import services
from shebao.web.core import runtime
from shebao.web.desk.access import AT_THE_WINDOW, staff, staff_page

# Refused, RateLimited and not-found are all shown the same way on a page: as the message.
PAGE_ERRORS = (InputError, services.RateLimited)


def _caller(request: HttpRequest) -> services.Caller:
    return services.Caller(address=request.META.get("REMOTE_ADDR"))


def points(request: HttpRequest) -> HttpResponse:
    return render(
        request, "appointments/points.html", {"points": services.bookable_points(runtime())}
    )


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, point: str) -> HttpResponse:
    rt = runtime()
    name = services.point_name(rt, point)  # unknown point: 404 page
    context: dict[str, Any] = {"point": point, "point_name": name, "form": request.POST}
    if request.method == "POST":
        try:
            booking = services.book(
                rt,
                point=point,
                item=request.POST.get("item", ""),
                start=request.POST.get("start", ""),
                id_number=request.POST.get("id_number", ""),
                name=request.POST.get("name", ""),
                phone=request.POST.get("phone", ""),
                caller=_caller(request),
            )
            return render(request, "appointments/booked.html", {"booking": booking})
        except PAGE_ERRORS as exc:
            context["error"] = str(exc)
    context["items"] = services.items_at(rt, point)
    context["days"] = _days(rt, point)
    return render(
        request, "appointments/book.html", context, status=409 if "error" in context else 200
    )


def _days(rt, point: str) -> list[dict[str, Any]]:
    return [
        {"label": day_text(day), "slots": [s for s in found if s.free > 0]}
        for day, found in services.bookable_slots(rt, point)
    ]


@require_http_methods(["GET", "POST"])
def find(request: HttpRequest) -> HttpResponse:
    """Look up by code + last 6 of ID (sent by POST, so they stay out of addresses and logs);
    then cancel or move."""
    rt = runtime()
    context: dict[str, Any] = {"form": request.POST}
    if request.method == "POST":
        code, last6 = request.POST.get("code", ""), request.POST.get("id_last6", "")
        action = request.POST.get("action", "find")
        try:
            if action == "cancel":
                context["booking"] = services.cancel(rt, code, last6, _caller(request))
                context["done"] = "预约已取消"
            elif action == "move":
                start = request.POST.get("start", "")
                context["booking"] = services.reschedule(rt, code, last6, start, _caller(request))
                context["done"] = "已改约"
            else:
                context["booking"] = services.look_up(rt, code, last6, _caller(request))
        except PAGE_ERRORS as exc:
            context["error"] = str(exc)
            if action != "find":
                with contextlib.suppress(*PAGE_ERRORS):
                    context["booking"] = services.look_up(rt, code, last6, _caller(request))
        if context.get("booking") and context["booking"].status == "active":
            context["days"] = _days(rt, context["booking"].point)
    return render(request, "appointments/find.html", context)


@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest, point: str) -> HttpResponse:
    """The take-a-number screen at the hall's entrance: walk-in, or check in with the code."""
    rt = runtime()
    context: dict[str, Any] = {"point": point, "point_name": services.point_name(rt, point)}
    if request.method == "POST":
        try:
            ticket = services.take_ticket(
                rt,
                point,
                request.POST.get("booking_code") or None,
                request.POST.get("id_last6") or None,
                _caller(request),
            )
            context["ticket"], context["text"] = ticket, ticket_text(ticket)
        except PAGE_ERRORS as exc:
            context["error"] = str(exc)
    return render(request, "appointments/kiosk.html", context)


def display(request: HttpRequest, point: str) -> HttpResponse:
    board = services.hall_board(runtime(), point)
    calls = [{"called": c, "text": call_text(c.ticket, c.window)} for c in board.calling]
    return render(request, "appointments/display.html", {"board": board, "calls": calls})


@require_http_methods(["GET", "POST"])
@staff_page(AT_THE_WINDOW)
def desk(request: HttpRequest) -> HttpResponse:
    """The clerk's day: call next to the window, skip, recall, serve (then take the case in)."""
    profile = staff(request)
    rt = runtime()
    point = profile.point or request.GET.get("point") or ""
    if not point:
        return render(
            request, "appointments/desk_points.html", {"points": services.bookable_points(rt)}
        )
    window = request.POST.get("window") or request.session.get("appointments_window", "")
    context: dict[str, Any] = {"window": window}
    if request.method == "POST":
        request.session["appointments_window"] = window
        try:
            services.check_point_of(profile, point)
            done = _desk_action(rt, request, point, window, profile.user.get_username())
            if done is not None:
                return done
        except PAGE_ERRORS as exc:
            context["error"] = str(exc)
    try:
        context["view"] = services.today_view(rt, point)
    except InputError as exc:
        context["error"] = str(exc)
    return render(request, "appointments/desk.html", context)


def _desk_action(rt, request: HttpRequest, point: str, window: str, by: str) -> HttpResponse | None:
    action, label = request.POST.get("action"), request.POST.get("ticket", "")
    if action == "call":
        if services.call_next(rt, point, window, by) is None:
            raise InputError("没有人在等候")
    elif action == "skip":
        services.skip(rt, point, label, by)
    elif action == "recall":
        services.recall(rt, point, label, window, by)
    elif action == "serve":
        served = services.serve(rt, point, label, by)
        return redirect(served.intake_url)
    return redirect(request.get_full_path())
