"""Checking beforehand and at the window: prohibited situations, materials, the rules as data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from shebao.rules.derived import DERIVED_SPECS
from shebao.rules.facts import Facts, parse_facts
from shebao.rules.intake import IntakeResult
from shebao.rules.intake import intake_check as _intake_check
from shebao.rules.prohibitions import CheckResult, InWords, Rule, check
from shebao.runtime import Runtime
from shebao.workdays.dates import check_supported


def facts(rt: Runtime, raw: Mapping[str, Any] | Any) -> Facts:
    """Facts as given by a person, validated by the fact specifications (the one validator)."""
    return parse_facts(raw, today=rt.today(), derived=DERIVED_SPECS)


def check_item(
    rt: Runtime, item: int | str, given: Mapping[str, Any] | Facts, on: dt.date | None = None
) -> CheckResult:
    """May this item be handled for this person on this day (default: today in Beijing)?"""
    if on is not None:
        check_supported(on, "判断日期")
    parsed = given if isinstance(given, Facts) else facts(rt, given)
    return check(rt.guide, rt.parameters, item, parsed, on or rt.today())


def intake_check(rt: Runtime, item: int | str, provided: list[str] | str) -> IntakeResult:
    """What is missing from what the person brought, and whether 容缺 lets the case in."""
    return _intake_check(rt.guide, item, provided)


def conditions_in_words(rt: Runtime, item: int | str) -> tuple[InWords, ...]:
    """The item's conditions the guide states only in words: for staff to judge."""
    return rt.guide.rules.in_words.get(rt.catalog.item(item).no, ())


def rules(rt: Runtime, item: int | str | None = None) -> tuple[Rule, ...]:
    """The rules as data, all or those governing one item."""
    every = rt.guide.rules.rules
    if item is None:
        return every
    no = rt.catalog.item(item).no
    return tuple(r for r in every if no in r.items)
