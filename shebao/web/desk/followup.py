"""A life event's next step started from the previous step's case (issue 15): the links the case
page offers, and what the intake form carries over: the applicant, the facts both items read,
and the materials already brought that the next item also asks for (matched as intake matches).

The previous case is passed by its number, never the applicant's ID in a URL; a case the clerk
may not see (another point's) is "not found" like any unknown number.
"""

from __future__ import annotations

from typing import Any

from shebao.cases.applicants import Person
from shebao.rules.intake import intake_check
from shebao.services.cases import CaseRecord
from shebao.services.events import next_steps
from shebao.web.cases.queries import Viewer, visible
from shebao.web.desk.intake_form import PERSON, UNIT, fact_names


def next_links(rt: Any, record: CaseRecord) -> list[dict[str, Any]]:
    """The steps that may follow this case, each with the intake link that carries it over."""
    facts = dict(record.decision.get("facts") or {})
    links = []
    for step in next_steps(rt, record.item, facts):
        links.append(
            {
                "item": step.item,
                "name": step.item_name,
                "events": "、".join(step.events),
                "undecided": bool(step.undecided),
                "url": f"/desk/intake?item={step.item}&from={record.number}",
            }
        )
    return links


def linked(staff: Viewer, number: str) -> dict[str, Any]:
    """The case this one was started from, and the cases started from it, that staff may see."""
    cases = visible(staff)
    source = cases.filter(number=number).values_list("source__number", flat=True).first()
    after = cases.filter(source__number=number).order_by("created_at", "id")
    return {
        "source": source if source and cases.filter(number=source).exists() else None,
        "followups": list(after.values("number", "item", "item_name")),
    }


def carried(rt: Any, record: CaseRecord, item: Any) -> dict[str, Any]:
    """IntakeForm fields for `item` from the previous step's case `record`."""
    who = record.applicant
    if isinstance(who, Person):
        fields: dict[str, Any] = {
            "kind": PERSON,
            "document": who.document.value,
            "id_number": who.number,
            "name": who.name,
            "phone": who.phone,
            "birth_date": who.birth_date.isoformat(),
            "sex": who.sex.value,
        }
    else:
        fields = {
            "kind": UNIT,
            "credit_code": who.number,
            "name": who.name,
            "phone": who.phone,
            "contact": who.contact or "",
        }
    given = record.decision.get("facts") or {}
    fields["facts"] = {n: _typed(given[n]) for n in fact_names(rt, item) if n in given}
    fields["provided"] = shared_materials(rt, record, item)
    fields["source"] = record.number
    fields["point"] = record.point
    return fields


def shared_materials(rt: Any, record: CaseRecord, item: Any) -> list[str]:
    """The next item's materials among those brought for the previous case."""
    if not record.provided:
        return []
    check = intake_check(rt.guide, item.no, list(record.provided))
    return list(dict.fromkeys(m.material for m in check.matches if m.material and not m.negated))


def _typed(value: Any) -> str:
    """A stored fact as the form's field holds it (the answers the questions accept)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
