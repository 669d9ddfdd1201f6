"""`shebao cases remind` (for cron): estimated dates made exact, 容缺 cases past their supplement
deadline terminated, and the open cases due soon or overdue listed and marked."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from shebao.present.cases import termination_note
from shebao.runtime import Runtime
from shebao.services import cases as core
from shebao.services.cases import CaseRecord, Reminder, Reminders, Status, Timer
from shebao.web.cases.history import move
from shebao.web.cases.limits import counter
from shebao.web.cases.models import Case
from shebao.web.cases.queries import OPEN, record_of, refresh_estimates

log = logging.getLogger("shebao.cases")


def remind(rt: Runtime, today: dt.date | None = None) -> Reminders:
    """Run every check once; safe to run as often as wanted (a second run changes nothing)."""
    today = today or rt.today()
    recomputed = _recompute(rt)
    terminated = _terminate(rt, today)
    overdue_before, normal_from = core.timer_classes(rt, today, settings.CASE_WARNING_DAYS)
    open_cases = Case.objects.filter(status__in=OPEN, due__isnull=False)
    overdue = _mark(rt, open_cases.filter(due__lt=overdue_before), Timer.OVERDUE, today)
    warning = _mark(
        rt,
        open_cases.filter(due__gte=overdue_before, due__lt=normal_from),
        Timer.WARNING,
        today,
    )
    open_cases.filter(due__gte=normal_from).exclude(timer_mark="").update(timer_mark="")
    counter().purge()  # failed lookups older than every window count for nothing
    log.info(
        "remind %s: %d recomputed, %d terminated, %d overdue, %d warning",
        today.isoformat(),
        len(recomputed),
        len(terminated),
        len(overdue),
        len(warning),
    )
    return Reminders(today, recomputed, terminated, overdue, warning)


def _recompute(rt: Runtime) -> tuple[CaseRecord, ...]:
    estimated = Case.objects.filter(
        Q(due_estimated=True) | Q(supplement_due_estimated=True), status__in=OPEN
    ).select_related("created_by")
    changed = []
    for case in estimated:
        before = (case.due, case.supplement_due, case.due_estimated)
        refresh_estimates(rt, case)
        if (case.due, case.supplement_due, case.due_estimated) != before:
            changed.append(record_of(rt, case, history=False))
    return tuple(changed)


def _terminate(rt: Runtime, today: dt.date) -> tuple[CaseRecord, ...]:
    late = Case.objects.filter(
        status=Status.ACCEPTED_PENDING_MATERIALS, supplement_due__lt=today
    ).values_list("pk", flat=True)
    done = []
    for pk in list(late):
        with transaction.atomic(durable=True):
            case = Case.objects.select_for_update().select_related("created_by").get(pk=pk)
            if case.status != Status.ACCEPTED_PENDING_MATERIALS:
                continue  # supplemented or withdrawn meanwhile
            move(case, Status.TERMINATED, None, termination_note(case.supplement_due))
        log.info("case %s terminated: supplement deadline passed", case.number)
        done.append(record_of(rt, case, history=False, today=today))
    return tuple(done)


def _mark(rt: Runtime, cases, timer: Timer, today: dt.date) -> tuple[Reminder, ...]:
    found = list(cases.select_related("created_by").order_by("due", "id"))
    shown = tuple(
        Reminder(record_of(rt, c, history=False, today=today), c.timer_mark != timer.value)
        for c in found
    )
    cases.update(timer_mark=timer.value, reminded_on=today)
    return shown
