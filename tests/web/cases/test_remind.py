"""`shebao cases remind | list | show`, due soon and overdue marks, and estimated due dates
made exact once the year's holidays are loaded."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from shebao.runtime import BEIJING
from shebao.web.cases.models import Case
from tests.web.cases.conftest import AFTER_SUPPLEMENT_DUE, ID, accepted, run_remind, tolerated

pytestmark = pytest.mark.django_db
FICTIONAL_2027 = Path(__file__).resolve().parents[2] / "fixtures" / "fictional_2027.yaml"


def at(*day: int) -> dt.datetime:
    return dt.datetime(*day, 9, 0, tzinfo=BEIJING)


def test_remind_lists_and_marks_what_is_due_soon_then_overdue(clerk, case_in, frozen):
    soon = case_in("in_progress")  # due 2026-10-13
    case_in("completed")  # final: never reminded
    later = case_in("accepted_pending_materials")  # due 2026-11-09, supplement 10-13
    clerk.post(f"/api/cases/{later}/materials", {"provided": ["病历资料", "与伤病有关的医学诊断"]})
    frozen.move_to(at(2026, 10, 10))  # a worked Saturday: 2 working days left
    run = run_remind()
    assert [(r.case.number, r.new) for r in run.warning] == [(soon, True)]
    assert run.overdue == () and run.terminated == ()
    assert Case.objects.get(number=soon).timer_mark == "warning"
    assert [(r.case.number, r.new) for r in run_remind().warning] == [(soon, False)]
    frozen.move_to(at(2026, 10, 14))
    run = run_remind()
    assert [(r.case.number, r.new, r.case.timer) for r in run.overdue] == [(soon, True, "overdue")]
    row = Case.objects.get(number=soon)
    assert (row.timer_mark, row.reminded_on) == ("overdue", dt.date(2026, 10, 14))


def test_cases_remind_prints_for_cron_and_exits_0(cli, case_in, frozen):
    number = case_in("accepted_pending_materials")
    other = case_in("accepted")
    frozen.move_to(AFTER_SUPPLEMENT_DUE)
    result = cli("cases", "remind")
    assert result.code == 0, result.err
    assert "2026-10-14 办件提醒" in result.out
    assert "已终止（容缺材料未在补齐期限内补齐）：1 件" in result.out and number in result.out
    assert "已逾期：1 件" in result.out and f"{other} hall-3" in result.out
    again = cli("cases", "remind", "--json")
    assert again.code == 0
    body = again.json()
    assert body["terminated"] == [] and [c["number"] for c in body["overdue"]] == [other]
    assert body["overdue"][0]["new"] is False
    assert ID not in result.out + again.out


def test_cases_list_and_show(cli, clerk, case_in):
    number = case_in("in_progress")
    refused = case_in("refused")
    table = cli("cases", "list")
    assert table.code == 0 and number in table.out and refused in table.out
    assert "210202********1233" in table.out and ID not in table.out
    listed = cli("cases", "list", "--status", "refused", "--json").json()
    assert [c["number"] for c in listed] == [refused]
    assert cli("cases", "list", "--timer", "overdue").out.strip() == "没有符合条件的办件"
    shown = cli("cases", "show", number.lower())
    assert shown.code == 0
    assert f"办件 {number}：事项60“劳动人事争议仲裁申请”" in shown.out
    assert "办理中（alice）" in shown.out and ID not in shown.out
    detail = cli("cases", "show", refused, "--json").json()
    assert detail["applicant"]["id_number"] == "210202********1233"
    assert "未达到法定退休年龄" in cli("cases", "show", refused).out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "K7QM-3XPA-HR2D"], 2, "没有编号为 K7QM-3XPA-HR2D 的办件"),
        (["show", "nonsense"], 2, "案件编号格式不正确"),
        (["list", "--status", "done"], 2, "没有“done”这个办件状态"),
        (["list", "--limit", "0"], 2, "应为 1—1000 的整数"),
    ],
)
def test_cases_commands_say_what_is_wrong(cli, args, code, message):
    result = cli("cases", *args)
    assert result.code == code and message in result.err


# --- estimated due dates ----------------------------------------------------------------------


@pytest.fixture
def holidays(tmp_path, monkeypatch):
    """The web runtime's holiday directory, empty until `load()` adds the (fictional) 2027."""
    from shebao.web.core import runtime

    rt = runtime()
    monkeypatch.setattr(rt, "holidays_dir", tmp_path)
    rt.forget_calendar()

    def load() -> None:
        shutil.copy(FICTIONAL_2027, tmp_path / "2027.yaml")
        rt.forget_calendar()

    yield load
    rt.forget_calendar()


def test_an_estimated_due_date_is_made_exact_once_the_year_is_loaded(clerk, frozen, holidays):
    frozen.move_to(at(2026, 12, 24))
    case = clerk.take_in(tolerated())
    assert (case["due"], case["due_estimated"]) == ("2027-01-28", True)
    assert case["decision"]["warnings"]
    holidays()
    again = clerk.get(f"/api/cases/{case['number']}").json()
    assert (again["due"], again["due_estimated"]) == ("2027-01-27", False)  # 9 Jan worked
    assert again["decision"]["due"] == "2027-01-28"  # the decision stays as it was made
    row = Case.objects.get(number=case["number"])
    assert (row.due, row.due_estimated) == (dt.date(2027, 1, 27), False)


def test_remind_recomputes_estimated_dates(clerk, frozen, holidays):
    frozen.move_to(at(2026, 12, 24))
    number = clerk.take_in(
        accepted(
            item=48,
            facts={"injury_recognized": True},
            provided=["大连市劳动能力鉴定申请书", "病历资料", "与伤病有关的医学诊断"],
        )
    )["number"]
    assert run_remind().recomputed == ()  # not known yet
    holidays()
    [changed] = run_remind().recomputed
    assert changed.number == number and changed.due == dt.date(2027, 1, 27)
    assert run_remind().recomputed == ()
