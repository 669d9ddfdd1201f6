"""Cases in the admin: read-only, the applicant's number masked, history never changed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from shebao.web.cases.models import Case, CaseHistory


class ReadOnly(admin.ModelAdmin):
    """Seen, never added, changed or deleted here: the services own every write."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class HistoryInline(admin.TabularInline):
    model = CaseHistory
    fields = ("at", "from_status", "to_status", "by", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ("number", "item", "item_name", "status", "point", "applicant_masked", "due")
    list_filter = ("status", "outcome", "point")
    search_fields = ("number",)
    # The full number is for the case's own page in the desk and API, not for the admin.
    exclude = ("applicant_number",)
    inlines = (HistoryInline,)


@admin.register(CaseHistory)
class CaseHistoryAdmin(ReadOnly):
    list_display = ("case", "at", "from_status", "to_status", "by", "note")
    list_filter = ("to_status",)
