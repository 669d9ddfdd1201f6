"""Django's error pages in Chinese: JSON under /api/, a plain page elsewhere.

A database that cannot be used (stopped, unreachable, a full disk, a read-only file) is no
server bug: whatever page or middleware met it, the answer is 503 with Retry-After, and the
worker's next request connects afresh (CONN_HEALTH_CHECKS), so service resumes by itself when
the database is back.
"""

from __future__ import annotations

import json
import logging
import sys

from django.http import HttpRequest, HttpResponse

from shebao.web.errors import RETRY_AFTER_SECONDS, database_errors, database_unavailable

log = logging.getLogger("shebao.web")

_PAGE = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
<body><h1>{title}</h1><p>{text}</p><p><a href="{back}">{back_text}</a></p></body></html>
"""


def _answer(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = json.dumps({"detail": f"{title}：{text}"}, ensure_ascii=False)
        return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    # A way on from a dead end: staff back to their desk, everybody else to the guide.
    desk = request.path.startswith("/desk/")
    back, back_text = ("/desk/", "返回工作台") if desk else ("/", "返回首页")
    page = _PAGE.format(title=title, text=text, back=back, back_text=back_text)
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 400, "请求无效", "请求的格式或主机名不被接受")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403, "无权访问", "您没有访问此页面的权限")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 404, "未找到", "没有这个地址")


def server_error(request: HttpRequest) -> HttpResponse:
    """Called by Django inside its `except` for the error: sys.exc_info() is that error."""
    error = sys.exc_info()[1]
    if isinstance(error, database_errors()):
        # One line, not Django's traceback per request: in an outage every request fails the
        # same way, and a log that floods (or a full pipe to it) is a second outage.
        log.error("database unavailable: %s on %s", type(error).__name__, request.path)
        title, _, text = database_unavailable(error).partition("：")
        response = _answer(request, 503, title, text)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response
    return _answer(request, 500, "服务器内部错误", "请稍后再试；问题已记录")
