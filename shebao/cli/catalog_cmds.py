"""`shebao items`, `shebao show N`, `shebao halls`: reading the catalog."""

from __future__ import annotations

import argparse

from shebao.cli.output import emit_json, print_table
from shebao.present.items import (
    PLACE_KINDS,
    describe_item,
    item_dict,
    item_summary,
    limit_text,
    place_dict,
)
from shebao.runtime import Runtime
from shebao.services import catalog


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


def run_items(rt: Runtime, args: argparse.Namespace) -> int:
    summaries = [item_summary(i) for i in catalog.items(rt, args.category)]
    if args.json:
        emit_json(summaries)
        return 0
    print_table(
        ["编号", "事项", "类别", "办理时限"],
        [[s["no"], s["name"], s["category"], limit_text(s)] for s in summaries],
    )
    return 0


def run_show(rt: Runtime, args: argparse.Namespace) -> int:
    data = item_dict(rt.guide, catalog.item(rt, args.item))
    if args.json:
        emit_json(data)
    else:
        print(describe_item(data))
    return 0


def run_halls(rt: Runtime, args: argparse.Namespace) -> int:
    places = [place_dict(p) for p in catalog.places(rt)]
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
