"""Who is calling a staff endpoint: a bearer token for scripts, the session for the desk."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from shebao.web.accounts.models import StaffProfile
from shebao.web.accounts.services import staff_for_token, staff_of


class BearerToken(HttpBearer):
    """`Authorization: Bearer TOKEN` from `shebao users token NAME`."""

    def authenticate(self, request: HttpRequest, token: str) -> StaffProfile | None:
        profile = staff_for_token(token)
        if profile is not None:
            request.user = profile.user
        return profile


class StaffSession(APIKeyCookie):
    """A logged-in staff member's session; changes need the CSRF token, as with every form."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None  # anonymous: answer 401, not a CSRF failure
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> StaffProfile | None:
        return staff_of(request.user)


# Token first: a script's header wins over a stale cookie sent beside it.
STAFF = [BearerToken(), StaffSession()]


def staff(request: HttpRequest) -> StaffProfile:
    """The staff member of a request that passed `auth=STAFF`."""
    profile: Any = request.auth  # type: ignore[attr-defined]
    if not isinstance(profile, StaffProfile):
        raise RuntimeError("staff() called on an endpoint without auth=STAFF")
    return profile
