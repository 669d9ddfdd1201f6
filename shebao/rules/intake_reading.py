"""How the intake check reads the guide's material lists: rules/intake.yaml, loaded strictly.

The file says which materials are needed only in some cases, which are "任选其一" and what each
option consists of, which lines of the guide list several documents (`split`), what else people
call a material (`names`), how a material the 容缺 list names but the item omits is read, which
materials are forms (got from the item's 申请材料样表) and where the others come from. Every
name it uses is checked against the item's own materials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shebao.datafiles import check_keys, data_list, read_mapping
from shebao.errors import DataError
from shebao.guide import Catalog, Item
from shebao.rules.materials import core, normalise

if TYPE_CHECKING:
    from shebao.search.vocabulary import Vocabulary

# Said where the guide gives no source and the name says nothing about who issues it.
GENERIC_SOURCE = "申请人自备（指南未写明出具单位，请向出具该材料的单位或部门索取）"
_QUALIFIERS = re.compile(r"(原件及复印件|原件和复印件|原件|复印件|各一份|一份)+$")
_TITLE = re.compile(r"《([^》]+)》")


@dataclass(frozen=True, slots=True)
class OptionSpec:
    label: str
    material: str | None  # the guide's material this option is (None: its documents are)
    documents: tuple[tuple[str, ...], ...]  # each: the spellings of one document, first = name


@dataclass(frozen=True, slots=True)
class OneOf:
    items: frozenset[int]
    heading: str
    options: tuple[OptionSpec, ...]
    reading: str = ""

    def materials(self, item: Item) -> list[str]:
        """The item's materials this choice stands for, in the guide's order."""
        named = {o.material for o in self.options} | {
            d[0] for o in self.options for d in o.documents
        }
        return [m.name for m in item.materials if m.name in named]


@dataclass(frozen=True, slots=True)
class Part:
    """One document of a line that lists several; `when` it is needed only in some cases."""

    name: str
    also: tuple[str, ...] = ()  # other spellings of it
    when: str | None = None


@dataclass(frozen=True, slots=True)
class Split:
    items: frozenset[int]
    material: str  # the guide's line
    parts: tuple[Part, ...]
    reading: str


@dataclass(frozen=True, slots=True)
class NameGroup:
    """What else people call a material: `names[0]` as the guide writes it, then the others."""

    names: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Unlisted:
    """The items whose 容缺 entry names a material their own list lacks, and how we read it."""

    items: frozenset[int]
    reading: str


@dataclass(frozen=True)
class IntakeReading:
    conditional_notes: tuple[str, ...]
    conditional_names: dict[int, frozenset[str]]  # item -> materials needed only in some cases
    one_of: tuple[OneOf, ...]
    form_endings: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]
    splits: tuple[Split, ...] = ()
    names: tuple[NameGroup, ...] = ()
    unlisted: Unlisted | None = None
    copies_reading: str = ""  # how 原件 and 复印件 are read, stated where they decide

    def source(self, item: Item, name: str) -> str:
        """Where to get a material: the first `sources` entry its name contains; a form's sample
        table; else the generic 申请人自备."""
        for word, source in self.sources:
            if word in name:
                return source
        if is_form(name, self.form_endings) and item.sample_sources:
            route = item.sample_sources[0]
            where = f"（{route.url}）" if route.url else ""
            return f"申请材料样表：{route.label}{where}，在本事项办事指南的“申请材料”栏目下载"
        return GENERIC_SOURCE

    def split_of(self, item: Item, material: str) -> Split | None:
        return next((s for s in self.splits if item.no in s.items and s.material == material), None)

    def other_names(self, name: str) -> tuple[str, ...]:
        """Every other spelling the `names` groups give for a material or document."""
        return self._by_core.get(core(name), ())

    @cached_property
    def _by_core(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for group in self.names:
            key = core(group.names[0])
            out[key] = out.get(key, ()) + group.names[1:]
        return out


_LENT: dict[int, tuple[Vocabulary, dict[str, tuple[str, ...]]]] = {}


def vocabulary_names(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    """Names the search vocabulary lends to intake, by the core of the name they stand for.

    Only an entry with one meaning lends its words ("社保卡", "医保卡" → 社会保障卡), and then
    all of them stand for one another; a word with several meanings ("卡": 社会保障卡 or
    银行卡) names no material. Single characters never do.
    """
    cached = _LENT.get(id(vocabulary))
    if cached and cached[0] is vocabulary:
        return cached[1]
    groups: dict[str, list[str]] = {}
    for synonym in vocabulary.synonyms.values():
        (means, *more) = synonym.means
        if not more and " " not in means and len(synonym.word) > 1:
            groups.setdefault(means, []).append(synonym.word)
    out: dict[str, list[str]] = {}
    for means, words in groups.items():
        members = [means, *words]
        for member in members:
            out.setdefault(core(member), []).extend(m for m in members if m != member)
    lent = {key: tuple(dict.fromkeys(names)) for key, names in out.items()}
    _LENT[id(vocabulary)] = (vocabulary, lent)
    return lent


def is_form(name: str, endings: tuple[str, ...]) -> bool:
    """A form by what the document is (its title in 《》, or the name without copy/count words),
    never by a character that happens to be inside it (“表” in 法定代表人).

    >>> endings = ("表", "申请书")
    >>> is_form("单位填报《机关事业单位社会保险登记申请表》一份", endings)
    True
    >>> is_form("法定代表人任命文原件及复印件", endings)
    False
    """
    titles = _TITLE.findall(name)
    what = normalise(titles[-1]) if titles else _QUALIFIERS.sub("", normalise(name))
    return what.endswith(endings)


def load_reading(path: Path) -> IntakeReading:
    raw = read_mapping(path)
    check_keys(
        raw,
        ["description", "conditional", "one_of", "forms", "sources"],
        ["split", "names", "tolerated_unlisted", "copies"],
        where=path.name,
    )
    notes = check_keys(
        raw["conditional"], ["note_contains", "materials"], where=f"{path.name} conditional"
    )
    by_item: dict[int, frozenset[str]] = {}
    for n, group in enumerate(data_list(notes["materials"], f"{path.name} conditional.materials")):
        where = f"{path.name} conditional.materials 第{n + 1}组"
        check_keys(group, ["items", "names", "reading"], where=where)
        for no in group["items"]:
            by_item[no] = by_item.get(no, frozenset()) | frozenset(group["names"])
    groups = tuple(
        _one_of(group, f"{path.name} one_of 第{n + 1}组")
        for n, group in enumerate(data_list(raw["one_of"], f"{path.name} one_of"))
    )
    forms = check_keys(raw["forms"], ["name_ends_with"], where=f"{path.name} forms")
    sources = []
    for n, entry in enumerate(data_list(raw["sources"], f"{path.name} sources")):
        check_keys(entry, ["name_contains", "source"], where=f"{path.name} sources 第{n + 1}项")
        sources.append(
            (_text(entry["name_contains"], path.name), _text(entry["source"], path.name))
        )
    return IntakeReading(
        tuple(notes["note_contains"]),
        by_item,
        groups,
        tuple(_text(e, f"{path.name} forms") for e in data_list(forms["name_ends_with"], "forms")),
        tuple(sources),
        tuple(
            _split(entry, f"{path.name} split 第{n + 1}组")
            for n, entry in enumerate(data_list(raw.get("split", []), f"{path.name} split"))
        ),
        tuple(
            _name_group(entry, f"{path.name} names 第{n + 1}组")
            for n, entry in enumerate(data_list(raw.get("names", []), f"{path.name} names"))
        ),
        _unlisted(raw["tolerated_unlisted"], path.name) if "tolerated_unlisted" in raw else None,
        _copies(raw["copies"], path.name) if "copies" in raw else "",
    )


def _prose(value: Any, where: str) -> str:
    """A reading or reason as one paragraph: YAML folds lines with a space, Chinese has none.

    >>> _prose("容缺只对平时须提交的材料\\n才有意义", "x")
    '容缺只对平时须提交的材料才有意义'
    """
    return _FOLD.sub("", _text(value, where))


_FOLD = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}：应为非空文字，收到“{value}”")
    return value.strip()


def _items(raw: Any, where: str) -> frozenset[int]:
    items = data_list(raw, f"{where} items")
    if not items or not all(isinstance(i, int) and not isinstance(i, bool) for i in items):
        raise DataError(f"{where}：items 应为事项编号的列表")
    return frozenset(items)


def _split(raw: Any, where: str) -> Split:
    check_keys(raw, ["items", "material", "parts", "reading"], where=where)
    parts = []
    for n, part in enumerate(data_list(raw["parts"], f"{where} parts")):
        at = f"{where} 第{n + 1}份"
        entry = check_keys(part, ["name"], ["also", "when"], where=at)
        also = tuple(_text(a, at) for a in data_list(entry.get("also", []), f"{at} also"))
        when = _text(entry["when"], at) if "when" in entry else None
        parts.append(Part(_text(entry["name"], at), also, when))
    if len(parts) < 2:
        raise DataError(f"{where}：一条要件至少分成两份材料")
    if all(p.when for p in parts):
        raise DataError(f"{where}：至少要有一份材料不带 when（总须提供）")
    return Split(_items(raw["items"], where), _text(raw["material"], where), tuple(parts),
                 _prose(raw["reading"], where))  # fmt: skip


def _name_group(raw: Any, where: str) -> NameGroup:
    check_keys(raw, ["names", "reason"], where=where)
    names = tuple(_text(n, where) for n in data_list(raw["names"], f"{where} names"))
    if len(names) < 2:
        raise DataError(f"{where}：names 至少要有指南的写法和一种其他叫法")
    if len(set(names)) != len(names):
        raise DataError(f"{where}：names 中有重复的叫法")
    return NameGroup(names, _prose(raw["reason"], where))


def _copies(raw: Any, where: str) -> str:
    check_keys(raw, ["reading"], where=f"{where} copies")
    return _prose(raw["reading"], f"{where} copies")


def _unlisted(raw: Any, where: str) -> Unlisted:
    at = f"{where} tolerated_unlisted"
    check_keys(raw, ["items", "reading"], where=at)
    return Unlisted(_items(raw["items"], at), _prose(raw["reading"], at))


def _one_of(raw: Any, where: str) -> OneOf:
    check_keys(raw, ["items", "heading", "options", "reading"], where=where)
    items = _items(raw["items"], where)
    options = []
    for n, option in enumerate(data_list(raw["options"], f"{where} options")):
        at = f"{where} 第{n + 1}个选项"
        check_keys(option, ["label", "documents"], ["material"], where=at)
        documents = []
        for doc in data_list(option["documents"], f"{at} documents"):
            spellings = doc if isinstance(doc, list) else [doc]
            if not spellings:
                raise DataError(f"{at}：documents 中有空的写法列表")
            documents.append(tuple(_text(s, at) for s in spellings))
        if not documents:
            raise DataError(f"{at}：documents 不能为空")
        material = option.get("material")
        options.append(
            OptionSpec(
                _text(option["label"], at),
                _text(material, at) if material else None,
                tuple(documents),
            )
        )
    if len(options) < 2:
        raise DataError(f"{where}：任选其一至少要有两个选项")
    return OneOf(items, _text(raw["heading"], where), tuple(options), _prose(raw["reading"], where))


def load_intake_reading(catalog: Catalog, path: Path) -> IntakeReading:
    """The reading in `path`, checked against the catalog it was written for."""
    reading = load_reading(path)
    for no, names in reading.conditional_names.items():
        _check_names(catalog, no, names)
    for group in reading.one_of:
        for no in group.items:
            _check_group(catalog, no, group)
    for split in reading.splits:
        for no in split.items:
            _check_split(catalog, no, split)
    _check_name_groups(catalog, reading)
    _check_unlisted(catalog, reading.unlisted)
    return reading


def _check_names(catalog: Catalog, no: int, names: frozenset[str] | list[str]) -> None:
    own = {m.name for m in catalog.item(no).materials}
    if stray := [n for n in names if n not in own]:
        raise DataError(f"intake.yaml：事项{no}没有要件 {'、'.join(stray)}")


def _check_group(catalog: Catalog, no: int, group: OneOf) -> None:
    """An option's material is one of the item's; each document is too, or is named in it."""
    own = {m.name for m in catalog.item(no).materials}
    for option in group.options:
        if option.material is not None:
            _check_names(catalog, no, [option.material])
        for doc in option.documents:
            if doc[0] not in own and (option.material is None or doc[0] not in option.material):
                raise DataError(
                    f"intake.yaml：事项{no}的选项“{option.label}”中的“{doc[0]}”"
                    "既不是该事项的要件，也不在该选项所对应的要件文字中"
                )


def _check_split(catalog: Catalog, no: int, split: Split) -> None:
    """The line is the item's; each part is written with the line's own characters, so a
    document foreign to it ("驾驶证") is refused."""
    _check_names(catalog, no, [split.material])
    for part in split.parts:
        if stray := set(part.name) - set(split.material):
            raise DataError(
                f"intake.yaml：事项{no}的“{split.material}”中没有“{part.name}”"
                f"（“{''.join(sorted(stray))}”不在原文中）"
            )


def _check_name_groups(catalog: Catalog, reading: IntakeReading) -> None:
    """Each group must name, first, a material or a document some item asks for."""
    known = set()
    for item in catalog.items.values():
        known.update(core(m.name) for m in item.materials)
    for group in reading.one_of:
        known.update(core(d[0]) for o in group.options for d in o.documents)
    for split in reading.splits:
        known.update(core(p.name) for p in split.parts)
    for group in reading.names:
        if core(group.names[0]) not in known:
            raise DataError(f"intake.yaml names：没有事项要求“{group.names[0]}”")


def _check_unlisted(catalog: Catalog, unlisted: Unlisted | None) -> None:
    """The reading covers exactly the items whose 容缺 entry names a material they lack, so a
    new guide with another such entry stops the load until someone has read it."""
    actual = {
        entry.item
        for entry in catalog.tolerations
        if any(m.item_material is None for m in entry.materials)
    }
    said = unlisted.items if unlisted else frozenset()
    if actual != said:
        raise DataError(
            "intake.yaml tolerated_unlisted：容缺清单列出而事项要件未列材料的事项是 "
            f"{'、'.join(map(str, sorted(actual))) or '无'}，这里写的是 "
            f"{'、'.join(map(str, sorted(said))) or '无'}"
        )
