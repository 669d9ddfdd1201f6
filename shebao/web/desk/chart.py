"""A horizontal bar chart drawn on the server as SVG: no script, the figures also in a table.

Each bar carries its number as text, so the colours are never the only way to read it.
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 170
BAR_AREA = 360
BAR = 16
GAP = 4
GROUP_GAP = 14


@dataclass(frozen=True, slots=True)
class Bar:
    x: int
    y: int
    width: int
    text_x: int
    text_y: int
    css: str
    text: str


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    label_y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    groups: tuple[Group, ...]
    legend: tuple[tuple[str, str], ...]  # (css class, label)


def bar_chart(rows: list[tuple[str, list[int]]], series: list[tuple[str, str]]) -> Chart:
    """`rows`: (label, one value per series); `series`: (css class, label) of each value."""
    most = max((v for _, values in rows for v in values), default=0) or 1
    groups, y = [], 0
    for label, values in rows:
        bars = []
        for n, (value, (css, name)) in enumerate(zip(values, series, strict=True)):
            top = y + n * (BAR + GAP)
            width = round(value / most * BAR_AREA)
            bars.append(
                Bar(
                    LABEL_WIDTH,
                    top,
                    width,
                    LABEL_WIDTH + width + 6,
                    top + BAR - 3,
                    css,
                    f"{name} {value}",
                )
            )
        height = len(series) * (BAR + GAP)
        groups.append(Group(label, y + height // 2 + 5, tuple(bars)))
        y += height + GROUP_GAP
    return Chart(LABEL_WIDTH + BAR_AREA + 130, max(y, 1), tuple(groups), tuple(series))
