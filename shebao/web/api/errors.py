"""Every error a client can cause, answered in Chinese as `{"detail": "..."}`, never a 500.

422: bad input (the core's InputError, ninja's validation errors translated field by field,
bodies that are not UTF-8 JSON); 404: unknown item or path; 409: a conflict with what is
stored; 413: a body over the size limit; 411: a chunked body (WSGI passes none without a
length); 401/403: not logged in, CSRF; 503: no database.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from shebao.errors import InputError, UnknownItemError, echo
from shebao.web.errors import RETRY_AFTER_SECONDS, Conflict, database_unavailable

log = logging.getLogger("shebao.web")


class ErrorOut(Schema):
    detail: str


# What each field is, for messages that name it in words as well as by key.
FIELD_LABELS = {
    "item": "事项编号",
    "facts": "事实",
    "on": "判断日期",
    "provided": "已提交的材料",
    "q": "问题",
    "limit": "结果条数",
    "category": "类别",
    "accepted": "受理日期",
    "channel": "办理渠道",
    "birth": "出生年月",
    "sex": "性别",
    "female_original_age": "女职工原法定退休年龄",
    "contribution_months": "累计缴费月数",
    "no": "事项编号",
}

# pydantic error types, as a person would be told them; {field} is the named field.
_EXPECTED = {
    "dict_type": "应为 JSON 对象，如 {}",
    "model_type": "应为 JSON 对象，如 {}",
    "model_attributes_type": "应为 JSON 对象，如 {}",
    "list_type": '应为列表（JSON 数组），如 ["居民身份证"]',
    "string_type": "应为文本（带引号的字符串）",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "float_type": "应为数",
    "float_parsing": "应为数",
    "string_too_long": "过长",
    "too_long": "的项数过多",
    "string_unicode": "应为文本",
    "json_invalid": "不是有效的 JSON",
}
_SOURCES = ("body", "query", "path", "header", "cookie", "form", "file")
_MAX_SHOWN = 5


def field_name(loc: Sequence[Any]) -> str:
    """The field an error is about, as the client wrote it: `facts`, `provided[2]`.

    >>> field_name(["body", "payload", "provided", 2])
    'provided[2]'
    >>> field_name(["query", "q"])
    'q'
    """
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and parts and parts[0] == "payload":
            parts.pop(0)  # the view's argument, not something the client wrote
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def field_words(name: str) -> str:
    """A field as a message names it: the key the client wrote, then what it is.

    >>> field_words("provided[2]"), field_words("extra")
    ('provided（已提交的材料）第 3 项', 'extra')
    """
    key, _, rest = name.partition("[")
    label = FIELD_LABELS.get(key)
    if not label or (rest and not rest.rstrip("]").isdigit()):
        return echo(name)
    if rest:
        return f"{key}（{label}）第 {int(rest.rstrip(']')) + 1} 项"
    return f"{key}（{label}）" if "." not in key else echo(name)


def describe_error(error: dict[str, Any]) -> str:
    """One pydantic/ninja error as a Chinese sentence naming the field.

    >>> describe_error({"type": "missing", "loc": ("body", "payload", "item")})
    '缺少 item（事项编号）'
    >>> describe_error({"type": "list_type", "loc": ("body", "payload", "provided")})
    'provided（已提交的材料）应为列表（JSON 数组），如 ["居民身份证"]'
    """
    name = field_name(error.get("loc", ()))
    shown = (field_words(name) or "（名称不可见的字段）") if name else "请求体"
    kind = error.get("type", "")
    if kind == "missing":
        return _join("缺少", shown)
    if kind == "extra_forbidden":
        return _join("不认识的字段", shown)
    if kind == "value_error":
        return _join(shown, str(error.get("ctx", {}).get("error", "")))
    return _join(shown, _EXPECTED.get(kind, "的值不符合要求"))


def _join(left: str, right: str) -> str:
    """Chinese runs on; a space only where Latin text meets Chinese (`extra 应为…`)."""
    if not left or not right:
        return left + right
    space = " " if left[-1].isascii() != right[0].isascii() and left[-1] != "）" else ""
    return f"{left}{space}{right}"


def validation_detail(errors: list[dict[str, Any]]) -> str:
    lines = list(dict.fromkeys(describe_error(e) for e in errors))
    more = f"；另有 {len(lines) - _MAX_SHOWN} 处问题" if len(lines) > _MAX_SHOWN else ""
    return "；".join(lines[:_MAX_SHOWN]) + more


def install(api: NinjaAPI) -> None:
    """Register the handlers on the API (ninja picks the most specific class)."""

    def answer(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        chunked = "chunked" in request.headers.get("Transfer-Encoding", "").lower()
        if chunked and request.method in ("POST", "PUT", "PATCH") and not request.body:
            # WSGI hands Django no body without a length: say why it looks missing.
            detail = "不支持分块传输（Transfer-Encoding: chunked）的请求体，请给出 Content-Length"
            return answer(request, 411, detail)
        errors = [
            {"field": field_name(e.get("loc", ())), "message": describe_error(e)}
            for e in exc.errors
        ]
        return answer(request, 422, validation_detail(exc.errors), errors=errors)

    def on_input(request: HttpRequest, exc: InputError) -> HttpResponse:
        if isinstance(exc, UnknownItemError):
            return answer(request, 404, str(exc))
        if isinstance(exc, Conflict):
            return answer(request, 409, str(exc))
        return answer(request, 422, str(exc))

    def on_http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, InputError):  # the body parser's message
            return on_input(request, exc.__cause__)
        if isinstance(exc, AuthenticationError):
            return answer(request, 401, "需要登录，或在 Authorization 头中提供 Bearer 令牌")
        if exc.status_code == 403 and "CSRF" in str(exc):
            return answer(request, 403, "CSRF 校验失败：请刷新页面后重试")
        return answer(request, exc.status_code, str(exc))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, 404, "未找到")

    def on_too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 413, "请求体过大，超过了 64 KB 的上限")

    def on_unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 400, "请求体没有读完整（连接中断），请重试")

    def on_database(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.error("database unavailable: %s", type(exc).__name__)
        response = answer(request, 503, database_unavailable(exc))
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(InputError, on_input)
    api.add_exception_handler(HttpError, on_http)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(UnreadablePostError, on_unreadable)
    api.add_exception_handler(OperationalError, on_database)
    api.add_exception_handler(InterfaceError, on_database)
