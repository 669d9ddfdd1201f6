"""Files past their retention period are deleted from the store; the record of them stays."""

from __future__ import annotations

import datetime as dt

import pytest

from shebao.runtime import BEIJING
from tests.web.online.conftest import APPLICATION_48, PDF

pytestmark = pytest.mark.django_db


def test_files_of_a_still_draft_are_deleted_after_the_period_and_their_hash_kept(
    applicant, cli, frozen
):
    from shebao.web.online.models import Upload

    applicant.start_verified(48, {"injury_recognized": True})
    applicant.upload(APPLICATION_48, PDF, "a.pdf")
    early = cli("online", "purge", "--days", "30")
    assert early.code == 0 and "已删除 0 个文件" in early.out
    frozen.move_to(dt.datetime(2026, 11, 5, 10, 0, tzinfo=BEIJING))
    done = cli("online", "purge", "--days", "30", "--json")
    assert done.code == 0, done.err
    assert done.json()["files"] == 1
    kept = Upload.objects.get()
    assert kept.purged_at is not None and kept.sha256
    assert applicant.show().json()["materials"][0]["files"] == []


def test_files_waiting_for_review_are_never_deleted(applicant, cli, frozen):
    applicant.start_verified(48, {"injury_recognized": True})
    applicant.upload(APPLICATION_48, PDF, "a.pdf")
    applicant.submit(applicant.submit().json()["commitment"])
    frozen.move_to(dt.datetime(2027, 6, 1, 10, 0, tzinfo=BEIJING))
    assert cli("online", "purge", "--days", "30", "--json").json()["files"] == 0


def test_purge_needs_a_period(cli):
    result = cli("online", "purge")
    assert result.code == 2
    assert "保存期限" in result.err
