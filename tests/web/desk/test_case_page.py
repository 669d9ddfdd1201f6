"""The case page: everything about the case, the changes its status allows, every view recorded;
another point's clerk gets 404 and no data."""

from __future__ import annotations

import pytest

from shebao.web.cases.models import Case, CaseHistory
from shebao.web.desk.models import CaseView
from tests.web.desk.conftest import ID

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_decision_facts_materials_and_history(clerk, take_in):
    number = take_in()
    page = clerk.get(f"/desk/cases/{number}/").content.decode()
    assert "容缺受理" in page and "劳动能力鉴定申请" in page
    assert ID in page  # the case's own page shows the full number
    assert "补齐材料期限" in page and "2026-10-13" in page
    assert "大连市劳动能力鉴定申请书" in page  # provided
    assert "病历资料" in page  # still missing
    assert "2026-09-30 10:00 · alice" in page  # history
    assert f"/cases/{number}/documents/commitment" in page


def test_a_refused_case_shows_its_rule_and_basis(clerk, take_in):
    number = take_in(
        item="25",
        fact_injury_recognized=None,
        fact_contribution_months="400",
        fact_flexible_early="false",
        fact_employee_pension_insured="true",
        provided=[],
    )
    page = clerk.get(f"/desk/cases/{number}/").content.decode()
    assert "规则 3.1" in page and "违规禁办事项清单第3项" in page
    assert "改为" not in page  # a refused case is final


def test_materials_brought_later_complete_a_tolerated_case(clerk, take_in):
    number = take_in()
    answer = clerk.post(
        f"/desk/cases/{number}/",
        {"action": "supplement", "provided": ["病历资料", "与伤病有关的医学诊断"]},
    )
    assert answer.status_code == 302
    assert Case.objects.get(number=number).status == "materials_supplemented"
    page = clerk.get(f"/desk/cases/{number}/").content.decode()
    assert "材料已补齐" in page and "改为办理中" in page


def test_a_case_moves_through_its_allowed_changes(clerk, take_in):
    number = take_in(
        item="60", fact_injury_recognized=None, provided=["劳动人事争议仲裁申请书", "身份证"]
    )
    for to in ("in_progress", "completed"):
        answer = clerk.post(f"/desk/cases/{number}/", {"action": "transition", "to": to})
        assert answer.status_code == 302
    assert Case.objects.get(number=number).status == "completed"
    assert CaseHistory.objects.filter(case__number=number).count() == 3


def test_a_change_the_status_does_not_allow_is_a_chinese_409(clerk, take_in):
    number = take_in()
    answer = clerk.post(f"/desk/cases/{number}/", {"action": "transition", "to": "completed"})
    assert answer.status_code == 409 and "办件状态不能从" in answer.content.decode()
    nothing = clerk.post(f"/desk/cases/{number}/", {"action": "supplement"})
    assert nothing.status_code == 422 and "请勾选" in nothing.content.decode()
    assert Case.objects.get(number=number).status == "accepted_pending_materials"


def test_a_clerk_of_another_point_gets_404_and_no_data(other_clerk, take_in):
    number = take_in()
    answer = other_clerk.get(f"/desk/cases/{number}/")
    assert answer.status_code == 404
    assert ID not in answer.content.decode() and "王小明" not in answer.content.decode()
    moved = other_clerk.post(f"/desk/cases/{number}/", {"action": "transition", "to": "withdrawn"})
    assert moved.status_code == 404
    assert Case.objects.get(number=number).status == "accepted_pending_materials"
    assert not CaseView.objects.filter(number=number).exists()


def test_every_view_is_recorded_and_listed_for_supervisors(clerk, supervisor, take_in):
    number = take_in()
    clerk.get(f"/desk/cases/{number}/")
    clerk.get(f"/cases/{number}/documents/commitment")
    supervisor.get(f"/desk/cases/{number}/")
    views = list(CaseView.objects.filter(number=number).values_list("by__username", "where"))
    assert sorted(views) == [("alice", "document"), ("alice", "page"), ("bob", "page")]
    page = supervisor.get("/desk/views/", {"case": number}).content.decode()
    assert page.count(f"<td>{number}</td>") == 3 and "办件文书" in page
    by_bob = supervisor.get("/desk/views/", {"staff": "bob"}).content.decode()
    assert by_bob.count(f"<td>{number}</td>") == 1
    unknown = supervisor.get("/desk/views/", {"staff": "nobody"})
    assert unknown.status_code == 422 and "没有用户名" in unknown.content.decode()
    assert clerk.get("/desk/views/").status_code == 403


def test_the_view_record_cannot_be_changed_or_deleted(clerk, take_in):
    number = take_in()
    clerk.get(f"/desk/cases/{number}/")
    view = CaseView.objects.get(number=number)
    with pytest.raises(PermissionError):
        view.delete()
    with pytest.raises(PermissionError):
        CaseView.objects.all().update(number="X")


def test_an_unknown_or_malformed_number_is_a_chinese_404(clerk):
    assert "没有编号为" in clerk.get("/desk/cases/K7QM-3XPA-HR2D/").content.decode()
    assert clerk.get("/desk/cases/nonsense/").status_code == 404


def test_changes_need_the_csrf_token(make_staff, take_in):
    from django.test import Client

    number = take_in()
    staff = make_staff("rita", "reviewer", "hall-3")
    strict = Client(enforce_csrf_checks=True)
    strict.login(username=staff.name, password=staff.password)
    answer = strict.post(f"/desk/cases/{number}/", {"action": "transition", "to": "withdrawn"})
    assert answer.status_code == 403
    assert Case.objects.get(number=number).status == "accepted_pending_materials"


def test_the_full_id_number_appears_only_on_the_case_page(clerk, supervisor, take_in, caplog):
    number = take_in()
    clerk.post(f"/desk/cases/{number}/", {"action": "supplement", "provided": ["病历资料"]})
    assert ID in clerk.get(f"/desk/cases/{number}/").content.decode()
    for client, url in (
        (clerk, "/desk/cases/"),
        (supervisor, "/desk/cases/"),
        (supervisor, "/desk/views/"),
        (supervisor, "/desk/dashboard/"),
        (supervisor, "/desk/dashboard.csv"),
        (clerk, f"/cases/{number}/documents/commitment"),
    ):
        assert ID not in client.get(url).content.decode(), url
    assert ID not in caplog.text
