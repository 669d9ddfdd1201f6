"""An uploaded file as an HTTP answer: its checked type, never sniffed, never cached, sandboxed."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from shebao.web.online.models import Upload

EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def file_response(upload: Upload, content: bytes, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=upload.content_type)
    name = f"{upload.material}-{upload.pk}.{EXTENSIONS.get(upload.content_type, 'bin')}"
    how = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{how}; filename=\"file-{upload.pk}\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["Content-Length"] = str(len(content))
    return response
