"""A point's schedule (opening hours, slot length, capacity) and the slots it gives on a day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from shebao.errors import InputError, echo
from shebao.runtime import BEIJING
from shebao.text import code
from shebao.workdays.workcalendar import WorkCalendar

_RANGE = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")


@dataclass(frozen=True, slots=True)
class Schedule:
    capacity: int  # places per slot: the windows open to bookings
    slot_minutes: int
    hours: tuple[tuple[dt.time, dt.time], ...]  # opening periods of a working day, in order

    @property
    def hours_text(self) -> str:
        return format_hours(self.hours)


@dataclass(frozen=True, slots=True)
class SlotTime:
    start: dt.datetime  # aware, Beijing
    end: dt.datetime


def _time(hour: str, minute: str, text: str) -> dt.time:
    try:
        return dt.time(int(hour), int(minute))
    except ValueError:
        raise InputError(f"开放时间“{echo(text)}”中的 {hour}:{minute} 不是有效的时刻") from None


def parse_hours(text: str, slot_minutes: int | None = None) -> tuple[tuple[dt.time, dt.time], ...]:
    """Opening periods as people write them: `09:00-11:30,13:00-16:30` (，、； and ～ also do).

    >>> parse_hours("９:００－11:30， 13:00~16:30")
    ((datetime.time(9, 0), datetime.time(11, 30)), (datetime.time(13, 0), datetime.time(16, 30)))
    """
    if not isinstance(text, str):
        raise InputError("开放时间应为文字，如 09:00-11:30,13:00-16:30")
    typed = code(text)
    for ch in "，、；;":
        typed = typed.replace(ch, ",")
    for ch in "－~～—–至到":
        typed = typed.replace(ch, "-")
    typed = typed.replace("：", ":").replace(" ", "")
    periods: list[tuple[dt.time, dt.time]] = []
    for part in filter(None, typed.split(",")):
        match = _RANGE.fullmatch(part)
        if not match:
            raise InputError(
                f"开放时间“{echo(part)}”写法不对：应为“开始-结束”，如 09:00-11:30，多段用逗号分开"
            )
        start, end = _time(*match.group(1, 2), part), _time(*match.group(3, 4), part)
        if end <= start:
            raise InputError(f"开放时间“{echo(part)}”的结束时刻不晚于开始时刻")
        if periods and start < periods[-1][1]:
            raise InputError(f"开放时间“{echo(part)}”与前一段重叠或顺序颠倒，请按时间先后写")
        if slot_minutes and _minutes(start, end) < slot_minutes:
            raise InputError(f"开放时间“{echo(part)}”不足一个时段（{slot_minutes} 分钟）")
        periods.append((start, end))
    if not periods:
        raise InputError("请填写开放时间，如 09:00-11:30,13:00-16:30")
    return tuple(periods)


def format_hours(hours: tuple[tuple[dt.time, dt.time], ...]) -> str:
    """The periods as written in data and on screens.

    >>> format_hours(parse_hours("9:00-11:30,13:00-16:30"))
    '09:00-11:30,13:00-16:30'
    """
    return ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in hours)


def _minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def day_slots(schedule: Schedule, day: dt.date, calendar: WorkCalendar) -> list[SlotTime]:
    """The slots of a day: none unless it is a working day (holidays have none, the 调休
    Saturdays and Sundays have them); a period's last part shorter than a slot is not a slot.

    >>> s = Schedule(2, 30, parse_hours("09:00-10:15"))
    >>> [f"{x.start:%H:%M}" for x in day_slots(s, dt.date(2026, 10, 10), WorkCalendar())]
    ['09:00', '09:30']
    >>> day_slots(s, dt.date(2026, 10, 1), WorkCalendar())
    []
    """
    if not calendar.is_workday(day):
        return []
    length = dt.timedelta(minutes=schedule.slot_minutes)
    slots = []
    for opens, closes in schedule.hours:
        start = dt.datetime.combine(day, opens, BEIJING)
        close = dt.datetime.combine(day, closes, BEIJING)
        while start + length <= close:
            slots.append(SlotTime(start, start + length))
            start += length
    return slots


def find_slot(schedule: Schedule, start: dt.datetime, calendar: WorkCalendar) -> SlotTime | None:
    """The schedule's slot beginning at `start`, if there is one."""
    start = start.astimezone(BEIJING)
    return next((s for s in day_slots(schedule, start.date(), calendar) if s.start == start), None)
