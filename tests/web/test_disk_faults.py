"""A full disk and a read-only SQLite file: a clear Chinese 503 or CLI error, nothing corrupted.

Real conditions, not simulated ones: the data directory on a small tmpfs that is then filled
(or remounted read-only), and a database file made immutable (`chattr +i`, which even root
cannot write). Both need root; skipped with the reason otherwise. Always SQLite: these are
the SQLite file's faults (PostgreSQL's own full disk is its server's business, and answers as
the database-down test shows).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.web.appointments.people import booking, id_number
from tests.web.processes import run, serving
from tests.web.test_database_down import next_slot

FULL = "存储空间已满或不可写入"


def fetch(url: str, body: dict | None = None, token: str = "") -> tuple[int, str]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data, headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def intake(n: int) -> dict:
    return {
        "item": 60, "channel": "window", "facts": {}, "commitment_signed": False,
        "provided": ["劳动人事争议仲裁申请书", "身份证"],
        "applicant": {"kind": "person", "id_number": id_number(n), "name": "王小明",
                      "phone": "13804112233"},
    }  # fmt: skip


def set_up(data: Path) -> str:
    """A schedule at hall-3 and a clerk; the clerk's API token."""
    dirs = ("--data-dir", str(data))
    for args, stdin in (
        (("schedule", "set", "hall-3", "--capacity", "400"), ""),
        (("users", "add", "clerk1", "--role", "clerk", "--point", "hall-3"), "window-desk-2026"),
    ):
        done = run(*args, *dirs, stdin=stdin)
        assert done.returncode == 0, done.stderr
    return run("users", "token", "clerk1", *dirs).stdout.split()[0]


def stored_cases(data: Path) -> tuple[str, set[str], set[str]]:
    """(integrity check, case numbers, case numbers with a history row), read directly."""
    with contextlib.closing(sqlite3.connect(data / "shebao.sqlite3")) as db:
        (integrity,) = db.execute("PRAGMA integrity_check").fetchone()
        numbers = {n for (n,) in db.execute("SELECT number FROM cases_case")}
        with_history = {
            n
            for (n,) in db.execute(
                "SELECT DISTINCT c.number FROM cases_case c "
                "JOIN cases_casehistory h ON h.case_id = c.id"
            )
        }
    return integrity, numbers, with_history


def assert_clear_cli_error(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert done.stderr.startswith("shebao: ") and len(done.stderr.splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 16 MB tmpfs, unmounted afterwards; skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    tried = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
        capture_output=True, text=True,
    )  # fmt: skip
    if tried.returncode:
        pytest.skip(f"无法挂载 tmpfs（需要 root）：{tried.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(disk: Path) -> Path:
    """Write until the disk is full; the filler file, to delete for room again."""
    filler = disk / "filler"
    with filler.open("wb") as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * (1 << 20))
            out.flush()
    return filler


def test_a_full_disk_refuses_writes_in_chinese_keeps_reads_and_loses_nothing(small_disk):
    data = small_disk / "data"
    token = set_up(data)
    acknowledged = set()
    with serving("--workers", "1", "--data-dir", str(data)) as server:
        url = server.wait_until_ready()
        status, text = fetch(url + "api/cases", intake(1), token)
        assert status == 201, text
        acknowledged.add(json.loads(text)["number"])

        filler = fill(small_disk)
        refused = [fetch(url + "api/cases", intake(n), token) for n in range(2, 5)]
        refused.append(fetch(url + "api/bookings", booking(5, next_slot())))
        for status, text in refused:
            assert status == 503, text
            assert FULL in json.loads(text)["detail"] and "Traceback" not in text
        for path in ("items/24", "", "api/items/24", "api/cases"):
            status, text = fetch(url + path, token=token)
            assert status == 200, (path, status, text[:300])
        assert_clear_cli_error(
            run("users", "add", "clerk2", "--role", "clerk", "--point", "hall-3",
                "--data-dir", str(data), stdin="window-desk-2026")
        )  # fmt: skip

        filler.unlink()  # room again: the same server stores again, no restart
        status, text = fetch(url + "api/cases", intake(6), token)
        assert status == 201, text
        acknowledged.add(json.loads(text)["number"])

    integrity, numbers, with_history = stored_cases(data)
    assert integrity == "ok"
    assert numbers == acknowledged == with_history  # nothing refused was half-stored


@pytest.fixture
def immutable(tmp_path) -> Iterator[Callable[[Path], None]]:
    """Make a file immutable (chattr +i) for the test; undone afterwards."""
    made: list[Path] = []

    def make(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"无法把文件设为只读（chattr +i，需要 root）：{done.stderr.strip()}")
        made.append(path)

    try:
        yield make
    finally:
        for path in made:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_read_only_database_file_refuses_writes_in_chinese_and_still_serves_reads(
    tmp_path, immutable
):
    data = tmp_path / "data"
    token = set_up(data)
    with serving("--workers", "1", "--data-dir", str(data)) as server:
        url = server.wait_until_ready()
        status, text = fetch(url + "api/cases", intake(1), token)
        assert status == 201, text
        number = json.loads(text)["number"]
    immutable(data / "shebao.sqlite3")

    assert_clear_cli_error(
        run("schedule", "set", "hall-3", "--capacity", "5", "--data-dir", str(data))
    )
    listed = run("cases", "list", "--data-dir", str(data))
    assert listed.returncode == 0 and number in listed.stdout, listed.stderr
    with serving("--workers", "1", "--data-dir", str(data)) as server:
        url = server.wait_until_ready()
        for body, path in ((intake(2), "api/cases"), (booking(3, next_slot()), "api/bookings")):
            status, text = fetch(url + path, body, token)
            assert status == 503, text
            assert FULL in json.loads(text)["detail"]
        # Pages that only read still answer; a staff view of a case is not among them, as
        # every such view is recorded first (who, when, which case): no record, no view.
        assert fetch(url + f"api/public/cases/{number}?id_last6={id_number(1)[-6:]}")[0] == 200
        assert fetch(url + "hall/hall-3/")[0] == 200
        assert fetch(url + "items/24")[0] == 200
        status, text = fetch(url + f"api/cases/{number}", token=token)
        assert status == 503 and FULL in json.loads(text)["detail"], text

    subprocess.run(["chattr", "-i", str(data / "shebao.sqlite3")], check=True)
    integrity, numbers, with_history = stored_cases(data)
    assert integrity == "ok" and numbers == {number} == with_history


def test_a_read_only_data_directory_is_one_clear_line_from_every_command(small_disk):
    data = small_disk / "data"
    set_up(data)
    for leftover in data.glob("shebao.sqlite3-*"):
        leftover.unlink()
    remounted = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_disk)], capture_output=True, text=True
    )
    assert remounted.returncode == 0, remounted.stderr

    commands = (
        ("cases", "list"),
        ("schedule", "set", "hall-3", "--capacity", "5"),
        ("serve", "--port", "0"),
    )
    for args in commands:
        done = run(*args, "--data-dir", str(data))
        assert_clear_cli_error(done)
        assert "数据库" in done.stderr, done.stderr
