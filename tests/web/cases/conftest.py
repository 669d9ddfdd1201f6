"""Case fixtures: a frozen Beijing clock, staff clients with tokens, intake payloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from shebao.runtime import BEIJING
from tests.core.cases.factories import credit_code, resident_id

# The day before 国庆 (1–7 Oct 2026; Saturday 10 Oct is worked), 10:00 in Beijing.
NOW = dt.datetime(2026, 9, 30, 10, 0, tzinfo=BEIJING)
ID = resident_id()  # 210202197001011233: born 1970-01-01, male
APPLICATION_48 = "大连市劳动能力鉴定申请书"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[time_machine.Coordinates]:
    """Every case test runs at NOW unless it moves the clock (`frozen.move_to`)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def person(**changes: Any) -> dict[str, Any]:
    return {"kind": "person", "id_number": ID, "name": "王小明", "phone": "13804112233"} | changes


def unit(**changes: Any) -> dict[str, Any]:
    return {
        "kind": "unit",
        "credit_code": credit_code(),
        "name": "大连某某康复医院有限公司",
        "contact": "李红",
        "phone": "0411-83709012",
    } | changes


# One payload per outcome, on items whose rules and materials the core's tests pin down.
def refused(**changes: Any) -> dict[str, Any]:
    """Item 25 (retirement) under the statutory age: 违规禁办事项清单第3项."""
    facts = {"contribution_months": 400, "flexible_early": False, "employee_pension_insured": True}
    return _payload(25, facts, []) | changes


def accepted(**changes: Any) -> dict[str, Any]:
    return _payload(60, {}, ["劳动人事争议仲裁申请书", "身份证"]) | changes


def tolerated(**changes: Any) -> dict[str, Any]:
    """Item 48 with only the application: 病历资料 and the diagnosis may be brought later."""
    return _payload(48, {"injury_recognized": True}, [APPLICATION_48], signed=True) | changes


def by_a_unit(**changes: Any) -> dict[str, Any]:
    """Item 53 (a unit's application to be a contracted work-injury service provider)."""
    body = _payload(53, {}, ["大连市工伤保险协议服务机构申请审核表"], signed=True)
    return body | {"applicant": unit()} | changes


def returned(**changes: Any) -> dict[str, Any]:
    return _payload(48, {"injury_recognized": True}, []) | changes


def _payload(item: int, facts: dict, provided: list, signed: bool = False) -> dict[str, Any]:
    return {
        "item": item,
        "channel": "window",
        "applicant": person(),
        "facts": facts,
        "provided": provided,
        "commitment_signed": signed,
    }


class Api:
    """A staff member's API client (bearer token), JSON in and out."""

    def __init__(self, token: str) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def get(self, path: str, **query: Any):
        return self.client.get(path, query)

    def post(self, path: str, body: Any):
        return self.client.post(path, body, content_type="application/json")

    def take_in(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post("/api/cases", body)
        assert response.status_code == 201, response.content.decode()
        return response.json()

    def move(self, number: str, to: str, note: str = ""):
        return self.post(f"/api/cases/{number}/transitions", {"to": to, "note": note})


@pytest.fixture
def api_for(make_staff) -> Callable[..., Api]:
    """`api_for("alice")`: a client for a staff member made on the spot (clerk at hall-3 by
    default)."""
    from shebao.web.accounts.services import issue_token

    def make(name: str, role: str = "clerk", point: str | None = "hall-3") -> Api:
        make_staff(name, role, point)
        return Api(issue_token(name))

    return make


@pytest.fixture
def clerk(api_for) -> Api:
    """alice, a clerk at hall 3."""
    return api_for("alice")


@pytest.fixture
def supervisor(api_for) -> Api:
    """bob, a supervisor: sees every point."""
    return api_for("bob", "supervisor")


SUPPLEMENT = ["病历资料", "与伤病有关的医学诊断"]  # what tolerated() leaves missing
AFTER_SUPPLEMENT_DUE = dt.datetime(2026, 10, 14, 9, 0, tzinfo=BEIJING)  # due 13 Oct


def run_remind() -> Any:
    from shebao.web.cases.services import remind
    from shebao.web.core import runtime

    return remind(runtime())


@pytest.fixture
def case_in(clerk, frozen) -> Callable[[str], str]:
    """`case_in("in_progress")`: the number of a new case brought to that status the way it
    happens at the window (terminated by `remind` past the supplement deadline; the clock
    then stays there)."""

    def walk(number: str, *steps: str) -> str:
        for to in steps:
            assert clerk.move(number, to).status_code == 200, to
        return number

    def make(status: str) -> str:
        if status in ("refused", "returned"):
            return clerk.take_in(refused() if status == "refused" else returned())["number"]
        if status in ("accepted", "in_progress", "completed", "withdrawn"):
            steps = {
                "accepted": (),
                "in_progress": ("in_progress",),
                "completed": ("in_progress", "completed"),
                "withdrawn": ("withdrawn",),
            }[status]
            return walk(clerk.take_in(accepted())["number"], *steps)
        number = clerk.take_in(tolerated())["number"]
        if status == "materials_supplemented":
            response = clerk.post(f"/api/cases/{number}/materials", {"provided": SUPPLEMENT})
            assert response.json()["complete"] is True
        elif status == "terminated":
            frozen.move_to(AFTER_SUPPLEMENT_DUE)
            run_remind()
        else:
            assert status == "accepted_pending_materials"
        return number

    return make
