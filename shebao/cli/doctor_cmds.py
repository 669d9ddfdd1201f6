"""`shebao doctor`: data that needs attention (exit 1 when something must be done)."""

from __future__ import annotations

import argparse

from shebao.cli.output import emit_json
from shebao.present.doctor import describe_report, report_dict
from shebao.services.doctor import doctor


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "doctor",
        help="检查数据是否需要处理（如下一年的节假日安排尚未载入）",
        description="有警告或错误时退出码为 1，可用于定时任务或监控告警。",
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=run_doctor, runtime=False)  # it reports data that fails to load


def run_doctor(args: argparse.Namespace) -> int:
    report = doctor()
    if args.json:
        emit_json(report_dict(report))
    else:
        print(describe_report(report))
    return 0 if report.healthy else 1
