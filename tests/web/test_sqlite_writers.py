"""SQLite writers take turns on a file lock (shebao.web.sqlite): a second writer waits for the
first to commit, then goes ahead, instead of sleeping in SQLite's busy handler; a data folder
where no lock file can be made still works (SQLite's own locking decides)."""

from __future__ import annotations

import copy
import os
import threading
import time
from pathlib import Path

import pytest
from django.db import connections

from shebao.web.sqlite.base import DatabaseWrapper
from tests.web.database import using_postgres

pytestmark = pytest.mark.skipif(using_postgres(), reason="SQLite's writers only")


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker, monkeypatch):
    """These tests open their own database files, not the test database. Playwright's sync
    API, run earlier in the same process by the browser tests, leaves an event loop behind that
    Django's guard against database calls from async code would otherwise see."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with django_db_blocker.unblock():
        yield


def wrapper(path: Path) -> DatabaseWrapper:
    settings = copy.deepcopy(connections.settings["default"])
    settings.update(ENGINE="shebao.web.sqlite", NAME=str(path))
    settings["OPTIONS"] = {**settings.get("OPTIONS", {}), "timeout": 5}
    return DatabaseWrapper(settings, alias=f"writers-{path.name}")


def test_a_second_writer_begins_only_after_the_first_commits(tmp_path):
    path = tmp_path / "w.sqlite3"
    first = wrapper(path)
    first.cursor().execute("CREATE TABLE t (who TEXT)")
    order: list[str] = []

    def other_writer() -> None:
        second = wrapper(path)  # a connection belongs to the thread that made it
        second.ensure_connection()
        second._start_transaction_under_autocommit()
        order.append("second began")
        second.cursor().execute("INSERT INTO t VALUES ('second')")
        second._commit()
        second.close()

    first.ensure_connection()
    first._start_transaction_under_autocommit()
    first.cursor().execute("INSERT INTO t VALUES ('first')")
    waiting = threading.Thread(target=other_writer)
    waiting.start()
    time.sleep(0.2)  # the other writer is at the lock by now
    order.append("first commits")
    first._commit()
    waiting.join(10)
    assert order == ["first commits", "second began"]
    assert [r[0] for r in first.cursor().execute("SELECT who FROM t").fetchall()] == [
        "first",
        "second",
    ]
    first.close()
    assert (tmp_path / "w.sqlite3.writelock").exists()


def test_the_lock_is_held_from_begin_to_commit_or_rollback_and_not_by_readers(tmp_path):
    import fcntl

    path = tmp_path / "w.sqlite3"
    db = wrapper(path)
    db.ensure_connection()
    db.cursor().execute("CREATE TABLE t (x)")

    def held() -> bool:
        fd = os.open(f"{path}.writelock", os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing the file lets go of a lock taken here
        return False

    db.cursor().execute("SELECT count(*) FROM t").fetchone()
    assert not held()
    for end in (db._commit, db._rollback):
        db._start_transaction_under_autocommit()
        db.cursor().execute("INSERT INTO t VALUES (1)")
        assert held()
        end()
        assert not held()
    db.close()


def test_a_folder_where_no_lock_file_can_be_made_still_writes(tmp_path):
    path = tmp_path / "w.sqlite3"
    db = wrapper(path)
    db.cursor().execute("CREATE TABLE t (x)")
    db.close()
    os.mkdir(tmp_path / "w.sqlite3.writelock")  # the lock file's name is taken by a folder
    db = wrapper(path)
    db.ensure_connection()
    db._start_transaction_under_autocommit()
    db.cursor().execute("INSERT INTO t VALUES (1)")
    db._commit()
    assert db.cursor().execute("SELECT count(*) FROM t").fetchone()[0] == 1
    db.close()
