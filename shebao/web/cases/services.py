"""Cases as use cases: take in, change status, supplement, remind, look up. Each owns its
transaction; the API, the document pages and `shebao cases` only call these.

A clerk or reviewer sees only the cases of their own service point: any other is "not found"
(404), never "forbidden", so that a case number says nothing about another point's cases.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from shebao.cases.documents import id_search
from shebao.errors import InputError, echo
from shebao.present.cases import decision_record, intake_note, supplement_note
from shebao.runtime import Runtime
from shebao.services import cases as core
from shebao.services.cases import CaseRecord, HistoryEntry, Letter, Status, SupplementCheck
from shebao.web.accounts.models import Role, StaffProfile
from shebao.web.accounts.services import check_point
from shebao.web.cases import limits as lookup_limits
from shebao.web.cases.history import move
from shebao.web.cases.models import Case, CaseHistory
from shebao.web.cases.queries import (
    OPERATOR,
    CaseNotFound,
    Viewer,
    find,
    record_of,
    refresh_estimates,
    visible,
)
from shebao.web.cases.reminders import Reminders, remind
from shebao.web.core.inserts import insert
from shebao.web.errors import Conflict

__all__ = [
    "OPERATOR",
    "CaseNotFound",
    "LookupLimited",
    "Reminders",
    "case_letter",
    "get_case",
    "list_cases",
    "lookup_public",
    "remind",
    "supplement",
    "take_in",
    "transition",
]

log = logging.getLogger("shebao.cases")

NUMBER_ATTEMPTS = 5  # 60 random bits: a second collision in a row would be a broken generator
MAX_NOTE = 500
MAX_LIST = 1000


class LookupLimited(InputError):
    """Too many failed lookups: wait `retry_after` seconds (429)."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, round(retry_after / 60))
        super().__init__(f"查询失败次数过多，请约 {minutes} 分钟后再试，或携带证件到服务窗口查询")


# --- intake ------------------------------------------------------------------------------------


def take_in(rt: Runtime, staff: StaffProfile, payload: Mapping[str, Any]) -> CaseRecord:
    """Decide an intake and store it, whatever the outcome, with its first history row.

    `payload`: item, channel, applicant, facts, provided, commitment_signed, and optionally
    point (a clerk's own by default), received (a date) and source (the number of the case of a
    life event's previous step this one follows, a case this staff member may see). NeedFacts
    and NeedCommitment (InputErrors) store nothing. The case is returned only once its
    transaction has committed.
    """
    point = _intake_point(rt, staff, payload.get("point"))
    source = find(staff, payload["source"]).pk if payload.get("source") else None
    facts = payload.get("facts") or {}
    decision = core.decide_intake(
        rt,
        payload.get("item"),  # type: ignore[arg-type]
        payload.get("channel"),  # type: ignore[arg-type]
        payload.get("applicant"),  # type: ignore[arg-type]
        facts,
        payload.get("provided") or [],
        payload.get("commitment_signed", False),
        payload.get("received"),
    )
    case, first = _store(decision, point, staff, facts, source)
    log.info(
        "case %s taken in: item %s, %s, point %s, by %s",
        case.number,
        decision.item,
        decision.outcome.value,
        point,
        first.by,
    )
    return record_of(rt, case, history=(first,), today=decision.decided_on)


def _intake_point(rt: Runtime, staff: StaffProfile, point: object) -> str:
    if point is not None and not isinstance(point, str):
        raise InputError("point（服务点）应为文本，如 hall-3")
    if not staff.sees_all_points:
        if point and point.strip() != staff.point:
            raise InputError(
                f"您属于服务点 {staff.point}，只能以本服务点收件，收到 point“{echo(point)}”"
            )
        return staff.point
    if not point:
        raise InputError("主管和管理员收件须指定服务点 point，如 hall-3")
    return check_point(rt, Role.CLERK, point)


def _store(
    decision: core.Decision, point: str, staff: StaffProfile, facts: Any, source: int | None
) -> tuple[Any, HistoryEntry]:
    record = decision_record(decision)
    who = decision.applicant
    user = staff.user
    person = isinstance(who, core.Person)
    fields = dict(
        item=decision.item,
        item_name=decision.item_name,
        channel=decision.channel.value,
        point=point,
        outcome=decision.outcome.value,
        status=decision.outcome.value,
        applicant_kind=who.kind,
        applicant_document=who.document.value if person else "",
        applicant_number=who.number,
        applicant_masked=who.masked_number,
        applicant_name=who.name,
        applicant_phone=who.phone,
        applicant_contact=(who.contact or "") if not person else "",
        applicant_birth_date=who.birth_date if person else None,
        applicant_sex=who.sex.value if person else "",
        facts=_masked_facts(facts),
        provided=list(decision.provided),
        commitment_signed=decision.commitment_signed,
        decision=record,
        catalog_version=decision.catalog_version,
        parameters_version=decision.parameters_version,
        received=decision.received,
        accepted=decision.accepted,
        due=decision.due,
        due_estimated=decision.due_estimated,
        supplement_due=decision.supplement_due,
        supplement_due_estimated=decision.supplement_due_estimated,
        created_by_id=user.pk,
        source_id=source,
    )
    note = intake_note(decision)
    for _ in range(NUMBER_ATTEMPTS):
        number = core.new_case_number()
        now = timezone.now()
        try:
            with transaction.atomic(durable=True):
                db = transaction.get_connection()
                pk = insert(Case, fields | {"number": number, "created_at": now}, db)
                history = {"case_id": pk, "at": now, "to_status": decision.outcome.value}
                insert(CaseHistory, history | {"by_id": user.pk, "note": note}, db)
        except IntegrityError:
            if not Case.objects.filter(number=number).exists():
                raise
            log.warning("case number collision, drawing another")
            continue
        # What was written, as `record_of` reads a case (a model instance costs as much again
        # as the INSERT's parameters).
        case = SimpleNamespace(pk=pk, number=number, created_at=now, created_by=user, **fields)
        first = HistoryEntry(now, None, decision.outcome, note, user.get_username())
        return case, first
    raise RuntimeError(f"no free case number in {NUMBER_ATTEMPTS} draws")


def _masked_facts(facts: Any) -> Any:
    """The facts as given, kept with the case; an ID number among them only masked."""
    if type(facts) is not dict and not isinstance(facts, Mapping):
        return facts
    kept = dict(facts)
    if isinstance(kept.get("id_number"), str):
        kept["id_number"] = core.mask_id(kept["id_number"])
    return kept


# --- reading -----------------------------------------------------------------------------------


def get_case(rt: Runtime, staff: Viewer, number: object) -> CaseRecord:
    """One case with its history, if this staff member may see it (else CaseNotFound)."""
    case = find(staff, number)
    refresh_estimates(rt, case)
    return record_of(rt, case)


def list_cases(
    rt: Runtime,
    staff: Viewer,
    *,
    status: str | None = None,
    item: int | str | None = None,
    point: str | None = None,
    timer: str | None = None,
    applicant: str | None = None,
    limit: int = 100,
) -> list[CaseRecord]:
    """The cases this staff member may see, newest first, filtered; no history.

    `applicant`: the last 4–6 characters of the applicant's number, or its first 6 and last 4
    (`documents.id_search`).
    """
    cases = visible(staff).select_related("created_by")
    if applicant:
        head, tail = id_search(applicant)
        cases = cases.filter(applicant_number__endswith=tail)
        if head:
            cases = cases.filter(applicant_masked__startswith=head)
    if status:
        cases = cases.filter(status=Status.parse(status).value)
    if item is not None and item != "":
        cases = cases.filter(item=rt.catalog.item(item).no)
    if point:
        if point.strip() not in rt.catalog.places:
            raise InputError(f"没有服务点“{echo(point)}”")
        cases = cases.filter(point=point.strip())
    if timer:
        cases = _by_timer(rt, cases, timer)
    if not 1 <= limit <= MAX_LIST:
        raise InputError(f"limit（条数）应为 1—{MAX_LIST} 的整数")
    today = rt.today()
    found = list(cases.order_by("-created_at", "-id")[:limit])
    for case in found:
        refresh_estimates(rt, case)
    return [record_of(rt, c, history=False, today=today) for c in found]


def _by_timer(rt: Runtime, cases: Any, timer: str) -> Any:
    try:
        kind = core.Timer(timer.strip().lower())
    except ValueError:
        choices = "、".join(f"{t.value}（{t.label}）" for t in core.Timer)
        raise InputError(f"timer（计时状态）只能是 {choices}，收到“{echo(timer)}”") from None
    overdue_before, normal_from = core.timer_classes(rt, warning_days=settings.CASE_WARNING_DAYS)
    open_cases = cases.filter(status__in=[s.value for s in Status if s.open], due__isnull=False)
    if kind is core.Timer.OVERDUE:
        return open_cases.filter(due__lt=overdue_before)
    if kind is core.Timer.WARNING:
        return open_cases.filter(due__gte=overdue_before, due__lt=normal_from)
    return open_cases.filter(due__gte=normal_from)


def case_letter(rt: Runtime, staff: StaffProfile, number: object, kind: str) -> CaseRecord:
    """The case a document page is for, when that document is the one its outcome gives."""
    case = get_case(rt, staff, number)
    letter = Letter.parse(kind)
    given = core.letter_for(case.outcome)
    if letter is not given:
        raise CaseNotFound(
            f"办件 {case.number} 的收件结果为{case.outcome.label}，"
            f"没有{letter.title}（它的文书是{given.title}）"
        )
    return case


# --- changes -----------------------------------------------------------------------------------


def transition(
    rt: Runtime, staff: StaffProfile, number: object, to: object, note: object = ""
) -> CaseRecord:
    """Change a case's status as a staff member chooses, with a history row; TransitionNotAllowed
    (409, with what is allowed) when the table or the case's dates do not allow it."""
    text = _note(note)
    target = Status.parse(to)
    today = rt.today()
    with transaction.atomic(durable=True):
        case = find(staff, number, lock=True)
        _no_personal_data(text, case.applicant_name)
        current = Status(case.status)
        core.check_manual_transition(current, target, case.supplement_due, today)
        move(case, target, staff.user, text)
    log.info(
        "case %s: %s -> %s by %s",
        case.number,
        current.value,
        target.value,
        staff.user.get_username(),
    )
    return record_of(rt, case)


def _note(note: object) -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise InputError("note（说明）应为文本")
    text = note.strip()
    if len(text) > MAX_NOTE:
        raise InputError(f"note（说明）过长：最多 {MAX_NOTE} 个字，收到 {len(text)} 个")
    if any(not (ch.isprintable() or ch in "\n\t") for ch in text):
        raise InputError("note（说明）中有不可见的控制字符，请重新输入")
    return text


# An 18-character ID number, a mobile number: a history row is never changed or erased, so
# the note written into it must hold no personal data (shebao.web.privacy says why).
_ID_OR_PHONE = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])")


def _no_personal_data(note: str, applicant_name: str) -> None:
    """Refuse a note that names the applicant or holds an ID or mobile number.

    >>> _no_personal_data("材料已核对", "王小明")
    >>> _no_personal_data("王小明本人来电", "王小明")
    Traceback (most recent call last):
    shebao.errors.InputError: note（说明）中不能写申请人的姓名、身份证号码或手机号码：...
    """
    named = len(applicant_name) >= 2 and applicant_name in note
    if named or _ID_OR_PHONE.search(note):
        raise InputError(
            "note（说明）中不能写申请人的姓名、身份证号码或手机号码："
            "说明永久保存在办件记录中，不能修改或删除"
        )


def supplement(
    rt: Runtime, staff: StaffProfile, number: object, provided: Sequence[str] | str
) -> tuple[CaseRecord, SupplementCheck]:
    """Materials brought for a 容缺 case: kept with it; complete → materials_supplemented."""
    today = rt.today()
    with transaction.atomic(durable=True):
        case = find(staff, number, lock=True)
        if case.status != Status.ACCEPTED_PENDING_MATERIALS:
            raise Conflict(
                f"办件 {case.number} 当前为{Status(case.status).label}，"
                "只有容缺受理（accepted_pending_materials）的办件才能补齐材料"
            )
        if case.supplement_due is not None and today > case.supplement_due:
            raise Conflict(
                f"办件 {case.number} 的补齐期限 {case.supplement_due.isoformat()} 已过，"
                "不能再补齐，将终止办理"
            )
        check = core.supplement_materials(rt, case.item, case.provided, provided)
        case.provided = list(check.provided)
        case.save(update_fields=["provided"])
        if check.complete:
            move(case, Status.MATERIALS_SUPPLEMENTED, staff.user, supplement_note(check))
    log.info(
        "case %s: materials brought, %s", case.number, "complete" if check.complete else "partial"
    )
    return record_of(rt, case), check


# --- the public lookup -------------------------------------------------------------------------


def lookup_public(
    rt: Runtime,
    number: object,
    id_last6: object,
    address: str,
    counter: lookup_limits.FailureCounter | None = None,
) -> CaseRecord:
    """A citizen's own case by its number and the last 6 characters of the applicant's document
    number (or credit code). A wrong pair, an unknown and a malformed number all raise the same
    CaseNotFound; LookupLimited after too many failures (see `limits`)."""
    counter = counter or lookup_limits.counter()
    try:
        key: str | None = core.parse_case_number(number)
    except InputError:
        key = None  # never sent to the database (it may hold anything, NUL included)
    by_address = lookup_limits.digest("address", address)
    by_number = lookup_limits.digest("number", key or "?" + str(number)[:40])
    if (wait := counter.wait(by_address, by_number)) is not None:
        raise LookupLimited(wait)
    # With its clerk, whom the record names: one round trip fewer per look-up.
    case = Case.objects.select_related("created_by").filter(number=key).first() if key else None
    if case is None or not core.last6_matches(case.applicant_number, id_last6):
        counter.failed(by_address, by_number)
        raise CaseNotFound("没有找到这个办件，或办件编号与证件号码后六位不相符")
    refresh_estimates(rt, case)
    return record_of(rt, case)
