"""An online application's states and the one table of the changes between them."""

from __future__ import annotations

from enum import StrEnum

from shebao.web.errors import Conflict


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REFUSED = "refused"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    ACCEPTED_PENDING_MATERIALS = "accepted_pending_materials"

    @property
    def label(self) -> str:
        return LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]


LABELS = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "待审核",
    State.REFUSED: "不予受理",
    State.RETURNED: "退回补正",
    State.ACCEPTED: "已受理",
    State.ACCEPTED_PENDING_MATERIALS: "已容缺受理",
}

# A returned application is corrected (files replaced) while returned, then sent again.
TRANSITIONS = {
    State.DRAFT: {State.SUBMITTED, State.REFUSED},
    State.RETURNED: {State.SUBMITTED, State.REFUSED},
    State.SUBMITTED: {State.ACCEPTED, State.ACCEPTED_PENDING_MATERIALS, State.RETURNED},
    State.REFUSED: set(),
    State.ACCEPTED: set(),
    State.ACCEPTED_PENDING_MATERIALS: set(),
}
EDITABLE = frozenset({State.DRAFT, State.RETURNED})


def check_move(current: str, target: State) -> None:
    now = State(current)
    if target not in TRANSITIONS[now]:
        raise Conflict(f"申请当前为“{now.label}”，不能改为“{target.label}”")


class FileState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {"pending": "待审核", "accepted": "通过", "rejected": "退回"}[self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(s.value, s.label) for s in cls]
