"""Items and places as plain JSON-ready dicts: the one shape shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from shebao.guide.model import Catalog, Channel, Item, Place, Route


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != []}


def route_dict(route: Route) -> dict[str, Any]:
    return _drop_none({"label": route.label, "url": route.url, "text": route.text})


def place_dict(place: Place) -> dict[str, Any]:
    return _drop_none(
        {
            "id": place.id,
            "kind": place.kind,
            "name": place.name,
            "address": place.address,
            "phone": place.phone,
            "hall_no": place.hall_no,
        }
    )


def channel_dict(catalog: Catalog, channel: Channel) -> dict[str, Any]:
    return _drop_none(
        {
            "kind": channel.kind.value,
            "label": channel.kind.label,
            "text": channel.text,
            "condition": channel.condition,
            "counter": channel.counter,
            "places": [place_dict(catalog.places[p]) for p in channel.places],
            "routes": [route_dict(r) for r in channel.routes],
            "apps": list(channel.apps),
        }
    )


def time_limits(item: Item) -> list[dict[str, Any]]:
    """One entry per channel the item offers, so a reader never has to resolve “all channels”."""
    rows = []
    for kind in item.channel_kinds:
        limit = item.time_limit(kind)
        rows.append(
            {
                "channel": kind.value,
                "working_days": limit.working_days,
                "instant": limit.instant,
                "text": limit.text,
            }
        )
    return rows


def item_summary(item: Item) -> dict[str, Any]:
    return {
        "no": item.no,
        "name": item.name,
        "category": item.category,
        "channels": [k.value for k in item.channel_kinds],
        "time_limits": time_limits(item),
    }


def item_dict(catalog: Catalog, item: Item) -> dict[str, Any]:
    toleration = catalog.toleration_for(item.no)
    return {
        "no": item.no,
        "name": item.name,
        "category": item.category,
        "description": item.description,
        "materials": [
            _drop_none({"name": m.name, "note": m.note, "text": m.text, "role": m.role})
            for m in item.materials
        ],
        "sample_sources": [route_dict(r) for r in item.sample_sources],
        "channels": [channel_dict(catalog, c) for c in item.channels],
        "time_limits": time_limits(item),
        "tips": item.tips,
        "phones": [
            _drop_none({"number": p.number, "label": p.label, "place": p.place})
            for p in item.phones
        ],
        "prohibitions": [
            _drop_none(
                {"no": p.no, "title": p.title, "situation": p.situation, "reading": p.reading}
            )
            for p in catalog.prohibitions_for(item.no)
        ],
        "tolerated_missing": (
            [
                _drop_none(
                    {"name": m.name, "item_material": m.item_material, "source": toleration.source}
                )
                for m in toleration.materials
            ]
            if toleration
            else []
        ),
        "catalog_version": catalog.version,
    }
