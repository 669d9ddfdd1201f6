"""PostgreSQL stops under load and comes back: 503 in Chinese meanwhile, no restart needed after.

A private PostgreSQL server (tests/web/pgcluster.py, never the shared one) behind a real
`shebao serve` with two workers; clients keep reading pages and booking while the database is
stopped and started again. Skipped with the reason when no private server can be made here.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest

from shebao.runtime import BEIJING, bootstrap
from tests.web.appointments.people import booking
from tests.web.pgcluster import private_cluster, problem
from tests.web.processes import run, serving

CHINESE = "服务暂时不可用"


def lower(headers) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def fetch(url: str, body: dict | None = None, token: str = "") -> tuple[int, dict, str]:
    """(status, headers, text); a refused connection raises, as a client sees it."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data, headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, lower(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, lower(exc.headers), exc.read().decode()


def next_slot() -> str:
    rt = bootstrap()
    day = rt.calendar.add_workdays(rt.today(), 1)
    return dt.datetime.combine(day, dt.time(9), BEIJING).isoformat()


def intake() -> dict:
    person = booking(7, "")
    return {
        "item": 60, "channel": "window", "facts": {}, "commitment_signed": False,
        "provided": ["劳动人事争议仲裁申请书", "身份证"],
        "applicant": {"kind": "person", "id_number": person["id_number"], "name": "王小明",
                      "phone": "13804112233"},
    }  # fmt: skip


class Load:
    """Clients reading pages and booking in a loop, recording every answer they get."""

    PATHS = ("items/24", "", "api/items/48", "api/health", "hall/hall-3/")

    def __init__(self, url: str, clients: int = 4) -> None:
        self.url, self.answers, self.stop = url, Counter(), threading.Event()
        self.failures: list[str] = []  # what failed, when, for the assertion's message
        self.began = time.monotonic()
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(clients)]

    def client(self, n: int) -> None:
        k = 0
        while not self.stop.is_set():
            k += 1
            path = self.PATHS[k % len(self.PATHS)]
            try:
                if k % 3 == 0:
                    body = booking(10_000 + n * 10_000 + k, next_slot())
                    status = fetch(self.url + "api/bookings", body)[0]
                else:
                    status = fetch(self.url + path)[0]
            except OSError as exc:  # refused or cut off: the server itself failed
                status = type(exc).__name__
                self.failures.append(
                    f"{(k % 3 == 0 and 'booking') or path} at "
                    f"{time.monotonic() - self.began:.1f} s: {exc!r}"
                )
            self.answers[status] += 1

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(60)


@pytest.fixture(scope="module")
def cluster():
    if reason := problem():
        pytest.skip(reason)
    try:
        with private_cluster() as made:
            yield made
    except Exception as exc:  # initdb or the start refused here: say why
        pytest.skip(f"无法创建私有 PostgreSQL：{exc}")


def test_a_stopped_database_answers_503_in_chinese_and_the_service_recovers_by_itself(
    cluster, tmp_path
):
    env = {"DATABASE_URL": cluster.url}
    data = str(tmp_path / "data")
    made = run("schedule", "set", "hall-3", "--capacity", "400", "--data-dir", data, **env)
    assert made.returncode == 0, made.stderr
    added = run("users", "add", "clerk1", "--role", "clerk", "--point", "hall-3",
                "--data-dir", data, stdin="window-desk-2026", **env)  # fmt: skip
    assert added.returncode == 0, added.stderr
    token = run("users", "token", "clerk1", "--data-dir", data, **env).stdout.split()[0]

    with serving("--workers", "2", "--data-dir", data, **env) as server:
        url = server.wait_until_ready()
        status, _, text = fetch(url + "api/cases", intake(), token)
        assert status == 201, text
        before = json.loads(text)["number"]
        pid = server.pid

        with Load(url) as load:
            time.sleep(1)
            marks = [f"stop at {time.monotonic() - load.began:.1f} s"]
            cluster.stop()
            marks.append(f"stopped at {time.monotonic() - load.began:.1f} s")
            time.sleep(1)
            down = {
                "health": fetch(url + "api/health"),
                "intake": fetch(url + "api/cases", intake(), token),
                "booking": fetch(url + "api/bookings", booking(1, next_slot())),
                "board page": fetch(url + "hall/hall-3/"),
                "item page": fetch(url + "items/24"),
                "home page": fetch(url),
                "item in the API": fetch(url + "api/items/24"),
                "search": fetch(url + "api/search?q=%E9%80%80%E4%BC%91"),
            }
            time.sleep(1)
            marks.append(f"start at {time.monotonic() - load.began:.1f} s")
            cluster.start()
            marks.append(f"started at {time.monotonic() - load.began:.1f} s")
            deadline = time.monotonic() + 60
            while fetch(url + "api/health")[0] != 200 and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(1)

        # While the database was down: what needs it said so in Chinese, with Retry-After …
        for name in ("health", "intake", "booking", "board page"):
            status, headers, text = down[name]
            assert status == 503, (name, status, text)
            assert "Traceback" not in text and "psycopg" not in text, name
            assert name == "health" or headers.get("retry-after") == "30", name
        for name in ("intake", "booking"):
            assert CHINESE in json.loads(down[name][2])["detail"], name
        assert CHINESE in down["board page"][2] and "<html" in down["board page"][2]
        # … and what needs only the guide kept answering.
        for name in ("item page", "home page", "item in the API", "search"):
            assert down[name][0] == 200, (name, down[name][0], down[name][2][:300])

        # Under load, every answer was a right one or a 503: never a 500, never a dropped
        # connection, and the same server process throughout.
        assert set(load.answers) <= {200, 201, 409, 503}, (load.answers, load.failures, marks)
        assert load.answers[503] > 0 and load.answers[200] > 0, load.answers
        assert server.process.poll() is None and server.pid == pid

        # Back without a restart: writes work again and nothing stored before was lost.
        status, _, text = fetch(url + "api/cases", intake(), token)
        assert status == 201, text
        status, _, text = fetch(url + f"api/cases/{before}", token=token)
        assert status == 200, text
        assert fetch(url + "hall/hall-3/")[0] == 200
        status, _, text = fetch(url + "api/bookings", booking(2, next_slot()))
        assert status == 201, text
