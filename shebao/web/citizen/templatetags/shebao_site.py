"""Template tags of the site's base template: the stylesheet, the data banner, the help line."""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from shebao.web.citizen.notices import notices
from shebao.web.core import runtime

register = template.Library()

STYLESHEET = "shebao/site.css"


@register.simple_tag
def site_css() -> str:
    """The stylesheet's URL with its content hash, so a changed file is fetched at once."""
    return _versioned(STYLESHEET)


@register.simple_tag
def asset(path: str) -> str:
    """A static file's URL with its content hash (`{% asset "cases/letter.css" %}`)."""
    return _versioned(path)


@cache
def _versioned(path: str) -> str:
    found = finders.find(path)
    digest = hashlib.sha256(Path(found).read_bytes()).hexdigest()[:12] if found else "0"
    return f"{static(path)}?v={digest}"


@register.inclusion_tag("banner.html")
def data_banner(audience: str) -> dict[str, Any]:
    """Data that needs attention: "public" (errors that make dates estimated) or "staff"."""
    return {"notices": notices(runtime(), audience)}


@register.simple_tag
def help_line() -> dict[str, Any]:
    """The help line the guide's tips name most often (12345), with the guide's title."""
    catalog = runtime().catalog
    found = _help_lines.get(catalog.version)
    if found is None:
        found = _help_lines[catalog.version] = _help_line(catalog)
    return found


_help_lines: dict[str, dict[str, Any]] = {}


def _help_line(catalog: Any) -> dict[str, Any]:
    counted = Counter(
        (p.number, p.label) for item in catalog.items.values() for p in item.phones if not p.place
    )
    (number, label), _ = counted.most_common(1)[0] if counted else ((None, None), 0)
    return {"number": number, "label": label, "guide_title": catalog.title}


@register.filter
def tel(number: str | None) -> str:
    """A tap-to-call link for a number as the guide writes it.

    >>> tel("0411-82745125"), tel("12345")
    ('tel:0411-82745125', 'tel:12345')
    """
    digits = "".join(ch for ch in (number or "") if ch.isdigit() or ch == "-")
    return f"tel:{digits}"
