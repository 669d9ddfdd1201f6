"""Query clean-up and Chinese segmentation shared by the index and the query side.

Both sides must cut text the same way, or a word in the guide and the same word in a question
end up as different terms; so one `Segmenter` instance serves both.
"""

from __future__ import annotations

import functools
import io
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator

# A question longer than this is cut: people do not type more, and the work per query stays small.
MAX_QUERY_CHARS = 120
# A Latin letter counts this share of a Chinese character against the cap: an English word
# says about what one Chinese character or two do, so a 25-word English question is not cut.
LATIN_SHARE = 1 / 3
# Ensures a word from the guide or the vocabulary is kept whole rather than split by jieba.
USER_WORD_MIN_FREQ = 2000
COMMON_WORD_FREQ = 50  # everyday words at least this frequent stay in the trimmed dictionary
EVERYDAY_WORD_FREQ = 50  # a word this frequent (一直, 没法) is meant as written, not a typo
_SENTINEL = "\ue000\ue001"  # private-use characters: normalize() removes them from questions

CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # what `is_cjk` accepts
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_KEEP = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normalize(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """Fold width and case, drop control characters, emoji and punctuation, cap the length
    (`limit` Chinese characters; Latin letters and spaces count LATIN_SHARE each).

    >>> normalize("  社保卡\\x00丢了！！😀 <b>ＳＢＫ</b> ")
    '社保卡 丢了 b sbk b'
    >>> len(normalize("a" * 500)), len(normalize("社" * 500))
    (360, 120)
    """
    text = unicodedata.normalize("NFKC", text[: limit * 4]).lower()
    text = " ".join(_KEEP.sub(" ", text).split())
    if len(text) <= limit:
        return text
    room = float(limit)
    for n, ch in enumerate(text):
        room -= LATIN_SHARE if ch.isascii() else 1.0
        if room < 0:
            return text[:n].strip()
    return text


def is_cjk(text: str) -> bool:
    return bool(text) and _CJK.fullmatch(text) is not None


def cjk_runs(text: str) -> list[str]:
    return _CJK.findall(text)


def bigrams(text: str) -> Iterator[str]:
    """Overlapping two-character pieces of every Chinese run: recall when words are cut oddly.

    >>> list(bigrams("社保卡 ok 挂失"))
    ['社保', '保卡', '挂失']
    """
    for run in cjk_runs(text):
        for i in range(len(run) - 1):
            yield run[i : i + 2]


@functools.lru_cache(maxsize=2)  # tests and benchmarks build the same index again
def _prefix_dictionary(corpus: str) -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary and total of its dictionary cut to what a search can use.

    Kept: every dictionary word found in the guide or the vocabulary (so their text is cut
    exactly as with the full dictionary) and the everyday words common enough to matter
    (frequency ≥ COMMON_WORD_FREQ). A sentinel word that no question can contain carries the
    frequency of the words left out, so word probabilities, and hence the cuts, stay those of
    the full dictionary; the prefix dictionary the segmenter keeps is a fifth of the full one.
    """
    import jieba  # only an index build reads jieba's dictionary

    pieces = {corpus[i : i + n] for n in range(2, 9) for i in range(len(corpus) - n + 1)}
    kept, dropped = [], 0
    with jieba.get_dict_file() as source:
        for line in source:
            word, freq = line.decode("utf-8").split(" ")[:2]
            found = len(word) == 1 or (word in pieces if len(word) <= 8 else word in corpus)
            if found or int(freq) >= COMMON_WORD_FREQ:
                kept.append(f"{word} {freq}\n")
            else:
                dropped += int(freq)
    kept.append(f"{_SENTINEL} {max(dropped, 1)}\n")
    return jieba.Tokenizer.gen_pfdict(io.BytesIO("".join(kept).encode("utf-8")))


# jieba's own cut (Tokenizer.cut with HMM=False), so that a loaded index segments questions
# without importing jieba (a third of a second): blocks of these characters are cut by the
# dictionary, anything else is split into single characters and runs of white space.
_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_ENG = re.compile(r"[a-zA-Z0-9]")


BUCKETS = 512  # a stored segmenter's dictionary, in groups read when a text needs them


class Segmenter:
    """jieba's dictionary plus the guide's own vocabulary, and jieba's cut over it.

    Only `build` uses jieba; a segmenter is then plain data (the prefix dictionary, its total
    and the stopwords), stored with the index and loaded without jieba. A loaded one reads its
    70,000 entries in groups (by the first character's code), when a text holds a character of
    the group: creating them all would take most of a `shebao search` process's time.
    """

    def __init__(
        self,
        freq: dict[str, int],
        total: int,
        stopwords: frozenset[str],
        unread: tuple[bytes | None, ...] = (),
    ) -> None:
        self._freq = freq  # jieba's prefix dictionary: word → frequency, prefixes → 0
        # groups of entries not read yet: "word freq word freq …" in UTF-8 (bytes load at once,
        # text would be decoded on loading, all of it), None once read
        self._unread = list(unread)
        self._lock = threading.Lock()
        self._log_total = math.log(total)
        self.total = total
        self.stopwords = stopwords

    @classmethod
    def build(cls, user_words: Iterable[str], stopwords: frozenset[str], corpus: str) -> Segmenter:
        """The trimmed dictionary of `corpus`, with `user_words` kept whole."""
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading to stderr
        user_words = sorted(set(user_words))
        text = "\n".join([corpus, *user_words, *sorted(stopwords)])
        tk = jieba.Tokenizer()  # a private tokenizer: the global jieba stays untouched
        freq, tk.total = _prefix_dictionary(text)
        tk.FREQ = dict(freq)  # add_word changes it
        tk.initialized = True
        for word in user_words:
            if len(word) >= 2 and is_cjk(word):
                freq = max(tk.suggest_freq(word, False), USER_WORD_MIN_FREQ)
                tk.add_word(word, freq)
        return cls(tk.FREQ, tk.total, stopwords)

    def state(self) -> tuple[dict[str, int], int, frozenset[str], tuple[bytes | None, ...]]:
        """Plain data for `Segmenter(*state)`, the dictionary in groups (its words never hold a
        space: jieba's dictionary is split on spaces, ours are Chinese)."""
        self._read_all()
        groups: list[list[str]] = [[] for _ in range(BUCKETS)]
        for word, freq in self._freq.items():
            groups[ord(word[0]) % BUCKETS].append(f"{word} {freq}")
        return {}, self.total, self.stopwords, tuple(" ".join(g).encode() for g in groups)

    def _read(self, text: str) -> None:
        """Bring the entries of every group a character of `text` belongs to into the dictionary."""
        if not self._unread:
            return
        wanted = [n for n in {ord(ch) % BUCKETS for ch in text} if self._unread[n] is not None]
        if not wanted:
            return
        with self._lock:
            for n in wanted:
                entries = self._unread[n]
                if entries is None:
                    continue  # another thread read them meanwhile
                parts = entries.decode().split(" ") if entries else []
                self._freq.update(zip(parts[::2], map(int, parts[1::2]), strict=True))
                self._unread[n] = None  # only now: a reader never sees half of a group

    def _read_all(self) -> None:
        self._read("".join(map(chr, range(BUCKETS))))

    def is_everyday_word(self, word: str) -> bool:
        """A common word of the language in jieba's dictionary (一直, 没法, 工商)."""
        self._read(word[:1])
        return self._freq.get(word, 0) >= EVERYDAY_WORD_FREQ

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """jieba's words with their positions, stopwords included."""
        self._read(text)
        out, start = [], 0
        for word in self._cut(text):
            out.append((word, start, start + len(word)))
            start += len(word)
        return out

    def _cut(self, text: str) -> Iterator[str]:
        for block in _HAN.split(text):
            if not block:
                continue
            if _HAN.match(block):
                yield from self._cut_block(block)
                continue
            for piece in _SKIP.split(block):
                if _SKIP.match(piece):
                    yield piece
                else:
                    yield from piece

    def _cut_block(self, text: str) -> Iterator[str]:
        """The likeliest cut by word frequencies; single Latin letters and digits run together."""
        freq, n = self._freq, len(text)
        ends: list[list[int]] = []  # ends[k]: last index of each dictionary word starting at k
        for k in range(n):
            found, i, frag = [], k, text[k]
            while i < n and frag in freq:
                if freq[frag]:
                    found.append(i)
                i += 1
                frag = text[k : i + 1]
            ends.append(found or [k])
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for k in range(n - 1, -1, -1):
            route[k] = max(
                (math.log(freq.get(text[k : x + 1]) or 1) - self._log_total + route[x + 1][0], x)
                for x in ends[k]
            )
        k, latin = 0, ""
        while k < n:
            end = route[k][1] + 1
            word = text[k:end]
            if len(word) == 1 and _ENG.match(word):
                latin += word
            else:
                if latin:
                    yield latin
                    latin = ""
                yield word
            k = end
        if latin:
            yield latin

    def segments(
        self, text: str, tokens: list[tuple[str, int, int]] | None = None
    ) -> list[tuple[str, list[str], int, int]]:
        """Words of `text` with their positions, each with the dictionary words inside it.

        Unlike jieba's own search mode this keeps sub-words of every length, so 养老保险 is
        found inside 城乡居民养老保险.
        """
        self._read(text)
        out: list[tuple[str, list[str], int, int]] = []
        for word, start, end in self.tokens(text) if tokens is None else tokens:
            if not word.strip() or word in self.stopwords or not word.isalnum():
                continue
            if len(word) == 1:
                continue  # a lone 以, 男 or 1 says too little; the vocabulary maps those that do
            subs = []
            if len(word) > 2 and is_cjk(word):
                for size in range(len(word) - 1, 1, -1):
                    for i in range(len(word) - size + 1):
                        sub = word[i : i + size]
                        if sub not in self.stopwords and self._freq.get(sub):
                            subs.append(sub)
            out.append((word, subs, start, end))
        return out

    def terms(self, text: str) -> list[str]:
        """Every word and sub-word of `text`, as the index counts them."""
        return [t for word, subs, _, _ in self.segments(text) for t in (word, *subs)]
