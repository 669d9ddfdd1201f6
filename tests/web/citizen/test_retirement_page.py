"""The retirement calculator says what `shebao retirement` says."""

from __future__ import annotations

import time_machine

from tests.web.citizen.conftest import text_of


def test_the_figures_are_those_of_the_cli(client, cli):
    query = {"birth": "1975-04", "sex": "female", "female_original_age": "50"}
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        text = text_of(client.get("/retirement", query | {"contribution_months": "100"}))
        printed = cli(
            "retirement", "--birth", "1975-04", "--sex", "女", "--female-original-age", "50",
            "--contribution-months", "100",
        ).out  # fmt: skip
    for line in printed.splitlines():
        label, _, value = line.strip().partition("：")
        assert (value or label) in text, line


def test_a_woman_must_say_which_original_age_applies(client):
    response = client.get("/retirement", {"birth": "1975-04", "sex": "female"})
    assert response.status_code == 422
    assert "女职工请选择原法定退休年龄" in text_of(response)
    assert "女工人，即长期在生产、工人岗位工作的女职工" in text_of(response)


def test_wrong_fields_are_named_each_with_its_own_message(client):
    query = {"birth": "1965-13", "sex": "x", "contribution_months": "很多"}
    text = text_of(client.get("/retirement", query))
    assert "请改正以下问题" in text and "请选择性别" in text and "请填 0—1200 的整数" in text


def test_the_empty_form_shows_no_errors(client):
    response = client.get("/retirement")
    assert response.status_code == 200 and "请改正" not in text_of(response)
