"""`shebao items`, `shebao show N`, `shebao halls`: reading the catalog."""

from __future__ import annotations

import argparse
from typing import Any

from shebao.catalog import load_catalog
from shebao.catalog.export import item_dict, item_summary, place_dict
from shebao.cli.output import emit_json, print_table
from shebao.errors import InputError

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
    return "；".join(f"{row['channel']}:{row['text']}" for row in summary["time_limits"])


def run_items(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    items = list(catalog.items.values())
    if args.category:
        wanted = args.category.strip()
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
        return 0
    print(f"{item.no}. {item.name}（{item.category}）\n")
    print(f"【办理条件】\n{item.description}\n")
    print("【需提供要件】")
    for n, m in enumerate(item.materials, 1):
        print(f"  {n}. {m.verbatim}")
    if not item.materials:
        print("  无")
    print("\n【办理渠道】")
    for channel in data["channels"]:
        where = "、".join(p["name"] for p in channel.get("places", []))
        detail = where or ("" if channel.get("routes") else channel["text"].replace("\n", " "))
        cond = f"（{channel['condition']}）" if "condition" in channel else ""
        print(f"  {channel['label']}{cond}：{detail}")
        for route in channel.get("routes", []):
            print(f"    - {route['label']} {route.get('url', '')}".rstrip())
    print("\n【办理时限】")
    for row in data["time_limits"]:
        print(f"  {row['channel']}: {row['text']}")
    if data["prohibitions"]:
        print("\n【违规禁办情形】")
        for p in data["prohibitions"]:
            print(f"  清单第{p['no']}项 {p['title']}：{p['situation']}")
    if data["tolerated_missing"]:
        print("\n【可容缺办理的材料】（须签署容缺受理承诺书）")
        for t in data["tolerated_missing"]:
            print(f"  {t['name']}（来源：{t['source']}）")
    print(f"\n【温馨提示】\n{item.tips}")
    return 0


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
