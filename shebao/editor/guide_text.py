"""Cut the guide's text into its parts (halls, items, the two lists) before any interpretation.

The guide is a Word document converted to text: tables become tab-indented cells, and the
conversion leaves `[image: …]` captions and `[bookmark: …]` markers that are not content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shebao.errors import DataError

IMAGE_LINE = re.compile(r"^\s*\[image:[^\]]*\]\s*$")
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
ITEM_HEADER = re.compile(r"^(\d+)\.\s*(\S.*?)\s*$")
PART_HEADER = re.compile(
    r"^\s*(\d+)\.([1-4])\s*(需提供要件|办理路径|办理时限|温馨提示)[：:]?\s*(.*?)\s*$"
)

ITEMS_TITLE = "合规办事业务指南"
PROHIBITIONS_TITLE = "违规禁办事项清单"
TOLERATED_TITLE = "容缺办理事项清单"


@dataclass
class ItemBlock:
    """The raw lines of one item, split by its four numbered parts (N.1 … N.4)."""

    no: int
    name: str
    description: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)  # N.1, up to 资料来源要件样表
    samples: list[str] = field(default_factory=list)  # after 资料来源要件样表
    channels: list[str] = field(default_factory=list)  # N.2
    time_limit: list[str] = field(default_factory=list)  # N.3 (first line = text after colon)
    tips: list[str] = field(default_factory=list)  # N.4


@dataclass
class GuideText:
    halls: list[list[str]]
    items: list[ItemBlock]
    prohibitions: list[list[str]]
    tolerated: list[list[str]]


def clean_lines(text: str) -> list[str]:
    """Drop conversion artefacts; keep every other line (right-stripped) in order."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if IMAGE_LINE.match(raw):
            continue
        lines.append(BOOKMARK.sub("", raw).rstrip())
    return lines


def table_rows(lines: list[str], columns: int) -> list[list[str]]:
    """Rows of a converted table: a tab starts a cell, a line without one continues the cell."""
    rows: list[list[str]] = []
    row: list[str] = []
    for line in lines:
        if not line.strip():
            if row:
                rows.append(row)
                row = []
            continue
        if line.startswith("\t") or not row:
            row.append(line.strip())
        else:
            row[-1] += "\n" + line.strip()
    if row:
        rows.append(row)
    header, body = rows[0], rows[1:]
    if len(header) != columns:
        raise DataError(f"表头应有 {columns} 列，实际为 {len(header)} 列：{header}")
    for r in body:
        if len(r) != columns:
            raise DataError(f"表格行应有 {columns} 列，实际为 {len(r)} 列：{r}")
        if not r[0].isascii() or not r[0].isdigit():
            raise DataError(f"表格行的第一列应为序号（数字），实际为“{r[0]}”：{r}")
    return body


def _index_of_title(lines: list[str], title: str, start: int = 0) -> int:
    for i in range(start, len(lines)):
        if lines[i].strip() == title:
            return i
    raise DataError(f"指南中找不到标题“{title}”")


def split_guide(text: str) -> GuideText:
    lines = clean_lines(text)
    items_at = _index_of_title(lines, ITEMS_TITLE)
    prohibitions_at = _index_of_title(lines, PROHIBITIONS_TITLE, items_at)
    tolerated_at = _index_of_title(lines, TOLERATED_TITLE, prohibitions_at)
    return GuideText(
        halls=table_rows(lines[1:items_at], 4),
        items=split_items(lines[items_at + 1 : prohibitions_at]),
        prohibitions=table_rows(lines[prohibitions_at + 1 : tolerated_at], 3),
        tolerated=table_rows(lines[tolerated_at + 1 :], 4),
    )


def split_items(lines: list[str]) -> list[ItemBlock]:
    """Items are numbered 1, 2, 3 … in order; only the next number starts a new item."""
    items: list[ItemBlock] = []
    current: ItemBlock | None = None
    target: list[str] | None = None
    for line in lines:
        header = ITEM_HEADER.match(line)
        if header and int(header.group(1)) == len(items) + 1 and not PART_HEADER.match(line):
            current = ItemBlock(no=int(header.group(1)), name=header.group(2))
            items.append(current)
            target = current.description
            continue
        if current is None:
            continue  # the category heading (社会保险类) before item 1
        part = PART_HEADER.match(line)
        if part and int(part.group(1)) != current.no:
            raise DataError(
                f"在事项 {current.no}“{current.name}”之后遇到 {part.group(1)}.{part.group(2)} "
                f"{part.group(3)}：事项编号应连续，请检查事项 {current.no + 1} 是否缺失或编号重复"
            )
        if part:
            target = _part_target(current, part.group(3))
            if part.group(4):
                target.append(part.group(4))
            elif part.group(3) == "办理时限":
                target.append("")
            continue
        if line.strip().startswith("资料来源要件样表") and target is current.materials:
            target = current.samples
            continue
        if target is not None and line.strip():
            target.append(line.strip())
    for block in items:
        for part_name in ("materials", "channels", "time_limit", "tips"):
            if not getattr(block, part_name):
                raise DataError(f"事项 {block.no}“{block.name}”缺少部分：{part_name}")
    return items


def _part_target(block: ItemBlock, part: str) -> list[str]:
    return {
        "需提供要件": block.materials,
        "办理路径": block.channels,
        "办理时限": block.time_limit,
        "温馨提示": block.tips,
    }[part]
