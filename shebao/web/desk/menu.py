"""The desk's navigation: one list, each entry with the roles it is shown to.

Each staff app adds its pages here (label, path, roles); the access rule itself stays with
each view's `staff_page(...)`: hiding a link is a courtesy, not a permission.
"""

from __future__ import annotations

from dataclasses import dataclass

from shebao.web.desk.access import AT_THE_WINDOW, EVERY_ROLE, SUPERVISING


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    path: str
    roles: frozenset[str]


MENU: tuple[Entry, ...] = (
    Entry("工作台", "/desk/", EVERY_ROLE),
    Entry("叫号", "/desk/queue/", AT_THE_WINDOW),
    Entry("收件", "/desk/intake", AT_THE_WINDOW),
    Entry("办件", "/desk/cases/", EVERY_ROLE),
    Entry("统计", "/desk/dashboard/", SUPERVISING),
    Entry("查看记录", "/desk/views/", SUPERVISING),
    Entry("好差评统计", "/desk/ratings/", SUPERVISING),
    Entry("差评回访整改", "/desk/followups/", SUPERVISING),
    Entry("网上预审", "/desk/review/", frozenset({"reviewer", "clerk"}) | SUPERVISING),
)


def menu_for(role: str) -> list[Entry]:
    return [entry for entry in MENU if role in entry.roles]
