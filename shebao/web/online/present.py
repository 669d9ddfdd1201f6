"""An online application as the applicant and as staff see it (one dict for the API and pages)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from shebao.runtime import Runtime
from shebao.services.cases import Status
from shebao.web.online.models import Application
from shebao.web.online.services import materials
from shebao.web.online.states import FileState, State


def application_dict(rt: Runtime, app: Application, *, staff: bool = False) -> dict[str, Any]:
    """Everything about the application; the document number always masked."""
    uploads = list(app.uploads.filter(current=True))
    tolerable = _tolerable(rt, app.item)
    shown: dict[str, Any] = {
        "code": app.code,
        "item": app.item,
        "item_name": app.item_name,
        "state": app.state,
        "state_label": State(app.state).label,
        "applicant": {
            "kind": app.applicant_kind,
            "name": app.applicant_name,
            "number": app.applicant_masked,
        },
        "phone_verified": app.verified_at is not None,
        "facts": app.facts,
        "materials": [
            {
                "name": name,
                "tolerable": name in tolerable,
                "files": [_file(u) for u in uploads if u.material == name],
            }
            for name in materials(rt, app)
        ],
        "submitted_on": _day(app.submitted_on),
        "commitment_signed": app.commitment_signed_at is not None,
        "refusal": _refusal(app.decision) if app.state == State.REFUSED else None,
        "notice": app.notice if app.state == State.RETURNED else None,
        "case": _case(app),
        "history": [
            {
                "at": timezone.localtime(h.at).strftime("%Y-%m-%d %H:%M"),
                "state": h.to_state,
                "state_label": State(h.to_state).label,
                "note": h.note,
                **({"by": h.by.get_username() if h.by else "申请人"} if staff else {}),
            }
            for h in app.history.select_related("by")
        ],
    }
    if staff:
        shown["point"] = app.point
    return shown


def _tolerable(rt: Runtime, item: int) -> set[str]:
    from shebao.services import cases as core

    check = core.supplement_materials(rt, item, [], [])
    return {m.name for m in check.missing if m.tolerable}


def _file(upload: Any) -> dict[str, Any]:
    return {
        "id": upload.id,
        "name": upload.original_name,
        "size": upload.size,
        "content_type": upload.content_type,
        "sha256": upload.sha256,
        "review": upload.review,
        "review_label": FileState(upload.review).label,
        "reason": upload.reason or None,
    }


def _refusal(decision: dict[str, Any] | None) -> dict[str, Any] | None:
    if not decision:
        return None
    return {
        "violations": [
            {"reason": v.get("reason"), "basis": v.get("basis"), "reading": v.get("reading")}
            for v in decision.get("violations", [])
        ]
    }


def _case(app: Application) -> dict[str, Any] | None:
    case = app.case
    if case is None:
        return None
    status = Status(case.status)
    return {
        "number": case.number,
        "status": status.value,
        "status_label": status.label,
        "accepted": _day(case.accepted),
        "due": _day(case.due),
        "due_estimated": case.due_estimated,
        "supplement_due": _day(case.supplement_due) if status.open else None,
    }


def _day(day: Any) -> str | None:
    return day.isoformat() if day else None
