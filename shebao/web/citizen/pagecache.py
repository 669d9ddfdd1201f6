"""Finished responses of the day's pages, answered without the rest of the site.

A view marks a response `for_the_day` (see `keep_for_the_day`) when it is the same for every
visitor until the generation turns (guide version, calendar, Beijing date: `rendered`): the
home page and the item pages at their own addresses. The whole response, with the headers the
other middleware added, is kept under its path in the same generation, and a GET of that path
is answered from it before Django is entered at all (`cached_pages`, around the WSGI
application: about a tenth of the cost of a request through Django's handler). Only responses
without cookies are kept, so nothing personal is ever replayed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from shebao.web.citizen.rendered import PAGES
from shebao.web.core import runtime

FOR_THE_DAY = "for_the_day"


def keep_for_the_day(response: HttpResponse) -> HttpResponse:
    setattr(response, FOR_THE_DAY, True)
    return response


class PageCache:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "GET" or request.META.get("QUERY_STRING"):
            return self.get_response(request)
        key = ("response", request.path)
        rt = runtime()
        kept = PAGES.peek(rt, key)
        if kept is not None:
            return _replay(kept)
        response = self.get_response(request)
        if getattr(response, FOR_THE_DAY, False) and _keepable(response):
            PAGES.get(rt, key, lambda: (response.content, tuple(response.headers.items())))
        return response


def _keepable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "Vary" not in response.headers
    )


def _replay(kept: Any) -> HttpResponse:
    content, headers = kept
    return HttpResponse(content, headers=dict(headers))


def cached_pages(application: Callable[..., Any]) -> Callable[..., Any]:
    """The WSGI application, with a GET of a kept page answered from memory in front of it."""

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("REQUEST_METHOD") == "GET" and not environ.get("QUERY_STRING"):
            path = environ.get("PATH_INFO", "")
            kept = PAGES.peek(runtime(), ("response", path))
            if kept is not None:
                content, headers = kept
                start_response("200 OK", [*headers, ("Content-Length", str(len(content)))])
                return [content]
        return application(environ, start_response)

    return serve
