"""URLs: the admin (administrators only), the JSON API and the case documents."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from shebao.web.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("shebao.web.cases.urls")),
]

handler400 = "shebao.web.core.views.bad_request"
handler403 = "shebao.web.core.views.forbidden"
handler404 = "shebao.web.core.views.not_found"
handler500 = "shebao.web.core.views.server_error"
