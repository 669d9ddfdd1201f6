"""Ratings, follow-ups and their figures as JSON dicts, CSV rows and Chinese sentences.

The stored rows come in as objects with the models' attributes (duck-typed: no Django here).
Staff see the applicant's number only masked; the public sees no staff names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from shebao.ratings.figures import Figures
from shebao.ratings.levels import Indicator, Level


def _day(moment: dt.datetime | dt.date | None) -> str | None:
    return None if moment is None else moment.isoformat()


def rating_dict(rating: Any) -> dict[str, Any]:
    """A rating as its applicant and the API see it (no staff names)."""
    level = Level(rating.level)
    return {
        "case": rating.case.number,
        "level": int(level),
        "level_label": level.label,
        "scores": {i.value: getattr(rating, i.value) for i in Indicator},
        "comment": rating.comment,
        "defaulted": rating.defaulted,
        "at": _day(rating.at),
        "set_aside": rating.set_aside_at is not None,
        "followup_due": _day(rating.followup.due) if _followup(rating) else None,
    }


def _followup(rating: Any) -> Any:
    return getattr(rating, "followup", None)  # Django's "no such row" is an AttributeError


def followup_dict(followup: Any, today: dt.date) -> dict[str, Any]:
    """A follow-up for the supervisor: the case, the rating, the deadline and what was done."""
    rating, case = followup.rating, followup.rating.case
    level = Level(rating.level)
    return {
        "id": followup.pk,
        "case": case.number,
        "item": case.item,
        "item_name": case.item_name,
        "point": followup.point,
        "applicant_name": case.applicant_name,
        "applicant_masked": case.applicant_masked,
        "applicant_phone": case.applicant_phone,
        "clerk": case.created_by.get_username(),
        "level": int(level),
        "level_label": level.label,
        "comment": rating.comment,
        "rated_at": _day(rating.at),
        "set_aside": rating.set_aside_at is not None,
        "status": followup.status,
        "status_label": followup.get_status_display(),
        "due": _day(followup.due),
        "due_estimated": followup.due_estimated,
        "overdue": followup.status == "open" and followup.due < today,
        "callback": followup.callback,
        "findings": followup.findings,
        "rectification": followup.rectification,
        "closed_on": _day(followup.closed_on),
        "closed_in_time": followup.closed_on <= followup.due if followup.closed_on else None,
        "closed_by": followup.closed_by.get_username() if followup.closed_by_id else None,
    }


def _share(value: float | None) -> str:
    """A share as a percentage, one decimal.

    >>> _share(2 / 3), _share(None)
    ('66.7%', '—')
    """
    return "—" if value is None else f"{value * 100:.1f}%"


def _mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def figures_dict(f: Figures) -> dict[str, Any]:
    return {
        "count": f.count,
        "defaulted": f.defaulted,
        "by_level": {str(int(level)): n for level, n in f.by_level.items()},
        "average": round(f.average, 3) if f.average is not None else None,
        "satisfied_share": round(f.satisfied_share, 4) if f.satisfied_share is not None else None,
        "bad": f.bad,
        "bad_in_time": f.bad_in_time,
        "in_time_share": round(f.in_time_share, 4) if f.in_time_share is not None else None,
        "indicators": {
            i.value: round(v, 3) if v is not None else None for i, v in f.indicators.items()
        },
    }


def statistics_dict(stats: Any) -> dict[str, Any]:
    return {
        "start": stats.start.isoformat(),
        "end": stats.end.isoformat(),
        "by": stats.by,
        "rows": [{"key": r.key, "label": r.label} | figures_dict(r.figures) for r in stats.rows],
        "total": figures_dict(stats.total),
    }


CSV_HEADERS = [
    "分组",
    "评价数",
    "其中默认评价",
    *(level.label for level in Level),
    "平均等级",
    "满意率（基本满意及以上）",
    "差评数",
    "按期整改数",
    "差评按期整改率",
    *(i.label + "平均分" for i in Indicator),
]


def figures_cells(label: str, f: Figures) -> list[str]:
    """One line of the page's table and of the CSV."""
    return [
        label,
        str(f.count),
        str(f.defaulted),
        *(str(f.by_level[level]) for level in Level),
        _mean(f.average),
        _share(f.satisfied_share),
        str(f.bad),
        str(f.bad_in_time),
        _share(f.in_time_share),
        *(_mean(f.indicators[i]) for i in Indicator),
    ]


def statistics_rows(stats: Any) -> list[list[str]]:
    rows = [figures_cells(r.label, r.figures) for r in stats.rows]
    return [*rows, figures_cells("合计", stats.total)]


# --- `shebao cases remind` ---------------------------------------------------------------------


def rating_reminders_dict(run: Any, today: dt.date) -> dict[str, Any]:
    return {
        "defaulted": [r.case.number for r in run.defaulted],
        "overdue_followups": [followup_dict(f, today) for f in run.overdue],
    }


def describe_rating_reminders(run: Any) -> str:
    """The ratings' part of the reminder run: defaults written, follow-ups past their deadline."""
    lines = [f"默认评价为基本满意（逾期未评价）：{len(run.defaulted)} 件"]
    lines += [f"  {r.case.number} {r.case.point} 事项{r.case.item}" for r in run.defaulted]
    lines.append(f"差评回访整改已逾期：{len(run.overdue)} 件")
    lines += [
        f"  {f.rating.case.number} {f.point} {Level(f.rating.level).label} 期限 {f.due.isoformat()}"
        for f in run.overdue
    ]
    return "\n".join(lines)
