"""Reading cases: who may see which (by service point), and a stored case as a CaseRecord."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from shebao.errors import InputError, echo
from shebao.runtime import Runtime
from shebao.services import cases as core
from shebao.services.cases import CaseRecord, HistoryEntry, Person, Status, Unit
from shebao.web.accounts.models import StaffProfile
from shebao.web.cases.models import Case, CaseHistory

OPEN = [s.value for s in Status if s.open]

# The stored values back as the core's enums: a dict look-up, where calling the enum class costs
# as much as the rest of a case's row (every intake's answer and every list reads cases back).
_STATUS = {s.value: s for s in Status}
_CHANNEL = {c.value: c for c in core.ChannelKind}
_DOCUMENT = {d.value: d for d in core.Document}
_SEX = {s.value: s for s in core.Sex}


class CaseNotFound(InputError, LookupError):
    """No such case, or not one this staff member may see (404 either way, never 403)."""

    def __init__(self, message: str = "没有找到这个办件") -> None:
        super().__init__(message)


class Operator:
    """Whoever runs `shebao cases` on the server itself: sees every point, as an administrator."""

    sees_all_points = True
    point = ""


OPERATOR = Operator()
Viewer = StaffProfile | Operator


def visible(staff: Viewer) -> QuerySet[Case]:
    """The cases a staff member may see: their own point's, or all for supervisors and admins."""
    cases = Case.objects.all()
    return cases if staff.sees_all_points else cases.filter(point=staff.point)


def find(staff: Viewer, number: object, *, lock: bool = False) -> Case:
    """A case by its number as typed; CaseNotFound when unknown or at another point."""
    parsed = core.parse_case_number(number)
    cases = visible(staff)
    if lock:
        cases = cases.select_for_update()
    case = cases.filter(number=parsed).select_related("created_by").first()
    if case is None:
        raise CaseNotFound(f"没有编号为 {echo(parsed)} 的办件，或它不属于您的服务点")
    return case


def applicant_of(case: Case) -> Person | Unit:
    if case.applicant_kind == "unit":
        return Unit(
            case.applicant_number,
            case.applicant_name,
            case.applicant_phone,
            case.applicant_contact or None,
        )
    document, sex = case.applicant_document, case.applicant_sex
    return Person(
        _DOCUMENT.get(document) or core.Document(document),
        case.applicant_number,
        case.applicant_name,
        case.applicant_phone,
        case.applicant_birth_date,  # None, as the sex, once erased (shebao.web.privacy)
        (_SEX.get(sex) or core.Sex(sex)) if sex else None,  # type: ignore[arg-type]
    )


def history_of(case: Case) -> tuple[HistoryEntry, ...]:
    rows = CaseHistory.objects.filter(case=case).select_related("by").order_by("at", "id")
    return tuple(entry_of(row) for row in rows)


def entry_of(row: CaseHistory) -> HistoryEntry:
    return HistoryEntry(
        at=row.at,
        from_status=Status(row.from_status) if row.from_status else None,
        status=Status(row.to_status),
        note=row.note,
        by=row.by.get_username() if row.by_id else None,
    )


def refresh_estimates(rt: Runtime, case: Case) -> None:
    """Estimated dates counted again once the year's holidays are known (one check per read of
    an estimated open case; nothing for the others)."""
    if not (case.due_estimated or case.supplement_due_estimated) or case.status not in OPEN:
        return
    dates = core.case_dates(rt, case.decision)
    if dates is None:
        return
    fields: dict[str, Any] = {
        "accepted": dates.accepted,
        "due": dates.due,
        "due_estimated": dates.due_estimated,
    }
    if case.supplement_due is not None:
        fields["supplement_due"] = dates.supplement_due
        fields["supplement_due_estimated"] = dates.supplement_due_estimated
    changed = {k: v for k, v in fields.items() if getattr(case, k) != v}
    if changed:
        Case.objects.filter(pk=case.pk).update(**changed)
        for name, value in changed.items():
            setattr(case, name, value)


def record_of(
    rt: Runtime,
    case: Case,
    *,
    history: bool | tuple[HistoryEntry, ...] = True,
    today: dt.date | None = None,
) -> CaseRecord:
    """The stored case as the core's CaseRecord (for `present`), with today's timer; its
    history read from the database (`history=True`), left out (False) or as given."""
    today = today or rt.today()
    status = _STATUS.get(case.status) or Status(case.status)
    return CaseRecord(
        number=case.number,
        item=case.item,
        item_name=case.item_name,
        channel=_CHANNEL.get(case.channel) or core.ChannelKind(case.channel),
        point=case.point,
        outcome=_STATUS.get(case.outcome) or Status(case.outcome),
        status=status,
        applicant=applicant_of(case),
        provided=tuple(case.provided),
        commitment_signed=case.commitment_signed,
        received=case.received,
        accepted=case.accepted,
        due=case.due,
        due_estimated=case.due_estimated,
        supplement_due=case.supplement_due,
        supplement_due_estimated=case.supplement_due_estimated,
        decision=case.decision,
        created_at=case.created_at,
        created_by=case.created_by.get_username() if case.created_by_id else None,
        timer=core.case_timer(rt, status, case.due, today, settings.CASE_WARNING_DAYS),
        allowed=core.manual_targets(status, case.supplement_due, today),
        history=history_of(case) if history is True else (history or ()),
    )
