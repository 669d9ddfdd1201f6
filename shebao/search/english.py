"""English questions: the English vocabulary (vocabulary_en.yaml) and reading a question with it.

English words are compared by a light stem (cards → card, retired/retire/retiring → retir), the
same on both sides, so the vocabulary lists one form of each word. Words the vocabulary does not
know and that are not English function words are left for the pinyin reader (“shebao card”).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shebao.datafiles import check_keys
from shebao.errors import DataError
from shebao.search.text import normalize

TOP_KEYS = ({"synonyms"}, {"stopwords"})
THEME_KEYS = ({"theme", "entries"}, set())
ENTRY_KEYS = ({"words", "means"}, {"weight"})
DEFAULT_WEIGHT = 0.8
_RUN = re.compile(r"[0-9a-z]+(?: [0-9a-z]+)*")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


def stem(word: str) -> str:
    """A light stem, enough to match the forms people type.

    >>> [stem(w) for w in ("cards", "injuries", "retired", "retire", "retiring", "stopped")]
    ['card', 'injury', 'retir', 'retir', 'retir', 'stop']
    """
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return _DOUBLED.sub(r"\1", word) if len(word) > 3 else word


def stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in normalize(phrase).split())


@dataclass(frozen=True, slots=True)
class EnglishEntry:
    """An English `phrase` standing for the guide's `means` terms, trusted to `weight`."""

    phrase: str
    means: tuple[str, ...]
    weight: float
    theme: str


@dataclass(frozen=True, slots=True)
class English:
    phrases: dict[tuple[str, ...], EnglishEntry] = field(default_factory=dict)  # by stems
    stopwords: frozenset[str] = frozenset()  # stems
    longest: int = 0

    def terms(self) -> set[str]:
        return {mean for entry in self.phrases.values() for mean in entry.means}


@dataclass
class EnglishReading:
    entries: list[tuple[int, EnglishEntry]]  # position in the text, entry
    leftovers: list[tuple[int, str]]  # runs of unknown words, for the pinyin reader
    english: bool  # the text has English in it (a phrase or a function word)


def read_english(english: English, text: str) -> EnglishReading:
    """The vocabulary's phrases in the Latin runs of a normalised text, longest first."""
    out = EnglishReading([], [], False)
    for match in _RUN.finditer(text):
        run = match.group()
        if not any(c.isalpha() for c in run):
            continue
        words = run.split()
        keys = [stem(w) for w in words]
        offsets, pos = [], match.start()
        for word in words:
            offsets.append(pos)
            pos += len(word) + 1
        pending: list[str] = []
        start = 0
        i = 0
        while i < len(words):
            size = next(
                (
                    n
                    for n in range(min(english.longest, len(words) - i), 0, -1)
                    if tuple(keys[i : i + n]) in english.phrases
                ),
                0,
            )
            known = size or keys[i] in english.stopwords
            if known and pending:
                out.leftovers.append((start, " ".join(pending)))
                pending = []
            if size:
                out.entries.append((offsets[i], english.phrases[tuple(keys[i : i + size])]))
                out.english = True
                i += size
            elif keys[i] in english.stopwords:
                out.english = True
                i += 1
            else:
                if not pending:
                    start = offsets[i]
                pending.append(words[i])
                i += 1
        if pending:
            out.leftovers.append((start, " ".join(pending)))
    return out


def _factor(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise DataError(f"{where}：应为 0 到 1 之间的数，收到 {value!r}")
    return float(value)


def _phrases(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise DataError(f"{where}：应为非空的词语列表")
    out = []
    for word in value:
        if not isinstance(word, str | int) or not normalize(str(word)):
            raise DataError(f"{where}：词语应为非空文字，收到 {word!r}")
        out.append(str(word).strip())
    return out


def parse_english(data: Any) -> English:
    """The English vocabulary from the YAML's structure; every error names where it is."""
    if data is None:
        return English()
    data = check_keys(data, *TOP_KEYS, where="vocabulary_en.yaml")
    stopwords = {
        s for word in _phrases(data.get("stopwords") or ["the"], "stopwords") for s in stems(word)
    }
    if not isinstance(data["synonyms"], list):
        raise DataError("synonyms：应为主题列表")
    phrases: dict[tuple[str, ...], EnglishEntry] = {}
    for raw_theme in data["synonyms"]:
        theme = check_keys(raw_theme, *THEME_KEYS, where="synonyms 的主题")
        name = str(theme["theme"])
        if not isinstance(theme["entries"], list):
            raise DataError(f"主题“{name}”：entries 应为列表")
        for n, raw in enumerate(theme["entries"], 1):
            where = f"主题“{name}”第 {n} 条"
            entry = check_keys(raw, *ENTRY_KEYS, where=where)
            means = tuple(m.lower() for m in _phrases(entry["means"], f"{where} means"))
            weight = _factor(entry.get("weight", DEFAULT_WEIGHT), f"{where} weight")
            for phrase in _phrases(entry["words"], f"{where} words"):
                key = stems(phrase)
                if key in phrases:
                    raise DataError(
                        f"{where}：“{phrase}”重复（已见于主题“{phrases[key].theme}”的"
                        f"“{phrases[key].phrase}”）"
                    )
                phrases[key] = EnglishEntry(
                    " ".join(normalize(phrase).split()), means, weight, name
                )
    return English(phrases, frozenset(stopwords), max((len(k) for k in phrases), default=0))
