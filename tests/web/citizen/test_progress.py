"""Case progress: one answer for every lookup that fails; a found case shown as given."""

from __future__ import annotations

import pytest

from shebao.web.citizen import progress
from tests.web.citizen.conftest import text_of

pytestmark = pytest.mark.django_db  # the lookup counts failures in the shared database


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
