"""Schedules as data an administrator edits: `shebao schedule set`, the admin, rule overrides."""

from __future__ import annotations

import pytest

from shebao.web.appointments.models import RuleOverride, Schedule

pytestmark = pytest.mark.django_db


def test_schedule_set_stores_the_points_hours_and_places(cli, api, clock):
    result = cli("schedule", "set", "hall-3", "--capacity", "3", "--slot-minutes", "20",
                 "--hours", "09:00-10:00")  # fmt: skip
    assert result.code == 0, result.err
    assert "每 20 分钟一个时段，每个时段可约 3 人" in result.out
    clock("2026-09-30 10:00")
    slots = api.get("/api/points/hall-3/slots?date=2026-10-08").json()
    assert [(s["start"][11:16], s["capacity"]) for s in slots] == [
        ("09:00", 3), ("09:20", 3), ("09:40", 3),
    ]  # fmt: skip


def test_schedule_set_keeps_what_is_not_given_and_show_lists_it(cli):
    cli("schedule", "set", "hall-3", "--capacity", "5")
    assert Schedule.objects.get(point="hall-3").hours == "09:00-11:30,13:00-16:30"
    shown = cli("schedule", "show", "--json").json()
    assert {s["point"]: (s["capacity"], s["own"]) for s in shown}["hall-3"] == (5, True)
    assert {s["point"]: s["own"] for s in shown}["hall-4"] is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hall-9", "--capacity", "3"], "没有服务点“hall-9”"),
        (["hall-3", "--hours", "9-11"], "写法不对"),
        (["hall-3", "--capacity", "three"], "--capacity 应为整数"),
        (["hall-3"], "请至少给出"),
    ],
)
def test_schedule_set_explains_bad_input(cli, args, message):
    result = cli("schedule", "set", *args)
    assert result.code == 2 and message in result.err


def test_a_point_with_no_places_takes_no_bookings(cli, api, clock):
    cli("schedule", "set", "hall-3", "--capacity", "0")
    clock("2026-09-30 10:00")
    refused = api.book(1, "2026-10-08T09:00:00+08:00")
    assert refused.status_code == 409 and refused.json()["reason"] == "not_bookable_point"


def test_the_admin_checks_a_schedule_and_a_rule_like_the_data_file(client, carol):
    client.login(username=carol.name, password=carol.password)
    bad = client.post(
        "/admin/appointments/schedule/add/",
        {"point": "hall-3", "capacity": 3, "slot_minutes": 30, "hours": "9-11"},
    )
    assert bad.status_code == 200 and "写法不对" in bad.content.decode()
    good = client.post(
        "/admin/appointments/schedule/add/",
        {"point": "hall-3", "capacity": 3, "slot_minutes": 30, "hours": "9:00-11:30"},
    )
    assert good.status_code == 302 and Schedule.objects.get().hours == "09:00-11:30"
    rule = client.post(
        "/admin/appointments/ruleoverride/add/", {"key": "booking.first_workday", "value": "9"}
    )
    assert "晚于最晚可约" in rule.content.decode() and not RuleOverride.objects.exists()


def test_an_override_applies_at_once(api, clock):
    RuleOverride.objects.create(key="booking.last_workday", value="6")
    clock("2026-09-30 10:00")
    assert api.book(1, "2026-10-14T09:00:00+08:00").status_code == 201
