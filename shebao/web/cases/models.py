"""A case with its frozen intake decision, its append-only history, and failed public lookups."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from shebao.services.cases import Status

STATUS_CHOICES = Status.choices()
STATUS_VALUES = [value for value, _ in STATUS_CHOICES]


class KeptQuerySet(models.QuerySet):
    """Rows that are never deleted in bulk (and, for history, never updated)."""

    def delete(self) -> Any:
        raise PermissionError(f"{self.model._meta.verbose_name}不能删除")


class HistoryQuerySet(KeptQuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("办件记录只能追加，不能修改")


class Case(models.Model):
    """One intake, whatever its outcome (refusals and returns are counted and audited too).

    `decision` is frozen as it was made; the services write the status and the dates, never
    the decision, and nothing deletes a case.
    """

    number = models.CharField("编号", max_length=14, unique=True)
    item = models.PositiveSmallIntegerField("事项编号")
    item_name = models.CharField("事项", max_length=100)
    channel = models.CharField("渠道", max_length=16)
    point = models.CharField("服务点", max_length=32, db_index=True)
    outcome = models.CharField("收件结果", max_length=32, choices=STATUS_CHOICES)
    status = models.CharField("状态", max_length=32, choices=STATUS_CHOICES, db_index=True)
    # The applicant. The full number is for the case's own page only: lists, documents, logs
    # and exports use `applicant_masked`. It is not encrypted in the row: the key would have to
    # live beside the database for every server process to read it (the data directory, 0700),
    # so it would guard only a copied database file, while losing the key would lose every
    # applicant's number from the audit record. Protect backups and PostgreSQL's disk instead.
    applicant_kind = models.CharField("申请人类型", max_length=8)
    applicant_document = models.CharField("证件类型", max_length=32, blank=True)
    applicant_number = models.CharField("证件号码", max_length=40)
    applicant_masked = models.CharField("证件号码（隐去）", max_length=40)
    applicant_name = models.CharField("申请人", max_length=100)
    applicant_phone = models.CharField("联系电话", max_length=20)
    applicant_contact = models.CharField("联系人", max_length=50, blank=True)
    applicant_birth_date = models.DateField("出生日期", null=True, blank=True)
    applicant_sex = models.CharField("性别", max_length=8, blank=True)
    facts = models.JSONField("事实", default=dict)  # as given, the ID number masked
    provided = models.JSONField("已提交的材料", default=list)  # intake and supplements
    commitment_signed = models.BooleanField("已签署容缺受理承诺书", default=False)
    decision = models.JSONField("收件决定")  # present.cases.decision_record, never rewritten
    catalog_version = models.CharField("指南版本", max_length=64)
    parameters_version = models.CharField("国家参数版本", max_length=64)
    received = models.DateField("收件日期")
    accepted = models.DateField("受理日期", null=True, blank=True)
    due = models.DateField("办结期限", null=True, blank=True, db_index=True)
    due_estimated = models.BooleanField("办结期限为估算", default=False)
    supplement_due = models.DateField("补齐期限", null=True, blank=True, db_index=True)
    supplement_due_estimated = models.BooleanField("补齐期限为估算", default=False)
    timer_mark = models.CharField("提醒标记", max_length=8, blank=True)  # by `cases remind`
    reminded_on = models.DateField("最近提醒日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # who took a case in stays known: deactivate, never delete
        related_name="+",
        verbose_name="收件人",
    )
    created_at = models.DateTimeField("收件时间", default=timezone.now)
    # The case of a life event's previous step this one was started from at the desk.
    source = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name="上一步办件",
    )

    objects = KeptQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "办件"
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                name="case_status_is_known", condition=models.Q(status__in=STATUS_VALUES)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（事项{self.item}，{Status(self.status).label}）"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("办件不能删除")


class CaseHistory(models.Model):
    """One change of a case's status, appended and never changed: who, when, from, to, why.

    Besides `save` and `delete` refusing here, database triggers refuse UPDATE and DELETE on
    the table (migration 0002).
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField("时间", default=timezone.now)
    from_status = models.CharField("原状态", max_length=32, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField("新状态", max_length=32, choices=STATUS_CHOICES)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",  # null: the system (`shebao cases remind`)
    )
    note = models.TextField("说明", blank=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "办件记录"
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status or '—'} → {self.to_status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update"):
            raise PermissionError("办件记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("办件记录只能追加，不能删除")


class LookupFailure(models.Model):
    """A failed public lookup, for the limits shared by every server process. The address and
    the number are kept only as keyed hashes, and only for the longest window."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    address = models.CharField(max_length=32)
    number = models.CharField(max_length=32)

    class Meta:
        verbose_name = verbose_name_plural = "查询失败记录"
        indexes = [
            models.Index(fields=["address", "at"]),
            models.Index(fields=["number", "at"]),
        ]
