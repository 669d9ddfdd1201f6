"""Questions the guide does not cover (outside_guide.yaml): what they are about and where to ask.

A topic is found by its words (Chinese as written, English as whole words) unless the question
also says something that puts it back inside the guide (“工伤” for a hospital bill). Its words are
then taken out of the question before it is read, so 公积金 is never “corrected” to 基金.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shebao.datafiles import check_keys
from shebao.errors import DataError
from shebao.search.text import normalize

HOTLINE = "12333"  # the national human resources and social security hotline
HOTLINE_NAME = "人力资源社会保障咨询服务电话"
TOPIC_KEYS = ({"topic", "words"}, {"unless", "where", "source", "related"})


@dataclass(frozen=True, slots=True)
class OutsideTopic:
    topic: str  # what the guide does not cover, as a person would name it
    words: tuple[str, ...]  # normalised
    unless: tuple[str, ...] = ()  # normalised words that put the question back inside the guide
    where: str | None = None  # the office that handles it, where `source` names it
    source: str | None = None  # the regulation or document that names that office
    related: tuple[int, ...] = ()  # guide items genuinely related (shown marked as related)

    def found_in(self, text: str, asserted: str | None = None) -> list[tuple[int, int]]:
        """Where the topic's words are in a normalised text; none when an `unless` word is in
        `asserted` (the text without what it denies: 不是工伤 does not make it 工伤), unless
        that word is only part of a longer word of the topic (医保卡 in 医保卡余额)."""
        if not any(word in text for word in self.words):  # the usual case, and a cheap test
            return []
        spans = occurrences(text, self.words)
        if self.unless:
            padded = f" {text if asserted is None else asserted} "
            for start, end in occurrences(padded[1:-1], self.unless):
                if not any(a <= start and end <= b and b - a > end - start for a, b in spans):
                    return []
        return spans


def occurrences(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each word is in `text` (Latin words whole)."""
    padded = f" {text} "
    spans = []
    for word in words:
        start = padded.find(_pad(word))
        while start >= 0:
            begin = start if word.isascii() else start - 1  # in `text`, not `padded`
            spans.append((begin, begin + len(word)))
            start = padded.find(_pad(word), start + 1)
    return spans


def _pad(word: str) -> str:
    return f" {word} " if word.isascii() else word


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise DataError(f"{where}：应为非空的词语列表")
    out = []
    for word in value:
        text = normalize(str(word)) if isinstance(word, str) else ""
        if not text:
            raise DataError(f"{where}：词语应为非空文字，收到 {word!r}")
        out.append(text)
    return tuple(sorted(set(out), key=lambda w: (-len(w), w)))


def _text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}：应为非空文字，收到 {value!r}")
    return value.strip()


def parse_outside(data: Any) -> tuple[OutsideTopic, ...]:
    """The topics from the YAML's structure (a list); every error names where it is."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise DataError("outside_guide.yaml：应为主题列表")
    out = []
    for n, raw in enumerate(data, 1):
        where = f"第 {n} 个主题"
        entry = check_keys(raw, *TOPIC_KEYS, where=where)
        related = entry.get("related") or []
        if not isinstance(related, list) or not all(
            isinstance(no, int) and not isinstance(no, bool) for no in related
        ):
            raise DataError(f"{where} related：应为事项编号的列表，收到 {related!r}")
        where_to = _text(entry.get("where"), f"{where} where")
        source = _text(entry.get("source"), f"{where} source")
        if bool(where_to) != bool(source):
            raise DataError(f"{where}：where 和 source 要一起写（办理机构须有出处）")
        out.append(
            OutsideTopic(
                topic=str(entry["topic"]),
                words=_words(entry["words"], f"{where} words"),
                unless=_words(entry["unless"], f"{where} unless") if entry.get("unless") else (),
                where=where_to,
                source=source,
                related=tuple(related),
            )
        )
    return tuple(out)
