"""The admin's view of staff: the profile inside the user page; tokens can be revoked, not made."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from shebao.web.accounts.models import ApiToken, StaffProfile


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    verbose_name_plural = "角色与服务点"


class StaffUserAdmin(UserAdmin):
    inlines = (StaffProfileInline,)
    list_display = ("username", "staff_role", "staff_point", "is_active", "last_login")

    @admin.display(description="角色")
    def staff_role(self, user) -> str:
        profile = getattr(user, "staff", None)
        return profile.get_role_display() if profile else "—"

    @admin.display(description="服务点")
    def staff_point(self, user) -> str:
        profile = getattr(user, "staff", None)
        return (profile.point or "全部") if profile else "—"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created", "last_used")
    readonly_fields = ("prefix", "user", "created", "last_used")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a token is shown once, by `shebao users token`


users = get_user_model()
if admin.site.is_registered(users):
    admin.site.unregister(users)
admin.site.register(users, StaffUserAdmin)
