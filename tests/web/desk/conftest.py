"""Desk fixtures: the cases' frozen clock, logged-in staff browsers, cases taken in at the desk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.web.cases.conftest import APPLICATION_48, ID, NOW

__all__ = ["APPLICATION_48", "ID", "NOW"]


@pytest.fixture(autouse=True)
def frozen() -> Iterator[time_machine.Coordinates]:
    """Every desk test runs on 30 Sep 2026, 10:00 Beijing (the day before 国庆)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def browser_for(make_staff) -> Callable[..., Client]:
    """`browser_for("dora", "clerk", "hall-5")`: a logged-in browser of a new staff member."""

    def make(name: str, role: str = "clerk", point: str | None = "hall-3") -> Client:
        staff = make_staff(name, role, point)
        client = Client()
        assert client.login(username=staff.name, password=staff.password)
        return client

    return make


@pytest.fixture
def clerk(browser_for) -> Client:
    """alice, a clerk at hall 3 (西岗区办事处)."""
    return browser_for("alice")


@pytest.fixture
def other_clerk(browser_for) -> Client:
    """dora, a clerk at hall 5."""
    return browser_for("dora", "clerk", "hall-5")


@pytest.fixture
def supervisor(browser_for) -> Client:
    return browser_for("bob", "supervisor")


def intake_form(item: int = 48, **changes: Any) -> dict[str, Any]:
    """The intake form as a clerk fills it for a 容缺 case of item 48, commitment signed."""
    body: dict[str, Any] = {
        "item": str(item),
        "kind": "person",
        "id_number": ID,
        "name": "王小明",
        "phone": "13804112233",
        "fact_injury_recognized": "true",
        "provided": [APPLICATION_48],
        "signed": "yes",
        "action": "save",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


@pytest.fixture
def take_in(clerk) -> Callable[..., str]:
    """`take_in(**form_changes)`: the number of a case alice saves at the desk."""

    def save(client: Client | None = None, **changes: Any) -> str:
        answer = (client or clerk).post("/desk/intake", intake_form(**changes))
        assert answer.status_code == 302, answer.content.decode()
        return answer["Location"].split("/")[3]

    return save
