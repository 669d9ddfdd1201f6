"""Online application fixtures: a frozen clock, files built here, an applicant's API client."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from PIL import Image

from shebao.runtime import BEIJING
from tests.core.cases.factories import resident_id

# A Wednesday before 国庆 (1–7 Oct 2026), 10:00 in Beijing.
NOW = dt.datetime(2026, 9, 30, 10, 0, tzinfo=BEIJING)
ID = resident_id()  # 210202197001011233
APPLICATION_48 = "大连市劳动能力鉴定申请书"
RECORDS_48 = "病历资料"
DIAGNOSIS_48 = "与伤病有关的医学诊断"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's standalone S3 server on loopback, spoken to over HTTP (no client is patched)."""
    import os
    import socket

    from moto.server import ThreadedMotoServer

    for name, value in (
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ):
        os.environ.setdefault(name, value)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(autouse=True, params=["local", "s3"])
def store(request, settings, tmp_path) -> str:
    """Every online test runs on the data directory and on an S3-compatible store."""
    if request.param == "local":
        settings.ONLINE_STORAGE = {"backend": "local", "root": str(tmp_path / "uploads")}
        return "local"
    import boto3

    endpoint = request.getfixturevalue("s3_endpoint")
    bucket = f"shebao-{tmp_path.name.lower().replace('_', '-')[-40:]}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=bucket)
    settings.ONLINE_STORAGE = {"backend": "s3", "bucket": bucket, "endpoint": endpoint}
    return "s3"


def person(**changes: Any) -> dict[str, Any]:
    return {"kind": "person", "id_number": ID, "name": "王小明", "phone": "13804112233"} | changes


def jpeg(gps: bool = False, size: tuple[int, int] = (64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (38.0, 55.0, 0.0), 3: "E", 4: (121.0, 36.0, 0.0)}
        exif[0x010F] = "PhoneMaker"
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 20, 30)).save(out, "PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class Applicant:
    """A citizen's API client: the code and the last 6 of the ID travel with every call."""

    def __init__(self, client: Client | None = None) -> None:
        self.client = client or Client()
        self.code = ""
        self.last6 = ID[-6:]

    def start(self, item: int = 48, facts: dict | None = None, **who: Any) -> dict[str, Any]:
        body = {"item": item, "applicant": person(**who), "facts": facts or {}}
        response = self.client.post("/api/applications", body, content_type="application/json")
        assert response.status_code == 201, response.content.decode()
        shown = response.json()
        self.code = shown["code"]
        return shown

    def start_verified(self, item: int = 48, facts: dict | None = None, **who: Any) -> dict:
        shown = self.start(item, facts, **who)
        response = self.post("verify", {"code": shown["verification_code"]})
        assert response.status_code == 200, response.content.decode()
        return response.json()

    def post(self, what: str, body: dict[str, Any]):
        return self.client.post(
            f"/api/applications/{self.code}/{what}",
            {"id_last6": self.last6} | body,
            content_type="application/json",
        )

    def upload(self, material: str, content: bytes, name: str = "scan.jpg"):
        return self.client.post(
            f"/api/applications/{self.code}/files",
            {"id_last6": self.last6, "material": material, "file": _named(content, name)},
        )

    def show(self, last6: str | None = None):
        return self.client.get(f"/api/applications/{self.code}", {"id_last6": last6 or self.last6})

    def submit(self, commitment: str | None = None):
        return self.post("submit", {"commitment": commitment} if commitment else {})


def _named(content: bytes, name: str) -> io.BytesIO:
    f = io.BytesIO(content)
    f.name = name
    return f


@pytest.fixture
def applicant() -> Applicant:
    return Applicant()


class Api:
    """A staff member's API client (bearer token)."""

    def __init__(self, token: str) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def get(self, path: str, **query: Any):
        return self.client.get(path, query)

    def post(self, path: str, body: Any = None):
        return self.client.post(path, body or {}, content_type="application/json")

    def review_all(self, code: str, reject: dict[str, str] | None = None):
        """Accept every current file, or send back those named in `reject` with the reason."""
        reject = reject or {}
        shown = self.get(f"/api/review/applications/{code}").json()
        for material in shown["materials"]:
            for f in material["files"]:
                reason = reject.get(material["name"], "")
                body = {"accept": not reason, "reason": reason}
                answer = self.post(f"/api/review/applications/{code}/files/{f['id']}", body)
                assert answer.status_code == 200, answer.content.decode()
        return self.post(f"/api/review/applications/{code}/decide")


@pytest.fixture
def reviewer(make_staff):
    """dora, a reviewer at point-3 (the 劳动能力鉴定窗口, where item 48 is reviewed)."""
    from shebao.web.accounts.services import issue_token

    make_staff("dora", "reviewer", "point-3")
    return Api(issue_token("dora"))


@pytest.fixture
def other_reviewer(make_staff):
    """erin, a reviewer at hall-3: not the point that reviews item 48."""
    from shebao.web.accounts.services import issue_token

    make_staff("erin", "reviewer", "hall-3")
    return Api(issue_token("erin"))
