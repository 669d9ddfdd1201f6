"""The booking rules as dates: windows, deadlines and no-show blocks, with no database."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from shebao.appointments.policy import BookingRules, parse_override, policy
from shebao.appointments.rules import Refused, active_block, blocks, booking_window
from shebao.appointments.schedules import Schedule, day_slots, parse_hours
from shebao.errors import DataError, InputError

RULES = BookingRules(True, 1, 5, 1, 1, 2, 3, 90, 30)
D = dt.date


def test_the_data_files_defaults_are_the_issues_rules(rt):
    p = policy(rt.catalog.directory)
    assert (p.booking.first_workday, p.booking.last_workday) == (1, 5)
    assert p.booking.change_hours_before == 2
    assert (p.booking.no_shows_to_block, p.booking.no_show_window_days) == (3, 90)
    assert p.booking.block_days == 30 and p.booking.real_name


def test_an_override_is_checked_like_the_data_file(rt):
    assert policy(rt.catalog.directory, {"booking.last_workday": "7"}).booking.last_workday == 7
    with pytest.raises(InputError, match="没有规则"):
        parse_override("booking.lastday", "7")
    with pytest.raises(InputError, match="0—60"):
        parse_override("booking.last_workday", "99")
    with pytest.raises(InputError, match="晚于最晚可约"):
        policy(rt.catalog.directory, {"booking.first_workday": "6"})


def test_a_malformed_data_file_names_the_file_and_key(tmp_path, rt):
    text = (rt.catalog.directory / "appointments.yaml").read_text(encoding="utf-8")
    (tmp_path / "appointments.yaml").write_text(
        text.replace("block_days: 30", "block_dayz: 30"), encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"appointments\.yaml 的 booking 缺少：block_days"):
        policy(tmp_path)


def test_the_window_skips_the_holiday_and_counts_the_adjusted_saturday(rt):
    window = booking_window(RULES, rt.calendar, D(2026, 9, 30))
    assert (window.first, window.last) == (D(2026, 10, 8), D(2026, 10, 13))


@pytest.mark.parametrize(
    ("no_shows", "blocked"),
    [
        # 5 Jan to 4 Apr is 90 days counting both; to 5 Apr, 91
        ([D(2026, 1, 5), D(2026, 2, 5), D(2026, 4, 4)], (D(2026, 4, 4), D(2026, 5, 3))),
        ([D(2026, 1, 5), D(2026, 2, 5), D(2026, 4, 5)], None),
        ([D(2026, 1, 5), D(2026, 2, 5)], None),
    ],
)
def test_a_block_begins_with_the_third_no_show_within_90_days(no_shows, blocked):
    found = blocks(RULES, no_shows)
    assert ((found[0].first, found[0].last) if found else None) == blocked


def test_the_block_covers_30_days_and_then_booking_is_possible_again():
    days = [D(2026, 11, 3), D(2026, 11, 10), D(2026, 11, 17)]
    assert active_block(RULES, days, D(2026, 11, 16)) is None
    assert active_block(RULES, days, D(2026, 11, 17)) is not None
    assert active_block(RULES, days, D(2026, 12, 16)).ends == D(2026, 12, 17)
    assert active_block(RULES, days, D(2026, 12, 17)) is None


def test_no_shows_that_caused_a_block_do_not_count_again():
    days = [D(2026, 1, 5), D(2026, 1, 6), D(2026, 1, 7), D(2026, 2, 10), D(2026, 2, 11)]
    assert len(blocks(RULES, days)) == 1
    assert len(blocks(RULES, [*days, D(2026, 2, 12)])) == 2


def test_no_blocks_when_the_rule_is_switched_off():
    off = dataclasses.replace(RULES, block_days=0)
    assert blocks(off, [D(2026, 1, 5), D(2026, 1, 6), D(2026, 1, 7)]) == []


def test_refused_carries_its_reason_and_rule():
    exc = Refused("full", "已约满", "schedule.capacity")
    assert (exc.reason, exc.rule, str(exc)) == ("full", "schedule.capacity", "已约满")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9-11", "写法不对"),
        ("11:30-09:00", "不晚于"),
        ("13:00-16:30,09:00-11:30", "顺序颠倒"),
        ("25:00-26:00", "不是有效的时刻"),
        ("", "请填写"),
    ],
)
def test_bad_opening_hours_are_explained(text, message):
    with pytest.raises(InputError, match=message):
        parse_hours(text)


@pytest.mark.parametrize("day", [D(2026, 10, d) for d in range(1, 8)])
def test_no_slots_on_the_national_day_holiday(rt, day):
    assert day_slots(Schedule(2, 30, parse_hours("09:00-11:30")), day, rt.calendar) == []


def test_slots_on_the_adjusted_working_saturday(rt):
    slots = day_slots(Schedule(2, 30, parse_hours("09:00-11:30")), D(2026, 10, 10), rt.calendar)
    assert [f"{s.start:%H:%M}" for s in slots] == ["09:00", "09:30", "10:00", "10:30", "11:00"]
    assert str(slots[0].start.tzinfo) == "Asia/Shanghai"


def test_the_ordinary_weekend_has_no_slots(rt):
    assert (
        day_slots(Schedule(2, 30, parse_hours("09:00-11:30")), D(2026, 10, 11), rt.calendar) == []
    )
