"""`{% rating_qr number %}`: the rating QR code and its address, for the case's letters."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from shebao.web.ratings.qr import qr_svg, rating_url

register = template.Library()


@register.inclusion_tag("ratings/_qr.html", takes_context=True)
def rating_qr(context: dict[str, Any], number: str) -> dict[str, Any]:
    url = rating_url(context["request"], number)
    return {"url": url, "svg": mark_safe(qr_svg(url))}
