"""Cases as JSON: the stored decision record, a case for the API, applicants and 422/409 bodies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from shebao.cases.applicants import Applicant, Person
from shebao.cases.decision import (
    Decision,
    MissingMaterial,
    NeedCommitment,
    NeedFacts,
    RuleViolation,
    SupplementCheck,
)
from shebao.cases.letters import letter_for
from shebao.cases.records import CaseRecord
from shebao.cases.status import Status, TransitionNotAllowed, allowed_targets
from shebao.cases.timers import Timer
from shebao.runtime import BEIJING

# Bump when the record's shape changes; a stored record is never rewritten, so readers of old
# records go by this number.
SCHEMA_VERSION = 1


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def violation_record(v: RuleViolation) -> dict[str, Any]:
    return {
        "rule_id": v.rule_id,
        "entry": v.entry,
        "basis": v.basis,
        "reason": v.reason,
        "reading": v.reading,
        "facts": dict(v.facts),
    }


def missing_record(m: MissingMaterial) -> dict[str, Any]:
    return {"name": m.name, "tolerable": m.tolerable, "source": m.source}


def applicant_dict(applicant: Applicant, *, full_number: bool = False) -> dict[str, Any]:
    """The applicant for the API; the full number only for the case's own page (`full_number`)."""
    number = applicant.number if full_number else applicant.masked_number
    if isinstance(applicant, Person):
        return {
            "kind": "person",
            "document": applicant.document.value,
            "document_label": applicant.document.label,
            "id_number": number,
            "name": applicant.name,
            "phone": applicant.phone,
            "birth_date": applicant.birth_date.isoformat() if applicant.birth_date else None,
            "sex": applicant.sex.value if applicant.sex else None,  # None: erased
        }
    return {
        "kind": "unit",
        "credit_code": number,
        "name": applicant.name,
        "contact": applicant.contact,
        "phone": applicant.phone,
    }


def decision_record(decision: Decision) -> dict[str, Any]:
    """The decision as it is stored with the case and never rewritten: typed records only, the
    ID masked, with the versions of the catalog and parameters it was made under.

    It holds the facts the rules used, which may include the birth date: show it on the case's
    own page only, never in lists or exports.
    """
    d = decision
    applicant = d.applicant
    return {
        "schema_version": SCHEMA_VERSION,
        "outcome": d.outcome.value,
        "item": d.item,
        "item_name": d.item_name,
        "channel": d.channel.value,
        "applicant": {
            "kind": applicant.kind,
            "document": applicant.document.value if isinstance(applicant, Person) else None,
            "number_masked": applicant.masked_number,
        },
        "received": d.received.isoformat(),
        "decided_on": d.decided_on.isoformat(),
        "accepted": _day(d.accepted),
        "time_limit": d.time_limit,
        "time_limit_working_days": d.time_limit_working_days,
        "due": _day(d.due),
        "due_estimated": d.due_estimated,
        "supplement_due": _day(d.supplement_due),
        "supplement_due_estimated": d.supplement_due_estimated,
        "supplement_working_days": d.supplement_working_days,
        "supplement_basis": d.supplement_basis,
        "warnings": list(d.warnings),
        "violations": [violation_record(v) for v in d.violations],
        "missing": [missing_record(m) for m in d.missing],
        "notice": d.notice,
        "commitment_signed": d.commitment_signed,
        "provided": list(d.provided),
        "facts": dict(d.facts),
        "catalog_version": d.catalog_version,
        "parameters_version": d.parameters_version,
    }


def case_dict(
    *,
    number: str,
    outcome: Status | str,
    status: Status | str,
    due: dt.date | None,
    timer: Timer | str | None,
    supplement_due: dt.date | None,
    history: Iterable[Mapping[str, Any]],
    item: int | None = None,
    item_name: str | None = None,
    due_estimated: bool = False,
    allowed: Iterable[Status] | None = None,
) -> dict[str, Any]:
    """A case as the API returns it, from plain values (the web's model fields). `history` is
    oldest first, each `{status, at, note}` (`at` a datetime or its ISO text). `allowed`: the
    changes a staff member may choose now (default: the table's)."""
    now = Status.parse(status)
    targets = allowed_targets(now) if allowed is None else allowed
    return {
        "number": number,
        "item": item,
        "item_name": item_name,
        "outcome": Status.parse(outcome).value,
        "status": now.value,
        "status_label": now.label,
        "due": _day(due),
        "due_estimated": due_estimated,
        "timer": Timer(timer).value if timer is not None else None,
        "timer_label": Timer(timer).label if timer is not None else None,
        "supplement_due": _day(supplement_due),
        "allowed": [s.value for s in targets],
        "history": [_history(h) for h in history],
    }


def _history(entry: Mapping[str, Any]) -> dict[str, Any]:
    at = entry["at"]
    shown = {
        "status": Status.parse(entry["status"]).value,
        "at": _moment(at) if isinstance(at, dt.datetime) else str(at),
        "note": entry.get("note") or "",
    }
    if "by" in entry:  # staff only: the public history never names them
        shown["by"] = entry["by"]
    return shown


def _moment(at: dt.datetime) -> str:
    """A stored moment in Beijing time (the guide's days are Beijing days), to the second."""
    if at.tzinfo is not None:
        at = at.astimezone(BEIJING)
    return at.isoformat(timespec="seconds")


def need_facts_dict(error: NeedFacts) -> dict[str, Any]:
    """The 422 body when the rules need facts: what to ask for, by name and label."""
    return {
        "detail": str(error),
        "item": error.item,
        "missing_facts": [{"name": n, "label": error.labels[n]} for n in error.facts],
    }


def need_commitment_dict(error: NeedCommitment) -> dict[str, Any]:
    """The 422 body when only 容缺 materials are missing and the commitment is not signed."""
    return {
        "detail": str(error),
        "item": error.item,
        "commitment_required": True,
        "materials": [missing_record(m) for m in error.materials],
    }


def transition_refused_dict(error: TransitionNotAllowed) -> dict[str, Any]:
    """The 409 body: the change asked for, and the list of allowed targets."""
    return {
        "detail": str(error),
        "status": error.current.value,
        "to": error.target.value,
        "allowed": [s.value for s in error.allowed],
    }


# --- stored cases -----------------------------------------------------------------------------


def _history_of(record: CaseRecord, *, staff: bool) -> list[dict[str, Any]]:
    entries = []
    for h in record.history:
        entry: dict[str, Any] = {"status": h.status, "at": h.at, "note": h.note}
        if staff:
            entry["by"] = h.by
        entries.append(entry)
    return entries


def _base(record: CaseRecord, *, staff: bool) -> dict[str, Any]:
    return case_dict(
        number=record.number,
        outcome=record.outcome,
        status=record.status,
        due=record.due,
        timer=record.timer,
        supplement_due=record.supplement_due,
        history=_history_of(record, staff=staff),
        item=record.item,
        item_name=record.item_name,
        due_estimated=record.due_estimated,
        allowed=record.allowed,
    )


def case_summary(record: CaseRecord) -> dict[str, Any]:
    """A case in a list: the applicant's number masked, no facts, no history."""
    shown = _base(record, staff=True)
    del shown["history"]
    return shown | {
        "channel": record.channel.value,
        "point": record.point,
        "applicant": {
            "kind": record.applicant.kind,
            "name": record.applicant.name,
            "number": record.applicant.masked_number,
        },
        "received": _day(record.received),
        "created_at": _moment(record.created_at),
    }


def case_detail(record: CaseRecord, *, full_number: bool = False) -> dict[str, Any]:
    """A case on its own page: everything, the frozen decision included, history with who did
    each change; the applicant's full number only with `full_number` (staff who may see it)."""
    return _base(record, staff=True) | {
        "channel": record.channel.value,
        "point": record.point,
        "applicant": applicant_dict(record.applicant, full_number=full_number),
        "received": _day(record.received),
        "accepted": _day(record.accepted),
        "supplement_due_estimated": record.supplement_due_estimated,
        "provided": list(record.provided),
        "commitment_signed": record.commitment_signed,
        "letter": letter_for(record.outcome).value,
        "created_at": _moment(record.created_at),
        "created_by": record.created_by,
        "decision": dict(record.decision),
    }


def public_case_dict(record: CaseRecord) -> dict[str, Any]:
    """What the applicant sees with the case number and the last 6 characters of the ID: the
    status, the dates and the history, without staff names or personal data."""
    now = record.status
    return {
        "number": record.number,
        "item": record.item,
        "item_name": record.item_name,
        "status": now.value,
        "status_label": now.label,
        "received": _day(record.received),
        "due": _day(record.due),
        "due_estimated": record.due_estimated,
        "supplement_due": _day(record.supplement_due) if now.open else None,
        "history": [_history(h) for h in _history_of(record, staff=False)],
    }


def public_case_page(record: CaseRecord) -> dict[str, Any]:
    """`public_case_dict` for the citizen's progress page: each history row also labelled."""
    shown = public_case_dict(record)
    for entry in shown["history"]:
        entry["status_label"] = Status.parse(entry["status"]).label
    return shown


def supplement_dict(record: CaseRecord, check: SupplementCheck) -> dict[str, Any]:
    """The answer to materials brought later: the case, and what is still missing if anything."""
    return {
        "complete": check.complete,
        "missing": [missing_record(m) for m in check.missing],
        "notice": None if check.complete else check.notice,
        "case": case_detail(record),
    }


# --- history notes written by the system (shown to the applicant too: no personal data) ------


def intake_note(decision: Decision) -> str:
    """The first history row's note: the outcome and what it rests on.

    >>> from shebao.cases.decision import MissingMaterial
    >>> from types import SimpleNamespace as D
    >>> intake_note(D(outcome=Status.RETURNED, violations=(), due=None,
    ...     missing=(MissingMaterial("病历资料", True, "医疗机构"),)))
    '补正：一次性告知须补正的材料 1 项（病历资料）'
    """
    d = decision
    if d.outcome is Status.REFUSED:
        bases = "；".join(dict.fromkeys(v.basis for v in d.violations))
        return f"不予受理：{bases}"
    names = "、".join(m.name for m in d.missing)
    if d.outcome is Status.RETURNED:
        return f"补正：一次性告知须补正的材料 {len(d.missing)} 项（{names}）"
    due = f"；办结期限 {_day(d.due)}" + ("（估算）" if d.due_estimated else "")
    if d.outcome is Status.ACCEPTED_PENDING_MATERIALS:
        return f"容缺受理：待补 {names}，补齐期限 {_day(d.supplement_due)}{due}"
    return "受理" + due


def supplement_note(check: SupplementCheck) -> str:
    return "容缺材料已补齐：" + "、".join(check.provided)


def termination_note(supplement_due: dt.date | None) -> str:
    return f"容缺材料未在补齐期限（{_day(supplement_due)}）内补齐，终止办理"
