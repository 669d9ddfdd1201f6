"""A case's status and the one table of the changes allowed between statuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from shebao.errors import InputError, ShebaoError, echo


class Status(StrEnum):
    """The literal status values of the API; the first four are also the intake outcomes."""

    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ACCEPTED_PENDING_MATERIALS = "accepted_pending_materials"
    MATERIALS_SUPPLEMENTED = "materials_supplemented"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"
    REFUSED = "refused"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def final(self) -> bool:
        return not TRANSITIONS[self]

    @property
    def open(self) -> bool:
        """Still running: its deadlines and timer apply, the applicant may withdraw it."""
        return not self.final

    @classmethod
    def parse(cls, value: object) -> Status:
        """The English value or the Chinese label.

        >>> Status.parse("容缺受理")
        <Status.ACCEPTED_PENDING_MATERIALS: 'accepted_pending_materials'>
        """
        if isinstance(value, Status):
            return value
        text = value.strip() if isinstance(value, str) else None
        for status in cls:
            if text in (status.value, status.label):
                return status
        valid = "、".join(f"{s.value}（{s.label}）" for s in cls)
        raise InputError(f"没有“{echo(value)}”这个办件状态，可选：{valid}")

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs, in the order above: for a model field or a form."""
        return [(s.value, s.label) for s in cls]


STATUS_LABELS = {
    Status.ACCEPTED: "受理",
    Status.IN_PROGRESS: "办理中",
    Status.COMPLETED: "办结",
    Status.ACCEPTED_PENDING_MATERIALS: "容缺受理",
    Status.MATERIALS_SUPPLEMENTED: "已补齐材料",
    Status.TERMINATED: "终止",
    Status.WITHDRAWN: "撤回",
    Status.REFUSED: "不予受理",
    Status.RETURNED: "补正",
}

# The statuses an intake decision starts a case in.
OUTCOMES = (Status.ACCEPTED, Status.ACCEPTED_PENDING_MATERIALS, Status.RETURNED, Status.REFUSED)

_S = Status
# THE table. A 容缺 case whose materials are supplemented goes on as an accepted one; one whose
# supplement deadline passes is terminated; any open case may be withdrawn at the applicant's
# request. A status with no targets is final.
TRANSITIONS: Mapping[Status, frozenset[Status]] = MappingProxyType(
    {
        _S.ACCEPTED: frozenset({_S.IN_PROGRESS, _S.WITHDRAWN}),
        _S.IN_PROGRESS: frozenset({_S.COMPLETED, _S.WITHDRAWN}),
        _S.ACCEPTED_PENDING_MATERIALS: frozenset(
            {_S.MATERIALS_SUPPLEMENTED, _S.TERMINATED, _S.WITHDRAWN}
        ),
        _S.MATERIALS_SUPPLEMENTED: frozenset({_S.IN_PROGRESS, _S.WITHDRAWN}),
        _S.COMPLETED: frozenset(),
        _S.TERMINATED: frozenset(),
        _S.WITHDRAWN: frozenset(),
        _S.REFUSED: frozenset(),
        _S.RETURNED: frozenset(),
    }
)
# The table's targets in the enum's order, as every case read lists them.
_ORDERED = {now: tuple(s for s in Status if s in then) for now, then in TRANSITIONS.items()}


class TransitionNotAllowed(ShebaoError):
    """A change the table does not allow from the case's current status (HTTP 409, not 422:
    the request is well formed, the case's state forbids it). `allowed` lists what it allows
    (by default the table's targets; `manual_targets` when a staff member chooses)."""

    def __init__(
        self,
        current: Status,
        target: Status,
        allowed: tuple[Status, ...] | None = None,
        reason: str | None = None,
    ) -> None:
        self.current, self.target = current, target
        self.allowed = allowed_targets(current) if allowed is None else allowed
        if self.allowed:
            choices = "、".join(f"{s.value}（{s.label}）" for s in self.allowed)
            hint = f"当前可改为：{choices}"
        elif TRANSITIONS[current]:
            hint = "当前不能由工作人员直接改变"
        else:
            hint = "该状态为终结状态，不能再改变"
        why = f"：{reason}" if reason else ""
        super().__init__(
            f"办件状态不能从 {current.value}（{current.label}）"
            f"改为 {target.value}（{target.label}）{why}；{hint}"
        )


def allowed_targets(status: Status | str) -> tuple[Status, ...]:
    """The statuses a case may move to from `status`, in the enum's order.

    >>> [s.value for s in allowed_targets("accepted")]
    ['in_progress', 'withdrawn']
    """
    return _ORDERED[Status.parse(status)]


def check_transition(current: Status | str, target: Status | str) -> Status:
    """The target status if the table allows the change; TransitionNotAllowed otherwise
    (InputError for a value that is no status at all)."""
    now, then = Status.parse(current), Status.parse(target)
    if then not in TRANSITIONS[now]:
        raise TransitionNotAllowed(now, then)
    return then


def manual_targets(
    status: Status | str, supplement_due: dt.date | None, today: dt.date
) -> tuple[Status, ...]:
    """The changes a staff member may choose by hand: the table's, except the two that follow
    from facts rather than a choice. materials_supplemented comes from the supplement check
    finding nothing missing; terminated only once the supplement deadline has passed.

    >>> day = dt.date(2026, 10, 13)
    >>> [s.value for s in manual_targets("accepted_pending_materials", day, day)]
    ['withdrawn']
    >>> [s.value for s in manual_targets("accepted_pending_materials", day, day.replace(day=14))]
    ['terminated', 'withdrawn']
    """
    current = Status.parse(status)
    late = supplement_due is not None and today > supplement_due
    return tuple(
        s
        for s in allowed_targets(current)
        if s is not Status.MATERIALS_SUPPLEMENTED and (s is not Status.TERMINATED or late)
    )


def check_manual_transition(
    current: Status | str, target: Status | str, supplement_due: dt.date | None, today: dt.date
) -> Status:
    """`check_transition` for a change a staff member chooses (see `manual_targets`)."""
    now, then = Status.parse(current), Status.parse(target)
    allowed = manual_targets(now, supplement_due, today)
    if then in allowed:
        return then
    reason = None
    if then is Status.MATERIALS_SUPPLEMENTED and then in TRANSITIONS[now]:
        reason = "补齐材料请提交材料（POST /api/cases/{编号}/materials），齐全后自动改为已补齐材料"
    elif then is Status.TERMINATED and then in TRANSITIONS[now]:
        due = supplement_due.isoformat() if supplement_due else "—"
        reason = f"补齐期限（{due}）尚未届满，期满未补齐的才终止"
    raise TransitionNotAllowed(now, then, allowed, reason)
