"""Pages rendered once: what depends only on the guide, the calendar and today's Beijing date.

An item page reads nothing but the guide bundle (its version), the working-day calendar (due
dates if applied today; a year file loaded by `shebao holidays load` gives a new calendar
object) and today's date in Beijing. So its HTML is kept in the process under that generation
and rendered again only when one of the three changes: the next day, a new guide, a new year's
holidays. Each server worker keeps its own copy; the pages are a few dozen kilobytes each.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from shebao.runtime import Runtime

T = TypeVar("T")


class DailyPages:
    """Rendered pages of one generation (guide version, Beijing date, calendar object)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple[tuple[str, Any, Any], dict[Hashable, Any]] | None = None

    def get(self, rt: Runtime, key: Hashable, render: Callable[[], T]) -> T:
        """The page under `key`, rendered by `render()` the first time in this generation."""
        pages = self._pages(rt)  # a page rendered as the day turns goes to the old day's
        page = pages.get(key)
        if page is None:
            page = pages[key] = render()  # two threads may both render it once: harmless
        return page

    def peek(self, rt: Runtime, key: Hashable) -> Any:
        """The page under `key` in this generation, or None."""
        return self._pages(rt).get(key)

    def _pages(self, rt: Runtime) -> dict[Hashable, Any]:
        generation = (rt.guide.version, rt.today(), rt.calendar)
        state = self._state
        if state is None or not _same(state[0], generation):
            with self._lock:
                state = self._state
                if state is None or not _same(state[0], generation):
                    state = self._state = (generation, {})
        return state[1]

    def clear(self) -> None:
        with self._lock:
            self._state = None


def _same(a: tuple[str, Any, Any], b: tuple[str, Any, Any]) -> bool:
    return a[0] == b[0] and a[1] == b[1] and a[2] is b[2]


PAGES = DailyPages()
