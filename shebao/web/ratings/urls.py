"""The rating page at /rate/{number} and the staff pages under /desk/ (ratings, follow-ups)."""

from __future__ import annotations

from django.urls import path

from shebao.web.ratings import desk, views

app_name = "ratings"
urlpatterns = [
    path("rate/<str:number>", views.rate, name="rate"),
    path("desk/ratings/", desk.statistics_page, name="statistics"),
    path("desk/ratings/csv", desk.statistics_csv, name="statistics_csv"),
    path("desk/ratings/set-aside", desk.set_aside_page, name="set_aside"),
    path("desk/followups/", desk.followup_list, name="followups"),
    path("desk/followups/<int:pk>/", desk.followup_page, name="followup"),
]
