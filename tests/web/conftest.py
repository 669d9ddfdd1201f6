"""Web test fixtures: the database check, named staff (alice the clerk, bob the supervisor …)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.web.database import postgres_problem, using_postgres

PASSWORD = "window-desk-2026"


@pytest.fixture(scope="session", autouse=True)
def _database_answers() -> None:
    """Skip (with the reason) rather than fail when the PostgreSQL asked for is not there."""
    if using_postgres() and (problem := postgres_problem()):
        pytest.skip(problem)


@dataclass
class Staff:
    name: str
    role: str
    point: str | None
    password: str = PASSWORD


@pytest.fixture
def make_staff(db) -> Callable[..., Staff]:
    """Create a staff member through the service the CLI uses."""
    from shebao.web.accounts.services import add_staff
    from shebao.web.core import runtime

    def make(name: str, role: str = "clerk", point: str | None = "hall-3") -> Staff:
        point = point if role in ("clerk", "reviewer") else None
        add_staff(runtime(), name, role, point, PASSWORD)
        return Staff(name, role, point)

    return make


@pytest.fixture
def alice(make_staff) -> Staff:
    """A clerk at hall 3 (西岗区办事处)."""
    return make_staff("alice", "clerk", "hall-3")


@pytest.fixture
def bob(make_staff) -> Staff:
    """A supervisor: sees every point."""
    return make_staff("bob", "supervisor")


@pytest.fixture
def carol(make_staff) -> Staff:
    """An administrator."""
    return make_staff("carol", "admin")


@pytest.fixture
def stdin(monkeypatch) -> Callable[[str | None], None]:
    """What the next command reads from standard input; None: a terminal (nothing piped)."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def feed(text: str | None) -> None:
        monkeypatch.setattr("sys.stdin", Terminal() if text is None else io.StringIO(text))

    return feed
