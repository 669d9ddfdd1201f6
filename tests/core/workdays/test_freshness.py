"""Freshness of the holiday data as alarms, each tested on an explicit day, never today's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shebao.workdays.freshness import AlarmCode, Severity, calendar_alarms
from shebao.workdays.workcalendar import PACKAGE_HOLIDAY_DIR, WorkCalendar

D = dt.date
FICTIONAL_2027 = (
    Path(__file__).resolve().parents[2] / "fixtures" / "fictional_2027.yaml"
).read_text(encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "holidays"
    path.mkdir()
    return path


def alarms(directory: Path, today: dt.date) -> list[tuple[AlarmCode, Severity, int | None]]:
    return [(a.code, a.severity, a.year) for a in calendar_alarms(WorkCalendar(directory), today)]


def test_it_is_quiet_when_this_year_and_next_are_known(data_dir: Path) -> None:
    (data_dir / "2027.yaml").write_text(FICTIONAL_2027, encoding="utf-8")
    assert alarms(data_dir, D(2026, 12, 31)) == []
    assert alarms(data_dir, D(2026, 3, 1)) == []


def test_before_the_cutoff_a_missing_next_year_is_only_a_note(data_dir: Path) -> None:
    assert alarms(data_dir, D(2026, 12, 9)) == [(AlarmCode.NEXT_YEAR_PENDING, Severity.INFO, 2027)]
    assert alarms(data_dir, D(2026, 1, 1)) == [(AlarmCode.NEXT_YEAR_PENDING, Severity.INFO, 2027)]


@pytest.mark.parametrize("today", [D(2026, 12, 10), D(2026, 12, 31)])
def test_from_10_december_a_missing_next_year_is_a_warning(data_dir: Path, today: dt.date) -> None:
    assert alarms(data_dir, today) == [(AlarmCode.NEXT_YEAR_MISSING, Severity.WARNING, 2027)]


def test_the_missing_year_alarm_tells_staff_what_to_load(data_dir: Path) -> None:
    (alarm,) = calendar_alarms(WorkCalendar(data_dir), D(2026, 12, 10))
    assert "2027 年的节假日安排仍未载入" in alarm.message
    assert "已扣除周末和法定节假日，未计调休" in alarm.message
    assert "《关于2027年部分节假日安排的通知》公布后" in alarm.fix
    assert "`shebao holidays load 2027.yaml`" in alarm.fix
    assert str(data_dir / "2027.yaml") in alarm.fix


def test_a_server_still_running_in_a_year_nobody_loaded_raises_an_error(data_dir: Path) -> None:
    found = calendar_alarms(WorkCalendar(data_dir), D(2028, 3, 1))
    assert [(a.code, a.severity, a.year) for a in found] == [
        (AlarmCode.CURRENT_YEAR_MISSING, Severity.ERROR, 2028),
        (AlarmCode.NEXT_YEAR_PENDING, Severity.INFO, 2029),
    ]
    assert "今年（2028 年）的节假日安排没有载入" in found[0].message
    assert "按国务院办公厅《关于2028年部分节假日安排的通知》" in found[0].fix


def test_a_year_file_that_does_not_parse_is_named(data_dir: Path) -> None:
    (data_dir / "2027.yaml").write_text("year: 2027\n", encoding="utf-8")
    (data_dir / "2028.yaml").write_bytes(b"\xff\xfe year")
    found = calendar_alarms(WorkCalendar(data_dir), D(2026, 12, 15))
    assert [(a.code, a.severity, a.year) for a in found] == [
        (AlarmCode.BAD_HOLIDAY_FILE, Severity.ERROR, 2027),
        (AlarmCode.BAD_HOLIDAY_FILE, Severity.ERROR, 2028),
    ]  # no second alarm about 2027 being unknown: the broken file is the cause
    assert found[0].file == str(data_dir / "2027.yaml")
    assert "2027.yaml 有误：缺少 source" in found[0].message
    assert "`shebao holidays load 2027.yaml --replace`" in found[0].fix
    assert "不是 UTF-8" in found[1].message


def test_a_yaml_file_the_calendar_never_reads_is_pointed_out(data_dir: Path) -> None:
    (data_dir / "2027.yaml").write_text(FICTIONAL_2027, encoding="utf-8")
    (data_dir / "2028-draft.yaml").write_text(FICTIONAL_2027, encoding="utf-8")
    (data_dir / ".2028.yaml.x1.tmp").write_text("", encoding="utf-8")  # a load in progress
    (data_dir / "README.md").write_text("", encoding="utf-8")
    found = calendar_alarms(WorkCalendar(data_dir), D(2026, 12, 15))
    assert [(a.code, a.severity, a.file) for a in found] == [
        (AlarmCode.STRAY_HOLIDAY_FILE, Severity.WARNING, str(data_dir / "2028-draft.yaml"))
    ]


def test_a_missing_data_directory_is_no_alarm_of_its_own(tmp_path: Path) -> None:
    assert alarms(tmp_path / "absent", D(2026, 6, 1)) == [
        (AlarmCode.NEXT_YEAR_PENDING, Severity.INFO, 2027)
    ]


def test_the_checked_in_holiday_files_all_parse() -> None:
    """What the old calendar-date test also guarded, without depending on the date."""
    found = calendar_alarms(WorkCalendar(PACKAGE_HOLIDAY_DIR), D(2026, 6, 1))
    assert [a for a in found if a.severity is not Severity.INFO] == []
