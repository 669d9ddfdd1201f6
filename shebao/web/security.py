"""The browser-side protections every answer carries: the content security policy and the
permissions policy, with the one narrow exception the OpenAPI page needs.

The policy allows only files served by this site: no inline `<script>`, `<style>`, `style=`
or `on…=` anywhere (tests/web/test_security.py scans every template and every page), so an
injected fragment of HTML can neither run script nor restyle a page to mislead. Forms post
to this site only, no page may be framed (also `X-Frame-Options: DENY`), and `<base>` cannot
redirect relative links. Nothing here imports Django's settings: the settings import it.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from csp.constants import NONE, SELF
from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_DIRECTIVES: dict[str, list[str]] = {
    "default-src": [NONE],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF],
    "font-src": [SELF],
    "connect-src": [SELF],  # the OpenAPI page's "try it out" calls the API itself
    "manifest-src": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [NONE],
    "object-src": [NONE],
}

# The OpenAPI page (/api/docs, django-ninja's Swagger UI, served from our own static files):
# its stylesheet draws icons as data: images. Only that page gets this addition; its scripts
# and styles stay 'self' only (tests/browser/test_content_security.py opens an operation
# there and finds no violation).
DOCS_DIRECTIVES: dict[str, list[str]] = {"img-src": ["data:"]}

# Powerful browser features no page of ours uses, switched off for every page and frame.
PERMISSIONS: dict[str, list[Any]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}


def docs_page(view: Any) -> Any:
    """The OpenAPI page's view, with the additions it needs (NinjaAPI's `docs_decorator`,
    which also wraps the schema's JSON: that answer keeps the site's policy)."""
    page = csp_update(DOCS_DIRECTIVES)(view)

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.path.endswith("/openapi.json"):
            return view(request, *args, **kwargs)
        return page(request, *args, **kwargs)

    return answer
