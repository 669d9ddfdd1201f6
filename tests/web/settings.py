"""Test settings: a fresh data directory per run; SQLite or PostgreSQL (see database.py)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_DATA_DIR = tempfile.mkdtemp(prefix="shebao-test-")
atexit.register(shutil.rmtree, _DATA_DIR, ignore_errors=True)
os.environ["SHEBAO_DATA_DIR"] = _DATA_DIR
os.environ.pop("DATABASE_URL", None)
os.environ.pop("SHEBAO_DEBUG", None)

from shebao.web.settings import *  # noqa: E402, F403
from shebao.web.settings import DATABASES, database  # noqa: E402
from tests.web.database import POSTGRES_URL, using_postgres  # noqa: E402

if using_postgres():
    DATABASES["default"] = database(POSTGRES_URL, Path(_DATA_DIR))
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = 3
    # One test database per run: several worktrees may run their suites at once.
    DATABASES["default"]["TEST"] = {"NAME": f"shebao_test_{os.getpid()}"}
else:
    # A file, not the in-memory default, so the tests run with the pragmas production uses.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(_DATA_DIR) / "test.sqlite3")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only
