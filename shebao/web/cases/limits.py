"""Limits on failed public lookups, counted where every server process sees them.

Only failures are counted, and an address over its limit may still look up a case it has not
failed on: a hall's shared address is never cut off from correct lookups, while a guesser is
held to the per-number limit everywhere and to one try per number from a busy address. The
counts live in the database (`LookupFailure`), behind an interface another store (Redis) can
implement; addresses and numbers are kept as keyed hashes, never in plain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from shebao.web.cases.models import LookupFailure


@dataclass(frozen=True, slots=True)
class Limit:
    failures: int  # at most this many failures …
    seconds: int  # … within this sliding window


@dataclass(frozen=True, slots=True)
class Limits:
    address: Limit
    number: Limit


def configured() -> Limits:
    """`CASE_LOOKUP_LIMITS` in the settings: {"address": (20, 600), "number": (5, 3600)}."""
    raw = settings.CASE_LOOKUP_LIMITS
    return Limits(Limit(*raw["address"]), Limit(*raw["number"]))


class FailureCounter(Protocol):
    """Where failed lookups are counted; `wait` is the seconds to wait, or None to go on."""

    def wait(self, address: str, number: str) -> int | None: ...

    def failed(self, address: str, number: str) -> None: ...

    def purge(self) -> None: ...


def digest(scope: str, value: str) -> str:
    """A keyed hash: the same in every process (the secret key), useless to anyone without it."""
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, f"{scope}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


class DatabaseCounter:
    """Failures as rows of `LookupFailure`, in the database every server process shares."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or configured()

    def wait(self, address: str, number: str) -> int | None:
        now = timezone.now()
        by_number = self._recent(now, self.limits.number, number=number)
        if len(by_number) >= self.limits.number.failures:
            return self._seconds(now, by_number, self.limits.number)
        by_address = self._recent(now, self.limits.address, address=address)
        if len(by_address) >= self.limits.address.failures:
            tried = LookupFailure.objects.filter(
                address=address, number=number, at__gt=now - _span(self.limits.address)
            )
            if tried.exists():
                return self._seconds(now, by_address, self.limits.address)
        return None

    def failed(self, address: str, number: str) -> None:
        now = timezone.now()
        LookupFailure.objects.create(at=now, address=address, number=number)
        self.purge()

    def purge(self) -> None:
        """Forget failures older than every window (one indexed delete)."""
        longest = max(self.limits.address.seconds, self.limits.number.seconds)
        LookupFailure.objects.filter(at__lt=timezone.now() - dt.timedelta(seconds=longest)).delete()

    @staticmethod
    def _recent(now: dt.datetime, limit: Limit, **key: str) -> list[dt.datetime]:
        rows = LookupFailure.objects.filter(at__gt=now - _span(limit), **key)
        return list(rows.order_by("-at").values_list("at", flat=True)[: limit.failures])

    @staticmethod
    def _seconds(now: dt.datetime, newest_first: list[dt.datetime], limit: Limit) -> int:
        """Until the oldest of the last `failures` failures leaves the window."""
        left = newest_first[-1] + _span(limit) - now
        return max(1, math.ceil(left.total_seconds()))


def _span(limit: Limit) -> dt.timedelta:
    return dt.timedelta(seconds=limit.seconds)


def counter() -> FailureCounter:
    return DatabaseCounter()


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind `TRUSTED_PROXIES` proxies the address the
    outermost of them saw (X-Forwarded-For, read from the right: a client can forge the left)."""
    proxies = settings.TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    return hops[-proxies] if len(hops) >= proxies else remote
