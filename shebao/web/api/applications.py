"""网上办 over HTTP: the applicant starts, verifies, answers, uploads and submits with the
application code and the last 6 characters of the document number; staff pre-review under
/api/review/applications. Each endpoint calls one service of `shebao.web.online`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router, Schema, Status
from pydantic import ConfigDict, Field, StrictBool

from shebao.errors import InputError
from shebao.web.accounts.auth import STAFF, staff
from shebao.web.api import params
from shebao.web.api.errors import ErrorOut
from shebao.web.cases.limits import client_address
from shebao.web.core import runtime
from shebao.web.online import review, services
from shebao.web.online.downloads import file_response
from shebao.web.online.present import application_dict

router = Router(tags=["网上办（申请人）"])
review_router = Router(tags=["网上预审（工作人员，需登录）"], auth=STAFF)
Json = dict[str, Any]
ERRORS = {404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}
MULTIPART_OVERHEAD = 16 * 1024  # the form's other fields and boundaries around the file


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class StartIn(Strict):
    item: params.ItemNo
    applicant: dict[str, Any]
    facts: dict[str, Any] = Field(default_factory=dict)


class VerifyIn(Strict):
    id_last6: str
    code: str


class FactsIn(Strict):
    id_last6: str
    facts: dict[str, Any]


class SubmitIn(Strict):
    id_last6: str
    commitment: str | None = None  # the full text of the 承诺书, as shown, when signing it


class ReviewIn(Strict):
    accept: StrictBool
    reason: str = ""


def _mine(request: HttpRequest, code: str, id_last6: object) -> Any:
    return services.find(code, id_last6, client_address(request))


@router.post("", response={201: Json, **ERRORS}, summary="开始网上申请（保存为草稿）")
def start(request, payload: StartIn):
    """申请人为个人（公民身份号码）或单位（统一社会信用代码）；返回申请编号和手机验证码
    （未接入短信时 `verification_code` 即屏幕上显示的验证码）。"""
    rt = runtime()
    started = services.start(rt, payload.item, payload.applicant)
    if payload.facts:
        services.set_facts(rt, started.application, payload.facts)
    shown = application_dict(rt, started.application)
    return Status(201, shown | {"verification_code": started.shown_code})


@router.get("/{code}", response={200: Json, **ERRORS}, summary="查看自己的网上申请")
def show(request, code: str, id_last6: str = ""):
    """每个状态（草稿、待审核、不予受理及依据、退回补正及一次性告知、已受理及办结期限）。"""
    return application_dict(runtime(), _mine(request, code, id_last6))


@router.post("/{code}/verify", response={200: Json, **ERRORS}, summary="输入手机验证码")
def verify(request, code: str, payload: VerifyIn):
    app = services.verify(_mine(request, code, payload.id_last6), payload.code)
    return application_dict(runtime(), app)


@router.post("/{code}/facts", response={200: Json, **ERRORS}, summary="填写事项所需的事实")
def facts(request, code: str, payload: FactsIn):
    rt = runtime()
    app = services.set_facts(rt, _mine(request, code, payload.id_last6), payload.facts)
    return application_dict(rt, app)


@router.post("/{code}/files", response={201: Json, 413: ErrorOut, **ERRORS}, summary="上传一份材料")
def upload(request, code: str):
    """multipart/form-data：`id_last6`、`material`（材料名称）、`file`（PDF、JPEG 或 PNG，
    按内容判断类型）。超过大小上限的请求在读取请求体之前即以 413 拒绝。"""
    limit = settings.ONLINE_MAX_FILE_BYTES
    if _content_length(request) > limit + MULTIPART_OVERHEAD:
        raise services.TooLarge(f"文件过大：每个文件最大 {limit // (1024 * 1024)} MB")
    app = _mine(request, code, request.POST.get("id_last6", ""))
    sent = request.FILES.get("file")
    if sent is None:
        raise InputError("请选择要上传的文件（表单字段 file）")
    if sent.size > limit:
        raise services.TooLarge(f"文件过大：每个文件最大 {limit // (1024 * 1024)} MB")
    rt = runtime()
    services.upload(rt, app, request.POST.get("material"), sent.read(), sent.name or "")
    return Status(201, application_dict(rt, services.reload(app)))


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@router.get("/{code}/files/{file_id}", response={**ERRORS}, summary="下载自己上传的文件")
def applicant_file(request, code: str, file_id: str, id_last6: str = ""):
    found, content = services.applicant_file(_mine(request, code, id_last6), file_id)
    return file_response(found, content)


@router.post("/{code}/submit", response={200: Json, **ERRORS}, summary="提交申请")
def submit(request, code: str, payload: SubmitIn):
    """按窗口的同一规则判定：违规禁办的立即答复不予受理（附理由和依据）；只缺可容缺材料的须签署
    承诺书（422，`commitment` 为须勾选的全文）；其余等待网上预审。"""
    rt = runtime()
    app = services.submit(rt, _mine(request, code, payload.id_last6), payload.commitment)
    return application_dict(rt, app)


# --- staff ---------------------------------------------------------------------------------


@review_router.get("", response={200: list[Json], 401: ErrorOut}, summary="待预审的网上申请")
def review_list(request):
    return [review.summary(a) for a in review.waiting(staff(request))]


@review_router.get("/{code}", response={200: Json, 401: ErrorOut, **ERRORS}, summary="一份申请")
def review_show(request, code: str):
    return application_dict(runtime(), review.get(staff(request), code), staff=True)


@review_router.get(
    "/{code}/files/{file_id}", response={401: ErrorOut, **ERRORS}, summary="查看一份材料的文件"
)
def review_file_content(request, code: str, file_id: str):
    """文件内容（按上传时核实的类型，附件方式，nosniff）；每次查看都记录。"""
    found, content = review.staff_file(staff(request), code, file_id)
    return file_response(found, content)


@review_router.post(
    "/{code}/files/{file_id}", response={200: Json, 401: ErrorOut, **ERRORS}, summary="审核一份材料"
)
def review_file(request, code: str, file_id: str, payload: ReviewIn):
    review.review_file(staff(request), code, file_id, payload.accept, payload.reason)
    return application_dict(runtime(), review.get(staff(request), code), staff=True)


@review_router.post(
    "/{code}/decide", response={200: Json, 401: ErrorOut, **ERRORS}, summary="预审决定"
)
def decide(request, code: str):
    """全部材料审核后：受理或容缺受理（登记为办件），或退回补正（一次性告知）。"""
    rt = runtime()
    return application_dict(rt, review.decide(rt, staff(request), code), staff=True)


def install(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, status: int, body: Json) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def on_not_found(request: HttpRequest, exc: services.NotFound) -> HttpResponse:
        return answer(request, 404, {"detail": str(exc)})

    def on_too_large(request: HttpRequest, exc: services.TooLarge) -> HttpResponse:
        return answer(request, 413, {"detail": str(exc)})

    def on_signature(request: HttpRequest, exc: services.NeedSignature) -> HttpResponse:
        body = {"detail": str(exc), "commitment": exc.text, "missing": list(exc.missing)}
        return answer(request, 422, body)

    api.add_exception_handler(services.NotFound, on_not_found)
    api.add_exception_handler(services.TooLarge, on_too_large)
    api.add_exception_handler(services.NeedSignature, on_signature)
