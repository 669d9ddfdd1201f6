"""Rate limits are counted where every process sees them: the database, or Redis when set."""

from __future__ import annotations

import os
import uuid

import pytest
from django.test import override_settings

from shebao.web.appointments.models import RateCounter
from shebao.web.appointments.services.limits import RateLimited, hit
from shebao.web.settings import cache

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("SHEBAO_TEST_REDIS", "redis://127.0.0.1:6379/15")


def redis_problem() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as exc:  # not installed, refused, timed out: say why and skip
        return f"Redis 无应答（{REDIS_URL}）：{exc}"
    return None


def test_the_database_counts_each_attempt_and_refuses_past_the_limit():
    name = f"test:{uuid.uuid4()}"
    for _ in range(3):
        hit(name, 3, 60, "太频繁")
    with pytest.raises(RateLimited, match=r"太频繁，请 \d+ 秒后再试"):
        hit(name, 3, 60, "太频繁")
    assert RateCounter.objects.get(name=name).count == 4


def test_a_limit_of_zero_counts_nothing():
    hit("test:off", 0, 60, "x")
    assert not RateCounter.objects.filter(name="test:off").exists()


def test_with_redis_configured_the_counts_live_in_redis():
    if problem := redis_problem():
        pytest.skip(problem)
    name = f"test:{uuid.uuid4()}"
    with override_settings(SHEBAO_REDIS_URL=REDIS_URL, CACHES={"default": cache(REDIS_URL)}):
        for _ in range(2):
            hit(name, 2, 60, "太频繁")
        with pytest.raises(RateLimited):
            hit(name, 2, 60, "太频繁")
    assert not RateCounter.objects.filter(name=name).exists()


def test_a_200_client_race_from_one_address_stays_under_the_default_address_limit(rt):
    from shebao.appointments.policy import policy

    assert policy(rt.catalog.directory).limits.address_per_minute >= 200 * 3
