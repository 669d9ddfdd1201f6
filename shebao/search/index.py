"""The search index: built once from the catalog and the vocabulary, then only read.

All per-item work (segmentation, BM25F weights, pinyin of the domain words) happens here, so a
query only looks terms up in dictionaries.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from shebao.guide import Catalog, Item
from shebao.search.pinyin import PinyinTable
from shebao.search.text import Segmenter, bigrams, is_cjk
from shebao.search.vocabulary import Context, Vocabulary

# How much a hit in each field counts: the name says what the item is; the tips are boilerplate.
FIELD_WEIGHTS = {"name": 3.0, "category": 0.6, "materials": 1.0, "description": 1.0, "tips": 0.3}
FIELD_LABELS = {
    "name": "名称",
    "category": "类别",
    "materials": "材料",
    "description": "说明",
    "tips": "提示",
}
K1 = 1.2
B = 0.6
_PART = re.compile(r"（([^（）]*部分)）$")
_SPLIT = re.compile(r"[（）()、，,；;：:\s《》“”\"/]+|(?<=.)[与和及或](?=.)")


def item_fields(item: Item) -> dict[str, str]:
    materials = " ".join(
        f"{m.name} {m.note or ''}" for m in item.materials if m.role != "commitment"
    )
    base, part = name_parts(item)
    return {  # the “（…部分）” suffix is a branch, like the category, not what the item is
        "name": base,
        "category": f"{item.category} {part or ''}",
        "materials": materials,
        "description": item.description,
        "tips": item.tips,
    }


def name_parts(item: Item) -> tuple[str, str | None]:
    """Split “单位参保证明查询打印（企业养老保险部分）” into its base name and its part."""
    match = _PART.search(item.name)
    if not match:
        return item.name, None
    return item.name[: match.start()], match.group(1)


def domain_phrases(catalog: Catalog) -> set[str]:
    """Phrases of the guide worth keeping whole when segmenting: pieces of names and materials."""
    out: set[str] = set()
    for item in catalog.items.values():
        out.add(item.category)
        texts = [name_parts(item)[0]] + [m.name for m in item.materials if len(m.name) <= 16]
        for text in texts:
            out.update(p for p in _SPLIT.split(text) if 2 <= len(p) <= 12 and is_cjk(p))
    return out


@dataclass
class Index:
    names: dict[int, str]
    segmenter: Segmenter
    vocabulary: Vocabulary
    pinyin: PinyinTable
    words: dict[str, dict[int, float]]  # term → item → BM25F weight
    grams: dict[str, dict[int, float]]  # bigram → item → BM25F weight
    where: dict[tuple[int, str], tuple[str, ...]]  # (item, term) → fields it occurs in
    contexts: dict[int, tuple[Context, ...]]  # the contexts each item belongs to
    parts: dict[int, tuple[str, str | None]]  # item → (base name, part)
    family_parts: dict[str, frozenset[str]] = field(default_factory=dict)  # base → its parts
    longest_synonym: int = 1
    part_contexts: dict[str, str] = field(default_factory=dict)  # part → context label
    _phrases: dict[str, list[tuple[str, bool]]] = field(default_factory=dict, repr=False)
    _labels: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)
    _particles: list[frozenset[str]] = field(default_factory=list, repr=False)
    _starts: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _outside: list[re.Pattern[str]] = field(default_factory=list, repr=False)

    @property
    def size(self) -> int:
        return len(self.names)

    def state(self) -> dict[str, object]:
        """The index as plain data (dicts, sets, tuples, text, numbers) for the index cache;
        the vocabulary is not in it (whoever loads the index has it): contexts are numbered."""
        position = {ctx: n for n, ctx in enumerate(self.vocabulary.contexts)}
        return {
            "names": self.names,
            "segmenter": self.segmenter.state(),
            "pinyin": self.pinyin.state(),
            "words": self.words,
            "grams": self.grams,
            "where": self.where,
            "contexts": {no: tuple(position[c] for c in cs) for no, cs in self.contexts.items()},
            "parts": self.parts,
            "family_parts": self.family_parts,
            "longest_synonym": self.longest_synonym,
            "part_contexts": self.part_contexts,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], vocabulary: Vocabulary) -> Index:
        """The index `state()` gave, for the same vocabulary."""
        contexts = vocabulary.contexts
        return cls(
            names=state["names"],
            segmenter=Segmenter(*state["segmenter"]),
            vocabulary=vocabulary,
            pinyin=PinyinTable.from_state(state["pinyin"]),
            words=state["words"],
            grams=state["grams"],
            where=state["where"],
            contexts={no: tuple(contexts[n] for n in ns) for no, ns in state["contexts"].items()},
            parts=state["parts"],
            family_parts=state["family_parts"],
            longest_synonym=state["longest_synonym"],
            part_contexts=state["part_contexts"],
        )

    def context_labels(self, no: int) -> frozenset[str]:
        """The labels of the contexts an item belongs to (kept: asked for every item scored)."""
        labels = self._labels.get(no)
        if labels is None:
            labels = self._labels[no] = frozenset(c.label for c in self.contexts[no])
        return labels

    def particles(self) -> frozenset[str]:
        """The one-character stopwords (是, 想, 给, 上): standing alone, they are meant as typed,
        never the first or last character of a misspelt term (kept: asked for every query)."""
        if not self._particles:
            self._particles.append(frozenset(w for w in self.vocabulary.stopwords if len(w) == 1))
        return self._particles[0]

    def synonym_sizes(self, ch: str) -> tuple[int, ...]:
        """The lengths of the vocabulary's words starting with `ch`, longest first: a question
        is scanned for them at every character, so only lengths that exist are looked up."""
        if not self._starts:
            sizes: dict[str, set[int]] = defaultdict(set)
            for word in self.vocabulary.synonyms:
                sizes[word[0]].add(len(word))
            self._starts.update({c: tuple(sorted(n, reverse=True)) for c, n in sizes.items()})
        return self._starts.get(ch, ())

    def may_be_outside(self, text: str) -> bool:
        """Whether a word of any topic outside the guide is in the text (one scan for all the
        topics: most questions name none)."""
        if not self._outside:
            words = {w for topic in self.vocabulary.outside for w in topic.words}
            ordered = sorted(words, key=lambda w: (-len(w), w)) or ["\ue000"]
            self._outside.append(re.compile("|".join(map(re.escape, ordered))))
        return self._outside[0].search(text) is not None

    def phrase_terms(self, phrase: str) -> list[tuple[str, bool]]:
        """Terms of a phrase (a vocabulary term, a pinyin word, a word of the question), `True`
        for sub-words; cached (bounded), as the same phrases come back query after query."""
        terms = self._phrases.get(phrase)
        if terms is None:
            terms = [
                (term, n > 0)
                for word, subs, _, _ in self.segmenter.segments(phrase)
                for n, term in enumerate((word, *subs))
            ]
            if len(self._phrases) < 10_000:
                self._phrases[phrase] = terms
        return terms


def _bm25f(
    docs: dict[int, dict[str, list[str]]],
) -> tuple[dict[str, dict[int, float]], dict[tuple[int, str], tuple[str, ...]]]:
    """BM25F: per-field term counts, length-normalised, weighted, then saturated once."""
    n_docs = len(docs)
    avg = {f: max(1.0, sum(len(d[f]) for d in docs.values()) / n_docs) for f in FIELD_WEIGHTS}
    counts = {no: {f: Counter(toks) for f, toks in d.items()} for no, d in docs.items()}
    df: Counter[str] = Counter()
    for per_field in counts.values():
        df.update(set().union(*per_field.values()))
    postings: dict[str, dict[int, float]] = defaultdict(dict)
    where: dict[tuple[int, str], tuple[str, ...]] = {}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per combination of fields
    for no, per_field in counts.items():
        for term in set().union(*per_field.values()):
            tf = 0.0
            fields = []
            for f, weight in FIELD_WEIGHTS.items():
                c = per_field[f].get(term, 0)
                if c:
                    norm = 1 - B + B * len(docs[no][f]) / avg[f]
                    tf += weight * c / norm
                    fields.append(f)
            idf = math.log(1 + (n_docs - df[term] + 0.5) / (df[term] + 0.5))
            postings[term][no] = idf * tf * (K1 + 1) / (tf + K1)
            where[(no, term)] = shared.setdefault(tuple(fields), tuple(fields))
    return dict(postings), where


def build_index(catalog: Catalog, vocabulary: Vocabulary) -> Index:
    vocab_terms = vocabulary.terms()
    fields = {no: item_fields(item) for no, item in catalog.items.items()}
    corpus_parts = [text for per_item in fields.values() for text in per_item.values()]
    segmenter = Segmenter.build(
        vocab_terms | domain_phrases(catalog), vocabulary.stopwords, "\n".join(corpus_parts)
    )
    word_docs: dict[int, dict[str, list[str]]] = {}
    gram_docs: dict[int, dict[str, list[str]]] = {}
    for no, per_item in fields.items():
        word_docs[no] = {f: segmenter.terms(text) for f, text in per_item.items()}
        gram_docs[no] = {f: list(bigrams(text)) for f, text in per_item.items()}
    words, where = _bm25f(word_docs)
    grams, _ = _bm25f(gram_docs)

    pinyin_words = set(vocab_terms)
    for no, item in catalog.items.items():
        pinyin_words.update(word_docs[no]["name"])
        pinyin_words.update(word_docs[no]["materials"])
        pinyin_words.add(item.category)
    corpus_parts.extend(sorted(vocab_terms | vocabulary.stopwords))
    pinyin = PinyinTable(pinyin_words, "\n".join(corpus_parts), vocabulary.stopwords)

    parts = {no: name_parts(item) for no, item in catalog.items.items()}
    family: dict[str, set[str]] = defaultdict(set)
    for base, part in parts.values():
        if part:
            family[base].add(part)
    contexts = {
        no: tuple(
            ctx for ctx in vocabulary.contexts if ctx.covers(item.name, item.category, parts[no][1])
        )
        for no, item in catalog.items.items()
    }
    return Index(
        names={no: item.name for no, item in catalog.items.items()},
        segmenter=segmenter,
        vocabulary=vocabulary,
        pinyin=pinyin,
        words=words,
        grams=grams,
        where=where,
        contexts=contexts,
        parts=parts,
        family_parts={base: frozenset(p) for base, p in family.items()},
        longest_synonym=max((len(w) for w in vocabulary.synonyms), default=1),
        part_contexts={c.part: c.label for c in vocabulary.contexts if c.part},
    )
