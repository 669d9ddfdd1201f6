"""National parameters: dated YAML values, each with its legal basis; loaded once, strictly."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from shebao.datafiles import check_keys, content_version, read_mapping
from shebao.errors import DataError, InputError
from shebao.rules.identity import Sex
from shebao.rules.months import YearMonth

NATIONAL_DIR = Path(__file__).resolve().parent.parent / "data" / "national"
T = TypeVar("T")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def data_int(value: Any, where: str, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise DataError(f"{where} 应为不小于 {minimum} 的整数，收到“{value}”")
    return value


# A folded YAML block (`>-`) joins its lines with a space; between two Chinese characters that
# space is an artefact of the line break, never meant.
_FOLD_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])")


def data_text(value: Any, where: str) -> str:
    """Non-empty text, with line-break spaces between Chinese characters removed.

    >>> data_text("提前退休适用哪一年的年限， 届时复核", "x")
    '提前退休适用哪一年的年限，届时复核'
    """
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where} 应为非空文字")
    return _FOLD_SPACE.sub("", value.strip())


def data_date(value: Any, where: str) -> dt.date:
    text = str(value)
    try:
        if not _DATE_RE.match(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DataError(f"{where}：“{value}”不是有效日期（YYYY-MM-DD）") from None


@dataclass(frozen=True, slots=True)
class Dated(Generic[T]):
    """Values of one parameter in the order they took effect; history is kept, never edited."""

    starts: tuple[dt.date, ...]
    values: tuple[T, ...]

    def at(self, on: dt.date | None) -> T | None:
        """The value in force on `on` (None: the newest), or None before the first one.

        >>> d = Dated((dt.date(2025, 1, 1), dt.date(2030, 1, 1)), ("a", "b"))
        >>> d.at(dt.date(2024, 12, 31)), d.at(dt.date(2030, 1, 1)), d.at(None)
        (None, 'b', 'b')
        """
        if on is None:
            return self.values[-1]
        i = bisect_right(self.starts, on)
        return self.values[i - 1] if i else None


def dated_values(
    raw: Any, build: Callable[[Mapping[str, Any], str, dt.date], T], *, where: str
) -> Dated[T]:
    """`{YYYY-MM-DD: {..., basis: ...}}` → Dated, each entry built by `build` after key checks."""
    if not isinstance(raw, dict) or not raw:
        raise DataError(f"{where} 应为按生效日期排列的键值对，且至少有一项")
    dated = {}
    for key, value in raw.items():
        start = data_date(key, f"{where} 的生效日期")
        if start in dated:
            raise DataError(f"{where} 的生效日期 {start} 出现了两次")
        dated[start] = value
    entries = sorted(dated.items())
    starts = tuple(start for start, _ in entries)
    values = tuple(build(value, f"{where}（{start} 起）", start) for start, value in entries)
    return Dated(starts, values)


# --- The national retirement parameters (shebao/data/national) ---


@dataclass(frozen=True, slots=True)
class DelaySchedule:
    first_delayed_birth: int  # YearMonth.index of the first birth month that is delayed
    birth_months_per_step: int
    max_delay_months: int
    basis: str


@dataclass(frozen=True, slots=True)
class Group:
    """One table of the 办法: men, women of original age 55, women of original age 50."""

    key: str
    label: str
    sex: Sex
    original_age: int
    original_age_basis: str
    schedules: Dated[DelaySchedule]


@dataclass(frozen=True, slots=True)
class MinContribution:
    months: int
    basis: str


@dataclass(frozen=True, slots=True)
class Flexible:
    max_early_months: int
    max_delay_months: int
    basis: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a cache key
class Parameters:
    groups: Mapping[str, Group]
    by_sex_and_age: Mapping[tuple[Sex, int], Group]
    only_group: Mapping[Sex, Group]  # for a sex with a single table (men): no original age asked
    min_contribution: Dated[MinContribution]
    flexible: Dated[Flexible]
    version: str = ""  # content hash of the files: with the catalog version it pins a decision


def load_parameters(directory: Path = NATIONAL_DIR) -> Parameters:
    """Read and check the three parameter files; any problem is a DataError, nothing half-loaded."""
    raw = read_mapping(directory / "retirement_age.yaml")
    check_keys(raw, ["description", "groups"], where="retirement_age.yaml")
    if not isinstance(raw["groups"], dict) or not raw["groups"]:
        raise DataError("retirement_age.yaml 的 groups 应至少有一组")
    groups = {k: _group(k, v, f"retirement_age.yaml 的 {k}") for k, v in raw["groups"].items()}
    by_sex_and_age = {(g.sex, g.original_age): g for g in groups.values()}
    if len(by_sex_and_age) != len(groups):
        raise DataError("retirement_age.yaml 中有两组的性别和原法定退休年龄相同")
    per_sex = {sex: [g for g in groups.values() if g.sex is sex] for sex in Sex}
    if not all(per_sex.values()):
        raise DataError("retirement_age.yaml 应为男、女职工都至少列出一组")
    return Parameters(
        groups=groups,
        by_sex_and_age=by_sex_and_age,
        only_group={sex: gs[0] for sex, gs in per_sex.items() if len(gs) == 1},
        min_contribution=_dated_file(directory / "min_contribution.yaml", _min_contribution),
        flexible=_dated_file(directory / "flexible_retirement.yaml", _flexible),
        version=content_version(sorted(directory.glob("*.yaml")), directory),
    )


def _dated_file(path: Path, build: Callable[[Mapping[str, Any], str, dt.date], T]) -> Dated[T]:
    raw = read_mapping(path)
    check_keys(raw, ["description", "unit", "values"], where=path.name)
    if raw["unit"] != "month":
        raise DataError(f"{path.name} 的 unit 应为 month，收到“{raw['unit']}”")
    return dated_values(raw["values"], build, where=path.name)


def _group(key: str, raw: Any, where: str) -> Group:
    check_keys(raw, ["label", "sex", "original_age", "original_age_basis", "values"], where=where)
    try:
        sex = Sex.parse(raw["sex"])
    except InputError as exc:
        raise DataError(f"{where}：{exc}") from None
    original = data_int(raw["original_age"], f"{where} 的 original_age", minimum=1)

    def schedule(entry: Mapping[str, Any], at: str, start: dt.date) -> DelaySchedule:
        keys = ["first_delayed_birth", "birth_months_per_delay_month", "target_age", "basis"]
        check_keys(entry, keys, where=at)
        try:
            first = YearMonth.parse(entry["first_delayed_birth"], f"{at} 的 first_delayed_birth")
        except InputError as exc:
            raise DataError(str(exc)) from None
        # The delay starts with those who reach the original age in the month the law takes effect.
        if first.plus(original * 12) != YearMonth.of(start):
            raise DataError(f"{at}：{first} 出生者满 {original} 周岁应在生效月份 {start:%Y-%m}")
        step = data_int(entry["birth_months_per_delay_month"], f"{at} 的步长", minimum=1)
        target = data_int(entry["target_age"], f"{at} 的 target_age", minimum=original + 1)
        basis = data_text(entry["basis"], f"{at} 的 basis")
        return DelaySchedule(first.index, step, (target - original) * 12, basis)

    return Group(
        key=key,
        label=data_text(raw["label"], f"{where} 的 label"),
        sex=sex,
        original_age=original,
        original_age_basis=data_text(raw["original_age_basis"], f"{where} 的 original_age_basis"),
        schedules=dated_values(raw["values"], schedule, where=where),
    )


def _min_contribution(entry: Mapping[str, Any], at: str, _start: dt.date) -> MinContribution:
    check_keys(entry, ["months", "basis"], where=at)
    months = data_int(entry["months"], f"{at} 的 months", minimum=1)
    return MinContribution(months, data_text(entry["basis"], f"{at} 的 basis"))


def _flexible(entry: Mapping[str, Any], at: str, _start: dt.date) -> Flexible:
    check_keys(entry, ["max_early_months", "max_delay_months", "basis"], where=at)
    return Flexible(
        data_int(entry["max_early_months"], f"{at} 的 max_early_months"),
        data_int(entry["max_delay_months"], f"{at} 的 max_delay_months"),
        data_text(entry["basis"], f"{at} 的 basis"),
    )


@cache
def national() -> Parameters:
    """The packaged parameters, read on first use and kept: rules run thousands of times."""
    return load_parameters()
