"""Hostile and careless files: the type read from the content, limits, metadata stripped."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from shebao.web.online.files import FileRefused, clean
from tests.web.online.conftest import APPLICATION_48, PDF, RECORDS_48, jpeg, png

pytestmark = pytest.mark.django_db
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture
def draft(applicant):
    applicant.start_verified(48, {"injury_recognized": True})
    return applicant


def test_a_program_renamed_to_pdf_is_refused_by_its_content(draft):
    answer = draft.upload(APPLICATION_48, EXE, "申请书.pdf")
    assert answer.status_code == 422
    assert "不是 PDF、JPEG 或 PNG" in answer.json()["detail"]
    assert draft.show().json()["materials"][0]["files"] == []


def test_a_pdf_named_as_a_photo_is_kept_as_a_pdf(draft):
    assert draft.upload(APPLICATION_48, PDF, "photo.jpg").status_code == 201
    stored = draft.show().json()["materials"][0]["files"][0]
    assert stored["content_type"] == "application/pdf"


def test_an_empty_file_is_refused(draft):
    answer = draft.upload(APPLICATION_48, b"", "empty.pdf")
    assert answer.status_code == 422
    assert "空的" in answer.json()["detail"]


def test_a_file_over_the_limit_is_refused_with_413(draft, settings):
    settings.ONLINE_MAX_FILE_BYTES = 64 * 1024
    answer = draft.upload(APPLICATION_48, PDF + b"%" * (200 * 1024), "big.pdf")
    assert answer.status_code == 413
    assert "文件过大" in answer.json()["detail"]


def test_more_files_than_allowed_are_refused(draft, settings):
    settings.ONLINE_MAX_FILES = 2
    assert draft.upload(APPLICATION_48, png(), "1.png").status_code == 201
    assert draft.upload(RECORDS_48, png(), "2.png").status_code == 201
    answer = draft.upload(RECORDS_48, png(), "3.png")
    assert answer.status_code == 409
    assert "最多上传 2 个文件" in answer.json()["detail"]


def test_the_gps_position_in_a_photo_is_not_stored(draft, applicant):
    original = jpeg(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # it was there
    assert draft.upload(APPLICATION_48, original, "phone.jpg").status_code == 201
    file_id = draft.show().json()["materials"][0]["files"][0]["id"]
    back = applicant.client.get(
        f"/api/applications/{applicant.code}/files/{file_id}", {"id_last6": applicant.last6}
    )
    assert back.status_code == 200
    stored = Image.open(io.BytesIO(back.content))
    assert not stored.getexif().get_ifd(0x8825)
    assert b"PhoneMaker" not in back.content
    assert back["X-Content-Type-Options"] == "nosniff"
    assert back["Content-Disposition"].startswith("attachment;")


def test_a_zip_hidden_after_a_jpeg_is_dropped_by_the_re_encoding():
    polyglot = jpeg() + b"PK\x03\x04" + b"evil" * 100
    kept = clean(polyglot, "x.jpg")
    assert kept.content_type == "image/jpeg"
    assert b"PK\x03\x04" not in kept.content


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>\n%%EOF\n",
        b"%PDF-1.4\n<</A<</S/Launch/F(cmd.exe)>>>>\n%%EOF\n",
        b"%PDF-1.4\n<</S/J#61vaScript>>\n%%EOF\n",
        PDF + b"PK\x03\x04 a zip appended after the end",
        b"%PDF-1.4\n1 0 obj<<>>endobj\n",  # cut off: no end marker
        b"<html><script>alert(1)</script>%PDF-1.4\n%%EOF",  # the header not first
    ],
)
def test_pdfs_with_active_content_or_a_broken_frame_are_refused(content):
    with pytest.raises(FileRefused):
        clean(content, "x.pdf")


def test_a_truncated_photo_is_refused_in_words():
    with pytest.raises(FileRefused, match="无法作为图片读取"):
        clean(jpeg()[:40], "x.jpg")


def test_the_file_is_kept_in_the_configured_store_with_its_hash(draft, store, settings):
    import hashlib
    from pathlib import Path

    assert draft.upload(APPLICATION_48, PDF, "a.pdf").status_code == 201
    listed = draft.show().json()["materials"][0]["files"][0]
    assert listed["sha256"] == hashlib.sha256(PDF).hexdigest()
    config = settings.ONLINE_STORAGE
    if store == "s3":
        import boto3

        client = boto3.client("s3", endpoint_url=config["endpoint"])
        keys = [o["Key"] for o in client.list_objects_v2(Bucket=config["bucket"])["Contents"]]
        assert len(keys) == 1 and keys[0].startswith(draft.code + "/")
        body = client.get_object(Bucket=config["bucket"], Key=keys[0])["Body"].read()
    else:
        found = list(Path(config["root"]).rglob("*.pdf"))
        assert len(found) == 1
        body = found[0].read_bytes()
    assert body == PDF
