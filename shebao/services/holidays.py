"""A year's holiday arrangement: show it, and load a new one (validated, written atomically)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shebao.errors import InputError, ShebaoError, echo
from shebao.runtime import Runtime
from shebao.text import code, os_reason, read_text
from shebao.workdays.dates import FIRST_YEAR, LAST_YEAR
from shebao.workdays.holiday_files import YearArrangement, parse_arrangement
from shebao.workdays.workcalendar import (
    HOLIDAY_DIR_ENV,
    WorkCalendar,
    changed_days,
    estimate_warning,
    package_knows,
)


def parse_year(text: str | int) -> int:
    """A year as people type it: four digits (full-width too), within the supported years."""
    value = code(str(text))
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise InputError(f"年份应为四位数字，例如 2027，收到“{echo(text)}”")
    if not FIRST_YEAR <= int(value) <= LAST_YEAR:
        raise InputError(f"年份 {value} 超出范围，只支持 {FIRST_YEAR}–{LAST_YEAR} 年")
    return int(value)


MAX_YEAR_FILE_BYTES = 1_000_000  # a year's arrangement is a few kilobytes


@dataclass(frozen=True, slots=True)
class HolidayYear:
    arrangement: YearArrangement
    file: Path  # where a loaded file for the year lives (or would)
    warnings: tuple[str, ...]


def holiday_year(rt: Runtime, year: int) -> HolidayYear:
    cal = rt.calendar
    arr = cal.arrangement(year)
    warnings = () if arr.known else (estimate_warning(year),)
    return HolidayYear(arr, cal.year_file(year), warnings)


@dataclass(frozen=True, slots=True)
class HolidayLoad:
    arrangement: YearArrangement
    target: Path
    written: bool  # False: the same content was there already
    replaced: bool  # a file for the year was there before
    overridden: str | None  # what the load replaced, in one clause
    package_knows: bool  # chinesecalendar has the year too (the file now wins)


def read_source(path: Path) -> str:
    """A year file as saved by any editor (UTF-8 with or without a BOM, UTF-16 with one)."""
    return read_text(path, "节假日安排文件", MAX_YEAR_FILE_BYTES)


def load_holiday_year(rt: Runtime, path: Path, replace: bool = False) -> HolidayLoad:
    """Validate a year file against the law and load it; replacing a known year needs `replace`."""
    text = read_source(path)
    stem_year = int(path.stem) if path.stem.isascii() and path.stem.isdigit() else None
    try:
        arr = parse_arrangement(text, expected_year=stem_year)
    except InputError as exc:
        raise InputError(f"{path} 未载入：{exc}") from None
    target = rt.holidays_dir / f"{arr.year}.yaml"
    replaced = target.exists()
    if replaced and read_source(target) == text:
        return HolidayLoad(arr, target, False, True, None, package_knows(arr.year))
    overridden = _overridden(arr, target)
    if overridden and not replace:
        raise InputError(f"{path} 未载入：{overridden}；确需替换请加 --replace")
    try:
        write_atomically(target, text)
    except OSError as exc:
        raise ShebaoError(
            f"无法写入 {target}：{os_reason(exc)}；可用环境变量 {HOLIDAY_DIR_ENV} 指定可写的目录"
        ) from None
    rt.forget_calendar()
    return HolidayLoad(arr, target, True, replaced, overridden, package_knows(arr.year))


def write_atomically(target: Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide the data from the service's user
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _overridden(new: YearArrangement, target: Path) -> str | None:
    """What loading `new` would override, in one clause; None when nothing is there yet."""
    if target.exists():
        what = f"{target} 已有 {new.year} 年安排"
    elif package_knows(new.year):
        what = f"chinesecalendar 已含 {new.year} 年安排"
    else:
        return None
    try:
        old = WorkCalendar(target.parent).arrangement(new.year)
    except ShebaoError:
        return f"{what}（现有文件有误）"
    changed = changed_days(old, new)
    counts = f"放假 {len(old.holidays)} 天、调休上班 {len(old.workdays)} 天"
    if not changed:
        return f"{what}（{counts}），与本文件每天是否上班都相同"
    shown = "、".join(d.isoformat() for d in changed[:3]) + (" 等" if len(changed) > 3 else "")
    return f"{what}（{counts}），与本文件有 {len(changed)} 天是否上班不同：{shown}"
