"""Printing helpers shared by all commands: UTF-8 JSON and tables aligned for Chinese text."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any


def emit_json(obj: Any) -> None:
    """Print JSON as UTF-8, Chinese unescaped, stable key order as given."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters count two.

    >>> display_width("社保卡 ok")
    9
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain-text table whose columns line up even with Chinese cells.

    >>> print(format_table(["号", "名称"], [[1, "社保卡"]]))
    号  名称
    --  ------
    1   社保卡
    """
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    print(format_table(headers, rows))
