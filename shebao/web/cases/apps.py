"""The cases app."""

from __future__ import annotations

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "shebao.web.cases"
    label = "cases"
    verbose_name = "办件"
