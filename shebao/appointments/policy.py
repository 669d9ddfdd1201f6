"""The booking and queue rules as data: defaults from appointments.yaml, overrides on top.

Every rule is a named setting (`booking.last_workday`) with a type, bounds and a Chinese label;
the data file gives the defaults and an administrator may override any of them. Both go
through `_value`, so an override is checked exactly as the file is.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shebao.appointments.schedules import Schedule, parse_hours
from shebao.datafiles import check_keys, read_mapping
from shebao.errors import DataError, InputError, echo

POLICY_FILE = "appointments.yaml"


@dataclass(frozen=True, slots=True)
class Setting:
    kind: type  # bool, int or str
    label: str
    low: int = 0
    high: int = 10_000


# The one table of settings: section → name → what it is. The dataclasses below mirror it.
SETTINGS: dict[str, dict[str, Setting]] = {
    "booking": {
        "real_name": Setting(bool, "实名预约（校验公民身份号码）"),
        "first_workday": Setting(int, "最早可约第几个工作日", 0, 30),
        "last_workday": Setting(int, "最晚可约第几个工作日", 0, 60),
        "per_person_per_day": Setting(int, "每人每天最多有效预约数", 1, 10),
        "per_person_per_item": Setting(int, "每人每个事项最多有效预约数", 1, 10),
        "change_hours_before": Setting(int, "开始前多少小时以前可取消或改约", 0, 72),
        "no_shows_to_block": Setting(int, "爽约几次后暂停预约", 1, 100),
        "no_show_window_days": Setting(int, "在多少天内爽约达到次数", 1, 3650),
        "block_days": Setting(int, "暂停预约天数", 0, 3650),
    },
    "schedule": {
        "capacity": Setting(int, "默认每个时段可约人数", 0, 1000),
        "slot_minutes": Setting(int, "默认每个时段分钟数", 5, 480),
        "hours": Setting(str, "默认开放时间"),
    },
    "queue": {
        "walk_in_prefix": Setting(str, "现场取号前缀"),
        "booked_prefix": Setting(str, "预约取号前缀"),
        "check_in_minutes_before": Setting(int, "时段开始前多少分钟起可签到", 0, 240),
        "minutes_per_ticket": Setting(int, "每位平均办理分钟数（估算等候）", 1, 240),
        "recalls": Setting(int, "过号后可重新叫号次数", 0, 10),
    },
    "limits": {
        "person_per_hour": Setting(int, "同一身份证号每小时预约、改约次数", 1, 100_000),
        "code_per_hour": Setting(int, "同一预约码每小时查询、取消、签到次数", 1, 100_000),
        "address_per_minute": Setting(int, "同一网络地址每分钟请求次数（0 为不限）", 0, 10**7),
    },
}


def setting_keys() -> list[str]:
    return [f"{section}.{name}" for section, names in SETTINGS.items() for name in names]


@dataclass(frozen=True, slots=True)
class BookingRules:
    real_name: bool
    first_workday: int
    last_workday: int
    per_person_per_day: int
    per_person_per_item: int
    change_hours_before: int
    no_shows_to_block: int
    no_show_window_days: int
    block_days: int


@dataclass(frozen=True, slots=True)
class QueueRules:
    walk_in_prefix: str
    booked_prefix: str
    check_in_minutes_before: int
    minutes_per_ticket: int
    recalls: int


@dataclass(frozen=True, slots=True)
class Limits:
    person_per_hour: int
    code_per_hour: int
    address_per_minute: int  # 0: no limit


@dataclass(frozen=True, slots=True)
class Policy:
    booking: BookingRules
    schedule: Schedule  # for points without a schedule of their own
    queue: QueueRules
    limits: Limits


def _value(key: str, raw: Any, where: str, error: type[Exception]) -> Any:
    """A setting's value checked against its type and bounds; `error` names whose fault it is."""
    section, _, name = key.partition(".")
    spec = SETTINGS[section][name]
    if spec.kind is bool:
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false", "1", "0", "是", "否"):
            return raw.strip().lower() in ("true", "1", "是")
        if not isinstance(raw, bool):
            raise error(f"{where}{key}（{spec.label}）应为 true 或 false")
        return raw
    if spec.kind is int:
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw.strip())
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise error(f"{where}{key}（{spec.label}）应为整数")
        if not spec.low <= raw <= spec.high:
            raise error(f"{where}{key}（{spec.label}）应在 {spec.low}—{spec.high} 之间，收到 {raw}")
        return raw
    if not isinstance(raw, str) or not raw.strip():
        raise error(f"{where}{key}（{spec.label}）应为文字")
    text = raw.strip()
    if name.endswith("prefix") and not (len(text) == 1 and text.isascii() and text.isalpha()):
        raise error(f"{where}{key}（{spec.label}）应为一个英文字母，收到“{echo(text)}”")
    return text.upper() if name.endswith("prefix") else text


def build_policy(values: Mapping[str, Any], error: type[Exception] = InputError) -> Policy:
    """A policy from every setting's value, keyed `section.name`; checks what ties them."""
    booking = BookingRules(**{n: values[f"booking.{n}"] for n in SETTINGS["booking"]})
    if booking.first_workday > booking.last_workday:
        raise error(
            f"最早可约（第 {booking.first_workday} 个工作日）晚于最晚可约"
            f"（第 {booking.last_workday} 个工作日）"
        )
    queue = QueueRules(**{n: values[f"queue.{n}"] for n in SETTINGS["queue"]})
    if queue.walk_in_prefix == queue.booked_prefix:
        raise error("现场取号与预约取号的前缀须不同")
    try:
        schedule = Schedule(
            capacity=values["schedule.capacity"],
            slot_minutes=values["schedule.slot_minutes"],
            hours=parse_hours(values["schedule.hours"], values["schedule.slot_minutes"]),
        )
    except InputError as exc:
        raise error(f"默认排班：{exc}") from None
    limits = Limits(**{n: values[f"limits.{n}"] for n in SETTINGS["limits"]})
    return Policy(booking, schedule, queue, limits)


def read_defaults(path: Path) -> dict[str, Any]:
    """Every setting's default from the data file, checked; DataError names the file and key."""
    data = read_mapping(path)
    where = f"数据文件 {path} 中的 "
    check_keys(data, SETTINGS, where=f"数据文件 {path}")
    values: dict[str, Any] = {}
    for section, names in SETTINGS.items():
        check_keys(data[section], names, where=f"数据文件 {path} 的 {section}")
        for name in names:
            key = f"{section}.{name}"
            values[key] = _value(key, data[section][name], where, DataError)
    build_policy(values, DataError)
    return values


_defaults: dict[tuple[str, int], dict[str, Any]] = {}


def defaults(city_dir: Path) -> dict[str, Any]:
    """The data file's settings, read again only when the file changes."""
    path = city_dir / POLICY_FILE
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        raise DataError(f"缺少数据文件 {path}") from None
    cached = _defaults.get((str(path), stamp))
    if cached is None:
        cached = _defaults[(str(path), stamp)] = read_defaults(path)
    return cached


def parse_override(key: str, raw: Any) -> Any:
    """One administrator's override, checked as the data file is; InputError when wrong."""
    key = key.strip()
    if key not in setting_keys():
        raise InputError(f"没有规则“{echo(key)}”，可用的有：{'、'.join(setting_keys())}")
    return _value(key, raw, "", InputError)


def policy(city_dir: Path, overrides: Mapping[str, Any] | None = None) -> Policy:
    """The rules in force: the data file's defaults with the overrides on top."""
    values = dict(defaults(city_dir))
    for key, raw in (overrides or {}).items():
        values[key] = parse_override(key, raw)
    return build_policy(values)


def policy_dict(p: Policy) -> dict[str, Any]:
    """The policy as `section.name` → value (the schedule's hours as written)."""
    out: dict[str, Any] = {}
    for section in ("booking", "queue", "limits"):
        for name, value in dataclasses.asdict(getattr(p, section)).items():
            out[f"{section}.{name}"] = value
    out["schedule.capacity"] = p.schedule.capacity
    out["schedule.slot_minutes"] = p.schedule.slot_minutes
    out["schedule.hours"] = p.schedule.hours_text
    return out
