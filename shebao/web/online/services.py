"""Online applications as use cases for the applicant: start, verify the phone, answer facts,
upload, sign the commitment, submit, come back. The rules are the window's
(`services.cases.decide_intake`); the staff side is in `review`.

An application the applicant names by its code and the last 6 characters of the document
number: a wrong pair, an unknown code and a malformed one all raise the same NotFound, and
failures count against the same limits as the public case lookup.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shebao.errors import InputError, echo
from shebao.present.cases import decision_record
from shebao.runtime import Runtime
from shebao.services import cases as core
from shebao.services import checks
from shebao.services.cases import ChannelKind
from shebao.web.accounts.services import POINT_KINDS
from shebao.web.cases import limits as lookup_limits
from shebao.web.cases.services import LookupLimited
from shebao.web.errors import Conflict
from shebao.web.online import files, verification
from shebao.web.online.models import Application, ApplicationHistory, Upload

# Re-exported: `shebao online purge` calls services only.
from shebao.web.online.retention import Purged as Purged
from shebao.web.online.retention import purge as purge
from shebao.web.online.states import EDITABLE, FileState, State, check_move
from shebao.web.online.storage import storage

log = logging.getLogger("shebao.online")

CODE_CHARS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud at the window
CODE_LENGTH = 10
VERIFY_ATTEMPTS = 5
VERIFY_SECONDS = 15 * 60
VERIFY_SENDS = 5  # codes per application: at most 25 guesses before it must be started again
IDENTITY = ("id_number", "birth_date", "sex")
NOT_FOUND = "没有找到这份网上申请，或申请编号与证件号码后六位不相符"


class NotFound(InputError, LookupError):
    """No application for this pair (404), whatever the reason."""

    def __init__(self, message: str = NOT_FOUND) -> None:
        super().__init__(message)


class TooLarge(InputError):
    """A file over the size limit (413)."""


@dataclass(frozen=True, slots=True)
class Started:
    application: Application
    shown_code: str | None  # the verification code to show on screen (no SMS gateway)


# --- start and identify ------------------------------------------------------------------------


def online_item(rt: Runtime, no: object) -> Any:
    """The catalog item, if it can be applied for here (it has an online channel)."""
    item = rt.catalog.item(no)  # UnknownItemError (404) for an unknown one
    if ChannelKind.ONLINE not in item.channel_kinds:
        raise InputError(f"事项{item.no}“{item.name}”没有网上办渠道，请到窗口办理")
    return item


def review_point(rt: Runtime, item: Any) -> str:
    """The service point whose staff pre-review the item: its first window, else the default."""
    for channel in item.channels:
        for place in channel.places:
            found = rt.catalog.places.get(place)
            if channel.kind is ChannelKind.WINDOW and found and found.kind in POINT_KINDS:
                return place
    return settings.ONLINE_DEFAULT_POINT


def start(rt: Runtime, item_no: object, applicant: Mapping[str, Any]) -> Started:
    """A new draft for a person or a unit, and a verification code sent to the phone given."""
    item = online_item(rt, item_no)
    who = core.read_applicant(rt, applicant)
    fields = dict(
        item=item.no,
        item_name=item.name,
        point=review_point(rt, item),
        state=State.DRAFT.value,
        applicant_kind=who.kind,
        applicant_number=who.number,
        applicant_masked=who.masked_number,
        applicant_name=who.name,
        applicant_phone=who.phone,
        applicant_contact=getattr(who, "contact", None) or "",
    )
    with transaction.atomic():
        app = Application.objects.create(code=_new_code(), **fields)
        ApplicationHistory.objects.create(application=app, to_state=State.DRAFT, note="创建草稿")
        shown = _send_code(app)
    log.info("online application %s started: item %s, point %s", app.code, item.no, app.point)
    return Started(app, shown)


def _new_code() -> str:
    for _ in range(5):
        code = "W" + "".join(secrets.choice(CODE_CHARS) for _ in range(CODE_LENGTH))
        if not Application.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free application code in 5 draws")


def _send_code(app: Application) -> str | None:
    if app.verify_sends >= VERIFY_SENDS:
        raise InputError(
            f"验证码已发送 {VERIFY_SENDS} 次，不能再发送；请重新开始申请，或到窗口办理"
        )
    code = verification.new_code()
    app.verify_digest = verification.digest(app.code, code)
    app.verify_sent_at = timezone.now()
    app.verify_attempts = 0
    app.verify_sends += 1
    fields = ["verify_digest", "verify_sent_at", "verify_attempts", "verify_sends"]
    app.save(update_fields=fields)
    return verification.sender().send(app.applicant_phone, code)


def resend_code(app: Application) -> str | None:
    if app.verified_at is not None:
        raise InputError("手机号码已经验证过了")
    return _send_code(app)


def verify(app: Application, code: object) -> Application:
    """Confirm the phone with the code sent; after 5 wrong tries or 15 minutes, send again."""
    if app.verified_at is not None:
        return app
    if not isinstance(code, str) or not code.strip():
        raise InputError("请填写验证码")
    sent = app.verify_sent_at
    expired = sent is None or (timezone.now() - sent).total_seconds() > VERIFY_SECONDS
    if expired or app.verify_attempts >= VERIFY_ATTEMPTS:
        raise InputError("验证码已失效（超过 15 分钟或错误次数过多），请重新获取验证码")
    if not verification.matches(app.code, code, app.verify_digest):
        app.verify_attempts += 1
        app.save(update_fields=["verify_attempts"])
        left = VERIFY_ATTEMPTS - app.verify_attempts
        raise InputError(f"验证码不正确，还可以再试 {left} 次")
    app.verified_at = timezone.now()
    app.verify_digest = ""
    app.save(update_fields=["verified_at", "verify_digest"])
    return app


# --- finding one's own application -------------------------------------------------------------


def find(code: object, id_last6: object, address: str) -> Application:
    """The applicant's own application by code and last 6 of the document number."""
    counter = lookup_limits.counter()
    key = code.strip().upper() if isinstance(code, str) else ""
    well_formed = len(key) == CODE_LENGTH + 1 and key[0] == "W" and set(key[1:]) <= set(CODE_CHARS)
    by_address = lookup_limits.digest("address", address)
    by_code = lookup_limits.digest("number", key if well_formed else "?" + key[:40])
    if (wait := counter.wait(by_address, by_code)) is not None:
        raise LookupLimited(wait)
    app = Application.objects.filter(code=key).first() if well_formed else None
    if app is None or not core.last6_matches(app.applicant_number, id_last6):
        counter.failed(by_address, by_code)
        raise NotFound()
    return app


def reload(app: Application) -> Application:
    return Application.objects.get(pk=app.pk)


# --- facts and files ---------------------------------------------------------------------------


def _editable(app: Application) -> None:
    if State(app.state) not in EDITABLE:
        raise Conflict(f"申请当前为“{State(app.state).label}”，不能再修改")


def _verified(app: Application) -> None:
    if app.verified_at is None:
        raise InputError("请先用验证码确认手机号码")


def set_facts(rt: Runtime, app: Application, facts: object) -> Application:
    """Keep the facts answered (validated as the rules read them; the ID never among them)."""
    _editable(app)
    if not isinstance(facts, Mapping):
        raise InputError('事实应为 JSON 对象，如 {"injury_recognized": true}')
    for name in facts:
        if name in IDENTITY:
            raise InputError(f"事实中不应填写“{echo(name)}”：身份信息由申请人的证件得出")
    kept = {name: value for name, value in facts.items() if value is not None}
    checks.facts(rt, kept)  # the rules' own validation: unknown names, bad values, in Chinese
    app.facts = kept
    app.updated_at = timezone.now()
    app.save(update_fields=["facts", "updated_at"])
    return app


def materials(rt: Runtime, app: Application) -> list[str]:
    """The materials of the item that are uploaded as files (the 承诺书 is signed, not sent)."""
    item = rt.catalog.item(app.item)
    return [m.name for m in item.materials if m.role != "commitment"]


def upload(
    rt: Runtime, app: Application, material: object, content: bytes, name: str = ""
) -> Upload:
    """Check, clean and store one file for one material; FileRefused / TooLarge say why."""
    _editable(app)
    _verified(app)
    names = materials(rt, app)
    if material not in names:
        raise InputError(f"事项{app.item}没有材料“{echo(material)}”，可选：{'、'.join(names)}")
    limit = settings.ONLINE_MAX_FILE_BYTES
    if len(content) > limit:
        raise TooLarge(f"文件过大：最大 {limit // (1024 * 1024)} MB，收到 {_mb(len(content))}")
    current = app.uploads.filter(current=True)
    if current.exclude(review=FileState.REJECTED).count() >= settings.ONLINE_MAX_FILES:
        raise Conflict(f"每份申请最多上传 {settings.ONLINE_MAX_FILES} 个文件，请先删除不需要的文件")
    clean = files.clean(content, _shown_name(name))
    digest = hashlib.sha256(clean.content).hexdigest()
    key = f"{app.code}/{secrets.token_hex(12)}.{clean.extension}"
    storage().save(key, clean.content)
    with transaction.atomic():
        stored = Upload.objects.create(
            application=app,
            material=material,
            key=key,
            sha256=digest,
            size=len(clean.content),
            content_type=clean.content_type,
            original_name=_shown_name(name),
        )
        # A file the reviewer sent back is replaced by the new one for the same material.
        current.filter(material=material, review=FileState.REJECTED).update(current=False)
        Application.objects.filter(pk=app.pk).update(updated_at=timezone.now())
    return stored


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _shown_name(name: str) -> str:
    text = "".join(ch for ch in (name or "").split("/")[-1].split("\\")[-1] if ch.isprintable())
    return text[:120]


def remove_upload(app: Application, upload_id: object) -> None:
    _editable(app)
    found = _own_upload(app, upload_id)
    Upload.objects.filter(pk=found.pk).update(current=False)


def _own_upload(app: Application, upload_id: object) -> Upload:
    try:
        pk = int(str(upload_id))
    except ValueError:
        raise NotFound("没有找到这个文件") from None
    found = app.uploads.filter(pk=pk, current=True).first()
    if found is None:
        raise NotFound("没有找到这个文件")
    return found


def applicant_file(app: Application, upload_id: object) -> tuple[Upload, bytes]:
    """One of the applicant's own current files (another's: NotFound, as an unknown one)."""
    found = _own_upload(app, upload_id)
    return found, storage().read(found.key)


# --- commitment and submit ---------------------------------------------------------------------


def commitment_text(rt: Runtime, app: Application, missing: list[str]) -> str:
    """The full 容缺受理承诺书 the applicant signs by ticking it (as printed at the window)."""
    limit = rt.guide.supplement.for_item(app.item)
    days = f"受理之日起 {limit.working_days} 个工作日内" if limit else "规定期限内"
    listed = "；".join(f"{n}. {m}" for n, m in enumerate(missing, 1))
    return (
        f"本人（单位）{app.applicant_name}（证件号码 {app.applicant_masked}）申请办理"
        f"“{app.item_name}”，下列材料暂缺：{listed}。本人（单位）承诺：所提交的材料真实、有效；"
        f"在{days}补齐上述材料。逾期未补齐的，同意终止办理本次申请，由此产生的后果由本人（单位）承担。"
    )


def applicant_dict(app: Application) -> dict[str, Any]:
    if app.applicant_kind == "unit":
        return {
            "kind": "unit",
            "credit_code": app.applicant_number,
            "name": app.applicant_name,
            "contact": app.applicant_contact or None,
            "phone": app.applicant_phone,
        }
    return {
        "kind": "person",
        "id_number": app.applicant_number,
        "name": app.applicant_name,
        "phone": app.applicant_phone,
    }


def provided(app: Application) -> list[str]:
    """The materials with a current file not sent back by the reviewer."""
    rows = app.uploads.filter(current=True).exclude(review=FileState.REJECTED)
    return sorted(set(rows.values_list("material", flat=True)))


class NeedSignature(InputError):
    """Only tolerated materials are missing: the applicant must sign this text (422)."""

    def __init__(self, text: str, missing: tuple[str, ...]) -> None:
        self.text, self.missing = text, missing
        super().__init__(
            f"尚缺{'、'.join(missing)}，均可容缺：请阅读并勾选签署《容缺受理承诺书》后提交，"
            "或上传这些材料"
        )


def submit(rt: Runtime, app: Application, signed_text: object = None) -> Application:
    """Run the window's rules on the application: refused at once (stored, with the basis),
    or waiting for review. Missing materials that may not be tolerated, facts the rules still
    need, or a commitment not signed: an InputError, nothing changes.

    `signed_text`: the full commitment text the applicant ticked; it must be today's text.
    """
    _editable(app)
    _verified(app)
    today = rt.today()
    signed = False
    try:
        decision = core.decide_intake(
            rt, app.item, "online", applicant_dict(app), app.facts, provided(app), False, today
        )
    except core.NeedCommitment as need:
        text = commitment_text(rt, app, [m.name for m in need.materials])
        if signed_text != text:
            raise NeedSignature(text, tuple(m.name for m in need.materials)) from None
        signed = True
        decision = core.decide_intake(
            rt, app.item, "online", applicant_dict(app), app.facts, provided(app), True, today
        )
    if decision.outcome is core.Status.RETURNED:
        raise InputError(f"材料不全，请上传后再提交。{decision.notice}")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=app.pk)
        _editable(locked)
        now = timezone.now()
        if decision.outcome is core.Status.REFUSED:
            locked.decision = decision_record(decision)
            target, note = State.REFUSED, _refusal_note(decision)
        else:
            target, note = State.SUBMITTED, "已提交，等待网上预审"
        if signed:
            locked.commitment_text, locked.commitment_signed_at = str(signed_text), now
        locked.submitted_on = today
        _move(locked, target, None, note)
    log.info("online application %s submitted: %s", app.code, target.value)
    return locked


def _refusal_note(decision: core.Decision) -> str:
    return "；".join(f"{v.reason}（依据：{v.basis}）" for v in decision.violations)


def _move(app: Application, target: State, by: Any, note: str) -> None:
    """Change the state with its history row (inside the caller's transaction)."""
    check_move(app.state, target)
    before = app.state
    app.state = target.value
    app.updated_at = timezone.now()
    app.save()
    ApplicationHistory.objects.create(
        application=app, from_state=before, to_state=target.value, by=by, note=note
    )
