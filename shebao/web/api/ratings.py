"""好差评 over HTTP: the applicant rates a finished case; supervisors list and close the
follow-ups of 差评 and read the figures; an administrator sets a rating aside."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict

from shebao.present.ratings import followup_dict, rating_dict, statistics_dict
from shebao.web.accounts.auth import STAFF, staff
from shebao.web.accounts.services import staff_of
from shebao.web.api.errors import ErrorOut
from shebao.web.cases.limits import client_address
from shebao.web.core import runtime
from shebao.web.ratings import services, stats
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date

public_router = Router(tags=["公开查询（无需登录）"])
router = Router(tags=["好差评（主管，需登录）"], auth=STAFF)
Json = dict[str, Any]
STAFF_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
STAFF_MAY_NOT_RATE = "工作人员账号不能评价：好差评只能由申请人本人提交"


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class RatingIn(Strict):
    level: Any  # checked by the service, so that every mistake is told in Chinese
    scores: dict[str, Any] | None = None
    comment: str | None = None


class CloseIn(Strict):
    callback: str
    findings: str
    rectification: str


class SetAsideIn(Strict):
    reason: str


def _carries_staff(request: HttpRequest) -> bool:
    """A staff session, or any bearer token (a citizen's browser sends none)."""
    if request.headers.get("Authorization", "").strip():
        return True  # valid or not: a citizen's browser sends no credentials
    return staff_of(request.user) is not None


@public_router.post(
    "/{number}/rating",
    response={
        201: Json,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="申请人评价办件（好差评）",
)
def rate(request, number: str, id_last6: str, payload: RatingIn):
    """办结、不予受理或退回补正后，申请人凭办件编号和证件号码后六位评价一次：level 1—5
    （5 非常满意 … 1 非常不满意），可选 scores（attitude 服务态度、efficiency 服务效率、
    guide 办事指南准确度，各 1—5）和 comment。已评价（或超期默认基本满意）409；
    带工作人员登录或令牌 403；编号与后六位不符 404；失败过多 429。"""
    if _carries_staff(request):
        raise HttpError(403, STAFF_MAY_NOT_RATE)
    rating = services.rate(
        runtime(),
        number,
        id_last6,
        client_address(request),
        level=payload.level,
        scores=payload.scores,
        comment=payload.comment,
        channel="api",
    )
    return Status(201, rating_dict(rating))


@router.get("/followups", response={200: list[Json], **STAFF_ERRORS}, summary="差评回访整改")
def list_followups(request, status: str | None = None, point: str | None = None):
    """差评（不满意、非常不满意）的回访整改，期限最近的在前；status 为 open（默认）、closed 或 all。
    只有主管和系统管理员可以查看。"""
    today = timezone.localdate()
    found = services.followups(staff(request), status=status, point=point)
    return [followup_dict(f, today) for f in found]


@router.post(
    "/followups/{pk}/close",
    response={200: Json, 409: ErrorOut, **STAFF_ERRORS},
    summary="办结差评回访整改",
)
def close_followup(request, pk: str, payload: CloseIn):
    """记录回访情况（callback）、核查情况（findings）和整改措施（rectification）并办结；
    已办结的 409。"""
    followup = services.close_followup(
        staff(request),
        pk,
        callback=payload.callback,
        findings=payload.findings,
        rectification=payload.rectification,
    )
    return followup_dict(followup, timezone.localdate())


@router.get("/statistics", response={200: Json, **STAFF_ERRORS}, summary="好差评统计")
def statistics(request, start: str, end: str, by: str = "point"):
    """期间内（start、end，含两端）的评价：按服务点（point）、事项（item）或收件人（clerk）
    分组的满意度、差评按期整改率和各项指标平均分；被剔除的评价不计，默认评价计入。"""
    first = parse_date(start, "开始日期 start", years=SUPPORTED_YEARS)
    last = parse_date(end, "结束日期 end", years=SUPPORTED_YEARS)
    return statistics_dict(stats.statistics(runtime(), staff(request), first, last, by))


@router.post(
    "/{number}/set-aside", response={200: Json, 409: ErrorOut, **STAFF_ERRORS}, summary="剔除评价"
)
def set_aside(request, number: str, payload: SetAsideIn):
    """系统管理员剔除经核实有误或恶意的评价，须写明理由；评价本身和记录保留，只是不再计入统计。"""
    return rating_dict(services.set_aside(staff(request), number, payload.reason))


def install(api: NinjaAPI) -> None:
    def forbidden(request: HttpRequest, exc: services.NotAllowed) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=403)

    def not_found(request: HttpRequest, exc: services.FollowUpNotFound) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=404)

    api.add_exception_handler(services.NotAllowed, forbidden)
    api.add_exception_handler(services.FollowUpNotFound, not_found)
