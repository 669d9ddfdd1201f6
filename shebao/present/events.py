"""Life events and their plans as JSON-ready dicts and Chinese text (`shebao event`, the API)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from shebao.events.checklist import ONE_OF, ChecklistEntry, Need
from shebao.events.model import QUOTE_SOURCES, Event, Quote, Step, StepStatus
from shebao.events.planning import Plan, StepPlan
from shebao.guide.model import ChannelKind
from shebao.present.checks import check_dict, fact_label
from shebao.present.items import channel_dict
from shebao.present.workdays import day_text, deadline_dict
from shebao.rules.derived import ALL_SPECS

ONLINE_KINDS = (ChannelKind.ONLINE, ChannelKind.MOBILE)
STATUS_LABELS = {
    StepStatus.APPLIES: "要办",
    StepStatus.SKIPPED: "不需要办",
    StepStatus.UNDECIDED: "待定",
}


def fact_question(name: str) -> dict[str, Any]:
    spec = ALL_SPECS[name]
    return {"name": name, "label": spec.label, "accepted": spec.accepted()}


def value_words(name: str, value: Any) -> str:
    """A fact's value as a person reads it: 是/否, a choice's label, or the figure."""
    spec = ALL_SPECS[name]
    if isinstance(value, bool):
        return "是" if value else "否"
    if spec.choices and value in spec.choices:
        return spec.choices[value]
    return str(value)


_SYMBOLS = {"lt": "小于", "le": "不大于", "gt": "大于", "ge": "不小于"}


def condition_words(raw: Mapping[str, Any]) -> str:
    """A step condition as written in the data, in words.

    >>> condition_words({"all": [{"fact": "death", "eq": "work_related"},
    ...                          {"fact": "has_dependants", "eq": True}]})
    '参保人是否死亡及死亡原因为“因工死亡”，且有由死者生前供养的直系亲属'
    """
    if "all" in raw:
        return "，且".join(_part(p) for p in raw["all"])
    if "any" in raw:
        return "；或者".join(_part(p) for p in raw["any"])
    if "not" in raw:
        return f"并非“{condition_words(raw['not'])}”"
    name = raw["fact"]
    op = next(k for k in raw if k != "fact")
    label, expected = ALL_SPECS[name].label, raw[op]
    if isinstance(expected, bool):
        return label if expected == (op == "eq") else f"并非{label}"
    if op in ("in", "not_in"):
        words = "或".join(f"“{value_words(name, v)}”" for v in expected)
        return f"{label}{'为' if op == 'in' else '不是'}{words}"
    if op in _SYMBOLS:
        return f"{label}{_SYMBOLS[op]}{expected}"
    return f"{label}{'为' if op == 'eq' else '不是'}“{value_words(name, expected)}”"


def _part(raw: Mapping[str, Any]) -> str:
    inner = condition_words(raw)
    return f"（{inner}）" if ("all" in raw or "any" in raw) else inner


def quote_dict(quote: Quote) -> dict[str, Any]:
    return {"item": quote.item, "item_name": quote.item_name, "source": quote.source,
            "quote": quote.text}  # fmt: skip


def _step_outline(step: Step) -> dict[str, Any]:
    return {
        "id": step.id,
        "title": step.title,
        "item": step.item,
        "outside": step.outside,
        "authority": step.authority,
        "applicant": step.applicant,
        "optional": step.optional,
        "when": condition_words(step.when_raw) if step.when_raw else None,
        "needs": list(step.needs),
        "wait_months": step.wait_months,
        "produces": step.produces,
        "basis": [quote_dict(q) for q in step.basis],
        "laws": [law.text for law in step.laws],
        "reading": step.reading,
    }


def event_summary(event: Event) -> dict[str, Any]:
    """One event as `shebao event list --json` and `GET /api/events` list it."""
    return {
        "key": event.key,
        "name": event.name,
        "aliases": list(event.aliases),
        "summary": event.summary,
        "subject": event.subject,
        "items": list(event.items),
        "questions": [fact_question(n) for n in event.questions],
        "steps": [_step_outline(s) for s in event.steps],
        "notes": list(event.notes),
    }


def why_words(planned: StepPlan) -> str:
    """Why a step is in, out or undecided, with the facts that decided it."""
    raw = planned.step.when_raw
    if raw is None:
        return "这件事都要办理这一步"
    words = condition_words(raw)
    used = "，".join(f"{ALL_SPECS[n].label}：{value_words(n, v)}" for n, v in planned.facts.items())
    given = f"（所给事实——{used}）" if used else ""
    if planned.status is StepStatus.APPLIES:
        return f"适用，因为{words}{given}"
    if planned.status is StepStatus.SKIPPED:
        return f"不适用：只在{words}时办理{given}"
    missing = "、".join(ALL_SPECS[n].label for n in planned.missing_facts)
    return f"待定：在{words}时办理；还需要知道：{missing}{given}"


def _where(plan: Plan, item_no: int) -> dict[str, Any]:
    item = plan.catalog.item(item_no)
    return {
        "online": any(k in ONLINE_KINDS for k in item.channel_kinds),
        "channels": [channel_dict(plan.catalog, c) for c in item.channels],
    }


def step_dict(plan: Plan, planned: StepPlan) -> dict[str, Any]:
    step = planned.step
    out = _step_outline(step) | {
        "item_name": plan.catalog.item(step.item).name if step.item else None,
        "status": planned.status.value,
        "why": why_words(planned),
        "facts": planned.facts,
        "missing_facts": list(planned.missing_facts),
        "after": list(planned.after),
        "ready": planned.ready.isoformat() if planned.ready else None,
    }
    if step.outside:
        out["done"] = planned.done
        out["done_missing_facts"] = list(planned.done_missing)
    if planned.deadline is not None and step.item is not None:
        out["deadline"] = deadline_dict(planned.deadline)
        out["fastest_channel"] = planned.fastest.value if planned.fastest else None
        out["where"] = _where(plan, step.item)
    if planned.check is not None:
        out["check"] = check_dict(planned.check)
    return out


def _need_dict(need: Need) -> dict[str, Any]:
    return {
        "step": need.step,
        "item": need.item,
        "wording": need.wording,
        "tolerable": need.tolerable,
        "source": need.source,
        "certain": need.certain,
    }


def checklist_dict(entry: ChecklistEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": entry.name,
        "kind": entry.kind,
        "certain": entry.certain,
        "steps": list(entry.steps),
        "needed_by": [_need_dict(n) for n in entry.needs],
    }
    if entry.kind == ONE_OF:
        out["heading"] = entry.heading
        out["options"] = [
            {"label": o.label, "documents": [d.key for d in o.documents]} for o in entry.options
        ]
    return out


def plan_dict(plan: Plan) -> dict[str, Any]:
    """The JSON of `shebao event plan --json` and `POST /api/events/{event}/plan`."""
    return {
        "event": {"key": plan.event.key, "name": plan.event.name, "subject": plan.event.subject},
        "start": plan.start.isoformat(),
        "finish": plan.finish.isoformat() if plan.finish else None,
        "finish_with_undecided": (
            plan.finish_with_undecided.isoformat() if plan.finish_with_undecided else None
        ),
        "finish_estimated": plan.finish_estimated,
        "provisional": plan.provisional,
        "estimated": plan.estimated,
        "warnings": list(plan.warnings),
        "missing_facts": [fact_question(n) for n in plan.missing_facts],
        "steps": [step_dict(plan, s) for s in plan.steps],
        "checklist": [checklist_dict(e) for e in plan.checklist],
        "notes": list(plan.event.notes),
        "basis": plan.basis,
        "facts": plan.facts,
        "catalog_version": plan.catalog_version,
        "parameters_version": plan.parameters_version,
    }


def _place_words(plan: Plan, place_id: str) -> str:
    place = plan.catalog.places[place_id]
    details = "，".join(d for d in (place.address, place.phone) if d)
    return f"{place.name}（{details}）" if details else place.name


def _where_words(plan: Plan, item_no: int) -> str:
    parts = []
    for channel in plan.catalog.item(item_no).channels:
        if channel.places:
            cond = f"（{channel.condition}）" if channel.condition else ""
            if len(channel.places) == 1:
                where = _place_words(plan, channel.places[0])
            else:  # the halls: their names here, addresses in `shebao halls` and the JSON
                names = "、".join(plan.catalog.places[p].name for p in channel.places)
                where = f"{len(channel.places)} 处任选其一：{names}"
            parts.append(f"{channel.kind.label}{cond}：{where}")
        elif channel.routes and channel.routes[0].url:
            parts.append(f"{channel.kind.label}：{channel.routes[0].url}")
        else:
            parts.append(channel.kind.label)
    return "；".join(parts)


def _timing_words(planned: StepPlan) -> str:
    d = planned.deadline
    if d is None or planned.ready is None:
        return ""
    channel = f"{planned.fastest.label}" if planned.fastest else ""
    how = "即时办结" if d.instant else f"{d.working_days}个工作日"
    estimated = "，估算" if d.estimated else ""
    if d.deemed_accepted and d.deemed_accepted != planned.ready:
        how = f"{day_text(d.deemed_accepted)}视为受理，{how}"
    return f"{day_text(planned.ready)}起可申请；{channel}{how}，办结 {day_text(d.due)}{estimated}"


def _check_lines(planned: StepPlan) -> list[str]:
    result = planned.check
    if result is None:
        return []
    if result.allowed:
        return ["能否办理：可以办理（未发现违规禁办情形）"]
    if result.allowed is None:
        missing = "、".join(ALL_SPECS[n].label for n in result.missing_facts)
        return [f"能否办理：不能确定，还需要知道：{missing}"]
    lines = ["能否办理：按所给事实不予办理"]
    for v in result.violations:
        lines.append(f"  ✗ {v.rule.reason}（依据：{v.rule.basis}）")
    return lines


def _basis_words(step: Step) -> list[str]:
    lines = [
        f"依据：事项{q.item}“{q.item_name}”{QUOTE_SOURCES[q.source]}：“{q.text}”"
        for q in step.basis
    ]
    lines += [f"国家规定：{law.text}" for law in step.laws]
    if step.reading:
        lines.append(f"我们的理解：{step.reading}")
    return lines


def _title(planned: StepPlan) -> str:
    step = planned.step
    if step.outside:
        done = {True: "；已办", False: "；待办", None: "；不知是否已办"}[planned.done]
        return (
            f"{step.title}（不在本中心：由{step.authority}办理{done if planned.scheduled else ''}）"
        )
    flags = "".join(f"（{w}）" for w in (step.applicant and f"由{step.applicant}申请",
                                          step.optional and "可选") if w)  # fmt: skip
    return f"{step.title}（事项{step.item}）{flags}"


def _step_lines(plan: Plan, number: int, planned: StepPlan) -> list[str]:
    lines = [f"为什么：{why_words(planned)}", *_basis_words(planned.step)]
    lines += _check_lines(planned)
    if planned.after:
        lines.append("先办完：" + "、".join(plan.step(a).step.title for a in planned.after))
    if timing := _timing_words(planned):
        lines.append(f"时间：{timing}")
    if planned.step.item is not None:
        lines.append(f"地点：{_where_words(plan, planned.step.item)}")
    tag = "[待定] " if planned.status is StepStatus.UNDECIDED else ""
    return [f"  {number}. {tag}{_title(planned)}"] + [f"     {line}" for line in lines]


def _checklist_lines(entries: tuple[ChecklistEntry, ...], numbers: dict[str, int]) -> list[str]:
    lines, conditional = [], []
    for entry in sorted(entries, key=lambda e: not e.certain):  # what is surely needed first
        steps = "、".join(f"第{numbers[s]}步" for s in entry.steps)
        maybe = "" if entry.certain else "（仅当待定的步骤要办时）"
        text = f"{entry.name} —— {steps}{maybe}"
        if entry.kind == "conditional":
            conditional.append(f"  - {text}")
        else:
            lines.append(f"  {len(lines) + 1}. {text}")
    if conditional:
        lines += ["  视情况提供：", *conditional]
    return lines or ["  （指南没有列出要件）"]


def describe_plan(plan: Plan) -> str:
    """The plan as a citizen or a clerk reads it: steps in order, why, when, where, materials."""
    scheduled = [s for s in plan.steps if s.scheduled]
    numbers = {s.step.id: n for n, s in enumerate(scheduled, 1)}
    out = [f"【{plan.event.name}】办理计划", f"事实说的是：{plan.event.subject}",
           f"开始日期：{day_text(plan.start)}"]  # fmt: skip
    if plan.finish:
        out.append(f"最早全部办结：{_date_words(plan.finish, plan.finish_estimated)}")
    if plan.finish_with_undecided and plan.finish_with_undecided != plan.finish:
        late = _date_words(plan.finish_with_undecided, plan.estimated)
        out.append(f"若待定的步骤也要办理：{late}")
    out += ["", "步骤（按办理顺序；[待定] 的要看下面还需要知道的事实）："]
    for planned in scheduled:
        out += _step_lines(plan, numbers[planned.step.id], planned)
    skipped = [s for s in plan.steps if not s.scheduled]
    if skipped:
        out += ["", "不需要办的步骤："]
        out += [f"  - {_title(s)}：{why_words(s)}" for s in skipped]
    out += ["", "材料清单（同一材料只列一次）：", *_checklist_lines(plan.checklist, numbers)]
    if plan.missing_facts:
        out += ["", "还需要知道（回答后计划更确定）："]
        out += [f"  - {fact_label(n)}：{ALL_SPECS[n].accepted()}" for n in plan.missing_facts]
    out += [""] + [f"注意：{w}" for w in plan.warnings] + [f"说明：{n}" for n in plan.event.notes]
    out.append(f"日期怎样算：{plan.basis}")
    return "\n".join(out)


def _date_words(day: dt.date, estimated: bool) -> str:
    return day_text(day) + ("（估算）" if estimated else "")
