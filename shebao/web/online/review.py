"""网上预审 as use cases for staff: list, open, look at a file (logged), accept or send back
each file, then decide: the application becomes a case through the window's `take_in`.

Clerks and reviewers see only their own point's applications; another point's is "not found",
as with cases.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from shebao.errors import InputError
from shebao.runtime import Runtime
from shebao.services import cases as core
from shebao.web.accounts.models import StaffProfile
from shebao.web.cases import services as cases
from shebao.web.errors import Conflict
from shebao.web.online.models import Application, FileView, Upload
from shebao.web.online.services import NotFound, _move, applicant_dict, provided
from shebao.web.online.states import FileState, State
from shebao.web.online.storage import storage

log = logging.getLogger("shebao.online")
MAX_REASON = 500


def visible(staff: StaffProfile) -> QuerySet[Application]:
    apps = Application.objects.exclude(state=State.DRAFT)
    return apps if staff.sees_all_points else apps.filter(point=staff.point)


def waiting(staff: StaffProfile, limit: int = 200) -> list[Application]:
    """Applications waiting for review first (oldest first), then the latest others."""
    mine = visible(staff)
    first = list(mine.filter(state=State.SUBMITTED).order_by("submitted_on", "id")[:limit])
    rest = list(mine.exclude(state=State.SUBMITTED).order_by("-updated_at")[: limit - len(first)])
    return first + rest


def get(staff: StaffProfile, code: object, *, lock: bool = False) -> Application:
    key = code.strip().upper() if isinstance(code, str) else ""
    rows = visible(staff)
    if lock:
        rows = rows.select_for_update()
    found = rows.filter(code=key).first() if key else None
    if found is None:
        raise NotFound("没有找到这份网上申请")
    return found


def staff_file(staff: StaffProfile, code: object, upload_id: object) -> tuple[Upload, bytes]:
    """A file of an application this staff member may see; the view is logged."""
    app = get(staff, code)
    try:
        pk = int(str(upload_id))
    except ValueError:
        raise NotFound("没有找到这个文件") from None
    found = app.uploads.filter(pk=pk).first()
    if found is None:
        raise NotFound("没有找到这个文件")
    if found.purged_at is not None:
        raise NotFound("这个文件已过保存期限，已经删除")
    FileView.objects.create(upload=found, by=staff.user)
    log.info("online file %s of %s viewed by %s", pk, app.code, staff.user.get_username())
    return found, storage().read(found.key)


def review_file(
    staff: StaffProfile, code: object, upload_id: object, accept: object, reason: object = ""
) -> Upload:
    """Accept a file, or send it back with a reason the applicant will read."""
    if not isinstance(accept, bool):
        raise InputError("accept（是否通过）应为 true 或 false")
    text = reason.strip() if isinstance(reason, str) else ""
    if not accept and not text:
        raise InputError("退回材料须写明理由，申请人会看到")
    if len(text) > MAX_REASON or any(not ch.isprintable() for ch in text):
        raise InputError(f"理由最多 {MAX_REASON} 个字，且不能含控制字符")
    with transaction.atomic():
        app = get(staff, code, lock=True)
        if app.state != State.SUBMITTED:
            raise Conflict(f"申请当前为“{State(app.state).label}”，不在待审核中")
        try:
            found = app.uploads.get(pk=int(str(upload_id)), current=True)
        except (ValueError, Upload.DoesNotExist):
            raise NotFound("没有找到这个文件") from None
        found.review = FileState.ACCEPTED if accept else FileState.REJECTED
        found.reason = "" if accept else text
        found.reviewed_by = staff.user
        found.save(update_fields=["review", "reason", "reviewed_by"])
    return found


def decide(rt: Runtime, staff: StaffProfile, code: object) -> Application:
    """Every current file reviewed: take the application in as a case (accepted, 容缺) or
    send it back with one notice of everything to fix. The clock starts on the day of
    acceptance, this review (issue 17), not the day of submission: days spent waiting for
    review are the center's, not counted against the applicant; a review on a non-working day
    counts from the next working day, as at the window."""
    app = get(staff, code)
    if app.state != State.SUBMITTED:
        raise Conflict(f"申请当前为“{State(app.state).label}”，不在待审核中")
    current = list(app.uploads.filter(current=True))
    if any(u.review == FileState.PENDING for u in current):
        raise Conflict("还有未审核的文件：请逐个通过或退回后再作决定")
    rejected = [u for u in current if u.review == FileState.REJECTED]
    payload = {
        "item": app.item,
        "channel": "online",
        "point": app.point,
        "applicant": applicant_dict(app),
        "facts": app.facts,
        "provided": provided(app),
        "commitment_signed": app.commitment_signed_at is not None,
        "received": rt.today(),
    }
    record = None
    try:
        record = None if rejected else cases.take_in(rt, staff, payload)
    except core.NeedCommitment:
        record = None
    with transaction.atomic():
        locked = get(staff, code, lock=True)
        if locked.state != State.SUBMITTED:
            raise Conflict("这份申请刚被其他工作人员处理过")
        if record is not None and record.outcome is not core.Status.RETURNED:
            from shebao.web.cases.models import Case

            locked.case = Case.objects.get(number=record.number)
            target = State(record.outcome.value)
            note = f"预审通过，办件编号 {record.number}"
        else:
            locked.notice = return_notice(rt, locked, rejected)
            target, note = State.RETURNED, "预审退回，请按一次性告知补正后重新提交"
        _move(locked, target, staff.user, note)
    log.info("online application %s reviewed: %s by %s", app.code, target.value, staff.user)
    return locked


def return_notice(rt: Runtime, app: Application, rejected: list[Upload]) -> str:
    """The one-time notice: every file sent back with its reason, and every material missing."""
    lines = [f"【一次性告知】您的网上申请 {app.code}（“{app.item_name}”）需补正以下全部内容："]
    n = 0
    for upload in rejected:
        n += 1
        lines.append(f"{n}. {upload.material}：{upload.reason}")
    check = core.supplement_materials(rt, app.item, [], provided(app))
    done = {u.material for u in rejected}
    for missing in check.missing:
        if missing.name in done:
            continue
        n += 1
        lines.append(f"{n}. 尚缺{missing.name}（取得途径：{missing.source}）")
    lines.append("请上传更正后的文件后重新提交，申请编号不变。")
    return "\n".join(lines)


def summary(app: Application) -> dict[str, Any]:
    return {
        "code": app.code,
        "item": app.item,
        "item_name": app.item_name,
        "state": app.state,
        "state_label": State(app.state).label,
        "applicant": app.applicant_name,
        "applicant_number": app.applicant_masked,
        "submitted_on": app.submitted_on.isoformat() if app.submitted_on else None,
        "point": app.point,
        "updated_at": timezone.localtime(app.updated_at).isoformat(),
    }
