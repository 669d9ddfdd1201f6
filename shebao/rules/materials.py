"""Matching the names people type for materials to the names the guide uses, forgivingly but
never silently: a name that matches nothing, or several things, is reported back, and so is a
name said to be missing ("缺病历资料", "身份证复印件未带"), which never counts as provided.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from shebao.errors import InputError

# Marks and brackets, spaces, and 的 (毫无区别: "监护人的身份证" is "监护人身份证").
_NOISE = re.compile(r"[\s《》〈〉<>“”\"'‘’()（）\[\]【】〔〕「」『』的]")
_SEPARATOR = re.compile(r"([,，、;；\n])")
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


class Matcher:
    """Exact spelling, then normalised, then stem; then a unique containment either way.

    `targets` maps every spelling to the key it stands for (several spellings may share one).
    """

    def __init__(self, targets: Mapping[str, str]) -> None:
        self.targets = dict(targets)
        self.normal = _index(self.targets, normalise)
        self.stems = _index(self.targets, stem)
        # Spellings the guide writes with a separator inside, by their number of pieces.
        spans = {len(_SEPARATOR.split(n)) for n in self.targets if _SEPARATOR.search(n)}
        self.spans = sorted(spans, reverse=True)

    def split(self, text: str) -> list[str]:
        """Split on , ， 、 ； and newlines, except inside a name the guide itself writes with them.

        Linear in the text: only the few names with a separator inside are tried at each piece.

        >>> matcher = Matcher({"因病、非因公鉴定结论书": "x", "身份证": "y"})
        >>> matcher.split("因病、非因公鉴定结论书，身份证")
        ['因病、非因公鉴定结论书', '身份证']
        """
        if len(text) > MAX_CHARS:
            raise InputError(f"已提交材料的名称过长：共 {len(text)} 字，最多 {MAX_CHARS} 字")
        pieces = _SEPARATOR.split(text)
        out: list[str] = []
        seen: set[str] = set()
        i = 0
        while i < len(pieces):
            step = next(
                (s for s in self.spans if normalise("".join(pieces[i : i + s])) in self.normal),
                1,
            )
            chunk = "".join(pieces[i : i + step]).strip()
            if chunk and not _SEPARATOR.fullmatch(chunk) and chunk not in seen:
                seen.add(chunk)
                out.append(chunk)
            i += step
        check_count(out)
        return out

    def match(self, provided: str) -> Match:
        key = normalise(provided)
        found, residue = self._find(provided, key)
        if found:
            negated = bool(_NEGATION.search(residue))
            if len(found) == 1:
                return Match(provided, found[0], negated=negated)
            return Match(provided, None, found, negated)
        bare = _NEGATION.sub("", key).rstrip("了")
        if bare != key:  # "缺诊断书": what is said to be missing
            found, _ = self._find(bare, bare)
            material = found[0] if len(found) == 1 else None
            return Match(provided, material, found if material is None else (), True)
        return Match(provided, None)

    def _find(self, provided: str, key: str) -> tuple[tuple[str, ...], str]:
        """The keys the text may stand for, and what of it is not the name (for negations)."""
        if provided in self.targets:
            return (self.targets[provided],), ""
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


def _index(targets: Mapping[str, str], key: Callable[[str], str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, dict[str, None]] = {}
    for spelling, target in targets.items():
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
