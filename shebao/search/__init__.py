"""Find the right item from an everyday question: `search("社保卡丢了")` → ranked, explained.

The index is loaded on first use and kept for the life of the process (the catalog does not
change under it): from the user's cache directory in a few milliseconds, or built (a second or
two, with jieba and pypinyin) and stored there the first time a version of the data is used
(see shebao.search.cache).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from shebao.errors import InputError
from shebao.guide import load_catalog
from shebao.search.cache import load_or_build_index
from shebao.search.index import Index, build_index
from shebao.search.ranking import explain, read_question, score
from shebao.search.vocabulary import load_vocabulary

__all__ = ["Result", "build_index", "get_index", "search"]


@dataclass(frozen=True, slots=True)
class Result:
    no: int
    name: str
    score: float
    why: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"no": self.no, "name": self.name, "score": self.score, "why": list(self.why)}


_lock = threading.Lock()
_index: Index | None = None


def get_index() -> Index:
    """The process-wide index, loaded once even when several threads ask at the same time."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                catalog = load_catalog()
                _index = load_or_build_index(catalog, load_vocabulary(city=catalog.city))
    return _index


def search(query: str, limit: int = 10, index: Index | None = None) -> list[Result]:
    """Items for a question, best first; an empty list when nothing in it is understood.

    Raises InputError for an empty question or a limit outside 1 … number of items.
    """
    if not isinstance(query, str) or not query.strip():
        raise InputError("请输入要查询的问题，例如：社保卡丢了怎么办")
    index = index or get_index()
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= index.size:
        raise InputError(f"结果条数应在 1 到 {index.size} 之间，收到 {limit}")
    reading = read_question(index, query)
    scores = score(index, reading)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [
        Result(no, index.names[no], round(value, 3), tuple(explain(index, reading, no)))
        for no, value in ranked
    ]
