"""The timer of an open case: normal, warning (due within a few working days) or overdue."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from shebao.errors import InputError
from shebao.workdays.workcalendar import WorkCalendar

WARNING_DAYS = 2  # the default: due within 2 working days


class Timer(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return TIMER_LABELS[self]


TIMER_LABELS = {Timer.NORMAL: "正常", Timer.WARNING: "预警", Timer.OVERDUE: "逾期"}


def timer(
    due: dt.date, today: dt.date, calendar: WorkCalendar, warning_days: int = WARNING_DAYS
) -> Timer:
    """Overdue once `today` is past `due`; a warning while at most `warning_days` working days
    remain after today up to and including `due` (so always on the due day itself).

    >>> from shebao.workdays.workcalendar import WorkCalendar
    >>> cal = WorkCalendar()
    >>> days = [dt.date(2026, 9, d) for d in (29, 30)] + [dt.date(2026, 10, d) for d in (9, 10)]
    >>> [timer(dt.date(2026, 10, 9), day, cal).value for day in days]  # 国庆 1–7 Oct
    ['normal', 'warning', 'warning', 'overdue']
    """
    if isinstance(warning_days, bool) or not isinstance(warning_days, int) or warning_days < 0:
        raise InputError(f"预警天数应为不小于 0 的整数个工作日，收到 {warning_days!r}")
    if today > due:
        return Timer.OVERDUE
    if (due - today).days <= warning_days:  # working days never outnumber calendar days
        return Timer.WARNING
    remaining = calendar.count_workdays(today + dt.timedelta(days=1), due)
    return Timer.WARNING if remaining <= warning_days else Timer.NORMAL


def timer_bounds(
    today: dt.date, calendar: WorkCalendar, warning_days: int = WARNING_DAYS
) -> tuple[dt.date, dt.date]:
    """The due dates `timer` puts in each class, as two bounds for a database query: a due date
    before the first is overdue, before the second a warning, from the second on normal.

    >>> from shebao.workdays.workcalendar import WorkCalendar
    >>> timer_bounds(dt.date(2026, 9, 30), WorkCalendar())  # 国庆 1–7 Oct; 10 Oct is worked
    (datetime.date(2026, 9, 30), datetime.date(2026, 10, 10))
    """
    timer(today, today, calendar, warning_days)  # the same check of warning_days
    return today, calendar.add_workdays(today, warning_days + 1)
