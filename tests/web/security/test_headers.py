"""Security headers on every answer, a content security policy without inline script or style
that every template and page keeps to, the pages kept for the day replayed with the same
headers, and `check --deploy` clean in production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

import shebao
from tests.web.security.conftest import make_case, staff_client
from tests.web.security.routes import PAGE_SAMPLES, api_operations, page_routes

pytestmark = pytest.mark.django_db
PACKAGE = Path(shebao.__file__).parent

# Inline style or script in a template or a page: what the content security policy refuses.
INLINE = re.compile(
    r"<style\b|\sstyle\s*=|<script\b(?![^>]*\bsrc=)|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)
COMMENTS = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.DOTALL)
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
)


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_protected(response, where: str) -> None:
    for header in SECURITY_HEADERS:
        assert header in response, f"{where}: no {header}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = policy(response)
    assert csp["default-src"] == ["'none'"], where
    assert csp["script-src"] == ["'self'"], where
    assert csp["style-src"] == ["'self'"], where
    assert csp["frame-ancestors"] == ["'none'"] and csp["base-uri"] == ["'none'"], where
    assert csp["form-action"] == ["'self'"], where
    assert "unsafe" not in response["Content-Security-Policy"], where


def template_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.html") if "templates" in p.parts)


def test_the_template_scan_finds_the_templates():
    names = {p.name for p in template_files()}
    assert {"base.html", "letter_base.html", "display.html", "item_print.html"} <= names


@pytest.mark.parametrize("template", template_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_has_inline_style_or_script(template):
    text = COMMENTS.sub("", template.read_text(encoding="utf-8"))
    found = INLINE.findall(text)
    assert not found, f"{template}: {found} (put it in a static .css or .js file)"


def test_the_scan_would_catch_each_kind_of_inline_code():
    for fragment in (
        "<style>a{}</style>",
        '<p style="color:red">',
        "<script>alert(1)</script>",
        '<button onclick="x()">',
        '<a href="javascript:x()">',
    ):
        assert INLINE.search(fragment), fragment
    assert not INLINE.search('<script src="/static/shebao/print.js" defer></script>')


def test_every_page_route_has_a_sample_address():
    routes = page_routes()
    assert routes - PAGE_SAMPLES.keys() == set(), "add it to security/routes.py"
    assert PAGE_SAMPLES.keys() - routes == set(), "a sample for a route that is gone"


@pytest.mark.parametrize("route", sorted(PAGE_SAMPLES))
@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_every_page_carries_the_headers_and_no_inline_code(route, who, make_staff, frozen_now):
    number = make_case(make_staff)
    client = Client() if who == "anonymous" else staff_client(make_staff, "carol", "admin")
    response = client.get(PAGE_SAMPLES[route].format(case=number))
    assert response.status_code < 500
    assert_protected(response, route)
    body = response.content.decode()
    assert not INLINE.findall(body), f"{route}: {INLINE.findall(body)}"


@pytest.mark.parametrize(
    "path", ["/no-such-page", "/items/999", "/api/no-such", "/api/items/999", "/admin/"]
)
def test_errors_and_the_admin_carry_the_headers(path):
    assert_protected(Client().get(path), path)


def test_api_answers_and_refusals_carry_the_headers():
    client = Client()
    assert_protected(client.get("/api/items"), "/api/items")
    assert_protected(client.get("/api/cases"), "/api/cases 401")
    assert_protected(client.put("/api/items"), "/api/items 405")
    assert_protected(client.post("/api/check", "{", content_type="application/json"), "422")


def test_every_api_operation_is_found_in_the_schema():
    operations = api_operations()
    assert ("GET", "/api/items") in operations and ("POST", "/api/cases") in operations
    assert operations[("POST", "/api/cases")] is True  # staff
    assert operations[("GET", "/api/items")] is False  # public


def test_the_openapi_page_alone_may_use_data_images():
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    csp = policy(docs)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert sorted(csp["img-src"]) == ["'self'", "data:"]
    assert csp["default-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "data:" not in Client().get("/api/openapi.json")["Content-Security-Policy"]
    assert "data:" not in Client().get("/items/48")["Content-Security-Policy"]


def test_print_buttons_work_by_a_static_script():
    page = Client().get("/items/48/print").content.decode()
    assert "data-print" in page and "/static/shebao/print.js" in page
    script = b"".join(Client().get("/static/shebao/print.js").streaming_content).decode()
    assert "window.print()" in script and "[data-print]" in script


# --- the pages kept for the day ----------------------------------------------------------------


def test_a_page_kept_for_the_day_is_replayed_with_the_same_headers(client):
    first = client.get("/items/48")
    again = client.get("/items/48")  # answered by the page cache
    assert first.content == again.content
    for header in SECURITY_HEADERS:
        assert again[header] == first[header]
    assert_protected(again, "/items/48 from the page cache")


def test_the_wsgi_front_replays_the_security_headers():
    from shebao.web.wsgi import application

    def call(path: str) -> dict[str, str]:
        environ = RequestFactory().get(path).environ
        environ.setdefault("wsgi.input", __import__("io").BytesIO())
        answer: dict[str, str] = {}

        def start_response(status, headers, exc_info=None):
            answer.update(headers)
            answer["status"] = status

        b"".join(application(environ, start_response))
        return answer

    call("/")  # kept
    replayed = call("/")  # answered in front of Django
    assert replayed["status"].startswith("200")
    fresh = Client().get("/?fresh=1")  # a query string always goes through Django
    for header in SECURITY_HEADERS:
        assert replayed[header] == fresh[header], header


# --- production settings ---------------------------------------------------------------------


def _deploy_check(tmp_path, https: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHEBAO_", "DATABASE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "shebao.web.settings",
        "SHEBAO_DATA_DIR": str(tmp_path),
        "SHEBAO_ALLOWED_HOSTS": "shebao.dl.gov.cn",
    }
    if https:
        env["SHEBAO_HTTPS"] = "1"
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = _deploy_check(tmp_path, https=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_finds_the_insecure_cookies_without_https(tmp_path):
    result = _deploy_check(tmp_path, https=False)
    assert result.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in result.stderr + result.stdout, code


def test_production_cookies_are_secure_and_http_only(tmp_path):
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHEBAO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "shebao.web.settings",
        "SHEBAO_DATA_DIR": str(tmp_path),
        "SHEBAO_HTTPS": "1",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.split() == ["True", "True", "True", "31536000", "True", "False"], out.stderr
