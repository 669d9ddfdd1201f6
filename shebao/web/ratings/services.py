"""好差评 as use cases: a citizen rates a finished case, unrated cases default to 基本满意, a 差评
opens a follow-up a supervisor closes, an administrator sets a rating aside, and the figures.

Each owns its transaction; the API, the pages and `shebao cases remind` only call these. The
citizen is identified as for the public lookup (case number + last 6 of the ID number), under
the same failure limits, and with the same answer for every mismatch.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from shebao.errors import InputError, echo
from shebao.ratings.levels import DEFAULT_LEVEL, Indicator, Level, RatingInput, parse_rating
from shebao.runtime import Runtime
from shebao.services.cases import Status, parse_case_number
from shebao.web.accounts.models import Role, StaffProfile
from shebao.web.cases import services as cases
from shebao.web.cases.models import Case
from shebao.web.errors import Conflict
from shebao.web.ratings.models import FollowUp, Rating, RatingEvent
from shebao.workdays.deadlines import Deadline, due_date

log = logging.getLogger("shebao.ratings")

RATEABLE = [Status.COMPLETED.value, Status.REFUSED.value, Status.RETURNED.value]
SUPERVISING = frozenset({Role.SUPERVISOR, Role.ADMIN})
MAX_TEXT = 1000
MAX_REASON = 300


class NotAllowed(InputError):
    """A staff member whose role may not do this (HTTP 403)."""


class AlreadyRated(Conflict):
    """The case has its one rating (given, or 基本满意 by default): HTTP 409."""


class NotFinished(Conflict):
    """The case is still open: it can be rated once it is completed, refused or returned."""


class FollowUpNotFound(InputError, LookupError):
    pass


@dataclass(frozen=True, slots=True)
class PublicState:
    """What the progress page shows about rating a case."""

    number: str
    rateable: bool  # finished and not yet rated: show the form
    rating: Rating | None
    until: dt.date | None  # the last day to rate, before the default applies
    defaulted: bool = False  # the period has passed: 基本满意 (written by the next `remind`)


# --- the citizen -------------------------------------------------------------------------------


def rate(
    rt: Runtime,
    number: object,
    id_last6: object,
    address: str,
    *,
    level: object,
    scores: object = None,
    comment: object = None,
    channel: str = "web",
) -> Rating:
    """The applicant's one rating of a finished case; a 差评 opens its follow-up.

    CaseNotFound and LookupLimited as `cases.lookup_public`; NotFinished, AlreadyRated (also when
    the period has passed and the default applies) and InputError for a bad rating.
    """
    given = parse_rating(level, scores, comment)  # a bad body counts as no failed lookup
    record = cases.lookup_public(rt, number, id_last6, address)
    now = timezone.now()
    once = f"办件 {record.number} 已经评价过，每个办件只能评价一次"
    try:
        with transaction.atomic(durable=True):
            case = Case.objects.select_for_update().get(number=record.number)
            if case.status not in RATEABLE:
                raise NotFinished(
                    f"办件 {case.number} 还在办理中（{Status(case.status).label}），"
                    "办结、不予受理或退回补正后才能评价"
                )
            if Rating.objects.filter(case=case).exists():
                raise AlreadyRated(once)
            finished = _finished_at(case)
            late = now >= finished + _period()
            rating = _default(rt, case, finished) if late else _store(rt, case, given, channel, now)
    except IntegrityError:  # rated at the same moment by another request (SQLite: no row lock)
        raise AlreadyRated(once) from None
    if late:  # the default is kept (committed above), the citizen's rating refused
        raise AlreadyRated(
            f"办件 {case.number} 已超过 {settings.RATING_DEFAULT_DAYS} 天评价期限，"
            "已默认评价为基本满意"
        )
    log.info("case %s rated %d via %s", case.number, rating.level, channel)
    return rating


def public_state(number: str) -> PublicState:
    """For a case the citizen has just looked up (its number checked by `lookup_public`)."""
    case = Case.objects.get(number=parse_case_number(number))
    rating = Rating.objects.filter(case=case).first()
    if case.status not in RATEABLE:
        return PublicState(case.number, False, rating, None)
    ends = _finished_at(case) + _period()
    if rating is None and timezone.now() >= ends:
        return PublicState(case.number, False, None, None, defaulted=True)
    last_day = timezone.localtime(ends - dt.timedelta(microseconds=1)).date()
    return PublicState(case.number, rating is None, rating, last_day)


def _store(rt: Runtime, case: Case, given: RatingInput, channel: str, now: dt.datetime) -> Rating:
    scores = {i.value: given.scores.get(i) for i in Indicator}
    rating = Rating.objects.create(
        case=case,
        level=int(given.level),
        comment=given.comment,
        channel=channel,
        at=now,
        **scores,
    )
    RatingEvent.objects.create(
        rating=rating, at=now, kind=RatingEvent.RATED, note=given.level.label
    )
    if given.level.bad:
        _open_followup(rt, rating, case, now)
    return rating


def _open_followup(rt: Runtime, rating: Rating, case: Case, now: dt.datetime) -> FollowUp:
    deadline = followup_due(rt, timezone.localdate(now))
    return FollowUp.objects.create(
        rating=rating,
        point=case.point,
        opened_at=now,
        due=deadline.due,
        due_estimated=deadline.estimated,
    )


def followup_due(rt: Runtime, opened: dt.date) -> Deadline:
    """`FOLLOWUP_WORKING_DAYS` working days from the day the 差评 came in, by the calendar."""
    return due_date(opened, settings.FOLLOWUP_WORKING_DAYS, calendar=rt.calendar)


def _period() -> dt.timedelta:
    return dt.timedelta(days=settings.RATING_DEFAULT_DAYS)


def _finished_at(case: Case) -> dt.datetime:
    """When the case reached its rateable status (the intake itself for refusals and returns)."""
    moment = case.history.filter(to_status__in=RATEABLE).aggregate(m=Max("at"))["m"]
    return moment or case.created_at


# --- defaults ----------------------------------------------------------------------------------


def apply_defaults(rt: Runtime, now: dt.datetime | None = None) -> list[Rating]:
    """Every finished case unrated for `RATING_DEFAULT_DAYS` days gets 基本满意, marked defaulted,
    dated when the period ended (so the figures do not depend on when this runs). Idempotent."""
    now = now or timezone.now()
    due = (
        Case.objects.filter(status__in=RATEABLE, rating__isnull=True)
        .annotate(finished=Max("history__at", filter=Q(history__to_status__in=RATEABLE)))
        .filter(finished__lte=now - _period())
        .values_list("pk", flat=True)
    )
    made = []
    for pk in list(due):
        try:
            with transaction.atomic(durable=True):
                case = Case.objects.select_for_update().get(pk=pk)
                if Rating.objects.filter(case=case).exists():
                    continue  # rated meanwhile
                made.append(_default(rt, case, _finished_at(case)))
        except IntegrityError:
            continue  # rated (or defaulted by another process) at the same moment
    if made:
        log.info("%d cases rated 基本满意 by default", len(made))
    return made


def _default(rt: Runtime, case: Case, finished: dt.datetime) -> Rating:
    at = finished + _period()
    rating = Rating.objects.create(
        case=case, level=int(DEFAULT_LEVEL), defaulted=True, channel="default", at=at
    )
    note = f"{settings.RATING_DEFAULT_DAYS} 天内未评价，默认为{DEFAULT_LEVEL.label}"
    RatingEvent.objects.create(rating=rating, at=at, kind=RatingEvent.DEFAULTED, note=note)
    return rating


# --- staff -------------------------------------------------------------------------------------


def require_supervising(staff: StaffProfile) -> None:
    if staff.role not in SUPERVISING:
        raise NotAllowed("只有主管和系统管理员可以处理差评回访和查看评价统计")


def followups(
    staff: StaffProfile, *, status: str | None = None, point: str | None = None
) -> list[FollowUp]:
    """The follow-ups, the soonest due first; open ones only unless `status` says otherwise."""
    require_supervising(staff)
    found = _followups(point)
    if status in (None, "", FollowUp.OPEN):
        found = _pending(point)
    elif status == FollowUp.CLOSED:
        found = found.filter(status=FollowUp.CLOSED).order_by("-closed_at")
    elif status != "all":
        raise InputError(
            f"status 只能是 open（待回访）、closed（已办结）或 all，收到“{echo(status)}”"
        )
    return list(found[:500])


def _followups(point: str | None = None) -> QuerySet[FollowUp]:
    found = FollowUp.objects.select_related("rating__case__created_by")
    return found.filter(point=point) if point else found


def _pending(point: str | None = None) -> QuerySet[FollowUp]:
    """Open follow-ups still owed: a set-aside rating's follow-up is owed no more."""
    return _followups(point).filter(status=FollowUp.OPEN, rating__set_aside_at__isnull=True)


def overdue_followups(point: str | None = None, today: dt.date | None = None) -> list[FollowUp]:
    """Open follow-ups past their deadline (for `cases remind`, the desk and the dashboard)."""
    today = today or timezone.localdate()
    return list(_pending(point).filter(due__lt=today))


def get_followup(staff: StaffProfile, pk: object) -> FollowUp:
    require_supervising(staff)
    try:
        return _followups().get(pk=int(str(pk)))
    except (ValueError, FollowUp.DoesNotExist):
        raise FollowUpNotFound(f"没有编号为 {echo(pk)} 的差评回访") from None


def close_followup(
    staff: StaffProfile, pk: object, *, callback: object, findings: object, rectification: object
) -> FollowUp:
    """The supervisor's record of the call back, the findings and the 整改; the follow-up closes."""
    require_supervising(staff)
    texts = {
        "callback": _text(callback, "回访情况 callback"),
        "findings": _text(findings, "核查情况 findings"),
        "rectification": _text(rectification, "整改措施 rectification"),
    }
    now = timezone.now()
    with transaction.atomic(durable=True):
        found = get_followup(staff, pk)
        followup = FollowUp.objects.select_for_update().get(pk=found.pk)
        if followup.status == FollowUp.CLOSED:
            raise Conflict(f"这条差评回访已于 {timezone.localdate(followup.closed_at)} 办结")
        for name, value in texts.items():
            setattr(followup, name, value)
        followup.status = FollowUp.CLOSED
        followup.closed_at, followup.closed_on = now, timezone.localdate(now)
        followup.closed_by = staff.user
        followup.save()
        RatingEvent.objects.create(
            rating_id=followup.rating_id,
            at=now,
            kind=RatingEvent.FOLLOWUP_CLOSED,
            by=staff.user,
            note=texts["rectification"],
        )
    log.info("follow-up %s closed by %s", followup.pk, staff.user.get_username())
    return _followups().get(pk=followup.pk)


def set_aside(staff: StaffProfile, number: object, reason: object) -> Rating:
    """An administrator takes a mistaken or malicious rating out of the figures, with the reason;
    the rating and its history stay."""
    if staff.role != Role.ADMIN:
        raise NotAllowed("只有系统管理员可以剔除评价")
    text = _text(reason, "剔除理由 reason", limit=MAX_REASON)
    key = parse_case_number(number)
    now = timezone.now()
    with transaction.atomic(durable=True):
        rating = Rating.objects.select_for_update().filter(case__number=key).first()
        if rating is None:
            raise cases.CaseNotFound(f"办件 {key} 没有评价")
        if rating.set_aside_at is not None:
            raise Conflict(f"办件 {key} 的评价已于 {timezone.localdate(rating.set_aside_at)} 剔除")
        rating.set_aside_at, rating.set_aside_by, rating.set_aside_reason = now, staff.user, text
        rating.save(update_fields=["set_aside_at", "set_aside_by", "set_aside_reason"])
        RatingEvent.objects.create(
            rating=rating, at=now, kind=RatingEvent.SET_ASIDE, by=staff.user, note=text
        )
    log.info("rating of case %s set aside by %s", key, staff.user.get_username())
    return rating


def _text(value: object, what: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"请填写{what}")
    text = value.strip()
    if len(text) > limit:
        raise InputError(f"{what}过长：最多 {limit} 个字，收到 {len(text)} 个")
    if any(not (ch.isprintable() or ch in "\n\t\r") for ch in text):
        raise InputError(f"{what}中有不可见的控制字符，请重新输入")
    return text


def level_of(rating: Rating) -> Level:
    return Level(rating.level)


# --- for cron and the dashboard ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RatingReminders:
    defaulted: list[Rating]
    overdue: list[FollowUp]


def remind(rt: Runtime, now: dt.datetime | None = None) -> RatingReminders:
    """For `shebao cases remind`: write the defaults due, list the overdue follow-ups."""
    now = now or timezone.now()
    made = apply_defaults(rt, now)
    _recount_estimated(rt)
    return RatingReminders(made, overdue_followups(today=timezone.localdate(now)))


def _recount_estimated(rt: Runtime) -> None:
    """Deadlines estimated before the year's holidays were published, counted again."""
    for followup in FollowUp.objects.filter(status=FollowUp.OPEN, due_estimated=True):
        deadline = followup_due(rt, timezone.localdate(followup.opened_at))
        if (deadline.due, deadline.estimated) != (followup.due, True):
            FollowUp.objects.filter(pk=followup.pk).update(
                due=deadline.due, due_estimated=deadline.estimated
            )


def summary(point: str | None = None, today: dt.date | None = None) -> dict[str, int]:
    """Counts for a dashboard: open and overdue follow-ups (of one point, or all)."""
    today = today or timezone.localdate()
    open_ = _pending(point)
    return {
        "open_followups": open_.count(),
        "overdue_followups": open_.filter(due__lt=today).count(),
    }
