"""The citizen's progress page (/progress) shows a real case taken in at the window."""

from __future__ import annotations

import pytest
from django.test import Client

from shebao.web.citizen import progress
from tests.web.cases.conftest import tolerated
from tests.web.citizen.conftest import text_of

pytestmark = pytest.mark.django_db


def ask(number: str, last6: str, address: str = "203.0.113.9"):
    return Client().post("/progress", {"number": number, "id_last6": last6}, REMOTE_ADDR=address)


def test_a_citizen_follows_a_tolerated_case_taken_in_at_the_window(clerk):
    case = clerk.take_in(tolerated())
    response = ask(case["number"].lower().replace("-", ""), "011233")
    text = text_of(response)
    assert response.status_code == 200
    assert "劳动能力鉴定申请" in text and "容缺受理" in text and case["due"] in text
    assert "王小明" not in text and "210202" not in text  # nothing that identifies the person


def test_a_wrong_pair_is_the_same_not_found_and_repeated_failures_are_slowed(clerk):
    number = clerk.take_in(tolerated())["number"]
    first = ask(number, "000000")
    assert first.status_code == 404 and progress.NOT_FOUND in text_of(first)
    for _ in range(10):
        last = ask(number, "000000")
    assert last.status_code == 429 and "分钟后再试" in text_of(last)
