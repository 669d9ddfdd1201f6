"""Find the right item from an everyday question: `search("社保卡丢了")` → ranked, explained.

`answer()` says more than the ranked items: what the question asks that the guide does not cover
(with where to ask instead), and the item a bare item number (“24”) points to. An honest empty
answer is better than a confident wrong item: results are given only when the question was
understood (a word of the guide or of the vocabulary found in an item, scoring at least
MIN_SCORE).

The runtime loads the index on first use and keeps it for the life of the process: from the
user's cache directory in a few milliseconds, or built (a second or two) and stored there the
first time a version of the data is used (see shebao.search.cache).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shebao.errors import InputError
from shebao.search.index import Index, build_index
from shebao.search.journeys import events_for
from shebao.search.outside import HOTLINE, HOTLINE_NAME, OutsideTopic, occurrences
from shebao.search.ranking import Reading, explain, read_question, score
from shebao.search.text import LATIN_SHARE, normalize

__all__ = ["Answer", "Index", "Notice", "Result", "answer", "build_index", "search"]

MIN_SCORE = 1.0  # below this the question was not understood: say so rather than guess
RELATED_SCORE = 8.0  # with a topic outside the guide, items the rest of the question clearly names
RELATED_LIMIT = 3
# a question asking only for the halls is short; a longer one (a story, a need, then 在哪办)
# asks where to do an item, and is not read a second time to find out
HALLS_QUESTION_CHARS = 24
_NUMBER = re.compile(r"(?:第|事项|编号|item|no|#)?\s*0*(\d{1,3})\s*(?:项|号|号事项|项事项)?")


@dataclass(frozen=True, slots=True)
class Result:
    no: int
    name: str
    score: float
    why: tuple[str, ...]
    related: bool = False  # shown as related to the question, not as its answer


@dataclass(frozen=True, slots=True)
class Notice:
    """What the guide does not cover and where to ask instead."""

    topic: str | None  # None: nothing in the question was understood
    where: str | None  # the office that handles it, named by `source`
    source: str | None
    hotline: str = HOTLINE
    hotline_name: str = HOTLINE_NAME
    halls: bool = False  # the question asks where the halls are or their phones


@dataclass(frozen=True, slots=True)
class Answer:
    query: str
    results: list[Result]
    notices: tuple[Notice, ...] = ()
    pointer: int | None = None  # the item a bare item number names
    events: tuple[str, ...] = ()  # keys of the life events (一件事) the question is about

    @property
    def notice(self) -> Notice | None:
        return self.notices[0] if self.notices else None


def search(query: str, index: Index, limit: int = 10) -> list[Result]:
    """Items for a question, best first; an empty list when nothing in it is understood.

    Raises InputError for an empty question or a limit outside 1 … number of items.
    """
    return answer(query, index, limit).results


def answer(query: str, index: Index, limit: int = 10) -> Answer:
    """The items for a question, with notices for what the guide does not cover."""
    if not isinstance(query, str) or not query.strip():
        raise InputError("请输入要查询的问题，例如：社保卡丢了怎么办")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= index.size:
        raise InputError(f"结果条数应在 1 到 {index.size} 之间，收到 {limit}")
    number = item_number(query)
    if number is not None:
        return _pointer(query, index, number)
    reading = read_question(index, query)
    ranked = _ranked(index, reading)
    if not ranked and reading.denied:
        # what is denied is who or when, not the thing (不是给我爸办退休，是给我自己办)
        reading = read_question(index, query, denials=False)
        ranked = _ranked(index, reading)
    results = [_result(index, reading, no, value) for no, value in ranked[:limit]]
    vocabulary = index.vocabulary
    events = events_for(vocabulary.events, vocabulary.journey, reading.text, reading.said)
    if reading.outside:
        return Answer(
            query,
            _related(index, reading, reading.outside, ranked, limit),
            _notices(reading.outside),
            events=events,
        )
    told = _notices(reading.told)  # said in passing: the answer stands, with the notice
    if _asks_for_halls(index, query, reading.text):
        return Answer(query, [], (*told, Notice(None, None, None, halls=True)), events=events)
    if not results:
        return Answer(query, [], (*told, Notice(None, None, None)), events=events)
    return Answer(query, results, told, events=events)


def _ranked(index: Index, reading: Reading) -> list[tuple[int, float]]:
    """Items best first; none when the question was not understood."""
    ranked = sorted(score(index, reading).items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_SCORE or not _understood(index, reading, ranked[0][0]):
        return []
    return ranked


def _asks_for_halls(index: Index, query: str, text: str) -> bool:
    """The question asks where the service is or its phone (社保中心电话, where is the office) and
    nothing else: with those words taken out, no item is understood (单位电话变了 is item 3).
    `text` is the question as read (normalised): a long one is not looked at further."""
    latin = len(text.encode("ascii", "ignore"))
    if len(text) - latin * (1 - LATIN_SHARE) > HALLS_QUESTION_CHARS:
        return False
    words = index.vocabulary.contact
    text = normalize(query)
    if not any(word in text for word in words):
        return False
    spans = occurrences(text, words)
    if not spans:
        return False
    chars = list(text)
    for a, b in spans:
        chars[max(a, 0) : b] = " " * (b - max(a, 0))
    rest = "".join(chars)
    return not rest.strip() or not _ranked(index, read_question(index, rest))


def item_number(query: str) -> int | None:
    """The item number when the question is nothing but one (“24”, “第24项”, “#24”).

    >>> item_number("24"), item_number("第 7 项"), item_number("２４"), item_number("24岁")
    (24, 7, 24, None)
    """
    match = _NUMBER.fullmatch(normalize(query))
    return int(match.group(1)) if match else None


def _pointer(query: str, index: Index, number: int) -> Answer:
    if number not in index.names:
        return Answer(query, [], (Notice(None, None, None),), pointer=None)
    why = (f"事项编号 {number}",)
    return Answer(query, [Result(number, index.names[number], 1.0, why)], pointer=number)


def _understood(index: Index, reading: Reading, best: int) -> bool:
    """The best item holds a whole word of the question or of its readings, not only pieces."""
    return any(best in index.words.get(term, {}) for term in reading.words)


def _result(index: Index, reading: Reading, no: int, value: float, related: bool = False):
    return Result(no, index.names[no], round(value, 3), tuple(explain(index, reading, no)), related)


def _related(
    index: Index,
    reading: Reading,
    topics: list[OutsideTopic],
    ranked: list[tuple[int, float]],
    limit: int,
) -> list[Result]:
    """Items genuinely related to a question about something the guide does not cover: those
    the topic names, then those the rest of the question points to clearly; none as the answer."""
    listed = [no for topic in topics for no in topic.related if no in index.names]
    close = [no for no, value in ranked if value >= RELATED_SCORE]
    out: list[Result] = []
    for no in dict.fromkeys([*listed, *close[:RELATED_LIMIT]]):
        value = next((v for n, v in ranked if n == no), 0.0)
        out.append(_result(index, reading, no, value, related=True))
    return out[:limit]


def _notices(topics: list[OutsideTopic]) -> tuple[Notice, ...]:
    return tuple(Notice(t.topic, t.where, t.source) for t in topics)
