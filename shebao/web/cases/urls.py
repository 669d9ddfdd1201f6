"""The case documents' pages (the JSON API is under /api/cases)."""

from __future__ import annotations

from django.urls import path

from shebao.web.cases import views

app_name = "cases"
urlpatterns = [
    path("cases/<str:number>/documents/<str:kind>", views.document, name="document"),
]
