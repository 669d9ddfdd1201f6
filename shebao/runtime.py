"""One runtime per process: the guide bundle, national parameters, the calendar and the search
index, built once by `bootstrap()` and passed explicitly to every service (the CLI builds one per
command; Django's AppConfig.ready() holds one per worker)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from shebao.guide.bundle import GuideBundle, load_bundle
from shebao.guide.model import Catalog
from shebao.rules.parameters import NATIONAL_DIR, Parameters, load_parameters
from shebao.workdays.workcalendar import WorkCalendar, holiday_dir

if TYPE_CHECKING:
    from shebao.search.index import Index

BEIJING = ZoneInfo("Asia/Shanghai")


def beijing_now() -> dt.datetime:
    """The time in Beijing, whatever the server's time zone: the guide's days are Beijing days."""
    return dt.datetime.now(BEIJING)


@dataclass(eq=False)
class Runtime:
    guide: GuideBundle
    parameters: Parameters
    holidays_dir: Path
    clock: Callable[[], dt.datetime] = beijing_now
    _index: Index | None = field(default=None, repr=False)
    # What services keep for the life of this runtime (e.g. recent search answers), by name.
    memos: dict[str, Any] = field(default_factory=dict, repr=False)
    _calendar: tuple[int, WorkCalendar] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def catalog(self) -> Catalog:
        return self.guide.catalog

    @property
    def calendar(self) -> WorkCalendar:
        """The working-day calendar, rebuilt when a year file is added or replaced.

        One stat of the holiday directory per call (a rename changes its mtime), so a year loaded
        by `shebao holidays load` in another process is seen at once by every server worker.
        """
        try:
            stamp = os.stat(self.holidays_dir).st_mtime_ns
        except OSError:
            stamp = 0
        cached = self._calendar
        if cached is None or cached[0] != stamp:
            cached = self._calendar = (stamp, WorkCalendar(self.holidays_dir))
        return cached[1]

    def forget_calendar(self) -> None:
        """For a file system whose mtimes are too coarse to notice a load."""
        self._calendar = None

    def now(self) -> dt.datetime:
        return self.clock().astimezone(BEIJING)

    def today(self) -> dt.date:
        """Today's date in Beijing."""
        return self.now().date()

    def search_index(self) -> Index:
        """The search index, built on first use (once, even when several threads ask)."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    from shebao.search.cache import load_or_build_index  # only for search

                    self._index = load_or_build_index(self.catalog, self.guide.vocabulary)
        return self._index


def bootstrap(
    city_dir: Path | None = None,
    national_dir: Path | None = None,
    holidays_dir: Path | None = None,
    clock: Callable[[], dt.datetime] = beijing_now,
) -> Runtime:
    """Load everything the services need, from one source each; DataError if any is malformed."""
    return Runtime(
        guide=load_bundle(city_dir),
        parameters=load_parameters(national_dir or NATIONAL_DIR),
        holidays_dir=holidays_dir or holiday_dir(),
        clock=clock,
    )
