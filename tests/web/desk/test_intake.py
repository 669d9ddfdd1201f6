"""The intake page: choose the item, preview the decision the rules give, save, print."""

from __future__ import annotations

import pytest

from shebao.web.cases.models import Case
from tests.web.desk.conftest import ID, intake_form

pytestmark = pytest.mark.django_db


def test_the_clerk_finds_the_item_by_words_or_number(clerk):
    found = clerk.get("/desk/intake", {"q": "劳动能力鉴定"}).content.decode()
    assert 'href="/desk/intake?item=48"' in found
    by_number = clerk.get("/desk/intake", {"q": "48"})
    assert by_number.status_code == 302 and by_number["Location"] == "/desk/intake?item=48"


def test_the_form_asks_only_the_items_facts_and_lists_its_materials(clerk):
    page = clerk.get("/desk/intake", {"item": "48"}).content.decode()
    assert "是否已经做了工伤认定" in page  # the self-check's words for injury_recognized
    assert "累计缴纳养老保险费" not in page  # a retirement fact item 48 never reads
    assert "病历资料" in page and "可容缺" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_an_unknown_item_is_a_chinese_404(clerk):
    answer = clerk.get("/desk/intake", {"item": "999"})
    assert answer.status_code == 404 and "999" in answer.content.decode()


def test_preview_of_a_tolerated_case_asks_for_the_commitment_and_stores_nothing(clerk):
    answer = clerk.post("/desk/intake", intake_form(signed=None, action="preview"))
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "须先签署承诺书" in page and "病历资料" in page
    assert "补齐材料期限：2026-10-13" in page
    assert "王小明，1970-01-01 出生，男" in page  # read from the ID number
    assert Case.objects.count() == 0


def test_preview_of_a_prohibited_case_gives_the_reason_and_basis(clerk):
    form = intake_form(
        25,
        fact_contribution_months="400",
        fact_flexible_early="false",
        fact_employee_pension_insured="true",
        provided=[],
        action="preview",
    )
    page = clerk.post("/desk/intake", form).content.decode()
    assert "不予受理" in page
    assert "违规禁办事项清单第3项" in page and "规则 3.1" in page


def test_preview_without_materials_gives_everything_missing_at_once(clerk):
    page = clerk.post("/desk/intake", intake_form(provided=[], action="preview")).content
    text = page.decode()
    assert "一次性告知" in text
    for name in ("大连市劳动能力鉴定申请书", "病历资料", "与伤病有关的医学诊断"):
        assert name in text


def test_preview_names_the_facts_still_needed(clerk):
    page = clerk.post("/desk/intake", intake_form(fact_injury_recognized="", action="preview"))
    assert "还需要了解情况" in page.content.decode()
    assert "是否已经做了工伤认定" in page.content.decode()


def test_saving_stores_the_case_at_the_clerks_point_and_links_the_commitment(clerk, take_in):
    number = take_in()
    case = Case.objects.get(number=number)
    assert case.status == "accepted_pending_materials" and case.point == "hall-3"
    page = clerk.get(f"/desk/cases/{number}/").content.decode()
    assert f"/cases/{number}/documents/commitment" in page
    printed = clerk.get(f"/cases/{number}/documents/commitment")
    assert printed.status_code == 200


def test_a_bad_id_number_is_refused_in_chinese_and_nothing_stored(clerk):
    answer = clerk.post("/desk/intake", intake_form(id_number=ID[:-1] + "0"))
    assert answer.status_code == 422
    assert "公民身份号码有误" in answer.content.decode()
    assert "王小明" in answer.content.decode()  # the form is kept
    assert Case.objects.count() == 0


def test_a_bad_fact_answer_names_the_question(clerk):
    answer = clerk.post("/desk/intake", intake_form(fact_injury_recognized="maybe"))
    assert answer.status_code == 422
    assert "是否已经做了工伤认定" in answer.content.decode()


def test_a_clerk_cannot_take_in_at_another_point(clerk):
    answer = clerk.post("/desk/intake", intake_form(point="hall-5"))
    assert answer.status_code == 422 and "只能以本服务点收件" in answer.content.decode()
    assert Case.objects.count() == 0


def test_a_supervisor_chooses_the_point(supervisor):
    page = supervisor.get("/desk/intake", {"item": "48"}).content.decode()
    assert 'name="point"' in page
    missing = supervisor.post("/desk/intake", intake_form())
    assert missing.status_code == 422 and "须指定服务点" in missing.content.decode()
    saved = supervisor.post("/desk/intake", intake_form(point="hall-5"))
    assert saved.status_code == 302
    assert Case.objects.get().point == "hall-5"


def test_a_reviewer_and_an_anonymous_visitor_cannot_take_in(browser_for, client):
    assert browser_for("rita", "reviewer").get("/desk/intake").status_code == 403
    answer = client.get("/desk/intake")
    assert answer.status_code == 302 and answer["Location"].startswith("/desk/login/")


def test_csrf_is_required(make_staff):
    from django.test import Client

    staff = make_staff("alice")
    client = Client(enforce_csrf_checks=True)
    client.login(username=staff.name, password=staff.password)
    assert client.post("/desk/intake", intake_form()).status_code == 403
    assert Case.objects.count() == 0


def _served_ticket(client, point: str = "hall-3"):
    """A booked ticket for item 6, served at `point` (booked on 30 Sep for 8 Oct)."""
    import json

    from shebao.web.appointments.models import Booking, Ticket
    from tests.web.appointments.people import booking

    body = booking(1, "2026-10-08T09:00:00+08:00", point=point)
    made = client.post("/api/bookings", json.dumps(body), content_type="application/json")
    assert made.status_code == 201, made.content.decode()
    b = Booking.objects.get()
    return Ticket.objects.create(
        point=point,
        day=b.day,
        label="A001",
        kind=Ticket.BOOKED,
        booking=b,
        status="served",
        taken=b.created,
    )


def test_a_served_ticket_fills_in_the_item_and_the_person(clerk):
    ticket = _served_ticket(clerk)
    page = clerk.get("/desk/intake", {"ticket": str(ticket.pk)}).content.decode()
    assert "收件：6." in page and "排队号 A001" in page
    assert ticket.booking.id_number in page and "13804112233" in page


def test_another_points_ticket_is_not_found(other_clerk):
    ticket = _served_ticket(other_clerk)  # booked at hall 3; dora works at hall 5
    answer = other_clerk.get("/desk/intake", {"ticket": str(ticket.pk)})
    assert answer.status_code == 404
    assert ticket.booking.id_number not in answer.content.decode()
    assert other_clerk.get("/desk/intake", {"ticket": "abc"}).status_code == 404


def test_a_unit_is_taken_in_by_its_credit_code(clerk):
    from tests.core.cases.factories import credit_code

    code = credit_code()
    form = intake_form(
        53,
        kind="unit",
        id_number="",
        credit_code=code,
        name="大连某某康复医院有限公司",
        contact="李红",
        phone="0411-83709012",
        fact_injury_recognized=None,
        provided=["大连市工伤保险协议服务机构申请审核表"],
    )
    answer = clerk.post("/desk/intake", form)
    assert answer.status_code == 302, answer.content.decode()
    case = Case.objects.get()
    assert case.applicant_kind == "unit" and case.applicant_number == code
    bad = clerk.post("/desk/intake", form | {"credit_code": "91210200MA0X"})
    assert bad.status_code == 422 and "统一社会信用代码" in bad.content.decode()


def test_a_walk_in_ticket_keeps_its_person_while_the_item_is_chosen(clerk):
    ticket = _served_ticket(clerk)
    found = clerk.get("/desk/intake", {"ticket": str(ticket.pk), "q": "劳动能力鉴定"})
    assert f'href="/desk/intake?item=48&amp;ticket={ticket.pk}"' in found.content.decode()
    page = clerk.get("/desk/intake", {"ticket": str(ticket.pk), "item": "48"}).content.decode()
    assert "收件：48." in page and ticket.booking.id_number in page


def test_a_passport_holder_gives_birth_date_and_sex(clerk):
    passport = intake_form(document="passport", id_number="E12345678")
    missing = clerk.post("/desk/intake", passport)
    assert missing.status_code == 422 and "须填写出生日期和性别" in missing.content.decode()
    saved = clerk.post("/desk/intake", passport | {"birth_date": "1970-01-01", "sex": "female"})
    assert saved.status_code == 302, saved.content.decode()
    case = Case.objects.get()
    assert case.applicant_document == "passport" and case.applicant_sex == "female"
