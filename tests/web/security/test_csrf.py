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


FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE)


def post_forms(page: str) -> list[str]:
    """The action of each POST form on a page ("" posts back to the page itself)."""
    found = []
    for tag in FORM.findall(page):
        if re.search(r'method="post"', tag, re.IGNORECASE):
            action = re.search(r'action="([^"]*)"', tag)
            found.append(action[1] if action else "")
    return found


def test_every_post_form_on_every_staff_page_needs_its_token(browser, make_staff):
    """Every staff page of the access table, as a supervisor sees it (every form there): each
    POST form carries a token, and posting it without one is refused."""
    from tests.web.security.test_access_table import STAFF_PAGES

    clerk = logged_in(Client(enforce_csrf_checks=True), make_staff)
    from shebao.web.accounts.services import issue_token
    from tests.web.cases.conftest import Api

    case = Api(issue_token("alice")).take_in(accepted())["number"]
    chief = logged_in(browser, make_staff, "bob", "supervisor")
    checked = 0
    for key, row in STAFF_PAGES.items():
        if key.startswith("admin/"):
            continue  # Django's admin: its own forms, its own tokens
        path = row.path.format(case=case, pending=case)
        for who in (chief, clerk):
            page = who.get(path)
            if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
                continue
            text = page.content.decode()
            actions = post_forms(text)
            assert len(TOKEN.findall(text)) >= len(actions), f"{path}: a form without a token"
            for action in actions:
                target = action or path
                assert who.post(target, {}).status_code == 403, f"{target} from {path}"
                checked += 1
    assert who.get("/desk/").status_code == 200  # no logout went through
    assert checked >= 5, checked


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
