"""`shebao serve`, as the README's first command runs it, answers with the home page at `/`
and serves the stylesheet it links to."""

from __future__ import annotations

import re
import urllib.request
from email.message import Message

from tests.web.processes import serving


def fetch(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case, as HTTP has them) and body."""
    with urllib.request.urlopen(url, timeout=15) as response:
        return response.status, response.headers, response.read()


def test_the_served_site_has_its_home_page_and_stylesheet(tmp_path):
    with serving("--workers", "1", "--data-dir", str(tmp_path / "data")) as server:
        url = server.wait_until_ready()
        status, headers, body = fetch(url)
        page = body.decode("utf-8")
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert "<h1>社保业务怎么办</h1>" in page
        css = re.search(r'<link rel="stylesheet" href="(/static/shebao/site\.css\?v=\w+)">', page)
        assert css, "the page links the site's stylesheet"
        status, headers, body = fetch(url.rstrip("/") + css.group(1))
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert b"@media print" in body
        status, _, body = fetch(url + "items/62")
        assert status == 200 and "社会保障卡挂失与解挂".encode() in body
