"""A person's data on request (《个人信息保护法》第四十五条、第四十七条): export everything stored
about them, erase what the law lets go, and erase what has outlived its retention period.

Erasing is anonymising: the rows stay, so the counts by item, point, channel, outcome and
date stay true, while the name, ID number, phone, birth date, sex, the facts given and the
decision's personal parts are removed. A case is a business record the law keeps for its
period (see `retention`): `erase` anonymises a person's closed cases whose period is over
and says until when each other case is kept; bookings (not business records) are anonymised
at once, an active one cancelled first so its place is free again.

The case history is append-only (database triggers), so it is kept free of personal data
rather than edited: it holds statuses, times, the staff member and a note, and a note with
an ID number, a phone number or the applicant's name is refused when it is written
(`cases.services._note`). Each erasure appends its own history row, so the audit trail says
when and under which rule the case lost its personal data. The history row is written by
the service (by: the system), never by a person's free text.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from shebao.appointments.status import BookingStatus
from shebao.errors import InputError
from shebao.rules.identity import parse_resident_id
from shebao.runtime import BEIJING, Runtime
from shebao.services.cases import Status
from shebao.web.appointments.models import Booking, Slot, Visitor
from shebao.web.appointments.services.bookings import _release_seat as release_seat
from shebao.web.cases.models import Case, CaseHistory
from shebao.web.privacy import applications
from shebao.web.privacy.retention import RULE, kept_until

log = logging.getLogger("shebao.privacy")
ERASED = applications.ERASED
ERASED_NOTE = "申请人个人信息已删除（匿名化）：{why}；统计所需的事项、服务点、渠道、结果和日期保留"


@dataclass
class Erasure:
    """What an erasure did: counts only, and for each case kept, why and until when."""

    cases_erased: int = 0
    bookings_erased: int = 0
    bookings_cancelled: int = 0
    applications_erased: int = 0
    kept: list[dict[str, Any]] = field(default_factory=list)


def person_id(rt: Runtime, text: object) -> str:
    """The ID number as stored (normalised), or InputError saying what is wrong with it."""
    if not isinstance(text, str):
        raise InputError("请给出 18 位公民身份号码")
    return parse_resident_id(text, today=rt.today()).number


def cases_of(number: str) -> Any:
    return Case.objects.filter(applicant_kind="person", applicant_number=number)


def closed_on(case: Case) -> dt.date | None:
    """The day a closed case's record was complete (its last change), None while it is open."""
    if Status(case.status).open:
        return None
    last = CaseHistory.objects.filter(case=case).aggregate(last=Max("at"))["last"]
    return (last or case.created_at).astimezone(BEIJING).date()


def erase_person(rt: Runtime, text: object) -> Erasure:
    number = person_id(rt, text)
    today = rt.today()
    years = settings.RETENTION_YEARS
    done = Erasure()
    with transaction.atomic():
        for case in cases_of(number).select_for_update().order_by("created_at"):
            closed = closed_on(case)
            if closed is None:
                done.kept.append({"number": case.number, "why": "办理中", "until": None})
            elif today < (until := kept_until(closed, years)):
                why = f"业务记录保存期限 {years} 年（{RULE}）"
                done.kept.append({"number": case.number, "why": why, "until": until.isoformat()})
            else:
                _anonymise_case(case, f"本人申请删除，保存期限 {years} 年已满")
                done.cases_erased += 1
        for booking in Booking.objects.select_for_update().filter(id_number=number):
            if booking.status == BookingStatus.ACTIVE and booking.slot.end > rt.now():
                _cancel(booking, rt.now())
                done.bookings_cancelled += 1
            _anonymise_booking(booking, rt.now(), "本人申请删除")
            done.bookings_erased += 1
        Visitor.objects.filter(id_number=number).delete()
        done.applications_erased, kept = applications.erase_applications(number, today, years)
        done.kept.extend(kept)
    log.info(
        "people erase: %d cases and %d bookings anonymised, %d cases kept",
        done.cases_erased,
        done.bookings_erased,
        len(done.kept),
    )
    return done


def purge_expired(rt: Runtime) -> Erasure:
    """Anonymise every closed case past its retention and every booking past its own."""
    today = rt.today()
    years = settings.RETENTION_YEARS
    done = Erasure()
    # A case closed before this day has certainly outlived the period (the exact day is
    # checked per case: the period runs from 1 January after the case closed).
    latest_closing = dt.date(today.year - years, 1, 1)
    final = [s.value for s in Status if s.final]
    candidates = Case.objects.filter(status__in=final, received__lt=latest_closing).exclude(
        applicant_number=""
    )
    with transaction.atomic():
        for case in candidates.select_for_update():
            closed = closed_on(case)
            if closed is not None and today >= kept_until(closed, years):
                _anonymise_case(case, f"保存期限 {years} 年已满（{RULE}）")
                done.cases_erased += 1
        cutoff = today - dt.timedelta(days=settings.BOOKING_RETENTION_DAYS)
        old = Booking.objects.filter(day__lt=cutoff).exclude(id_number="")
        for booking in old.select_for_update():
            _anonymise_booking(booking, rt.now(), "保存期限已满")
            done.bookings_erased += 1
        still_booking = Booking.objects.exclude(id_number="").values("id_number")
        Visitor.objects.exclude(id_number__in=still_booking).delete()
    log.info(
        "people purge-expired: %d cases and %d bookings anonymised",
        done.cases_erased,
        done.bookings_erased,
    )
    return done


def _anonymise_case(case: Case, why: str) -> None:
    Case.objects.filter(pk=case.pk).update(
        **applications.erased_applicant(),
        applicant_birth_date=None,
        applicant_sex="",
        decision=anonymous_decision(case.decision),
    )
    applications.erase_with_case(case)
    CaseHistory.objects.create(
        case=case,
        from_status=case.status,
        to_status=case.status,
        by=None,
        note=ERASED_NOTE.format(why=why),
    )


# What of a frozen decision is kept once its applicant is erased: the outcome and its grounds
# as rule numbers, the dates and versions; never the facts, the masked number or the texts
# written for the applicant.
DECISION_KEPT = (
    "schema_version",
    "outcome",
    "item",
    "item_name",
    "channel",
    "received",
    "decided_on",
    "accepted",
    "time_limit",
    "time_limit_working_days",
    "due",
    "due_estimated",
    "supplement_due",
    "supplement_due_estimated",
    "supplement_working_days",
    "supplement_basis",
    "commitment_signed",
    "provided",
    "catalog_version",
    "parameters_version",
)


def anonymous_decision(decision: dict[str, Any]) -> dict[str, Any]:
    """The decision without its personal parts.

    >>> anonymous_decision({"outcome": "refused", "facts": {"birth_date": "1970-01-01"},
    ...     "violations": [{"rule_id": "P3", "entry": 3, "basis": "清单第3项",
    ...                     "facts": {"birth_date": "1970-01-01"}}]})
    {'outcome': 'refused', 'violations': [{'rule_id': 'P3', 'entry': 3, 'basis': '清单第3项'}], \
'missing': [], 'erased': True}
    """
    kept = {key: decision[key] for key in DECISION_KEPT if key in decision}
    kept["violations"] = [
        {key: v.get(key) for key in ("rule_id", "entry", "basis")}
        for v in decision.get("violations", [])
        if isinstance(v, dict)
    ]
    kept["missing"] = [
        {"name": m.get("name"), "tolerable": m.get("tolerable")}
        for m in decision.get("missing", [])
        if isinstance(m, dict)
    ]
    kept["erased"] = True
    return kept


def _cancel(booking: Booking, now: dt.datetime) -> None:
    """Free the place of an active booking before its applicant is erased."""
    booking.status = BookingStatus.CANCELLED.value
    booking.save(update_fields=["status", "changed"])
    release_seat(Slot.objects.select_for_update().get(pk=booking.slot_id))
    booking.events.create(at=now, action="cancelled", status=booking.status, by="系统")


def _anonymise_booking(booking: Booking, now: dt.datetime, why: str) -> None:
    Booking.objects.filter(pk=booking.pk).update(id_number="", name=ERASED, phone="")
    note = f"预约人个人信息已删除：{why}"
    booking.events.create(at=now, action="erased", status=booking.status, by="系统", note=note)


# --- export ------------------------------------------------------------------------------------


def export_person(rt: Runtime, text: object) -> dict[str, Any]:
    """Everything stored about a person (第四十五条: the right to a copy): the cases with
    their decisions and histories, the bookings with their events and queue tickets. Staff
    are named by role, not by account (their names are their own personal data). The full
    ID number appears once, as the key the person asked with; the records show it masked."""
    from shebao.present.cases import case_detail
    from shebao.web.cases.queries import record_of

    number = person_id(rt, text)
    cases = []
    for case in cases_of(number).order_by("created_at", "id"):
        shown = case_detail(record_of(rt, case))
        shown["created_by"] = "工作人员"
        for entry in shown.get("history", []):
            if entry.get("by"):
                entry["by"] = "工作人员"
        shown["kept_until"] = _kept_until(case)
        shown["rating"] = applications.export_rating(case.number)
        cases.append(shown)
    bookings = Booking.objects.filter(id_number=number).select_related("slot")
    return {
        "id_number": number,
        "exported_at": rt.now().astimezone(BEIJING).isoformat(timespec="seconds"),
        "retention": {
            "cases_years": settings.RETENTION_YEARS,
            "bookings_days": settings.BOOKING_RETENTION_DAYS,
            "basis": RULE,
        },
        "cases": cases,
        "bookings": [_booking_dict(rt, b) for b in bookings.order_by("created", "id")],
        "applications": applications.export_applications(number),
    }


def _kept_until(case: Case) -> str | None:
    closed = closed_on(case)
    return kept_until(closed, settings.RETENTION_YEARS).isoformat() if closed else None


def _booking_dict(rt: Runtime, booking: Booking) -> dict[str, Any]:
    item = rt.catalog.items.get(booking.item)
    ticket = getattr(booking, "ticket", None)
    return {
        "code": booking.code,
        "point": booking.point,
        "item": booking.item,
        "item_name": item.name if item else "",
        "start": booking.slot.start.astimezone(BEIJING).isoformat(timespec="minutes"),
        "end": booking.slot.end.astimezone(BEIJING).isoformat(timespec="minutes"),
        "status": booking.status,
        "status_label": BookingStatus(booking.status).label,
        "name": booking.name,
        "phone": booking.phone,
        "booked_at": booking.created.astimezone(BEIJING).isoformat(timespec="seconds"),
        "events": [
            {
                "at": e.at.astimezone(BEIJING).isoformat(timespec="seconds"),
                "action": e.action,
                "status": e.status,
                "by": "本人" if e.by == "本人" else "系统" if e.by == "系统" else "工作人员",
                "note": e.note,
            }
            for e in booking.events.order_by("at", "id")
        ],
        "ticket": None
        if ticket is None
        else {
            "ticket": ticket.label,
            "status": ticket.status,
            "taken": ticket.taken.astimezone(BEIJING).isoformat(timespec="seconds"),
            "window": ticket.window,
        },
    }
