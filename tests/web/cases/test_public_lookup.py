"""GET /api/public/cases/{number}?id_last6=: a citizen's own case; one 404 for every kind of
failure; failures limited per address and per case number in the shared database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from shebao.runtime import BEIJING
from shebao.web.cases.models import LookupFailure
from tests.core.cases.factories import credit_code
from tests.web.cases.conftest import NOW, by_a_unit

pytestmark = pytest.mark.django_db
HALL = "10.1.2.3"


def look(number: str, last6: str | None = "011233", address: str = "203.0.113.7", **headers):
    query = {} if last6 is None else {"id_last6": last6}
    return Client().get(f"/api/public/cases/{number}", query, REMOTE_ADDR=address, **headers)


def test_the_right_pair_shows_status_history_and_due_without_staff_names(clerk, case_in):
    number = case_in("in_progress")
    clerk.move(number, "completed", "已办结，请到窗口领取")
    response = look(number)
    assert response.status_code == 200
    case = response.json()
    assert case == {
        "number": number,
        "item": 60,
        "item_name": "劳动人事争议仲裁申请",
        "status": "completed",
        "status_label": "办结",
        "received": "2026-09-30",
        "due": "2026-10-13",
        "due_estimated": False,
        "supplement_due": None,
        "history": [
            {
                "status": "accepted",
                "at": "2026-09-30T10:00:00+08:00",
                "note": "受理；办结期限 2026-10-13",
            },
            {"status": "in_progress", "at": "2026-09-30T10:00:00+08:00", "note": ""},
            {
                "status": "completed",
                "at": "2026-09-30T10:00:00+08:00",
                "note": "已办结，请到窗口领取",
            },
        ],
    }
    text = response.content.decode()
    assert "alice" not in text and "王小明" not in text and "13804112233" not in text


def test_the_last_six_may_be_typed_loosely(case_in):
    number = case_in("accepted")
    assert look(number.lower().replace("-", ""), "01１２33 ").status_code == 200


def test_a_unit_looks_up_with_its_credit_codes_last_six(clerk):
    number = clerk.take_in(by_a_unit())["number"]
    assert look(number, credit_code()[-6:]).status_code == 200


@pytest.mark.parametrize(
    ("number", "last6"),
    [
        ("{case}", "011234"),  # wrong pair
        ("{case}", "1233"),  # too short
        ("{case}", "x" * 500),
        ("K7QM-3XPA-HR2D", "011233"),  # unknown
        ("K7QM-3XPA-HR2", "011233"),  # malformed
        ("K0QM-3XPA-HR2D", "011233"),
        ("办件编号", "011233"),
        ("x" * 300, "011233"),
    ],
)
def test_every_failure_is_the_same_404(case_in, number, last6):
    response = look(number.replace("{case}", case_in("accepted")), last6)
    assert response.status_code == 404
    assert response.json() == {"detail": "没有找到这个办件，或办件编号与证件号码后六位不相符"}
    assert LookupFailure.objects.count() == 1


def test_without_id_last6_it_is_422_and_nothing_is_counted(case_in):
    response = look(case_in("accepted"), None)
    assert response.status_code == 422 and "id_last6" in response.json()["detail"]
    assert not LookupFailure.objects.exists()


def test_five_failures_on_a_number_lock_it_for_an_hour_everywhere(case_in, frozen):
    number = case_in("accepted")
    for n in range(5):
        assert look(number, "000000", address=f"198.51.100.{n}").status_code == 404
    locked = look(number, address="192.0.2.1")  # the right pair, from a new address
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 3600
    assert "查询失败次数过多" in locked.json()["detail"]
    frozen.move_to(NOW + dt.timedelta(minutes=59))
    assert look(number).status_code == 429
    frozen.move_to(NOW + dt.timedelta(minutes=60, seconds=1))
    assert look(number).status_code == 200


def test_a_busy_hall_address_is_never_cut_off_from_correct_lookups(clerk, case_in):
    mine = case_in("accepted")
    for n in range(20):
        assert look(f"K7QM-3XPA-HR{n % 8 + 2}D", "000000", address=HALL).status_code in (404, 429)
    assert look("K7QM-3XPA-HR2D", "000000", address=HALL).status_code == 429  # tried before
    assert look(mine, address=HALL).status_code == 200  # the next citizen at the hall
    assert look(mine, address=HALL).status_code == 200  # again: successes are never counted
    assert look(mine, "999999", address=HALL).status_code == 404  # a first miss: still told


def test_an_address_over_its_limit_may_not_retry_a_number_it_failed_on(case_in):
    number = case_in("accepted")
    assert look(number, "000000", address=HALL).status_code == 404
    for n in range(19):
        look(f"K7QM-3XPA-HR{n % 8 + 2}C", "000000", address=HALL)
    assert look(number, address=HALL).status_code == 429
    assert look(number, address="192.0.2.9").status_code == 200


def test_failures_are_kept_as_keyed_hashes_and_forgotten(case_in, frozen):
    from shebao.web.cases.services import remind
    from shebao.web.core import runtime

    number = case_in("accepted")
    look(number, "000000", address=HALL)
    row = LookupFailure.objects.get()
    assert HALL not in (row.address, row.number) and number not in (row.address, row.number)
    assert len(row.address) == len(row.number) == 32
    frozen.move_to(NOW + dt.timedelta(hours=2))
    remind(runtime())
    assert not LookupFailure.objects.exists()


def test_the_address_behind_a_trusted_proxy_is_the_one_it_saw(case_in, settings):
    number = case_in("accepted")
    settings.TRUSTED_PROXIES = 1
    for n in range(5):
        look(
            f"K7QM-3XPA-HR{n + 2}D",
            "000000",
            address="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.1.1.1, {HALL}",
        )
    rows = set(LookupFailure.objects.values_list("address", flat=True))
    from shebao.web.cases.limits import digest

    assert rows == {digest("address", HALL)}
    settings.TRUSTED_PROXIES = 0
    look(number, "000000", address="127.0.0.1", HTTP_X_FORWARDED_FOR=HALL)
    assert digest("address", "127.0.0.1") in set(
        LookupFailure.objects.values_list("address", flat=True)
    )


def test_the_limits_come_from_the_settings(case_in, settings):
    settings.CASE_LOOKUP_LIMITS = {"address": (20, 600), "number": (2, 60)}
    number = case_in("accepted")
    look(number, "000000")
    look(number, "000001")
    response = look(number)
    assert response.status_code == 429 and response["Retry-After"] == "60"


def test_the_public_lookup_needs_no_login_and_shows_a_refusal_too(case_in):
    number = case_in("refused")
    case = look(number).json()
    assert case["status"] == "refused" and case["due"] is None


def test_the_setting_is_read_strictly():
    from shebao.errors import ShebaoError
    from shebao.web.cases.settings import lookup_limits, trusted_proxies

    assert lookup_limits("30/600,5/3600") == {"address": (30, 600), "number": (5, 3600)}
    for bad in ("20", "20/600", "a/b,c/d", "0/600,5/3600", "20/600,5/3600,1/1"):
        with pytest.raises(ShebaoError, match="SHEBAO_LOOKUP_LIMITS"):
            lookup_limits(bad)
    assert trusted_proxies(None) == 0 and trusted_proxies("2") == 2
    with pytest.raises(ShebaoError, match="SHEBAO_TRUSTED_PROXIES"):
        trusted_proxies("-1")


def test_moments_are_shown_in_beijing_time(case_in, frozen):
    frozen.move_to(dt.datetime(2026, 9, 30, 23, 30, tzinfo=BEIJING))  # 15:30 UTC
    number = case_in("accepted")
    assert look(number).json()["history"][0]["at"] == "2026-09-30T23:30:00+08:00"
