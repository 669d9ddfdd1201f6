"""Anything a client can send to the case endpoints gets a 4xx in Chinese, never a 500."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.cases.conftest import accepted, tolerated

pytestmark = pytest.mark.django_db
CHINESE = re.compile(r"[\u4e00-\u9fff]")
FIELDS = [
    "item",
    "channel",
    "point",
    "applicant",
    "facts",
    "provided",
    "commitment_signed",
    "received",
]
APPLICANT_FIELDS = [
    "kind",
    "id_number",
    "name",
    "phone",
    "document",
    "birth_date",
    "sex",
    "credit_code",
    "contact",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=60),
    st.sampled_from(
        ["", "25", "window", "网上办", "hall-3", "2026-02-30", "１２", "\u200b", "x" * 200]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def told(response) -> None:
    assert response.status_code < 500, response.content.decode()
    if response.status_code >= 400:
        assert CHINESE.search(response.json()["detail"]), response.json()


@SETTINGS
@given(field=st.sampled_from(FIELDS), value=values)
def test_any_value_in_any_intake_field(clerk, field, value):
    told(clerk.post("/api/cases", tolerated() | {field: value}))


@SETTINGS
@given(field=st.sampled_from(APPLICANT_FIELDS), value=values)
def test_any_value_in_any_applicant_field(clerk, field, value):
    body = accepted()
    told(clerk.post("/api/cases", body | {"applicant": body["applicant"] | {field: value}}))


@SETTINGS
@given(body=values)
def test_any_body_at_all(clerk, body):
    told(clerk.post("/api/cases", body))
    told(clerk.post("/api/cases/K7QM-3XPA-HR2D/transitions", body))
    told(clerk.post("/api/cases/K7QM-3XPA-HR2D/materials", body))


@pytest.fixture
def number(clerk) -> str:
    return clerk.take_in(tolerated())["number"]


@SETTINGS
@given(to=values, note=values)
def test_any_change_of_status(clerk, number, to, note):
    told(clerk.post(f"/api/cases/{number}/transitions", {"to": to, "note": note}))


@SETTINGS
@given(provided=values)
def test_any_materials(clerk, number, provided):
    told(clerk.post(f"/api/cases/{number}/materials", {"provided": provided}))


@SETTINGS
@given(path=st.text(max_size=50), last6=st.text(max_size=50), kind=st.text(max_size=20))
def test_any_lookup_or_document_path(clerk, client, settings, path, last6, kind):
    settings.CASE_LOOKUP_LIMITS = {"address": (10**6, 600), "number": (10**6, 3600)}
    quoted = path.replace("/", "").replace("?", "").replace("#", "") or "x"
    for response in (
        client.get(f"/api/public/cases/{quoted}", {"id_last6": last6}),
        clerk.get(f"/api/cases/{quoted}"),
        clerk.get("/api/cases", status=path, item=last6, timer=kind, point=path, limit=last6),
    ):
        told(response)
    page = clerk.client.get(f"/cases/{quoted}/documents/{kind.replace('/', '') or 'x'}")
    assert page.status_code < 500


def test_raw_bytes_and_duplicate_keys(clerk):
    for body in (b"{", b"\xff", b"[]", b'{"item": 1, "item": 2}', b'{"facts": NaN}'):
        told(clerk.client.post("/api/cases", body, content_type="application/json"))
    big = json.dumps(tolerated() | {"provided": ["材料" * 20_000]}, ensure_ascii=False)
    assert clerk.client.post("/api/cases", big, content_type="application/json").status_code == 413


def test_a_field_whose_name_is_invisible_is_named_so(client):
    body = json.dumps({"item": 25, "facts": {}, "\x1f": 1})
    response = client.post("/api/check", body, content_type="application/json")
    assert response.status_code == 422
    assert "不认识的字段（名称不可见的字段）" in response.json()["detail"]


NUL = "\x00"


@pytest.mark.parametrize(
    "change",
    [
        {"provided": ["大连市劳动能力鉴定申请书" + NUL]},
        {"provided": [NUL]},
        {"facts": {"injury_recognized": True, NUL: 1}},
        {"point": "hall-3" + NUL},
        {"channel": "window" + NUL},
        {"received": "2026-09-30" + NUL},
        {"applicant": {"kind": "person", "id_number": NUL, "name": "王", "phone": "13804112233"}},
        {"applicant": {"kind": "person", "id_number": "x", "name": NUL, "phone": NUL}},
    ],
)
def test_a_nul_character_anywhere_is_refused_or_dropped_never_a_database_error(clerk, change):
    response = clerk.post("/api/cases", tolerated() | change)
    told(response)
    if response.status_code == 201:
        assert NUL not in json.dumps(response.json(), ensure_ascii=False)


def test_a_nul_character_in_a_filter_note_or_material_is_told(clerk, number):
    for response in (
        clerk.get("/api/cases", point=NUL, status=NUL),
        clerk.get("/api/cases", point="hall-3" + NUL),
        clerk.move(number, "withdrawn", "note" + NUL),
        clerk.post(f"/api/cases/{number}/materials", {"provided": ["病历资料" + NUL]}),
    ):
        told(response)
