"""An online application, its uploaded files, its append-only history and every staff view of a
file."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from shebao.web.online.states import FileState, State


class Application(models.Model):
    """One application made online, from draft to a case (or a refusal).

    The public number is `code`; it stays the same when a returned application is corrected
    and sent again. Each review that ends in a decision takes a case in (`case`, the latest).
    """

    code = models.CharField("申请编号", max_length=16, unique=True)
    item = models.PositiveSmallIntegerField("事项编号")
    item_name = models.CharField("事项", max_length=100)
    point = models.CharField("预审服务点", max_length=32, db_index=True)
    state = models.CharField("状态", max_length=32, choices=State.choices(), db_index=True)
    # The full number, as with a case (see cases.models.Case): lists use `applicant_masked`.
    applicant_kind = models.CharField("申请人类型", max_length=8)
    applicant_number = models.CharField("证件号码", max_length=40)
    applicant_masked = models.CharField("证件号码（隐去）", max_length=40)
    applicant_name = models.CharField("申请人", max_length=100)
    applicant_phone = models.CharField("联系电话", max_length=20)
    applicant_contact = models.CharField("联系人", max_length=50, blank=True)
    verify_digest = models.CharField(max_length=64, blank=True)
    verify_sent_at = models.DateTimeField(null=True, blank=True)
    verify_attempts = models.PositiveSmallIntegerField(default=0)
    verify_sends = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField("手机验证时间", null=True, blank=True)
    facts = models.JSONField("事实", default=dict)
    commitment_text = models.TextField("所签承诺书全文", blank=True)
    commitment_signed_at = models.DateTimeField("承诺书签署时间", null=True, blank=True)
    submitted_on = models.DateField("提交日期", null=True, blank=True)
    decision = models.JSONField("不予受理决定", null=True, blank=True)
    notice = models.TextField("一次性告知", blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "网上申请"
        ordering = ("-updated_at", "-id")

    def __str__(self) -> str:
        return f"{self.code}（事项{self.item}，{State(self.state).label}）"


class Upload(models.Model):
    """One file for one material; a replaced or withdrawn file stays, marked not current."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="uploads")
    material = models.CharField("材料", max_length=200)
    key = models.CharField("存储位置", max_length=200, unique=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField("大小（字节）")
    content_type = models.CharField(max_length=40)
    original_name = models.CharField("原文件名", max_length=120, blank=True)
    current = models.BooleanField("有效", default=True)
    review = models.CharField(
        "预审", max_length=16, choices=FileState.choices(), default=FileState.PENDING
    )
    reason = models.CharField("退回理由", max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    purged_at = models.DateTimeField("文件删除时间（保存期满）", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "上传的材料"
        ordering = ("uploaded_at", "id")

    def __str__(self) -> str:
        return f"{self.material}（文件 {self.pk}）"


class ApplicationHistory(models.Model):
    """One change of an application's state: appended, never changed."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField("时间", default=timezone.now)
    from_state = models.CharField("原状态", max_length=32, blank=True)
    to_state = models.CharField("新状态", max_length=32)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # null: the applicant
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "网上申请记录"
        ordering = ("at", "id")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("网上申请记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("网上申请记录只能追加，不能删除")


class FileView(models.Model):
    """A staff member opened an uploaded file (every view is kept)."""

    upload = models.ForeignKey(Upload, on_delete=models.PROTECT, related_name="views")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "材料查看记录"
