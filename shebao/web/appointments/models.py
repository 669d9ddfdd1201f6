"""Schedules, rule overrides, slots, bookings, queue tickets and their history.

The guarantees live in the database: a slot's row is locked (`select_for_update`) while a
place in it is taken, and a seat number is unique among a slot's bookings that hold a place,
so no slot takes more bookings than it has places, whatever the number of server processes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from shebao.appointments.policy import SETTINGS, setting_keys
from shebao.appointments.status import BOOKING_LABELS, TICKET_LABELS, BookingStatus, TicketStatus
from shebao.errors import InputError

BOOKING_CHOICES = [(s.value, label) for s, label in BOOKING_LABELS.items()]
TICKET_CHOICES = [(s.value, label) for s, label in TICKET_LABELS.items()]
SETTING_CHOICES = [
    (key, f"{key}（{SETTINGS[key.split('.')[0]][key.split('.')[1]].label}）")
    for key in setting_keys()
]


class Schedule(models.Model):
    """A point's own opening hours, slot length and places per slot (else the data's default)."""

    point = models.CharField(
        "服务点", max_length=32, unique=True, help_text="目录中的地点编号，如 hall-3"
    )
    capacity = models.PositiveSmallIntegerField(
        "每个时段可约人数", help_text="开放预约的窗口数；0 为不开放预约"
    )
    slot_minutes = models.PositiveSmallIntegerField("每个时段分钟数")
    hours = models.CharField("开放时间", max_length=200, help_text="如 09:00-11:30,13:00-16:30")
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "排班"
        ordering = ["point"]

    def __str__(self) -> str:
        return f"{self.point}：{self.hours}，每 {self.slot_minutes} 分钟 {self.capacity} 人"

    def clean(self) -> None:
        """The admin's form is checked as `shebao schedule set` is."""
        from shebao.appointments import points
        from shebao.appointments.schedules import format_hours, parse_hours
        from shebao.web.core import runtime

        try:
            points.point(runtime().catalog, self.point)
            self.hours = format_hours(parse_hours(self.hours, self.slot_minutes or None))
        except InputError as exc:
            raise ValidationError(str(exc)) from None


class RuleOverride(models.Model):
    """An administrator's value for one booking or queue rule, over the data file's default."""

    key = models.CharField("规则", max_length=64, unique=True, choices=SETTING_CHOICES)
    value = models.CharField(
        "值", max_length=64, help_text="整数、true/false，或一个字母（取号前缀）"
    )
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "预约规则改写"
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"

    def clean(self) -> None:
        """Checked as the data file is, and together with the other overrides."""
        from shebao.appointments.policy import parse_override, policy
        from shebao.web.core import runtime

        try:
            parse_override(self.key, self.value)
            others = dict(RuleOverride.objects.exclude(pk=self.pk).values_list("key", "value"))
            policy(runtime().catalog.directory, {**others, self.key: self.value})
        except InputError as exc:
            raise ValidationError(str(exc)) from None


class Visitor(models.Model):
    """One row per person who has booked: locked while that person's bookings change, so the
    per-person rules hold however many requests the person sends at once."""

    id_number = models.CharField(max_length=32, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "预约人"


class Slot(models.Model):
    """A slot that has been booked at least once; its row is the lock for its places."""

    point = models.CharField("服务点", max_length=32)
    start = models.DateTimeField("开始")
    end = models.DateTimeField("结束")
    capacity = models.PositiveSmallIntegerField("可约人数")
    booked = models.PositiveSmallIntegerField("已约人数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "预约时段"
        ordering = ["point", "start"]
        constraints = [
            models.UniqueConstraint(fields=["point", "start"], name="one_slot_per_point_and_start"),
        ]

    def __str__(self) -> str:
        return f"{self.point} {self.start:%Y-%m-%d %H:%M}"


class Booking(models.Model):
    code = models.CharField("预约码", max_length=8, unique=True)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    seat = models.PositiveSmallIntegerField("位次")
    point = models.CharField("服务点", max_length=32)
    item = models.PositiveSmallIntegerField("事项")
    day = models.DateField("预约日期")
    id_number = models.CharField("证件号码", max_length=32)
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20)
    status = models.CharField(
        "状态", max_length=16, choices=BOOKING_CHOICES, default=BookingStatus.ACTIVE.value
    )
    created = models.DateTimeField("预约时间", auto_now_add=True)
    changed = models.DateTimeField("状态变更时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "预约"
        indexes = [models.Index(fields=["id_number", "status"], name="booking_person_status")]
        constraints = [
            # The database itself refuses a second booking on a place already held.
            models.UniqueConstraint(
                fields=["slot", "seat"],
                condition=~Q(status=BookingStatus.CANCELLED.value),
                name="one_booking_per_place",
            ),
            models.CheckConstraint(name="seat_from_one", condition=Q(seat__gte=1)),
            models.CheckConstraint(
                name="booking_status_is_known",
                condition=Q(status__in=[s.value for s in BookingStatus]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}（{self.point} {self.day}）"


class BookingEvent(models.Model):
    """Every change of a booking's state: who did what when."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间")
    action = models.CharField(
        "操作", max_length=16
    )  # booked, cancelled, moved, checked_in, no_show
    status = models.CharField("变更后状态", max_length=16, choices=BOOKING_CHOICES)
    by = models.CharField("操作人", max_length=150, default="本人")
    note = models.CharField("说明", max_length=200, blank=True, default="")

    class Meta:
        verbose_name = verbose_name_plural = "预约记录"
        ordering = ["at", "id"]


class QueueDay(models.Model):
    """A point's queue on one day: the last number given under each prefix."""

    point = models.CharField(max_length=32)
    day = models.DateField()
    last_walk_in = models.PositiveIntegerField(default=0)
    last_booked = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "每日号码"
        constraints = [
            models.UniqueConstraint(fields=["point", "day"], name="one_queue_per_point_and_day")
        ]


class Ticket(models.Model):
    WALK_IN, BOOKED = "walk_in", "booked"
    KINDS = [(WALK_IN, "现场取号"), (BOOKED, "预约取号")]

    point = models.CharField("服务点", max_length=32)
    day = models.DateField("日期")
    label = models.CharField("号码", max_length=8)
    kind = models.CharField("类别", max_length=8, choices=KINDS)
    booking = models.OneToOneField(
        Booking, null=True, blank=True, on_delete=models.PROTECT, related_name="ticket"
    )
    slot_start = models.DateTimeField("预约时段开始", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=8, choices=TICKET_CHOICES, default=TicketStatus.WAITING.value
    )
    taken = models.DateTimeField("取号时间")
    window = models.CharField("窗口", max_length=16, blank=True, default="")
    clerk = models.CharField("叫号人", max_length=150, blank=True, default="")
    called_at = models.DateTimeField("叫号时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    recalls = models.PositiveSmallIntegerField("重新叫号次数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "排队号"
        indexes = [models.Index(fields=["point", "day", "status"], name="ticket_queue")]
        constraints = [
            models.UniqueConstraint(fields=["point", "day", "label"], name="one_ticket_per_number"),
            models.CheckConstraint(
                name="ticket_status_is_known",
                condition=Q(status__in=[s.value for s in TicketStatus]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}（{self.point} {self.day}）"


class TicketEvent(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间")
    action = models.CharField("操作", max_length=16)  # taken, called, skipped, recalled, served
    status = models.CharField("变更后状态", max_length=8, choices=TICKET_CHOICES)
    window = models.CharField("窗口", max_length=16, blank=True, default="")
    by = models.CharField("操作人", max_length=150, blank=True, default="")

    class Meta:
        verbose_name = verbose_name_plural = "叫号记录"
        ordering = ["at", "id"]


class RateCounter(models.Model):
    """Attempts counted per key and time window, shared by every server process (without Redis)."""

    name = models.CharField(max_length=80)
    bucket = models.BigIntegerField()  # the window's number: seconds since the epoch // length
    count = models.PositiveIntegerField(default=0)
    expires = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "bucket"], name="one_counter_per_window")
        ]
        indexes = [models.Index(fields=["expires"], name="rate_counter_expires")]
