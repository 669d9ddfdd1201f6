"""Who may see what: the applicant with the pair, staff of the point; everyone else 404/401."""

from __future__ import annotations

import pytest

from tests.web.online.conftest import APPLICATION_48, ID, Applicant, jpeg, resident_id

pytestmark = pytest.mark.django_db


def _submitted(applicant: Applicant) -> int:
    applicant.start_verified(48, {"injury_recognized": True})
    applicant.upload(APPLICATION_48, jpeg(), "a.jpg")
    need = applicant.submit().json()
    assert applicant.submit(need["commitment"]).status_code == 200
    return applicant.show().json()["materials"][0]["files"][0]["id"]


def test_a_wrong_last6_gets_the_same_404_as_an_unknown_code(applicant):
    applicant.start(48)
    wrong = applicant.show(last6="000000")
    unknown = applicant.client.get("/api/applications/W2222222222", {"id_last6": applicant.last6})
    malformed = applicant.client.get("/api/applications/x'--", {"id_last6": applicant.last6})
    assert wrong.status_code == unknown.status_code == malformed.status_code == 404
    assert wrong.json() == unknown.json() == malformed.json()


def test_a_file_of_another_applicant_cannot_be_fetched(applicant):
    file_id = _submitted(applicant)
    other = Applicant()
    other.last6 = resident_id(born="19800202")[-6:]
    other.start_verified(48, {}, id_number=resident_id(born="19800202"))
    mine = other.client.get(
        f"/api/applications/{other.code}/files/{file_id}", {"id_last6": other.last6}
    )
    assert mine.status_code == 404
    assert (
        other.client.get(
            f"/api/applications/{applicant.code}/files/{file_id}", {"id_last6": other.last6}
        ).status_code
        == 404
    )


def test_staff_review_needs_a_login(applicant):
    _submitted(applicant)
    assert applicant.client.get("/api/review/applications").status_code == 401
    assert applicant.client.get(f"/api/review/applications/{applicant.code}").status_code == 401
    page = applicant.client.get(f"/desk/review/{applicant.code}")
    assert page.status_code == 302 and "/desk/login/" in page["Location"]


def test_a_reviewer_of_another_point_does_not_see_it(applicant, reviewer, other_reviewer):
    file_id = _submitted(applicant)
    assert other_reviewer.get("/api/review/applications").json() == []
    assert other_reviewer.get(f"/api/review/applications/{applicant.code}").status_code == 404
    assert (
        other_reviewer.post(
            f"/api/review/applications/{applicant.code}/files/{file_id}", {"accept": True}
        ).status_code
        == 404
    )
    assert [a["code"] for a in reviewer.get("/api/review/applications").json()] == [applicant.code]


def test_drafts_are_not_shown_to_staff(applicant, reviewer):
    applicant.start(48)
    assert reviewer.get("/api/review/applications").json() == []


def test_a_rejection_needs_a_reason(applicant, reviewer):
    file_id = _submitted(applicant)
    answer = reviewer.post(
        f"/api/review/applications/{applicant.code}/files/{file_id}", {"accept": False}
    )
    assert answer.status_code == 422
    assert "理由" in answer.json()["detail"]


def test_a_decision_waits_until_every_file_is_reviewed(applicant, reviewer):
    _submitted(applicant)
    answer = reviewer.post(f"/api/review/applications/{applicant.code}/decide")
    assert answer.status_code == 409
    assert "未审核" in answer.json()["detail"]


def test_lists_show_the_masked_number_only(applicant, reviewer):
    _submitted(applicant)
    listed = reviewer.get("/api/review/applications").json()[0]
    assert listed["applicant_number"] == "210202********1233"


def test_an_item_without_an_online_channel_cannot_be_applied_for(applicant):
    from shebao.guide.model import ChannelKind
    from shebao.web.core import runtime

    offline = next(
        i for i in runtime().catalog.items.values() if ChannelKind.ONLINE not in i.channel_kinds
    )
    body = {"item": offline.no, "applicant": {"kind": "person", "id_number": "x"}}
    answer = applicant.client.post("/api/applications", body, content_type="application/json")
    assert answer.status_code == 422
    assert "没有网上办渠道" in answer.json()["detail"]


def test_staff_of_the_point_fetch_a_file_and_each_view_is_logged(
    applicant, reviewer, other_reviewer
):
    from shebao.web.online.models import FileView

    file_id = _submitted(applicant)
    path = f"/api/review/applications/{applicant.code}/files/{file_id}"
    seen = reviewer.get(path)
    assert seen.status_code == 200 and seen["Content-Type"] == "image/jpeg"
    assert seen["X-Content-Type-Options"] == "nosniff"
    assert other_reviewer.get(path).status_code == 404
    assert [v.by.get_username() for v in FileView.objects.all()] == ["dora"]


def test_administrators_audit_file_views_in_the_admin_without_full_numbers(
    applicant, reviewer, carol, client
):
    from tests.web.conftest import PASSWORD

    file_id = _submitted(applicant)
    reviewer.get(f"/api/review/applications/{applicant.code}/files/{file_id}")
    client.login(username="carol", password=PASSWORD)
    views = client.get("/admin/online/fileview/")
    assert views.status_code == 200 and "dora" in views.content.decode()
    listed = client.get("/admin/online/application/").content.decode()
    assert applicant.code in listed and ID not in listed
