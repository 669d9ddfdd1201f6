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
    # jieba loads only when a search is asked for
    from shebao.present.search import answer_text, result_dict
    from shebao.services.events import events
    from shebao.services.search import answer

    found = answer(rt, args.query, limit=args.limit)
    if args.json:
        emit_json([result_dict(r) for r in found.results])
        return 0
    if found.results:
        print_table(
            ["编号", "事项", "得分", "匹配原因"],
            [
                [
                    r.no,
                    f"{r.name}（相关）" if r.related else r.name,
                    f"{r.score:.2f}",
                    "；".join(r.why[:3]),
                ]
                for r in found.results
            ],
        )
    for line in answer_text(found, rt.catalog, events(rt)):
        print(line)
    return 0
