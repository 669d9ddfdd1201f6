"""Whether the holiday data is fresh enough: alarms for staff, never a failing test.

Each year the State Council publishes next year's arrangement and staff load it. A test that
fails on a calendar date would block every change for a reason outside the code, so freshness is
checked here instead, against the `today` the caller passes (`shebao doctor`, the health
endpoint, the staff desk's banner), and tested with explicit dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from shebao.errors import ShebaoError
from shebao.workdays.dates import FIRST_YEAR, LAST_YEAR
from shebao.workdays.statutory import counts_statutory_days
from shebao.workdays.workcalendar import WorkCalendar, read_year_file

# From 10 December next year's arrangement should be loaded: the notice has come out between late
# October and 8 December (2022-12-08 for 2023, the latest so far), so an alarm before then would
# ask staff for a file that may not exist yet.
NOTICE_CUTOFF = (12, 10)
README = "shebao/data/holidays/README.md"


class Severity(StrEnum):
    INFO = "info"  # nothing to do yet
    WARNING = "warning"  # staff should act soon: results are estimated
    ERROR = "error"  # results of the current year are estimated, or a data file is broken


class AlarmCode(StrEnum):
    NEXT_YEAR_PENDING = "next_year_pending"  # not loaded, before the cut-off
    NEXT_YEAR_MISSING = "next_year_missing"  # not loaded, from the cut-off on
    CURRENT_YEAR_MISSING = "current_year_missing"
    BAD_HOLIDAY_FILE = "bad_holiday_file"
    STRAY_HOLIDAY_FILE = "stray_holiday_file"  # a .yaml the calendar never reads


@dataclass(frozen=True)
class Alarm:
    """One thing about the holiday data that staff should know, and how to put it right."""

    code: AlarmCode
    severity: Severity
    message: str
    fix: str
    year: int | None = None
    file: str | None = None


def calendar_alarms(calendar: WorkCalendar, today: dt.date) -> list[Alarm]:
    """What is wrong or due with `calendar`'s holiday data on `today`, most severe first."""
    alarms = _file_alarms(calendar.data_dir)
    broken = {a.year for a in alarms if a.code is AlarmCode.BAD_HOLIDAY_FILE}
    for year in (today.year, today.year + 1):
        if year not in broken and not calendar.is_known(year):
            alarms.append(_missing_year(calendar, year, today))
    order = list(Severity)
    return sorted(alarms, key=lambda a: -order.index(a.severity))


def _load_instruction(calendar: WorkCalendar, year: int, published: bool) -> str:
    notice = f"国务院办公厅《关于{year}年部分节假日安排的通知》"
    first = f"按{notice}" if published else f"{notice}公布后，按其内容"
    return (
        f"{first}和 {README} 写成 {year}.yaml，运行 `shebao holidays load {year}.yaml`，"
        f"用 `shebao holidays show {year}` 核对后提交 {calendar.year_file(year)}"
        f"（或升级已含 {year} 年的 chinesecalendar）。"
    )


def _missing_year(calendar: WorkCalendar, year: int, today: dt.date) -> Alarm:
    fix = _load_instruction(calendar, year, published=year == today.year)
    counted = "已扣除周末和法定节假日" if counts_statutory_days(year) else "只扣除了周末"
    estimated = f"涉及 {year} 年的办结期限和工作日都是估算（{counted}，未计调休）"
    if year == today.year:
        message = f"今年（{year} 年）的节假日安排没有载入：{estimated}。"
        return Alarm(AlarmCode.CURRENT_YEAR_MISSING, Severity.ERROR, message, fix, year)
    if today < dt.date(today.year, *NOTICE_CUTOFF):
        message = (
            f"{year} 年的节假日安排尚未载入；国务院办公厅通常在 {today.year} 年 10–12 月公布，"
            f"最晚的一次在 12 月 8 日。载入之前{estimated}。"
        )
        return Alarm(AlarmCode.NEXT_YEAR_PENDING, Severity.INFO, message, fix, year)
    message = (
        f"已是 {today.month} 月 {today.day} 日（国务院通知历年最晚在 12 月 8 日公布），"
        f"{year} 年的节假日安排仍未载入：{estimated}。"
    )
    return Alarm(AlarmCode.NEXT_YEAR_MISSING, Severity.WARNING, message, fix, year)


def _file_alarms(directory: Path) -> list[Alarm]:
    """A year file that does not parse, or a .yaml file the calendar never reads."""
    try:
        paths = sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("."))
    except OSError:
        return []
    alarms = []
    for path in paths:
        year = _file_year(path)
        if year is None:
            message = f"节假日数据目录里的 {path.name} 不是“年份.yaml”，系统不会读取。"
            fix = (
                f"若是某年的安排，请用 `shebao holidays load YYYY.yaml`（{FIRST_YEAR}–{LAST_YEAR}）"
                f"载入，再把 {path.name} 移出 {directory}。"
            )
            alarms.append(
                Alarm(AlarmCode.STRAY_HOLIDAY_FILE, Severity.WARNING, message, fix, None, str(path))
            )
            continue
        try:
            read_year_file(path, year)
        except ShebaoError as exc:
            message = f"{exc}。在改正之前，涉及 {year} 年的办结期限和工作日都无法计算。"
            fix = (
                f"按 {README} 改正后运行 `shebao holidays load {year}.yaml --replace`"
                "（载入前会校验，通过后才替换）。"
            )
            alarms.append(
                Alarm(AlarmCode.BAD_HOLIDAY_FILE, Severity.ERROR, message, fix, year, str(path))
            )
    return alarms


def _file_year(path: Path) -> int | None:
    stem = path.stem
    if len(stem) == 4 and stem.isascii() and stem.isdigit():
        year = int(stem)
        return year if FIRST_YEAR <= year <= LAST_YEAR else None
    return None
