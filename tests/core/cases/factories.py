"""Test data for cases, built from first principles: check digits computed here, not by the code."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from shebao.cases.applicants import Person, Unit, person, unit
from shebao.runtime import BEIJING, Runtime
from tests.support import runtime

# A day after every date the tests receive applications on (the received day may not be later).
TODAY = dt.date(2026, 12, 1)


def at(day: dt.date) -> Callable[[], dt.datetime]:
    return lambda: dt.datetime.combine(day, dt.time(10, 0), tzinfo=BEIJING)


def runtime_on(day: dt.date = TODAY) -> Runtime:
    """The packaged runtime with its clock on `day` (Beijing), without freezing any clock."""
    return dataclasses.replace(runtime(), clock=at(day))


def resident_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 in its recursive form: p ← (p + digit) × 2 mod 11, check = (12 − p) mod 11,
    10 written X (GB 11643-1999 §5.2)."""
    p = 0
    for ch in first17:
        p = (p + int(ch)) * 2 % 11
    return "0123456789X"[(12 - p) % 11]


def resident_id(region: str = "210202", born: str = "19700101", seq: str = "123") -> str:
    first17 = region + born + seq
    return first17 + resident_check(first17)


# GB 32100-2015 §5 as written in the standard: character values 0–30 and the weights of positions
# 1–17; C18 = 31 − (Σ Ci·Wi mod 31), where 31 is written 0.
CREDIT_VALUES = dict(zip("0123456789ABCDEFGHJKLMNPQRTUWXY", range(31), strict=True))
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_check(first17: str) -> str:
    total = sum(CREDIT_VALUES[c] * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    value = 31 - total % 31
    return "0123456789ABCDEFGHJKLMNPQRTUWXY"[0 if value == 31 else value]


def credit_code(first17: str = "91210200MA0QC0K5X") -> str:
    return first17 + credit_check(first17)


def a_person(**changes: Any) -> Person:
    fields: dict[str, Any] = {
        "id_number": resident_id(),
        "name": "王小明",
        "phone": "13804112233",
        "today": TODAY,
    }
    return person(**(fields | changes))


def a_unit(**changes: Any) -> Unit:
    fields = {
        "credit_code": credit_code(),
        "name": "大连某某康复医院有限公司",
        "phone": "0411-83709012",
    }
    return unit(**(fields | changes))
