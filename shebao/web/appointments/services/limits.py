"""Rate limits against scripted grabbing, counted where every server process sees them.

A fixed window per key: in the database (one atomic upsert for all the keys of an attempt, the
same SQL on PostgreSQL and SQLite ≥ 3.35), or in Redis through the cache (INCR is atomic) when
SHEBAO_REDIS_URL is set. The keys are the person (the ID number, hashed), the code being tried
and the caller's address; the address limit is generous, so that many people behind one
company or hall address are not cut off.

In the database a count is a write, so it runs in a transaction (on SQLite it then waits its
turn on the writers' file lock, see shebao/web/sqlite, instead of sleeping in SQLite's busy
handler): the caller's own when it has one, so that a booking's counts and the booking itself
wait for the one writer once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
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


@dataclass(frozen=True, slots=True)
class Key:
    """One limit an attempt counts against: at most `limit` attempts in `seconds`."""

    name: str
    limit: int
    seconds: int
    message: str


def _digest(value: str) -> str:
    # Counters outlive nothing important, but an ID number is personal data: keep a hash.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _count_in_database(keys: list[Key]) -> list[tuple[int, int]]:
    now = time.time()
    buckets = [int(now // key.seconds) for key in keys]
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    moment = timezone.now()
    rows, params = [], []
    for key, bucket in zip(keys, buckets, strict=True):
        rows.append("(%s, %s, 1, %s)")
        params += [key.name, bucket, moment + dt.timedelta(seconds=key.seconds)]
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, bucket, count, expires) VALUES {', '.join(rows)} "
            f"ON CONFLICT (name, bucket) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING name, bucket, count",
            params,
        )
        counts = {(name, bucket): count for name, bucket, count in cursor.fetchall()}
        if random.random() < 0.01:  # now and then, forget windows that are over
            RateCounter.objects.filter(expires__lt=moment).delete()
    return [
        (counts[key.name, bucket], int((bucket + 1) * key.seconds - now) + 1)
        for key, bucket in zip(keys, buckets, strict=True)
    ]


def _count_in_cache(keys: list[Key]) -> list[tuple[int, int]]:
    now = time.time()
    counts = []
    for key in keys:
        bucket = int(now // key.seconds)
        name = f"rate:{key.name}:{bucket}"
        cache.add(name, 0, timeout=key.seconds + 1)
        counts.append((int(cache.incr(name)), int((bucket + 1) * key.seconds - now) + 1))
    return counts


def count(*keys: Key | None) -> RateLimited | None:
    """Count one attempt on each key; the refusal for the first key past its limit, or None.

    Returned, not raised, so that a caller counting inside its own transaction can let the
    count commit before it refuses.
    """
    wanted = [key for key in keys if key is not None and key.limit > 0]
    if not wanted:
        return None
    counter = _count_in_cache if settings.SHEBAO_REDIS_URL else _count_in_database
    for key, (n, retry_after) in zip(wanted, counter(wanted), strict=True):
        if n > key.limit:
            return RateLimited(f"{key.message}，请 {_wait(retry_after)}后再试", retry_after)
    return None


def check(*keys: Key | None) -> None:
    """Count one attempt on each key; RateLimited once one of them is past its limit."""
    if (refusal := count(*keys)) is not None:
        raise refusal


def hit(name: str, limit: int, seconds: int, message: str) -> None:
    """Count one attempt on `name`; RateLimited once more than `limit` fall in one window."""
    check(Key(name, limit, seconds, message))


def _wait(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 120 else f"{(seconds + 59) // 60} 分钟"


def address(limits: Limits, caller: Caller | None) -> Key | None:
    if not (caller and caller.address):
        return None
    return Key(
        f"addr:{caller.address}", limits.address_per_minute, 60, "来自同一网络地址的请求过于频繁"
    )


def person(limits: Limits, id_number: str) -> Key:
    return Key(
        f"person:{_digest(id_number)}",
        limits.person_per_hour,
        3600,
        "同一身份证号提交预约过于频繁",
    )


def code(limits: Limits, booking_code: str) -> Key:
    return Key(
        f"code:{_digest(booking_code)}", limits.code_per_hour, 3600, "同一预约码尝试次数过多"
    )
