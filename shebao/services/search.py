"""Find the item for an everyday question.

Answers are kept for the questions asked most (a bounded LRU on the runtime, which holds the
one index they were read from): the same few questions come again and again on a busy
morning, and an answer depends on nothing but that index.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from shebao.runtime import Runtime
from shebao.search import Answer, Result
from shebao.search import answer as _answer
from shebao.search import search as _search

T = TypeVar("T")
KEPT = 4096  # answers kept per process: a few MB at most


class _Recent:
    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[Hashable, object] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]  # type: ignore[return-value]
        value = make()  # outside the lock: a slow question never holds up the others
        with self.lock:
            self.entries[key] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value


def _recent(rt: Runtime) -> _Recent:
    recent = rt.memos.get("search")
    if recent is None:
        recent = rt.memos.setdefault("search", _Recent(KEPT))
    return recent


def search(rt: Runtime, query: str, limit: int = 10) -> list[Result]:
    """The ranked items (an item shown only as related has `related` set); [] when none answers."""
    index = rt.search_index()
    found = _recent(rt).get(("search", query, limit), lambda: tuple(_search(query, index, limit)))
    return list(found)


def answer(rt: Runtime, query: str, limit: int = 10) -> Answer:
    """The full answer: the items, what the guide does not cover and where to ask instead, and
    the item a bare item number points to."""
    index = rt.search_index()
    return _recent(rt).get(("answer", query, limit), lambda: _answer(query, index, limit=limit))
