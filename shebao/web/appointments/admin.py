"""The admin's view: schedules and rule overrides are edited; bookings and tickets are read."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from shebao.cases.applicants import mask_id
from shebao.web.appointments.models import (
    Booking,
    BookingEvent,
    RuleOverride,
    Schedule,
    Slot,
    Ticket,
    TicketEvent,
)


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ("point", "hours", "slot_minutes", "capacity", "updated")


@admin.register(RuleOverride)
class RuleOverrideAdmin(admin.ModelAdmin):
    list_display = ("key", "value", "updated")


class ReadOnly(admin.ModelAdmin):
    """Changed only through the services, which keep the history and the counts right."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class BookingEvents(admin.TabularInline):
    model = BookingEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "action", "status", "by", "note")


@admin.register(Booking)
class BookingAdmin(ReadOnly):
    # The ID number only masked, here as everywhere but a case's own page (tests/web/security).
    exclude = ("id_number",)
    readonly_fields = ("masked_id",)
    list_display = ("code", "point", "day", "slot", "item", "name", "status", "created")
    list_filter = ("status", "point", "day")
    search_fields = ("code",)
    ordering = ("-day", "slot__start", "seat")
    inlines = (BookingEvents,)

    @admin.display(description="证件号码（隐去部分）")
    def masked_id(self, booking: Booking) -> str:
        return mask_id(booking.id_number)


@admin.register(Slot)
class SlotAdmin(ReadOnly):
    list_display = ("point", "start", "end", "capacity", "booked")
    list_filter = ("point",)


class TicketEvents(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "action", "status", "window", "by")


@admin.register(Ticket)
class TicketAdmin(ReadOnly):
    list_display = ("label", "point", "day", "kind", "status", "window", "taken", "called_at")
    list_filter = ("status", "point", "day", "kind")
    ordering = ("-day", "taken", "id")
    inlines = (TicketEvents,)
