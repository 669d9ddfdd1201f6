"""How long personal data is kept (read from the environment by the settings: no Django here).

Cases: `SHEBAO_RETENTION_YEARS`, default 30. 《社会保险业务档案管理规定（试行）》
（人力资源社会保障部、国家档案局令第3号，2009）sorts social insurance business records into
permanent ones and ones kept for 10, 30, 50 or 100 years, each a minimum, counted from 1 January
of the year after the record is formed; its annexed table (社会保险业务材料归档范围与保管期限)
gives each kind of material its class. A case here is the window's intake record, not the
archive file itself (that is kept by the center's archive), so the default is a stated choice,
the middle class of 30 years, for the center's archivist to set from the table.
《个人信息保护法》第十九条: no longer than the purpose needs; 第四十七条: deleted when the
period ends, and while a period set by law runs, kept and protected but not otherwise used.

Bookings: `SHEBAO_BOOKING_RETENTION_DAYS`, default 180. A booking is not a business record;
the longest rule that reads old bookings is the no-show count (3 in 90 days block booking for
30 days, appointments.yaml), so half a year keeps that rule whole and nothing more.

>>> retention_years(None), booking_retention_days(" 200 ")
(30, 200)
>>> kept_until(dt.date(2026, 9, 30), 30)
datetime.date(2057, 1, 1)
"""

from __future__ import annotations

import datetime as dt

from shebao.errors import ShebaoError

DEFAULT_YEARS = 30
DEFAULT_BOOKING_DAYS = 180
RULE = "《社会保险业务档案管理规定（试行）》（人力资源社会保障部、国家档案局令第3号）"


def retention_years(text: str | None) -> int:
    if not text or not text.strip():
        return DEFAULT_YEARS
    if not (text.strip().isdigit() and 1 <= int(text) <= 100):
        raise ShebaoError(f"SHEBAO_RETENTION_YEARS 应为 1—100 的整数（年），收到“{text}”")
    return int(text)


def booking_retention_days(text: str | None) -> int:
    if not text or not text.strip():
        return DEFAULT_BOOKING_DAYS
    if not (text.strip().isdigit() and 120 <= int(text) <= 3650):
        raise ShebaoError(
            "SHEBAO_BOOKING_RETENTION_DAYS 应为 120—3650 的整数（天；不少于爽约规则的 90 天"
            f"加暂停预约的 30 天），收到“{text}”"
        )
    return int(text)


def kept_until(formed: dt.date, years: int) -> dt.date:
    """The first day a record formed on `formed` may be erased: the period counts from
    1 January of the next year."""
    return dt.date(formed.year + 1 + years, 1, 1)
