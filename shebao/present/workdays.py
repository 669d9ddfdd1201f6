"""Due dates, working-day counts, days and holiday years as JSON-ready dicts and Chinese text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shebao.guide.model import ChannelKind
from shebao.services.holidays import HolidayLoad, HolidayYear
from shebao.services.workdays import DayInfo, WorkdayCount
from shebao.workdays.deadlines import Deadline
from shebao.workdays.holiday_files import ORIGIN_FILE

WEEKDAYS = "一二三四五六日"


def day_text(day: dt.date) -> str:
    """>>> day_text(dt.date(2026, 10, 10))
    '2026-10-10（周六）'
    """
    return f"{day.isoformat()}（周{WEEKDAYS[day.weekday()]}）"


def _warning_lines(warnings: tuple[str, ...] | list[str]) -> list[str]:
    return [f"注意：{text}" for text in warnings]


def deadline_dict(d: Deadline) -> dict[str, Any]:
    """JSON-ready, dates as YYYY-MM-DD, keys in reading order."""
    return {
        "item": d.item,
        "item_name": d.item_name,
        "accepted": d.accepted.isoformat(),
        "deemed_accepted": d.deemed_accepted.isoformat() if d.deemed_accepted else None,
        "channel": d.channel,
        "working_days": d.working_days,
        "instant": d.instant,
        "limit_text": d.limit_text,
        "due": d.due.isoformat(),
        "estimated": d.estimated,
        "warnings": list(d.warnings),
        "basis": d.basis,
    }


def describe_deadline(d: Deadline) -> str:
    label = ChannelKind(d.channel).label if d.channel else "—"
    lines = [f"事项 {d.item}：{d.item_name}", f"办理渠道：{label}；办理时限：{d.limit_text}"]
    if d.deemed_accepted:
        lines.append(f"收件日期：{day_text(d.accepted)}，非工作日")
        lines.append(f"视为受理：{day_text(d.deemed_accepted)}（该日不计入期限）")
    else:
        lines.append(f"受理日期：{day_text(d.accepted)}")
    how = "即时办结，受理当日办结" if d.instant else f"受理日之后第 {d.working_days} 个工作日"
    lines.append(f"办结期限：{day_text(d.due)}（{how}{'，估算' if d.estimated else ''}）")
    return "\n".join(lines + _warning_lines(d.warnings))


def workday_count_dict(c: WorkdayCount) -> dict[str, Any]:
    return {
        "from": c.start.isoformat(),
        "to": c.end.isoformat(),
        "workdays": c.inclusive,
        "workdays_after_from": c.after_start,
        "estimated": c.estimated,
        "warnings": list(c.warnings),
    }


def describe_workday_count(c: WorkdayCount) -> str:
    lines = [
        f"{day_text(c.start)} 至 {day_text(c.end)}：含首尾共 {c.inclusive} 个工作日",
        f"不含起始日为 {c.after_start} 个（与办结期限的计法相同）",
    ]
    return "\n".join(lines + _warning_lines(c.warnings))


def day_dict(info: DayInfo) -> dict[str, Any]:
    return {
        "date": info.day.isoformat(),
        "weekday": WEEKDAYS[info.day.weekday()],
        "workday": info.workday,
        "kind": info.kind,
        "name": info.name,
        "estimated": info.estimated,
        "warnings": list(info.warnings),
    }


def day_kind_label(kind: str, name: str | None) -> str:
    return {
        "workday": "工作日",
        "adjusted_workday": f"工作日（{name}调休上班）",
        "holiday": f"休息日（{name}）",
        "weekend": "休息日（周末）",
    }[kind]


def describe_day(info: DayInfo) -> str:
    head = f"{day_text(info.day)}：{day_kind_label(info.kind, info.name)}"
    head += "（估算）" if info.estimated else ""
    return "\n".join([head, *_warning_lines(info.warnings)])


def _ranges(days: dict[dt.date, str]) -> list[tuple[str, dt.date, dt.date]]:
    """Consecutive days of the same holiday folded into one row."""
    rows: list[tuple[str, dt.date, dt.date]] = []
    for day in sorted(days):
        name = days[day]
        if rows and rows[-1][0] == name and rows[-1][2] + dt.timedelta(days=1) == day:
            rows[-1] = (name, rows[-1][1], day)
        else:
            rows.append((name, day, day))
    return rows


def _span(first: dt.date, last: dt.date) -> int:
    return (last - first).days + 1


def holiday_year_dict(h: HolidayYear) -> dict[str, Any]:
    arr = h.arrangement
    return {
        "year": arr.year,
        "known": arr.known,
        "origin": arr.origin,
        "source": arr.source,
        "file": str(h.file) if arr.origin == ORIGIN_FILE else None,
        "holidays": [
            {"name": n, "from": a.isoformat(), "to": b.isoformat(), "days": _span(a, b)}
            for n, a, b in _ranges(arr.holidays)
        ],
        "workdays": [{"name": n, "date": d.isoformat()} for d, n in sorted(arr.workdays.items())],
        "warnings": list(h.warnings),
    }


def holiday_rows(h: HolidayYear) -> tuple[list[tuple[str, str, int]], list[tuple[str, str]]]:
    """The days off (folded into spans) and the 调休 working days, as table rows."""
    arr = h.arrangement
    off = [(n, f"{day_text(a)} 至 {day_text(b)}", _span(a, b)) for n, a, b in _ranges(arr.holidays)]
    worked = [(n, day_text(d)) for d, n in sorted(arr.workdays.items())]
    return off, worked


def describe_holiday_load(load: HolidayLoad) -> str:
    arr = load.arrangement
    if not load.written:
        return f"{load.target} 已是同样内容，未改动"
    spans, days, worked = len(_ranges(arr.holidays)), len(arr.holidays), len(arr.workdays)
    lines = [
        f"已{'替换' if load.replaced else '载入'} {arr.year} 年节假日安排："
        f"放假 {spans} 段共 {days} 天，调休上班 {worked} 天",
        f"来源：{arr.source}",
        f"文件：{load.target}",
    ]
    if load.overridden:
        lines.append(f"替换前：{load.overridden}")
    if load.package_knows:
        lines.append(f"注意：chinesecalendar 也含 {arr.year} 年数据，今后以本文件为准")
    return "\n".join(lines)
