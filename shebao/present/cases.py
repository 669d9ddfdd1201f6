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
)
from shebao.cases.status import Status, TransitionNotAllowed, allowed_targets
from shebao.cases.timers import Timer

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
            "birth_date": applicant.birth_date.isoformat(),
            "sex": applicant.sex.value,
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
) -> dict[str, Any]:
    """A case as the API returns it, from plain values (the web's model fields). `history` is
    oldest first, each `{status, at, note}` (`at` a datetime or its ISO text)."""
    now = Status.parse(status)
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
        "allowed": [s.value for s in allowed_targets(now)],
        "history": [_history(h) for h in history],
    }


def _history(entry: Mapping[str, Any]) -> dict[str, Any]:
    at = entry["at"]
    return {
        "status": Status.parse(entry["status"]).value,
        "at": at.isoformat() if isinstance(at, dt.date) else str(at),
        "note": entry.get("note") or "",
    }


def need_facts_dict(error: NeedFacts) -> dict[str, Any]:
    """The 422 body when the rules need facts: what to ask for, by name and label."""
    return {
        "error": str(error),
        "item": error.item,
        "missing_facts": [{"name": n, "label": error.labels[n]} for n in error.facts],
    }


def need_commitment_dict(error: NeedCommitment) -> dict[str, Any]:
    """The 422 body when only 容缺 materials are missing and the commitment is not signed."""
    return {
        "error": str(error),
        "item": error.item,
        "commitment_required": True,
        "materials": [missing_record(m) for m in error.materials],
    }


def transition_refused_dict(error: TransitionNotAllowed) -> dict[str, Any]:
    """The 409 body: the change asked for, and the list of allowed targets."""
    return {
        "error": str(error),
        "status": error.current.value,
        "to": error.target.value,
        "allowed": [s.value for s in error.allowed],
    }
