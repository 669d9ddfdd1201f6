"""From a question to ranked items: read the question into concepts, then score them.

A concept is one thing the person said (“社保卡”, “丢了”, “nongbao”) with its alternative
readings: the words typed, the guide's terms the vocabulary gives for them, pinyin candidates.
An item earns the best alternative of each concept, so a word with three synonyms does not
count three times. Every term remembers where it came from, so results can say why they matched.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from shebao.search.clauses import NARRATIVE_WEIGHT, denied_spans, pivot_end, position_weights
from shebao.search.english import read_english
from shebao.search.index import FIELD_LABELS, Index
from shebao.search.outside import OutsideTopic
from shebao.search.pinyin import Correction
from shebao.search.text import normalize
from shebao.search.vocabulary import Synonym

SUB_WEIGHT = 0.3  # 养老保险 inside 城乡居民养老保险: a long term must not count six times
GRAM_WEIGHT = 0.35  # two-character pieces: recall for odd segmentation, never the main signal
OTHER_ALTERNATIVES = 0.2  # share of a concept's other readings added to its best one
PINYIN_WEIGHT = 0.9
PHRASE_WEIGHT = 0.5
FAMILY_FACTOR = 0.6  # an item's other “部分” when the question points elsewhere
MIN_SHARE = 0.05  # results scoring under this share of the best are noise
DENIED_FACTOR = 0.5  # items of a branch the question names only to deny it (不是农保)
DENIED_WEIGHT = 0.5  # share of what a denied word earned an item, taken off its score
# the same thing said again in other words (离开大连 … 回老家): counts this share the second time
REPEAT_FACTOR = 0.8
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")

Alternative = dict[str, float]  # term → query weight


@dataclass
class Reading:
    """What shebao understood of a question."""

    text: str  # normalised, typos corrected
    concepts: list[list[Alternative]] = field(default_factory=list)
    grams: dict[str, float] = field(default_factory=dict)
    # each reason (“同义词：农保→城乡居民养老保险”) → the whole words it brought in
    sources: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    weights: dict[str, float] = field(default_factory=dict)  # best query weight of each term
    words: set[str] = field(default_factory=set)  # terms that came as whole words, not sub-words
    triggered: set[str] = field(default_factory=set)  # context labels the question names
    focus: dict[str, float] = field(default_factory=dict)  # named branches → factor for the rest
    expansions: list[str] = field(default_factory=list)
    scales: list[float] = field(default_factory=list)  # per concept: 1 asked, less in a story
    # per concept: what it means (a vocabulary entry's terms), so saying it twice counts once
    keys: list[tuple[str, ...] | None] = field(default_factory=list)
    english: bool = False  # the question is (partly) in English
    outside: list[OutsideTopic] = field(default_factory=list)  # topics the guide does not cover
    # of those, the topics only told in the story (医保那块都报完了 … 退休手续要准备什么)
    told: list[OutsideTopic] = field(default_factory=list)
    denied: Reading | None = None  # what the question denies (不是……), read on its own
    excluded: set[str] = field(default_factory=set)  # context labels named only to be denied
    said: str = ""  # the text with the guide's terms the vocabulary read into it

    def add(
        self, concept: list[Alternative], scale: float = 1.0, key: tuple[str, ...] | None = None
    ) -> None:
        self.concepts.append(concept)
        self.scales.append(scale)
        self.keys.append(key)

    def alternative(
        self, index: Index, phrase: str, weight: float, source: str | None = None
    ) -> Alternative:
        alt: Alternative = {}
        for term, is_sub in index.phrase_terms(phrase):
            w = weight * SUB_WEIGHT if is_sub else weight
            alt[term] = max(alt.get(term, 0.0), w)
            self.weights[term] = max(self.weights.get(term, 0.0), w)
            if not is_sub:
                self.words.add(term)
                if source:
                    self.sources[source].add(term)
        return alt


def _synonym_spans(
    index: Index, text: str, tokens: list[tuple[str, int, int]]
) -> list[tuple[int, int, Synonym]]:
    """Every vocabulary word in the text, except those inside a longer match (银行卡 ⊃ 卡),
    those strictly inside a longer word (老保 in 养老保险) and single characters that are part
    of a longer word (报 in 报名, 交 in 交通)."""
    spans = []
    synonyms = index.vocabulary.synonyms
    for i in range(len(text)):
        for size in index.synonym_sizes(text[i]):
            if i + size > len(text):
                continue
            syn = synonyms.get(text[i : i + size])
            if syn and not any(_inside(i, i + size, t[1], t[2]) for t in tokens):
                spans.append((i, i + size, syn))
    return [
        s
        for s in spans
        if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)
    ]


def _inside(start: int, end: int, w_start: int, w_end: int) -> bool:
    if end - start == 1:
        return w_start <= start and end <= w_end and w_end - w_start > 1
    return w_start < start and end < w_end


def _groups(spans: list[tuple[int, int, Synonym]]) -> list[tuple[int, int, list[Synonym]]]:
    """Overlapping synonym spans (评伤残, 伤残等级) are one thing said, so one concept."""
    groups: list[tuple[int, int, list[Synonym]]] = []
    for start, end, syn in sorted(spans, key=lambda s: (s[0], s[1])):
        if groups and start < groups[-1][1]:
            g_start, g_end, syns = groups[-1]
            groups[-1] = (g_start, max(g_end, end), [*syns, syn])
        else:
            groups.append((start, end, [syn]))
    return groups


def _fix_label(fixes: list[Correction], original: str, phrase: str) -> str | None:
    """The correction a phrase depends on: it shares a corrected character, absent before."""
    if phrase in original:
        return None
    labels = sorted(f"纠错：{f.wrong}→{f.right}" for f in fixes if set(f.right) & set(phrase))
    return labels[0] if labels else None


def _synonym_alternatives(
    index: Index, reading: Reading, syn: Synonym, weight: float, extra: str | None = None
) -> list[Alternative]:
    alts = []
    for mean in syn.means:
        reading.expansions.append(mean)
        shown = mean.replace(" ", "+")
        source = f"同义词：{syn.word}→{shown}" if mean != syn.word else extra
        alt = reading.alternative(index, mean, weight, source)
        if extra and source != extra:
            reading.alternative(index, mean, weight, extra)
        alts.append(alt)
    return alts


def read_question(index: Index, query: str, denials: bool = True) -> Reading:
    """What a question says: its concepts (weighted by the clause they are in), the topics
    outside the guide it names, and what it denies (read apart, so it cannot win; with
    `denials` False, read as if nothing were denied)."""
    original = normalize(query)
    asked: list[float] = []
    topics, told = [], []
    asserted: str | None = None
    for topic in index.vocabulary.outside if index.may_be_outside(original) else ():
        if not any(word in original for word in topic.words):
            continue
        if asserted is None:
            asserted = _blank(original, [(min(n, a), b) for n, a, b in denied_spans(original)])
        spans = topic.found_in(original, asserted)
        said = [(a, b) for a, b in spans if asserted[max(a, 0) : b].strip()]  # not denied
        if said:
            asked = asked or position_weights(original)
            # told: only in clauses that do not ask (an earlier clause that asks, asks)
            story = all(w <= NARRATIVE_WEIGHT for a, b in said for w in asked[max(a, 0) : b])
            (told if story else topics).append(topic)
        if spans:
            original = _blank(original, spans)  # never read, never “corrected” (公积金 ≠ 基金)
    spans = denied_spans(original) if denials else []
    denied = [s for s in spans if not _inside_synonym(index, original, s[0])]
    denied_text = " ".join(original[a:b] for _, a, b in denied)
    if denied:
        # the 不是 and the 是 after the denied words go too
        original = _blank(original, [(min(n, a), pivot_end(original, b)) for n, a, b in denied])
    reading = _read(index, original, position_weights(original))
    reading.outside = topics
    reading.told = told
    if denied_text.strip():
        reading.denied = _read(index, normalize(denied_text), None)
        reading.excluded = reading.denied.triggered - reading.triggered
    return reading


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[max(a, 0) : b] = " " * (b - max(a, 0))
    return "".join(chars)


def _inside_synonym(index: Index, text: str, at: int) -> bool:
    """Whether the character at `at` is part of a vocabulary word (不用交了 is a word, not 不用)
    or of a context's trigger (没到退休年龄 tells who died, it denies nothing)."""
    longest = index.longest_synonym
    for start in range(max(0, at - longest + 1), at + 1):
        for end in range(at + 1, min(len(text), start + longest) + 1):
            if end - start > 2 and text[start:end] in index.vocabulary.synonyms:
                return True
    return any(
        trigger in text[max(0, at - len(trigger) + 1) : at + len(trigger)]
        for ctx in index.vocabulary.contexts
        for trigger in ctx.triggers
        if len(trigger) > 2
    )


def _read(index: Index, original: str, weights: list[float] | None) -> Reading:
    tokens = index.segmenter.tokens(original)
    bounds = {n for _, start, end in tokens for n in (start, end)}
    text, fixes = index.pinyin.correct(
        original, frozenset(bounds), index.segmenter.is_everyday_word, index.particles()
    )
    weights = weights if weights and len(weights) == len(text) else [1.0] * len(text)
    reading = Reading(text)
    if fixes:  # corrected: cut again (a question is mostly typed right)
        tokens = index.segmenter.tokens(text)
    words = index.segmenter.segments(text, tokens)
    used: set[int] = set()
    spans = _synonym_spans(index, text, tokens)
    for start, end, syns in _groups(spans):
        literal = [n for n, w in enumerate(words) if w[2] < end and start < w[3]]
        used.update(literal)
        alts = [_literal(index, reading, words, literal, fixes, original)]
        for syn in syns:
            fix = _fix_label(fixes, original, syn.word)
            alts.extend(_synonym_alternatives(index, reading, syn, syn.weight, fix))
        key = tuple(sorted({m for syn in syns for m in syn.means}))
        reading.add([a for a in alts if a], weights[start], key)
    for n in range(len(words)):
        if n not in used:
            reading.add(
                [_literal(index, reading, words, [n], fixes, original)], weights[words[n][2]]
            )
    _phrases(index, reading, words, spans, weights)
    for match in _CJK_RUN.finditer(text):
        run = match.group()
        for i in range(len(run) - 1):
            gram = run[i : i + 2]
            reading.grams[gram] = max(reading.grams.get(gram, 0.0), weights[match.start() + i])
    english = read_english(index.vocabulary.english, text)
    reading.english = english.english
    for pos, entry in english.entries:
        alts = []
        for mean in entry.means:
            reading.expansions.append(mean)
            label = f"English: {entry.phrase}→{mean.replace(' ', '+')}"
            alts.append(reading.alternative(index, mean, entry.weight, label))
        reading.add([a for a in alts if a], weights[pos], tuple(sorted(entry.means)))
    for pos, run in english.leftovers:
        pieces = index.pinyin.read_latin(run.replace(" ", ""))
        if not pieces:  # “my tuixiu”: read the words one by one
            pieces = [p for word in run.split() for p in index.pinyin.read_latin(word)]
        for piece in pieces:
            reading.add(_pinyin_alternatives(index, reading, piece.text, piece.words), weights[pos])
    haystack = " ".join([text, *reading.expansions])
    reading.said = haystack
    # an English word is the person's own, so the guide's term it stands for counts as said
    own = " ".join([text, *(m for _, entry in english.entries for m in entry.means)])
    reading.triggered = {
        ctx.label
        for ctx in index.vocabulary.contexts
        if any(trigger in haystack for trigger in ctx.triggers)
        and (not ctx.also or any(word in own for word in ctx.also))
    }
    reading.focus = {
        ctx.label: ctx.focus
        for ctx in index.vocabulary.contexts
        if ctx.focus and ctx.label in reading.triggered
    }
    return reading


def _phrases(index: Index, reading: Reading, words, spans, weights: list[float]) -> None:
    """Two neighbouring words whose readings join into a term of the guide (社保 + 登记 →
    社会保险登记) are a phrase: the items using that exact phrase earn a bonus."""
    readings: dict[tuple[int, int], set[str]] = defaultdict(set)
    for word, _, start, end in words:
        readings[(start, end)].add(word)
    for start, end, syn in spans:
        readings[(start, end)].update(m for m in syn.means if " " not in m)
    for (_, _, start, end), (_, _, start2, end2) in itertools.pairwise(words):
        if end != start2:
            continue
        for left in readings[(start, end)]:
            for right in readings[(start2, end2)]:
                joined = left + right
                if joined in index.words:
                    source = f"词组：{joined}" if joined not in reading.text else None
                    reading.add(
                        [reading.alternative(index, joined, PHRASE_WEIGHT, source)], weights[start]
                    )


def _literal(index, reading, words, picked, fixes, original) -> Alternative:
    alt: Alternative = {}
    for n in picked:
        word = words[n][0]
        alt.update(reading.alternative(index, word, 1.0, _fix_label(fixes, original, word)))
    return alt


def _pinyin_alternatives(index, reading, typed: str, candidates) -> list[Alternative]:
    weight = PINYIN_WEIGHT / math.sqrt(len(candidates))
    alts = []
    for word in candidates:
        reading.expansions.append(word)
        label = f"拼音：{typed}→{word}"
        alts.append(reading.alternative(index, word, weight, label))
        syn = index.vocabulary.synonyms.get(word)
        if syn:
            alts.extend(_synonym_alternatives(index, reading, syn, weight * syn.weight, label))
    return alts


def _context_factors(index: Index, reading: Reading, items) -> dict[int, float]:
    """Prefer the enterprise or general item unless the question names 机关事业, 工伤, 失业 …;
    once it names such a branch, prefer that branch's items to those of other branches."""
    focus = max(reading.focus.values()) if reading.focus else 1.0
    wanted_parts: dict[str, set[str]] = {}  # per base name, for this question
    out = {}
    for no in items:
        factor = 1.0
        labels = index.context_labels(no)
        for ctx in index.contexts[no]:
            if ctx.label not in reading.triggered:
                factor *= ctx.factor
            elif ctx.against:
                factor *= ctx.against
            if ctx.label in reading.excluded and ctx.against is None:
                # denying a context that counts against its items (不是因工死亡) leaves them be
                factor *= DENIED_FACTOR
        if reading.focus and not reading.focus.keys() & labels:
            factor *= focus
        base, part = index.parts[no]
        if part:
            wanted = wanted_parts.get(base)
            if wanted is None:
                family = index.family_parts[base]
                written = {p for p in family if p in reading.text}  # “（企业养老保险部分）” typed
                named = {p for p in family if index.part_contexts.get(p) in reading.triggered}
                wanted = wanted_parts[base] = written or named or {index.vocabulary.default_part}
            if part not in wanted:
                factor *= FAMILY_FACTOR
        out[no] = factor
    return out


def score(index: Index, reading: Reading) -> dict[int, float]:
    scores = _raw_scores(index, reading)
    if reading.denied:
        skip = set(reading.weights)  # a word both denied and asked for (社保卡) is not denied
        for no, value in _raw_scores(index, reading.denied, skip, grams=False).items():
            if no in scores:
                scores[no] = max(0.0, scores[no] - DENIED_WEIGHT * value)
    factors = _context_factors(index, reading, scores)
    ranked = {no: s * factors[no] for no, s in scores.items()}
    best_score = max(ranked.values(), default=0.0)
    return {no: s for no, s in ranked.items() if s > 0 and s >= MIN_SHARE * best_score}


def _raw_scores(
    index: Index, reading: Reading, skip: frozenset[str] | set[str] = frozenset(), grams=True
) -> dict[int, float]:
    scores: dict[int, float] = defaultdict(float)
    seen: set[tuple[str, ...]] = set()
    for alternatives, scale, key in zip(
        reading.concepts, reading.scales, reading.keys, strict=True
    ):
        if key is not None:
            scale *= REPEAT_FACTOR if key in seen else 1.0
            seen.add(key)
        if len(alternatives) == 1:  # most words: one reading, its own best and total
            for no, value in _partial(index, alternatives[0], scale, skip).items():
                scores[no] += value
            continue
        best: dict[int, float] = {}
        total: dict[int, float] = defaultdict(float)
        for alt in alternatives:
            for no, value in _partial(index, alt, scale, skip).items():
                total[no] += value
                if value > best.get(no, 0.0):
                    best[no] = value
        for no, value in best.items():
            scores[no] += value + OTHER_ALTERNATIVES * (total[no] - value)
    postings = index.grams
    for gram, qweight in reading.grams.items() if grams else ():
        factor = GRAM_WEIGHT * qweight
        for no, weight in postings.get(gram, _NONE).items():
            scores[no] += factor * weight
    return scores


_NONE: dict[int, float] = {}


def _partial(index: Index, alt: Alternative, scale: float, skip) -> dict[int, float]:
    """What one reading of a concept earns each item."""
    partial: dict[int, float] = defaultdict(float)
    for term, qweight in alt.items():
        if term in skip:
            continue
        factor = scale * qweight
        for no, weight in index.words.get(term, _NONE).items():
            partial[no] += factor * weight
    return partial


_SOURCE_ORDER = ("纠错", "拼音", "English", "同义词", "词组")
_FIELDS_EN = {
    "name": "name",
    "category": "category",
    "materials": "materials",
    "description": "description",
    "tips": "tips",
}
_WHOLE_QUESTION = ("纠错", "拼音")  # readings of the question, not of one word


def explain(index: Index, reading: Reading, no: int, limit: int = 4) -> list[str]:
    """Human-readable reasons: how the question was understood, then the words that hit.

    A synonym is given as a reason only when every word it brought in is found in the item,
    a correction or a pinyin reading when any of its words is: the reasons are true of the item.
    """
    hits = []
    for term in reading.words:
        weight = index.words.get(term, {}).get(no)
        if weight:
            hits.append((reading.weights[term] * weight, term))
    hits.sort(key=lambda h: (-h[0], h[1]))
    found = {term for _, term in hits}
    readings = [
        source
        for source, terms in reading.sources.items()
        if (terms & found if source.startswith(_WHOLE_QUESTION) else terms and terms <= found)
    ]
    readings.sort(key=lambda r: next(n for n, k in enumerate(_SOURCE_ORDER) if r.startswith(k)))
    reasons = readings[:limit]
    for _, term in hits[:limit]:
        if reading.english:
            fields = ", ".join(_FIELDS_EN[f] for f in index.where[(no, term)])
            reasons.append(f"matches “{term}” ({fields})")
        else:
            fields = "、".join(FIELD_LABELS[f] for f in index.where[(no, term)])
            reasons.append(f"命中“{term}”（{fields}）")
    if not hits:
        pieces = [g for g in reading.grams if no in index.grams.get(g, {})][:limit]
        if pieces:
            reasons.append("字面相近：" + "、".join(pieces))
    return reasons
