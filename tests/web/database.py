"""Which database the web tests run on: `--database=sqlite` (default) or `--database=postgres`.

Imported by tests/conftest.py for its hooks: the choice must be made before pytest-django
loads the settings. PostgreSQL is at `SHEBAO_TEST_POSTGRES` (default
postgres://postgres@127.0.0.1:5432/test); when it does not answer, the tests that need a
database are skipped with the reason.
"""

from __future__ import annotations

import os
from functools import cache

import pytest

POSTGRES_URL = os.environ.get("SHEBAO_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=("sqlite", "postgres"),
        default=os.environ.get("SHEBAO_TEST_DATABASE", "sqlite"),
        help="database for the web tests: sqlite (default) or postgres (" + POSTGRES_URL + ")",
    )


def pytest_configure(config: pytest.Config) -> None:
    os.environ["SHEBAO_TEST_DATABASE"] = config.getoption("--database")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.web.settings")
    from django.conf import settings

    settings.DATABASES  # noqa: B018  load the settings now, so pytest-django sets Django up


def using_postgres() -> bool:
    return os.environ.get("SHEBAO_TEST_DATABASE") == "postgres"


@cache
def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it answers."""
    import psycopg

    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.Error as exc:
        return f"PostgreSQL 无应答（{POSTGRES_URL}）：{str(exc).strip().splitlines()[0]}"
    return None
