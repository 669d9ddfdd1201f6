"""The public API answers with the same JSON as the CLI's --json for the same input."""

from __future__ import annotations

import json

import pytest
import time_machine

MAN_1965 = "210202196505100016"  # born 1965-05-10, statutory retirement month 2025-07


def post(client, url: str, body: object):
    return client.post(url, json.dumps(body, ensure_ascii=False), content_type="application/json")


@pytest.mark.parametrize(
    ("url", "args"),
    [
        ("/api/items", ["items"]),
        ("/api/items?category=工伤保险", ["items", "--category", "工伤保险"]),
        ("/api/items/24", ["show", "24"]),
        ("/api/items/62", ["show", "62"]),
        ("/api/search?q=社保卡丢了怎么办", ["search", "社保卡丢了怎么办"]),
        ("/api/search?q=tuixiu&limit=3", ["search", "tuixiu", "--limit", "3"]),
        ("/api/search?q=父亲去世了要办什么", ["search", "父亲去世了要办什么"]),  # a life event
        (
            "/api/deadline?item=61&accepted=2026-09-30&channel=online",
            ["deadline", "61", "--accepted", "2026-09-30", "--channel", "online"],
        ),
        (
            "/api/deadline?item=24&accepted=2026-10-01",
            ["deadline", "24", "--accepted", "2026-10-01"],
        ),
        (
            "/api/retirement?birth=1965-05&sex=male",
            ["retirement", "--birth", "1965-05", "--sex", "male"],
        ),
        ("/api/events", ["event", "list"]),
        (
            "/api/retirement?birth=1975-04&sex=female&female_original_age=50&contribution_months=200",
            [
                "retirement",
                "--birth",
                "1975-04",
                "--sex",
                "female",
                "--female-original-age",
                "50",
                "--contribution-months",
                "200",
            ],
        ),
    ],
)
def test_each_get_endpoint_answers_what_the_cli_prints(client, cli, url, args):
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        response = client.get(url)
        printed = cli(*args, "--json")
    assert printed.code == 0, printed.err
    assert response.status_code == 200, response.content.decode()
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == printed.json()


def test_check_answers_what_the_cli_prints_on_a_given_day(client, cli):
    facts = {"id_number": MAN_1965, "contribution_months": 120}
    response = post(client, "/api/check", {"item": 25, "facts": facts, "on": "2025-08-01"})
    printed = cli("check", "25", "--facts", json.dumps(facts), "--on", "2025-08-01", "--json")
    assert response.status_code == 200
    assert response.json() == printed.json()
    assert response.json()["allowed"] is False and response.json()["violations"]


def test_check_without_a_day_judges_on_today_in_beijing_like_the_cli(client, cli):
    facts = {"sex": "male", "contribution_months": 200}
    with time_machine.travel("2026-03-02 23:30 +0000", tick=False):  # 3 March in Beijing
        response = post(client, "/api/check", {"item": "25", "facts": facts})
        printed = cli("check", "25", "--facts", json.dumps(facts), "--json")
    assert response.json() == printed.json()
    assert response.json()["on"] == "2026-03-03"


def test_intake_check_answers_what_the_cli_prints(client, cli):
    provided = ["大连市劳动能力鉴定申请书", "与伤病有关的医学诊断"]
    response = post(client, "/api/intake-check", {"item": 48, "provided": provided})
    printed = cli("intake-check", "48", "--provided", ",".join(provided), "--json")
    assert response.status_code == 200
    assert response.json() == printed.json()


def test_intake_check_with_nothing_provided_lists_every_material(client, cli):
    response = post(client, "/api/intake-check", {"item": 48})
    assert response.json() == cli("intake-check", "48", "--json").json()
    assert response.json()["missing"]


def test_json_answers_are_utf8_with_chinese_unescaped(client):
    response = client.get("/api/items/62")
    assert "社会保障卡".encode() in response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/items/999", "没有编号为 999 的事项"),
        ("/api/items/abc", "事项编号应为数字"),
        ("/api/deadline?item=999&accepted=2026-09-30", "没有编号为 999 的事项"),
    ],
)
def test_it_answers_an_unknown_item_with_404_and_the_valid_range(client, url, message):
    response = client.get(url)
    assert response.status_code == 404
    assert message in response.json()["detail"] and "1–84" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/check", "/api/intake-check"])
def test_it_answers_an_unknown_item_in_a_body_with_404(client, path):
    body = {"item": 85, "facts": {}} if path == "/api/check" else {"item": 85}
    response = post(client, path, body)
    assert response.status_code == 404
    assert "没有编号为 85 的事项" in response.json()["detail"]


def test_an_unknown_api_path_is_a_json_404_in_chinese(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到：没有这个地址"}


@pytest.mark.django_db
def test_health_reports_the_database_and_the_versions_in_use(client, rt):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "guide_version": rt.guide.version,
        "parameters_version": rt.parameters.version,
    }


@pytest.mark.django_db
def test_health_is_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/api/health")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "unavailable"


def test_the_openapi_docs_list_every_public_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/items",
        "/api/items/{no}",
        "/api/search",
        "/api/check",
        "/api/intake-check",
        "/api/deadline",
        "/api/retirement",
        "/api/health",
    } <= paths
    page = client.get("/api/docs")
    assert page.status_code == 200 and b"/api/openapi.json" in page.content


def test_an_event_plan_is_the_json_the_cli_prints(client, cli):
    facts = {"death": "not_work_related", "receiving_employee_pension": True}
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        response = post(client, "/api/events/death/plan", {"facts": facts, "start": "2026-09-28"})
        printed = cli(
            "event",
            "plan",
            "death",
            "--facts",
            json.dumps(facts),
            "--start",
            "2026-09-28",
            "--json",
        )
    assert response.status_code == 200, response.content.decode()
    assert response.json() == printed.json()
    assert response.json()["event"]["key"] == "death"


def test_an_unknown_event_is_404_and_a_bad_fact_is_422(client):
    assert post(client, "/api/events/wedding/plan", {"facts": {}}).status_code == 404
    bad = post(client, "/api/events/death/plan", {"facts": {"death": "maybe"}})
    assert bad.status_code == 422 and "death" in bad.json()["detail"]
