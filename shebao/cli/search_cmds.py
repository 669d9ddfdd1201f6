"""`shebao search "QUERY"`: find the item for an everyday question, with the reasons."""

from __future__ import annotations

import argparse

from shebao.cli.output import emit_json, print_table
from shebao.errors import InputError, echo
from shebao.runtime import Runtime
from shebao.text import code

DEFAULT_LIMIT = 10


def _limit(value: str) -> int:
    text = code(value)
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"结果条数应为整数，收到“{echo(value)}”")
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("search", help="用日常说法查找事项（支持拼音、首字母、错别字）")
    cmd.add_argument("query", help="问题，例如：社保卡丢了怎么办、农保、tuixiu、sbkgs")
    cmd.add_argument(
        "--limit", type=_limit, default=DEFAULT_LIMIT, help=f"最多列出几条（默认 {DEFAULT_LIMIT}）"
    )
    cmd.add_argument("--json", action="store_true", help="输出 JSON")
    cmd.set_defaults(handler=run_search)


def run_search(rt: Runtime, args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise InputError('请输入要查询的问题，例如：shebao search "社保卡丢了怎么办"')
    from shebao.present.search import result_dict  # jieba loads only when a search is asked for
    from shebao.services.search import search

    results = search(rt, args.query, limit=args.limit)
    if args.json:
        emit_json([result_dict(r) for r in results])
        return 0
    if not results:
        print("没有找到相关事项。换个说法试试，或用 `shebao items` 查看全部事项。")
        return 0
    print_table(
        ["编号", "事项", "得分", "匹配原因"],
        [[r.no, r.name, f"{r.score:.2f}", "；".join(r.why[:3])] for r in results],
    )
    return 0
