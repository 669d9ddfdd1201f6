"""Reading the catalog: items, one item, the places."""

from __future__ import annotations

from shebao.errors import InputError, echo
from shebao.guide.model import Item, Place
from shebao.runtime import Runtime
from shebao.text import clean


def items(rt: Runtime, category: str | None = None) -> list[Item]:
    """Every item, or those of one category (an unknown category is an InputError)."""
    catalog = rt.catalog
    found = list(catalog.items.values())
    if category is None:
        return found
    wanted = clean(category).strip()
    choices = "、".join(catalog.categories())
    if not wanted:
        raise InputError(f"请给出类别，可选：{choices}")
    found = [i for i in found if i.category == wanted]
    if not found:
        raise InputError(f"没有类别“{echo(wanted)}”；可选：{choices}")
    return found


def item(rt: Runtime, no: int | str) -> Item:
    return rt.catalog.item(no)


def places(rt: Runtime) -> list[Place]:
    return list(rt.catalog.places.values())
