"""Find the item for an everyday question."""

from __future__ import annotations

from shebao.runtime import Runtime
from shebao.search import Answer, Result
from shebao.search import answer as _answer
from shebao.search import search as _search


def search(rt: Runtime, query: str, limit: int = 10) -> list[Result]:
    """The ranked items (an item shown only as related has `related` set); [] when none answers."""
    return _search(query, rt.search_index(), limit=limit)


def answer(rt: Runtime, query: str, limit: int = 10) -> Answer:
    """The full answer: the items, what the guide does not cover and where to ask instead, and
    the item a bare item number points to."""
    return _answer(query, rt.search_index(), limit=limit)
