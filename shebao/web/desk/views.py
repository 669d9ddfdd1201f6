"""The desk's own pages: login, logout and the start page that leads to each staff page."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shebao.web.accounts.services import staff_info
from shebao.web.core import runtime
from shebao.web.desk.access import staff, staff_page
from shebao.web.desk.menu import menu_for


class LoginView(auth_views.LoginView):
    template_name = "desk/login.html"
    redirect_authenticated_user = True
    next_page = "/desk/"


class LogoutView(auth_views.LogoutView):
    next_page = "/desk/login/"


@require_GET
@staff_page()
def home(request: HttpRequest) -> HttpResponse:
    profile = staff(request)
    context = {"me": staff_info(runtime(), profile), "entries": menu_for(profile.role)[1:]}
    return render(request, "desk/home.html", context)
