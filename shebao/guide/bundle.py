"""One guide bundle: the catalog and everything read beside it, from one directory, one version.

The rules, the intake reading, the search vocabulary and the life events belong to the catalog
they were written for; loading them from the catalog's own directory means a catalog loaded from
elsewhere is checked with its own rules, and the version a decision records is the version
applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shebao.cases.supplement import SupplementLimits, load_supplement
from shebao.events.loader import load_events
from shebao.events.model import EventBook
from shebao.guide.loader import DATA_ROOT, DEFAULT_CITY, load_catalog_cached
from shebao.guide.model import Catalog
from shebao.rules.intake_reading import IntakeReading, load_intake_reading
from shebao.rules.prohibitions import RuleSet, load_rules
from shebao.search.vocabulary import Vocabulary, load_vocabulary


@dataclass(frozen=True, eq=False)
class GuideBundle:
    """A city's guide as the system applies it; immutable once loaded."""

    directory: Path
    catalog: Catalog
    rules: RuleSet
    intake: IntakeReading
    vocabulary: Vocabulary
    supplement: SupplementLimits  # 容缺 supplement limits, one per item on the 容缺 list
    events: EventBook  # life events (一件事一次办): steps over the catalog's items

    @property
    def version(self) -> str:
        """Content hash of every data file in the directory (rules and vocabulary included)."""
        return self.catalog.version


def default_city_dir() -> Path:
    return DATA_ROOT / DEFAULT_CITY


def load_bundle(city_dir: Path | None = None) -> GuideBundle:
    """Load and cross-check a city's data; a DataError names the file and field at fault."""
    directory = (city_dir or default_city_dir()).resolve()
    catalog = load_catalog_cached(directory)
    return GuideBundle(
        directory=directory,
        catalog=catalog,
        rules=load_rules(catalog, directory / "rules" / "prohibitions.yaml"),
        intake=load_intake_reading(catalog, directory / "rules" / "intake.yaml"),
        vocabulary=load_vocabulary(directory / "vocabulary.yaml"),
        supplement=load_supplement(catalog, directory / "rules" / "supplement.yaml"),
        events=load_events(catalog, directory / "events"),
    )
