"""Citizen page fixtures: a fresh page cache per test, and a person answering question screens."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pytest


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Pages kept for the day and the banner's findings belong to one test."""
    from shebao.web.citizen import notices
    from shebao.web.citizen.rendered import PAGES

    PAGES.clear()
    notices._cached = None
    yield
    PAGES.clear()
    notices._cached = None


def text_of(response) -> str:
    """The page's <main> as a person reads it: tags dropped, spaces folded."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main))).strip()


@dataclass
class Person:
    """Someone going through question screens: each answer posts the form they were shown."""

    client: object
    url: str
    response: object = None
    shown: list[str] = field(default_factory=list)

    def start(self) -> Person:
        self.response = self.client.get(self.url)
        self._seen()
        return self

    @property
    def text(self) -> str:
        return text_of(self.response)

    @property
    def asked(self) -> str | None:
        found = re.search(r'name="ask" value="([^"]*)"', self.response.content.decode())
        return found.group(1) if found else None

    def _field(self, name: str) -> str:
        found = re.search(rf'name="{name}" value="([^"]*)"', self.response.content.decode())
        return html.unescape(found.group(1)) if found else ""

    def post(self, action: str, answer: str = "", **extra: str) -> Person:
        body = {"state": self._field("state"), "ask": self.asked or "", "action": action}
        body |= {"answer": answer, **extra}
        self.response = self.client.post(self.url, body)
        self._seen()
        return self

    def answer(self, value: str) -> Person:
        return self.post("answer", value)

    def unknown(self) -> Person:
        return self.post("unknown")

    def back(self) -> Person:
        return self.post("back")

    def _seen(self) -> None:
        assert self.response.status_code == 200, self.response.content.decode()[:500]
        if self.asked:
            self.shown.append(self.asked)


@pytest.fixture
def person(client):
    def start(url: str) -> Person:
        return Person(client, url).start()

    return start
