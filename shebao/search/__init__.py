"""Find the right item from an everyday question: `search("社保卡丢了")` → ranked, explained.

The runtime loads the index on first use and keeps it for the life of the process: from the
user's cache directory in a few milliseconds, or built (a second or two) and stored there the
first time a version of the data is used (see shebao.search.cache).
"""

from __future__ import annotations

from dataclasses import dataclass

from shebao.errors import InputError
from shebao.search.index import Index, build_index
from shebao.search.ranking import explain, read_question, score

__all__ = ["Index", "Result", "build_index", "search"]


@dataclass(frozen=True, slots=True)
class Result:
    no: int
    name: str
    score: float
    why: tuple[str, ...]


def search(query: str, index: Index, limit: int = 10) -> list[Result]:
    """Items for a question, best first; an empty list when nothing in it is understood.

    Raises InputError for an empty question or a limit outside 1 … number of items.
    """
    if not isinstance(query, str) or not query.strip():
        raise InputError("请输入要查询的问题，例如：社保卡丢了怎么办")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= index.size:
        raise InputError(f"结果条数应在 1 到 {index.size} 之间，收到 {limit}")
    reading = read_question(index, query)
    scores = score(index, reading)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [
        Result(no, index.names[no], round(value, 3), tuple(explain(index, reading, no)))
        for no, value in ranked
    ]
