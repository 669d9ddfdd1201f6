"""A person's online applications (网上办) and ratings (好差评) on request: exported with the
rest, and erased by the same rule as the cases.

An application that became a case follows its case: erased (fields anonymised, files deleted
from the store) once the case is. A refused application is a decision, kept for the retention
period from its last change like a closed case. One still waiting for review is kept until it
is decided. Drafts and returned applications are no business record: erased at once. A rating
keeps its level and scores (the anonymous statistics) and loses its free-text comment when its
case is anonymised.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from shebao.runtime import BEIJING
from shebao.web.cases.models import Case
from shebao.web.online.models import Application, Upload
from shebao.web.online.states import State
from shebao.web.online.storage import storage
from shebao.web.privacy.retention import RULE, kept_until
from shebao.web.ratings.models import Rating

ERASED = "（已删除）"


def erased_applicant() -> dict[str, Any]:
    """The applicant's fields a case and an online application share, as erasure leaves them."""
    return dict(
        applicant_number="",
        applicant_masked=ERASED,
        applicant_name=ERASED,
        applicant_phone="",
        applicant_contact="",
        facts={},
    )


def applications_of(number: str) -> Any:
    return Application.objects.filter(applicant_kind="person", applicant_number=number)


def erase_applications(number: str, today: dt.date, years: int) -> tuple[int, list[dict]]:
    """Anonymise what the law lets go; (how many, the kept ones with why and until when)."""
    erased, kept = 0, []
    for app in applications_of(number).select_for_update().order_by("created_at"):
        why, until = _kept(app, today, years)
        if why is None:
            anonymise_application(app)
            erased += 1
        else:
            kept.append({"kind": "application", "number": app.code, "why": why, "until": until})
    return erased, kept


def _kept(app: Application, today: dt.date, years: int) -> tuple[str | None, str | None]:
    if app.case_id is not None:  # its case is kept (an erased case took its application along)
        return f"随办件 {app.case.number} 保存", None
    if app.state == State.SUBMITTED:
        return "网上申请待审核", None
    if app.state == State.REFUSED:
        until = kept_until(app.updated_at.astimezone(BEIJING).date(), years)
        if today < until:
            return f"不予受理决定，保存期限 {years} 年（{RULE}）", until.isoformat()
    return None, None


def anonymise_application(app: Application) -> None:
    """The applicant's fields emptied and every stored file deleted; the row, its state,
    item, point and dates stay for the counts."""
    from shebao.web.privacy.services import anonymous_decision

    Application.objects.filter(pk=app.pk).update(
        **erased_applicant(),
        commitment_text="",
        notice="",
        decision=anonymous_decision(app.decision) if app.decision else None,
    )
    store = storage()
    for upload in Upload.objects.filter(application=app, purged_at__isnull=True):
        store.delete(upload.key)
    Upload.objects.filter(application=app).update(
        original_name="", current=False, purged_at=timezone.now()
    )


def erase_with_case(case: Case) -> None:
    """What goes with a case when it is anonymised: its application and its rating's comment."""
    for app in Application.objects.filter(case=case):
        anonymise_application(app)
    Rating.objects.filter(case=case).update(comment="")


def export_applications(number: str) -> list[dict[str, Any]]:
    """The person's applications as they see them: state, materials sent (names and sizes,
    not the files, which they can download on the progress page while they are kept)."""
    out = []
    for app in applications_of(number).order_by("created_at", "id"):
        out.append(
            {
                "code": app.code,
                "item": app.item,
                "item_name": app.item_name,
                "state": app.state,
                "state_label": State(app.state).label,
                "name": app.applicant_name,
                "phone": app.applicant_phone,
                "facts": app.facts,
                "submitted_on": app.submitted_on.isoformat() if app.submitted_on else None,
                "case": app.case.number if app.case_id else None,
                "files": [
                    {
                        "material": u.material,
                        "file_name": u.original_name,
                        "size": u.size,
                        "uploaded_at": u.uploaded_at.astimezone(BEIJING).isoformat(
                            timespec="seconds"
                        ),
                        "review": u.review,
                        "reason": u.reason,
                        "deleted": u.purged_at is not None,
                    }
                    for u in app.uploads.order_by("uploaded_at", "id")
                ],
            }
        )
    return out


def export_rating(case_number: str) -> dict[str, Any] | None:
    rating = Rating.objects.filter(case__number=case_number).first()
    if rating is None:
        return None
    return {
        "level": rating.level,
        "scores": {
            "attitude": rating.attitude,
            "efficiency": rating.efficiency,
            "guide": rating.guide,
        },
        "comment": rating.comment,
        "defaulted": rating.defaulted,
        "at": rating.at.astimezone(BEIJING).isoformat(timespec="seconds"),
    }
