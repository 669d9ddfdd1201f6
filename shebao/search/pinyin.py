"""Pinyin: questions typed in pinyin or initials, and homophone typos (咔 for 卡, 公伤 for 工伤).

Everything is matched against a fixed set of domain words (the guide's names and materials plus
the vocabulary), precomputed once, so a query costs a few dictionary look-ups.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

from shebao.search.text import is_cjk

MAX_ASCII = 40  # a longer Latin run is not read as pinyin
MIN_INITIALS = 2  # a single letter is too ambiguous to stand for a word
MAX_COST_PER_LETTER = 1.2  # above this a Latin run is mostly unreadable as pinyin
WINDOWS = (4, 3, 2)  # lengths of Chinese spans tried as a homophone of a domain word
# People abbreviate terms (sbk 社保卡), not bits of sentences (看不了, 卡丢了): words with these
# characters get no initials, so they cannot crowd out the terms' readings.
PARTICLES = frozenset("了的不吗没个着吧呢啊么")


@lru_cache(maxsize=8192)
def char_pinyin(ch: str) -> str:
    return lazy_pinyin(ch)[0]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a Latin query (`text`) read as pinyin of the domain `words`."""

    text: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Correction:
    wrong: str
    right: str


class PinyinTable:
    def __init__(self, words: Iterable[str], corpus: str, fillers: Iterable[str] = ()) -> None:
        self.full: dict[str, set[str]] = defaultdict(set)
        self.initials: dict[str, set[str]] = defaultdict(set)
        self.spoken: dict[str, set[str]] = defaultdict(set)  # "she bao" → {社保}
        self.words: set[str] = set()
        for word in words:
            if len(word) < 2 or not is_cjk(word):
                continue
            syllables = lazy_pinyin(word)
            self.full["".join(syllables)].add(word)
            if not PARTICLES & set(word):
                self.initials["".join(s[0] for s in syllables)].add(word)
            self.spoken[" ".join(syllables)].add(word)
            self.words.add(word)
        # Stopwords typed in pinyin (zenme, shouxu) are read, so they are not skipped as noise.
        self.fillers = {"".join(lazy_pinyin(w)) for w in fillers if len(w) >= 2 and is_cjk(w)}
        self.known_bigrams = {corpus[i : i + 2] for i in range(len(corpus) - 1)}
        self.char_count = Counter(ch for ch in corpus if is_cjk(ch))
        by_sound: dict[str, list[str]] = defaultdict(list)
        for ch, _ in self.char_count.most_common():
            by_sound[char_pinyin(ch)].append(ch)
        self.by_sound = dict(by_sound)
        self._longest = max((len(k) for k in [*self.full, *self.fillers]), default=0)

    def read_latin(self, text: str, max_readings: int = 6) -> list[Piece]:
        """Read a Latin run as the fewest pieces that are full pinyin or initials of words.

        Letters that fit no word are skipped; full pinyin is preferred to initials. When several
        readings are equally good (sbk+gs, sb+kgs) their pieces are all kept: the items that
        contain the words together then win.
        """
        if len(text) > MAX_ASCII:
            return []  # nobody types this much pinyin: it is something else
        n = len(text)
        cost = [0.0] + [math.inf] * n
        preds: list[list[tuple[int, Piece | None]]] = [[] for _ in range(n + 1)]
        for i in range(n):
            if cost[i] == math.inf:
                continue
            self._relax(cost, preds, i, i + 1, 3.0, None)  # skip one letter
            for j in range(i + MIN_INITIALS, min(n, i + self._longest) + 1):
                chunk = text[i:j]
                if chunk in self.fillers and chunk not in self.full:
                    self._relax(cost, preds, i, j, 1.0, Piece(chunk, ()))
                elif chunk in self.full:
                    self._relax(
                        cost, preds, i, j, 1.0, Piece(chunk, tuple(sorted(self.full[chunk])))
                    )
                elif chunk in self.initials:
                    words = tuple(sorted(self.initials[chunk]))
                    self._relax(cost, preds, i, j, 1.6, Piece(chunk, words))
        if cost[n] > MAX_COST_PER_LETTER * n:
            return []  # mostly letters that fit no word: English, code, noise
        pieces: dict[str, Piece] = {}
        stack, seen = [n], {n}
        while stack:  # every position on some best reading, each visited once
            for i, piece in preds[stack.pop()][:max_readings]:
                if piece and piece.words:
                    pieces.setdefault(piece.text, piece)
                if i not in seen:
                    seen.add(i)
                    stack.append(i)
        return list(pieces.values())

    @staticmethod
    def _relax(cost: list[float], preds: list, i: int, j: int, step: float, piece) -> None:
        new = cost[i] + step
        if new < cost[j] - 1e-9:
            cost[j] = new
            preds[j] = [(i, piece)]
        elif abs(new - cost[j]) <= 1e-9:
            preds[j].append((i, piece))

    def correct(
        self,
        text: str,
        boundaries: frozenset[int] | None = None,
        common: Callable[[str], bool] | None = None,
    ) -> tuple[str, list[Correction]]:
        """Replace spans the guide never uses by a domain word that sounds the same.

        A span is only touched when it contains a pair of characters found nowhere in `corpus`
        (the guide and the vocabulary), so correctly written text is never rewritten; with
        `boundaries` (where the question's words start and end) a replaced span must start and
        end on them, so 以前欠 is not read as 以欠钱; a span that `common` says is an everyday
        word of its own (一直, 没法) is not a typo either, so it is not read as 义肢, 没发.
        """
        chars = list(text)
        fixes: list[Correction] = []
        i = 0
        while i < len(chars) - 1:
            pair = chars[i] + chars[i + 1]
            if not is_cjk(pair) or pair in self.known_bigrams:
                i += 1
                continue
            fixed = self._fix_span(chars, i, boundaries, common) or self._fix_char(chars, i, common)
            if fixed:
                fixes.append(fixed[0])
                i = fixed[1]
            else:
                i += 1
        return "".join(chars), fixes

    def _fix_span(
        self,
        chars: list[str],
        i: int,
        boundaries: frozenset[int] | None,
        common: Callable[[str], bool] | None = None,
    ):
        """A homophone of a whole domain word around the unknown pair at i, i+1."""
        for size in WINDOWS:
            for start in range(max(0, i + 2 - size), min(i, len(chars) - size) + 1):
                span = "".join(chars[start : start + size])
                if not is_cjk(span) or span in self.words:
                    continue
                if boundaries is not None and not {start, start + size} <= boundaries:
                    continue
                if common is not None and common(span):
                    continue
                matches = self.spoken.get(" ".join(char_pinyin(c) for c in span), set())
                matches = {m for m in matches if m != span}
                if len(matches) == 1:
                    right = matches.pop()
                    chars[start : start + size] = list(right)
                    return Correction(span, right), start + size
        return None

    def _fix_char(self, chars: list[str], i: int, common: Callable[[str], bool] | None = None):
        """A lone character the guide never uses, replaced by the commonest same-sounding one
        that forms a known pair with its neighbour, unless it forms an everyday word with a
        neighbour (深圳 stays 深圳)."""
        for k in (i, i + 1):
            ch = chars[k]
            if ch in self.char_count or not is_cjk(ch):
                continue
            pairs = ("".join(chars[k - 1 : k + 1]) if k > 0 else "", "".join(chars[k : k + 2]))
            if common is not None and any(len(p) == 2 and common(p) for p in pairs):
                continue
            for cand in self.by_sound.get(char_pinyin(ch), ()):
                left = chars[k - 1] + cand if k > 0 else ""
                right = cand + chars[k + 1] if k + 1 < len(chars) else ""
                if left in self.known_bigrams or right in self.known_bigrams:
                    chars[k] = cand
                    return Correction(ch, cand), k + 1
        return None
