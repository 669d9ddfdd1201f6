"""Who looked at which case, and when: the record of every staff view of a case (个人信息保护法).

Rows are appended and never changed or deleted (the model refuses, and so do database triggers,
migration 0002), so the record can show a supervisor what each account has opened.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class ViewQuerySet(models.QuerySet):
    def delete(self) -> Any:
        raise PermissionError("查看记录只能追加，不能删除")

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("查看记录只能追加，不能修改")


class CaseView(models.Model):
    """One staff view of a case: the case page, a document of it, or the API's case."""

    PAGE, DOCUMENT, API = "page", "document", "api"
    WHERE_CHOICES = [(PAGE, "办件页面"), (DOCUMENT, "办件文书"), (API, "接口")]

    number = models.CharField("办件编号", max_length=14, db_index=True)
    point = models.CharField("服务点", max_length=32)
    item = models.PositiveSmallIntegerField("事项编号")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="查看人",
    )
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    where = models.CharField("查看方式", max_length=16, choices=WHERE_CHOICES, default=PAGE)

    objects = ViewQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "办件查看记录"
        ordering = ("-at", "-id")
        indexes = [models.Index(fields=["by", "at"])]

    def __str__(self) -> str:
        return f"{self.number} {self.at:%Y-%m-%d %H:%M} {self.by_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update"):
            raise PermissionError("查看记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("查看记录只能追加，不能删除")
