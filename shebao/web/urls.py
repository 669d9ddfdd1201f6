"""URLs: the admin (administrators only), the JSON API, the apps' pages (case documents,
appointments) and the citizen pages at the root."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from shebao.web.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("shebao.web.desk.urls")),
    path("", include("shebao.web.appointments.urls")),
    path("", include("shebao.web.online.urls")),
    path("", include("shebao.web.citizen.urls")),
    path("", include("shebao.web.cases.urls")),
    path("", include("shebao.web.ratings.urls")),
]

handler400 = "shebao.web.core.views.bad_request"
handler403 = "shebao.web.core.views.forbidden"
handler404 = "shebao.web.core.views.not_found"
handler500 = "shebao.web.core.views.server_error"
