"""A case's one rating, its follow-up when it is a 差评, and the append-only record of both."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from shebao.web.cases.models import Case, HistoryQuerySet, KeptQuerySet

LEVELS = [(5, "非常满意"), (4, "满意"), (3, "基本满意"), (2, "不满意"), (1, "非常不满意")]
SCORE = {"null": True, "blank": True}


class Rating(models.Model):
    """The applicant's rating of a finished case (or 基本满意 by default once the period passed).

    Never deleted and never changed but to set it aside: a set-aside rating leaves the figures,
    keeps its level, and its setting aside is recorded in `RatingEvent`.
    """

    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="rating", verbose_name="办件"
    )
    level = models.PositiveSmallIntegerField("评价等级", choices=LEVELS)
    attitude = models.PositiveSmallIntegerField("服务态度", **SCORE)
    efficiency = models.PositiveSmallIntegerField("服务效率", **SCORE)
    guide = models.PositiveSmallIntegerField("办事指南准确度", **SCORE)
    comment = models.TextField("意见建议", blank=True)
    defaulted = models.BooleanField("默认评价", default=False)
    channel = models.CharField("评价渠道", max_length=16)  # web, api, default
    at = models.DateTimeField("评价时间", default=timezone.now, db_index=True)
    set_aside_at = models.DateTimeField("剔除时间", null=True, blank=True)
    set_aside_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="剔除人",
    )
    set_aside_reason = models.TextField("剔除理由", blank=True)

    objects = KeptQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "评价"
        ordering = ("-at", "-id")
        constraints = [
            models.CheckConstraint(
                name="rating_level_1_to_5", condition=models.Q(level__gte=1, level__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number}：{self.get_level_display()}"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("评价不能删除，只能剔除")


class FollowUp(models.Model):
    """The follow-up of a 差评: call the applicant back, find out, put right, close by `due`."""

    OPEN, CLOSED = "open", "closed"
    STATUSES = [(OPEN, "待回访"), (CLOSED, "已办结")]

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="followup")
    point = models.CharField("服务点", max_length=32, db_index=True)
    status = models.CharField("状态", max_length=8, choices=STATUSES, default=OPEN)
    opened_at = models.DateTimeField("开始时间", default=timezone.now)
    due = models.DateField("回访期限", db_index=True)
    due_estimated = models.BooleanField("期限为估算", default=False)
    callback = models.TextField("回访情况", blank=True)
    findings = models.TextField("核查情况", blank=True)
    rectification = models.TextField("整改措施", blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="办结人",
    )

    objects = KeptQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "差评回访整改"
        ordering = ("due", "id")
        constraints = [
            models.CheckConstraint(
                name="followup_status_is_known", condition=models.Q(status__in=["open", "closed"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating.case.number}：{self.get_status_display()}（期限 {self.due}）"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("差评回访记录不能删除")


class RatingEvent(models.Model):
    """One thing that happened to a rating, appended and never changed."""

    RATED, DEFAULTED, SET_ASIDE, FOLLOWUP_CLOSED = "rated", "defaulted", "set_aside", "closed"
    KINDS = [
        (RATED, "评价"),
        (DEFAULTED, "默认评价"),
        (SET_ASIDE, "剔除"),
        (FOLLOWUP_CLOSED, "回访整改办结"),
    ]

    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField("时间", default=timezone.now)
    kind = models.CharField("事项", max_length=16, choices=KINDS)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",  # null: the applicant or the system
    )
    note = models.TextField("说明", blank=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "评价记录"
        ordering = ("at", "id")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update"):
            raise PermissionError("评价记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("评价记录只能追加，不能删除")
