"""Login throttling: 5 wrong passwords for one user name from one address lock that pair for
15 minutes, said in Chinese on the login page (429); counted in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from shebao.errors import ShebaoError
from shebao.web.desk.settings import failure_limit, lock_time

pytestmark = pytest.mark.django_db

HERE, THERE = "10.0.0.5", "10.0.0.6"


def log_in(password: str, address: str = HERE, username: str = "alice"):
    return Client(REMOTE_ADDR=address).post(
        "/desk/login/", {"username": username, "password": password, "next": "/desk/"}
    )


def fail(times: int, address: str = HERE) -> list[int]:
    return [log_in("wrong-password", address).status_code for _ in range(times)]


def test_the_fifth_failure_locks_the_name_at_that_address(alice):
    assert fail(4) == [200] * 4
    locked = log_in("wrong-password")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "连续 5 次输错密码，已暂时锁定" in text and "15 分钟后再试" in text
    client = Client(REMOTE_ADDR=HERE)
    right = client.post("/desk/login/", {"username": "alice", "password": alice.password})
    assert right.status_code == 429  # even the right password, until the lock ends
    assert client.get("/desk/").status_code == 302  # not logged in


def test_another_address_is_not_locked(alice):
    fail(5)
    answer = log_in(alice.password, THERE)
    assert answer.status_code == 302 and answer["Location"] == "/desk/"


def test_the_lock_ends_after_15_minutes(alice, frozen):
    fail(5)
    frozen.shift(dt.timedelta(minutes=14))
    assert log_in(alice.password).status_code == 429
    frozen.shift(dt.timedelta(minutes=2))
    assert log_in(alice.password).status_code == 302


def test_a_successful_login_starts_the_count_again(alice):
    fail(4)
    assert log_in(alice.password).status_code == 302
    assert fail(4) == [200] * 4


def test_the_attempts_are_kept_in_the_database(alice):
    from axes.models import AccessAttempt

    fail(2)
    attempt = AccessAttempt.objects.get(username="alice", ip_address=HERE)
    assert attempt.failures_since_start == 2
    assert "wrong-password" not in attempt.post_data


def test_the_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SHEBAO_LOGIN_FAILURES", "3")
    monkeypatch.setenv("SHEBAO_LOGIN_LOCK_MINUTES", "30")
    assert failure_limit() == 3 and lock_time() == dt.timedelta(minutes=30)
    monkeypatch.setenv("SHEBAO_LOGIN_FAILURES", "0")
    with pytest.raises(ShebaoError, match="SHEBAO_LOGIN_FAILURES 应为正整数"):
        failure_limit()
