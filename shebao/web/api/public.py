"""Public endpoints (no login): each parses, calls one service and returns the present dict.

The bodies are the same JSON as the CLI's `--json` for the same input.
"""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field

from shebao.errors import InputError
from shebao.present.checks import check_dict, intake_dict
from shebao.present.items import item_dict, item_summary
from shebao.present.retirement import retirement_dict
from shebao.present.workdays import deadline_dict
from shebao.services import catalog, checks, retirement, workdays
from shebao.web.api import params
from shebao.web.api.errors import ErrorOut
from shebao.web.core import runtime
from shebao.web.core.services import health
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date
from shebao.workdays.deadlines import ChannelRequired

router = Router(tags=["公开查询（无需登录）"])
Json = dict[str, Any]
ERRORS = {404: ErrorOut, 422: ErrorOut}


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored


class CheckIn(Strict):
    item: params.ItemNo
    facts: dict[str, Any]
    on: str | None = None


class IntakeIn(Strict):
    item: params.ItemNo
    provided: list[str] = Field(default_factory=list)


class PlanIn(Strict):
    facts: dict[str, Any] = Field(default_factory=dict)
    start: str | None = None


class HealthOut(Schema):
    status: str
    database: str
    guide_version: str
    parameters_version: str


@router.get("/items", response={200: list[Json], 422: ErrorOut}, summary="全部事项")
def list_items(request, category: str | None = None):
    """84 个事项的摘要（同 `shebao items --json`）；可按类别筛选，如 category=工伤保险。"""
    return [item_summary(i) for i in catalog.items(runtime(), category)]


@router.get("/items/{no}", response={200: Json, **ERRORS}, summary="一个事项的全部内容")
def show_item(request, no: str):
    """同 `shebao show NO --json`：条件、要件、渠道、时限、禁办情形、可容缺材料。"""
    rt = runtime()
    return item_dict(rt.guide, catalog.item(rt, no))


@router.get("/search", response={200: list[Json], 422: ErrorOut}, summary="用日常说法查找事项")
def search(request, q: str, limit: str | None = None):
    """同 `shebao search Q --json`：每条结果说明为何匹配。limit 默认 10。"""
    from shebao.present.search import result_dict  # jieba loads only when a search is asked for
    from shebao.services.search import search as find

    return [result_dict(r) for r in find(runtime(), q, limit=params.limit(limit))]


@router.post("/check", response={200: Json, **ERRORS}, summary="按违规禁办事项清单检查")
def check(request, payload: CheckIn):
    """同 `shebao check ITEM --facts JSON [--on DATE] --json`；on 默认今天（北京时间）。"""
    on = parse_date(payload.on, "判断日期 on", years=SUPPORTED_YEARS) if payload.on else None
    return check_dict(checks.check_item(runtime(), payload.item, payload.facts, on))


@router.post("/intake-check", response={200: Json, **ERRORS}, summary="收件检查与一次性告知")
def intake_check(request, payload: IntakeIn):
    """同 `shebao intake-check ITEM --provided ... --json`：缺哪些要件、能否容缺受理。"""
    return intake_dict(checks.intake_check(runtime(), payload.item, payload.provided))


@router.get("/deadline", response={200: Json, **ERRORS}, summary="办结期限（按工作日计）")
def deadline(request, item: str, accepted: str, channel: str | None = None):
    """同 `shebao deadline ITEM --accepted DATE [--channel C] --json`。"""
    day = parse_date(accepted, "受理日期 accepted", years=SUPPORTED_YEARS)
    try:
        result = workdays.item_due_date(runtime(), item, day, channel)
    except ChannelRequired as exc:
        raise InputError(f"{exc}：加上参数 channel，例如 channel=online") from None
    return deadline_dict(result)


@router.get("/retirement", response={200: Json, 422: ErrorOut}, summary="法定退休年龄与弹性退休")
def retirement_figures(
    request,
    birth: str,
    sex: str,
    female_original_age: str | None = None,
    contribution_months: str | None = None,
):
    """同 `shebao retirement --birth YYYY-MM --sex S --json`；女职工须给出 female_original_age。"""
    result = retirement.retirement_from_text(
        runtime(), birth, sex, female_original_age, contribution_months
    )
    return retirement_dict(result)


@router.get("/events", response={200: list[Json]}, summary="一件事一次办：全部事件")
def list_events(request):
    """同 `shebao event list --json`：每件事的步骤概要，以及会改变办理步骤的问题。"""
    from shebao.present.events import event_summary
    from shebao.services import events

    return [event_summary(e) for e in events.events(runtime())]


@router.post("/events/{event}/plan", response={200: Json, **ERRORS}, summary="一件事的办理计划")
def event_plan(request, event: str, payload: PlanIn):
    """同 `shebao event plan EVENT --facts JSON [--start DATE] --json`：适用的步骤、合并的材料清单、
    各步在哪里办、最早何时办完；start 默认今天（北京时间）。"""
    from shebao.present.events import plan_dict
    from shebao.services import events

    rt = runtime()
    try:
        found = events.event(rt, event)
    except InputError as exc:  # an unknown event is a path that does not exist
        raise HttpError(404, str(exc)) from None
    start = (
        parse_date(payload.start, "开始日期 start", years=SUPPORTED_YEARS)
        if payload.start
        else None
    )
    return plan_dict(events.plan(rt, found, payload.facts, start))


@router.get("/health", response={200: HealthOut, 503: HealthOut}, summary="服务状态")
def service_health(request):
    """数据库是否可用，以及正在使用的指南版本和国家参数版本；数据库不可用时为 503。"""
    state = health(runtime())
    body = {
        "status": "ok" if state.ok else "unavailable",
        "database": "ok" if state.database else "unavailable",
        "guide_version": state.guide_version,
        "parameters_version": state.parameters_version,
    }
    return Status(200 if state.ok else 503, body)
