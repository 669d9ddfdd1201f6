"""Cases for the command line: a table of cases, one case in full, the reminders of a run."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shebao.cases.records import CaseRecord, Reminders
from shebao.present.cases import case_summary


def case_row(record: CaseRecord) -> list[str]:
    """One line of `shebao cases list`: the applicant's number masked."""
    timer = record.timer.label if record.timer else "—"
    due = record.due.isoformat() if record.due else "—"
    return [
        record.number,
        f"{record.item} {record.item_name}",
        record.status.label,
        record.applicant.name,
        record.applicant.masked_number,
        due + ("（估算）" if record.due_estimated else ""),
        timer,
        record.point,
    ]


CASE_HEADERS = ["编号", "事项", "状态", "申请人", "证件号码", "办结期限", "计时", "服务点"]


def describe_case(record: CaseRecord) -> str:
    """`shebao cases show`: the case, its decision in words and its history (number masked)."""
    d = record.decision
    who = record.applicant
    lines = [
        f"办件 {record.number}：事项{record.item}“{record.item_name}”",
        f"状态：{record.status.label}（{record.status.value}）；收件结果：{record.outcome.label}",
        f"申请人：{who.name}，{who.masked_number}，{who.phone}",
        f"服务点：{record.point}；渠道：{record.channel.label}；收件：{record.received.isoformat()}"
        + (f"，收件人 {record.created_by}" if record.created_by else ""),
    ]
    if record.due:
        estimated = "（估算）" if record.due_estimated else ""
        timer = f"，{record.timer.label}" if record.timer else ""
        lines.append(f"办结期限：{record.due.isoformat()}{estimated}{timer}")
    if record.supplement_due:
        lines.append(f"补齐期限：{record.supplement_due.isoformat()}")
    for v in d.get("violations", []):
        lines.append(f"不予受理：{v['reason']}（{v['basis']}）")
    if d.get("missing"):
        lines.append("缺少：" + "、".join(f"{m['name']}（{m['source']}）" for m in d["missing"]))
    lines.append("历史：")
    for h in record.history:
        by = h.by or "系统"
        note = f"：{h.note}" if h.note else ""
        lines.append(f"  {h.at.strftime('%Y-%m-%d %H:%M')} {h.status.label}（{by}）{note}")
    return "\n".join(lines)


def reminders_dict(run: Reminders) -> dict[str, Any]:
    def listed(found: Iterable[Any]) -> list[dict[str, Any]]:
        return [case_summary(r.case) | {"new": r.new} for r in found]

    return {
        "today": run.today.isoformat(),
        "recomputed": [case_summary(r) for r in run.recomputed],
        "terminated": [case_summary(r) for r in run.terminated],
        "overdue": listed(run.overdue),
        "warning": listed(run.warning),
    }


def describe_reminders(run: Reminders) -> str:
    """What a reminder run did and found, in the order someone acts on it."""
    lines = [f"{run.today.isoformat()} 办件提醒"]
    sections = [
        ("已终止（容缺材料未在补齐期限内补齐）", [(r, None) for r in run.terminated]),
        ("已逾期", [(r.case, r.new) for r in run.overdue]),
        ("即将到期（预警）", [(r.case, r.new) for r in run.warning]),
        ("期限已按新公布的节假日重新计算", [(r, None) for r in run.recomputed]),
    ]
    for title, found in sections:
        lines.append(f"{title}：{len(found)} 件")
        for record, new in found:
            due = record.due.isoformat() if record.due else "—"
            mark = "（新）" if new else ""
            lines.append(
                f"  {record.number} {record.point} 事项{record.item} {record.status.label} "
                f"期限 {due}{mark}"
            )
    return "\n".join(lines)
