"""The desk's door: login, where anonymous visitors are sent, and who is refused."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login_and_back(client):
    answer = client.get("/desk/")
    assert answer.status_code == 302
    assert answer["Location"] == "/desk/login/?next=%2Fdesk%2F"


def test_clerk_logs_in_and_sees_the_desk_with_her_point(client, alice):
    page = client.get("/desk/login/")
    assert "工作人员登录" in page.content.decode()
    answer = client.post(
        "/desk/login/", {"username": "alice", "password": alice.password, "next": "/desk/"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/desk/"
    home = client.get("/desk/").content.decode()
    assert "alice" in home and "西岗" in home
    assert "叫号" in home


def test_wrong_password_is_said_in_chinese(client, alice):
    answer = client.post("/desk/login/", {"username": "alice", "password": "nope-nope"})
    assert answer.status_code == 200
    assert "用户名或密码不正确" in answer.content.decode()
    assert client.get("/desk/").status_code == 302


def test_account_without_staff_profile_is_refused(client, django_user_model):
    django_user_model.objects.create_user("mallory", password="x-very-long-pass")
    client.login(username="mallory", password="x-very-long-pass")
    answer = client.get("/desk/")
    assert answer.status_code == 403
    assert "无权" in answer.content.decode()
    assert '<a href="/desk/">返回工作台</a>' in answer.content.decode()  # not a dead end


def test_an_unknown_public_address_offers_the_way_back_to_the_guide(client):
    answer = client.get("/no-such-page")
    assert answer.status_code == 404
    assert '<a href="/">返回首页</a>' in answer.content.decode()


def test_logout_ends_the_session(client, alice):
    client.login(username="alice", password=alice.password)
    assert client.get("/desk/").status_code == 200
    client.post("/desk/logout/")
    assert client.get("/desk/").status_code == 302
