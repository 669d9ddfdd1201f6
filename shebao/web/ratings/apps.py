"""The ratings app."""

from __future__ import annotations

from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "shebao.web.ratings"
    label = "ratings"
    verbose_name = "好差评"
