"""Who may open a staff page: one decorator, so no desk view decides access on its own.

Anonymous visitors are sent to the login page (and back afterwards); a logged-in account
without a staff profile, or with a role the page is not for, gets 403 in words.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from shebao.web.accounts.models import Role, StaffProfile
from shebao.web.accounts.services import staff_of

View = Callable[..., HttpResponse]
EVERY_ROLE = frozenset(Role.values)
SUPERVISING = frozenset({Role.SUPERVISOR, Role.ADMIN})
# Who works at a window: calls the queue and takes cases in (a reviewer works on 网上办 only).
AT_THE_WINDOW = frozenset({Role.CLERK}) | SUPERVISING


def staff_page(roles: frozenset[str] = EVERY_ROLE) -> Callable[[View], View]:
    """Let in staff whose role is in `roles`; the profile is `request.staff` inside the view."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            profile = staff_of(request.user)
            if profile is None and not request.user.is_authenticated:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{settings.LOGIN_URL}?{query}")
            if profile is None or profile.role not in roles:
                raise PermissionDenied("您的账号无权打开此页面")
            request.staff = profile  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def staff(request: HttpRequest) -> StaffProfile:
    """The staff member of a request that passed `staff_page`."""
    return request.staff  # type: ignore[attr-defined]
