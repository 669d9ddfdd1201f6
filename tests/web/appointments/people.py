"""Test people: valid resident ID numbers, made rather than copied from anyone real."""

from __future__ import annotations

import datetime as dt

from shebao.rules.identity import check_digit


def id_number(n: int, born: dt.date = dt.date(1980, 1, 1)) -> str:
    """The n-th made-up Dalian (210202) ID number: a new birth day every 1000, check digit right."""
    day = born + dt.timedelta(days=n // 1000)
    first17 = f"210202{day:%Y%m%d}{n % 1000:03d}"
    return first17 + check_digit(first17)


def booking(n: int, start: str, point: str = "hall-3", item: int = 6, **extra: object) -> dict:
    body = {
        "point": point,
        "item": item,
        "start": start,
        "id_number": id_number(n),
        "name": "王小明",
        "phone": "13804112233",
    }
    body.update(extra)
    return body
