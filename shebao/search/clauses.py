"""Which part of a question states the need, and which parts are denied.

A long spoken question tells a story first (“年轻时在厂里交过……后来回村……”) and asks at the end
(“……现在能领吗”): the clauses that ask (想, 要, 怎么, 能不能, 办, 申请 …, or the last clause) count
fully and the narrative less. A contrast (“不是城乡居民养老，是职工养老”) names a branch only to
deny it: the denied words must not win.
"""

from __future__ import annotations

import itertools
import re

NARRATIVE_WEIGHT = 0.6  # a word told in the story, against one in the clause that asks
EARLIER_ASK_WEIGHT = 0.8  # a clause that asks, before the last one that does
MIN_CLAUSES = 3  # a story: with fewer clauses each says what is asked (伤残等级调了 津贴跟着变吗)
# words that mark a clause as asking for something
NEED_MARKERS = (
    "想", "怎么", "咋", "如何", "怎样", "能不能", "能否", "可不可以", "吗", "么", "啥", "什么",
    "哪", "申请", "需要", "请问", "多少", "找谁", "是否", "会不会", "用不用", "要不要", "how",
    "can", "want", "need", "apply",
)  # fmt: skip
# weaker: they ask only in a clause that does not tell what happened (一直领着 is a story)
WEAK_NEED_MARKERS = ("要", "可以", "能", "办", "领", "该", "得", "去")
STORY_MARKERS = (
    "一直", "每个月", "每月", "以前", "之前", "当时", "去年", "前年", "前些年", "年轻时", "那时",
    "早就", "已经", "后来", "几年前", "上个月", "上周",
)  # fmt: skip
# words that start a new clause even without punctuation
_CONNECTORS = re.compile(r"后来|现在|如今|结果|但是|可是|不过|所以|然后|目前|这次|想问|请问")
# a denial and what it covers: up to the clause's end or the “是” that says what is meant instead
_DENIAL = re.compile(
    r"(?<![是要用])(?:并不是|而不是|不是|并非|不属于|不算|不要|不用|不需要|没有在|没在|没到|够不上"
    r"|没有问|没问|不问|不想|不打算|非(?=因工|因公|工伤|工亡))"
)
# a denial after what it denies (城乡居民那个不用管): back to the clause's start
_AFTER_DENIAL = re.compile(
    r"(?:那个|那边|那块|那些|这块|这边)?(?:不用管|不用动|不管|不涉及|不考虑|不用考虑|没关系|除外)"
)
# a denied span ends at the clause's end, at the 是 that says what is meant instead, or at a 的
# that ties it to what is asked (不是因工死亡的丧葬费 denies 因工死亡, not 丧葬费)
_DENIAL_END = re.compile(r"而是|只是|就是|但是|是|，|,|\s|的(?=\S)")
_CLAUSE_START = re.compile(r"[，,\s][^，,\s]*$")
# what is meant instead comes after it
_PIVOT = re.compile(r"\s*(?:而是|只是|就是|但是|是)|" + _AFTER_DENIAL.pattern)
_NOT_A_DENIAL = re.compile(r"(?:很|太|特别|十分|一定|都|说|吗|么)")  # 不是很清楚, 不是吗


def clause_bounds(text: str) -> list[tuple[int, int]]:
    """Clauses of a normalised text: split at spaces between Chinese words and at connectors
    (后来, 现在 …). Latin words next to each other stay in one clause."""
    cuts = {0, len(text)}
    for n, ch in enumerate(text):
        if ch == " " and not (_latin(text, n - 1) and _latin(text, n + 1)):
            cuts.update((n, n + 1))
    for match in _CONNECTORS.finditer(text):
        cuts.add(match.start())
    points = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(points) if text[a:b].strip()]


def _latin(text: str, n: int) -> bool:
    return 0 <= n < len(text) and text[n].isascii() and text[n].isalnum()


def position_weights(text: str) -> list[float]:
    """A weight for every character: 1 in the clauses that ask, NARRATIVE_WEIGHT in the rest.

    >>> w = position_weights("年轻时交过农保 后来进城打工 现在想领钱")
    >>> w[0], w[-1]
    (0.6, 1.0)
    """
    clauses = clause_bounds(text)
    weights = [1.0] * len(text)
    if len(clauses) < MIN_CLAUSES:
        return _short_story(text, clauses, weights)
    asking = [_asks(text[a:b]) for a, b in clauses]
    if not any(asking):
        asking[-1] = True
    last = max(n for n, asks in enumerate(asking) if asks)
    for n, ((a, b), asks) in enumerate(zip(clauses, asking, strict=True)):
        if n != last:
            weight = EARLIER_ASK_WEIGHT if asks else NARRATIVE_WEIGHT
            weights[a:b] = [weight] * (b - a)
    return weights


def _short_story(text: str, clauses: list[tuple[int, int]], weights: list[float]) -> list[float]:
    """Two clauses: the first is told, not asked, only when it says so (以前, 已经 …) and a later
    one asks (以前交过农保 给他上社保怎么办).

    >>> w = position_weights("以前在老家交过农保 来厂里了怎么给他上社保")
    >>> w[0], w[-1]
    (0.6, 1.0)
    """
    if len(clauses) != 2 or not _asks(text[clauses[1][0] : clauses[1][1]]):
        return weights
    a, b = clauses[0]
    told = text[a:b]
    if any(m in told for m in STORY_MARKERS) and not any(m in told for m in NEED_MARKERS):
        weights[a:b] = [NARRATIVE_WEIGHT] * (b - a)
    return weights


def _asks(clause: str) -> bool:
    if any(m in clause for m in NEED_MARKERS):
        return True
    return any(m in clause for m in WEAK_NEED_MARKERS) and not any(
        m in clause for m in STORY_MARKERS
    )


def denied_spans(text: str) -> list[tuple[int, int, int]]:
    """The parts of a normalised text that a 不是 / 不要 / 不用 denies (without the pivot
    是 that follows: it is no word of the guide, and left alone 是想 reads as 事项).

    >>> t = "不是城乡居民养老 是职工养老"
    >>> [t[a:b] for _, a, b in denied_spans(t)]
    ['城乡居民养老']
    >>> denied_spans("是不是交了") == denied_spans("不是很清楚怎么退休") == []
    True
    """
    spans: list[tuple[int, int, int]] = []
    after = [(m.start(), m.end()) for m in _AFTER_DENIAL.finditer(text)]
    for at, _ in after:
        clause = _CLAUSE_START.search(text, 0, at)
        start = clause.start() + 1 if clause else 0
        if at > start:
            spans.append((at, start, at))  # the denial, then what it denies (before it)
    for match in _DENIAL.finditer(text):
        if any(a <= match.start() < b for a, b in after):
            continue
        start = match.end()
        if _NOT_A_DENIAL.match(text, start) or _NOT_A_DENIAL.match(text, start + 1):
            continue
        end = _DENIAL_END.search(text, start + 1)
        stop = end.start() if end else len(text)
        if stop > start:
            spans.append((match.start(), start, stop))  # the denial, then what it denies
    return spans


def pivot_end(text: str, at: int) -> int:
    """Where the pivot (是, 而是 …) right after a denied span ends; `at` when there is none."""
    match = _PIVOT.match(text, at)
    return match.end() if match else at
