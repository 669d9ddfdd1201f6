"""The appointments app."""

from __future__ import annotations

from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "shebao.web.appointments"
    label = "appointments"
    verbose_name = "预约与取号"
