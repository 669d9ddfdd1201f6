"""Rate limits against scripted grabbing, counted where every server process sees them.

A fixed window per key: in the database (one atomic upsert per attempt, the same SQL on
PostgreSQL and SQLite ≥ 3.35), or in Redis through the cache (INCR is atomic) when
SHEBAO_REDIS_URL is set. The keys are the person (the ID number, hashed), the code being tried
and the caller's address; the address limit is generous, so that many people behind one
company or hall address are not cut off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from shebao.appointments.policy import Limits
from shebao.web.appointments.models import RateCounter


class RateLimited(Exception):
    """Too many attempts on one key; the message says how long to wait."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Caller:
    """Who sends a request, as far as the limits are concerned."""

    address: str | None = None


def _digest(value: str) -> str:
    # Counters outlive nothing important, but an ID number is personal data: keep a hash.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _count_in_database(name: str, seconds: int) -> tuple[int, int]:
    now = time.time()
    bucket = int(now // seconds)
    expires = timezone.now() + dt.timedelta(seconds=seconds)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, bucket, count, expires) VALUES (%s, %s, 1, %s) "
            f"ON CONFLICT (name, bucket) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING count",
            [name, bucket, expires],
        )
        (count,) = cursor.fetchone()
    if random.random() < 0.01:  # now and then, forget windows that are over
        RateCounter.objects.filter(expires__lt=timezone.now()).delete()
    return count, int((bucket + 1) * seconds - now) + 1


def _count_in_cache(name: str, seconds: int) -> tuple[int, int]:
    now = time.time()
    bucket = int(now // seconds)
    key = f"rate:{name}:{bucket}"
    cache.add(key, 0, timeout=seconds + 1)
    return int(cache.incr(key)), int((bucket + 1) * seconds - now) + 1


def hit(name: str, limit: int, seconds: int, message: str) -> None:
    """Count one attempt on `name`; RateLimited once more than `limit` fall in one window."""
    if limit <= 0:
        return
    counter = _count_in_cache if settings.SHEBAO_REDIS_URL else _count_in_database
    count, retry_after = counter(name, seconds)
    if count > limit:
        raise RateLimited(f"{message}，请 {_wait(retry_after)}后再试", retry_after)


def _wait(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 120 else f"{(seconds + 59) // 60} 分钟"


def address(limits: Limits, caller: Caller | None) -> None:
    if caller and caller.address:
        hit(
            f"addr:{caller.address}",
            limits.address_per_minute,
            60,
            "来自同一网络地址的请求过于频繁",
        )


def person(limits: Limits, id_number: str) -> None:
    hit(
        f"person:{_digest(id_number)}",
        limits.person_per_hour,
        3600,
        "同一身份证号提交预约过于频繁",
    )


def code(limits: Limits, booking_code: str) -> None:
    hit(
        f"code:{_digest(booking_code)}",
        limits.code_per_hour,
        3600,
        "同一预约码尝试次数过多",
    )
