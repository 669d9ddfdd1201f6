"""The item page and its one-page print view: what it is for, what to bring, where, how long.

Both are rendered once per generation (guide, calendar, Beijing date; see `rendered`), so they
are the same bytes for every visitor until the day turns.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from shebao.errors import ShebaoError
from shebao.present.checks import check_dict, rule_dict
from shebao.present.items import item_dict
from shebao.present.workdays import day_text, deadline_dict
from shebao.services import checks, workdays
from shebao.services.cases import ChannelKind
from shebao.web.citizen.labels import short_category
from shebao.web.citizen.notices import for_citizens
from shebao.web.citizen.pagecache import keep_for_the_day
from shebao.web.citizen.pages import HTML, find_item, not_found, render_shared
from shebao.web.citizen.rendered import PAGES
from shebao.web.core import runtime

if TYPE_CHECKING:
    from shebao.guide.model import Item
    from shebao.runtime import Runtime


@require_safe
def item_page(request: HttpRequest, no: str) -> HttpResponse:
    return _page(request, no, "citizen/item.html")


@require_safe
def item_print(request: HttpRequest, no: str) -> HttpResponse:
    return _page(request, no, "citizen/item_print.html")


def _page(request: HttpRequest, no: str, template: str) -> HttpResponse:
    rt = runtime()
    item = find_item(rt, no)
    if isinstance(item, str):
        return not_found(request, item)
    page = PAGES.get(
        rt, (template, item.no), lambda: render_shared(template, item_context(rt, item))
    )
    response = HttpResponse(page, content_type=HTML)
    return keep_for_the_day(response) if request.path in canonical_paths(item.no) else response


def canonical_paths(no: int) -> tuple[str, str]:
    """The item's own addresses (`/items/024` shows item 24 too, but is not kept)."""
    return (f"/items/{no}", f"/items/{no}/print")


def item_context(rt: Runtime, item: Item) -> dict[str, Any]:
    data = item_dict(rt.guide, item)
    blank = check_dict(checks.check_item(rt, item.no, {}))
    return {
        "item": data,
        "category_short": short_category(item.category),
        "materials": material_rows(data["materials"]),
        "channels": data["channels"],
        "limits": (limits := due_rows(rt, item)),
        "estimate_notes": estimate_notes(limits),
        "today": day_text(rt.today()),
        "prohibitions": prohibition_rows(rt, item, data),
        "self_check": bool(blank["missing_facts"]),
        # 网上办 here: any item with an online channel can be applied for on this site.
        "online_apply": ChannelKind.ONLINE in item.channel_kinds,
    }


def material_text(m: dict[str, Any]) -> str:
    """The guide's wording of one material, condition included."""
    text = (m.get("text") or "").rstrip("；;。")
    if text:
        return text
    return f"{m['name']}（{m['note']}）" if m.get("note") else m["name"]


def material_rows(materials: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The checklist: one row a material; materials to choose among grouped under their heading.

    The 容缺受理承诺书 is left out: it is signed at the window only when something may be missing.
    """
    rows: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for m in materials:
        if m.get("role") == "commitment":
            continue
        row = {
            "text": material_text(m),
            "condition": m.get("condition") if m["intake"] == "conditional" else None,
            "tolerable": bool(m.get("tolerable")),
            "parts": m.get("parts", []),
            "reading": m.get("reading"),
            "basis": m.get("basis"),
        }
        if m["intake"] == "one_of":
            heading = m["choice"]
            if heading not in groups:
                groups[heading] = {"heading": heading, "options": []}
                rows.append(groups[heading])
            groups[heading]["options"].append(row)
        else:
            rows.append(row)
    return rows


def due_rows(rt: Runtime, item: Item) -> list[dict[str, Any]]:
    """Per channel: the time limit and the due date if applied today; equal rows merged."""
    rows: list[dict[str, Any]] = []
    today = rt.today()
    for kind in item.channel_kinds:
        try:
            due = deadline_dict(workdays.item_due_date(rt, item.no, today, kind))
        except ShebaoError as exc:  # e.g. a holiday file that does not parse
            due = {"error": str(exc), "limit_text": item.time_limit(kind).text}
        same = next((r for r in rows if _same_due(r["due"], due)), None)
        if same:
            same["channels"].append(kind.label)
        else:
            rows.append({"channels": [kind.label], "due": due, "words": _due_words(due)})
    return rows


def estimate_notes(rows: list[dict[str, Any]]) -> list[str]:
    """Why dates are estimated, once each, in words for citizens."""
    found = [w for row in rows for w in row["due"].get("warnings", ())]
    return [for_citizens(w) for w in dict.fromkeys(found)]


def _same_due(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("limit_text", "due", "deemed_accepted", "estimated", "error")
    return all(a.get(k) == b.get(k) for k in keys)


def _due_words(due: dict[str, Any]) -> str:
    if "error" in due:
        return "今天申请的办结日期暂时无法计算，请以窗口告知为准"
    day = dt.date.fromisoformat(due["due"])
    if due["instant"] and not due["deemed_accepted"]:
        return "即时办结：今天申请，当天办结"
    deemed = ""
    if due["deemed_accepted"]:
        accepted = dt.date.fromisoformat(due["deemed_accepted"])
        deemed = f"今天不是工作日，视为 {day_text(accepted)} 受理；"
    if due["instant"]:
        return f"{deemed}即时办结，当天办结"
    estimated = "（估算）" if due["estimated"] else ""
    return f"{deemed}今天申请，最晚 {day_text(day)} 办结{estimated}"


def prohibition_rows(rt: Runtime, item: Item, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The list's prohibited situations for the item, each with how the system reads it."""
    rules = [rule_dict(r) for r in checks.rules(rt, item.no)]
    return [p | {"rules": [r for r in rules if r["rule"] == p["no"]]} for p in data["prohibitions"]]
