"""收件检查: which materials are missing, whether the 容缺 list lets the case in anyway, and the
一次性告知 that names every missing material at once with where to get it.

Readings the guide leaves open (materials "视情况提供", documents "任选其一", where a material
comes from) are data in rules/intake.yaml; the 容缺 list itself is the catalog's tolerated.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from shebao.catalog import DATA_ROOT, Catalog, Item
from shebao.datafiles import check_keys, read_mapping
from shebao.errors import DataError
from shebao.rules.materials import Match, Matcher


class Outcome(StrEnum):
    COMPLETE = "complete"  # nothing missing: accept
    TOLERATED = "tolerated"  # only 容缺 materials missing: accept against a signed commitment
    INCOMPLETE = "incomplete"  # something missing that may not be: do not accept yet


@dataclass(frozen=True, slots=True)
class Requirement:
    """What the person must bring: one material, or one of several (`names` has them all)."""

    names: tuple[str, ...]
    tolerable: bool = False
    source: str = ""  # where to get it, as the notice says it

    @property
    def label(self) -> str:
        return self.names[0] if len(self.names) == 1 else "以下任选其一：" + " / ".join(self.names)


@dataclass(frozen=True)
class IntakeReading:
    conditional_notes: tuple[str, ...]
    conditional_names: dict[int, frozenset[str]]  # item -> materials needed only in some cases
    one_of: tuple[tuple[frozenset[int], tuple[str, ...]], ...]
    forms: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]


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

    def as_dict(self) -> dict[str, Any]:
        tolerated = self.outcome is Outcome.TOLERATED
        return {
            "item": self.item.no,
            "item_name": self.item.name,
            "outcome": self.outcome.value,
            "missing": [r.label for r in self.missing],
            "tolerated": [r.label for r in self.missing] if tolerated else [],
            "commitment_required": self.commitment_required,
            "notice": self.notice,
            "missing_details": [
                {"name": r.label, "tolerable": r.tolerable, "source": r.source}
                for r in self.missing
            ],
            "conditional": list(self.conditional),
            "matched": {m.provided: m.material for m in self.matches if m.material},
            "unmatched": [
                {"provided": m.provided, "candidates": list(m.candidates)}
                for m in self.matches
                if not m.material
            ],
            "catalog_version": self.catalog_version,
        }


def load_reading(path: Path) -> IntakeReading:
    raw = read_mapping(path)
    check_keys(raw, ["description", "conditional", "one_of", "forms", "sources"], where=path.name)
    notes = check_keys(
        raw["conditional"], ["note_contains", "materials"], where=f"{path.name} conditional"
    )
    by_item: dict[int, frozenset[str]] = {}
    for n, group in enumerate(notes["materials"] or []):
        where = f"{path.name} conditional.materials 第{n + 1}组"
        check_keys(group, ["items", "names", "reading"], where=where)
        for no in group["items"]:
            by_item[no] = by_item.get(no, frozenset()) | frozenset(group["names"])
    groups = []
    for n, group in enumerate(raw["one_of"] or []):
        check_keys(
            group, ["items", "materials", "reading"], where=f"{path.name} one_of 第{n + 1}组"
        )
        groups.append((frozenset(group["items"]), tuple(group["materials"])))
    forms = check_keys(raw["forms"], ["name_contains"], where=f"{path.name} forms")
    sources = []
    for n, entry in enumerate(raw["sources"]):
        check_keys(entry, ["name_contains", "source"], where=f"{path.name} sources 第{n + 1}项")
        sources.append((entry["name_contains"], entry["source"]))
    return IntakeReading(
        tuple(notes["note_contains"]),
        by_item,
        tuple(groups),
        tuple(forms["name_contains"]),
        tuple(sources),
    )


_READINGS: dict[tuple[str, str], IntakeReading] = {}


def reading_for(catalog: Catalog) -> IntakeReading:
    key = (catalog.city, catalog.version)
    if key not in _READINGS:
        reading = load_reading(DATA_ROOT / catalog.city / "rules" / "intake.yaml")
        listed = [
            *reading.one_of,
            *((frozenset({no}), n) for no, n in reading.conditional_names.items()),
        ]
        for items, names in listed:
            for no in items:
                own = {m.name for m in catalog.item(no).materials}
                if stray := [n for n in names if n not in own]:
                    raise DataError(f"intake.yaml：事项{no}没有要件 {'、'.join(stray)}")
        _READINGS[key] = reading
    return _READINGS[key]


def requirements(catalog: Catalog, item: Item) -> tuple[list[Requirement], list[str]]:
    """The item's requirements and its "视情况提供" materials, per the guide and our readings.

    A material the 容缺 list tolerates but the item's own list omits (items 36, 52, 53) is
    required too: the 容缺 list only makes sense if the material is normally asked for.
    """
    reading = reading_for(catalog)
    toleration = catalog.toleration_for(item.no)
    tolerable = {t.item_material or t.name for t in toleration.materials} if toleration else set()
    grouped = {names: False for items, names in reading.one_of if item.no in items}
    required: list[Requirement] = []
    conditional: list[str] = []
    for material in item.materials:
        group = next((g for g in grouped if material.name in g), None)
        if material.role == "commitment" or (group and grouped[group]):
            continue
        if group:
            grouped[group] = True
            required.append(Requirement(group, source=_source(reading, item, group[0])))
        elif material.name in reading.conditional_names.get(item.no, ()) or (
            material.note and any(w in material.note for w in reading.conditional_notes)
        ):
            conditional.append(material.verbatim)
        else:
            ok = material.name in tolerable
            src = toleration.source if ok and toleration else _source(reading, item, material.name)
            required.append(Requirement((material.name,), ok, src))
    if toleration:
        unlisted = [t.name for t in toleration.materials if t.item_material is None]
        required.extend(Requirement((name,), True, toleration.source) for name in unlisted)
    return required, conditional


def _source(reading: IntakeReading, item: Item, name: str) -> str:
    for word, source in reading.sources:
        if word in name:
            return source
    if any(word in name for word in reading.forms) and item.sample_sources:
        route = item.sample_sources[0]
        where = f"（{route.url}）" if route.url else ""
        return f"申请材料样表：{route.label}{where}，在本事项办事指南的“申请材料”栏目下载"
    return "向出具该材料的单位或部门索取"


def intake_check(catalog: Catalog, item_no: int | str, provided: list[str] | str) -> IntakeResult:
    """Compare what the person brought with what the item asks for; see module docstring."""
    item = catalog.item(item_no)
    required, conditional = requirements(catalog, item)
    toleration = catalog.toleration_for(item.no)
    aliases = {t.name: t.item_material for t in toleration.materials} if toleration else {}
    known = [n for r in required for n in r.names] + [m.name for m in item.materials]
    matcher = Matcher(known, aliases, groups=[r.names for r in required if len(r.names) > 1])
    names = matcher.split(provided) if isinstance(provided, str) else provided
    matches = tuple(matcher.match(name) for name in names)
    have = {m.material for m in matches if m.material}
    missing = tuple(r for r in required if not have.intersection(r.names))
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
        notice=compose_notice(item, outcome, missing, conditional, matches),
        catalog_version=catalog.version,
    )


_HEADLINES = {
    Outcome.COMPLETE: "要件齐全，可以受理。",
    Outcome.TOLERATED: "尚缺以下材料，均属容缺办理事项清单可容缺的材料，可以先行受理：",
    Outcome.INCOMPLETE: "尚缺以下材料，请一次补齐后办理：",
}


def compose_notice(
    item: Item,
    outcome: Outcome,
    missing: tuple[Requirement, ...],
    conditional: list[str],
    matches: tuple[Match, ...],
) -> str:
    """一次性告知: every missing material at once, each with where to get it."""
    headline = _HEADLINES[outcome] if item.materials else "指南未列需提交的要件，可以受理。"
    lines = [f"【一次性告知】事项{item.no}“{item.name}”{headline}"]
    for n, req in enumerate(missing, 1):
        mark = "（可容缺）" if req.tolerable and outcome is Outcome.INCOMPLETE else ""
        lines.append(f"{n}. {req.label}{mark}——取得途径：{req.source}")
    if outcome is Outcome.TOLERATED:
        lines.append("请申请人签署《容缺受理承诺书》，承诺在规定期限内补齐上述材料。")
    elif any(r.tolerable for r in missing):
        lines.append("标注“可容缺”的材料：其他材料补齐后，可签署《容缺受理承诺书》先行受理。")
    if conditional:
        lines.append("以下材料视情况提供：" + "；".join(conditional))
    for m in matches:
        if m.material is None:
            maybe = f"（可能是：{'、'.join(m.candidates)}）" if m.candidates else ""
            lines.append(f"所报材料“{m.provided}”未能对应本事项的要件{maybe}，请核对名称。")
    return "\n".join(lines)
