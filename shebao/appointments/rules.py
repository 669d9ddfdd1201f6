"""The booking rules as functions of dates: when one may book, change, check in; no-show blocks.

Each refusal is a `Refused` naming its reason (a stable key the API returns) and the rule's
setting, with a message that says what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from shebao.appointments.policy import BookingRules, QueueRules
from shebao.errors import InputError
from shebao.workdays.workcalendar import WorkCalendar


class Refused(InputError):
    """A well-formed request the rules or the stored state do not allow (HTTP 409)."""

    def __init__(self, reason: str, message: str, rule: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason  # full, blocked, not_bookable_day, … (see the API's docs)
        self.rule = rule  # the setting that decided it, e.g. booking.last_workday


@dataclass(frozen=True, slots=True)
class BookingWindow:
    first: dt.date
    last: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


def booking_window(rules: BookingRules, calendar: WorkCalendar, today: dt.date) -> BookingWindow:
    """The days one may book today: from the first to the last configured working day after it.

    >>> from shebao.appointments.policy import BookingRules
    >>> r = BookingRules(True, 1, 5, 1, 1, 2, 3, 90, 30)
    >>> booking_window(r, WorkCalendar(), dt.date(2026, 9, 30))  # 国庆 1–7 Oct; Sat 10 Oct worked
    BookingWindow(first=datetime.date(2026, 10, 8), last=datetime.date(2026, 10, 13))
    """
    return BookingWindow(
        calendar.add_workdays(today, rules.first_workday),
        calendar.add_workdays(today, rules.last_workday),
    )


def check_bookable_day(
    rules: BookingRules, calendar: WorkCalendar, today: dt.date, day: dt.date
) -> None:
    window = booking_window(rules, calendar, today)
    if day not in window:
        raise Refused(
            "not_bookable_day",
            f"{day.isoformat()} 不在可预约的日期内：今天可预约 {window.first.isoformat()} 至 "
            f"{window.last.isoformat()}（第 {rules.first_workday} 至第 {rules.last_workday} "
            "个工作日）",
            "booking.last_workday" if day > window.last else "booking.first_workday",
        )


def change_deadline(rules: BookingRules, start: dt.datetime) -> dt.datetime:
    """The last moment a booking starting at `start` may be cancelled or moved.

    >>> from shebao.appointments.policy import BookingRules
    >>> r = BookingRules(True, 1, 5, 1, 1, 2, 3, 90, 30)
    >>> change_deadline(r, dt.datetime(2026, 10, 9, 9, 0))
    datetime.datetime(2026, 10, 9, 7, 0)
    """
    return start - dt.timedelta(hours=rules.change_hours_before)


def check_changeable(rules: BookingRules, start: dt.datetime, now: dt.datetime) -> None:
    deadline = change_deadline(rules, start).astimezone(now.tzinfo)
    if now > deadline:
        raise Refused(
            "too_late_to_change",
            f"预约开始前 {rules.change_hours_before} 小时以后不能再取消或改约"
            f"（截止于 {deadline:%Y-%m-%d %H:%M}）；届时未到的，记为一次预约未到",
            "booking.change_hours_before",
        )


def check_in_opens(queue: QueueRules, start: dt.datetime) -> dt.datetime:
    return start - dt.timedelta(minutes=queue.check_in_minutes_before)


@dataclass(frozen=True, slots=True)
class Block:
    """Booking refused from `first` to `last` (both included) after `count` no-shows."""

    first: dt.date
    last: dt.date
    no_shows: tuple[dt.date, ...]

    @property
    def ends(self) -> dt.date:
        """The first day one may book again."""
        return self.last + dt.timedelta(days=1)


def blocks(rules: BookingRules, no_shows: Iterable[dt.date]) -> list[Block]:
    """The blocks a person's no-shows cause, in order.

    The block begins on the day of the no-show that makes `no_shows_to_block` within
    `no_show_window_days` days (that day and the days before it) and lasts `block_days`
    days. The no-shows that caused a block, and those during it, do not count towards the next.

    >>> from shebao.appointments.policy import BookingRules
    >>> r = BookingRules(True, 1, 5, 1, 1, 2, 3, 90, 30)
    >>> days = [dt.date(2026, 3, 2), dt.date(2026, 4, 1), dt.date(2026, 5, 29)]
    >>> [(b.first, b.last) for b in blocks(r, days)]
    [(datetime.date(2026, 5, 29), datetime.date(2026, 6, 27))]
    >>> blocks(r, [dt.date(2026, 3, 1), dt.date(2026, 4, 1), dt.date(2026, 5, 30)])  # 91 days
    []
    """
    found: list[Block] = []
    counted: list[dt.date] = []
    span = dt.timedelta(days=rules.no_show_window_days - 1)
    for day in sorted(no_shows):
        if found and day <= found[-1].last:
            continue
        counted = [d for d in counted if d >= day - span] + [day]
        if len(counted) >= rules.no_shows_to_block and rules.block_days > 0:
            last = day + dt.timedelta(days=rules.block_days - 1)
            found.append(Block(day, last, tuple(counted)))
            counted = []
    return found


def active_block(rules: BookingRules, no_shows: Iterable[dt.date], today: dt.date) -> Block | None:
    return next((b for b in blocks(rules, no_shows) if b.first <= today <= b.last), None)


def check_not_blocked(rules: BookingRules, no_shows: Iterable[dt.date], today: dt.date) -> None:
    block = active_block(rules, no_shows, today)
    if block is not None:
        missed = "、".join(d.isoformat() for d in block.no_shows)
        raise Refused(
            "blocked",
            f"您在 {rules.no_show_window_days} 天内有 {len(block.no_shows)} 次预约未到"
            f"（{missed}），{block.first.isoformat()} 至 {block.last.isoformat()} 暂停预约，"
            f"{block.ends.isoformat()} 起可以再预约；现在可以直接到大厅取号办理",
            "booking.no_shows_to_block",
        )
