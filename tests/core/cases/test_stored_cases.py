"""The pure side of stored cases: timer classes for queries, deadlines counted again, the changes
staff may choose, the last-six check, the documents' values and the command-line text."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shebao.cases.due import dates_again
from shebao.cases.letters import Letter, letter_for
from shebao.cases.records import CaseRecord, HistoryEntry, Reminder, Reminders
from shebao.cases.status import Status, check_manual_transition, manual_targets
from shebao.cases.timers import Timer, timer, timer_bounds
from shebao.errors import InputError
from shebao.present.case_letters import letter_context, phones
from shebao.present.case_reports import describe_case, describe_reminders, reminders_dict
from shebao.present.cases import case_detail, decision_record, public_case_dict
from shebao.runtime import BEIJING
from shebao.services.cases import decide_intake, last6_matches
from shebao.workdays.workcalendar import WorkCalendar
from tests.core.cases.factories import a_person, resident_id, runtime_on

D = dt.date
RT = runtime_on()
CALENDAR = WorkCalendar()


@settings(max_examples=300, deadline=None)
@given(
    today=st.dates(D(2025, 1, 1), D(2026, 12, 31)),
    ahead=st.integers(-10, 40),
    warning=st.integers(0, 5),
)
def test_the_query_bounds_put_every_due_date_where_the_timer_does(today, ahead, warning):
    due = today + dt.timedelta(days=ahead)
    overdue_before, normal_from = timer_bounds(today, CALENDAR, warning)
    if due < overdue_before:
        expected = Timer.OVERDUE
    elif due < normal_from:
        expected = Timer.WARNING
    else:
        expected = Timer.NORMAL
    assert timer(due, today, CALENDAR, warning) is expected


def test_the_bounds_refuse_a_negative_warning():
    with pytest.raises(InputError):
        timer_bounds(D(2026, 9, 30), CALENDAR, -1)


RECEIVED = D(2026, 9, 30)


def record(item, facts, provided, signed=False, received=RECEIVED, channel="window"):
    return decision_record(
        decide_intake(RT, item, channel, a_person(), facts, provided, signed, received)
    )


def test_deadlines_counted_again_on_the_same_calendar_are_the_same():
    stored = record(48, {"injury_recognized": True}, ["大连市劳动能力鉴定申请书"], True)
    again = dates_again(stored, RT.calendar)
    assert again.due.isoformat() == stored["due"]
    assert again.supplement_due.isoformat() == stored["supplement_due"]
    assert again.accepted.isoformat() == stored["accepted"]


def test_a_decision_without_deadlines_has_none_to_count_again():
    assert dates_again(record(48, {"injury_recognized": True}, []), RT.calendar) is None


def test_an_instant_item_counted_again_stays_on_its_day():
    facts = {"valid_id_document": True, "card_applied_before": True}
    stored = record(62, facts, ["居民身份证"], channel="mobile", received=D(2026, 10, 3))
    assert stored["outcome"] == "accepted" and stored["time_limit_working_days"] is None
    assert stored["due"] == "2026-10-03"  # a card reported lost in the app on a holiday
    assert dates_again(stored, RT.calendar).due.isoformat() == stored["due"]


def test_staff_choose_every_change_but_the_two_that_follow_from_facts():
    today = D(2026, 10, 1)
    for status in Status:
        chosen = set(manual_targets(status, today, today))
        assert chosen <= set(manual_targets(status, today, today + dt.timedelta(days=1)))
        assert Status.MATERIALS_SUPPLEMENTED not in chosen and Status.TERMINATED not in chosen
    assert check_manual_transition("accepted", "in_progress", None, today) is Status.IN_PROGRESS


def test_each_outcome_has_its_document():
    assert {letter_for(s) for s in (Status.ACCEPTED, Status.REFUSED, Status.RETURNED)} == {
        Letter.ACCEPTANCE,
        Letter.REFUSAL,
        Letter.NOTICE,
    }
    assert letter_for("容缺受理") is Letter.COMMITMENT
    with pytest.raises(InputError, match="没有“receipt”这种文书"):
        Letter.parse("receipt")


@pytest.mark.parametrize(
    ("typed", "matches"),
    [("011233", True), ("01 1233", True), ("０１１２３３", True), ("11233", False), (None, False)],
)
def test_the_last_six_characters(typed, matches):
    assert last6_matches(resident_id(), typed) is matches


def case_record(outcome="accepted", status="in_progress", **changes) -> CaseRecord:
    stored = record(60, {}, ["劳动人事争议仲裁申请书", "身份证"])
    at = dt.datetime(2026, 9, 30, 2, 0, tzinfo=dt.UTC)
    fields = dict(
        number="K7QM-3XPA-HR2D",
        item=60,
        item_name="劳动人事争议仲裁申请",
        channel="window",
        point="hall-3",
        outcome=Status(outcome),
        status=Status(status),
        applicant=a_person(),
        provided=tuple(stored["provided"]),
        commitment_signed=False,
        received=D(2026, 9, 30),
        accepted=D(2026, 9, 30),
        due=D(2026, 10, 13),
        due_estimated=False,
        supplement_due=None,
        supplement_due_estimated=False,
        decision=stored,
        created_at=at,
        created_by="alice",
        timer=Timer.NORMAL,
        allowed=(Status.COMPLETED, Status.WITHDRAWN),
        history=(
            HistoryEntry(at, None, Status.ACCEPTED, "受理", "alice"),
            HistoryEntry(at, Status.ACCEPTED, Status.IN_PROGRESS, "", "alice"),
        ),
    )
    from shebao.guide.model import ChannelKind

    fields["channel"] = ChannelKind(fields["channel"])
    return CaseRecord(**(fields | changes))


def test_the_public_view_names_no_staff_and_shows_beijing_time():
    shown = public_case_dict(case_record())
    assert [set(h) for h in shown["history"]] == [{"status", "at", "note"}] * 2
    assert shown["history"][0]["at"] == "2026-09-30T10:00:00+08:00"
    assert "applicant" not in shown


def test_the_case_page_masks_unless_asked():
    assert case_detail(case_record())["applicant"]["id_number"] == "210202********1233"
    assert case_detail(case_record(), full_number=True)["applicant"]["id_number"] == resident_id()
    assert case_detail(case_record())["history"][1]["by"] == "alice"


def test_the_acceptance_document_takes_the_points_and_items_phones():
    context = letter_context(RT.guide, case_record())
    assert context["title"] == "受理通知书" and context["issuer"] == "大连市社会保险事业服务中心"
    assert context["applicant"]["number"] == "210202********1233"
    assert context["point"]["name"] == "大连市社会保险事业服务中心西岗区办事处"
    assert {"label": "本服务点", "number": "0411-39661821"} in context["phones"]["ask"]
    assert context["due"] == "2026-10-13"


def test_the_complaint_phone_is_read_from_the_items_tips():
    assert phones(RT.catalog.items[48], None)["complain"] == "12345"


def test_the_command_line_text_masks_and_tells_the_history():
    text = describe_case(case_record())
    assert "210202********1233" in text and resident_id() not in text
    assert "办理中（alice）" in text


def test_a_reminder_run_as_json_and_text():
    late = case_record(timer=Timer.OVERDUE)
    run = Reminders(D(2026, 10, 14), (), (), (Reminder(late, True),), ())
    assert reminders_dict(run)["overdue"][0]["new"] is True
    text = describe_reminders(run)
    assert (
        "已逾期：1 件" in text
        and "K7QM-3XPA-HR2D hall-3 事项60 办理中 期限 2026-10-13（新）" in text
    )


@pytest.mark.parametrize(
    "module",
    [
        "shebao.cases.decision",
        "shebao.cases.due",
        "shebao.cases.letters",
        "shebao.cases.timers",
        "shebao.cases.status",
        "shebao.cases.documents",
        "shebao.present.cases",
    ],
)
def test_the_examples_in_docstrings_hold(module):
    assert doctest.testmod(importlib.import_module(module)).failed == 0


def test_beijing_is_where_the_days_are():
    assert BEIJING.key == "Asia/Shanghai"
