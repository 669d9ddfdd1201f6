"""SQLite writers queue on a file lock instead of SQLite's busy handler.

With several server processes, a transaction that finds the write lock taken is put to sleep
by SQLite's busy handler for 1, 2, 5, 10 … up to 100 ms at a time, however soon the lock is
free again: under a booking rush most of the time went to sleeping past a lock already
released (bench/load.py: writes' p99 0.7–1.2 s on SQLite). Here each write transaction (Django
begins it with BEGIN IMMEDIATE) first takes an exclusive `flock` on `<database>.writelock`,
polled every fraction of a millisecond, and lets it go at commit or rollback: writers take
turns as soon as the previous one is done. Reads take no lock (WAL). If the lock cannot be
had within the busy timeout, the transaction goes ahead without it and SQLite's own busy
handling applies as before, so nothing can wait forever on this lock.
"""

from __future__ import annotations

import fcntl
import os
import time

from django.db.backends.sqlite3 import base

FIRST_PAUSE, LONGEST_PAUSE = 0.0002, 0.002  # seconds between tries


class DatabaseWrapper(base.DatabaseWrapper):
    _lock_fd: int | None = None
    _locked = False

    def _start_transaction_under_autocommit(self) -> None:
        self._take_write_lock()
        try:
            if self._plain_driver_calls():
                with self.wrap_database_errors:
                    self.connection.execute(f"BEGIN {self.transaction_mode or ''}")
            else:
                super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            if self._plain_driver_calls() and self.connection is not None:
                with self.wrap_database_errors:
                    self.connection.commit()
            else:
                super()._commit()
        finally:
            self._release_write_lock()

    def _plain_driver_calls(self) -> bool:
        """BEGIN and COMMIT straight on the driver unless someone listens (DEBUG's query log,
        a test capturing queries, an execute wrapper): Django's way through a cursor wrapper
        and its debug hooks cost an intake as much again as the two statements themselves
        (bench/intake.py, callgrind)."""
        return not (self.queries_logged or self.execute_wrappers)

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._release_write_lock()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

    def _take_write_lock(self) -> None:
        if self._locked or self.is_in_memory_db():
            return
        if self._lock_fd is None:
            path = f"{self.settings_dict['NAME']}.writelock"
            try:
                self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:
                return  # a read-only or full data directory: SQLite itself says what is wrong
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # SQLite's busy timeout decides from here
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            else:
                self._locked = True
                return

    def _release_write_lock(self) -> None:
        if self._locked and self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
        self._locked = False
