"""Staff endpoints (session or `Authorization: Bearer TOKEN`); the cases build on these."""

from __future__ import annotations

from ninja import Router, Schema

from shebao.web.accounts.auth import STAFF, staff
from shebao.web.accounts.models import Role
from shebao.web.api.errors import ErrorOut
from shebao.web.core import runtime

router = Router(tags=["工作人员（需登录）"], auth=STAFF)


class StaffOut(Schema):
    name: str
    role: str
    role_label: str
    point: str | None
    point_name: str | None


@router.get("/me", response={200: StaffOut, 401: ErrorOut}, summary="当前工作人员")
def me(request):
    """登录的工作人员（或令牌所属的人）：角色和所属服务点；主管和管理员 point 为 null。"""
    profile = staff(request)
    place = runtime().catalog.places.get(profile.point) if profile.point else None
    return {
        "name": profile.user.get_username(),
        "role": profile.role,
        "role_label": Role(profile.role).label,
        "point": profile.point or None,
        "point_name": place.name if place else None,
    }
