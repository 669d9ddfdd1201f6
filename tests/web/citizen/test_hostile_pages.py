"""Input nobody should send still gets a page in Chinese, never a server error."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=" + "社保" * 5000,
        "/search?q=%00%01%1b[31m",
        "/search?q=%F0%9F%98%80%E2%80%8B",
        "/items/%EF%BC%92%EF%BC%94",  # full-width 24
        "/items/2%00",
        "/items/" + "9" * 300,
        "/items/-1/print",
        "/category/%00",
        "/category/" + "类" * 500,
        "/events/" + "x" * 500,
        "/retirement?birth=%00&sex=%00&female_original_age=99&contribution_months=1e9",
        "/retirement?birth=" + "1" * 1000,
        "/items/25/check?state=abc",
    ],
)
def test_odd_addresses_answer_without_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404, 422), response.status_code
    assert "Traceback" not in response.content.decode("utf-8", "replace")


@pytest.mark.parametrize(
    "body",
    [
        {"state": "x" * 60_000, "action": "answer", "ask": "id_number", "answer": "1"},
        {"state": "", "action": "jump", "ask": "../../etc", "answer": "\x00"},
        {"action": "back"},
        {"state": "", "action": "answer", "ask": "id_number", "answer": "１" * 40},
    ],
)
def test_odd_forms_start_again_or_say_what_is_wrong(client, body):
    response = client.post("/items/25/check", body)
    assert response.status_code == 200
    assert 'name="ask" value="id_number"' in response.content.decode()


@pytest.mark.django_db
def test_a_long_progress_form_is_cut_not_crashed(client):
    response = client.post("/progress", {"number": "K" * 10_000, "id_last6": "1" * 10_000})
    assert response.status_code == 404
