"""The intake form: what the clerk typed, read into the payload `take_in` takes, and the rows
the form shows (the item's facts as the self-check asks them, its material checklist).

Nothing here decides anything: the payload goes to `shebao.services.cases.decide_intake` for
the preview and to `shebao.web.cases.services.take_in` to store it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from shebao.errors import InputError
from shebao.present.items import item_dict
from shebao.rules.facts import FACTS
from shebao.services.cases import Document
from shebao.web.accounts.services import POINT_KINDS
from shebao.web.citizen.items import material_text
from shebao.web.citizen.questions import BIRTH, ID_NUMBER, SEX, question, read_answer

if TYPE_CHECKING:
    from django.http import QueryDict

    from shebao.guide.model import Item
    from shebao.runtime import Runtime

PERSON, UNIT = "person", "unit"
RESIDENT_ID = Document.RESIDENT_ID.value
# Read from the applicant's ID number, so never asked again.
FROM_APPLICANT = frozenset({ID_NUMBER, BIRTH, SEX})
FACT_PREFIX = "fact_"
MAX_FIELD = 200


@dataclass
class IntakeForm:
    """The form as posted (or prefilled from a ticket), kept as typed to show it again."""

    item: Item
    kind: str = PERSON
    document: str = RESIDENT_ID
    id_number: str = ""
    birth_date: str = ""  # only for documents other than the resident ID
    sex: str = ""
    name: str = ""
    phone: str = ""
    credit_code: str = ""
    contact: str = ""
    point: str = ""
    facts: dict[str, str] = field(default_factory=dict)
    provided: list[str] = field(default_factory=list)
    signed: bool = False
    source: str = ""  # the number of the life event's previous case it follows


def fact_names(rt: Runtime, item: Item) -> list[str]:
    """The facts the item's rules read, in the facts table's order, but those the ID gives."""
    reads = rt.guide.rules.reads.get(item.no, frozenset())
    return [name for name in FACTS if name in reads and name not in FROM_APPLICANT]


def read_form(rt: Runtime, item: Item, data: QueryDict) -> IntakeForm:
    def text(name: str) -> str:
        value = data.get(name, "")
        if len(value) > MAX_FIELD:
            raise InputError(f"填写的内容过长（最多 {MAX_FIELD} 个字）")
        return value.strip()

    kind = text("kind") or PERSON
    if kind not in (PERSON, UNIT):
        raise InputError("申请人类型只能是个人或单位")
    return IntakeForm(
        item=item,
        kind=kind,
        document=text("document") or RESIDENT_ID,
        id_number=text("id_number"),
        birth_date=text("birth_date"),
        sex=text("sex"),
        name=text("name"),
        phone=text("phone"),
        credit_code=text("credit_code"),
        contact=text("contact"),
        point=text("point"),
        facts={n: text(FACT_PREFIX + n) for n in fact_names(rt, item)},
        provided=[v for v in data.getlist("provided") if v.strip()][:100],
        signed=data.get("signed") == "yes",
        source=text("source"),
    )


def payload(rt: Runtime, form: IntakeForm) -> dict[str, Any]:
    """What `take_in` takes; InputError in words naming the field when a fact is wrong."""
    if form.kind == UNIT:
        applicant: dict[str, Any] = {
            "kind": UNIT,
            "credit_code": form.credit_code,
            "name": form.name,
            "phone": form.phone,
            "contact": form.contact or None,
        }
    else:
        applicant = {
            "kind": PERSON,
            "id_number": form.id_number,
            "name": form.name,
            "phone": form.phone,
        }
        if form.document != RESIDENT_ID:  # birth date and sex are not in the number then
            applicant |= {
                "document": form.document,
                "birth_date": form.birth_date or None,
                "sex": form.sex or None,
            }
    facts: dict[str, Any] = {}
    for name, typed in form.facts.items():
        if not typed:
            continue  # not known: the decision will say whether the rules need it
        try:
            facts[name] = read_answer(rt, name, typed)
        except InputError as exc:
            raise InputError(f"“{question(name).text}”：{exc}") from None
    body = {
        "item": form.item.no,
        "channel": "window",
        "applicant": applicant,
        "facts": facts,
        "provided": form.provided,
        "commitment_signed": form.signed,
    }
    if form.point:
        body["point"] = form.point
    if form.source:
        body["source"] = form.source
    return body


def fact_rows(rt: Runtime, form: IntakeForm) -> list[dict[str, Any]]:
    """Each fact as its question, with the answer typed so far."""
    rows = []
    for name in fact_names(rt, form.item):
        q = question(name)
        rows.append(
            {
                "field": FACT_PREFIX + name,
                "text": q.text,
                "hint": q.hint,
                "options": q.options,
                "numeric": q.numeric,
                "value": form.facts.get(name, ""),
            }
        )
    return rows


def material_rows(rt: Runtime, form: IntakeForm) -> list[dict[str, Any]]:
    """The guide's checklist, one checkbox a material (the commitment has its own box)."""
    rows = []
    for n, m in enumerate(item_dict(rt.guide, form.item)["materials"]):
        if m.get("role") == "commitment":
            continue
        rows.append(
            {
                "id": f"m{n}",
                "name": m["name"],
                "text": material_text(m),
                "tolerable": bool(m.get("tolerable")),
                "condition": m.get("condition") if m["intake"] == "conditional" else None,
                "choice": m.get("choice") if m["intake"] == "one_of" else None,
                "checked": m["name"] in form.provided,
            }
        )
    return rows


def document_rows() -> list[tuple[str, str]]:
    return [(d.value, d.label) for d in Document]


def point_rows(rt: Runtime) -> list[tuple[str, str]]:
    """The service points a supervisor may take a case in at."""
    return [(p.id, p.name) for p in rt.catalog.places.values() if p.kind in POINT_KINDS]
