"""The appointment pages: /booking/ for citizens, /hall/ for the hall, /desk/queue/ for clerks."""

from __future__ import annotations

from django.urls import path

from shebao.web.appointments import views

app_name = "appointments"
urlpatterns = [
    path("booking/", views.points, name="points"),
    path("booking/find/", views.find, name="find"),
    path("booking/<str:point>/", views.book, name="book"),
    path("hall/<str:point>/ticket/", views.kiosk, name="kiosk"),
    path("hall/<str:point>/", views.display, name="display"),
    path("desk/queue/", views.desk, name="desk"),
]
