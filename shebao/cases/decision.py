"""The intake decision: refused, accepted, 容缺 or returned, in one step with the core's rules.

Nothing here stores anything. A Decision is what the case will keep, frozen as it was made: the
rules and facts used, what was missing, the deadlines and the versions of the data applied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from shebao.cases.applicants import Applicant, Person
from shebao.cases.documents import Document, mask_id
from shebao.cases.status import Status
from shebao.cases.supplement import supplement_due
from shebao.errors import InputError, echo
from shebao.guide.model import ChannelKind, Item
from shebao.rules.derived import DERIVED_SPECS
from shebao.rules.facts import FACTS, Facts, parse_fact, parse_facts
from shebao.rules.intake import Outcome, Requirement, intake_check
from shebao.rules.materials import split_provided
from shebao.rules.prohibitions import Violation, check
from shebao.runtime import Runtime
from shebao.workdays.dates import check_supported
from shebao.workdays.deadlines import item_deadline
from shebao.workdays.workcalendar import WorkCalendar


@dataclass(frozen=True, slots=True)
class RuleViolation:
    """A prohibited situation as the decision records it, apart from the engine's objects."""

    rule_id: str
    entry: int | None  # number in the 违规禁办事项清单; None: the item's own conditions
    basis: str
    reason: str
    reading: str | None
    facts: Mapping[str, Any]  # the facts the rule read (ID masked), with figures computed


@dataclass(frozen=True, slots=True)
class MissingMaterial:
    name: str
    tolerable: bool  # on the 容缺 list for this item
    source: str  # where to get it, as the one-time notice says


@dataclass(frozen=True)
class Decision:
    outcome: Status  # accepted | accepted_pending_materials | returned | refused
    item: int
    item_name: str
    channel: ChannelKind
    applicant: Applicant
    received: dt.date  # the day the application was received
    decided_on: dt.date  # today in Beijing when the decision was made
    violations: tuple[RuleViolation, ...]
    missing: tuple[MissingMaterial, ...]
    notice: str | None  # the one-time notice (一次性告知); None when refused before intake
    commitment_signed: bool
    provided: tuple[str, ...]
    facts: Mapping[str, Any]  # the facts the check ran on, ID masked
    catalog_version: str
    parameters_version: str
    accepted: dt.date | None = None  # the day deemed accepted (next working day if not one)
    due: dt.date | None = None
    due_estimated: bool = False
    time_limit: str | None = None  # the guide's wording of the item's limit on this channel
    time_limit_working_days: int | None = None  # the limit counted; None: settled on the spot
    supplement_due: dt.date | None = None
    supplement_due_estimated: bool = False
    supplement_working_days: int | None = None
    supplement_basis: str | None = None
    warnings: tuple[str, ...] = ()  # why a date is estimated


class NeedFacts(InputError):
    """The rules cannot decide without these facts: ask for them; nothing is stored (422)."""

    def __init__(self, item: Item, names: Sequence[str]) -> None:
        self.item = item.no
        self.facts = tuple(names)
        self.labels = {name: FACTS[name].label for name in self.facts}
        wanted = "、".join(f"{n}（{_fact_label(n)}）" for n in self.facts)
        super().__init__(f"事项{item.no}“{item.name}”须先提供以下事实才能判断能否受理：{wanted}")


def _fact_label(name: str) -> str:
    hint = "，或由申请人的身份证号码得出" if name in ("birth_date", "sex") else ""
    return FACTS[name].label + hint


class NeedCommitment(InputError):
    """Only tolerated materials are missing but the 容缺受理承诺书 is not signed (422)."""

    def __init__(self, item: Item, materials: Sequence[MissingMaterial]) -> None:
        self.item = item.no
        self.materials = tuple(materials)
        names = "、".join(m.name for m in self.materials)
        super().__init__(
            f"事项{item.no}“{item.name}”尚缺{names}，均可容缺：须申请人签署《容缺受理承诺书》"
            "后方可容缺受理，否则请补齐材料后再受理"
        )


def decide_intake(
    rt: Runtime,
    item: int | str,
    channel: ChannelKind | str,
    applicant: Applicant,
    facts: Mapping[str, Any],
    provided: Sequence[str] | str,
    commitment_signed: bool,
    received: dt.date | None = None,
) -> Decision:
    """Decide an intake; NeedFacts or NeedCommitment (InputErrors) when it cannot be decided yet."""
    entry = rt.catalog.item(item)
    kind = _channel(entry, channel)
    if not isinstance(commitment_signed, bool):
        raise InputError("commitment_signed（是否已签署容缺受理承诺书）应为 true 或 false")
    today = rt.today()
    day = _received(received, today)
    parsed = _facts(rt, applicant, facts, today)
    result = check(rt.guide, rt.parameters, entry.no, parsed, day)
    if result.allowed is None:
        raise NeedFacts(entry, result.missing_facts)
    names = _visible(provided if isinstance(provided, str) else list(provided))
    intake = intake_check(rt.guide, entry.no, names)
    base: dict[str, Any] = dict(
        item=entry.no,
        item_name=entry.name,
        channel=kind,
        applicant=applicant,
        received=day,
        decided_on=today,
        commitment_signed=commitment_signed,
        provided=tuple(m.provided for m in intake.matches),
        facts=_masked(result.facts, parsed),
        catalog_version=result.catalog_version,
        parameters_version=result.parameters_version,
    )
    if result.allowed is False:
        found = tuple(_violation(v, parsed) for v in result.violations)
        return Decision(Status.REFUSED, violations=found, missing=(), notice=None, **base)
    missing = tuple(_material(r) for r in intake.missing)
    base.update(violations=(), missing=missing, notice=intake.notice)
    if intake.outcome is Outcome.INCOMPLETE:
        return Decision(Status.RETURNED, **base)
    if intake.outcome is Outcome.TOLERATED and not commitment_signed:
        raise NeedCommitment(entry, missing)
    base.update(_deadlines(rt, entry, day, kind, tolerated=intake.outcome is Outcome.TOLERATED))
    if intake.outcome is Outcome.COMPLETE:
        return Decision(Status.ACCEPTED, **base)
    return Decision(Status.ACCEPTED_PENDING_MATERIALS, **base)


def _visible(names: Any) -> Any:
    """Material names as typed, refused when they hold control characters (a NUL would be
    stored with the case; nobody types one on purpose).

    >>> _visible(["病历资料"])
    ['病历资料']
    >>> _visible(["病历资料\\x00"])
    Traceback (most recent call last):
    shebao.errors.InputError: 已提交的材料第 1 项中有不可见的控制字符，请重新输入
    """
    texts = [names] if isinstance(names, str) else names
    for n, text in enumerate(texts, 1):
        if isinstance(text, str) and _CONTROL.search(text):
            where = "" if isinstance(names, str) else f"第 {n} 项"
            raise InputError(f"已提交的材料{where}中有不可见的控制字符，请重新输入")
    return names


# Unicode's control characters (category Cc: U+0000–U+001F, U+007F–U+009F) but tab, line feed
# and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _channel(item: Item, channel: ChannelKind | str) -> ChannelKind:
    kind = ChannelKind.parse(channel) if isinstance(channel, str) else channel
    if not isinstance(kind, ChannelKind):
        raise InputError("请指定办理渠道")
    item.time_limit(kind)  # InputError when the item has no such channel
    return kind


def _received(received: dt.date | None, today: dt.date) -> dt.date:
    if received is None:
        return today
    if isinstance(received, dt.datetime) or not isinstance(received, dt.date):
        raise InputError("收件日期应为日期（YYYY-MM-DD）")
    check_supported(received, "收件日期")
    if received > today:
        raise InputError(f"收件日期 {received.isoformat()} 晚于今天（{today.isoformat()}）")
    return received


def _facts(rt: Runtime, applicant: Applicant, given: Mapping[str, Any], today: dt.date) -> Facts:
    """The facts given, with what the applicant's document says; the two must agree."""
    if type(given) is not dict and not isinstance(given, Mapping):
        raise InputError('事实应为 JSON 对象，如 {"contribution_months": 180}')
    merged = dict(given)
    if isinstance(applicant, Person):
        own = applicant.facts()
        if applicant.document is not Document.RESIDENT_ID and given.get("id_number") is not None:
            raise InputError(
                f"申请人以{applicant.document.label}办理，"
                "事实中不应再提供 id_number（公民身份号码）"
            )
        for name, value in own.items():
            other = given.get(name)
            if other is not None and _fact(rt, name, other) != _fact(rt, name, value):
                raise InputError(
                    f"事实 {name}（{FACTS[name].label}）与申请人的证件不一致：证件为 "
                    f"{mask_id(value) if name == 'id_number' else echo(value)}"
                )
            merged[name] = value
    return parse_facts(merged, today=today, derived=DERIVED_SPECS)


def _fact(rt: Runtime, name: str, value: Any) -> Any:
    return parse_fact(name, value, rt.today())


def _masked(shown: Mapping[str, Any], parsed: Facts) -> Mapping[str, Any]:
    """JSON-ready facts with the ID number in its masked form (see documents.mask_id)."""
    out = _plain(dict(shown))
    number = parsed.get("id_number")
    if "id_number" in out and number:
        out["id_number"] = mask_id(number)
    return MappingProxyType(out)


def _plain(value: Any) -> Any:
    """A private, JSON-ready copy: the decision must not change when the engine's objects do."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:  # most values: no ABC check
        return value
    if kind is dict or isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _violation(v: Violation, parsed: Facts) -> RuleViolation:
    rule = v.rule
    return RuleViolation(
        rule_id=rule.id,
        entry=rule.entry,
        basis=rule.basis,
        reason=rule.reason,
        reading=rule.reading,
        facts=_masked(v.facts, parsed),
    )


def _material(req: Requirement) -> MissingMaterial:
    return MissingMaterial(name=req.label, tolerable=req.tolerable, source=req.source)


DEADLINES_KEPT = 4096  # (item, day, channel, 容缺) combinations: a few days' intakes


def _deadlines(
    rt: Runtime, item: Item, received: dt.date, channel: ChannelKind, *, tolerated: bool
) -> Mapping[str, Any]:
    """Due dates at acceptance: the item's, and for 容缺 the supplement's, in working days.

    The same for every intake of an item received on a day, so counted once per calendar (a
    holiday year loaded makes a new calendar, and new counts).
    """
    calendar = rt.calendar
    memo = rt.memos.get("deadlines")
    if memo is None or memo[0] is not calendar:
        memo = rt.memos["deadlines"] = (calendar, {})
    key = (item.no, received, channel, tolerated)
    dates = memo[1].get(key)
    if dates is None:
        if len(memo[1]) >= DEADLINES_KEPT:
            memo[1].clear()
        found = _count_deadlines(rt, calendar, item, received, channel, tolerated=tolerated)
        dates = memo[1][key] = MappingProxyType(found)
    return dates


def _count_deadlines(
    rt: Runtime,
    calendar: WorkCalendar,
    item: Item,
    received: dt.date,
    channel: ChannelKind,
    *,
    tolerated: bool,
) -> dict[str, Any]:
    deadline = item_deadline(item.no, received, channel, catalog=rt.catalog, calendar=calendar)
    accepted = deadline.acceptance_day
    dates: dict[str, Any] = dict(
        accepted=accepted,
        due=deadline.due,
        due_estimated=deadline.estimated,
        time_limit=deadline.limit_text,
        time_limit_working_days=deadline.working_days,
        warnings=deadline.warnings,
    )
    if not tolerated:
        return dates
    limit = rt.guide.supplement.for_item(item.no)
    if limit is None:  # the loader requires one for every item on the 容缺 list
        raise AssertionError(f"no supplement limit for item {item.no}")
    due = supplement_due(accepted, limit, calendar)
    return dates | dict(
        supplement_due=due,
        supplement_due_estimated=bool(calendar.unknown_years(accepted, due)),
        supplement_working_days=limit.working_days,
        supplement_basis=limit.basis,
    )


@dataclass(frozen=True)
class SupplementCheck:
    """What a 容缺 (or returned) case has once more materials are brought."""

    complete: bool  # nothing missing now: a 容缺 case may move to materials_supplemented
    missing: tuple[MissingMaterial, ...]
    provided: tuple[str, ...]  # everything brought so far, as typed
    notice: str  # the one-time notice for what is still missing


def check_supplement(
    rt: Runtime, item: int | str, before: Sequence[str], now: Sequence[str] | str
) -> SupplementCheck:
    """The materials brought at intake (`before`, as the decision recorded them) and now."""
    entry = rt.catalog.item(item)
    added = _visible(split_provided(now) if isinstance(now, str) else list(now))
    intake = intake_check(rt.guide, entry.no, [*before, *added])
    return SupplementCheck(
        complete=intake.outcome is Outcome.COMPLETE,
        missing=tuple(_material(r) for r in intake.missing),
        provided=tuple(m.provided for m in intake.matches),
        notice=intake.notice,
    )
