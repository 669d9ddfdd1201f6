"""The accounts app, and the admin site that only administrators may enter."""

from __future__ import annotations

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "shebao.web.accounts"
    label = "accounts"
    verbose_name = "工作人员"


class AdminConfig(admin_apps.AdminConfig):
    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "shebao.web.accounts.admin_site.AdminSite"
