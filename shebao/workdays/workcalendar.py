"""Working-day calendar for mainland China: chinesecalendar, overridden by yearly data files."""

from __future__ import annotations

import datetime as dt
import os
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import chinese_calendar

from shebao.errors import DataError, InputError
from shebao.workdays.dates import year_span
from shebao.workdays.holiday_files import (
    ORIGIN_ESTIMATED,
    ORIGIN_PACKAGE,
    YearArrangement,
    parse_arrangement,
)
from shebao.workdays.statutory import counts_statutory_days, statutory_days_off, statutory_text

HOLIDAY_DIR_ENV = "SHEBAO_HOLIDAY_DIR"
PACKAGE_HOLIDAY_DIR = Path(__file__).resolve().parent.parent / "data" / "holidays"
_PACKAGE_DIR_TEXT = str(PACKAGE_HOLIDAY_DIR)

_PKG_FIRST = min(chinese_calendar.holidays).year
_PKG_LAST = max(chinese_calendar.holidays).year
_PKG_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}


def holiday_dir() -> Path:
    """Where year files live; an environment variable wins, so tests never touch the package."""
    override = os.environ.get(HOLIDAY_DIR_ENV)
    return Path(override) if override else PACKAGE_HOLIDAY_DIR


@dataclass(frozen=True)
class _Year:
    """A year flattened for speed: one flag per day and the sorted ordinals of its working days."""

    arrangement: YearArrangement
    known: bool
    first: int  # ordinal of 1 January
    flags: bytes  # 1 = working day, indexed by ordinal - first
    work: tuple[int, ...]


def _flatten(arr: YearArrangement) -> _Year:
    first = dt.date(arr.year, 1, 1).toordinal()
    last = dt.date(arr.year, 12, 31).toordinal()
    hol = {d.toordinal() for d in arr.holidays}
    extra = {d.toordinal() for d in arr.workdays}
    flags = bytes(
        1 if o in extra or (o not in hol and (o - 1) % 7 < 5) else 0 for o in range(first, last + 1)
    )
    work = tuple(first + i for i, f in enumerate(flags) if f)
    return _Year(arr, arr.known, first, flags, work)


def changed_days(old: YearArrangement, new: YearArrangement) -> list[dt.date]:
    """The days one arrangement makes working and the other not (same year)."""
    a, b = _flatten(old).flags, _flatten(new).flags
    first = dt.date(old.year, 1, 1).toordinal()
    return [
        dt.date.fromordinal(first + i) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y
    ]


def package_knows(year: int) -> bool:
    return _PKG_FIRST <= year <= _PKG_LAST


def _package_arrangement(year: int) -> YearArrangement:
    def pick(table: dict[dt.date, str]) -> dict[dt.date, str]:
        return {d: _PKG_NAMES.get(n, n) for d, n in sorted(table.items()) if d.year == year}

    version = getattr(chinese_calendar, "__version__", "?")
    source = f"chinesecalendar {version}（据国务院办公厅 {year} 年部分节假日安排的通知）"
    return YearArrangement(
        year,
        ORIGIN_PACKAGE,
        source,
        pick(chinese_calendar.holidays),
        pick(chinese_calendar.workdays),
    )


def read_year_file(path: Path, year: int) -> YearArrangement:
    """A year file in the data directory; any fault is the data's, named with the file."""
    try:
        return parse_arrangement(path.read_text(encoding="utf-8"), expected_year=year)
    except InputError as exc:
        raise DataError(f"节假日数据文件 {path} 有误：{exc}") from None
    except UnicodeDecodeError:
        raise DataError(f"节假日数据文件 {path} 有误：不是 UTF-8 编码的文本") from None
    except OSError as exc:
        raise DataError(f"无法读取节假日数据文件 {path}：{exc.strerror}") from None


def estimated_arrangement(year: int) -> YearArrangement:
    """A year no notice covers: the law's days off (2025–2100), no 调休; else weekends only."""
    if not counts_statutory_days(year):
        return YearArrangement(year, ORIGIN_ESTIMATED, "未载入，仅按周末推算")
    source = "未载入，按《全国年节及纪念日放假办法》（2024年修订）的法定节假日推算，未计调休和补假"
    return YearArrangement(year, ORIGIN_ESTIMATED, source, statutory_days_off(year))


class WorkCalendar:
    """Answers working-day questions; builds each year once, the first time it is asked for."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = data_dir if data_dir is not None else holiday_dir()
        self._years: dict[int, _Year] = {}

    def year_file(self, year: int) -> Path:
        return self.data_dir / f"{year}.yaml"

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = _flatten(self.arrangement(year))
        return cached

    def arrangement(self, year: int) -> YearArrangement:
        """A data file wins over the package (it may correct it); neither → the law's days off."""
        path = self.year_file(year)
        if path.is_file():
            return read_year_file(path, year)
        if package_knows(year):
            return _package_arrangement(year)
        return estimated_arrangement(year)

    def is_known(self, year: int) -> bool:
        return self._year(year).known

    def is_workday(self, day: dt.date) -> bool:
        year = self._year(day.year)
        return bool(year.flags[day.toordinal() - year.first])

    def day_name(self, day: dt.date) -> str | None:
        """The holiday or 调休 the day belongs to, if any."""
        arr = self._year(day.year).arrangement
        return arr.holidays.get(day) or arr.workdays.get(day)

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (start itself not counted); n=0 gives start.

        >>> cal = WorkCalendar()
        >>> cal.add_workdays(dt.date(2026, 9, 30), 5)  # 国庆 1–7 Oct, Sat 10 Oct worked
        datetime.date(2026, 10, 13)
        """
        if n < 0:
            raise InputError(f"工作日数不能为负数：{n}")
        if n == 0:
            return start
        year = self._year(start.year)
        index = bisect_right(year.work, start.toordinal()) + n - 1
        while index >= len(year.work):
            index -= len(year.work)
            year = self._year(year.arrangement.year + 1)
        return dt.date.fromordinal(year.work[index])

    def next_workday(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, else the first working day after it."""
        return day if self.is_workday(day) else self.add_workdays(day, 1)

    def count_workdays(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` to `last`, both included."""
        if last < first:
            raise InputError(f"起始日期 {first} 晚于结束日期 {last}")
        total = 0
        for y in range(first.year, last.year + 1):
            year = self._year(y)
            lo = max(first.toordinal(), year.first) - year.first
            hi = min(last.toordinal(), year.first + len(year.flags) - 1) - year.first
            total += sum(year.flags[lo : hi + 1])
        return total

    def unknown_years(self, first: dt.date, last: dt.date) -> list[int]:
        """Years from `first` to `last` whose arrangement is estimated (no notice loaded)."""
        if first.year == last.year:  # the common case, kept cheap for batch use
            return [] if self._year(first.year).known else [first.year]
        return [y for y in range(first.year, last.year + 1) if not self.is_known(y)]


def estimate_warning(years: int | Iterable[int]) -> str:
    """The one plain sentence shown wherever a result is estimated, however many years.

    It says what was counted and what was not, so nobody takes the date for the notice's.

    >>> estimate_warning([2027, 2028, 2029])[:50]
    '2027–2029 年的节假日安排尚未载入，本结果是估算。已扣除：周末和《全国年节及纪念日放假办法》'
    """
    values = sorted({years} if isinstance(years, int) else set(years))
    span = year_span(values)
    counted = [y for y in values if counts_statutory_days(y)]
    bare = [y for y in values if not counts_statutory_days(y)]
    text = [f"{span} 年的节假日安排尚未载入，本结果是估算。"]
    if counted:
        text.append(
            f"{year_span(counted) + ' 年' if bare else ''}已扣除：周末和"
            f"《全国年节及纪念日放假办法》规定的法定节假日——{statutory_text()}；"
            f"未计：国务院每年通知安排的调休（调休上班的周末、连休）和假日逢周末的补假。"
        )
    if bare:
        which = year_span(bare) + " 年" if counted else ""
        text.append(f"{which}只扣除了周末，未计法定节假日和调休。")
    text.append(f"国务院公布后请用 `shebao holidays load` 载入 {span} 年安排，即可得到准确日期。")
    return "".join(text)


_DEFAULT: dict[tuple[str, int], WorkCalendar] = {}


def default_calendar() -> WorkCalendar:
    """The shared calendar, rebuilt whenever a file in the data directory is added or replaced.

    One stat of the directory per call (a rename changes its mtime), so a year loaded by
    `shebao holidays load` in another process is seen at once. A file edited in place is not:
    load it again with that command. No Path objects on this hot path.
    """
    where = os.environ.get(HOLIDAY_DIR_ENV) or _PACKAGE_DIR_TEXT
    try:
        stamp = os.stat(where).st_mtime_ns
    except OSError:
        stamp = 0
    cal = _DEFAULT.get((where, stamp))
    if cal is None:
        _DEFAULT.clear()
        cal = _DEFAULT[(where, stamp)] = WorkCalendar(Path(where))
    return cal


def forget_calendars() -> None:
    """Drop the shared calendar, for a file system whose mtimes are too coarse to notice a load."""
    _DEFAULT.clear()
