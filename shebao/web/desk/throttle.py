"""Login throttling with django-axes: after `AXES_FAILURE_LIMIT` wrong passwords for one user
name from one address, that pair is locked for `AXES_COOLOFF_TIME`; the login page says so in
Chinese (429). Attempts are counted in the database (axes' database handler), so every server
process sees the same count without Redis.

The settings read `SHEBAO_LOGIN_FAILURES` (default 5) and `SHEBAO_LOGIN_LOCK_MINUTES` (15).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from shebao.web.cases.limits import client_address


class Backend(AxesStandaloneBackend):
    """Axes' check, for logins over HTTP only: an `authenticate` call without a request (the
    test client's `login`, a management command) has no address to count and is let through
    to the next backend, which checks the password as before."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def login_address(request: HttpRequest) -> str | None:
    """The client's address as the public lookups read it (proxies trusted as configured), or
    None when it is no IP address (the test client's logins, which have no REMOTE_ADDR):
    PostgreSQL's inet column refuses anything else.

    >>> from django.test import RequestFactory
    >>> login_address(RequestFactory().get("/", REMOTE_ADDR="10.0.0.5"))
    '10.0.0.5'
    """
    address = client_address(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        f"该账号在本机连续 {settings.AXES_FAILURE_LIMIT} 次输错密码，已暂时锁定，"
        f"请 {minutes} 分钟后再试；如忘记密码，请联系系统管理员。"
    )


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any) -> HttpResponse:
    """The login page again, with the lock explained (HTTP 429)."""
    context = {"locked": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "desk/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
