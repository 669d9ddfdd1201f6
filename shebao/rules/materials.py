"""Matching the names people type for materials to the names the guide uses, forgivingly but
never silently: a name that matches nothing, or several things, is reported back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_NOISE = re.compile(r"[\s《》〈〉<>“”\"'‘’()（）\[\]【】〔〕「」『』]")
_SEPARATOR = re.compile(r"([,，、;；\n])")


def normalise(name: str) -> str:
    """Compare names without book-title marks, brackets, spaces or full-width forms.

    >>> normalise("《 容缺受理承诺书 》"), normalise("银行卡(存折)")
    ('容缺受理承诺书', '银行卡存折')
    """
    return _NOISE.sub("", unicodedata.normalize("NFKC", name))


@dataclass(frozen=True, slots=True)
class Match:
    provided: str
    material: str | None  # the guide's name; None: nothing or more than one thing matched
    candidates: tuple[str, ...] = ()  # when ambiguous: the names it could mean


class Matcher:
    """Exact name, then the normalised name, then a unique containment either way."""

    def __init__(
        self,
        names: Iterable[str],
        aliases: Mapping[str, str | None] | None = None,
        groups: Sequence[Sequence[str]] = (),
    ) -> None:
        self.names = tuple(dict.fromkeys(names))
        self.aliases = {a: t for a, t in (aliases or {}).items() if t and a != t}
        self.targets = {n: n for n in self.names} | self.aliases
        self.normal = {normalise(k): t for k, t in self.targets.items()}
        self.group_of = {n: tuple(g) for g in groups for n in g}

    def split(self, text: str) -> list[str]:
        """Split on , ， 、 ； and newlines, except inside a name the guide itself writes with them.

        >>> Matcher(["因病、非因公鉴定结论书", "身份证"]).split("因病、非因公鉴定结论书，身份证")
        ['因病、非因公鉴定结论书', '身份证']
        """
        pieces = _SEPARATOR.split(text)
        out: list[str] = []
        i = 0
        while i < len(pieces):
            step = 1
            for j in range(len(pieces) - 1, i, -2):
                if normalise("".join(pieces[i : j + 1])) in self.normal:
                    step = j - i + 1
                    break
            chunk = "".join(pieces[i : i + step]).strip()
            if chunk and not _SEPARATOR.fullmatch(chunk) and chunk not in out:
                out.append(chunk)
            i += step
        return out

    def match(self, provided: str) -> Match:
        if provided in self.targets:
            return Match(provided, self.targets[provided])
        key = normalise(provided)
        if key in self.normal:
            return Match(provided, self.normal[key])
        if len(key) < 2:
            return Match(provided, None)
        found = tuple(
            dict.fromkeys(
                t for n, t in self.normal.items() if key in n or (len(n) >= 2 and n in key)
            )
        )
        if len(found) == 1:
            return Match(provided, found[0])
        if found and len({self.group_of.get(t) for t in found}) == 1 and found[0] in self.group_of:
            return Match(provided, found[0])  # all within one "任选其一" group: that group is met
        return Match(provided, None, found)


def split_provided(text: str) -> list[str]:
    """Split without knowing the item's names (API callers that send a list need not)."""
    return Matcher(()).split(text)
