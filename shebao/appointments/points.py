"""Which service points take bookings and queue tickets, and which items each handles by window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shebao.appointments.rules import Refused
from shebao.cases.applicants import clean_name, clean_phone, person
from shebao.cases.documents import normalise_code
from shebao.errors import InputError, UnknownItemError, echo
from shebao.guide.model import Catalog, ChannelKind, Item, Place

# The banks' outlets are not the center's windows: no bookings, no queue of ours there.
POINT_KINDS = ("hall", "department", "window")


class UnknownPoint(UnknownItemError):
    """A service point that is not in the catalog (answered like an unknown item: 404)."""


def window_places(item: Item) -> tuple[str, ...]:
    """The places where the item is handled at a window, as the catalog lists them."""
    return tuple(
        dict.fromkeys(p for ch in item.channels if ch.kind is ChannelKind.WINDOW for p in ch.places)
    )


def points(catalog: Catalog) -> list[Place]:
    """The points that handle at least one item by window, in the catalog's order."""
    used = {p for item in catalog.items.values() for p in window_places(item)}
    return [p for p in catalog.places.values() if p.kind in POINT_KINDS and p.id in used]


def point(catalog: Catalog, point_id: object) -> Place:
    text = point_id.strip() if isinstance(point_id, str) else ""
    place = catalog.places.get(text)
    if place is None or place not in points(catalog):
        choices = "、".join(f"{p.id}（{p.name}）" for p in points(catalog))
        raise UnknownPoint(f"没有服务点“{echo(point_id)}”；可预约和取号的服务点：{choices}")
    return place


def items_at(catalog: Catalog, point_id: str) -> list[Item]:
    return [i for i in catalog.items.values() if point_id in window_places(i)]


def check_item_at(catalog: Catalog, item: Item, place: Place) -> None:
    """An item may be booked only where the catalog says it is handled by window."""
    where = window_places(item)
    if place.id in where:
        return
    if not where:
        raise Refused(
            "item_not_at_point",
            f"事项 {item.no}（{item.name}）不在窗口办理，无需预约："
            "请按办事指南网上、掌上或自助办理",
        )
    names = "、".join(f"{p}（{catalog.places[p].name}）" for p in where)
    raise Refused(
        "item_not_at_point",
        f"{place.name}不办理事项 {item.no}（{item.name}）；可在以下地点的窗口办理：{names}",
    )


@dataclass(frozen=True, slots=True)
class Visitor:
    id_number: str  # normalised
    name: str
    phone: str


def visitor(
    id_number: object, name: object, phone: object, today: dt.date, real_name: bool
) -> Visitor:
    """Who books: with `real_name`, a resident ID that passes its check digit and birth date."""
    if real_name:
        p = person(id_number=id_number, name=name, phone=phone, today=today)
        return Visitor(p.number, p.name, p.phone)
    number = normalise_code(id_number, "证件号码")
    if len(number) < 6:
        raise InputError("证件号码过短，请核对")
    return Visitor(number, clean_name(name), clean_phone(phone))
