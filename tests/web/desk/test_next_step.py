"""A life event's next step at the desk: the case page offers it, the intake form carries the
applicant, the shared facts and the materials already brought, and the cases link each other."""

from __future__ import annotations

import re

import pytest

from shebao.web.cases.models import Case
from tests.web.desk.conftest import ID

pytestmark = pytest.mark.django_db

BANK = "银行1类账户信息"
# 伤残待遇申领 (49), the step after 劳动能力鉴定 (48) in the injury journey.
DISABILITY_49 = dict(
    item="49",
    fact_injury_recognized=None,
    fact_payee_is_worker="true",
    provided=["身份证", BANK],
    signed=None,
)


def ticked(page: str) -> set[str]:
    return set(re.findall(r'name="provided" value="([^"]+)"[^>]*checked', page))


def test_the_appraisal_case_offers_the_injury_journeys_next_steps(clerk, take_in):
    appraisal = take_in()  # 劳动能力鉴定申请 (48), 容缺
    page = clerk.get(f"/desk/cases/{appraisal}/").content.decode()
    assert "一件事：办理下一步" in page
    assert f'href="/desk/intake?item=49&amp;from={appraisal}"' in page
    assert "49. 伤残待遇申领" in page and "54. 一次性工伤医疗补助金申请" in page
    assert "工伤" in page


def test_the_next_steps_intake_carries_the_applicant_and_shared_facts(clerk, take_in):
    appraisal = take_in()
    form = clerk.get("/desk/intake", {"item": "54", "from": appraisal}).content.decode()
    assert f'value="{ID}"' in form and 'value="王小明"' in form and 'value="13804112233"' in form
    # 54 asks whether the injury is recognized, as 48 did: answered already.
    assert re.search(r'name="fact_injury_recognized" value="true" checked', form)
    assert f'name="source" value="{appraisal}"' in form
    assert ID not in f"/desk/intake?item=54&from={appraisal}"  # the ID never goes in the URL


def test_the_materials_brought_before_that_the_next_step_needs_are_ticked(clerk, take_in):
    benefits = take_in(**DISABILITY_49)
    form = clerk.get("/desk/intake", {"item": "54", "from": benefits}).content.decode()
    # 54 asks for the bank account brought for 49, not for the 身份证 (it does not list it).
    assert ticked(form) == {BANK}
    assert "接续办件" in form


def test_the_new_case_records_where_it_came_from_and_both_pages_link(clerk, take_in):
    appraisal = take_in()
    follow = take_in(
        item="49", fact_injury_recognized=None, fact_payee_is_worker="true",
        provided=["身份证", BANK], signed=None, source=appraisal,
    )  # fmt: skip
    assert Case.objects.get(number=follow).source.number == appraisal
    after = clerk.get(f"/desk/cases/{follow}/").content.decode()
    assert f'<dt>上一步办件</dt><dd><a href="/desk/cases/{appraisal}/">' in after
    before = clerk.get(f"/desk/cases/{appraisal}/").content.decode()
    assert "<dt>后续办件</dt>" in before and f'href="/desk/cases/{follow}/"' in before


def test_another_points_case_cannot_be_the_source(clerk, other_clerk, take_in):
    theirs = take_in(client=other_clerk)
    answer = clerk.get("/desk/intake", {"item": "49", "from": theirs})
    assert answer.status_code == 404
    assert ID not in answer.content.decode() and "王小明" not in answer.content.decode()
    saved = clerk.post(
        "/desk/intake",
        {
            "item": "49", "kind": "person", "id_number": ID, "name": "王小明",
            "phone": "13804112233", "fact_payee_is_worker": "true",
            "provided": ["身份证", BANK], "source": theirs, "action": "save",
        },
    )  # fmt: skip
    assert saved.status_code == 404
    assert not Case.objects.filter(source__number=theirs).exists()


def test_a_returned_case_offers_no_next_step(clerk, take_in):
    returned = take_in(provided=[])
    assert "办理下一步" not in clerk.get(f"/desk/cases/{returned}/").content.decode()
