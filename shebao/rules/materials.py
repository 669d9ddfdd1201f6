"""Matching the names people type for materials to the names the guide uses, forgivingly but
never silently: a name that matches nothing, or several things, is reported back, and so is a
name said to be missing ("缺病历资料", "身份证复印件未带"), which never counts as provided.
What a name says of 原件 and 复印件 is kept with the match (`shebao.rules.copies`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from shebao.errors import InputError
from shebao.rules.copies import read_tail

# Marks and brackets, spaces, and 的 (毫无区别: "监护人的身份证" is "监护人身份证").
_NOISE = re.compile(r"[\s《》〈〉<>“”\"'‘’()（）\[\]【】〔〕「」『』的]")
_SEPARATOR = re.compile(r"([,，、;；+＋\n])")
_ORIGINAL_COPY = re.compile(r"原\s*[、,，]\s*复印")  # "身份证原、复印件" is one name
_AND = re.compile(r"以及|及|和|与|跟")  # "身份证和户口本": two names, when each is one
_OPENING, _CLOSING = "(（[【〔「『《", ")）]】〕」』》"
# A name with a bracket at its end: "身份证（原件+复印件）", "身份证原件（复印件未带）".
_ASIDE = re.compile(r"(?P<name>.+?)[（(](?P<inside>[^（()）]+)[）)]")
_BRACKET = re.compile(f"[{re.escape(_OPENING + _CLOSING)}]")
_BRACKET_REACH = 9  # pieces, separators included: a bracket rarely holds more than four names
# A month the guide leaves open ("参保人员*月业务申报项目表") or a clerk fills in ("3月", "三月份").
_MONTH = re.compile(
    r"(?:\d{4}年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[*×xX某]|_+)月份?|\d{4}[-./]\d{1,2}(?!\d)"
)
# "复印件：身份证": the form said first.
_FORM_FIRST = re.compile(
    r"(?P<form>原件及复印件|原件和复印件|原复印件|原件|复印件)[:：](?P<name>.+)"
)
# What a copy or a count adds to a name, and the kind of document it ends with: "诊断书" is the
# 诊断 the guide lists, "劳动能力鉴定申请表" the 申请书, "病历材料" the 病历资料.
_QUALIFIERS = re.compile(r"(原件及复印件|原件和复印件|原件|复印件|各一份|一份)+$")
_KINDS = ("材料", "资料", "书", "表", "单")
# Words that say a material is NOT there. Looked for only outside the material's own name, so a
# name that happens to contain one (none in the guide today) still matches.
NEGATIONS = (
    "未提供", "没提供", "未提交", "没提交", "未携带", "没携带", "未带来", "没带来",
    "未带", "没带", "忘带", "没有", "缺少", "缺失", "暂无", "尚无", "尚未", "补办中", "待补",
    "不全", "不齐", "不够", "不在", "不带", "不是", "遗失", "丢失", "丢了", "忘了",
    "已过期", "过期", "失效", "作废",  # a document no longer valid does not count either
    "缺", "无", "没", "未", "忘", "丢", "欠",
)  # fmt: skip
# Longest first, so that "没有" goes as a whole rather than leaving "有" behind.
_NEGATION = re.compile("|".join(map(re.escape, sorted(NEGATIONS, key=len, reverse=True))))

MAX_NAMES = 100  # a window intake rarely has more than 20 materials
MAX_CHARS = 4000


def normalise(name: str) -> str:
    """Compare names without book-title marks, brackets, spaces, 的 or full-width forms.

    >>> normalise("《 容缺受理承诺书 》"), normalise("银行卡(存折)")
    ('容缺受理承诺书', '银行卡存折')
    """
    return _NOISE.sub("", unicodedata.normalize("NFKC", name))


@lru_cache(maxsize=4096)  # the guide's names and the few hundred typed at windows
def canonical(name: str) -> str:
    """A normalised name with an open or filled-in month left out, as names are compared.

    >>> canonical("参保人员3月业务申报项目表"), canonical("《参保人员*月业务申报项目表》")
    ('参保人员业务申报项目表', '参保人员业务申报项目表')
    """
    return _MONTH.sub("", normalise(name))


def core(name: str) -> str:
    """The canonical name without what its ending says of 原件, 复印件 and counts.

    >>> core("身份证明原件及复印件"), core("参保人员书面说明一份"), core("身份证")
    ('身份证明', '参保人员书面说明', '身份证')
    """
    return read_tail(canonical(name)).core or canonical(name)


def stem(name: str) -> str:
    """A normalised name without its copy/count qualifiers and its document-kind ending.

    >>> stem("诊断书"), stem("法定代表人任命文原件及复印件"), stem("大连市劳动能力鉴定申请书")
    ('诊断', '法定代表人任命文', '大连市劳动能力鉴定申请')
    """
    key = _QUALIFIERS.sub("", normalise(name))
    for kind in _KINDS:
        if key.endswith(kind) and len(key) > len(kind) + 1:
            return key[: -len(kind)]
    return key


@dataclass(frozen=True, slots=True)
class Match:
    provided: str
    material: str | None  # the key it stands for; None: nothing or more than one thing matched
    candidates: tuple[str, ...] = ()  # when ambiguous: the keys it could mean
    negated: bool = False  # said to be missing: never counts as provided
    forms: frozenset[str] = frozenset()  # 原件/复印件 said to be brought (a bare name: 原件)
    denied: frozenset[str] = frozenset()  # 原件/复印件 said to be missing
    follows: bool = False  # a bare "复印件": it belongs to the name before it


class Matcher:
    """Exact spelling, then normalised, then stem; then a unique containment either way.

    `targets` gives every spelling with the key it stands for (several spellings may share one,
    and one spelling may stand for several keys: typing it is then ambiguous). 原件/复印件 and
    negations at the end of a typed name are read first (`shebao.rules.copies`); a placeholder
    month in the guide's name ("参保人员*月业务申报项目表") matches it left out or filled in.
    """

    def __init__(self, targets: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        pairs = list(targets.items() if isinstance(targets, Mapping) else targets)
        pairs += [
            (s.replace("*", "").replace("＊", ""), k) for s, k in pairs if "*" in s or "＊" in s
        ]
        self.whole = _index(pairs, canonical)  # as written, 原件及复印件 and all
        self.normal = _index(pairs, core)
        self.stems = _index(pairs, lambda s: stem(core(s)))
        # Spellings the guide writes with a separator inside, by their number of pieces.
        spanned = [_SEPARATOR.split(s) for s, _ in pairs if _SEPARATOR.search(s)]
        self.spans = sorted({len(p) for p in spanned}, reverse=True)
        self.heads = {canonical(p[0]) for p in spanned}  # their first pieces

    def split(self, text: str) -> list[str]:
        """Split on , ， 、 ； + and newlines, except inside brackets ("身份证（原件、复印件）"),
        in "原、复印件" and inside a name the guide itself writes with them.

        Linear in the text: only the few names with a separator inside are tried at each piece.

        >>> matcher = Matcher({"因病、非因公鉴定结论书": "x", "身份证": "y"})
        >>> matcher.split("因病、非因公鉴定结论书，身份证（原件、复印件）+户口本原、复印件")
        ['因病、非因公鉴定结论书', '身份证（原件、复印件）', '户口本原复印件']
        """
        if len(text) > MAX_CHARS:
            raise InputError(f"已提交材料的名称过长：共 {len(text)} 字，最多 {MAX_CHARS} 字")
        pieces = _SEPARATOR.split(_ORIGINAL_COPY.sub("原复印", text))
        out: list[str] = []
        seen: set[str] = set()
        i = 0
        while i < len(pieces):
            step = 1
            if i % 2 == 0:  # a name, not a separator
                spans = self.spans if canonical(pieces[i]) in self.heads else ()
                step = next(
                    (s for s in spans if canonical("".join(pieces[i : i + s])) in self.whole), 0
                ) or _bracketed(pieces, i)
            chunk = "".join(pieces[i : i + step]).strip()
            if chunk and not _SEPARATOR.fullmatch(chunk) and chunk not in seen:
                seen.add(chunk)
                out.append(chunk)
            i += step
        check_count(out)
        return out

    def match_all(self, names: Iterable[str]) -> list[Match]:
        """Match each name; a bare "复印件" takes the name before it, and "身份证和户口本" is
        two names when each part matches one material and the whole matches none."""
        out: list[Match] = []
        for name in names:
            found = self.match(name)
            if found.follows:
                found = _follow(found, out[-1] if out else None)
            elif found.material is None and not found.negated and _AND.search(name):
                parts = [self.match(p) for p in _AND.split(name) if p.strip()]
                if len(parts) > 1 and all(p.material and not p.follows for p in parts):
                    out.extend(parts)
                    continue
            out.append(found)
        return out

    def match(self, provided: str) -> Match:
        if first := _FORM_FIRST.fullmatch(provided.strip()):
            return replace(self.match(first["name"] + first["form"]), provided=provided)
        if (aside := _ASIDE.fullmatch(provided.strip())) and not read_tail(
            canonical(aside["inside"]), NEGATIONS
        ).core:
            return self._with_aside(provided, aside["name"], aside["inside"])
        key = canonical(provided)
        if key in self.whole:  # the guide's own spelling, even one that ends like a negation
            said = read_tail(key)
            return _found(provided, self.whole[key], said.forms, said.denied)
        if not key:  # brackets or marks only: nothing named
            return Match(provided, None)
        said = read_tail(key, NEGATIONS)
        if (
            not said.core
        ):  # "复印件", "复印件未带": of the name before it; a bare "一份" adds nothing
            forms = frozenset() if said.bare else said.forms
            return Match(provided, None, (), said.negated, forms, said.denied, follows=True)
        found, residue = self._find(said.core)
        if found:
            if said.negated or _NEGATION.search(residue):  # "缺身份证复印件": none of it
                denied = frozenset() if said.bare else said.forms | said.denied
                return _found(provided, found, frozenset(), denied, negated=True)
            return _found(provided, found, said.forms, said.denied)
        bare = _NEGATION.sub("", said.core).rstrip("了")
        if bare != said.core:  # "缺诊断书": what is said to be missing
            found, _ = self._find(bare)
            material = found[0] if len(found) == 1 else None
            return Match(provided, material, found if material is None else (), True)
        return Match(provided, None)

    def _with_aside(self, provided: str, name: str, inside: str) -> Match:
        """ "身份证原件（复印件未带）": the bracket speaks of the forms, the name before it of
        the document (and, if it says so, of its own form)."""
        found = self.match(name)
        said = read_tail(canonical(inside), NEGATIONS)
        if found.material is None or found.negated:
            return replace(found, provided=provided)
        if said.negated:  # "社保卡（丢失）"
            return replace(found, provided=provided, negated=True, forms=frozenset())
        own = read_tail(canonical(name), NEGATIONS)
        forms = (frozenset() if own.bare else found.forms) | said.forms
        denied = (found.denied | said.denied) - said.forms
        if not forms and not denied:
            forms = found.forms
        return _found(provided, (found.material,), forms - denied, denied)

    def _find(self, key: str) -> tuple[tuple[str, ...], str]:
        """The keys the text may stand for, and what of it is not the name (for negations)."""
        if key in self.normal:
            return self.normal[key], ""
        root = stem(key)
        if root in self.stems:
            return self.stems[root], key[len(root) :]
        if len(key) < 2:
            return (), key
        # Containment, of the names and of their stems together: "申请书" in item 24 could be
        # its 申请书 or, 书 and 表 being the same to people, its 申请表 — both are candidates.
        hits: dict[str, str] = {}
        for index, name in ((self.normal, key), (self.stems, root)):
            for spelling, keys in index.items():
                inside = len(spelling) >= 2 and spelling in name
                if inside or (len(name) >= 2 and name in spelling):
                    residue = name.replace(spelling, "", 1) if inside else ""
                    for k in keys:
                        hits.setdefault(k, residue)
        found = tuple(hits)
        return found, (hits[found[0]] if len(found) == 1 else "") if found else key


def _found(
    provided: str,
    keys: tuple[str, ...],
    forms: frozenset[str],
    denied: frozenset[str],
    negated: bool = False,
) -> Match:
    negated = negated or (not forms and bool(denied))
    if len(keys) == 1:
        return Match(provided, keys[0], (), negated, forms, denied)
    return Match(provided, None, keys, negated, forms, denied)


def _follow(found: Match, before: Match | None) -> Match:
    """A bare "复印件" (or "复印件未带") is of the document named just before it."""
    if before is None or before.material is None:
        return Match(found.provided, None, before.candidates if before else ())
    negated = not found.forms and bool(found.denied)
    return Match(found.provided, before.material, (), negated, found.forms, found.denied)


def _bracketed(pieces: list[str], i: int) -> int:
    """How many pieces from `i` make one name because a bracket opened in the first closes
    in a later one (at most a few pieces ahead, so the split stays linear)."""
    depth = 0
    for n, piece in enumerate(pieces[i : i + _BRACKET_REACH]):
        depth += _depth(piece)
        if depth <= 0:
            return n + 1
    return 1


def _depth(piece: str) -> int:
    if not _BRACKET.search(piece):
        return 0
    return sum(piece.count(c) for c in _OPENING) - sum(piece.count(c) for c in _CLOSING)


def _index(
    pairs: Iterable[tuple[str, str]], key: Callable[[str], str]
) -> dict[str, tuple[str, ...]]:
    out: dict[str, dict[str, None]] = {}
    for spelling, target in pairs:
        form = key(spelling)
        if form:
            out.setdefault(form, {})[target] = None
    return {form: tuple(keys) for form, keys in out.items()}


def check_count(names: Iterable[str]) -> None:
    count = len(list(names))
    if count > MAX_NAMES:
        raise InputError(f"已提交材料过多：共 {count} 项，最多 {MAX_NAMES} 项")


def split_provided(text: str) -> list[str]:
    """Split without knowing the item's names (API callers that send a list need not)."""
    return Matcher({}).split(text)
