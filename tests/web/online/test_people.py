"""`shebao people export | erase` reach online applications too: a draft and its files go at
once, an application that became a case is kept with its case, and the export lists them."""

from __future__ import annotations

import json

import pytest

from shebao.web.online.models import Application, Upload
from shebao.web.online.storage import storage
from tests.web.online.conftest import APPLICATION_48, DIAGNOSIS_48, ID, PDF, RECORDS_48, jpeg

pytestmark = pytest.mark.django_db


def test_erase_deletes_a_draft_and_its_files_and_export_lists_it_before(applicant, cli):
    applicant.start_verified(48, {"injury_recognized": True})
    assert applicant.upload(APPLICATION_48, jpeg(), "王小明的申请书.jpg").status_code == 201
    [upload] = Upload.objects.all()
    assert storage().read(upload.key)

    exported = cli("people", "export", ID)
    assert exported.code == 0, exported.err
    [app] = json.loads(exported.out)["applications"]
    assert app["code"] == applicant.code and app["state_label"] == "草稿"
    assert app["files"][0]["file_name"] == "王小明的申请书.jpg"

    erased = cli("people", "erase", ID, "--json")
    assert erased.code == 0, erased.err
    assert json.loads(erased.out)["applications_erased"] == 1
    stored = Application.objects.get(code=applicant.code)
    assert (stored.applicant_number, stored.applicant_phone, stored.facts) == ("", "", {})
    assert stored.applicant_name == "（已删除）" and stored.item == 48  # still counted
    upload.refresh_from_db()
    assert upload.original_name == "" and upload.purged_at is not None
    with pytest.raises(Exception):  # noqa: B017 — each store says "gone" its own way
        storage().read(upload.key)
    assert applicant.show().status_code == 404  # the code and last 6 no longer find it
    assert json.loads(cli("people", "export", ID).out)["applications"] == []


def test_an_application_that_became_an_open_case_is_kept_with_it(applicant, reviewer, cli):
    applicant.start_verified(48, {"injury_recognized": True})
    for name in (APPLICATION_48, RECORDS_48, DIAGNOSIS_48):
        applicant.upload(name, PDF, "x.pdf")
    assert applicant.submit().json()["state"] == "submitted"
    waiting = cli("people", "erase", ID)
    assert f"网上申请 {applicant.code} 依法继续保存：网上申请待审核" in waiting.out
    assert reviewer.review_all(applicant.code).status_code == 200
    number = applicant.show().json()["case"]["number"]

    kept = cli("people", "erase", ID)
    assert kept.code == 0, kept.err
    assert f"网上申请 {applicant.code} 依法继续保存：随办件 {number} 保存" in kept.out
    assert f"办件 {number} 依法继续保存：办理中" in kept.out
    assert Application.objects.get(code=applicant.code).applicant_number == ID
    assert all(storage().read(u.key) for u in Upload.objects.all())
