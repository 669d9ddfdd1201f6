"""Staff accounts: `shebao users add | token | list`, token and session auth, the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from shebao.web.accounts.models import ApiToken, StaffProfile
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_users_add_reads_the_password_piped_in(cli, stdin, client):
    stdin("window-desk-2026\n")
    result = cli("users", "add", "zhang", "--role", "clerk", "--point", "hall-3")
    assert result.code == 0, result.err
    assert (
        "已添加 zhang：窗口人员，服务点 hall-3（大连市社会保险事业服务中心西岗区办事处）"
        in result.out
    )
    assert "密码" not in result.out
    assert client.login(username="zhang", password="window-desk-2026")


def test_users_add_without_piped_input_generates_a_password_shown_once(cli, stdin, client):
    stdin(None)  # a terminal
    result = cli("users", "add", "boss", "--role", "supervisor")
    assert result.code == 0, result.err
    password = result.out.split("：")[-1].strip()
    assert len(password) == 16
    assert client.login(username="boss", password=password)
    profile = StaffProfile.objects.get(user__username="boss")
    assert profile.role == "supervisor" and profile.point == "" and profile.sees_all_points


def test_an_empty_standard_input_counts_as_nothing_piped(cli, stdin):
    stdin("")
    result = cli("users", "add", "wang", "--role", "reviewer", "--point", "point-3")
    assert result.code == 0 and "初始密码" in result.out


def test_an_administrator_is_made_django_staff_and_superuser(cli, stdin):
    stdin(None)
    assert cli("users", "add", "root", "--role", "admin").code == 0
    user = get_user_model().objects.get(username="root")
    assert user.is_staff and user.is_superuser


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--role", "clerk"],
            "窗口人员须指定所属的服务点，可选：hall-1（大连市社会保险事业服务中心）",
        ),
        (["--role", "reviewer", "--point", "hall-9"], "没有服务点“hall-9”"),
        (["--role", "clerk", "--point", "point-6"], "没有服务点“point-6”"),  # a bank outlet
        (["--role", "supervisor", "--point", "hall-3"], "主管可查看所有服务点"),
        (["--role", "boss"], "未知的角色“boss”，可选：clerk（窗口人员）"),
    ],
)
def test_users_add_refuses_a_role_or_point_that_does_not_fit(cli, stdin, args, message):
    stdin(None)
    result = cli("users", "add", "li", *args)
    assert result.code == 2
    assert message in result.err
    assert not get_user_model().objects.filter(username="li").exists()


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("li", "123\n", "密码太短，至少需要 8 个字符"),
        ("li", "12345678901\n", "密码只包含数字"),
        ("li", "\n", "密码不能为空"),
        ("li si", "window-desk-2026\n", "用户名“li si”无效"),
    ],
)
def test_users_add_refuses_a_weak_password_or_a_bad_name(cli, stdin, name, password, message):
    stdin(password)
    result = cli("users", "add", name, "--role", "supervisor")
    assert result.code == 2 and message in result.err


def test_users_add_refuses_a_name_taken(cli, stdin, alice):
    stdin(None)
    result = cli("users", "add", "alice", "--role", "supervisor")
    assert result.code == 2 and "用户“alice”已存在" in result.err


def test_users_token_prints_a_token_once_and_stores_only_its_hash(cli, alice, client):
    result = cli("users", "token", "alice")
    assert result.code == 0
    token = result.out.strip()
    assert token.startswith("sbt_") and len(token) > 40
    assert "只显示这一次" in result.err
    stored = ApiToken.objects.get(user__username="alice")
    assert token not in (stored.digest, stored.prefix) and len(stored.digest) == 64
    response = client.get("/api/staff/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json() == {
        "name": "alice",
        "role": "clerk",
        "role_label": "窗口人员",
        "point": "hall-3",
        "point_name": "大连市社会保险事业服务中心西岗区办事处",
    }
    assert ApiToken.objects.get(pk=stored.pk).last_used is not None


def test_each_token_is_new_and_all_stay_valid(cli, alice, client):
    first, second = (cli("users", "token", "alice").out.strip() for _ in range(2))
    assert first != second
    for token in (first, second):
        assert client.get("/api/staff/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_users_token_for_an_unknown_name_says_so(cli):
    result = cli("users", "token", "nobody")
    assert result.code == 2 and "没有名为“nobody”的在职工作人员" in result.err


@pytest.mark.parametrize(
    "header",
    [
        "Bearer sbt_not-a-real-token",
        "Bearer ",
        "Bearer " + "x" * 5000,
        "Basic YWxpY2U6cGFzcw==",
        "sbt_without-scheme",
        "Bearer 令牌",
    ],
)
def test_a_wrong_token_is_401_in_chinese(alice, client, header):
    response = client.get("/api/staff/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"] == "需要登录，或在 Authorization 头中提供 Bearer 令牌"


def test_a_token_stops_working_when_its_owner_is_deactivated(cli, alice, client):
    token = cli("users", "token", "alice").out.strip()
    get_user_model().objects.filter(username="alice").update(is_active=False)
    assert client.get("/api/staff/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_a_logged_in_staff_member_is_known_by_the_session(alice, bob, client):
    client.login(username="bob", password=PASSWORD)
    response = client.get("/api/staff/me")
    assert response.status_code == 200
    assert response.json()["role"] == "supervisor" and response.json()["point"] is None


def test_anonymous_and_profile_less_users_are_401(client):
    assert client.get("/api/staff/me").status_code == 401
    get_user_model().objects.create_user("ghost", password=PASSWORD)
    client.login(username="ghost", password=PASSWORD)
    assert client.get("/api/staff/me").status_code == 401


def test_a_session_change_without_the_csrf_token_is_refused(alice, client, rf):
    from ninja.errors import HttpError

    from shebao.web.accounts.auth import StaffSession

    client.login(username="alice", password=PASSWORD)
    request = rf.post("/api/staff/anything")
    request.COOKIES = {key: morsel.value for key, morsel in client.cookies.items()}
    with pytest.raises(HttpError) as refused:
        StaffSession()._get_key(request)
    assert refused.value.status_code == 403
    anonymous = rf.post("/api/staff/anything")
    assert StaffSession()._get_key(anonymous) is None  # no cookie: 401, not a CSRF error


def test_only_administrators_enter_the_admin(alice, bob, carol, client):
    for staff in (alice, bob):
        client.login(username=staff.name, password=PASSWORD)
        assert client.get("/admin/").status_code == 302, staff.name
    # Even marked staff by hand, a clerk stays out: the admin asks for the admin role.
    get_user_model().objects.filter(username="alice").update(is_staff=True, is_superuser=True)
    client.login(username="alice", password=PASSWORD)
    assert client.get("/admin/").status_code == 302
    client.login(username="carol", password=PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403


def test_users_list_shows_roles_and_points(cli, alice, bob):
    table = cli("users", "list")
    assert table.code == 0
    assert "alice" in table.out and "hall-3" in table.out and "全部" in table.out
    listed = cli("users", "list", "--json").json()
    assert [(s["name"], s["role"], s["point"]) for s in listed] == [
        ("alice", "clerk", "hall-3"),
        ("bob", "supervisor", None),
    ]


def test_users_list_on_an_empty_store_says_how_to_begin(cli):
    result = cli("users", "list")
    assert "shebao users add admin --role admin" in result.out
