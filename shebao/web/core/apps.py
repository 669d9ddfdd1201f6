"""The core app: loads the guide when Django starts, so bad data stops the start, not a request."""

from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "shebao.web.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from shebao.web.core import load

        load()
