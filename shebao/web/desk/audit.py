"""Recording every staff view of a case, and reading the record back for supervisors.

A view is recorded only once the case has been found for that staff member: a number that is
unknown, or another point's, shows nothing and so records nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from shebao.errors import InputError, echo
from shebao.runtime import BEIJING
from shebao.services.cases import CaseRecord, parse_case_number
from shebao.web.accounts.models import StaffProfile
from shebao.web.desk.models import CaseView

MAX_ROWS = 500


@dataclass(frozen=True, slots=True)
class ViewRow:
    at: dt.datetime  # Beijing time
    number: str
    item: int
    point: str
    by: str
    where: str


def record_view(staff: StaffProfile, case: CaseRecord, where: str = CaseView.PAGE) -> None:
    CaseView.objects.create(
        number=case.number, point=case.point, item=case.item, by=staff.user, where=where
    )


def list_views(number: str = "", by: str = "", limit: int = 200) -> list[ViewRow]:
    """The latest views, newest first, of one case and/or by one staff member's user name."""
    views = CaseView.objects.select_related("by")
    if number.strip():
        views = views.filter(number=parse_case_number(number))
    if by.strip():
        user = get_user_model().objects.filter(username=by.strip()).first()
        if user is None:
            raise InputError(f"没有用户名为“{echo(by.strip())}”的工作人员")
        views = views.filter(by=user)
    labels = dict(CaseView.WHERE_CHOICES)
    return [
        ViewRow(
            v.at.astimezone(BEIJING),
            v.number,
            v.item,
            v.point,
            v.by.get_username(),
            labels.get(v.where, v.where),
        )
        for v in views.order_by("-at", "-id")[: min(limit, MAX_ROWS)]
    ]
