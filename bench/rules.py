"""Prohibition checks per second for a mixed batch: goal ≥ 20,000/s in-process.

The batch mixes every governed item, people of all ages, dates from 2020 to 2045 and fact sets
from complete to nearly empty (so refusals, allowances and undecided answers all occur). Each
check includes validating the facts, as the CLI and API do, and, where the facts given leave the
answer open, trying the values of the missing ones (shebao.rules.unknowns), which costs about a
quarter of the time. Two baselines run in the same
command: re-parsing and re-compiling the rules (already in memory) for every check, as an
engine without a compile step would; and re-reading the rules file for every check.

Run: python bench/rules.py [--checks 50000] [--seed 4]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import time
from collections import Counter
from typing import Any

from shebao.datafiles import read_mapping
from shebao.rules.derived import DERIVED_SPECS
from shebao.rules.facts import FACTS, parse_facts
from shebao.rules.prohibitions import build_rules, check, load_rules
from shebao.runtime import bootstrap

RT = bootstrap()
RULES_FILE = RT.guide.directory / "rules" / "prohibitions.yaml"

TODAY = dt.date(2045, 12, 31)


def _value(rng: random.Random, name: str) -> Any:
    spec = FACTS[name]
    if name == "birth_date":
        return (dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 62))).isoformat()
    if name == "contribution_months":
        return rng.randrange(0, 480)
    if name == "lump_sum_years":
        return rng.randrange(0, 6)
    if spec.kind == "bool":
        return rng.random() < 0.7
    return rng.choice(list(spec.choices or {}))


def batch(n: int, seed: int) -> list[tuple[int, dict[str, Any], dt.date]]:
    rng = random.Random(seed)
    items = [*sorted({no for p in RT.catalog.prohibitions for no in p.items}), 7, 47]
    names = [name for name in FACTS if name != "id_number"]
    out = []
    for _ in range(n):
        wanted = rng.sample(names, rng.randrange(len(names) // 2, len(names) + 1))
        facts = {name: _value(rng, name) for name in wanted}
        on = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(365 * 26))
        out.append((rng.choice(items), facts, on))
    return out


def run(
    cases: list[tuple[int, dict[str, Any], dt.date]], rebuild: str = ""
) -> tuple[float, Counter]:
    """Time the batch; `rebuild` is "" (compiled once), "parse" or "file" (per check)."""
    catalog, guide = RT.catalog, RT.guide
    source = read_mapping(RULES_FILE)
    outcomes: Counter = Counter()
    start = time.perf_counter()
    for item, raw, on in cases:
        if rebuild == "parse":
            guide = dataclasses.replace(guide, rules=build_rules(source, catalog))
        elif rebuild == "file":
            guide = dataclasses.replace(guide, rules=load_rules(catalog, RULES_FILE))
        facts = parse_facts(raw, today=TODAY, derived=DERIVED_SPECS)
        outcomes[check(guide, RT.parameters, item, facts, on).allowed] += 1
    return time.perf_counter() - start, outcomes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()

    cases = batch(args.checks, args.seed)
    run(cases[:500])  # warm caches: catalog, rules, retirement parameters
    elapsed, outcomes = run(cases)
    rate = len(cases) / elapsed
    parse_cases = cases[: max(1000, len(cases) // 20)]
    parse_rate = len(parse_cases) / run(parse_cases, "parse")[0]
    file_cases = cases[:200]
    file_rate = len(file_cases) / run(file_cases, "file")[0]

    label = {True: "allowed", False: "refused", None: "undecided"}
    mix = ", ".join(f"{label[k]} {v}" for k, v in sorted(outcomes.items(), key=str))
    print(f"mixed batch: {len(cases)} checks ({mix})")
    print(
        f"compiled rules:       {rate:>10,.0f} checks/s  ({elapsed * 1e6 / len(cases):.1f} µs each)"
    )
    print(f"baseline, re-parse:   {parse_rate:>10,.0f} checks/s  ({len(parse_cases)} checks)")
    print(f"baseline, re-read:    {file_rate:>10,.0f} checks/s  ({len(file_cases)} checks)")
    verdict = "met" if rate >= 20_000 else "NOT met"
    print(
        f"ratio: {rate / parse_rate:.0f}× re-parse, {rate / file_rate:.0f}× re-read; "
        f"goal ≥ 20,000/s: {verdict}"
    )


if __name__ == "__main__":
    main()
