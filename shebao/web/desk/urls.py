"""The desk's URLs under /desk/ (the queue page lives with the appointments app)."""

from __future__ import annotations

from django.urls import path

from shebao.web.desk import casepage, dashboard, intake, viewlog, views, worklists

app_name = "desk"
urlpatterns = [
    path("desk/login/", views.LoginView.as_view(), name="login"),
    path("desk/logout/", views.LogoutView.as_view(), name="logout"),
    path("desk/", views.home, name="home"),
    path("desk/intake", intake.intake, name="intake"),
    path("desk/cases/", worklists.worklists, name="cases"),
    path("desk/cases/<str:number>/", casepage.case_page, name="case"),
    path("desk/views/", viewlog.views_page, name="views"),
    path("desk/dashboard/", dashboard.dashboard, name="dashboard"),
    path("desk/dashboard.csv", dashboard.dashboard_csv, name="dashboard_csv"),
]
