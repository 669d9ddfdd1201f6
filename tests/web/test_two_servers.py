"""Two `shebao serve` processes on one database and one Redis hold together as one service.

As the center runs it behind nginx (docs/deploy.md): a staff session made on one process works
on the other, rate limits count across both, clients racing through both never get the same
seat, and the hall's queue numbers stay unique. Both processes run with SHEBAO_REDIS_URL; the
database is a fresh PostgreSQL database (`--database=postgres`) or one SQLite file. Skipped
with the reason when Redis does not answer.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import random
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from shebao.runtime import bootstrap
from tests.web.appointments import test_races
from tests.web.appointments.people import booking
from tests.web.appointments.test_limits import REDIS_URL, redis_problem
from tests.web.appointments.test_races import Store, request, shebao
from tests.web.processes import serving
from tests.web.test_database_down import next_slot

PASSWORD = "window-desk-2026"
store = test_races.store  # the same fixture: a fresh PostgreSQL database, or a data directory


@pytest.fixture
def redis_url() -> str:
    """The tests' own Redis database, emptied first: counts kept by an earlier run within the
    hour (the per-address booking limit above all) would refuse this run's first booking."""
    if problem := redis_problem():
        pytest.skip(problem)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    return REDIS_URL


@contextlib.contextmanager
def two_servers(store: Store, redis_url: str) -> Iterator[list[str]]:
    env = {**store.env, "SHEBAO_REDIS_URL": redis_url}
    with contextlib.ExitStack() as stack:
        urls = []
        for _ in range(2):
            args = ("--workers", "1", "--data-dir", str(store.data_dir))
            server = stack.enter_context(serving(*args, **env))
            urls.append(server.wait_until_ready())
        yield urls


def people() -> int:
    """A first person number no earlier run used: Redis keeps its counts between runs."""
    return random.randrange(100, 14_000) * 1000  # a birth day of its own (1980 + days)


def test_a_staff_session_made_on_one_server_works_on_the_other(store, redis_url):
    shebao(store, "users", "add", "clerk1", "--role", "clerk", "--point", "hall-3", stdin=PASSWORD)
    with two_servers(store, redis_url) as (first, second):
        jar = http.cookiejar.CookieJar()  # cookies are per host, not per port: both get them
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with browser.open(first + "desk/login/", timeout=30) as page:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
        form = urllib.parse.urlencode(
            {"username": "clerk1", "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
        ).encode()
        with browser.open(
            urllib.request.Request(first + "desk/login/", form), timeout=30
        ) as answer:
            assert answer.url.endswith("/desk/"), answer.url  # logged in, sent to the desk
        with browser.open(second + "api/staff/me", timeout=30) as answer:
            me = json.loads(answer.read())
        assert (me["name"], me["point"]) == ("clerk1", "hall-3")

        anonymous = urllib.request.build_opener()
        with pytest.raises(urllib.error.HTTPError) as refused:
            anonymous.open(second + "api/staff/me", timeout=30)
        assert refused.value.code == 401


def test_rate_limits_count_across_both_servers(store, redis_url):
    """Booking attempts per person (in Redis) and failed case look-ups (in the database)."""
    shebao(store, "schedule", "set", "hall-3", "--capacity", "400")
    shebao(store, "users", "add", "clerk1", "--role", "clerk", "--point", "hall-3", stdin=PASSWORD)
    token = shebao(store, "users", "token", "clerk1").split()[0]
    person = people()
    start = next_slot()
    with two_servers(store, redis_url) as urls:
        # The same person submits again and again, alternately through each server: the
        # 21st attempt in the hour is refused wherever it arrives (20 an hour by default).
        statuses = [
            request(urls[n % 2] + "api/bookings", booking(person, start))[0] for n in range(21)
        ]
        assert statuses[0] == 201 and set(statuses[1:20]) == {409}, statuses
        assert statuses[20] == 429, statuses

        intake = {
            "item": 60, "channel": "window", "facts": {}, "commitment_signed": False,
            "provided": ["劳动人事争议仲裁申请书", "身份证"],
            "applicant": {**{k: v for k, v in booking(person + 1, start).items()
                             if k in ("id_number", "name", "phone")}, "kind": "person"},
        }  # fmt: skip
        status, case = request(urls[0] + "api/cases", intake, token)
        assert status == 201, case
        wrong = "000000" if not case["number"].endswith("0") else "111111"
        lookups = [
            request(f"{urls[n % 2]}api/public/cases/{case['number']}?id_last6={wrong}")[0]
            for n in range(6)
        ]
        assert lookups == [404] * 5 + [429], lookups  # 5 failures per number, across both

    import redis

    keys = redis.Redis.from_url(redis_url).keys("shebao:*rate:person:*")
    assert keys, "the person's count is not in Redis"


def test_clients_racing_through_both_servers_never_share_a_seat(store, redis_url):
    shebao(store, "schedule", "set", "hall-3", "--capacity", "3")
    start, first = next_slot(), people()
    with two_servers(store, redis_url) as urls:
        gate = threading.Barrier(60)

        def client(n: int) -> tuple[int, dict]:
            gate.wait()
            return request(urls[n % 2] + "api/bookings", booking(first + n, start))

        with ThreadPoolExecutor(60) as pool:
            answers = list(pool.map(client, range(60)))
    assert Counter(status for status, _ in answers) == {201: 3, 409: 57}
    held = store.query("SELECT seat FROM appointments_booking WHERE status <> 'cancelled'")
    assert sorted(seat for (seat,) in held) == [1, 2, 3]


def test_queue_numbers_taken_through_both_servers_are_unique_and_in_turn(store, redis_url):
    rt = bootstrap()
    if not rt.calendar.is_workday(rt.today()):
        pytest.skip(f"今天（{rt.today()}）不是工作日：大厅不取号，服务进程用的是真实的日期")
    with two_servers(store, redis_url) as urls:
        gate = threading.Barrier(40)

        def visitor(n: int) -> tuple[int, dict]:
            gate.wait()
            return request(urls[n % 2] + "api/points/hall-3/tickets", {})

        with ThreadPoolExecutor(40) as pool:
            answers = list(pool.map(visitor, range(40)))
    assert {status for status, _ in answers} == {201}, answers[:3]
    labels = sorted(body["ticket"] for _, body in answers)
    assert labels == [f"A{n:03d}" for n in range(1, 41)]
