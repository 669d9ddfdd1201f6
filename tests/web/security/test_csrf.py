"""CSRF on every staff form and on staff API calls made with the desk's session: without the
token the change is refused (403) and nothing happens; with the page's token it goes through.
A script's bearer token needs no CSRF token (no browser sends it by itself)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from shebao.web.cases.models import Case
from tests.web.cases.conftest import accepted
from tests.web.conftest import PASSWORD
from tests.web.security.conftest import POINT_A

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def logged_in(browser: Client, make_staff, name="alice", role="clerk") -> Client:
    make_staff(name, role, POINT_A)
    page = browser.get("/desk/login/").content.decode()
    answer = browser.post(
        "/desk/login/",
        {"username": name, "password": PASSWORD, "csrfmiddlewaretoken": TOKEN.search(page)[1]},
    )
    assert answer.status_code == 302, answer.content.decode()[:300]
    return browser


def test_the_login_form_needs_its_token(browser, make_staff):
    make_staff("alice", "clerk", POINT_A)
    browser.get("/desk/login/")
    refused = browser.post("/desk/login/", {"username": "alice", "password": PASSWORD})
    assert refused.status_code == 403
    assert browser.get("/desk/").status_code == 302  # not logged in
    logged_in(Client(enforce_csrf_checks=True), make_staff, "bob", "supervisor")


# Each staff form: the page it is on, and what it posts.
FORMS = {
    "logout (the menu on every desk page)": ("/desk/", "/desk/logout/", {}),
    "call next (the queue desk)": (
        "/desk/queue/?point=hall-3",
        "/desk/queue/?point=hall-3",
        {"window": "1", "action": "call"},
    ),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_staff_form_carries_a_token_and_is_refused_without_it(form, browser, make_staff):
    page_path, target, data = FORMS[form]
    logged_in(browser, make_staff)
    page = browser.get(page_path).content.decode()
    token = TOKEN.search(page)
    assert token, f"{form}: no CSRF token on {page_path}"
    assert browser.post(target, data).status_code == 403
    assert browser.get("/desk/").status_code == 200  # still logged in: the logout was refused
    assert browser.post(target, data | {"csrfmiddlewaretoken": token[1]}).status_code != 403


def test_every_form_on_the_staff_pages_is_listed_here(browser, make_staff):
    logged_in(browser, make_staff)
    for page_path in ("/desk/", "/desk/queue/?point=hall-3"):
        page = browser.get(page_path).content.decode()
        posts = len(re.findall(r'<form[^>]*method="post"', page, re.IGNORECASE))
        tokens = len(TOKEN.findall(page))
        assert posts == tokens, f"{page_path}: {posts} forms, {tokens} tokens"


def test_the_staff_api_with_the_session_needs_the_token(browser, make_staff):
    logged_in(browser, make_staff)
    refused = browser.post("/api/cases", accepted(), content_type="application/json")
    assert refused.status_code == 403
    assert Case.objects.count() == 0
    token = browser.cookies["csrftoken"].value
    taken = browser.post(
        "/api/cases", accepted(), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert taken.status_code == 201 and Case.objects.count() == 1


def test_a_bearer_token_needs_no_csrf_token(make_staff):
    from shebao.web.accounts.services import issue_token

    make_staff("alice", "clerk", POINT_A)
    script = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {issue_token('alice')}")
    assert script.post("/api/cases", accepted(), content_type="application/json").status_code == 201
