"""`shebao items`, `shebao show N`, `shebao halls`: reading the catalog."""

from __future__ import annotations

import argparse
from typing import Any

from shebao.cli.output import emit_json, print_table
from shebao.errors import InputError
from shebao.guide import ChannelKind, load_catalog
from shebao.present.items import item_dict, item_summary, place_dict

PLACE_KINDS = {
    "hall": "服务大厅",
    "department": "业务部门",
    "window": "专门窗口",
    "outlet": "银行网点",
}


def register(sub: argparse._SubParsersAction) -> None:
    items = sub.add_parser("items", help="列出全部事项")
    items.add_argument("--category", help="只列出该类别（如 工伤保险）")
    items.add_argument("--json", action="store_true", help="输出 JSON")
    items.set_defaults(handler=run_items)

    show = sub.add_parser("show", help="查看一个事项的全部内容")
    show.add_argument("item", help="事项编号，如 24")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.set_defaults(handler=run_show)

    halls = sub.add_parser("halls", help="列出服务大厅和其他办理地点")
    halls.add_argument("--json", action="store_true", help="输出 JSON")
    halls.set_defaults(handler=run_halls)


def _limit_text(summary: dict[str, Any]) -> str:
    texts = {row["text"] for row in summary["time_limits"]}
    if len(texts) == 1:
        return texts.pop()
    return "；".join(f"{_label(row['channel'])}：{row['text']}" for row in summary["time_limits"])


def _label(channel: str) -> str:
    return ChannelKind(channel).label


def run_items(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    items = list(catalog.items.values())
    if args.category is not None:
        wanted = args.category.strip()
        if not wanted:
            raise InputError(f"请给出类别，可选：{'、'.join(catalog.categories())}")
        items = [i for i in items if i.category == wanted]
        if not items:
            raise InputError(f"没有类别“{wanted}”；可选：{'、'.join(catalog.categories())}")
    summaries = [item_summary(i) for i in items]
    if args.json:
        emit_json(summaries)
        return 0
    print_table(
        ["编号", "事项", "类别", "办理时限"],
        [[s["no"], s["name"], s["category"], _limit_text(s)] for s in summaries],
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    item = catalog.item(args.item)
    data = item_dict(catalog, item)
    if args.json:
        emit_json(data)
    else:
        print(describe_item(data))
    return 0


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
    materials = data["materials"]
    out += [f"  {n}. {m.get('text') or m['name']}" for n, m in enumerate(materials, 1)] or ["  无"]
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
    out += ["", "【温馨提示】", data["tips"]]
    return "\n".join(out)


def run_halls(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    places = [place_dict(p) for p in catalog.places.values()]
    if args.json:
        emit_json(places)
        return 0
    print_table(
        ["类型", "名称", "地址", "电话"],
        [
            [PLACE_KINDS[p["kind"]], p["name"], p.get("address", "—"), p.get("phone", "—")]
            for p in places
        ],
    )
    return 0
