"""Rating fixtures: the cases' frozen clock and staff clients, and a citizen's API client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from shebao.runtime import BEIJING
from tests.web.cases.conftest import (  # noqa: F401 — fixtures shared with the cases' tests
    ID,
    NOW,
    Api,
    api_for,
    case_in,
    clerk,
    frozen,
    supervisor,
)

LAST6 = ID[-6:]


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=BEIJING)


class Citizen:
    """The applicant, with no credentials: rates through the public API."""

    def __init__(self) -> None:
        self.client = Client()

    def rate(self, number: str, body: Any, last6: str = LAST6, **headers: str):
        return self.client.post(
            f"/api/public/cases/{number}/rating?id_last6={last6}",
            body,
            content_type="application/json",
            headers=headers,
        )


@pytest.fixture
def citizen() -> Citizen:
    return Citizen()


@pytest.fixture
def admin(api_for) -> Api:  # noqa: F811
    """dave, a system administrator."""
    return api_for("dave", "admin")


@pytest.fixture
def rated(case_in, citizen) -> Callable[..., str]:  # noqa: F811
    """`rated(level, status="completed", **body)`: a finished case, rated; its number."""

    def make(level: int, status: str = "completed", **body: Any) -> str:
        number = case_in(status)
        response = citizen.rate(number, {"level": level, **body})
        assert response.status_code == 201, response.content.decode()
        return number

    return make
