"""Appointments and the hall queue: slots, bookings (public), tickets, calls (staff).

409 answers carry `reason` beside `detail`: full, blocked, one_per_day, one_per_item,
not_bookable_day, no_such_slot, item_not_at_point, too_late_to_change, … ; 429 answers
(too many attempts) carry `Retry-After`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router, Schema, Status
from pydantic import ConfigDict

from shebao.present.appointments import board_dict, booking_dict, slot_dict, ticket_dict
from shebao.web.accounts.auth import STAFF, staff
from shebao.web.api.errors import ErrorOut
from shebao.web.appointments import services
from shebao.web.core import runtime

router = Router(tags=["预约与取号"])
Json = dict[str, Any]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class BookingIn(Strict):
    point: str
    item: int | str
    start: str
    id_number: str
    name: str
    phone: str


class MoveIn(Strict):
    id_last6: str
    start: str


class TicketIn(Strict):
    booking_code: str | None = None
    id_last6: str | None = None


class WindowIn(Strict):
    window: str | int


class RefusedOut(Schema):
    detail: str
    reason: str


def caller(request: HttpRequest) -> services.Caller:
    return services.Caller(address=request.META.get("REMOTE_ADDR"))


@router.get(
    "/points/{point}/slots",
    response={200: list[Json], 404: ErrorOut, 422: ErrorOut},
    summary="某服务点某日的预约时段",
)
def point_slots(request, point: str, date: str):
    """`[{start, end, capacity, booked}]`；非工作日（节假日）没有时段，调休上班的周末有。"""
    return [slot_dict(s) for s in services.slots(runtime(), point, date)]


@router.post(
    "/bookings",
    response={201: Json, 404: ErrorOut, 409: RefusedOut, 422: ErrorOut, 429: ErrorOut},
    summary="预约",
)
def create_booking(request, payload: BookingIn):
    """实名预约一个时段：返回预约码 code。约满或规则不允许时 409，reason 说明原因。"""
    booking = services.book(runtime(), caller=caller(request), **payload.dict())
    return Status(201, booking_dict(booking))


@router.get(
    "/bookings/{code}",
    response={200: Json, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="查询预约",
)
def get_booking(request, code: str, id_last6: str):
    """预约码 + 身份证号码后 6 位。"""
    return booking_dict(services.look_up(runtime(), code, id_last6, caller(request)))


@router.delete(
    "/bookings/{code}",
    response={200: Json, 404: ErrorOut, 409: RefusedOut, 422: ErrorOut, 429: ErrorOut},
    summary="取消预约",
)
def cancel_booking(request, code: str, id_last6: str):
    """预约开始前 2 小时（可配置）以前可以取消。"""
    return booking_dict(services.cancel(runtime(), code, id_last6, caller(request)))


@router.post(
    "/bookings/{code}/reschedule",
    response={200: Json, 404: ErrorOut, 409: RefusedOut, 422: ErrorOut, 429: ErrorOut},
    summary="改约到同一服务点的另一时段",
)
def move_booking(request, code: str, payload: MoveIn):
    rt = runtime()
    moved = services.reschedule(rt, code, payload.id_last6, payload.start, caller(request))
    return booking_dict(moved)


@router.post(
    "/points/{point}/tickets",
    response={201: Json, 404: ErrorOut, 409: RefusedOut, 422: ErrorOut, 429: ErrorOut},
    summary="取号（现场或预约签到）",
)
def take_ticket(request, point: str, payload: TicketIn):
    """不带参数为现场取号（A 字头）；带预约码和身份证号码后 6 位为预约签到（B 字头，预约优先）。"""
    ticket = services.take_ticket(
        runtime(), point, payload.booking_code, payload.id_last6, caller(request)
    )
    return Status(201, ticket_dict(ticket))


@router.get("/points/{point}/board", response={200: Json, 404: ErrorOut}, summary="大厅叫号屏")
def board(request, point: str):
    return board_dict(services.hall_board(runtime(), point))


STAFF_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: RefusedOut, 422: ErrorOut}


def _clerk(request: HttpRequest, point: str) -> str:
    profile = staff(request)
    services.check_point_of(profile, point)
    return profile.user.get_username()


@router.post(
    "/points/{point}/call-next",
    response={200: Json, 204: None, **STAFF_ERRORS},
    auth=STAFF,
    summary="叫下一位（工作人员）",
)
def call_next(request, point: str, payload: WindowIn):
    """把下一位叫到 window 号窗口（该窗口正在办理的号同时办结）；没有人等候时 204。"""
    by = _clerk(request, point)
    ticket = services.call_next(runtime(), point, payload.window, by)
    if ticket is None:
        return Status(204, None)
    return ticket_dict(ticket)


@router.post(
    "/points/{point}/tickets/{ticket}/skip",
    response={200: Json, **STAFF_ERRORS},
    auth=STAFF,
    summary="过号（工作人员）",
)
def skip(request, point: str, ticket: str):
    return ticket_dict(services.skip(runtime(), point, ticket, _clerk(request, point)))


@router.post(
    "/points/{point}/tickets/{ticket}/recall",
    response={200: Json, **STAFF_ERRORS},
    auth=STAFF,
    summary="过号后重新叫号（一次，工作人员）",
)
def recall(request, point: str, ticket: str, payload: WindowIn):
    by = _clerk(request, point)
    return ticket_dict(services.recall(runtime(), point, ticket, payload.window, by))


@router.post(
    "/points/{point}/tickets/{ticket}/serve",
    response={200: Json, **STAFF_ERRORS},
    auth=STAFF,
    summary="开始办理（工作人员）：返回收件页地址 intake_url",
)
def serve(request, point: str, ticket: str):
    return ticket_dict(services.serve(runtime(), point, ticket, _clerk(request, point)))


def install(api: NinjaAPI) -> None:
    """The answers of this router's own errors: 409 with a reason, 429, 403."""

    def on_refused(request: HttpRequest, exc: services.Refused) -> HttpResponse:
        body = {"detail": str(exc), "reason": exc.reason}
        return api.create_response(request, body, status=409)

    def on_limited(request: HttpRequest, exc: services.RateLimited) -> HttpResponse:
        response = api.create_response(request, {"detail": str(exc)}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    def on_not_yours(request: HttpRequest, exc: services.NotYourPoint) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=403)

    api.add_exception_handler(services.Refused, on_refused)
    api.add_exception_handler(services.RateLimited, on_limited)
    api.add_exception_handler(services.NotYourPoint, on_not_yours)
