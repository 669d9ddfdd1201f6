"""Pinyin: questions typed in pinyin or initials, and homophone typos (咔 for 卡, 公伤 for 工伤).

Everything is matched against a fixed set of domain words (the guide's names and materials plus
the vocabulary), precomputed once, so a query costs a few dictionary look-ups. The reading of
every Chinese character a question can hold is precomputed too: only a build imports pypinyin
(half a second and 50 MB), a table loaded with the index does not.
"""

from __future__ import annotations

import functools
import marshal
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from shebao.search.text import CJK_RANGES, is_cjk

MAX_ASCII = 40  # a longer Latin run is not read as pinyin
MIN_INITIALS = 2  # a single letter is too ambiguous to stand for a word
MAX_COST_PER_LETTER = 1.2  # above this a Latin run is mostly unreadable as pinyin
WINDOWS = (4, 3, 2)  # lengths of Chinese spans tried as a homophone of a domain word
# People abbreviate terms (sbk 社保卡), not bits of sentences (看不了, 卡丢了): words with these
# characters get no initials, so they cannot crowd out the terms' readings.
PARTICLES = frozenset("了的不吗没个着吧呢啊么")


Readings = tuple[tuple[str, ...], ...]  # per range of CJK_RANGES, by code point; "" for none


@functools.cache
def char_readings() -> Readings:
    """The toneless pinyin pypinyin gives each Chinese character `is_cjk` accepts (中 → zhong),
    as lazy_pinyin(ch) does; "" where it knows none. A few hundred distinct syllables, each
    stored once, so the table loads in a millisecond."""
    from pypinyin import lazy_pinyin

    out = []
    for first, last in CJK_RANGES:
        chars = [chr(c) for c in range(first, last + 1)]
        readings = lazy_pinyin(chars)  # a list: each character is read on its own
        out.append(
            tuple(
                sys.intern(sound) if sound != ch else ""
                for ch, sound in zip(chars, readings, strict=True)
            )
        )
    return tuple(out)


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
    """Readings of the domain words, built once with pypinyin; afterwards plain data.

    A table loaded from the index cache decodes each of its parts when first used: most
    questions only need `known_bigrams` (no typo, no pinyin).
    """

    STATE = (
        "sounds",
        "full",
        "initials",
        "spoken",
        "words",
        "fillers",
        "known_bigrams",
        "char_count",
        "by_sound",
        "_longest",
    )

    def __init__(self, words: Iterable[str], corpus: str, fillers: Iterable[str] = ()) -> None:
        from pypinyin import lazy_pinyin  # a loaded index never imports pypinyin

        self.sounds = char_readings()
        full: dict[str, set[str]] = defaultdict(set)
        initials: dict[str, set[str]] = defaultdict(set)
        spoken: dict[str, set[str]] = defaultdict(set)  # "she bao" → {社保}
        self.words: set[str] = set()
        for word in words:
            if len(word) < 2 or not is_cjk(word):
                continue
            syllables = lazy_pinyin(word)
            full["".join(syllables)].add(word)
            if not PARTICLES & set(word):
                initials["".join(s[0] for s in syllables)].add(word)
            spoken[" ".join(syllables)].add(word)
            self.words.add(word)
        # sorted tuples: the readings' order is fixed, and a tuple loads faster than a set
        self.full: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in full.items()}
        self.initials: dict[str, tuple[str, ...]] = {
            k: tuple(sorted(v)) for k, v in initials.items()
        }
        self.spoken: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in spoken.items()}
        # Stopwords typed in pinyin (zenme, shouxu) are read, so they are not skipped as noise.
        self.fillers = {"".join(lazy_pinyin(w)) for w in fillers if len(w) >= 2 and is_cjk(w)}
        self.known_bigrams = {corpus[i : i + 2] for i in range(len(corpus) - 1)}
        char_count = Counter(ch for ch in corpus if is_cjk(ch))
        self.char_count = dict(char_count)
        by_sound: dict[str, list[str]] = defaultdict(list)
        for ch, _ in char_count.most_common():
            by_sound[self.sound(ch)].append(ch)
        self.by_sound = dict(by_sound)
        self._longest = max((len(k) for k in [*self.full, *self.fillers]), default=0)

    def state(self) -> dict[str, bytes]:
        """The table for the index cache: each part as plain data, marshalled on its own."""
        return {name: marshal.dumps(getattr(self, name)) for name in self.STATE}

    @classmethod
    def from_state(cls, state: dict[str, bytes]) -> PinyinTable:
        table = cls.__new__(cls)
        table._stored = dict(state)
        return table

    def __getattr__(self, name: str) -> object:
        """A part of a loaded table, decoded on first use (called only for a missing
        attribute; two threads may both decode a part, to the same value)."""
        stored = self.__dict__.get("_stored")
        if not stored or name not in stored:
            raise AttributeError(name)
        value = marshal.loads(stored[name])
        setattr(self, name, value)
        return value

    def sound(self, ch: str) -> str:
        """The toneless pinyin of a Chinese character (the character itself when unknown)."""
        code = ord(ch)
        for (first, last), readings in zip(CJK_RANGES, self.sounds, strict=True):
            if first <= code <= last:
                return readings[code - first] or ch
        return ch

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
                    self._relax(cost, preds, i, j, 1.0, Piece(chunk, self.full[chunk]))
                elif chunk in self.initials:
                    self._relax(cost, preds, i, j, 1.6, Piece(chunk, self.initials[chunk]))
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
        particles: frozenset[str] = frozenset(),
    ) -> tuple[str, list[Correction]]:
        """Replace spans the guide never uses by a domain word that sounds the same.

        A span is only touched when it contains a pair of characters found nowhere in `corpus`
        (the guide and the vocabulary), so correctly written text is never rewritten; with
        `boundaries` (where the question's words start and end) a replaced span must start and
        end on them, so 以前欠 is not read as 以欠钱; a span that `common` says is an everyday
        word of its own (一直, 没法) is not a typo either, so it is not read as 义肢, 没发; nor is
        a span that starts or ends with one of `particles` standing alone (是想 is not 事项).
        """
        chars = list(text)
        fixes: list[Correction] = []
        i = 0
        while i < len(chars) - 1:
            pair = chars[i] + chars[i + 1]
            if not is_cjk(pair) or pair in self.known_bigrams:
                i += 1
                continue
            fixed = self._fix_span(chars, i, boundaries, common, particles) or self._fix_char(
                chars, i, common
            )
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
        particles: frozenset[str] = frozenset(),
    ):
        """A homophone of a whole domain word around the unknown pair at i, i+1."""
        for size in WINDOWS:
            for start in range(max(0, i + 2 - size), min(i, len(chars) - size) + 1):
                span = "".join(chars[start : start + size])
                if not is_cjk(span) or span in self.words:
                    continue
                end = start + size
                if boundaries is not None and not {start, end} <= boundaries:
                    continue
                if boundaries is not None and (
                    (span[0] in particles and start + 1 in boundaries)
                    or (span[-1] in particles and end - 1 in boundaries)
                ):
                    continue
                if common is not None and common(span):
                    continue
                matches = self.spoken.get(" ".join(self.sound(c) for c in span), ())
                matches = {m for m in matches if m != span}
                if len(matches) == 1:
                    right = matches.pop()
                    chars[start : start + size] = list(right)
                    return Correction(span, right), start + size
        return None

    def _fix_char(self, chars: list[str], i: int, common: Callable[[str], bool] | None = None):
        """A lone character the guide never uses, replaced by the commonest same-sounding one
        that makes a domain word with its neighbours (扶恤金 → 抚恤金), unless it forms an
        everyday word with a neighbour (深圳 stays 深圳). A replacement that only makes a pair
        seen somewhere in the guide is no correction: 大姨 is not 大医, 剩的钱 not 生的钱."""
        for k in (i, i + 1):
            ch = chars[k]
            if ch in self.char_count or not is_cjk(ch):
                continue
            pairs = ("".join(chars[k - 1 : k + 1]) if k > 0 else "", "".join(chars[k : k + 2]))
            if common is not None and any(len(p) == 2 and common(p) for p in pairs):
                continue
            for cand in self.by_sound.get(self.sound(ch), ()):
                left = chars[k - 1] + cand if k > 0 else ""
                right = cand + chars[k + 1] if k + 1 < len(chars) else ""
                if (left in self.known_bigrams or right in self.known_bigrams) and self._in_word(
                    chars, k, cand
                ):
                    chars[k] = cand
                    return Correction(ch, cand), k + 1
        return None

    def _in_word(self, chars: list[str], k: int, cand: str) -> bool:
        """Whether `cand` at position k makes a domain word with the characters around it."""
        for size in WINDOWS:
            for start in range(max(0, k + 1 - size), min(k, len(chars) - size) + 1):
                span = "".join(chars[start:k]) + cand + "".join(chars[k + 1 : start + size])
                if span in self.words:
                    return True
        return False
