"""The applicant's pages under /items/<no>/apply and /online/, the desk's under /desk/review/."""

from __future__ import annotations

from django.urls import path

from shebao.web.online import desk, views

app_name = "online"
urlpatterns = [
    path("items/<str:no>/apply", views.start, name="start"),
    path("online/return", views.come_back, name="return"),
    path("online/<str:code>", views.application, name="application"),
    path("online/<str:code>/files/<str:file_id>", views.applicant_file, name="file"),
    path("desk/review/", desk.review_list, name="review_list"),
    path("desk/review/<str:code>", desk.review_page, name="review"),
    path("desk/review/<str:code>/files/<str:file_id>", desk.review_file, name="review_file"),
]
