"""The applicant's pages and the desk's review pages, as a person clicks through them."""

from __future__ import annotations

import doctest
import io

import pytest
from django.test import Client

import shebao.web.online.files
from tests.web.conftest import PASSWORD
from tests.web.online.conftest import APPLICATION_48, DIAGNOSIS_48, ID, PDF, RECORDS_48, jpeg

pytestmark = pytest.mark.django_db


def _file(content: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(content)
    f.name = name
    return f


def _started(browser: Client, **form: str) -> str:
    body = {"kind": "person", "id_number": ID, "name": "王小明", "phone": "13804112233"} | form
    answer = browser.post("/items/48/apply", body)
    assert answer.status_code == 302, answer.content.decode()
    return answer["Location"]


def test_the_item_page_offers_to_apply_online():
    page = Client().get("/items/48").content.decode()
    assert 'href="/items/48/apply"' in page


def test_a_person_applies_through_the_pages_and_a_clerk_accepts(make_staff):
    me = Client()
    url = _started(me)
    page = me.get(url).content.decode()
    code = page.split('id="shown-code">')[1][:6]
    assert me.post(url, {"do": "verify", "verification": code}).status_code == 302
    page = me.get(url).content.decode()
    assert "是否已经做了工伤认定" in page  # the rules' one question, from the self-check's wording
    state = page.split('name="state" value="')[1].split('"')[0]
    answer = {"action": "answer", "state": state, "ask": "injury_recognized", "answer": "true"}
    assert me.post(url, answer).status_code == 302
    for material, content, name in (
        (APPLICATION_48, PDF, "a.pdf"),
        (RECORDS_48, jpeg(), "b.jpg"),
        (DIAGNOSIS_48, jpeg(), "c.jpg"),
    ):
        sent = me.post(url, {"do": "upload", "material": material, "file": _file(content, name)})
        assert sent.status_code == 302, sent.content.decode()
    assert me.post(url, {"do": "submit"}).status_code == 302
    assert '<dd class="state" id="state">待审核</dd>' in me.get(url).content.decode()

    make_staff("frank", "clerk", "point-3")
    desk = Client()
    assert desk.login(username="frank", password=PASSWORD)
    app_code = url.rsplit("/", 1)[1]
    listed = desk.get("/desk/review/").content.decode()
    assert f'href="/desk/review/{app_code}"' in listed and "网上预审" in listed
    review = desk.get(f"/desk/review/{app_code}").content.decode()
    assert "是否已经做了工伤认定（有工伤认定决定）？：是" in review
    ids = sorted({int(x.split('"')[0]) for x in review.split('name="file" value="')[1:]})
    assert len(ids) == 3
    shown = desk.get(f"/desk/review/{app_code}/files/{ids[1]}")
    assert shown["Content-Type"] == "image/jpeg" and shown["X-Content-Type-Options"] == "nosniff"
    for file_id in ids:
        assert (
            desk.post(
                f"/desk/review/{app_code}", {"file": file_id, "verdict": "accept"}
            ).status_code
            == 302
        )
    assert desk.post(f"/desk/review/{app_code}", {"do": "decide"}).status_code == 302
    final = me.get(url).content.decode()
    assert '<dd class="state" id="state">已受理</dd>' in final
    assert 'id="due">' in final

    from shebao.web.online.models import FileView

    assert FileView.objects.count() == 1


def test_coming_back_needs_the_code_and_the_right_last6():
    url = _started(Client())
    code = url.rsplit("/", 1)[1]
    stranger = Client()
    assert stranger.get(url).status_code == 404
    wrong = stranger.post("/online/return", {"code": code, "id_last6": "000000"})
    unknown = stranger.post("/online/return", {"code": "W2222222222", "id_last6": ID[-6:]})
    assert wrong.status_code == unknown.status_code == 404
    assert (
        stranger.post("/online/return", {"code": code.lower(), "id_last6": ID[-6:]})["Location"]
        == url
    )
    assert stranger.get(url).status_code == 200


def test_a_bad_id_number_is_said_in_chinese():
    answer = Client().post(
        "/items/48/apply",
        {"kind": "person", "id_number": "12345", "name": "王", "phone": "13804112233"},
    )
    assert answer.status_code == 422
    assert "身份" in answer.content.decode()


def test_a_citizen_cannot_open_the_review_pages():
    answer = Client().get("/desk/review/")
    assert answer.status_code == 302 and answer["Location"].startswith("/desk/login/")


def test_the_file_checks_examples_hold():
    assert doctest.testmod(shebao.web.online.files).failed == 0


def test_the_progress_page_takes_an_application_code_too():
    url = _started(Client())
    code = url.rsplit("/", 1)[1]
    visitor = Client()
    found = visitor.post("/progress", {"number": code, "id_last6": ID[-6:]})
    assert found.status_code == 302 and found["Location"] == url
    assert '<dd class="state" id="state">草稿</dd>' in visitor.get(url).content.decode()
    wrong = Client().post("/progress", {"number": code, "id_last6": "000000"})
    assert wrong.status_code == 404


def test_an_oversized_upload_is_refused_before_its_body_is_read(settings):
    settings.ONLINE_MAX_FILE_BYTES = 64 * 1024
    me = Client(enforce_csrf_checks=True)  # the CSRF check would read the body: it never runs
    url = _started(Client())
    big = {"do": "upload", "material": APPLICATION_48, "file": _file(PDF + b"%" * 200_000, "x")}
    answer = me.post(url, big)
    assert answer.status_code == 413
    assert "文件过大" in answer.content.decode()
