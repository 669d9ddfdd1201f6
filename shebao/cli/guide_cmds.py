"""`shebao import-guide` and `shebao lint`: for the editors who maintain the guide and its data."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from shebao.cli.output import emit_json
from shebao.errors import InputError
from shebao.runtime import Runtime
from shebao.services.editing import import_guide, lint_guide

SEVERITY = {"error": "错误", "warning": "疑似", "info": "说明"}


def register(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import-guide", help="从指南文本生成目录数据（YAML）")
    imp.add_argument("path", help="指南文本文件，如 ../shared/guide/dalian_guide.txt")
    imp.add_argument("--city", default="dalian", help="城市目录名（默认 dalian）")
    imp.add_argument("--out", help="输出目录（默认 shebao/data/<city>）")
    imp.set_defaults(handler=run_import, runtime=False)  # the data it replaces may be broken

    lin = sub.add_parser("lint", help="报告指南本身的不一致之处")
    lin.add_argument("--json", action="store_true", help="输出 JSON")
    lin.set_defaults(handler=run_lint)


def run_import(args: argparse.Namespace) -> int:
    if args.out is not None and not args.out.strip():
        raise InputError("--out 不能为空：请给出输出目录，或不写 --out 以使用 shebao/data/<city>")
    done = import_guide(Path(args.path), args.city, Path(args.out) if args.out else None)
    cat, files = done.catalog, len(done.written)
    print(f"已导入 {len(cat.items)} 个事项、{len(cat.places)} 个地点、"
          f"{len(cat.prohibitions)} 条禁办情形、{len(cat.tolerations)} 条容缺事项；"
          f"写入 {files} 个文件到 {done.directory}（版本 {cat.version}）")  # fmt: skip
    return 0


def run_lint(rt: Runtime, args: argparse.Namespace) -> int:
    findings = lint_guide(rt)
    if args.json:
        emit_json([asdict(f) for f in findings])
        return 0
    for n, f in enumerate(findings, 1):
        items = "、".join(map(str, f.items))
        print(f"{n}. [{SEVERITY[f.severity]}] {f.message}（{f.code}；事项 {items}）")
        for line in f.evidence:
            print(f"   · {' / '.join(line.splitlines())}")
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITY}
    print(f"共 {len(findings)} 条：" + "，".join(f"{SEVERITY[s]} {c}" for s, c in counts.items()))
    return 0
