"""A plan for one event and one person's facts: which steps apply and why, each step's own check,
where and by when, and the earliest day the whole journey can be done.

A step whose condition the facts cannot decide is neither included nor dropped: it is
"undecided", names the facts that would decide it, and is scheduled as if it applied, so the
dates never promise more than the facts allow.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shebao.events.checklist import ChecklistEntry, merge_materials
from shebao.events.model import Event, Step, StepStatus
from shebao.guide.model import Catalog, ChannelKind
from shebao.rules.conditions import Condition, given_inputs
from shebao.rules.derived import DERIVED, Context
from shebao.rules.facts import FACTS, Facts
from shebao.rules.parameters import Parameters
from shebao.rules.prohibitions import CheckResult, check
from shebao.workdays.deadlines import Deadline, item_deadline
from shebao.workdays.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from shebao.guide.bundle import GuideBundle

# How the dates are counted, stated once so every adapter can show it with the plan.
SCHEDULE_BASIS = (
    "每一步在它所需的前一步办结后的次日起即可申请（前一步即时办结的，当日即可接着办）；"
    "不需要前一步的，从开始日期起即可申请。每一步按指南的办理时限、在最快的办理渠道上推算办结日期"
    "（工作日按国务院办公厅节假日安排计算，含调休）；全部必办步骤中最晚的办结日期即最早全部办结日期。"
    "可选的步骤不计入全部办结日期；待定的步骤按需要办理排期，另算一个“若待定步骤也要办理”的日期。"
)


@dataclass(frozen=True)
class StepPlan:
    step: Step
    status: StepStatus
    facts: dict[str, Any]  # the given facts (and figures from them) its condition read
    missing_facts: tuple[str, ...] = ()  # UNDECIDED: the facts that would decide
    done: bool | None = None  # outside steps: already done (done_when), None when unknown
    done_missing: tuple[str, ...] = ()  # the facts that would say whether it is done
    check: CheckResult | None = None  # the item's prohibition check, on the day it is applied for
    ready: dt.date | None = None  # the earliest day it may be applied for
    deadline: Deadline | None = None  # item steps: accepted on `ready`, on the fastest channel
    fastest: ChannelKind | None = None  # set only when the channels' limits give different dates
    after: tuple[str, ...] = ()  # the steps of this journey it waits for

    @property
    def scheduled(self) -> bool:
        return self.status is not StepStatus.SKIPPED


@dataclass(frozen=True, eq=False)
class Plan:
    event: Event
    start: dt.date
    facts: dict[str, Any]  # as given, ID number masked
    steps: tuple[StepPlan, ...]
    checklist: tuple[ChecklistEntry, ...]
    finish: dt.date | None  # earliest day every required step that applies can be done
    finish_with_undecided: dt.date | None  # the same if the undecided steps apply too (else None)
    finish_estimated: bool  # `finish` counts days of a year whose holidays are not loaded
    missing_facts: tuple[str, ...]  # every fact that would decide a step or its check
    warnings: tuple[str, ...]
    catalog: Catalog
    catalog_version: str
    parameters_version: str
    basis: str = SCHEDULE_BASIS

    @property
    def provisional(self) -> bool:
        """Some steps are undecided: the facts in `missing_facts` would settle the plan."""
        return any(s.status is StepStatus.UNDECIDED for s in self.steps)

    @property
    def estimated(self) -> bool:
        """Some step's date (decided or not) counts days of a year not loaded yet."""
        return any(s.deadline is not None and s.deadline.estimated for s in self.steps)

    def step(self, step_id: str) -> StepPlan:
        for planned in self.steps:
            if planned.step.id == step_id:
                return planned
        raise KeyError(step_id)


def build_plan(
    guide: GuideBundle,
    params: Parameters,
    calendar: WorkCalendar,
    event: Event,
    facts: Facts,
    start: dt.date,
) -> Plan:
    """Decide, check and schedule every step of the event in order (needs come first)."""
    shown = facts.as_dict()
    done: dict[str, StepPlan] = {}
    for step in event.steps:
        done[step.id] = _plan_step(guide, params, calendar, step, facts, shown, start, done)
    steps = tuple(done.values())
    finish = _finish(steps, {StepStatus.APPLIES})
    return Plan(
        event=event,
        start=start,
        facts=shown,
        steps=steps,
        checklist=merge_materials(guide, steps),
        finish=finish,
        finish_with_undecided=(
            _finish(steps, {StepStatus.APPLIES, StepStatus.UNDECIDED})
            if any(s.status is StepStatus.UNDECIDED for s in steps)
            else None
        ),
        finish_estimated=bool(finish and calendar.unknown_years(start, finish)),
        missing_facts=_in_fact_order(_wanted(steps)),
        warnings=_warnings(steps),
        catalog=guide.catalog,
        catalog_version=guide.catalog.version,
        parameters_version=params.version,
    )


def _plan_step(
    guide: GuideBundle,
    params: Parameters,
    calendar: WorkCalendar,
    step: Step,
    facts: Facts,
    shown: dict[str, Any],
    start: dt.date,
    earlier: dict[str, StepPlan],
) -> StepPlan:
    after = tuple(n for n in step.needs if earlier[n].scheduled)
    ready = _ready(step, [earlier[n] for n in after], start)
    ctx = Context(facts, ready, params=params)
    status, used, missing = _decide(step.when, ctx, shown)
    if status is StepStatus.SKIPPED:
        return StepPlan(step, status, used)
    if step.item is None:
        is_done, _, done_missing = _decide(step.done_when, ctx, shown)
        known = None if is_done is StepStatus.UNDECIDED else is_done is StepStatus.APPLIES
        return StepPlan(
            step, status, used, missing, done=known if step.done_when else False,
            done_missing=done_missing, ready=ready, after=after,
        )  # fmt: skip
    deadline, fastest = _fastest(guide.catalog, calendar, step.item, ready)
    return StepPlan(
        step, status, used, missing,
        check=check(guide, params, step.item, facts, ready),
        ready=ready, deadline=deadline, fastest=fastest, after=after,
    )  # fmt: skip


def _finish(steps: tuple[StepPlan, ...], statuses: set[StepStatus]) -> dt.date | None:
    """The last due date of the required steps (of all, when every step is optional)."""
    dated = [s for s in steps if s.status in statuses and s.deadline is not None]
    required = [s for s in dated if not s.step.optional] or dated
    return max((s.deadline.due for s in required if s.deadline is not None), default=None)


def _decide(
    condition: Condition | None, ctx: Context, shown: dict[str, Any]
) -> tuple[StepStatus, dict[str, Any], tuple[str, ...]]:
    if condition is None:
        return StepStatus.APPLIES, {}, ()
    truth = condition.test(ctx)
    used = {n: shown[n] for n in given_inputs(condition) if n in shown}
    for name in condition.facts:
        if name in DERIVED and ctx.derived(name) is not None:
            used[name] = ctx.derived(name)
    if truth is None:
        return StepStatus.UNDECIDED, used, _in_fact_order(condition.missing(ctx))
    return (StepStatus.APPLIES if truth else StepStatus.SKIPPED), used, ()


def _ready(step: Step, before: list[StepPlan], start: dt.date) -> dt.date:
    """The day after the last step it needs is done (the same day after an instant step)."""
    ready = start
    for planned in before:
        if planned.deadline is not None:
            free = planned.deadline.due
            if not planned.deadline.instant:
                free += dt.timedelta(days=1)
        elif planned.done:
            free = start  # done before the journey starts
        else:
            free = planned.ready or start  # outside, no time limit in the guide: counted from then
        ready = max(ready, add_months(free, step.wait_months))
    return ready


def _fastest(
    catalog: Catalog, calendar: WorkCalendar, item: int, ready: dt.date
) -> tuple[Deadline, ChannelKind | None]:
    """The earliest due date over the item's channels; the channel only when it matters."""
    options = [
        (item_deadline(item, ready, kind, catalog=catalog, calendar=calendar), kind)
        for kind in catalog.item(item).channel_kinds
    ]
    best = min(options, key=lambda pair: pair[0].due)
    differ = len({d.due for d, _ in options}) > 1
    return best[0], (best[1] if differ else None)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day.

    >>> add_months(dt.date(2027, 1, 31), 1), add_months(dt.date(2026, 10, 9), 12)
    (datetime.date(2027, 2, 28), datetime.date(2027, 10, 9))
    """
    if months == 0:
        return day
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    last = gregorian.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _wanted(steps: Iterable[StepPlan]) -> set[str]:
    names: set[str] = set()
    for planned in steps:
        names.update(planned.missing_facts, planned.done_missing)
        if planned.check is not None and planned.check.allowed is None:
            names.update(planned.check.missing_facts)
    return names


def _in_fact_order(names: Iterable[str]) -> tuple[str, ...]:
    wanted = set(names)
    return tuple(n for n in FACTS if n in wanted)


def _warnings(steps: tuple[StepPlan, ...]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    awaited = {n for planned in steps if planned.scheduled for n in planned.after}
    for planned in steps:
        if planned.deadline is not None:
            out.update(dict.fromkeys(planned.deadline.warnings))
        if planned.step.id in awaited and planned.step.outside and not planned.done:
            out[
                f"“{planned.step.title}”由{planned.step.authority}办理，指南没有写明其时限："
                f"其后各步的日期从它办完之日起算，这里按 {planned.ready} 计。"
            ] = None
        if planned.check is not None and planned.check.allowed is False:
            out[
                f"“{planned.step.title}”按所给事实不予办理（见该步骤的禁办情形），"
                "全部办结日期以它能够办理为前提。"
            ] = None
    return tuple(out)
