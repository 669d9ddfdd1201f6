"""Full ID numbers appear only on a case's own page for staff who may see it: never in a list,
a document, a public answer, a command's output or a log line."""

from __future__ import annotations

import io
import logging

import pytest
from django.test import Client

from tests.web.cases.conftest import (
    AFTER_SUPPLEMENT_DUE,
    ID,
    SUPPLEMENT,
    refused,
    returned,
    tolerated,
)
from tests.web.cases.conftest import accepted as accepted_body

pytestmark = pytest.mark.django_db
LOGGERS = ("", "shebao", "shebao.cases", "shebao.web", "django", "django.request", "django.server")


@pytest.fixture
def log_lines():
    """Everything logged at any level by every logger that may speak, as text."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    saved = []
    for name in LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level))
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield stream
    for logger, level in saved:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_full_scenario_logs_no_full_id_and_lists_none(clerk, cli, frozen, log_lines, capsys):
    seen: list[str] = []

    def keep(response):
        seen.append(response.content.decode())
        return response

    numbers = {}
    for name, body in [
        ("refused", refused()),
        ("accepted", accepted_body()),
        ("tolerated", tolerated()),
        ("late", tolerated()),
        ("returned", returned()),
    ]:
        numbers[name] = clerk.take_in(body)["number"]
    keep(clerk.post("/api/cases", tolerated(commitment_signed=False)))
    keep(clerk.post("/api/cases", returned(facts={})))
    keep(
        clerk.post(
            "/api/cases",
            tolerated(
                applicant={
                    "kind": "person",
                    "id_number": ID[:-1] + "9",
                    "name": "王",
                    "phone": "13804112233",
                }
            ),
        )
    )
    keep(clerk.move(numbers["accepted"], "in_progress", "开始审核"))
    keep(clerk.move(numbers["accepted"], "withdrawn"))
    keep(clerk.move(numbers["refused"], "in_progress"))  # 409
    keep(clerk.post(f"/api/cases/{numbers['tolerated']}/materials", {"provided": SUPPLEMENT}))
    keep(clerk.get("/api/cases"))
    keep(clerk.get("/api/cases", timer="normal"))
    for kind, name in [("refusal", "refused"), ("commitment", "tolerated"), ("notice", "returned")]:
        keep(clerk.client.get(f"/cases/{numbers[name]}/documents/{kind}"))
    public = Client()
    keep(public.get(f"/api/public/cases/{numbers['tolerated']}", {"id_last6": ID[-6:]}))
    keep(public.get(f"/api/public/cases/{numbers['tolerated']}", {"id_last6": "000000"}))
    frozen.move_to(AFTER_SUPPLEMENT_DUE)
    for args in (["remind"], ["remind", "--json"], ["list"], ["list", "--json"]):
        seen.append(cli("cases", *args).out)
    seen.append(cli("cases", "show", numbers["late"]).out)
    seen.append(cli("cases", "show", numbers["late"], "--json").out)

    logged = log_lines.getvalue()
    assert "taken in" in logged and "terminated" in logged  # the scenario did log
    assert ID not in logged
    out = capsys.readouterr()
    assert ID not in out.out + out.err
    for text in seen:
        assert ID not in text
    assert ID[-6:] not in logged  # nor the part a citizen proves the case with
    # … while the case's own page does show it, to staff who may see it:
    assert clerk.get(f"/api/cases/{numbers['late']}").json()["applicant"]["id_number"] == ID
