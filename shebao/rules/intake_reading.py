"""How the intake check reads the guide's material lists: rules/intake.yaml, loaded strictly.

The file says which materials are needed only in some cases, which are "任选其一" and what each
option consists of, which materials are forms (got from the item's 申请材料样表) and where the
others come from. Every name it uses is checked against the item's own materials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shebao.datafiles import check_keys, data_list, read_mapping
from shebao.errors import DataError
from shebao.guide import Catalog, Item
from shebao.rules.materials import normalise

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

    def materials(self, item: Item) -> list[str]:
        """The item's materials this choice stands for, in the guide's order."""
        named = {o.material for o in self.options} | {
            d[0] for o in self.options for d in o.documents
        }
        return [m.name for m in item.materials if m.name in named]


@dataclass(frozen=True)
class IntakeReading:
    conditional_notes: tuple[str, ...]
    conditional_names: dict[int, frozenset[str]]  # item -> materials needed only in some cases
    one_of: tuple[OneOf, ...]
    form_endings: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]

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
    core = normalise(titles[-1]) if titles else _QUALIFIERS.sub("", normalise(name))
    return core.endswith(endings)


def load_reading(path: Path) -> IntakeReading:
    raw = read_mapping(path)
    check_keys(raw, ["description", "conditional", "one_of", "forms", "sources"], where=path.name)
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
    )


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}：应为非空文字，收到“{value}”")
    return value.strip()


def _one_of(raw: Any, where: str) -> OneOf:
    check_keys(raw, ["items", "heading", "options", "reading"], where=where)
    items = data_list(raw["items"], f"{where} items")
    if not items or not all(isinstance(i, int) and not isinstance(i, bool) for i in items):
        raise DataError(f"{where}：items 应为事项编号的列表")
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
    return OneOf(frozenset(items), _text(raw["heading"], where), tuple(options))


def load_intake_reading(catalog: Catalog, path: Path) -> IntakeReading:
    """The reading in `path`, checked against the catalog it was written for."""
    reading = load_reading(path)
    for no, names in reading.conditional_names.items():
        _check_names(catalog, no, names)
    for group in reading.one_of:
        for no in group.items:
            _check_group(catalog, no, group)
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
