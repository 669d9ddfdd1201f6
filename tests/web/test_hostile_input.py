"""Anything a client can send gets a 4xx with a readable Chinese message, never a 500."""

from __future__ import annotations

import json
import re

import pytest

CHINESE = re.compile(r"[\u4e00-\u9fff]")

GET_CASES = [
    ("/api/search", "缺少 q（问题）"),
    ("/api/search?q=", "请输入要查询的问题"),
    ("/api/search?q=%20%20", "请输入要查询的问题"),
    ("/api/search?q=退休&limit=abc", "limit（结果条数）应为正整数"),
    ("/api/search?q=退休&limit=0", "结果条数应在 1 到 84 之间"),
    ("/api/search?q=退休&limit=-1", "limit（结果条数）应为正整数"),
    ("/api/search?q=退休&limit=99999999999", "limit（结果条数）应为正整数"),
    ("/api/items?category=", "请给出类别"),
    ("/api/items?category=不存在的类别", "没有类别"),
    ("/api/deadline?item=24", "缺少 accepted（受理日期）"),
    ("/api/deadline?accepted=2026-09-30", "缺少 item（事项编号）"),
    ("/api/deadline?item=24&accepted=2026-13-01", "月份 13 超出范围"),
    ("/api/deadline?item=24&accepted=1999-01-01", "年份超出范围"),
    ("/api/deadline?item=24&accepted=yesterday", "格式不对"),
    ("/api/deadline?item=24&accepted=2026-09-30&channel=fax", "未知的办理渠道"),
    ("/api/deadline?item=61&accepted=2026-09-30", "channel=online"),
    ("/api/retirement", "缺少 birth（出生年月）"),
    ("/api/retirement?birth=1965-05", "缺少 sex（性别）"),
    ("/api/retirement?birth=1965-13&sex=male", "出生年月"),
    ("/api/retirement?birth=2999-01&sex=male", "晚于本月"),
    ("/api/retirement?birth=1965-05&sex=x", "sex（性别）只能是 male（男）或 female（女）"),
    ("/api/retirement?birth=1965-05&sex=female", "须给出 female_original_age"),
    ("/api/retirement?birth=1965-05&sex=female&female_original_age=52", "只能是 50 或 55"),
    ("/api/retirement?birth=1965-05&sex=male&female_original_age=50", "只适用于女职工"),
    ("/api/retirement?birth=1965-05&sex=male&contribution_months=-5", "0—1200 的整数"),
    ("/api/retirement?birth=1965-05&sex=male&contribution_months=99999", "0—1200 的整数"),
]


@pytest.mark.parametrize(("url", "message"), GET_CASES)
def test_a_bad_query_is_422_with_a_chinese_message(client, url, message):
    response = client.get(url)
    assert response.status_code == 422, response.content.decode()
    assert message in response.json()["detail"]


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


CHECK_CASES = [
    (b"{", "请求体不是有效的 JSON"),
    (b"\xff\xfe{}", "不是 UTF-8"),
    ('{"item": "二十五", "facts": {}}'.encode("gb18030"), "不是 UTF-8"),
    (b"[]", "请求体应为 JSON 对象"),
    (b'"text"', "请求体应为 JSON 对象"),
    (b"null", "请求体应为 JSON 对象"),
    (b"", "缺少请求体"),
    (b"item=25&facts=1", "请求体不是有效的 JSON"),
    (_json({}), "缺少 item（事项编号）；缺少 facts（事实）"),
    (_json({"item": 25}), "缺少 facts（事实）"),
    (_json({"item": True, "facts": {}}), "item（事项编号）应为整数或数字文本"),
    (_json({"item": 25.0, "facts": {}}), "item（事项编号）应为整数或数字文本"),
    (_json({"item": [25], "facts": {}}), "item（事项编号）应为整数或数字文本"),
    (_json({"item": None, "facts": {}}), "item（事项编号）应为整数或数字文本"),
    (_json({"item": 25, "facts": []}), "facts（事实）应为 JSON 对象"),
    (_json({"item": 25, "facts": "sex=male"}), "facts（事实）应为 JSON 对象"),
    (_json({"item": 25, "facts": {"sex": "x"}}), "事实 sex（性别）应为"),
    (_json({"item": 25, "facts": {"nope": 1}}), "没有名为“nope”的事实"),
    (_json({"item": 25, "facts": {"contribution_months": "200"}}), "contribution_months"),
    (_json({"item": 25, "facts": {"contribution_months": 200.5}}), "contribution_months"),
    (b'{"item": 25, "facts": {"contribution_months": 1e400}}', "contribution_months"),
    (b'{"item": 25, "facts": {"contribution_months": ' + b"9" * 5000 + b"}}", "位数过多"),
    (b'{"item": 25, "facts": {"sex": NaN}}', "NaN 不是 JSON 允许的数"),
    (b'{"item": 25, "facts": {"sex": -Infinity}}', "不是 JSON 允许的数"),
    (b'{"item": 25, "item": 24, "facts": {}}', "“item”写了两次"),
    (b'{"item": 25, "facts": {"sex": "male", "sex": "female"}}', "“sex”写了两次"),
    (b'{"item": 25, "facts": {"x": ' + b"[" * 20000 + b"]" * 20000 + b"}}", "嵌套层数过多"),
    (_json({"item": 25, "facts": {}, "on": "2026-02-30"}), "2026 年 2 月只有 28 天"),
    (_json({"item": 25, "facts": {}, "on": "1999-01-01"}), "年份超出范围"),
    (_json({"item": 25, "facts": {}, "on": 20260101}), "on（判断日期）应为文本"),
    (_json({"item": 25, "facts": {}, "extra": 1}), "不认识的字段 extra"),
    (_json({"item": 25, "facts": {"id_number": "210202196505100017"}}), "公民身份号码"),
    (_json({"item": 25, "facts": {"id_number": 210202196505100016}}), "公民身份号码"),
    (_json({"item": 25, "facts": {"birth_date": "1965-02-30"}}), "出生日期"),
]


@pytest.mark.parametrize(("body", "message"), CHECK_CASES)
def test_a_bad_check_body_is_422_with_a_chinese_message(client, body, message):
    response = client.post("/api/check", body, content_type="application/json")
    assert response.status_code == 422, response.content.decode()
    assert message in response.json()["detail"]


INTAKE_CASES = [
    ({"item": 48, "provided": "申请书,诊断"}, "provided（已提交的材料）应为列表"),
    ({"item": 48, "provided": [1]}, "provided（已提交的材料）第 1 项应为文本"),
    ({"item": 48, "provided": ["申请书", {"a": 1}]}, "provided（已提交的材料）第 2 项应为文本"),
    ({"item": 48, "provided": ["材料"] * 101}, "100"),
    ({"item": 48, "provided": ["很长的材料名" * 800]}, "过长"),
    ({"item": 48, "provided": [], "facts": {}}, "不认识的字段 facts"),
    ({"provided": []}, "缺少 item（事项编号）"),
]


@pytest.mark.parametrize(("body", "message"), INTAKE_CASES)
def test_a_bad_intake_body_is_422_with_a_chinese_message(client, body, message):
    response = client.post("/api/intake-check", _json(body), content_type="application/json")
    assert response.status_code == 422, response.content.decode()
    assert message in response.json()["detail"]


def test_a_body_over_the_limit_is_413_before_it_is_read(client):
    body = _json({"item": 48, "provided": ["材料" * 20_000]})
    response = client.post("/api/intake-check", body, content_type="application/json")
    assert response.status_code == 413
    assert "请求体过大" in response.json()["detail"]


def test_validation_errors_name_each_field_for_forms(client):
    response = client.post("/api/check", _json({"item": True, "facts": 1}), "application/json")
    assert response.json()["errors"] == [
        {"field": "item", "message": 'item（事项编号）应为整数或数字文本，如 24 或 "24"'},
        {"field": "facts", "message": "facts（事实）应为 JSON 对象，如 {}"},
    ]


def test_a_wrong_method_is_405_in_chinese(client):
    response = client.put("/api/check", b"{}", content_type="application/json")
    assert response.status_code == 405
    assert response.json()["detail"] == "不支持 PUT 方法；此地址支持：POST"


@pytest.mark.parametrize(
    "query",
    [
        "q=%FF%FE",
        "q=%00",
        "q=" + "%E9%80%80" * 2000,
        "q=" + "退休".encode().decode("latin-1"),  # UTF-8 sent unencoded, as WSGI passes it
        "q=%E9%80%80&limit=%FF",
        "q=a&q=b&limit=1&limit=2",
    ],
)
def test_odd_query_strings_never_cause_a_server_error(client, query):
    response = client.generic("GET", "/api/search", QUERY_STRING=query)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert CHINESE.search(response.json()["detail"])


def test_a_host_not_allowed_is_a_plain_400(client):
    response = client.get("/api/items/24", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert CHINESE.search(response.json()["detail"])


def test_each_kind_of_error_has_its_status():
    """The mapping itself, on a throwaway API: conflicts 409, database down 503, …"""
    from django.db import OperationalError
    from ninja import NinjaAPI
    from ninja.testing import TestClient

    from shebao.errors import InputError, UnknownItemError
    from shebao.web.api import errors
    from shebao.web.errors import Conflict

    api = NinjaAPI(urls_namespace="errors-under-test")
    errors.install(api)
    raised = {
        "conflict": Conflict("用户“alice”已存在"),
        "unknown": UnknownItemError("没有编号为 85 的事项"),
        "input": InputError("日期格式不对"),
        "database": OperationalError("could not connect to server"),
    }

    @api.get("/{kind}")
    def fail(request, kind: str):
        raise raised[kind]

    client = TestClient(api)
    answers = {kind: client.get(f"/{kind}") for kind in raised}
    assert {kind: r.status_code for kind, r in answers.items()} == {
        "conflict": 409,
        "unknown": 404,
        "input": 422,
        "database": 503,
    }
    assert answers["conflict"].json() == {"detail": "用户“alice”已存在"}
    assert "could not connect" not in answers["database"].json()["detail"]


def test_a_chunked_body_is_told_to_give_its_length(client):
    response = client.post(
        "/api/check", b"", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )
    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]
