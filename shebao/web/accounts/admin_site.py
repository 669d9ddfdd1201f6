"""The Django admin, for administrators only: other roles cannot enter even if marked staff."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from shebao.web.accounts.models import Role


class AdminSite(admin.AdminSite):
    site_header = "大连市社会保险合规办事系统 管理"
    site_title = "shebao 管理"
    index_title = "系统管理"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff and user.is_superuser):
            return False
        profile = getattr(user, "staff", None)
        return profile is not None and profile.role == Role.ADMIN
