"""The figures of many ratings: counts per level, the average, the share satisfied, 差评 followed
up in time, and the indicator averages. Pure: the web's services count the rows in the database
(one GROUP BY) and pass the counts in as `Part`s.

满意率 follows the usual 好差评 reading: 基本满意 and better over every counted rating (defaulted
ones included, as 51号文 counts them); set-aside ratings are never passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from shebao.ratings.levels import Indicator, Level


@dataclass(frozen=True, slots=True)
class Part:
    """`count` ratings of one level (of one group), counted together."""

    level: Level
    count: int
    defaulted: int = 0
    in_time: int = 0  # 差评 whose follow-up closed on or before its deadline
    score_sums: dict[Indicator, int] = field(default_factory=dict)
    score_counts: dict[Indicator, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Figures:
    count: int
    defaulted: int
    by_level: dict[Level, int]
    average: float | None  # of the levels, 1–5
    satisfied_share: float | None  # 基本满意 or better
    bad: int
    bad_in_time: int  # closed on or before the deadline
    in_time_share: float | None
    indicators: dict[Indicator, float | None]


def figures(parts: Iterable[Part]) -> Figures:
    """The figures of the ratings counted in `parts`.

    >>> f = figures([Part(Level(5), 1, score_sums={Indicator.GUIDE: 4},
    ...                   score_counts={Indicator.GUIDE: 1}),
    ...              Part(Level(3), 1, defaulted=1), Part(Level(1), 2, in_time=1)])
    >>> f.count, f.defaulted, f.average, f.satisfied_share, f.bad, f.in_time_share
    (4, 1, 2.5, 0.5, 2, 0.5)
    >>> f.indicators[Indicator.GUIDE], f.indicators[Indicator.ATTITUDE]
    (4.0, None)
    """
    by_level = {level: 0 for level in Level}
    sums = {i: 0 for i in Indicator}
    counts = {i: 0 for i in Indicator}
    defaulted = in_time = 0
    for part in parts:
        by_level[part.level] += part.count
        defaulted += part.defaulted
        if part.level.bad:
            in_time += part.in_time
        for indicator in Indicator:
            sums[indicator] += part.score_sums.get(indicator, 0)
            counts[indicator] += part.score_counts.get(indicator, 0)
    count = sum(by_level.values())
    bad = sum(n for level, n in by_level.items() if level.bad)
    return Figures(
        count=count,
        defaulted=defaulted,
        by_level=by_level,
        average=_ratio(sum(int(level) * n for level, n in by_level.items()), count),
        satisfied_share=_ratio(count - bad, count),
        bad=bad,
        bad_in_time=in_time,
        in_time_share=_ratio(in_time, bad),
        indicators={i: _ratio(sums[i], counts[i]) for i in Indicator},
    )


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None
