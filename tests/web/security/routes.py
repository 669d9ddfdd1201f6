"""Every route the site answers, found by walking Django's URL resolver and the API's OpenAPI
schema, so the security tests cover a new route without being told, or fail until they are.

`page_routes()` gives the Django patterns outside /api/ and /admin/ (the admin is one
application, tested by its own rows); `api_operations()` gives (method, path) of every API
operation with whether it asks for a staff login.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def page_routes() -> set[str]:
    """Django's routes as written (`items/<str:no>`), without the API's and the admin's."""
    return {
        route
        for route in _walk(get_resolver().url_patterns)
        if not route.startswith(("api/", "admin/"))
    }


def api_operations() -> dict[tuple[str, str], bool]:
    """(METHOD, /api/path/{param}) → whether the operation needs a staff login."""
    from shebao.web.api import api

    schema = api.get_openapi_schema()
    return {
        (method.upper(), path): bool(operation.get("security"))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


# One concrete address per page route, for the tests that request every page. "{case}" is a
# case of point A (hall-3) made by the test.
PAGE_SAMPLES: dict[str, str] = {
    "": "/",
    "search": "/search?q=社保卡丢了",
    "category/<str:name>": "/category/工伤保险",
    "items/<str:no>": "/items/48",
    "items/<str:no>/print": "/items/48/print",
    "items/<str:no>/check": "/items/25/check",
    "retirement": "/retirement",
    "progress": "/progress",
    "events": "/events",
    "events/<str:key>": "/events/retirement",
    "booking/": "/booking/",
    "booking/find/": "/booking/find/",
    "booking/<str:point>/": "/booking/hall-3/",
    "hall/<str:point>/ticket/": "/hall/hall-3/ticket/",
    "hall/<str:point>/": "/hall/hall-3/",
    "desk/login/": "/desk/login/",
    "desk/logout/": "/desk/logout/",
    "desk/": "/desk/",
    "desk/queue/": "/desk/queue/?point=hall-3",
    "desk/intake": "/desk/intake?item=48",
    "desk/cases/": "/desk/cases/",
    "desk/cases/<str:number>/": "/desk/cases/{case}/",
    "desk/views/": "/desk/views/",
    "desk/dashboard/": "/desk/dashboard/",
    "desk/dashboard.csv": "/desk/dashboard.csv",
    "cases/<str:number>/documents/<str:kind>": "/cases/{case}/documents/acceptance",
    "desk/review/": "/desk/review/",
    "desk/review/<str:code>": "/desk/review/NOSUCHAPP",
    "desk/review/<str:code>/files/<str:file_id>": "/desk/review/NOSUCHAPP/files/1",
    "desk/ratings/": "/desk/ratings/",
    "desk/ratings/csv": "/desk/ratings/csv",
    "desk/ratings/set-aside": "/desk/ratings/set-aside",
    "desk/followups/": "/desk/followups/",
    "desk/followups/<int:pk>/": "/desk/followups/999/",
    "items/<str:no>/apply": "/items/48/apply",
    "online/return": "/online/return",
    "online/<str:code>": "/online/NOSUCHAPP",
    "online/<str:code>/files/<str:file_id>": "/online/NOSUCHAPP/files/1",
    "rate/<str:number>": "/rate/{case}",
}
