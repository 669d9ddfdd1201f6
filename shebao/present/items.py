"""Items and places as plain JSON-ready dicts: the one shape shared by the CLI and the API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shebao.guide.model import Catalog, Channel, ChannelKind, Item, Material, Place, Route
from shebao.rules.intake import (
    COMMITMENT,
    CONDITIONAL,
    ONE_OF,
    SPLIT,
    TOLERATED_UNLISTED,
    ItemReading,
    requirements,
)

if TYPE_CHECKING:
    from shebao.guide.bundle import GuideBundle

PLACE_KINDS = {
    "hall": "服务大厅",
    "department": "业务部门",
    "window": "专门窗口",
    "outlet": "银行网点",
}


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


def item_dict(guide: GuideBundle, item: Item) -> dict[str, Any]:
    """The item whole. Its materials are the guide's, each with how the window takes it
    (`intake`: required, conditional, one_of, split, commitment), read by the same
    `requirements` as `shebao intake-check`, so the two never disagree."""
    catalog = guide.catalog
    toleration = catalog.toleration_for(item.no)
    listed = requirements(guide, item)
    return {
        "no": item.no,
        "name": item.name,
        "category": item.category,
        "description": item.description,
        "materials": [_material_dict(guide, item, m, listed) for m in item.materials]
        + _unlisted_dicts(listed),
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
        "readings": [{"about": r.about, "reading": r.reading} for r in listed.readings],
        "catalog_version": catalog.version,
    }


def _material_dict(
    guide: GuideBundle, item: Item, material: Material, listed: ItemReading
) -> dict[str, Any]:
    kind = listed.kinds[material.name]
    out: dict[str, Any] = {
        "name": material.name,
        "note": material.note,
        "text": material.text,
        "role": material.role,
        "intake": kind,
    }
    if kind == CONDITIONAL:
        out["condition"] = material.note or "视情况提供"
    tolerable = {r.key for r in listed.required if r.tolerable}
    if material.name in tolerable:
        out["tolerable"] = True
    if kind == ONE_OF:
        out["choice"] = next(
            g.heading for g in guide.intake.one_of if item.no in g.items and material.name in
            g.materials(item)
        )  # fmt: skip
    if kind == SPLIT and (split := guide.intake.split_of(item, material.name)):
        out["parts"] = [
            _drop_none({"name": p.name, "condition": p.when, "conditional": bool(p.when) or None})
            for p in split.parts
        ]
    return _drop_none(out)


def _unlisted_dicts(listed: ItemReading) -> list[dict[str, Any]]:
    """A material the 容缺 list names for the item but its own list lacks (items 36, 52, 53)."""
    return [
        {
            "name": r.key,
            "role": TOLERATED_UNLISTED,
            "intake": "required",
            "tolerable": True,
            "basis": r.basis,
            "reading": r.reading,
        }
        for r in listed.required
        if r.basis
    ]


def limit_text(summary: dict[str, Any]) -> str:
    texts = {row["text"] for row in summary["time_limits"]}
    if len(texts) == 1:
        return texts.pop()
    return "；".join(f"{_label(row['channel'])}：{row['text']}" for row in summary["time_limits"])


def _label(channel: str) -> str:
    return ChannelKind(channel).label


def _place_text(place: dict[str, Any], counter: str | None = None) -> str:
    details = [place.get("address"), f"{counter}窗口" if counter else None, place.get("phone")]
    shown = "，".join(d for d in details if d)
    return f"{place['name']}（{shown}）" if shown else place["name"]


def _channel_lines(channel: dict[str, Any]) -> list[str]:
    cond = f"（{channel['condition']}）" if "condition" in channel else ""
    head = f"  {channel['label']}{cond}："
    places = channel.get("places", [])
    if len(places) == 1:
        return [head + _place_text(places[0], channel.get("counter"))]
    if places:
        return [head + f"以下 {len(places)} 处任选其一"] + [
            f"    - {_place_text(p)}" for p in places
        ]
    if channel.get("routes"):
        return [head] + [
            f"    - {r['label']} {r.get('url', '')}".rstrip() for r in channel["routes"]
        ]
    if channel.get("apps"):
        return [head + "、".join(channel["apps"])]
    return [head + channel["text"].replace("\n", " ")]


def describe_item(data: dict[str, Any]) -> str:
    """The item as a citizen reads it: what to bring, where to go, how long, whom to call."""
    out = [f"{data['no']}. {data['name']}", f"类别：{data['category']}", ""]
    out += ["【办理条件】", data["description"], "", "【需提供要件】"]
    out += [line for n, m in enumerate(data["materials"], 1) for line in _material_lines(n, m)]
    out += [] if data["materials"] else ["  无"]
    if data["sample_sources"]:
        out += ["", "【要件样表从哪里取得】"]
        for route in data["sample_sources"]:
            out.append(f"  - {route.get('text') or (route['label'] + ' ' + route.get('url', ''))}")
    out += ["", "【办理渠道】"]
    for channel in data["channels"]:
        out += _channel_lines(channel)
    out += ["", "【办理时限】"]
    out += [f"  {_label(row['channel'])}：{row['text']}" for row in data["time_limits"]]
    if data["phones"]:
        out += ["", "【咨询电话】"]
        out += [f"  {p.get('label', '咨询电话')}：{p['number']}" for p in data["phones"]]
    if data["prohibitions"]:
        out += ["", "【违规禁办情形】（窗口须拒绝办理）"]
        out += [f"  清单第{p['no']}项 {p['title']}：{p['situation']}" for p in data["prohibitions"]]
    if data["tolerated_missing"]:
        out += ["", "【可容缺办理的材料】（须签署容缺受理承诺书）"]
        out += [f"  {t['name']}（来源：{t['source']}）" for t in data["tolerated_missing"]]
    if data["readings"]:
        out += ["", "【收件时对要件的理解】"]
        out += [f"  {r['about']}：{r['reading']}" for r in data["readings"]]
    out += ["", "【温馨提示】", data["tips"]]
    return "\n".join(out)


def _material_lines(n: int, material: dict[str, Any]) -> list[str]:
    """One material as the guide writes it, condition included, and how the window takes it."""
    kind = material["intake"]
    text = (material.get("text") or "").rstrip("；;。") or (
        f"{material['name']}（{material['note']}）" if "note" in material else material["name"]
    )
    if material.get("role") == TOLERATED_UNLISTED:
        basis = material["basis"]
        return [f"  {n}. {text}——本事项要件清单未列，{basis}列为可容缺材料：须提交（可容缺）"]
    marks = {
        CONDITIONAL: "——视情况提供",
        ONE_OF: f"——{material.get('choice')}任选其一",
        COMMITMENT: "——容缺受理时签署",
    }
    tolerable = "（可容缺）" if material.get("tolerable") else ""
    lines = [f"  {n}. {text}{marks.get(kind, '')}{tolerable}"]
    if kind == SPLIT:
        parts = [
            p["name"] + (f"（{p['condition']}，视情况提供）" if p.get("conditional") else "")
            for p in material["parts"]
        ]
        lines.append(f"     收件时分为{len(parts)}份分别核对：{'；'.join(parts)}")
    return lines
