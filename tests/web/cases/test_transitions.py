"""Status changes by the one table: each allowed change appends history, each other is 409 with
what is allowed; 容缺 materials complete a case; the supplement deadline terminates it."""

from __future__ import annotations

import pytest

from shebao.cases.status import TRANSITIONS, Status, manual_targets
from shebao.web.cases.models import Case, CaseHistory
from tests.web.cases.conftest import AFTER_SUPPLEMENT_DUE, SUPPLEMENT, run_remind, tolerated

pytestmark = pytest.mark.django_db

# What a staff member may choose from each status before any deadline has passed.
CHOSEN = [(s, t) for s in Status for t in manual_targets(s, None, AFTER_SUPPLEMENT_DUE.date())]
REFUSED = [
    (s, t)
    for s in Status
    for t in Status
    if t not in manual_targets(s, None, AFTER_SUPPLEMENT_DUE.date())
]


@pytest.mark.parametrize(("start", "to"), CHOSEN, ids=lambda s: s.value)
def test_each_allowed_change_is_made_and_appended_to_the_history(clerk, case_in, start, to):
    number = case_in(start)
    before = clerk.get(f"/api/cases/{number}").json()["history"]
    response = clerk.move(number, to, "申请人来电")
    assert response.status_code == 200, response.content
    case = response.json()
    assert case["status"] == to
    assert case["history"][: len(before)] == before
    assert case["history"][-1] | {"at": None} == {
        "status": to.value,
        "at": None,
        "note": "申请人来电",
        "by": "alice",
    }
    row = CaseHistory.objects.filter(case__number=number).last()
    assert (row.from_status, row.to_status, row.by.username) == (start, to, "alice")


@pytest.mark.parametrize(("start", "to"), REFUSED, ids=lambda s: s.value)
def test_each_other_change_is_409_with_the_allowed_list(clerk, case_in, start, to):
    number = case_in(start)
    history = CaseHistory.objects.filter(case__number=number).count()
    response = clerk.move(number, to)
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == start and body["to"] == to
    assert body["allowed"] == clerk.get(f"/api/cases/{number}").json()["allowed"]
    assert body["detail"].startswith(f"办件状态不能从 {start.value}")
    assert Case.objects.get(number=number).status == start
    assert CaseHistory.objects.filter(case__number=number).count() == history


def test_every_status_is_reached_by_the_table():
    reached = {t for targets in TRANSITIONS.values() for t in targets} | {
        "accepted",
        "accepted_pending_materials",
        "refused",
        "returned",
    }
    assert reached == set(Status)


def test_final_statuses_say_so(clerk, case_in):
    body = clerk.move(case_in("completed"), "in_progress").json()
    assert body["allowed"] == [] and "终结状态" in body["detail"]


def test_materials_supplemented_comes_from_the_materials_not_a_choice(clerk, case_in):
    body = clerk.move(case_in("accepted_pending_materials"), "materials_supplemented").json()
    assert body["allowed"] == ["withdrawn"]
    assert "POST /api/cases/{编号}/materials" in body["detail"]


def test_termination_by_hand_waits_for_the_supplement_deadline(clerk, case_in, frozen):
    number = case_in("accepted_pending_materials")
    early = clerk.move(number, "terminated")
    assert early.status_code == 409 and "补齐期限（2026-10-13）尚未届满" in early.json()["detail"]
    frozen.move_to(AFTER_SUPPLEMENT_DUE)
    assert clerk.get(f"/api/cases/{number}").json()["allowed"] == ["terminated", "withdrawn"]
    assert clerk.move(number, "terminated", "申请人未补齐").status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"to": "done"}, "没有“done”这个办件状态"),
        ({"to": "in_progress", "note": "x" * 501}, "note（说明）过长"),
        ({"to": "in_progress", "note": "a\x1bb"}, "控制字符"),
        ({"to": "in_progress", "note": 5}, "note"),
        ({}, "缺少 to"),
    ],
)
def test_a_bad_change_is_422(clerk, case_in, body, message):
    response = clerk.post(f"/api/cases/{case_in('accepted')}/transitions", body)
    assert response.status_code == 422 and message in response.json()["detail"]


def test_a_chinese_status_label_is_understood(clerk, case_in):
    assert clerk.move(case_in("accepted"), "办理中").json()["status"] == "in_progress"


# --- 容缺: materials and the supplement deadline -------------------------------------------------


def test_materials_brought_in_part_say_what_is_still_missing(clerk, case_in):
    number = case_in("accepted_pending_materials")
    response = clerk.post(f"/api/cases/{number}/materials", {"provided": ["病历材料"]})
    assert response.status_code == 200
    body = response.json()
    assert body["complete"] is False
    assert [m["name"] for m in body["missing"]] == ["与伤病有关的医学诊断"]
    assert "与伤病有关的医学诊断" in body["notice"]
    assert body["case"]["status"] == "accepted_pending_materials"
    assert body["case"]["provided"] == ["大连市劳动能力鉴定申请书", "病历材料"]
    assert len(body["case"]["history"]) == 1


def test_the_last_material_completes_the_case(clerk, case_in):
    number = case_in("accepted_pending_materials")
    clerk.post(f"/api/cases/{number}/materials", {"provided": ["病历资料"]})
    body = clerk.post(
        f"/api/cases/{number}/materials", {"provided": ["与伤病有关的医学诊断"]}
    ).json()
    assert body["complete"] is True and body["missing"] == [] and body["notice"] is None
    case = body["case"]
    assert case["status"] == "materials_supplemented"
    assert case["allowed"] == ["in_progress", "withdrawn"]  # then as an accepted case
    assert case["history"][-1]["note"].startswith("容缺材料已补齐：")


def test_materials_for_a_case_that_is_not_pending_are_409(clerk, case_in):
    response = clerk.post(f"/api/cases/{case_in('accepted')}/materials", {"provided": SUPPLEMENT})
    assert response.status_code == 409 and "只有容缺受理" in response.json()["detail"]
    empty = clerk.post(
        f"/api/cases/{case_in('accepted_pending_materials')}/materials", {"provided": []}
    )
    assert empty.status_code == 422


def test_materials_after_the_deadline_are_409(clerk, case_in, frozen):
    number = case_in("accepted_pending_materials")
    frozen.move_to(AFTER_SUPPLEMENT_DUE)
    response = clerk.post(f"/api/cases/{number}/materials", {"provided": SUPPLEMENT})
    assert response.status_code == 409 and "补齐期限 2026-10-13 已过" in response.json()["detail"]


def test_on_the_deadline_itself_the_materials_are_still_taken(clerk, case_in, frozen):
    import datetime as dt

    from shebao.runtime import BEIJING

    number = case_in("accepted_pending_materials")
    frozen.move_to(dt.datetime(2026, 10, 13, 17, 0, tzinfo=BEIJING))
    run_remind()
    body = clerk.post(f"/api/cases/{number}/materials", {"provided": SUPPLEMENT}).json()
    assert body["case"]["status"] == "materials_supplemented"


def test_remind_terminates_a_case_past_its_supplement_deadline_with_a_history_row(
    clerk, case_in, frozen
):
    number = case_in("accepted_pending_materials")
    assert run_remind().terminated == ()  # not yet
    frozen.move_to(AFTER_SUPPLEMENT_DUE)
    run = run_remind()
    assert [r.number for r in run.terminated] == [number]
    case = clerk.get(f"/api/cases/{number}").json()
    assert case["status"] == "terminated" and case["allowed"] == []
    last = case["history"][-1]
    assert last["by"] is None
    assert last["note"] == "容缺材料未在补齐期限（2026-10-13）内补齐，终止办理"
    assert last["at"] == "2026-10-14T09:00:00+08:00"
    assert run_remind().terminated == ()  # once


def test_remind_leaves_supplemented_and_withdrawn_cases_alone(clerk, frozen):
    done = clerk.take_in(tolerated())["number"]
    clerk.post(f"/api/cases/{done}/materials", {"provided": SUPPLEMENT})
    gone = clerk.take_in(tolerated())["number"]
    clerk.move(gone, "withdrawn")
    frozen.move_to(AFTER_SUPPLEMENT_DUE)
    assert run_remind().terminated == ()
    statuses = dict(Case.objects.values_list("number", "status"))
    assert statuses == {done: "materials_supplemented", gone: "withdrawn"}


def test_changes_to_an_unknown_case_are_404(clerk):
    assert clerk.move("K7QM-3XPA-HR2D", "in_progress").status_code == 404
    response = clerk.post("/api/cases/K7QM-3XPA-HR2D/materials", {"provided": SUPPLEMENT})
    assert response.status_code == 404
    assert clerk.move("not-a-number", "in_progress").status_code == 422
