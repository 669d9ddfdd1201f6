"""容缺 supplement limits: how many working days an applicant has to bring what was tolerated.

The guide's 容缺办理事项清单 names the materials and their source but no limit, so the limits are
data (rules/supplement.yaml), each with its basis, one per item on the list, and never longer than
the item's own time limit: the case must still be completed on time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from shebao.datafiles import check_keys, data_list, read_mapping
from shebao.errors import DataError
from shebao.guide.model import Catalog
from shebao.rules.parameters import data_text
from shebao.workdays.workcalendar import WorkCalendar

FILE_KEYS = (("description", "limits"), ())
LIMIT_KEYS = (("item", "working_days", "basis"), ("reading",))


@dataclass(frozen=True, slots=True)
class SupplementLimit:
    item: int
    working_days: int  # the supplement is due on the N-th working day after acceptance
    basis: str
    reading: str | None = None


@dataclass(frozen=True)
class SupplementLimits:
    description: str
    by_item: Mapping[int, SupplementLimit]

    def for_item(self, no: int) -> SupplementLimit | None:
        return self.by_item.get(no)


def supplement_due(accepted: dt.date, limit: SupplementLimit, calendar: WorkCalendar) -> dt.date:
    """Counted as a time limit is: the N-th working day after the day of acceptance.

    >>> from shebao.workdays.workcalendar import WorkCalendar
    >>> supplement_due(dt.date(2026, 9, 30), SupplementLimit(48, 5, "x"), WorkCalendar())
    datetime.date(2026, 10, 13)
    """
    return calendar.add_workdays(accepted, limit.working_days)


def load_supplement(catalog: Catalog, path: Path) -> SupplementLimits:
    """Read and check the file; a DataError names the entry and the field at fault."""
    return build_supplement(read_mapping(path), catalog, path.name)


def build_supplement(raw: Any, catalog: Catalog, name: str = "supplement.yaml") -> SupplementLimits:
    check_keys(raw, *FILE_KEYS, where=name)
    entries = data_list(raw["limits"], f"{name} 的 limits")
    by_item: dict[int, SupplementLimit] = {}
    for n, entry in enumerate(entries, 1):
        limit = _limit(entry, catalog, f"{name} 第{n}项")
        if limit.item in by_item:
            raise DataError(f"{name} 第{n}项：事项 {limit.item} 重复")
        by_item[limit.item] = limit
    listed = sorted(t.item for t in catalog.tolerations)
    if lacking := [no for no in listed if no not in by_item]:
        raise DataError(
            f"{name}：容缺办理事项清单上的事项 {'、'.join(map(str, lacking))} 没有补齐期限"
        )
    return SupplementLimits(
        description=data_text(raw["description"], f"{name} 的 description"),
        by_item=MappingProxyType(dict(sorted(by_item.items()))),
    )


def _limit(raw: Any, catalog: Catalog, where: str) -> SupplementLimit:
    d = check_keys(raw, *LIMIT_KEYS, where=where)
    no, days = d["item"], d["working_days"]
    if isinstance(no, bool) or not isinstance(no, int) or no not in catalog.items:
        raise DataError(f"{where}：没有编号为 {no} 的事项")
    where = f"{where}（事项 {no}）"
    if catalog.toleration_for(no) is None:
        raise DataError(f"{where}：该事项不在容缺办理事项清单上，不能容缺受理，不应有补齐期限")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise DataError(f"{where}：working_days 应为正整数个工作日，收到 {days!r}")
    item = catalog.items[no]
    if any(limit.instant for limit in item.time_limits):
        raise DataError(f"{where}：该事项有即时办结的渠道，补齐期限会晚于办结期限")
    shortest = min(limit.working_days or 0 for limit in item.time_limits)
    if days > shortest:
        raise DataError(
            f"{where}：补齐期限 {days} 个工作日长于该事项的办理时限 {shortest} 个工作日"
        )
    reading = d.get("reading")
    return SupplementLimit(
        item=no,
        working_days=days,
        basis=data_text(d["basis"], f"{where} 的 basis"),
        reading=None if reading is None else data_text(reading, f"{where} 的 reading"),
    )
