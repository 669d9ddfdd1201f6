"""One material checklist for a journey: each material once, with every step that needs it.

Materials merge only when their names are the same once typography is set aside (book-title
marks, brackets, spaces, 的, full-width forms): 身份证 in three items is one 身份证, but
银行卡 and 银行卡（存折） stay apart, and so do 身份证 and 供养亲属身份证, which are different
documents. A "任选其一" requirement merges only with the same choice (items 61 and 64). Beyond
typography, two spellings are one document only where the guide itself says so: the 容缺 list
writes 病历材料 for the 病历资料 of items 46, 48 and 50.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from shebao.events.model import StepStatus
from shebao.guide.model import Catalog
from shebao.rules.intake import Option, requirements
from shebao.rules.materials import normalise

if TYPE_CHECKING:
    from shebao.events.planning import StepPlan
    from shebao.guide.bundle import GuideBundle

REQUIRED, ONE_OF, CONDITIONAL = "required", "one_of", "conditional"


@dataclass(frozen=True, slots=True)
class Need:
    """One step's need of a material, in that item's own words."""

    step: str  # step id
    item: int
    wording: str  # the item's material as the guide writes it
    tolerable: bool  # on the 容缺 list for this item: may follow against a signed commitment
    source: str  # where to get it
    certain: bool  # False: the step itself is undecided


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    name: str  # as the first step that needs it writes it
    kind: str  # REQUIRED | ONE_OF | CONDITIONAL (视情况提供)
    needs: tuple[Need, ...]
    options: tuple[Option, ...] = ()  # ONE_OF: the ways to meet it
    heading: str = ""  # ONE_OF: what the choice depends on

    @property
    def certain(self) -> bool:
        """Needed whatever the undecided steps turn out to be."""
        return any(n.certain for n in self.needs)

    @property
    def steps(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n.step for n in self.needs))


def merge_materials(guide: GuideBundle, steps: Iterable[StepPlan]) -> tuple[ChecklistEntry, ...]:
    """The materials of every step that applies or is undecided, merged, in order of first need."""
    catalog = guide.catalog
    entries: dict[tuple[str, str], ChecklistEntry] = {}
    same = same_documents(catalog)
    for planned in steps:
        if not planned.scheduled or planned.step.item is None:
            continue
        item = catalog.item(planned.step.item)
        certain = planned.status is StepStatus.APPLIES
        listed = requirements(guide, item)
        for req in listed.required:
            kind = ONE_OF if req.options else REQUIRED
            need = Need(planned.step.id, item.no, req.label, req.tolerable, req.source, certain)
            key = normalise(req.label)
            _add(entries, (kind, same.get(key, key)), need, req.label, kind, req.options,
                 req.heading)  # fmt: skip
        for wording in (c.text for c in listed.conditional):
            need = Need(planned.step.id, item.no, wording, False, "", certain)
            _add(entries, (CONDITIONAL, normalise(wording)), need, wording, CONDITIONAL)
    return tuple(entries.values())


def same_documents(catalog: Catalog) -> dict[str, str]:
    """Spellings the guide uses for one document (normalised): the 容缺 list's name → the item's."""
    return {
        normalise(m.name): normalise(m.item_material)
        for entry in catalog.tolerations
        for m in entry.materials
        if m.item_material is not None and normalise(m.name) != normalise(m.item_material)
    }


def _add(
    entries: dict[tuple[str, str], ChecklistEntry],
    key: tuple[str, str],
    need: Need,
    name: str,
    kind: str,
    options: tuple[Option, ...] = (),
    heading: str = "",
) -> None:
    found = entries.get(key)
    if found is None:
        entries[key] = ChecklistEntry(name, kind, (need,), options, heading)
    else:
        entries[key] = ChecklistEntry(
            found.name, found.kind, (*found.needs, need), found.options, found.heading
        )
