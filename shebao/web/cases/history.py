"""Changing a case's status: always with a history row, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from shebao.services.cases import Status
from shebao.web.cases.models import Case, CaseHistory


def move(case: Case, target: Status, by: Any, note: str) -> None:
    """The new status and its history row (`by`: the user, None for the system)."""
    CaseHistory.objects.create(
        case=case, from_status=case.status, to_status=target.value, by=by, note=note
    )
    case.status = target.value
    case.save(update_fields=["status"])
