"""The figures of many ratings: counts per level, the average, the share satisfied, 差评 followed
up in time, and the indicator averages. Pure: the web's services read the rows and pass them in.

满意率 follows the usual 好差评 reading: 基本满意 and better over every counted rating (defaulted
ones included, as 51号文 counts them); set-aside ratings are never passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from shebao.ratings.levels import Indicator, Level


@dataclass(frozen=True, slots=True)
class Counted:
    """One counted rating, as the figures need it."""

    level: Level
    defaulted: bool = False
    scores: dict[Indicator, int] = field(default_factory=dict)
    followup_due: dt.date | None = None  # 差评 only
    followup_closed: dt.date | None = None


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


def figures(rows: Iterable[Counted]) -> Figures:
    """The figures of `rows`.

    >>> f = figures([Counted(Level(5)), Counted(Level(3), defaulted=True),
    ...              Counted(Level(1), followup_due=dt.date(2026, 10, 13),
    ...                      followup_closed=dt.date(2026, 10, 12))])
    >>> f.count, f.defaulted, f.average, round(f.satisfied_share, 3), f.bad, f.in_time_share
    (3, 1, 3.0, 0.667, 1, 1.0)
    """
    rows = list(rows)
    by_level = {level: 0 for level in Level}
    totals = {i: [0, 0] for i in Indicator}
    bad = in_time = 0
    for row in rows:
        by_level[row.level] += 1
        for indicator, score in row.scores.items():
            totals[indicator][0] += score
            totals[indicator][1] += 1
        if row.level.bad:
            bad += 1
            closed, due = row.followup_closed, row.followup_due
            in_time += closed is not None and due is not None and closed <= due
    count = len(rows)
    return Figures(
        count=count,
        defaulted=sum(r.defaulted for r in rows),
        by_level=by_level,
        average=_ratio(sum(int(r.level) for r in rows), count),
        satisfied_share=_ratio(sum(not r.level.bad for r in rows), count),
        bad=bad,
        bad_in_time=in_time,
        in_time_share=_ratio(in_time, bad),
        indicators={i: _ratio(s, n) for i, (s, n) in totals.items()},
    )


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None
