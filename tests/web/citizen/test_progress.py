"""Case progress: one answer for every lookup that fails; a found case shown as given."""

from __future__ import annotations

import pytest

from shebao.web.citizen import progress
from tests.web.citizen.conftest import text_of


@pytest.mark.parametrize(
    ("number", "last6"),
    [("K7QM-3XPA-HR2D", "100016"), ("not-a-number", "100016"), ("K7QM3XPAHR2D", "12")],
)
def test_every_failed_lookup_gets_the_same_not_found(client, number, last6):
    response = client.post("/progress", {"number": number, "id_last6": last6})
    assert response.status_code == 404
    assert progress.NOT_FOUND in text_of(response)


def test_missing_fields_are_asked_for(client):
    response = client.post("/progress", {"number": "", "id_last6": ""})
    assert response.status_code == 422 and "请填写办件编号" in text_of(response)


def test_a_found_case_shows_its_status_history_and_due_date(client, monkeypatch):
    case = {
        "number": "K7QM-3XPA-HR2D",
        "item": 48,
        "item_name": "劳动能力鉴定申请",
        "status_label": "容缺受理",
        "received": "2026-06-01",
        "due": "2026-07-06",
        "due_estimated": False,
        "timer_label": None,
        "history": [{"at": "2026-06-01 09:30", "status_label": "容缺受理", "note": None}],
    }
    monkeypatch.setattr(progress, "public_case", lambda number, last6: case)
    text = text_of(client.post("/progress", {"number": "k7qm3xpahr2d", "id_last6": "100016"}))
    assert "劳动能力鉴定申请" in text and "容缺受理" in text and "2026-07-06" in text
