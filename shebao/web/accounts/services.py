"""Staff accounts as use cases: add a member, issue a token, list them, tell who a request is."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from shebao.errors import InputError, echo
from shebao.runtime import Runtime
from shebao.web.accounts.models import ROLES_WITH_POINT, ApiToken, Role, StaffProfile
from shebao.web.errors import Conflict

TOKEN_PREFIX = "sbt_"
MAX_TOKEN_LENGTH = 100
# Where a clerk or reviewer can work: the halls, the departments and their special windows;
# not the banks' outlets, which are not the center's staff.
POINT_KINDS = ("hall", "department", "window")
# Writing "last used" on every call would make each API read a write; once a minute is enough.
LAST_USED_STEP = dt.timedelta(minutes=1)
# Generated passwords avoid characters that are easy to misread aloud (0/O, 1/l/I).
_PASSWORD_CHARS = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True)
class StaffInfo:
    name: str
    role: str
    role_label: str
    point: str | None
    point_name: str | None
    active: bool
    tokens: int
    last_login: dt.datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "role_label": self.role_label,
            "point": self.point,
            "point_name": self.point_name,
            "active": self.active,
            "tokens": self.tokens,
            "last_login": self.last_login.isoformat() if self.last_login else None,
        }


@dataclass(frozen=True, slots=True)
class NewStaff:
    info: StaffInfo
    generated_password: str | None  # shown once when no password was given


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        choices = "、".join(f"{r.value}（{r.label}）" for r in Role)
        raise InputError(f"未知的角色“{echo(text)}”，可选：{choices}") from None


def point_choices(rt: Runtime) -> str:
    return "、".join(
        f"{p.id}（{p.name}）" for p in rt.catalog.places.values() if p.kind in POINT_KINDS
    )


def check_point(rt: Runtime, role: Role, point: str | None) -> str:
    """The service point of a role: required for clerks and reviewers, refused for the others."""
    point = (point or "").strip()
    if role not in ROLES_WITH_POINT:
        if point:
            raise InputError(f"{role.label}可查看所有服务点，不属于某一个服务点：请不要指定服务点")
        return ""
    if not point:
        raise InputError(f"{role.label}须指定所属的服务点，可选：{point_choices(rt)}")
    place = rt.catalog.places.get(point)
    if place is None or place.kind not in POINT_KINDS:
        raise InputError(f"没有服务点“{echo(point)}”，可选：{point_choices(rt)}")
    return point


def add_staff(
    rt: Runtime, name: str, role: str, point: str | None = None, password: str | None = None
) -> NewStaff:
    """Create a staff member; without a password one is generated and returned once."""
    users = get_user_model()
    parsed = parse_role(role)
    where = check_point(rt, parsed, point)
    name = name.strip()
    try:
        users.username_validator(name)
    except ValidationError:
        raise InputError(
            f"用户名“{echo(name)}”无效：只能包含字母、数字和 @ . + - _，不能有空格"
        ) from None
    if len(name) > 150:
        raise InputError("用户名过长（最多 150 个字符）")
    generated = None
    if password is None:
        password = generated = "".join(secrets.choice(_PASSWORD_CHARS) for _ in range(16))
    _check_password(password, users(username=name))
    admin = parsed is Role.ADMIN
    try:
        with transaction.atomic():
            if users.objects.filter(username=name).exists():
                raise Conflict(f"用户“{echo(name)}”已存在")
            user = users.objects.create_user(
                username=name, password=password, is_staff=admin, is_superuser=admin
            )
            StaffProfile.objects.create(user=user, role=parsed, point=where)
    except IntegrityError:  # added by someone else at the same moment
        raise Conflict(f"用户“{echo(name)}”已存在") from None
    return NewStaff(
        staff_info(rt, StaffProfile.objects.select_related("user").get(user=user)), generated
    )


def _check_password(password: str, user: Any) -> None:
    if not password:
        raise InputError("密码不能为空")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        reasons = "；".join(m.rstrip("。") for m in exc.messages)
        raise InputError(f"密码不符合要求：{reasons}") from None


def issue_token(name: str) -> str:
    """A new API token for an active staff member; only its digest is kept."""
    profile = _active_profile(name)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=profile.user, digest=_digest(raw), prefix=raw[:10])
    return raw


def staff_list(rt: Runtime) -> list[StaffInfo]:
    profiles = StaffProfile.objects.select_related("user").order_by("user__username")
    return [staff_info(rt, p) for p in profiles]


def staff_for_token(raw: str) -> StaffProfile | None:
    """The active staff member a bearer token belongs to, or None."""
    raw = raw.strip()
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("user__staff")
        .filter(digest=_digest(raw), user__is_active=True)
        .first()
    )
    profile = getattr(token.user, "staff", None) if token else None
    if token is None or profile is None:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return profile


def staff_of(user: Any) -> StaffProfile | None:
    """The staff profile of a logged-in user (None for anonymous, inactive or profile-less)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    try:
        return user.staff
    except StaffProfile.DoesNotExist:
        return None


def has_administrator() -> bool:
    return StaffProfile.objects.filter(role=Role.ADMIN, user__is_active=True).exists()


def _active_profile(name: str) -> StaffProfile:
    profile = (
        StaffProfile.objects.select_related("user")
        .filter(user__username=name.strip(), user__is_active=True)
        .first()
    )
    if profile is None:
        raise InputError(f"没有名为“{echo(name)}”的在职工作人员")
    return profile


def _digest(raw: str) -> str:
    # Tokens carry 256 random bits: a plain hash cannot be reversed or guessed, and lets the
    # token be found by an index instead of checking every stored hash.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def staff_info(rt: Runtime, profile: StaffProfile) -> StaffInfo:
    """A member as pages and the CLI show them: role and point in words."""
    place = rt.catalog.places.get(profile.point) if profile.point else None
    return StaffInfo(
        name=profile.user.get_username(),
        role=profile.role,
        role_label=Role(profile.role).label,
        point=profile.point or None,
        point_name=place.name if place else None,
        active=profile.user.is_active,
        tokens=profile.user.api_tokens.count(),
        last_login=profile.user.last_login,
    )
