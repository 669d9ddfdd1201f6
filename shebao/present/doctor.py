"""The doctor's report as JSON and as Chinese text."""

from __future__ import annotations

from typing import Any

from shebao.services.doctor import Finding, Report

SEVERITY_LABELS = {"info": "提示", "warning": "警告", "error": "错误"}


def finding_dict(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "severity": f.severity.value, "message": f.message, "fix": f.fix}


def report_dict(r: Report) -> dict[str, Any]:
    return {
        "healthy": r.healthy,
        "today": r.today.isoformat(),
        "guide_version": r.guide_version,
        "parameters_version": r.parameters_version,
        "findings": [finding_dict(f) for f in r.findings],
    }


def describe_report(r: Report) -> str:
    if not r.findings:
        return f"一切正常（{r.today.isoformat()}；指南数据版本 {r.guide_version}）。"
    lines = []
    for n, f in enumerate(r.findings, 1):
        lines.append(f"{n}. [{SEVERITY_LABELS[f.severity.value]}] {f.message}")
        lines.append(f"   处理：{f.fix}")
    if r.healthy:
        lines.append("没有需要立即处理的问题。")
    return "\n".join(lines)
