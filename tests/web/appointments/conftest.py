"""Appointment test helpers: a frozen Beijing clock, JSON calls, bookings made through the API."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator

import pytest
import time_machine

from shebao.runtime import BEIJING
from tests.web.appointments.people import booking


def beijing(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=BEIJING)


@pytest.fixture
def clock() -> Iterator[Callable[[str], None]]:
    """`clock("2026-09-30 10:00")` stops time there (Beijing) until the next call."""
    travellers: list[time_machine.travel] = []

    def set_to(text: str) -> None:
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(beijing(text), tick=False)
        traveller.start()
        travellers.append(traveller)

    yield set_to
    for traveller in travellers:
        traveller.stop()


class Api:
    def __init__(self, client) -> None:
        self.client = client

    def post(self, url: str, body: object = None, **headers: str):
        return self.client.post(
            url, data=json.dumps(body or {}), content_type="application/json", **headers
        )

    def get(self, url: str):
        return self.client.get(url)

    def delete(self, url: str):
        return self.client.delete(url)

    def book(self, n: int, start: str, **extra: object):
        return self.post("/api/bookings", booking(n, start, **extra))


@pytest.fixture
def api(client, db) -> Api:
    return Api(client)
