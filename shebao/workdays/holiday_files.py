"""A year's holiday arrangement as a data file: read, validated against the law, compared.

The State Council publishes each year's arrangement; staff type it into `YYYY.yaml`. Whatever a
file says becomes the truth for every deadline of that year, so it is checked hard here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from shebao.datafiles import parse_yaml
from shebao.errors import DataError, InputError
from shebao.workdays.dates import FIRST_YEAR, LAST_YEAR, parse_date

ORIGIN_PACKAGE = "chinesecalendar"
ORIGIN_FILE = "file"
ORIGIN_ESTIMATED = "estimated"

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
