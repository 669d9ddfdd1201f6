"""原件 and 复印件: what the guide asks of a document, and what a clerk says was brought.

The guide writes "身份证明原件及复印件"; a clerk types "身份证原件、复印件",
"身份证（原件+复印件）", "身份证及复印件" or "身份证复印件未带". Both are read by
one small grammar of the words that end a name: forms (原件, 复印件, 原复印件),
connectors (及, 和, +, 、…), counts (一份, 各2份), sides (正反面) and negations
(未带, 缺 …). A name with no form word is the document itself: the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

ORIGINAL = "原件"
COPY = "复印件"
BOTH_FORMS = frozenset({ORIGINAL, COPY})


class Copies(StrEnum):
    """What the guide asks of a document."""

    ANY = "any"  # neither 原件 nor 复印件 written: the document in any form
    ORIGINAL = "original"  # 原件
    COPY = "copy"  # 复印件
    BOTH = "both"  # 原件及复印件

    @property
    def needs(self) -> frozenset[str]:
        return _NEEDS[self]

    def lacking(self, got: frozenset[str] | set[str] | None) -> frozenset[str]:
        """The forms still to bring, given those brought (None: nothing of the document).

        >>> sorted(Copies.BOTH.lacking({"原件"})), sorted(Copies.ANY.lacking({"复印件"}))
        (['复印件'], [])
        """
        if not got:
            return self.needs or frozenset({ORIGINAL})
        return self.needs - got


_NEEDS = {
    Copies.ANY: frozenset(),
    Copies.ORIGINAL: frozenset({ORIGINAL}),
    Copies.COPY: frozenset({COPY}),
    Copies.BOTH: BOTH_FORMS,
}

# Words that may end a name, longest first within each kind.
_FORMS = {
    "原件及复印件": BOTH_FORMS,
    "原件和复印件": BOTH_FORMS,
    "原复印件": BOTH_FORMS,  # "原、复印件" once its 、 is read as part of the name
    "复印件": frozenset({COPY}),
    "影印件": frozenset({COPY}),
    "复印": frozenset({COPY}),
    "原件": frozenset({ORIGINAL}),
}
_CONNECTORS = ("以及", "连同", "及", "和", "与", "加", "跟", "带", "附", "并", "同")
_CONNECTORS += ("+", "、", ",", "/", "&")
_SIDES = ("正反两面", "正反面", "双面", "两面")
_FILLERS = ("已提供", "已带", "齐全", "提供", "已", "了", "均", "都", "齐", "各")
_COUNT = re.compile(r"各?(?:\d{1,3}|[一二两三四五六七八九十]{1,3})(?:份|张|页|套|本|个)$")


@dataclass(frozen=True, slots=True)
class Said:
    """What the end of a typed name says about the document it names."""

    core: str  # the name without those words
    forms: frozenset[str]  # forms said to be brought (a bare name: the original)
    denied: frozenset[str] = frozenset()  # forms said to be missing
    negated: bool = False  # said to be missing without naming a form: the whole document
    bare: bool = True  # no form word at all: the document itself


def _next_token(text: str, negations: tuple[str, ...]) -> tuple[str, str] | None:
    """The kind and length-text of the word that ends `text`, if it is one of ours."""
    for token in _FORMS:
        if text.endswith(token):
            return "form", token
    for kind, words in (("neg", negations), ("conn", _CONNECTORS), ("fill", _SIDES + _FILLERS)):
        for word in words:
            if text.endswith(word):
                return kind, word
    if count := _COUNT.search(text):
        return "fill", count.group()
    return None


# Every intake reads the guide's names and the names typed: the same few hundred texts, whose
# reading (a pure function of the text) is kept rather than parsed again word by word.
@lru_cache(maxsize=4096)
def read_tail(text: str, negations: tuple[str, ...] = ()) -> Said:
    """Split a normalised name into the document's name and what its ending says.

    >>> read_tail("身份证原件及复印件").forms == BOTH_FORMS
    True
    >>> said = read_tail("身份证原件复印件未带", ("未带",))
    >>> said.core, sorted(said.forms), sorted(said.denied)
    ('身份证', [], ['原件', '复印件'])
    >>> said = read_tail("身份证及复印件")
    >>> said.core, sorted(said.forms)
    ('身份证', ['原件', '复印件'])
    >>> read_tail("法定代表人身份证").forms == {"原件"}
    True
    """
    tokens: list[tuple[str, str]] = []
    end = len(text)
    while end > 0:
        found = _next_token(text[:end], negations)
        if found is None:
            break
        tokens.append(found)
        end -= len(found[1])
    tokens.reverse()
    # Only words that mean something make a tail: "…及" alone is part of the name.
    while tokens and tokens[0][0] in ("conn", "fill") and not _leads_to_form(tokens):
        end += len(tokens.pop(0)[1])
    if not tokens:
        return Said(text, frozenset({ORIGINAL}))
    return _meaning(text[:end], tokens)  # an empty core: a "复印件" that follows "身份证原件、"


def _leads_to_form(tokens: list[tuple[str, str]]) -> bool:
    """A connector or count directly after the name belongs to the tail when a form follows."""
    return any(kind in ("form", "neg") for kind, _ in tokens) or any(
        word in _SIDES or _COUNT.fullmatch(word) for _, word in tokens
    )


def _meaning(core: str, tokens: list[tuple[str, str]]) -> Said:
    forms: set[str] = set()
    denied: set[str] = set()
    pending_neg = False
    has_form = any(kind == "form" for kind, _ in tokens)
    # "身份证及复印件", "身份证缺复印件": the card itself is there, with or without its copy.
    implied = has_form and tokens[0][0] in ("conn", "neg")
    for kind, word in tokens:
        if kind == "form":
            (denied if pending_neg else forms).update(_FORMS[word])
            pending_neg = False
        elif kind == "neg":
            pending_neg = True
    if pending_neg:  # "复印件未带", "原件和复印件都没带": what was said goes missing
        implied = False
        denied |= forms
        forms.clear()
    sides = any(word in _SIDES for _, word in tokens)
    if sides and not has_form:
        forms.add(COPY)  # "身份证正反面": a copy of both sides
    bare = not has_form and not sides
    negated = pending_neg and not denied
    if (implied and ORIGINAL not in denied) or (bare and not negated):
        forms.add(ORIGINAL)
    return Said(core, frozenset(forms - denied), frozenset(denied), negated, bare)


@lru_cache(maxsize=4096)
def copies_asked(name: str) -> Copies:
    """What the guide's wording of a document asks for.

    >>> copies_asked("身份证明原件及复印件"), copies_asked("居民户口簿原件")
    (<Copies.BOTH: 'both'>, <Copies.ORIGINAL: 'original'>)
    >>> copies_asked("最新的机构编制批准文件复印件一份"), copies_asked("身份证")
    (<Copies.COPY: 'copy'>, <Copies.ANY: 'any'>)
    """
    said = read_tail(name)
    if said.bare:
        return Copies.ANY
    if said.forms == BOTH_FORMS:
        return Copies.BOTH
    return Copies.COPY if COPY in said.forms else Copies.ORIGINAL


_QUALIFIED = re.compile(r"(原件及复印件|原件和复印件|原件|复印件)((?:各)?一份)?$")


def base_name(name: str) -> str:
    """The guide's name without its 原件/复印件 words, as written (brackets kept).

    >>> base_name("事业单位法人证书/统一社会信用代码证书原件及复印件")
    '事业单位法人证书/统一社会信用代码证书'
    """
    return _QUALIFIED.sub("", name.strip())
