"""收件检查: which materials are missing, whether the 容缺 list lets the case in anyway, and the
一次性告知 that names every missing material at once with where to get it.

Readings the guide leaves open (materials "视情况提供", documents "任选其一", where a material
comes from) are data in rules/intake.yaml (read by `shebao.rules.intake_reading`); the 容缺 list
itself is the catalog's tolerated.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from shebao.errors import InputError
from shebao.guide import Catalog, Item
from shebao.rules.intake_reading import IntakeReading, OneOf
from shebao.rules.materials import MAX_CHARS, Match, Matcher, check_count

if TYPE_CHECKING:
    from shebao.guide.bundle import GuideBundle


class Outcome(StrEnum):
    COMPLETE = "complete"  # nothing missing: accept
    TOLERATED = "tolerated"  # only 容缺 materials missing: accept against a signed commitment
    INCOMPLETE = "incomplete"  # something missing that may not be: do not accept yet


@dataclass(frozen=True, slots=True)
class Document:
    """One document of an option; any of `names` stands for it, `names[0]` is how we say it."""

    names: tuple[str, ...]
    source: str

    @property
    def key(self) -> str:
        return self.names[0]


@dataclass(frozen=True, slots=True)
class Option:
    """One way to meet a "任选其一" requirement: all of its documents together."""

    label: str
    material: str | None  # the guide's wording it stands for; typed whole, it counts in full
    documents: tuple[Document, ...]

    def met(self, have: set[str]) -> bool:
        return self.material in have or all(d.key in have for d in self.documents)

    @property
    def text(self) -> str:
        names = "、".join(d.key for d in self.documents)
        both = "（须同时提供）" if len(self.documents) > 1 else ""
        return f"{self.label}：{names}{both}"


@dataclass(frozen=True, slots=True)
class Requirement:
    """What the person must bring: one material, or one of several options (`options`)."""

    names: tuple[str, ...]  # the guide's materials it covers
    tolerable: bool = False
    source: str = ""  # where to get it, as the notice says it
    options: tuple[Option, ...] = ()
    heading: str = ""  # for a choice: what the choice depends on

    @property
    def label(self) -> str:
        if not self.options:
            return self.names[0]
        return f"以下任选其一（{self.heading}）：" + " / ".join(o.text for o in self.options)

    def met(self, have: set[str]) -> bool:
        if not self.options:
            return self.names[0] in have
        return any(option.met(have) for option in self.options)


@dataclass(frozen=True)
class IntakeResult:
    item: Item
    outcome: Outcome
    missing: tuple[Requirement, ...]
    conditional: tuple[str, ...]  # "视情况提供": never counted as missing, always mentioned
    matches: tuple[Match, ...]
    commitment_required: bool
    notice: str
    catalog_version: str
    have: frozenset[str] = frozenset()


def requirements(
    catalog: Catalog, reading: IntakeReading, item: Item
) -> tuple[list[Requirement], list[str]]:
    """The item's requirements and its "视情况提供" materials, per the guide and our readings.

    A material the 容缺 list tolerates but the item's own list omits (items 36, 52, 53) is
    required too: the 容缺 list only makes sense if the material is normally asked for.
    """
    toleration = catalog.toleration_for(item.no)
    tolerable = {t.item_material or t.name for t in toleration.materials} if toleration else set()
    groups = [g for g in reading.one_of if item.no in g.items]
    owner = {name: g for g in groups for name in g.materials(item)}
    emitted: set[int] = set()
    required: list[Requirement] = []
    conditional: list[str] = []
    for material in item.materials:
        group = owner.get(material.name)
        if material.role == "commitment" or (group and id(group) in emitted):
            continue
        if group:
            emitted.add(id(group))
            required.append(_choice(reading, item, group))
        elif material.name in reading.conditional_names.get(item.no, ()) or (
            material.note and any(w in material.note for w in reading.conditional_notes)
        ):
            conditional.append(material.verbatim)
        else:
            ok = material.name in tolerable
            src = toleration.source if ok and toleration else reading.source(item, material.name)
            required.append(Requirement((material.name,), ok, src))
    if toleration:
        unlisted = [t.name for t in toleration.materials if t.item_material is None]
        required.extend(Requirement((name,), True, toleration.source) for name in unlisted)
    return required, conditional


def _choice(reading: IntakeReading, item: Item, group: OneOf) -> Requirement:
    options = tuple(
        Option(
            spec.label,
            spec.material,
            tuple(Document(names, reading.source(item, names[0])) for names in spec.documents),
        )
        for spec in group.options
    )
    sources = dict.fromkeys(f"{d.key}：{d.source}" for o in options for d in o.documents)
    return Requirement(
        tuple(group.materials(item)), False, "；".join(sources), options, group.heading
    )


def intake_check(guide: GuideBundle, item_no: int | str, provided: list[str] | str) -> IntakeResult:
    """Compare what the person brought with what the item asks for; see module docstring."""
    catalog, reading = guide.catalog, guide.intake
    item = catalog.item(item_no)
    required, conditional = requirements(catalog, reading, item)
    matcher = Matcher(_targets(catalog, item, required))
    if isinstance(provided, str):
        names = matcher.split(provided)
    else:
        check_count(provided)
        if sum(len(str(n)) for n in provided) > MAX_CHARS:
            raise InputError(f"已提交材料的名称过长：最多共 {MAX_CHARS} 字")
        names = [str(n).strip() for n in provided if str(n).strip()]
    matches = tuple(matcher.match(name) for name in names)
    have = {m.material for m in matches if m.material and not m.negated}
    missing = tuple(r for r in required if not r.met(have))
    if not missing:
        outcome = Outcome.COMPLETE
    elif all(r.tolerable for r in missing):
        outcome = Outcome.TOLERATED
    else:
        outcome = Outcome.INCOMPLETE
    return IntakeResult(
        item=item,
        outcome=outcome,
        missing=missing,
        conditional=tuple(conditional),
        matches=matches,
        commitment_required=outcome is Outcome.TOLERATED,
        notice=compose_notice(item, outcome, missing, conditional, matches, have),
        catalog_version=catalog.version,
        have=frozenset(have),
    )


def _targets(catalog: Catalog, item: Item, required: list[Requirement]) -> dict[str, str]:
    """Every spelling a person may type, with the material or document it stands for."""
    targets = {m.name: m.name for m in item.materials}
    toleration = catalog.toleration_for(item.no)
    for tolerated in toleration.materials if toleration else ():
        if tolerated.item_material and tolerated.name != tolerated.item_material:
            targets[tolerated.name] = tolerated.item_material
    for req in required:
        targets.update({name: name for name in req.names})
        for option in req.options:
            for doc in option.documents:
                targets.update({name: doc.key for name in doc.names})
            if option.material and len(option.documents) == 1:  # the guide's sentence: the document
                targets[option.material] = option.documents[0].key
    return targets


_HEADLINES = {
    Outcome.COMPLETE: "要件齐全，可以受理。",
    Outcome.TOLERATED: "尚缺以下材料，均属容缺办理事项清单可容缺的材料，可以先行受理：",
    Outcome.INCOMPLETE: "尚缺以下材料，请一次补齐后办理：",
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def compose_notice(
    item: Item,
    outcome: Outcome,
    missing: tuple[Requirement, ...],
    conditional: list[str],
    matches: tuple[Match, ...],
    have: set[str] | frozenset[str] = frozenset(),
) -> str:
    """一次性告知: every missing material at once, each with where to get it."""
    headline = _HEADLINES[outcome] if item.materials else "指南未列需提交的要件，可以受理。"
    lines = [f"【一次性告知】事项{item.no}“{item.name}”{headline}"]
    for n, req in enumerate(missing, 1):
        if req.options:
            lines.append(f"{n}. 以下任选其一（{req.heading}）：")
            lines.extend(_option_lines(req, have))
            continue
        mark = "（可容缺）" if req.tolerable and outcome is Outcome.INCOMPLETE else ""
        lines.append(f"{n}. {req.label}{mark}——取得途径：{req.source}")
    if outcome is Outcome.TOLERATED:
        lines.append("请申请人签署《容缺受理承诺书》，承诺在规定期限内补齐上述材料。")
    elif any(r.tolerable for r in missing):
        lines.append("标注“可容缺”的材料：其他材料补齐后，可签署《容缺受理承诺书》先行受理。")
    if conditional:
        lines.append("以下材料视情况提供：" + "；".join(conditional))
    for m in matches:
        if m.negated:
            what = f"“{m.material}”" if m.material else "所指材料"
            lines.append(f"所报“{m.provided}”表示未提供，{what}按缺件处理。")
        elif m.material is None:
            maybe = f"（可能是：{'、'.join(m.candidates)}）" if m.candidates else ""
            lines.append(f"所报材料“{m.provided}”未能对应本事项的要件{maybe}，请核对名称。")
    return "\n".join(lines)


def _option_lines(req: Requirement, have: set[str] | frozenset[str]) -> list[str]:
    lines = []
    for mark, option in zip(_CIRCLED, req.options, strict=False):
        docs = option.documents
        if len(docs) == 1:
            lines.append(f"   {mark} {option.text}——取得途径：{docs[0].source}")
            continue
        lines.append(f"   {mark} {option.label}：须同时提供以下{len(docs)}份")
        lines.extend(f"      - {d.key}——取得途径：{d.source}" for d in docs)
        given = [d.key for d in docs if d.key in have]
        if given:
            lacking = "、".join(d.key for d in docs if d.key not in have)
            lines.append(f"      已提供{'、'.join(given)}，尚缺{lacking}")
    return lines
