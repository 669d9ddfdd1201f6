"""A staff member's role and service point, and the API tokens of scripts acting for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    CLERK = "clerk", "窗口人员"
    REVIEWER = "reviewer", "审核人员"
    SUPERVISOR = "supervisor", "主管"
    ADMIN = "admin", "系统管理员"


# Clerks and reviewers work at one service point; supervisors and administrators see all.
ROLES_WITH_POINT = frozenset({Role.CLERK, Role.REVIEWER})


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    point = models.CharField(
        "服务点", max_length=32, blank=True, default="", help_text="目录中的地点编号，如 hall-3"
    )

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"
        constraints = [
            models.CheckConstraint(
                name="point_only_for_clerks_and_reviewers",
                condition=(
                    models.Q(role__in=sorted(ROLES_WITH_POINT)) & ~models.Q(point="")
                    | ~models.Q(role__in=sorted(ROLES_WITH_POINT)) & models.Q(point="")
                ),
            ),
            models.CheckConstraint(name="role_is_known", condition=models.Q(role__in=Role.values)),
        ]

    def __str__(self) -> str:
        where = f"@{self.point}" if self.point else ""
        return f"{self.user.get_username()}（{self.get_role_display()}{where}）"

    @property
    def sees_all_points(self) -> bool:
        return self.role not in ROLES_WITH_POINT


class ApiToken(models.Model):
    """A token for scripts: only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField("开头", max_length=12, editable=False)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    last_used = models.DateTimeField("最近使用", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.prefix}…（{self.user.get_username()}）"
