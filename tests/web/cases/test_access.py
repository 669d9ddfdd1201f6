"""Who sees which case (404, not 403, for another point's), lists and their filters, and a
history that neither the API, the admin nor the database lets anyone change."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from shebao.web.cases.models import Case, CaseHistory
from tests.web.cases.conftest import ID, accepted, refused, tolerated
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def dora(api_for):
    """A clerk at hall 5 (甘井子区办事处)."""
    return api_for("dora", "clerk", "hall-5")


def test_a_clerk_of_another_point_gets_404_not_403(clerk, dora, case_in):
    number = case_in("accepted")
    for response in (
        dora.get(f"/api/cases/{number}"),
        dora.move(number, "in_progress"),
        dora.post(f"/api/cases/{number}/materials", {"provided": ["病历资料"]}),
        dora.client.get(f"/cases/{number}/documents/acceptance"),
    ):
        assert response.status_code == 404
    unknown = dora.get("/api/cases/K7QM-3XPA-HR2D")
    assert unknown.status_code == 404
    assert (
        dora.get(f"/api/cases/{number}").json()["detail"].replace(number, "K7QM-3XPA-HR2D")
        == (unknown.json()["detail"])
    )
    assert Case.objects.get(number=number).status == "accepted"


def test_a_reviewer_sees_their_points_cases(api_for, case_in):
    reviewer = api_for("rita", "reviewer", "hall-3")
    number = case_in("accepted")
    assert reviewer.get(f"/api/cases/{number}").status_code == 200
    assert reviewer.move(number, "in_progress").status_code == 200


def test_supervisors_and_administrators_see_every_point(api_for, clerk, dora, case_in):
    here, there = case_in("accepted"), dora.take_in(accepted())["number"]
    for chief in (api_for("bob", "supervisor"), api_for("carol", "admin")):
        listed = {c["number"] for c in chief.get("/api/cases").json()}
        assert listed == {here, there}
        assert chief.get(f"/api/cases/{there}").status_code == 200
    assert {c["number"] for c in clerk.get("/api/cases").json()} == {here}
    assert clerk.get("/api/cases", point="hall-5").json() == []


def test_the_case_page_shows_the_full_id_to_staff_who_may_see_it(clerk, case_in):
    number = case_in("accepted")
    assert clerk.get(f"/api/cases/{number}").json()["applicant"]["id_number"] == ID


def test_a_list_never_shows_a_full_id(clerk, case_in):
    for status in ("accepted", "refused", "accepted_pending_materials"):
        case_in(status)
    response = clerk.get("/api/cases")
    assert ID not in response.content.decode()
    assert {c["applicant"]["number"] for c in response.json()} == {"210202********1233"}


def test_lists_filter_by_status_item_point_and_timer(clerk, case_in, frozen):
    import datetime as dt

    from shebao.runtime import BEIJING

    accepted_one = case_in("accepted")  # due 2026-10-13
    pending = case_in("accepted_pending_materials")  # due 2026-11-09
    case_in("refused")

    def numbers(**query):
        response = clerk.get("/api/cases", **query)
        assert response.status_code == 200, response.content
        return {c["number"] for c in response.json()}

    assert numbers(status="accepted") == {accepted_one}
    assert numbers(status="容缺受理") == {pending}
    assert numbers(item="48") == {pending}
    assert numbers(point="hall-3", timer="normal") == {accepted_one, pending}
    frozen.move_to(dt.datetime(2026, 10, 10, 9, 0, tzinfo=BEIJING))  # worked Saturday: 2 left
    assert numbers(timer="warning") == {accepted_one}
    frozen.move_to(dt.datetime(2026, 10, 14, 9, 0, tzinfo=BEIJING))
    assert numbers(timer="overdue") == {accepted_one}
    assert all(c["timer"] == "overdue" for c in clerk.get("/api/cases", timer="overdue").json())
    assert len(numbers(limit="1")) == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"status": "done"}, "没有“done”这个办件状态"),
        ({"timer": "late"}, "timer（计时状态）只能是"),
        ({"item": "x"}, "x"),
        ({"limit": "-1"}, "limit"),
    ],
)
def test_a_bad_filter_is_a_readable_error(clerk, query, message):
    response = clerk.get("/api/cases", **query)
    assert response.status_code in (404, 422) and message in response.json()["detail"]


# --- the history cannot be changed -------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_api_has_no_way_to_change_or_delete_a_case_or_its_history(clerk, case_in, method):
    number = case_in("in_progress")
    before = list(CaseHistory.objects.filter(case__number=number).values())
    for path in (f"/api/cases/{number}", f"/api/cases/{number}/transitions"):
        response = getattr(clerk.client, method)(path, {}, content_type="application/json")
        assert response.status_code == 405
    assert list(CaseHistory.objects.filter(case__number=number).values()) == before


def test_the_admin_shows_cases_and_history_but_cannot_change_them(carol, clerk, case_in, client):
    number = case_in("in_progress")
    case = Case.objects.get(number=number)
    row = CaseHistory.objects.filter(case=case).first()
    client.login(username="carol", password=PASSWORD)
    assert client.get("/admin/cases/case/").status_code == 200
    assert ID not in client.get("/admin/cases/case/").content.decode()
    page = client.get(f"/admin/cases/case/{case.pk}/change/")
    assert page.status_code == 200 and ID not in page.content.decode()
    assert client.get(f"/admin/cases/casehistory/{row.pk}/change/").status_code == 200  # view
    for url in (
        f"/admin/cases/casehistory/{row.pk}/change/",
        f"/admin/cases/case/{case.pk}/change/",
    ):
        response = client.post(url, {"note": "rewritten", "to_status": "completed"})
        assert response.status_code == 403
    for url in (
        f"/admin/cases/casehistory/{row.pk}/delete/",
        f"/admin/cases/case/{case.pk}/delete/",
        "/admin/cases/casehistory/add/",
        "/admin/cases/case/add/",
    ):
        assert client.get(url).status_code in (403, 302)
        assert client.post(url, {"post": "yes"}).status_code in (403, 302)
    bulk = client.post(
        "/admin/cases/casehistory/",
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302, 403)
    assert CaseHistory.objects.get(pk=row.pk).note == row.note
    assert Case.objects.get(pk=case.pk).status == "in_progress"


def test_code_cannot_change_or_delete_history(case_in):
    row = CaseHistory.objects.filter(case__number=case_in("accepted")).first()
    row.note = "rewritten"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        CaseHistory.objects.filter(pk=row.pk).update(note="rewritten")
    with pytest.raises(PermissionError):
        CaseHistory.objects.filter(pk=row.pk).delete()
    with pytest.raises(PermissionError):
        Case.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE cases_casehistory SET note = 'rewritten'",
        "DELETE FROM cases_casehistory",
    ],
)
def test_the_database_refuses_to_change_history(case_in, sql):
    case_in("accepted")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert CaseHistory.objects.filter(note="rewritten").count() == 0
    assert CaseHistory.objects.count() == 1


def test_history_rows_keep_being_appended(clerk, case_in):
    number = case_in("completed")
    statuses = [h["status"] for h in clerk.get(f"/api/cases/{number}").json()["history"]]
    assert statuses == ["accepted", "in_progress", "completed"]
    rows = CaseHistory.objects.filter(case__number=number).order_by("at", "id")
    assert [(r.from_status, r.to_status) for r in rows] == [
        ("", "accepted"),
        ("accepted", "in_progress"),
        ("in_progress", "completed"),
    ]


def test_anonymous_callers_get_401_from_staff_endpoints(client, case_in):
    number = case_in("accepted")
    for path in ("/api/cases", f"/api/cases/{number}"):
        assert client.get(path).status_code == 401
    assert (
        client.post(
            f"/api/cases/{number}/transitions", {"to": "withdrawn"}, content_type="application/json"
        ).status_code
        == 401
    )


def test_refused_and_tolerated_cases_are_listed_too(clerk):
    clerk.take_in(refused())
    clerk.take_in(tolerated())
    assert sorted(c["outcome"] for c in clerk.get("/api/cases").json()) == [
        "accepted_pending_materials",
        "refused",
    ]
