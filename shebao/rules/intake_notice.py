"""一次性告知: the one notice that names every missing material at once, each with where to get
it, and says back what the clerk typed that did not count (said missing, unknown, ambiguous)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shebao.rules.copies import COPY, ORIGINAL

if TYPE_CHECKING:
    from shebao.guide import Item
    from shebao.rules.intake import Document, Have, ItemReading, Outcome, Requirement
    from shebao.rules.materials import Match

_HEADLINES = {  # by Outcome
    "complete": "要件齐全，可以受理。",
    "tolerated": "尚缺以下材料，均属容缺办理事项清单可容缺的材料，可以先行受理：",
    "incomplete": "尚缺以下材料，请一次补齐后办理：",
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def compose_notice(
    item: Item,
    outcome: Outcome,
    missing: tuple[Requirement, ...],
    matches: tuple[Match, ...],
    have: Have,
    listed: ItemReading,
) -> str:
    """一次性告知: every missing material at once, each with where to get it."""
    headline = _HEADLINES[outcome] if item.materials else "指南未列需提交的要件，可以受理。"
    lines = [f"【一次性告知】事项{item.no}“{item.name}”{headline}"]
    for n, req in enumerate(missing, 1):
        if req.options:
            lines.append(f"{n}. 以下任选其一（{req.heading}）：")
            lines.extend(_option_lines(req, have))
            continue
        mark = "（可容缺）" if req.tolerable and outcome == "incomplete" else ""
        lines.append(f"{n}. {req.label}{req.short_note}{mark}——取得途径：{req.source}")
    if outcome == "tolerated":
        lines.append("请申请人签署《容缺受理承诺书》，承诺在规定期限内补齐上述材料。")
    elif any(r.tolerable for r in missing):
        lines.append("标注“可容缺”的材料：其他材料补齐后，可签署《容缺受理承诺书》先行受理。")
    if listed.conditional:
        shown = [c.text + ("，已提供" if c.name in have else "") for c in listed.conditional]
        lines.append("以下材料视情况提供：" + "；".join(shown))
    for req in listed.required:
        if req.basis:
            lines.append(
                f"说明：本事项要件清单未列“{req.key}”，{req.basis}列其为可容缺材料，"
                "按须提交、可容缺的要件办理。"
            )
    lines.extend(_match_lines(matches))
    return "\n".join(lines)


def _match_lines(matches: tuple[Match, ...]) -> list[str]:
    lines = []
    for m in matches:
        what = f"“{m.material}”" if m.material else "所指材料"
        forms = "、".join(f for f in (ORIGINAL, COPY) if f in m.denied)
        if m.negated and forms:
            lines.append(f"所报“{m.provided}”表示未提供{what}的{forms}，按缺件处理。")
        elif m.negated:
            lines.append(f"所报“{m.provided}”表示未提供，{what}按缺件处理。")
        elif m.material is None:
            maybe = f"（可能是：{'、'.join(m.candidates)}）" if m.candidates else ""
            lines.append(f"所报材料“{m.provided}”未能对应本事项的要件{maybe}，请核对名称。")
        elif forms:
            lines.append(f"所报“{m.provided}”表示{what}的{forms}未提供。")
    return lines


def _doc_note(doc: Document, have: Have) -> str:
    got = have.get(doc.key)
    if not got or doc.met(have):
        return ""
    return "（所报为复印件，须原件）" if COPY in got else "（所报为原件，须复印件）"


def _option_lines(req: Requirement, have: Have) -> list[str]:
    lines = []
    for mark, option in zip(_CIRCLED, req.options, strict=False):
        docs = option.documents
        if len(docs) == 1:
            note = _doc_note(docs[0], have)
            lines.append(f"   {mark} {option.text}{note}——取得途径：{docs[0].source}")
            continue
        lines.append(f"   {mark} {option.label}：须同时提供以下{len(docs)}份")
        lines.extend(f"      - {d.key}{_doc_note(d, have)}——取得途径：{d.source}" for d in docs)
        given = [d.key for d in docs if d.met(have)]
        if given:
            lacking = "、".join(d.key for d in docs if not d.met(have))
            lines.append(f"      已提供{'、'.join(given)}，尚缺{lacking}")
    return lines
