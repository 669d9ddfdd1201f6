"""`{% desk_menu %}`: the staff navigation for the logged-in member (see menu.py)."""

from __future__ import annotations

from django import template

from shebao.web.accounts.services import staff_of
from shebao.web.desk.menu import menu_for

register = template.Library()


@register.inclusion_tag("desk/_menu.html", takes_context=True)
def desk_menu(context) -> dict:
    request = context.get("request")
    profile = staff_of(getattr(request, "user", None))
    return {
        "profile": profile,
        "entries": menu_for(profile.role) if profile else [],
        "here": request.path if request else "",
        "csrf_token": context.get("csrf_token"),
    }
