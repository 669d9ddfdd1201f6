"""Ratings in the admin: read-only (the services own every write; set aside on the desk)."""

from __future__ import annotations

from django.contrib import admin

from shebao.web.cases.admin import ReadOnly
from shebao.web.ratings.models import FollowUp, Rating, RatingEvent


@admin.register(Rating)
class RatingAdmin(ReadOnly):
    list_display = ("case", "level", "defaulted", "at", "set_aside_at")
    list_filter = ("level", "defaulted")
    search_fields = ("case__number",)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnly):
    list_display = ("rating", "point", "status", "due", "closed_on")
    list_filter = ("status", "point")


@admin.register(RatingEvent)
class RatingEventAdmin(ReadOnly):
    list_display = ("rating", "at", "kind", "by", "note")
    list_filter = ("kind",)
