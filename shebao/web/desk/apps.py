"""The desk app."""

from __future__ import annotations

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "shebao.web.desk"
    label = "desk"
    verbose_name = "工作台"
