"""A case's written documents as the plain values their templates print.

受理通知书, 不予受理决定书, 一次性告知书, and 容缺受理通知书 with the 承诺书. The applicant's
number is always masked: a document is handed on, filed and copied.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from shebao.cases.letters import Letter, letter_for
from shebao.cases.records import CaseRecord
from shebao.guide.bundle import GuideBundle
from shebao.guide.model import Catalog, ChannelKind, Item

# The applicant's rights against a refusal, with their basis (行政许可法第三十二条 requires the
# refusal in writing and the rights stated).
RIGHTS = (
    "如对本决定不服，可以自收到本决定书之日起六十日内依法申请行政复议；"
    "也可以自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。"
)
RIGHTS_BASIS = (
    "《中华人民共和国社会保险法》第八十三条；《中华人民共和国行政复议法》第二十条；"
    "《中华人民共和国行政诉讼法》第四十六条"
)
REFUSAL_BASIS = "《中华人民共和国行政许可法》第三十二条"
NOTICE_BASIS = (
    "《中华人民共和国行政许可法》第三十二条第一款第（四）项：申请材料不齐全或者不符合法定形式的，"
    "应当当场或者在五日内一次告知申请人需要补正的全部内容"
)
_COMPLAINT = re.compile(r"监督投诉电话\s*([0-9-]{5,})|拨打\s*([0-9-]{5,})\s*咨询投诉")


def issuer(catalog: Catalog) -> str:
    """The center in whose name documents are issued: the guide's first hall."""
    halls = sorted(
        (p for p in catalog.places.values() if p.kind == "hall" and p.hall_no),
        key=lambda p: p.hall_no or 0,
    )
    return halls[0].name if halls else catalog.title


def phones(item: Item, point_phone: str | None) -> dict[str, Any]:
    """Where to ask and where to complain, as the catalog gives them for the item and point."""
    ask = [
        {"label": None if p.label in (None, "咨询电话") else p.label, "number": p.number}
        for p in item.phones
    ]
    if point_phone and all(p["number"] != point_phone for p in ask):
        ask.append({"label": "本服务点", "number": point_phone})
    found = _COMPLAINT.search(item.tips)
    return {"ask": ask, "complain": (found.group(1) or found.group(2)) if found else None}


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _applicant(record: CaseRecord) -> dict[str, Any]:
    who = record.applicant
    return {
        "kind": who.kind,
        "name": who.name,
        "number_label": "统一社会信用代码" if who.kind == "unit" else "证件号码",
        "number": who.masked_number,
        "contact": getattr(who, "contact", None),
    }


def letter_context(guide: GuideBundle, record: CaseRecord) -> dict[str, Any]:
    """Everything one document prints; `kind` names its template."""
    catalog = guide.catalog
    letter = letter_for(record.outcome)
    item = catalog.items[record.item]
    place = catalog.places.get(record.point)
    d = record.decision
    context: dict[str, Any] = {
        "kind": letter.value,
        "title": letter.title,
        "issuer": issuer(catalog),
        "number": record.number,
        "issued": d["decided_on"],
        "received": d["received"],
        "applicant": _applicant(record),
        "item": {"no": record.item, "name": record.item_name},
        "channel": ChannelKind(record.channel).label,
        "point": {
            "name": place.name if place else record.point,
            "address": place.address if place else None,
        },
        "phones": phones(item, place.phone if place else None),
        "catalog_version": d["catalog_version"],
    }
    if letter is Letter.ACCEPTANCE or letter is Letter.COMMITMENT:
        context |= {  # the case's dates: exact once an estimated year is loaded
            "accepted": _day(record.accepted),
            "due": _day(record.due),
            "due_estimated": record.due_estimated,
            "time_limit": d["time_limit"],
        }
    if letter is Letter.REFUSAL:
        context |= {
            "violations": [
                {"reason": v["reason"], "basis": v["basis"], "reading": v["reading"]}
                for v in d["violations"]
            ],
            "refusal_basis": REFUSAL_BASIS,
            "rights": RIGHTS,
            "rights_basis": RIGHTS_BASIS,
        }
    if letter is Letter.NOTICE or letter is Letter.COMMITMENT:
        context["missing"] = [{"name": m["name"], "source": m["source"]} for m in d["missing"]]
        context["notice_basis"] = NOTICE_BASIS
    if letter is Letter.COMMITMENT:
        context |= {
            "supplement_due": _day(record.supplement_due),
            "supplement_due_estimated": record.supplement_due_estimated,
            "supplement_working_days": d["supplement_working_days"],
            "supplement_basis": d["supplement_basis"],
        }
    return context
