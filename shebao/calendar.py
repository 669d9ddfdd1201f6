"""Working-day calendar for mainland China: chinesecalendar, overridden by yearly data files."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import chinese_calendar

from shebao.datafiles import parse_yaml
from shebao.errors import DataError, InputError

HOLIDAY_DIR_ENV = "SHEBAO_HOLIDAY_DIR"
PACKAGE_HOLIDAY_DIR = Path(__file__).parent / "data" / "holidays"
_PACKAGE_DIR_TEXT = str(PACKAGE_HOLIDAY_DIR)
ORIGIN_PACKAGE = "chinesecalendar"
ORIGIN_FILE = "file"
ORIGIN_ESTIMATED = "estimated"

_PKG_FIRST = min(chinese_calendar.holidays).year
_PKG_LAST = max(chinese_calendar.holidays).year
_PKG_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}

# The years the system answers for: from chinesecalendar's first year to a horizon far enough for
# any deadline accepted today. Outside it a date is a typo, never a question about the calendar.
FIRST_YEAR, LAST_YEAR = 2004, 2099
SUPPORTED_YEARS = (FIRST_YEAR, LAST_YEAR)
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # \d would let other scripts' digits in
# A phone's Chinese keyboard types full-width digits and dashes; they mean the same date.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－", "0123456789-")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_FILE_KEYS = {"year", "source", "url", "published", "holidays", "workdays"}
_ENTRY_KEYS = {"name", "date", "from", "to"}

# 《全国年节及纪念日放假办法》: the days off fixed by calendar date (the lunar festivals and 清明
# move, so a file cannot be checked against them), by the year each version took effect.
_NATIONAL_DAY = ("10-01", "10-02", "10-03")
_FIXED_DAYS_OFF: tuple[tuple[int, str, dict[str, tuple[str, ...]]], ...] = (
    (
        2025,
        "2024年修订",  # 2024-11-10 (国务院令第795号), in force 2025-01-01
        {"元旦": ("01-01",), "劳动节": ("05-01", "05-02"), "国庆节": _NATIONAL_DAY},
    ),
    (
        2008,
        "2007年修订",  # 2007-12-14 (国务院令第513号), in force 2008-01-01
        {"元旦": ("01-01",), "劳动节": ("05-01",), "国庆节": _NATIONAL_DAY},
    ),
    (
        2000,
        "1999年修订",  # 1999-09-18 (国务院令第270号)
        {"元旦": ("01-01",), "劳动节": ("05-01", "05-02", "05-03"), "国庆节": _NATIONAL_DAY},
    ),
)
# Bounds that no real notice has come near (2004–2026: at most 33 days off, 2026; at most 12
# weekend days worked, 2013), so a file that makes the year a holiday is refused as a mistake.
MAX_DAYS_OFF = 45
MAX_WORKDAYS = 14
MAX_NAME = 20
MAX_SOURCE = 120
MAX_URL = 300


def holiday_dir() -> Path:
    """Where year files live; an environment variable wins, so tests never touch the package."""
    override = os.environ.get(HOLIDAY_DIR_ENV)
    return Path(override) if override else PACKAGE_HOLIDAY_DIR


def _month_days(year: int, month: int) -> int:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + leap


def parse_date(text: str, what: str = "日期", *, years: tuple[int, int] = (1, 9999)) -> dt.date:
    """A strict YYYY-MM-DD date whose message names the part that is wrong.

    Full-width digits and dashes (a phone's Chinese keyboard) are read as ASCII.

    >>> parse_date("2026-09-30")
    datetime.date(2026, 9, 30)
    >>> parse_date("２０２６－０９－３０")
    datetime.date(2026, 9, 30)
    >>> parse_date("2026-13-01")
    Traceback (most recent call last):
    shebao.errors.InputError: 日期“2026-13-01”的月份 13 超出范围，应为 01–12
    """
    value = str(text).strip().translate(_FULL_WIDTH)
    if not _DATE_RE.match(value):
        raise InputError(f"{what}格式不对：“{text}”，应为 YYYY-MM-DD，例如 2026-09-30")
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:])
    if not years[0] <= year <= years[1]:
        raise InputError(f"{what}“{text}”的年份超出范围，只支持 {years[0]}–{years[1]} 年")
    if not 1 <= month <= 12:
        raise InputError(f"{what}“{text}”的月份 {month:02d} 超出范围，应为 01–12")
    if not 1 <= day <= _month_days(year, month):
        last = _month_days(year, month)
        raise InputError(f"{what}“{text}”不存在：{year} 年 {month} 月只有 {last} 天")
    return dt.date(year, month, day)


def check_supported(day: dt.date, what: str = "日期") -> None:
    """Refuse a date outside the years the calendar answers for (see SUPPORTED_YEARS)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(f"{what} {day} 的年份超出范围，只支持 {FIRST_YEAR}–{LAST_YEAR} 年")


def year_span(years: int | Iterable[int]) -> str:
    """Years as a reader wants them: runs folded.

    >>> year_span([2027, 2028, 2029, 2031])
    '2027–2029、2031'
    """
    values = sorted({years} if isinstance(years, int) else set(years))
    runs: list[list[int]] = []
    for year in values:
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


@dataclass(frozen=True)
class YearArrangement:
    """One year's days off and 调休 working days, with where they came from."""

    year: int
    origin: str  # chinesecalendar | file | estimated
    source: str
    holidays: dict[dt.date, str] = field(default_factory=dict)
    workdays: dict[dt.date, str] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        return self.origin != ORIGIN_ESTIMATED


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


def _plain_text(value: Any, where: str, limit: int) -> str:
    """Short printable text: it is printed to terminals and pages as it is."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}应为文字")
    text = value.strip()
    if any(
        unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") for c in text
    ):
        raise InputError(f"{where}含控制字符或不可见字符")
    if len(text) > limit:
        raise InputError(f"{where}过长：{len(text)} 个字，最多 {limit} 个")
    if not any(unicodedata.category(c)[0] in "LN" for c in text):
        raise InputError(f"{where}应含文字（不能只有符号或表情）")
    return text


def _check_url(value: Any) -> None:
    text = value.strip() if isinstance(value, str) else ""
    parts = urlsplit(text) if text.isascii() and text.isprintable() else None
    if parts is None or " " in text or len(text) > MAX_URL:
        raise InputError(f"url 应为 http:// 或 https:// 开头的网址（最长 {MAX_URL} 个字符）")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("url 应为 http:// 或 https:// 开头的网址，例如 https://www.gov.cn/…")


def _entry_dates(entry: Any, year: int, where: str) -> tuple[str, list[dt.date]]:
    if not isinstance(entry, dict):
        raise InputError(f"{where} 应写成 {{name: …, date: …}} 或 {{name: …, from: …, to: …}}")
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise InputError(f"{where} 有未知的键：{'、'.join(sorted(map(str, unknown)))}")
    if entry.get("name") in (None, ""):
        raise InputError(f"{where} 缺少 name（节日名称）")
    name = _plain_text(entry["name"], f"{where}的 name（节日名称）", MAX_NAME)
    if ("date" in entry) == ("from" in entry or "to" in entry):
        raise InputError(f"{where}（{name}）要么写 date，要么写 from 和 to")
    if "date" in entry:
        start = end = parse_date(entry["date"], f"{where}（{name}）的日期")
    else:
        start = parse_date(entry.get("from", ""), f"{where}（{name}）的 from")
        end = parse_date(entry.get("to", ""), f"{where}（{name}）的 to")
        if end < start:
            raise InputError(f"{where}（{name}）的 to {end} 早于 from {start}")
    if start.year != year or end.year != year:
        raise InputError(f"{where}（{name}）的日期 {start}–{end} 不在 {year} 年内")
    return name, [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _file_year(value: Any) -> int:
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        raise InputError(
            f"year 应写成不带引号的数字，例如 year: {value.strip()}，不要写成“{value}”"
        )
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"year 应为 {FIRST_YEAR}–{LAST_YEAR} 之间的四位年份，收到“{value}”")
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise InputError(f"year {value} 超出范围，只支持 {FIRST_YEAR}–{LAST_YEAR} 年")
    return value


def _listed_days(data: dict[str, Any], key: str, year: int) -> dict[dt.date, str]:
    entries = data.get(key) or []
    if not isinstance(entries, list):
        raise InputError(f"{key} 应为列表")
    days: dict[dt.date, str] = {}
    for n, entry in enumerate(entries, 1):
        name, dates = _entry_dates(entry, year, f"{key} 第 {n} 项")
        for day in dates:
            if day in days:
                raise InputError(f"{day} 在 {key} 中出现了两次")
            days[day] = name
    return days


def fixed_days_off(year: int) -> tuple[str, list[tuple[dt.date, str]]]:
    """The version of 《全国年节及纪念日放假办法》 in force in `year` and its dated days off.

    >>> basis, days = fixed_days_off(2027)
    >>> [d.isoformat()[5:] for d, _ in days]
    ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']
    """
    for since, basis, table in _FIXED_DAYS_OFF:
        if year >= since:
            days = [
                (dt.date.fromisoformat(f"{year}-{md}"), n) for n, mds in table.items() for md in mds
            ]
            return basis, sorted(days)
    return "", []


def check_days(year: int, holidays: dict[dt.date, str], workdays: dict[dt.date, str]) -> None:
    """The rules a year's arrangement must meet, most telling problem first."""
    both = sorted(set(holidays) & set(workdays))
    if both:
        raise InputError(f"{both[0]} 既列为节假日又列为上班日")
    for day in sorted(workdays):
        if day.weekday() < 5:
            name = workdays[day]
            raise InputError(f"{day}（{name}）是周一至周五，本来就是工作日，不必列为调休上班")
    basis, fixed = fixed_days_off(year)
    missing: dict[str, list[str]] = {}
    for day, name in fixed:
        if day not in holidays:
            missing.setdefault(name, []).append(day.isoformat()[5:])
    if missing:
        days = "，".join(f"{name} {'、'.join(mds)}" for name, mds in missing.items())
        raise InputError(
            f"holidays 缺少 {year} 年法定放假的 {days}（《全国年节及纪念日放假办法》{basis}）"
        )
    if len(holidays) > MAX_DAYS_OFF:
        raise InputError(f"放假共 {len(holidays)} 天，超过上限 {MAX_DAYS_OFF} 天，请核对")
    if len(workdays) > MAX_WORKDAYS:
        raise InputError(f"调休上班共 {len(workdays)} 天，超过上限 {MAX_WORKDAYS} 天，请核对")


def parse_arrangement(text: str, expected_year: int | None = None) -> YearArrangement:
    """Validate a year file's text; raises InputError naming the first problem, loads nothing."""
    try:
        data = parse_yaml(text, "文件")
    except DataError as exc:
        raise InputError(str(exc).removeprefix("文件 ")) from None
    if not isinstance(data, dict):
        raise InputError("文件内容应为键值对：year、source、holidays、workdays")
    unknown = set(data) - _FILE_KEYS
    if unknown:
        allowed = "、".join(sorted(_FILE_KEYS))
        raise InputError(f"未知的键：{'、'.join(sorted(map(str, unknown)))}；可用的键：{allowed}")
    year = _file_year(data.get("year"))
    if expected_year is not None and year != expected_year:
        raise InputError(f"文件名是 {expected_year} 年，内容却是 year: {year}")
    if not data.get("source"):
        raise InputError("缺少 source：请写明国务院办公厅通知的名称和文号")
    source = _plain_text(data["source"], "source（通知名称）", MAX_SOURCE)
    if "url" in data:
        _check_url(data["url"])
    if "published" in data:
        parse_date(data["published"], "published（通知发布日期）")
    holidays = _listed_days(data, "holidays", year)
    workdays = _listed_days(data, "workdays", year)
    check_days(year, holidays, workdays)
    return YearArrangement(year, ORIGIN_FILE, source, holidays, workdays)


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
        """A data file wins over the package (it may correct it); neither → weekends only."""
        path = self.year_file(year)
        if path.is_file():
            try:
                return parse_arrangement(path.read_text(encoding="utf-8"), expected_year=year)
            except InputError as exc:
                raise DataError(f"节假日数据文件 {path} 有误：{exc}") from None
        if package_knows(year):
            return _package_arrangement(year)
        return YearArrangement(year, ORIGIN_ESTIMATED, "未载入，仅按周末推算")

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
        """Years from `first` to `last` that rest on weekends only."""
        if first.year == last.year:  # the common case, kept cheap for batch use
            return [] if self._year(first.year).known else [first.year]
        return [y for y in range(first.year, last.year + 1) if not self.is_known(y)]


def estimate_warning(years: int | Iterable[int]) -> str:
    """The one plain sentence shown wherever a result rests on weekends only, however many years.

    >>> estimate_warning([2027, 2028, 2029])[:25]
    '2027–2029 年的节假日安排尚未载入，本结果'
    """
    span = year_span(years)
    return (
        f"{span} 年的节假日安排尚未载入，本结果只扣除了周末、未计法定节假日和调休，是估算；"
        f"国务院公布后请用 `shebao holidays load` 载入 {span} 年安排，即可得到准确日期。"
    )


def missing_next_year(today: dt.date, calendar: WorkCalendar) -> str | None:
    """What staff must load when next year's arrangement is still unknown; None when all is well."""
    next_year = today.year + 1
    if calendar.is_known(next_year):
        return None
    return (
        f"{next_year} 年的节假日安排还没有载入。国务院办公厅通常在 {today.year} 年 11–12 月公布"
        f"《关于{next_year}年部分节假日安排的通知》；公布后请按 shebao/data/holidays/README.md "
        f"写成 {next_year}.yaml，运行 `shebao holidays load {next_year}.yaml` 并提交 "
        f"{calendar.year_file(next_year)}（或升级已支持 {next_year} 年的 chinesecalendar）。"
    )


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
