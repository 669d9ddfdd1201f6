"""A person's data on request: `shebao people export | erase | purge-expired`. Erasure keeps the
anonymous statistics, keeps business records for their retention period and says so, and
never touches the append-only history except by appending its own row."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import json

import pytest
from django.test import Client

from shebao.runtime import BEIJING
from shebao.web.appointments.models import Booking, Slot, Visitor
from shebao.web.cases.models import Case, CaseHistory
from tests.web.appointments.people import booking
from tests.web.cases.conftest import ID, Api, accepted, tolerated
from tests.web.conftest import PASSWORD
from tests.web.security.conftest import POINT_A

pytestmark = pytest.mark.django_db
NINE = "2026-10-08T09:00:00+08:00"  # the first working day after 国庆
OTHER = "210202198001011238"  # somebody else, who must be left alone
LATER = dt.datetime(2057, 1, 1, 9, 0, tzinfo=BEIJING)  # closed in 2026: 30 years from 1 Jan 2027


@pytest.fixture
def clerk(make_staff) -> Api:
    from shebao.web.accounts.services import issue_token

    make_staff("alice", "clerk", POINT_A)
    return Api(issue_token("alice"))


@pytest.fixture
def history(clerk) -> dict[str, str]:
    """The person's completed case, open case and booking; another person's case and booking."""
    done = clerk.take_in(accepted())["number"]
    for to in ("in_progress", "completed"):
        assert clerk.move(done, to).status_code == 200
    still_open = clerk.take_in(tolerated())["number"]
    other = clerk.take_in(
        accepted(
            applicant={"kind": "person", "id_number": OTHER, "name": "李四", "phone": "13900000000"}
        )
    )["number"]
    public = Client()
    for body in (booking(0, NINE, id_number=ID), booking(0, NINE, id_number=OTHER, name="李四")):
        answer = public.post("/api/bookings", json.dumps(body), content_type="application/json")
        assert answer.status_code == 201, answer.content
    return {"done": done, "open": still_open, "other": other}


def statistics() -> list[tuple]:
    """What the anonymous counts are made of: item, point, channel, outcome, status, date."""
    return sorted(
        Case.objects.values_list("item", "point", "channel", "outcome", "status", "received")
    )


def test_export_gives_everything_stored_about_the_person(history, cli):
    result = cli("people", "export", ID)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["id_number"] == ID
    assert result.out.count(ID) == 1  # the key asked with; the records show it masked
    assert {c["number"] for c in data["cases"]} == {history["done"], history["open"]}
    done = next(c for c in data["cases"] if c["number"] == history["done"])
    assert [h["status"] for h in done["history"]] == ["accepted", "in_progress", "completed"]
    assert done["applicant"]["name"] == "王小明" and done["applicant"]["phone"] == "13804112233"
    assert done["decision"]["outcome"] == "accepted"
    assert done["kept_until"] == "2057-01-01"
    assert [b["status"] for b in data["bookings"]] == ["active"]
    assert data["bookings"][0]["events"][0]["by"] == "本人"
    assert "alice" not in result.out  # staff named by role only
    assert history["other"] not in result.out and "李四" not in result.out
    assert data["retention"]["cases_years"] == 30


def test_erase_now_removes_the_bookings_and_says_how_long_the_cases_are_kept(history, cli):
    before = statistics()
    history_rows = CaseHistory.objects.count()
    result = cli("people", "erase", ID)
    assert result.code == 0, result.err
    assert "预约 1 个" in result.out and "取消未到时段的预约 1 个" in result.out
    assert (
        f"办件 {history['done']} 依法继续保存" in result.out and "保存至 2057-01-01" in result.out
    )
    assert f"办件 {history['open']} 依法继续保存：办理中" in result.out
    mine = Booking.objects.get(name="（已删除）")
    assert (mine.id_number, mine.phone, mine.status) == ("", "", "cancelled")
    assert Slot.objects.get().booked == 1  # the other person's place only
    assert not Visitor.objects.filter(id_number=ID).exists()
    assert Booking.objects.filter(id_number=OTHER, name="李四").count() == 1
    assert Case.objects.filter(applicant_number=ID).count() == 2  # kept by law
    assert statistics() == before and CaseHistory.objects.count() == history_rows
    assert json.loads(cli("people", "export", ID).out)["bookings"] == []


def test_erase_after_the_retention_period_anonymises_the_closed_case(
    history, cli, frozen_now, clerk
):
    before = statistics()
    frozen_now.move_to(LATER)
    result = cli("people", "erase", ID, "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["cases_erased"] == 1
    assert [k["number"] for k in report["cases_kept"]] == [history["open"]]
    case = Case.objects.get(number=history["done"])
    assert case.applicant_number == "" and case.applicant_name == "（已删除）"
    assert case.applicant_phone == "" and case.applicant_birth_date is None
    assert case.facts == {} and case.decision["erased"] is True
    stored = json.dumps(case.decision, ensure_ascii=False)
    assert "1970" not in stored and "1233" not in stored  # no birth date, no masked number
    assert statistics() == before  # the counts by item, point, channel, outcome and date
    last = CaseHistory.objects.filter(case=case).order_by("-id").first()
    assert "个人信息已删除" in last.note and last.by_id is None
    # … and the anonymised case still reads everywhere it is listed or shown.
    listed = cli("cases", "list")
    assert listed.code == 0
    line = next(x for x in listed.out.splitlines() if x.startswith(history["done"]))
    assert "（已删除）" in line and "王小明" not in line
    shown = cli("cases", "show", history["done"])
    assert shown.code == 0 and "王小明" not in shown.out and "（已删除）" in shown.out
    assert Case.objects.get(number=history["other"]).applicant_name == "李四"
    assert clerk.get(f"/api/cases/{history['done']}").json()["applicant"]["birth_date"] is None
    desk = Client()
    assert desk.login(username="alice", password=PASSWORD)
    for path in (f"/desk/cases/{history['done']}/", "/desk/cases/?status=completed"):
        page = desk.get(path)
        assert page.status_code == 200 and "（已删除）" in page.content.decode(), path
    letter = desk.get(f"/cases/{history['done']}/documents/acceptance")
    assert letter.status_code == 200 and "王小明" not in letter.content.decode()


def test_purge_expired_erases_what_outlived_its_period_and_nothing_else(history, cli, frozen_now):
    frozen_now.move_to(dt.datetime(2027, 6, 1, 9, 0, tzinfo=BEIJING))  # bookings past 180 days
    first = json.loads(cli("people", "purge-expired", "--json").out)
    assert (first["cases_erased"], first["bookings_erased"]) == (0, 2)
    assert not Visitor.objects.exists()
    frozen_now.move_to(dt.datetime(2056, 12, 31, 23, 0, tzinfo=BEIJING))  # the last day kept
    assert json.loads(cli("people", "purge-expired", "--json").out)["cases_erased"] == 0
    frozen_now.move_to(LATER)
    result = cli("people", "purge-expired")
    assert result.code == 0 and "办件 1 件" in result.out
    assert list(Case.objects.filter(applicant_number="").values_list("number", flat=True)) == [
        history["done"]
    ]
    assert Case.objects.get(number=history["open"]).applicant_number == ID  # still open
    assert Case.objects.get(number=history["other"]).applicant_name == "李四"  # still open
    assert "办件 0 件、预约 0 个" in cli("people", "purge-expired").out  # again: nothing


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("210202197001011234", "校验码不符"),
        ("12345", "身份证号码"),
        ("990202197001011233", "省级行政区划代码"),
    ],
)
def test_a_bad_id_number_is_exit_2_in_chinese_and_changes_nothing(history, cli, given, said):
    before = list(Booking.objects.values())
    for action in ("export", "erase"):
        result = cli("people", action, given)
        assert result.code == 2 and said in result.err and result.out == ""
    assert list(Booking.objects.values()) == before


@pytest.mark.parametrize(
    "note",
    ["申请人 210202197001011233 来电", "请回电 13804112233", "王小明本人来窗口撤回"],
)
def test_a_history_note_with_personal_data_is_refused(clerk, note):
    number = clerk.take_in(accepted())["number"]
    rows = CaseHistory.objects.count()
    answer = clerk.move(number, "in_progress", note)
    assert answer.status_code == 422 and "不能写申请人的姓名" in answer.json()["detail"]
    assert CaseHistory.objects.count() == rows
    assert clerk.move(number, "in_progress", "材料已核对，转审核").status_code == 200


@pytest.mark.parametrize(
    "module",
    ["shebao.web.privacy.retention", "shebao.web.privacy.services", "shebao.web.cases.services"],
)
def test_the_examples_in_docstrings_hold(module):
    found = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert found.failed == 0 and found.attempted > 0


@pytest.mark.parametrize(
    ("setting", "value"),
    [("SHEBAO_RETENTION_YEARS", "0"), ("SHEBAO_BOOKING_RETENTION_DAYS", "30")],
)
def test_a_bad_retention_setting_stops_the_start_with_a_reason(setting, value):
    from shebao.errors import ShebaoError
    from shebao.web.privacy import retention

    read = {
        "SHEBAO_RETENTION_YEARS": retention.retention_years,
        "SHEBAO_BOOKING_RETENTION_DAYS": retention.booking_retention_days,
    }[setting]
    with pytest.raises(ShebaoError, match=setting):
        read(value)


def test_erasing_a_case_takes_its_rating_comment_and_keeps_the_level(history, cli, frozen_now):
    from shebao.web.ratings.models import Rating

    rated = Client().post(
        f"/api/public/cases/{history['done']}/rating?id_last6={ID[-6:]}",
        json.dumps({"level": 2, "comment": "王小明：窗口让我跑了三趟", "scores": {"attitude": 2}}),
        content_type="application/json",
    )
    assert rated.status_code == 201, rated.content
    assert json.loads(cli("people", "export", ID).out)["cases"][0]["rating"]["level"] == 2
    frozen_now.move_to(LATER)
    assert cli("people", "erase", ID).code == 0
    rating = Rating.objects.get(case__number=history["done"])
    assert rating.comment == "" and (rating.level, rating.attitude) == (2, 2)
