"""Sub-commands for working days: deadline, workdays, is-workday, holidays load/show."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from shebao.cli.output import emit_json, print_table
from shebao.errors import InputError, ShebaoError
from shebao.workdays.dates import FIRST_YEAR, LAST_YEAR, SUPPORTED_YEARS, parse_date
from shebao.workdays.deadlines import ChannelRequired, Deadline, item_deadline
from shebao.workdays.holiday_files import ORIGIN_FILE, YearArrangement, parse_arrangement
from shebao.workdays.workcalendar import (
    HOLIDAY_DIR_ENV,
    WorkCalendar,
    changed_days,
    default_calendar,
    estimate_warning,
    forget_calendars,
    holiday_dir,
    package_knows,
)

WEEKDAYS = "一二三四五六日"


def _day(day: dt.date) -> str:
    return f"{day.isoformat()}（周{WEEKDAYS[day.weekday()]}）"


def _warn(warnings: list[str] | tuple[str, ...]) -> None:
    for text in warnings:
        print(f"注意：{text}")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "deadline",
        help="推算事项的办结期限（按工作日计）",
        description="办结期限是受理日之后的第 N 个工作日，受理当日不计入；非工作日收到的申请"
        "视为下一个工作日受理；即时办结的当日办结。",
    )
    p.add_argument("item", metavar="ITEM", help="事项编号")
    p.add_argument("--accepted", required=True, metavar="YYYY-MM-DD", help="收件（受理）日期")
    p.add_argument(
        "--channel",
        metavar="CHANNEL",
        help="办理渠道：window（窗口办）、online（网上办）、mobile（掌上办）、self_service（自助办），"
        "也可写中文。不写时，各渠道时限相同的事项按其第一个渠道（通常是窗口办）推算；"
        "各渠道时限不同的事项（如 61、64）必须写明",
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_deadline)

    p = sub.add_parser("workdays", help="统计两个日期之间的工作日数")
    p.add_argument("start", metavar="FROM", help="起始日期 YYYY-MM-DD")
    p.add_argument("end", metavar="TO", help="结束日期 YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_workdays)

    p = sub.add_parser("is-workday", help="某天是否工作日")
    p.add_argument("date", metavar="DATE", help="日期 YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_is_workday)

    p = sub.add_parser("holidays", help="载入或查看某年的节假日安排")
    actions = p.add_subparsers(dest="holidays_action", metavar="ACTION")
    actions.required = True
    load = actions.add_parser("load", help="校验并载入一年的节假日安排文件（YAML）")
    load.add_argument("file", metavar="FILE", help="例如 2027.yaml，格式见 shebao/data/holidays")
    load.add_argument(
        "--replace",
        action="store_true",
        help="确认替换：该年已有数据文件，或 chinesecalendar 已含该年时，不加此项不会载入",
    )
    load.set_defaults(handler=_holidays_load)
    show = actions.add_parser("show", help="显示某年的节假日和调休上班日")
    show.add_argument("year", metavar="YEAR", help="年份，例如 2026")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.set_defaults(handler=_holidays_show)


def _deadline(args: argparse.Namespace) -> int:
    accepted = parse_date(args.accepted, "受理日期", years=SUPPORTED_YEARS)
    try:
        result = item_deadline(args.item, accepted, args.channel)
    except ChannelRequired as exc:
        raise InputError(f"{exc}：加 --channel，例如 --channel 网上办") from None
    if args.json:
        emit_json(result.as_dict())
        return 0
    _print_deadline(result)
    return 0


def _print_deadline(d: Deadline) -> None:
    from shebao.guide.model import ChannelKind

    print(f"事项 {d.item}：{d.item_name}")
    label = ChannelKind(d.channel).label if d.channel else "—"
    print(f"办理渠道：{label}；办理时限：{d.limit_text}")
    if d.deemed_accepted:
        print(f"收件日期：{_day(d.accepted)}，非工作日")
        print(f"视为受理：{_day(d.deemed_accepted)}（该日不计入期限）")
    else:
        print(f"受理日期：{_day(d.accepted)}")
    how = "即时办结，受理当日办结" if d.instant else f"受理日之后第 {d.working_days} 个工作日"
    print(f"办结期限：{_day(d.due)}（{how}{'，估算' if d.estimated else ''}）")
    _warn(d.warnings)


def _workdays(args: argparse.Namespace) -> int:
    start = parse_date(args.start, "起始日期", years=SUPPORTED_YEARS)
    end = parse_date(args.end, "结束日期", years=SUPPORTED_YEARS)
    if end < start:
        raise InputError(f"起始日期 {start} 晚于结束日期 {end}")
    cal = default_calendar()
    inclusive = cal.count_workdays(start, end)
    after = inclusive - (1 if cal.is_workday(start) else 0)
    unknown = cal.unknown_years(start, end)
    warnings = [estimate_warning(unknown)] if unknown else []
    if args.json:
        emit_json(
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "workdays": inclusive,
                "workdays_after_from": after,
                "estimated": bool(warnings),
                "warnings": warnings,
            }
        )
        return 0
    print(f"{_day(start)} 至 {_day(end)}：含首尾共 {inclusive} 个工作日")
    print(f"不含起始日为 {after} 个（与办结期限的计法相同）")
    _warn(warnings)
    return 0


def _day_kind(cal: WorkCalendar, day: dt.date) -> tuple[bool, str, str | None]:
    workday, name = cal.is_workday(day), cal.day_name(day)
    if workday:
        return True, ("adjusted_workday" if day.weekday() >= 5 else "workday"), name
    return False, ("holiday" if name else "weekend"), name


def _kind_label(kind: str, name: str | None) -> str:
    return {
        "workday": "工作日",
        "adjusted_workday": f"工作日（{name}调休上班）",
        "holiday": f"休息日（{name}）",
        "weekend": "休息日（周末）",
    }[kind]


def _is_workday(args: argparse.Namespace) -> int:
    day = parse_date(args.date, years=SUPPORTED_YEARS)
    cal = default_calendar()
    workday, kind, name = _day_kind(cal, day)
    warnings = [] if cal.is_known(day.year) else [estimate_warning(day.year)]
    if args.json:
        emit_json(
            {
                "date": day.isoformat(),
                "weekday": WEEKDAYS[day.weekday()],
                "workday": workday,
                "kind": kind,
                "name": name,
                "estimated": bool(warnings),
                "warnings": warnings,
            }
        )
        return 0
    print(f"{_day(day)}：{_kind_label(kind, name)}{'（估算）' if warnings else ''}")
    _warn(warnings)
    return 0


def _parse_year(text: str) -> int:
    value = str(text).strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise InputError(f"年份应为四位数字，例如 2027，收到“{text}”")
    if not FIRST_YEAR <= int(value) <= LAST_YEAR:
        raise InputError(f"年份 {value} 超出范围，只支持 {FIRST_YEAR}–{LAST_YEAR} 年")
    return int(value)


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


def _sorted(days: dict[dt.date, str]) -> list[tuple[dt.date, str]]:
    return sorted(days.items())


def _holidays_show(args: argparse.Namespace) -> int:
    year = _parse_year(args.year)
    cal = default_calendar()
    arr = cal.arrangement(year)
    warnings = [] if arr.known else [estimate_warning(year)]
    file = cal.year_file(year)
    if args.json:
        emit_json(
            {
                "year": year,
                "known": arr.known,
                "origin": arr.origin,
                "source": arr.source,
                "file": str(file) if arr.origin == ORIGIN_FILE else None,
                "holidays": [
                    {"name": n, "from": a.isoformat(), "to": b.isoformat(), "days": _span(a, b)}
                    for n, a, b in _ranges(arr.holidays)
                ],
                "workdays": [{"name": n, "date": d.isoformat()} for d, n in _sorted(arr.workdays)],
                "warnings": warnings,
            }
        )
        return 0
    print(f"{year} 年节假日安排 — 来源：{arr.source}")
    if not arr.known:
        _warn(warnings)
        print(f"载入后数据文件位于：{file}")
        return 0
    print("\n放假：")
    rows = [(n, f"{_day(a)} 至 {_day(b)}", _span(a, b)) for n, a, b in _ranges(arr.holidays)]
    print_table(["名称", "日期", "天数"], rows)
    print("\n调休上班：")
    print_table(["名称", "日期"], [(n, _day(d)) for d, n in _sorted(arr.workdays)])
    return 0


def _read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} 不是 UTF-8 编码的文本文件") from None
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror}") from None


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


def _holidays_load(args: argparse.Namespace) -> int:
    path = Path(args.file)
    text = _read_source(path)
    stem_year = int(path.stem) if path.stem.isascii() and path.stem.isdigit() else None
    try:
        arr: YearArrangement = parse_arrangement(text, expected_year=stem_year)
    except InputError as exc:
        raise InputError(f"{path} 未载入：{exc}") from None
    target = holiday_dir() / f"{arr.year}.yaml"
    replaced = target.exists()
    if replaced and _read_source(target) == text:
        print(f"{target} 已是同样内容，未改动")
        return 0
    overridden = _overridden(arr, target)
    if overridden and not args.replace:
        raise InputError(f"{path} 未载入：{overridden}；确需替换请加 --replace")
    try:
        write_atomically(target, text)
        forget_calendars()
    except OSError as exc:
        raise ShebaoError(
            f"无法写入 {target}：{exc.strerror}；可用环境变量 {HOLIDAY_DIR_ENV} 指定可写的目录"
        ) from None
    spans = _ranges(arr.holidays)
    print(
        f"已{'替换' if replaced else '载入'} {arr.year} 年节假日安排：放假 {len(spans)} 段共 "
        f"{len(arr.holidays)} 天，调休上班 {len(arr.workdays)} 天"
    )
    print(f"来源：{arr.source}")
    print(f"文件：{target}")
    if overridden:
        print(f"替换前：{overridden}")
    if package_knows(arr.year):
        print(f"注意：chinesecalendar 也含 {arr.year} 年数据，今后以本文件为准")
    return 0
