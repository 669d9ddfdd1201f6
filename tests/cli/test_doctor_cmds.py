"""`shebao doctor`: an operational alarm tested with a frozen clock, never the real date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import time_machine

from shebao.guide.bundle import default_city_dir
from shebao.workdays.workcalendar import HOLIDAY_DIR_ENV

BEIJING = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def empty_holidays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "holidays"
    folder.mkdir()
    monkeypatch.setenv(HOLIDAY_DIR_ENV, str(folder))
    return folder


def _at(*args: int):
    return time_machine.travel(dt.datetime(*args, tzinfo=BEIJING), tick=False)


def test_before_the_cut_off_a_missing_next_year_is_a_note_and_exit_0(cli, empty_holidays) -> None:
    with _at(2026, 11, 29, 10):
        result = cli("doctor")
    assert result.code == 0
    assert "2027 年的节假日安排尚未载入" in result.out and "没有需要立即处理的问题" in result.out


def test_after_the_cut_off_a_missing_next_year_exits_1_with_the_instruction(
    cli, empty_holidays
) -> None:
    with _at(2026, 12, 10, 9):
        result = cli("doctor")
    assert result.code == 1
    assert "[警告]" in result.out and "shebao holidays load 2027.yaml" in result.out


def test_it_counts_the_beijing_date_on_a_utc_server(cli, empty_holidays) -> None:
    # 2026-12-09 17:00 UTC is already 10 December in Beijing.
    with time_machine.travel(dt.datetime(2026, 12, 9, 17, tzinfo=dt.UTC), tick=False):
        assert cli("doctor").code == 1


def test_a_year_file_that_does_not_parse_is_an_error(cli, empty_holidays) -> None:
    (empty_holidays / "2027.yaml").write_text("year: [", encoding="utf-8")
    with _at(2026, 6, 1, 9):
        result = cli("doctor", "--json")
    assert result.code == 1
    codes = [f["code"] for f in result.json()["findings"]]
    assert "bad_holiday_file" in codes and result.json()["healthy"] is False


def test_data_that_fails_to_load_is_reported_not_raised(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = tmp_path / "dalian"
    shutil.copytree(default_city_dir(), city)
    (city / "rules" / "prohibitions.yaml").write_text("rules: [", encoding="utf-8")
    monkeypatch.setattr("shebao.guide.bundle.default_city_dir", lambda: city)
    result = cli("doctor")
    assert result.code == 1
    assert "数据无法载入" in result.out and "prohibitions.yaml" in result.out
