"""The phone check before an application is kept: a six-digit code sent to the phone given.

`VerificationSender` is the one interface a real SMS gateway implements (settings
ONLINE_VERIFICATION_SENDER names the class). Until one is contracted, `ScreenSender` sends
nothing and lets the page show the code, which proves only that the person is at the screen.
"""

from __future__ import annotations

import secrets
from typing import Protocol

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.module_loading import import_string

CODE_DIGITS = 6


class VerificationSender(Protocol):
    def send(self, phone: str, code: str) -> str | None:
        """Deliver the code; return it when the page itself must show it (no SMS), else None."""


class ScreenSender:
    """No SMS: the code is shown on the screen."""

    def send(self, phone: str, code: str) -> str | None:
        return code


def sender() -> VerificationSender:
    return import_string(settings.ONLINE_VERIFICATION_SENDER)()


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def digest(application_code: str, code: str) -> str:
    return salted_hmac("shebao.online.verify", f"{application_code}:{code}").hexdigest()


def matches(application_code: str, code: str, stored: str) -> bool:
    return bool(stored) and constant_time_compare(digest(application_code, code.strip()), stored)
