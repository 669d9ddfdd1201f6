"""The citizen app: public pages, the site's template tags and its per-day page cache."""

from __future__ import annotations

from django.apps import AppConfig


class CitizenConfig(AppConfig):
    name = "shebao.web.citizen"
    label = "citizen"
    verbose_name = "群众办事页面"
