"""Working days: due dates of items, counting, one day, and a year's holiday arrangement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shebao.errors import InputError
from shebao.guide.model import ChannelKind
from shebao.runtime import Runtime
from shebao.workdays.dates import check_supported
from shebao.workdays.deadlines import Deadline, item_deadline
from shebao.workdays.workcalendar import estimate_warning


def item_due_date(
    rt: Runtime, item: int | str, accepted: dt.date, channel: ChannelKind | str | None = None
) -> Deadline:
    """The due date of an item received on `accepted` through `channel`."""
    check_supported(accepted, "受理日期")
    return item_deadline(item, accepted, channel, catalog=rt.catalog, calendar=rt.calendar)


@dataclass(frozen=True, slots=True)
class WorkdayCount:
    start: dt.date
    end: dt.date
    inclusive: int  # working days from start to end, both counted
    after_start: int  # as a time limit counts them: the first day left out
    warnings: tuple[str, ...]

    @property
    def estimated(self) -> bool:
        return bool(self.warnings)


def count_workdays(rt: Runtime, start: dt.date, end: dt.date) -> WorkdayCount:
    check_supported(start, "起始日期")
    check_supported(end, "结束日期")
    if end < start:
        raise InputError(f"起始日期 {start} 晚于结束日期 {end}")
    cal = rt.calendar
    inclusive = cal.count_workdays(start, end)
    unknown = cal.unknown_years(start, end)
    return WorkdayCount(
        start=start,
        end=end,
        inclusive=inclusive,
        after_start=inclusive - (1 if cal.is_workday(start) else 0),
        warnings=(estimate_warning(unknown),) if unknown else (),
    )


@dataclass(frozen=True, slots=True)
class DayInfo:
    day: dt.date
    workday: bool
    kind: str  # workday | adjusted_workday | holiday | weekend
    name: str | None  # the holiday's name, or the one a 调休 working day makes up for
    warnings: tuple[str, ...]

    @property
    def estimated(self) -> bool:
        return bool(self.warnings)


def day_info(rt: Runtime, day: dt.date) -> DayInfo:
    check_supported(day)
    cal = rt.calendar
    workday, name = cal.is_workday(day), cal.day_name(day)
    if workday:
        kind = "adjusted_workday" if day.weekday() >= 5 else "workday"
    else:
        kind = "holiday" if name else "weekend"
    warnings = () if cal.is_known(day.year) else (estimate_warning(day.year),)
    return DayInfo(day, workday, kind, name, warnings)
