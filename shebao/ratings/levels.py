"""A citizen's rating as typed: one of five levels, optional indicator scores and a comment.

The levels are those of 国办发〔2019〕51号: 5 非常满意 … 1 非常不满意; 不满意 and 非常不满意 are
差评 and must be followed up. Everything typed is checked here, once, with Chinese messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from shebao.errors import InputError, echo
from shebao.text import clean

MAX_COMMENT = 300


class Level(IntEnum):
    VERY_SATISFIED = 5
    SATISFIED = 4
    BASICALLY_SATISFIED = 3
    DISSATISFIED = 2
    VERY_DISSATISFIED = 1

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @property
    def bad(self) -> bool:
        """差评: opens a follow-up.

        >>> Level(2).bad, Level(3).bad
        (True, False)
        """
        return self <= Level.DISSATISFIED

    @classmethod
    def parse(cls, value: object) -> Level:
        """1–5 as a number or digit, or the Chinese label.

        >>> Level.parse("非常满意"), Level.parse(" 2")
        (<Level.VERY_SATISFIED: 5>, <Level.DISSATISFIED: 2>)
        """
        if value is None or value == "":
            raise InputError(
                "请选择评价等级 level：5 非常满意、4 满意、3 基本满意、2 不满意、1 非常不满意"
            )
        if isinstance(value, str):
            text = value.strip()
            for level in cls:
                if text in (level.label, str(level.value)):
                    return level
        elif isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            return cls(value)
        raise InputError(
            f"评价等级 level 应为 1—5 的整数（5 非常满意 … 1 非常不满意），收到“{echo(value)}”"
        )


LEVEL_LABELS = {
    Level.VERY_SATISFIED: "非常满意",
    Level.SATISFIED: "满意",
    Level.BASICALLY_SATISFIED: "基本满意",
    Level.DISSATISFIED: "不满意",
    Level.VERY_DISSATISFIED: "非常不满意",
}
DEFAULT_LEVEL = Level.BASICALLY_SATISFIED  # an unrated case after the period (51号文)


class Indicator(StrEnum):
    ATTITUDE = "attitude"
    EFFICIENCY = "efficiency"
    GUIDE = "guide"

    @property
    def label(self) -> str:
        return INDICATOR_LABELS[self]


INDICATOR_LABELS = {
    Indicator.ATTITUDE: "服务态度",
    Indicator.EFFICIENCY: "服务效率",
    Indicator.GUIDE: "办事指南准确度",
}


@dataclass(frozen=True, slots=True)
class RatingInput:
    level: Level
    scores: dict[Indicator, int] = field(default_factory=dict)
    comment: str = ""


def parse_rating(level: object, scores: object = None, comment: object = None) -> RatingInput:
    """The rating as typed, checked; InputError (Chinese) for anything wrong.

    >>> parse_rating(4, {"attitude": 5}, "  窗口很耐心 ").comment
    '窗口很耐心'
    >>> parse_rating(1, {"speed": 5})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    shebao.errors.InputError: 没有“speed”这项指标，可选：attitude（服务态度）...
    """
    return RatingInput(Level.parse(level), parse_scores(scores), parse_comment(comment))


def parse_scores(scores: object) -> dict[Indicator, int]:
    if scores is None or scores == "":
        return {}
    if not isinstance(scores, Mapping):
        raise InputError('指标评分 scores 应为对象，如 {"attitude": 5, "efficiency": 4}')
    found: dict[Indicator, int] = {}
    for key, value in scores.items():
        indicator = _indicator(key)
        if value is None or value == "":
            continue  # left blank on the form
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise InputError(f"{indicator.label}的评分应为 1—5 的整数，收到“{echo(value)}”")
        found[indicator] = value
    return found


def _indicator(key: object) -> Indicator:
    for indicator in Indicator:
        if key in (indicator.value, indicator.label):
            return indicator
    choices = "、".join(f"{i.value}（{i.label}）" for i in Indicator)
    raise InputError(f"没有“{echo(key)}”这项指标，可选：{choices}")


def parse_comment(comment: object) -> str:
    if comment is None:
        return ""
    if not isinstance(comment, str):
        raise InputError("意见建议 comment 应为文本")
    text = clean(comment).strip()
    if len(text) > MAX_COMMENT:
        raise InputError(f"意见建议过长：最多 {MAX_COMMENT} 个字，收到 {len(text)} 个")
    if any(not (ch.isprintable() or ch in "\n\t") for ch in text):
        raise InputError("意见建议中有不可见的控制字符，请重新输入")
    return text
