"""收件检查: which materials are missing, whether the 容缺 list lets the case in anyway, and the
一次性告知 that names every missing material at once with where to get it.

Readings the guide leaves open (materials "视情况提供", documents "任选其一", lines that list
several documents, other names of a material, a 容缺 material the item omits, where a material
comes from) are data in rules/intake.yaml (read by `shebao.rules.intake_reading`); the 容缺 list
itself is the catalog's tolerated.yaml. `requirements` is the one reading of an item's list:
the intake check and `shebao show` both use it, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from shebao.errors import InputError
from shebao.guide import Item
from shebao.rules.copies import COPY, ORIGINAL, Copies, base_name, copies_asked
from shebao.rules.intake_notice import compose_notice
from shebao.rules.intake_reading import OneOf, Split, vocabulary_names
from shebao.rules.materials import MAX_CHARS, Match, Matcher, check_count, core

if TYPE_CHECKING:
    from shebao.guide.bundle import GuideBundle

Have = dict[str, frozenset[str]]  # key of a material or document -> 原件/复印件 brought


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

    def met(self, have: Have) -> bool:
        got = have.get(self.key)
        return bool(got) and not copies_asked(self.key).lacking(got)


@dataclass(frozen=True, slots=True)
class Option:
    """One way to meet a "任选其一" requirement: all of its documents together."""

    label: str
    material: str | None  # the guide's wording it stands for; typed whole, it counts in full
    documents: tuple[Document, ...]

    def met(self, have: Have) -> bool:
        return self.material in have or all(d.met(have) for d in self.documents)

    @property
    def text(self) -> str:
        names = "、".join(d.key for d in self.documents)
        both = "（须同时提供）" if len(self.documents) > 1 else ""
        return f"{self.label}：{names}{both}"


@dataclass(frozen=True, slots=True)
class Requirement:
    """What the person must bring: one material, or one of several options (`options`)."""

    names: tuple[str, ...]  # the guide's materials it covers; names[0] is the document
    tolerable: bool = False
    source: str = ""  # where to get it, as the notice says it
    options: tuple[Option, ...] = ()
    heading: str = ""  # for a choice: what the choice depends on
    spellings: tuple[str, ...] = ()  # other names it may be typed as
    reading: str = ""  # our reading of the guide, where one decides this requirement
    basis: str = ""  # where it comes from, when not the item's own list
    got: frozenset[str] = frozenset()  # when short: the 原件/复印件 already brought
    lacking: frozenset[str] = frozenset()  # when short: the 原件/复印件 still to bring

    @property
    def key(self) -> str:
        return self.names[0]

    @property
    def copies(self) -> Copies:
        return Copies.ANY if self.options else copies_asked(self.key)

    @property
    def label(self) -> str:
        if self.options:
            return f"以下任选其一（{self.heading}）：" + " / ".join(o.text for o in self.options)
        if self.got and self.copies is Copies.BOTH:  # "身份证明复印件": the part still missing
            return base_name(self.key) + "".join(f for f in (ORIGINAL, COPY) if f in self.lacking)
        return self.key

    @property
    def short_note(self) -> str:
        """What was brought of a requirement not yet met, as the notice says it."""
        if not self.got:
            return ""
        if self.copies is Copies.BOTH:
            return f"（已提供{'、'.join(f for f in (ORIGINAL, COPY) if f in self.got)}）"
        if self.copies is Copies.COPY:
            return "（所报为原件，本项须提供复印件）"
        return "（所报为复印件，本项须提供原件）"

    def shortfall(self, have: Have) -> Requirement | None:
        """None when met; else this requirement, narrowed to the forms still lacking."""
        if self.options:
            return None if any(o.met(have) for o in self.options) else self
        got = have.get(self.key, frozenset())
        if not got:
            return self
        lacking = self.copies.lacking(got)
        return replace(self, got=got, lacking=lacking) if lacking else None


@dataclass(frozen=True, slots=True)
class Conditional:
    """A material needed only in some cases ("视情况提供"): never missing, always mentioned."""

    name: str  # the key it is matched by
    text: str  # as the notice writes it, condition included
    reading: str = ""
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """One of our readings that decides how this item's list is taken."""

    about: str
    reading: str


# How the window takes each of the guide's materials.
REQUIRED, CONDITIONAL, ONE_OF, SPLIT, COMMITMENT = (
    "required", "conditional", "one_of", "split", "commitment"
)  # fmt: skip
TOLERATED_UNLISTED = "tolerated_unlisted"  # the role of a 容缺 material the item's list lacks


@dataclass(frozen=True)
class ItemReading:
    """An item's list as the window takes it."""

    required: list[Requirement]
    conditional: list[Conditional]
    readings: list[Reading]
    kinds: dict[str, str]  # the guide's material -> REQUIRED, CONDITIONAL, ONE_OF …


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
    have: Have
    readings: tuple[Reading, ...] = ()


def requirements(guide: GuideBundle, item: Item) -> ItemReading:
    """The item's requirements and its "视情况提供" materials, per the guide and our readings;
    `kinds` says how each of the guide's materials is taken (the view of `shebao show`)."""
    reading = guide.intake
    toleration = guide.catalog.toleration_for(item.no)
    tolerable = {t.item_material or t.name for t in toleration.materials} if toleration else set()
    owner = {n: g for g in reading.one_of if item.no in g.items for n in g.materials(item)}
    out = ItemReading([], [], [], {})
    for material in item.materials:
        group, split = owner.get(material.name), reading.split_of(item, material.name)
        if material.role == "commitment":
            out.kinds[material.name] = COMMITMENT
        elif group:
            out.kinds[material.name] = ONE_OF
            if group.heading not in _headings(out):
                out.required.append(_choice(guide, item, group))
                out.readings.append(Reading(group.heading, group.reading))
        elif split:
            out.kinds[material.name] = SPLIT
            _split(guide, item, split, out)
        elif material.name in reading.conditional_names.get(item.no, ()) or (
            material.note and any(w in material.note for w in reading.conditional_notes)
        ):
            out.kinds[material.name] = CONDITIONAL
            out.conditional.append(Conditional(material.name, material.verbatim))
        else:
            out.kinds[material.name] = REQUIRED
            ok = material.name in tolerable
            src = toleration.source if ok and toleration else reading.source(item, material.name)
            spell = _spellings(guide, material.name)
            out.required.append(Requirement((material.name,), ok, src, spellings=spell))
    if reading.copies_reading and any(_asks_a_form(r) for r in out.required):
        out.readings.append(Reading("原件与复印件", reading.copies_reading))
    if toleration and reading.unlisted:
        for t in toleration.materials:
            if t.item_material is None:  # the 容缺 list names it, the item's list does not
                basis, why = f"容缺办理事项清单第{toleration.no}项", reading.unlisted.reading
                req = Requirement((t.name,), True, toleration.source, reading=why, basis=basis)
                out.required.append(req)
                out.readings.append(Reading(t.name, why))
    return out


def _split(guide: GuideBundle, item: Item, split: Split, out: ItemReading) -> None:
    """One line of the guide that lists several documents: one requirement each."""
    out.readings.append(Reading(split.material, split.reading))
    for part in split.parts:
        if part.when:
            text = f"{part.name}（{part.when}）"
            out.conditional.append(Conditional(part.name, text, split.reading, part.also))
        else:
            src = guide.intake.source(item, part.name)
            spell = _spellings(guide, part.name, part.also)
            out.required.append(
                Requirement((part.name,), False, src, spellings=spell, reading=split.reading)
            )


def _asks_a_form(req: Requirement) -> bool:
    """Whether the guide writes 原件 or 复印件 for this requirement (or one of its documents)."""
    names = [d.key for o in req.options for d in o.documents] if req.options else [req.key]
    return any(copies_asked(name) is not Copies.ANY for name in names)


def _headings(out: ItemReading) -> set[str]:
    return {r.heading for r in out.required if r.options}


def _spellings(guide: GuideBundle, name: str, also: tuple[str, ...] = ()) -> tuple[str, ...]:
    lent = vocabulary_names(guide.vocabulary).get(core(name), ())
    return tuple(dict.fromkeys((*also, *guide.intake.other_names(name), *lent)))


def _choice(guide: GuideBundle, item: Item, group: OneOf) -> Requirement:
    reading = guide.intake
    options = tuple(
        Option(
            spec.label,
            spec.material,
            tuple(
                Document(names + _spellings(guide, names[0]), reading.source(item, names[0]))
                for names in spec.documents
            ),
        )
        for spec in group.options
    )
    sources = dict.fromkeys(f"{d.key}：{d.source}" for o in options for d in o.documents)
    return Requirement(
        tuple(group.materials(item)), False, "；".join(sources), options, group.heading,
        reading=group.reading,
    )  # fmt: skip


# An item's requirements and their matcher depend on the guide alone: built once per guide and
# item, they take most of an intake check's time (indexing every spelling of every material).
# Keyed by the guide's identity, which the entry keeps alive; bounded for processes (tests)
# that load many guides.
_PREPARED: dict[tuple[int, int], tuple[GuideBundle, ItemReading, Matcher]] = {}
_PREPARED_MAX = 1024


def _prepared(guide: GuideBundle, item: Item) -> tuple[ItemReading, Matcher]:
    key = (id(guide), item.no)
    hit = _PREPARED.get(key)
    if hit is None or hit[0] is not guide:
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        listed = requirements(guide, item)
        hit = _PREPARED[key] = (guide, listed, Matcher(_targets(guide, item, listed)))
    return hit[1], hit[2]


def intake_check(guide: GuideBundle, item_no: int | str, provided: list[str] | str) -> IntakeResult:
    """Compare what the person brought with what the item asks for; see module docstring."""
    catalog = guide.catalog
    item = catalog.item(item_no)
    listed, matcher = _prepared(guide, item)
    if isinstance(provided, str):
        names = matcher.split(provided)
    else:
        check_count(provided)
        if sum(len(str(n)) for n in provided) > MAX_CHARS:
            raise InputError(f"已提交材料的名称过长：最多共 {MAX_CHARS} 字")
        names = [str(n).strip() for n in provided if str(n).strip()]
    matches = tuple(matcher.match_all(names))
    have = _received(matches)
    missing = tuple(s for r in listed.required if (s := r.shortfall(have)))
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
        conditional=tuple(c.text for c in listed.conditional),
        matches=matches,
        commitment_required=outcome is Outcome.TOLERATED,
        notice=compose_notice(item, outcome, missing, matches, have, listed),
        catalog_version=catalog.version,
        have=have,
        readings=tuple(listed.readings),
    )


def _received(matches: tuple[Match, ...]) -> Have:
    have: dict[str, frozenset[str]] = {}
    for m in matches:
        if m.material and not m.negated:
            have[m.material] = have.get(m.material, frozenset()) | m.forms
    return have


def _targets(guide: GuideBundle, item: Item, listed: ItemReading) -> list[tuple[str, str]]:
    """Every spelling a person may type, with the material or document it stands for."""
    split = {s.material for s in guide.intake.splits if item.no in s.items}
    targets = [(m.name, m.name) for m in item.materials if m.name not in split]
    toleration = guide.catalog.toleration_for(item.no)
    for tolerated in toleration.materials if toleration else ():
        if tolerated.item_material and tolerated.name != tolerated.item_material:
            targets.append((tolerated.name, tolerated.item_material))
    for req in listed.required:
        targets += [(name, name) for name in req.names]
        targets += [(name, req.key) for name in req.spellings]
        for option in req.options:
            for doc in option.documents:
                targets += [(name, doc.key) for name in doc.names]
    for cond in listed.conditional:
        targets += [(name, cond.name) for name in (cond.name, *cond.spellings)]
    return list(dict.fromkeys(targets))
