"""Find the item for an everyday question."""

from __future__ import annotations

from shebao.runtime import Runtime
from shebao.search import Result
from shebao.search import search as _search


def search(rt: Runtime, query: str, limit: int = 10) -> list[Result]:
    return _search(query, rt.search_index(), limit=limit)
