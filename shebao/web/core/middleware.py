"""Answers Django or ninja write in English, rewritten in Chinese for the API's clients."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from shebao.errors import echo


class ApiMethodNotAllowed:
    """ninja answers a wrong method with a bare English 405; say it in Chinese JSON."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and request.path.startswith("/api/"):
            allowed = response.get("Allow", "")
            detail = f"不支持 {echo(request.method)} 方法；此地址支持：{allowed}"
            response.content = json.dumps({"detail": detail}, ensure_ascii=False).encode()
            response["Content-Type"] = "application/json; charset=utf-8"
            if response.has_header("Content-Length"):  # set by CommonMiddleware for the old body
                response["Content-Length"] = str(len(response.content))
        return response
