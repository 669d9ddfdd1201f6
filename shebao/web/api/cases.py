"""Cases over HTTP: staff take in, list, read, change and supplement cases; citizens look up
their own. Each endpoint parses, calls one service of `shebao.web.cases.services` and returns
what `shebao.present.cases` makes of the result."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI, Router, Schema, Status
from pydantic import ConfigDict, Field, StrictBool

from shebao.present.cases import (
    case_detail,
    case_summary,
    need_commitment_dict,
    need_facts_dict,
    public_case_dict,
    supplement_dict,
    transition_refused_dict,
)
from shebao.services.cases import CaseRecord, NeedCommitment, NeedFacts, TransitionNotAllowed
from shebao.web.accounts.auth import STAFF, staff
from shebao.web.api import params
from shebao.web.api.errors import ErrorOut
from shebao.web.cases import services
from shebao.web.cases.limits import client_address
from shebao.web.core import runtime
from shebao.web.desk.audit import record_view
from shebao.web.desk.models import CaseView
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date

router = Router(tags=["办件（工作人员，需登录）"], auth=STAFF)
public_router = Router(tags=["公开查询（无需登录）"])
Json = dict[str, Any]
ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
MAX_MATERIALS = 100


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class CaseIn(Strict):
    item: params.ItemNo
    channel: str
    point: str | None = None
    applicant: dict[str, Any]
    facts: dict[str, Any] = Field(default_factory=dict)
    provided: list[str] = Field(default_factory=list, max_length=MAX_MATERIALS)
    commitment_signed: StrictBool = False
    received: str | None = None


class TransitionIn(Strict):
    to: str
    note: str = ""


class MaterialsIn(Strict):
    provided: list[str] = Field(min_length=1, max_length=MAX_MATERIALS)


def _detail(record: CaseRecord, *, full_number: bool = False) -> Json:
    shown = case_detail(record, full_number=full_number)
    shown["document_url"] = reverse(
        "cases:document", kwargs={"number": record.number, "kind": shown["letter"]}
    )
    return shown


@router.post("", response={201: Json, **ERRORS}, summary="收件：一次判定并登记办件")
def take_in(request, payload: CaseIn):
    """不予受理（refused）、受理（accepted）、容缺受理（accepted_pending_materials，须签署承诺书）
    或补正（returned，附一次性告知）；每次收件都登记。缺少规则所需的事实或未签承诺书时 422，
    不登记。返回的办件中申请人证件号码已隐去部分。"""
    body = payload.dict()
    if payload.received is not None:
        body["received"] = parse_date(payload.received, "收件日期 received", years=SUPPORTED_YEARS)
    record = services.take_in(runtime(), staff(request), body)
    return Status(201, _detail(record))


@router.get("", response={200: list[Json], **ERRORS}, summary="办件列表")
def list_cases(
    request,
    status: str | None = None,
    item: str | None = None,
    point: str | None = None,
    timer: str | None = None,
    limit: str | None = None,
):
    """本服务点的办件（主管和管理员：全部），新的在前；可按状态、事项、服务点、计时
    （normal / warning / overdue）筛选。证件号码一律隐去部分。"""
    found = services.list_cases(
        runtime(),
        staff(request),
        status=status,
        item=item,
        point=point,
        timer=timer,
        limit=params.limit(limit) if limit is not None else 100,
    )
    return [case_summary(r) for r in found]


@router.get("/{number}", response={200: Json, **ERRORS}, summary="一个办件")
def show_case(request, number: str):
    """办件的全部内容：收件决定（冻结）、历史（从早到晚）、计时；本页显示完整证件号码。"""
    me = staff(request)
    record = services.get_case(runtime(), me, number)
    record_view(me, record, CaseView.API)  # the full ID number is shown: recorded
    return _detail(record, full_number=True)


@router.post(
    "/{number}/transitions",
    response={200: Json, 409: Json, **ERRORS},
    summary="改变办件状态",
)
def change_status(request, number: str, payload: TransitionIn):
    """按状态表改变状态并记入历史；不允许时 409，`allowed` 列出当前可改为的状态。"""
    record = services.transition(runtime(), staff(request), number, payload.to, payload.note)
    return _detail(record)


@router.post(
    "/{number}/materials", response={200: Json, 409: ErrorOut, **ERRORS}, summary="补齐材料"
)
def bring_materials(request, number: str, payload: MaterialsIn):
    """容缺受理的办件补交材料；齐全时状态改为已补齐材料（materials_supplemented），
    否则说明还缺什么。"""
    record, check = services.supplement(runtime(), staff(request), number, payload.provided)
    shown = supplement_dict(record, check)
    shown["case"] = _detail(record)
    return shown


@public_router.get(
    "/{number}",
    response={200: Json, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="群众查询自己的办件",
)
def look_up(request, number: str, id_last6: str):
    """办件编号 + 证件号码（或统一社会信用代码）后六位：状态、历史（不含工作人员姓名）、
    办结期限。编号不存在、格式不对或后六位不符，一律 404；失败过多时 429。"""
    record = services.lookup_public(runtime(), number, id_last6, client_address(request))
    return public_case_dict(record)


def install(api: NinjaAPI) -> None:
    """The error bodies of the case endpoints (ninja picks the most specific handler)."""

    def answer(request: HttpRequest, status: int, body: Json) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def on_need_facts(request: HttpRequest, exc: NeedFacts) -> HttpResponse:
        return answer(request, 422, need_facts_dict(exc))

    def on_need_commitment(request: HttpRequest, exc: NeedCommitment) -> HttpResponse:
        return answer(request, 422, need_commitment_dict(exc))

    def on_transition(request: HttpRequest, exc: TransitionNotAllowed) -> HttpResponse:
        return answer(request, 409, transition_refused_dict(exc))

    def on_not_found(request: HttpRequest, exc: services.CaseNotFound) -> HttpResponse:
        return answer(request, 404, {"detail": str(exc)})

    def on_limited(request: HttpRequest, exc: services.LookupLimited) -> HttpResponse:
        response = answer(request, 429, {"detail": str(exc)})
        response["Retry-After"] = str(exc.retry_after)
        return response

    api.add_exception_handler(NeedFacts, on_need_facts)
    api.add_exception_handler(NeedCommitment, on_need_commitment)
    api.add_exception_handler(TransitionNotAllowed, on_transition)
    api.add_exception_handler(services.CaseNotFound, on_not_found)
    api.add_exception_handler(services.LookupLimited, on_limited)
