"""Online applications in the admin: read-only; the applicant's number masked; the record of
every staff view of a file, for administrators to audit."""

from __future__ import annotations

from django.contrib import admin

from shebao.web.cases.admin import ReadOnly
from shebao.web.online.models import Application, FileView


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("code", "item", "item_name", "state", "point", "applicant_masked", "updated_at")
    list_filter = ("state", "point")
    search_fields = ("code",)
    exclude = ("applicant_number", "verify_digest")


@admin.register(FileView)
class FileViewAdmin(ReadOnly):
    list_display = ("at", "by", "upload")
    list_filter = ("by",)
