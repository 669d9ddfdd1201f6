"""Security test fixtures: the Beijing clock frozen as the case tests freeze it, staff clients
logged in by session, and a case taken in at point A (hall-3) by its clerk."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.test import Client

from tests.web.cases.conftest import NOW, Api, accepted
from tests.web.conftest import PASSWORD

POINT_A, POINT_B = "hall-3", "hall-5"


@pytest.fixture(autouse=True)
def frozen_now() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def staff_client(make_staff: Callable, name: str, role: str, point: str | None = None) -> Client:
    """A browser session of a staff member made on the spot (the desk's login)."""
    make_staff(name, role, point)
    client = Client()
    assert client.login(username=name, password=PASSWORD)
    return client


def make_case(make_staff: Callable, name: str = "alice") -> str:
    """A case accepted at point A by clerk `name` (made if needed); its number."""
    from django.contrib.auth import get_user_model

    from shebao.web.accounts.services import issue_token

    if not get_user_model().objects.filter(username=name).exists():
        make_staff(name, "clerk", POINT_A)
    return Api(issue_token(name)).take_in(accepted())["number"]
