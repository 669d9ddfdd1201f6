"""Due dates: the N-th working day after the day an application is (deemed) accepted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from shebao.errors import DataError, InputError
from shebao.guide.model import ChannelKind
from shebao.workdays.dates import FIRST_DAY, LAST_DAY, check_supported
from shebao.workdays.workcalendar import WorkCalendar, default_calendar, estimate_warning

if TYPE_CHECKING:
    from shebao.guide.model import Catalog, Item

# The counting rule, stated once so every adapter can show the reasons with the result.
BASIS = (
    "《行政许可法》第八十二条：期限以工作日计算，不含法定节假日；"
    "《民法典》第二百零一条：按日计算期间的，开始的当日不计入，自下一日开始计算。"
    "因此办结期限是受理日之后的第 N 个工作日；非工作日收到的申请视为下一个工作日受理，该日不计入；"
    "即时办结的，当日（受理日）办结；网上办、掌上办、自助办在非工作日也可办理，"
    "其中即时办结的事项在申请当日办结。"
)


class ChannelRequired(InputError):
    """No channel given for an item whose time limit differs by channel (61, 64)."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due date with the facts it rests on; `estimated` when a year involved is not loaded."""

    accepted: dt.date  # the day the application was received, as given
    due: dt.date
    working_days: int | None  # None when settled on the spot (即时办结)
    instant: bool
    deemed_accepted: dt.date | None = None  # set only when it differs from `accepted`
    estimated: bool = False
    warnings: tuple[str, ...] = ()
    item: int | None = None
    item_name: str | None = None
    channel: str | None = None
    limit_text: str | None = None  # the guide's wording of the time limit
    basis: str = BASIS

    @property
    def acceptance_day(self) -> dt.date:
        return self.deemed_accepted or self.accepted


# Channels that serve on non-working days: what they settle on the spot is done that same day.
# The window is open on working days only, so there an instant service waits for the next one.
ANY_DAY_CHANNELS = frozenset({ChannelKind.ONLINE, ChannelKind.MOBILE, ChannelKind.SELF_SERVICE})


def due_date(
    accepted: dt.date,
    working_days: int | None,
    *,
    calendar: WorkCalendar | None = None,
    any_day: bool = False,
) -> Deadline:
    """Due date for a limit of `working_days` (None: 即时办结) from the day of receipt.

    `any_day`: the channel serves on every day (online, app, self-service machine), so a service
    settled on the spot is done the day it is asked for, even on a holiday.

    >>> due_date(dt.date(2026, 9, 26), 1).due  # Saturday → deemed Monday 28th, +1
    datetime.date(2026, 9, 29)
    >>> due_date(dt.date(2026, 9, 30), 5).due  # 国庆 1–7 Oct; Saturday 10 Oct is worked
    datetime.date(2026, 10, 13)
    >>> due_date(dt.date(2026, 10, 3), None, any_day=True).due  # a card reported lost in the app
    datetime.date(2026, 10, 3)
    """
    if working_days is not None and (isinstance(working_days, bool) or working_days < 1):
        raise InputError(f"办理时限应为正整数个工作日（即时办结用 None），收到 {working_days}")
    if not FIRST_DAY <= accepted <= LAST_DAY:  # compared inline: this is the batch hot path
        check_supported(accepted, "受理日期")
    cal = calendar or default_calendar()
    start = accepted if any_day and working_days is None else cal.next_workday(accepted)
    due = start if working_days is None else cal.add_workdays(start, working_days)
    missing = cal.unknown_years(accepted, due)
    return Deadline(
        accepted=accepted,
        due=due,
        working_days=working_days,
        instant=working_days is None,
        deemed_accepted=start if start != accepted else None,
        estimated=bool(missing),
        warnings=_warnings(tuple(missing)) if missing else (),
    )


@lru_cache(maxsize=64)
def _warnings(missing: tuple[int, ...]) -> tuple[str, ...]:
    """The same few warnings recur across a batch: build each sentence once."""
    return (estimate_warning(missing),)


def item_deadline(
    item_no: int | str,
    accepted: dt.date,
    channel: ChannelKind | str | None = None,
    *,
    catalog: Catalog,
    calendar: WorkCalendar,
) -> Deadline:
    """Due date of a catalog item on a channel; a channel with its own limit (61, 64) uses it."""
    item = catalog.item(item_no)
    kind = ChannelKind.parse(channel) if isinstance(channel, str) else channel
    if kind is None:
        _require_channel_if_limits_differ(item)
    limit = item.time_limit(kind)
    if not limit.instant and limit.working_days is None:
        raise DataError(f"事项 {item.no} 的办理时限“{limit.text}”不是工作日数，无法推算期限")
    shown = kind or limit.channel or (item.channel_kinds[0] if item.channel_kinds else None)
    result = due_date(
        accepted,
        None if limit.instant else limit.working_days,
        calendar=calendar,
        any_day=shown in ANY_DAY_CHANNELS,
    )
    return replace(
        result,
        item=item.no,
        item_name=item.name,
        channel=shown.value if shown else None,
        limit_text=limit.text,
    )


def _require_channel_if_limits_differ(item: Item) -> None:
    """Guessing the channel would give a wrong date on the others: ask which one is meant."""
    by_limit: dict[tuple[int | None, bool], tuple[str, list[str]]] = {}
    for kind in item.channel_kinds:
        limit = item.time_limit(kind)
        key = (limit.working_days, limit.instant)
        by_limit.setdefault(key, (limit.text, []))[1].append(kind.label)
    if len(by_limit) > 1:
        limits = "；".join(f"{'、'.join(labels)} {text}" for text, labels in by_limit.values())
        raise ChannelRequired(f"事项 {item.no} 各渠道办理时限不同（{limits}），请指定办理渠道")
