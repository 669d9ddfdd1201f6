"""Query clean-up and Chinese segmentation shared by the index and the query side.

Both sides must cut text the same way, or a word in the guide and the same word in a question
end up as different terms; so one `Segmenter` instance serves both.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import jieba

# A question longer than this is cut: people do not type more, and the work per query stays small.
MAX_QUERY_CHARS = 120
# Ensures a word from the guide or the vocabulary is kept whole rather than split by jieba.
USER_WORD_MIN_FREQ = 2000
COMMON_WORD_FREQ = 50  # everyday words at least this frequent stay in the trimmed dictionary
EVERYDAY_WORD_FREQ = 500  # a word this frequent (一直, 没法) is meant as written, not a typo
_SENTINEL = "\ue000\ue001"  # private-use characters: normalize() removes them from questions

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_KEEP = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normalize(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """Fold width and case, drop control characters, emoji and punctuation, cap the length.

    >>> normalize("  社保卡\\x00丢了！！😀 <b>ＳＢＫ</b> ")
    '社保卡 丢了 b sbk b'
    """
    text = unicodedata.normalize("NFKC", text[: limit * 4]).lower()
    text = _KEEP.sub(" ", text)
    return " ".join(text.split())[:limit].strip()


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


def cache_dir() -> Path:
    """A per-user directory under the system temp directory: generated files, never committed."""
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    return Path(tempfile.gettempdir()) / f"shebao-{user}"


def _trimmed_dictionary(corpus: str) -> Path | None:
    """jieba's dictionary cut to what a search can use, written once to the temp directory.

    Loading jieba's 350,000 words is most of the time a `shebao search` takes. Kept: every
    dictionary word found in the guide or the vocabulary (so their text is cut exactly as with
    the full dictionary) and the everyday words common enough to matter (frequency ≥
    COMMON_WORD_FREQ). A sentinel word that no question can contain carries the frequency of
    the words left out, so word probabilities, and hence the cuts, stay those of the full
    dictionary. Returns None when the temp directory cannot be written: the full one is used.
    """
    key = hashlib.sha256(f"{jieba.__version__}|{COMMON_WORD_FREQ}|{corpus}".encode()).hexdigest()[
        :16
    ]
    path = cache_dir() / f"jieba-{key}.txt"
    if path.is_file():
        return path
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
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(kept)
        os.replace(tmp, path)
    except OSError:
        return None
    return path


class Segmenter:
    """jieba plus the guide's own vocabulary, in a private tokenizer (global jieba untouched)."""

    def __init__(self, user_words: Iterable[str], stopwords: frozenset[str], corpus: str) -> None:
        jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading to stderr
        user_words = sorted(set(user_words))
        dictionary = _trimmed_dictionary("\n".join([corpus, *user_words, *sorted(stopwords)]))
        self._tk = jieba.Tokenizer(str(dictionary)) if dictionary else jieba.Tokenizer()
        if dictionary:
            self._tk.tmp_dir = str(dictionary.parent)  # where jieba keeps its own cache
        self._tk.initialize()
        self.stopwords = stopwords
        for word in user_words:
            if len(word) >= 2 and is_cjk(word):
                freq = max(self._tk.suggest_freq(word, False), USER_WORD_MIN_FREQ)
                self._tk.add_word(word, freq)
        self._freq = self._tk.FREQ

    def is_everyday_word(self, word: str) -> bool:
        """A common word of the language in jieba's dictionary (一直, 没法, 工商)."""
        return self._freq.get(word, 0) >= EVERYDAY_WORD_FREQ

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """jieba's words with their positions, stopwords included."""
        return list(self._tk.tokenize(text, HMM=False))

    def segments(
        self, text: str, tokens: list[tuple[str, int, int]] | None = None
    ) -> list[tuple[str, list[str], int, int]]:
        """Words of `text` with their positions, each with the dictionary words inside it.

        Unlike jieba's own search mode this keeps sub-words of every length, so 养老保险 is
        found inside 城乡居民养老保险.
        """
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
