"""The home page (search, categories, halls), search results and the items of a category."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from shebao.errors import InputError
from shebao.present.items import item_summary, limit_text, place_dict
from shebao.services import catalog
from shebao.text import clean
from shebao.web.citizen.labels import CATEGORY_ORDER, category_named, short_category
from shebao.web.citizen.pagecache import keep_for_the_day
from shebao.web.citizen.rendered import PAGES
from shebao.web.core import runtime

if TYPE_CHECKING:
    from shebao.guide.model import Item
    from shebao.runtime import Runtime

MAX_QUERY = 100  # characters of a question kept; the longest everyday question is far shorter
HTML = "text/html; charset=utf-8"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    rt = runtime()
    page = PAGES.get(rt, ("home",), lambda: render_shared("citizen/home.html", _home_context(rt)))
    return keep_for_the_day(HttpResponse(page, content_type=HTML))


def render_shared(template: str, context: dict[str, Any]) -> bytes:
    """A page that is the same for every visitor (no request: no cookie, no CSRF token)."""
    return render_to_string(template, context).encode("utf-8")


def _home_context(rt: Runtime) -> dict[str, Any]:
    return {
        "categories": category_rows(rt),
        "halls": [place_dict(p) for p in rt.catalog.halls()],
        "events": [{"key": e.key, "name": e.name} for e in rt.guide.events.events],
    }


def category_rows(rt: Runtime) -> list[dict[str, Any]]:
    present = rt.catalog.categories()
    ordered = [c for c in CATEGORY_ORDER if c in present] + [
        c for c in present if c not in CATEGORY_ORDER
    ]
    counts = {c: len(catalog.items(rt, c)) for c in ordered}
    return [{"name": c, "short": short_category(c), "count": counts[c]} for c in ordered]


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    from shebao.present.search import answer_page  # jieba loads only when a search is asked for
    from shebao.services.events import events
    from shebao.services.search import answer

    rt = runtime()
    query = clean(request.GET.get("q", "")).strip()[:MAX_QUERY]
    context: dict[str, Any] = {"query": query, "categories": category_rows(rt)}
    if query:
        page = answer_page(answer(rt, query, limit=10), rt.catalog, events(rt))
        for row in [*page["results"], *page["related"]]:
            row["category"] = short_category(rt.catalog.item(row["no"]).category)
        context.update(
            results=page["results"],
            related=page["related"],
            events=page["events"],
            notices=[n for n in page["notices"] if n["topic"] or n["halls"]],
            halls=page["halls"],
            hotline=page["notices"][0]["hotline"] if page["notices"] else None,
        )
    return render(request, "citizen/search.html", context)


@require_safe
def category(request: HttpRequest, name: str) -> HttpResponse:
    rt = runtime()
    found = category_named(name, rt.catalog.categories())
    if found is None:
        return not_found(request, f"没有名为“{name[:40]}”的类别")
    items = [_item_row(i) for i in catalog.items(rt, found)]
    context = {"category": found, "short": short_category(found), "items": items}
    return render(request, "citizen/category.html", context)


def _item_row(item: Item) -> dict[str, Any]:
    summary = item_summary(item)
    return {"no": item.no, "name": item.name, "limit": limit_text(summary)}


def find_item(rt: Runtime, no: str) -> Item | str:
    """The item, or why there is none (the catalog's message names the valid numbers)."""
    try:
        return catalog.item(rt, no)
    except InputError as exc:  # UnknownItemError too
        return str(exc)


def not_found(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "citizen/not_found.html", {"message": message}, status=404)
