"""Refuse an upload over the size limit from its Content-Length, before anything reads the
body (the CSRF check parses a form as soon as it looks at it, files included)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape

UPLOADS = re.compile(r"^/(online/[^/]+|api/applications/[^/]+/files)/?$")
OVERHEAD = 16 * 1024  # the form's other fields and the multipart boundaries


class UploadLimit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and UPLOADS.match(request.path_info):
            length = request.META.get("CONTENT_LENGTH") or "0"
            limit = settings.ONLINE_MAX_FILE_BYTES
            if length.isdigit() and int(length) > limit + OVERHEAD:
                return too_large(request, limit)
        return self.get_response(request)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    text = f"文件过大：每个文件最大 {limit // (1024 * 1024)} MB，请压缩或分页扫描后再上传"
    if request.path_info.startswith("/api/"):
        body = json.dumps({"detail": text}, ensure_ascii=False)
        return HttpResponse(body, status=413, content_type="application/json; charset=utf-8")
    page = (
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>文件过大</title>'
        f'</head><body><h1>文件过大</h1><p>{text}。</p><p><a href="{escape(request.path_info)}">'
        "返回申请</a></p></body></html>"
    )
    return HttpResponse(page, status=413, content_type="text/html; charset=utf-8")
