"""The data banner: what `shebao doctor` finds, worded for the page's audience.

Staff see every warning and error with what to do. Citizens see only the errors that make the
dates on a page estimated (this year's holiday arrangement missing, a holiday file that does not
parse), without the operator's instructions. Worked out once per Beijing day and calendar.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from shebao.present.doctor import SEVERITY_LABELS, finding_dict
from shebao.runtime import Runtime
from shebao.services.doctor import findings

STAFF = "staff"
PUBLIC = "public"
AUDIENCES = (STAFF, PUBLIC)

ESTIMATED = "办结日期为估算"
# Codes of findings that make this year's dates estimated, and what a citizen is told.
PUBLIC_WORDS = {
    "current_year_missing": None,  # the finding's own message says which year and what was counted
    "bad_holiday_file": "节假日数据有误，正在处理；本站显示的办结日期可能不准确。",
}
ASK_THE_WINDOW = "请以窗口告知的日期为准。"


@dataclass(frozen=True, slots=True)
class Notice:
    title: str
    message: str
    fix: str | None = None


def _staff(found: list[dict[str, Any]]) -> tuple[Notice, ...]:
    return tuple(
        Notice(SEVERITY_LABELS[f["severity"]], f["message"], f["fix"])
        for f in found
        if f["severity"] in ("warning", "error")
    )


def _public(found: list[dict[str, Any]]) -> tuple[Notice, ...]:
    out = []
    for f in found:
        if f["severity"] != "error" or f["code"] not in PUBLIC_WORDS:
            continue
        words = PUBLIC_WORDS[f["code"]] or f["message"]
        out.append(Notice(ESTIMATED, f"{words}{ASK_THE_WINDOW}"))
    return tuple(dict.fromkeys(out))  # two broken files: one notice


_lock = threading.Lock()
_cached: tuple[Any, Any, dict[str, tuple[Notice, ...]]] | None = None


def notices(rt: Runtime, audience: str) -> tuple[Notice, ...]:
    """The notices for `audience` (STAFF or PUBLIC), today, on the runtime's current calendar."""
    global _cached
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    today, calendar = rt.today(), rt.calendar
    cached = _cached
    if cached is None or cached[0] != today or cached[1] is not calendar:
        found = [finding_dict(f) for f in findings(rt, today)]
        cached = (today, calendar, {STAFF: _staff(found), PUBLIC: _public(found)})
        with _lock:
            _cached = cached
    return cached[2][audience]


OPERATOR_STEP = "国务院公布后"  # where an estimate warning turns to `shebao holidays load`


def for_citizens(warning: str) -> str:
    """An estimate warning without the operator's how-to it ends with; citizens are told to
    go by the date the window gives instead.

    >>> for_citizens("2027 年的节假日安排尚未载入，本结果是估算。国务院公布后请用 …")
    '2027 年的节假日安排尚未载入，本结果是估算。请以窗口告知的日期为准。'
    """
    head, found, _ = warning.partition(OPERATOR_STEP)
    return head + ASK_THE_WINDOW if found else warning
