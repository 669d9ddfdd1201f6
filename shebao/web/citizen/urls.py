"""The citizen pages, at the site's root."""

from __future__ import annotations

from django.urls import path

from shebao.web.citizen import items, lifeevents, pages, progress, retirement, selfcheck

app_name = "citizen"

urlpatterns = [
    path("", pages.home, name="home"),
    path("search", pages.search, name="search"),
    path("category/<str:name>", pages.category, name="category"),
    path("items/<str:no>", items.item_page, name="item"),
    path("items/<str:no>/print", items.item_print, name="item_print"),
    path("items/<str:no>/check", selfcheck.check_page, name="check"),
    path("retirement", retirement.calculator, name="retirement"),
    path("progress", progress.progress, name="progress"),
    path("events", lifeevents.event_list, name="events"),
    path("events/<str:key>", lifeevents.event_page, name="event"),
]
