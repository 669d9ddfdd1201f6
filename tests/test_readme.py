"""The README stays true: its set-up commands, the facts table and the spellings match the code."""

from __future__ import annotations

import re
from pathlib import Path

from shebao.guide.model import channel_spellings
from shebao.rules.facts import FACTS
from shebao.workdays.dates import DATE_FORMS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CI = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_has_exactly_two_set_up_commands_and_ci_runs_the_test_one():
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    assert len(commands) == 2
    run, test = commands
    assert "shebao" in run and "pytest" in test
    assert test in CI


def test_the_facts_table_lists_exactly_the_facts_the_rules_accept():
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", README, flags=re.M))
    assert listed == set(FACTS)


def _facts_rows() -> dict[str, tuple[str, str]]:
    rows = re.findall(r"^\| `([a-z_]+)` \| (.+?) \| (.+?) \|$", README, flags=re.M)
    return {name: (meaning, accepted) for name, meaning, accepted in rows}


def test_each_facts_row_says_what_the_parser_accepts():
    for name, spec in FACTS.items():
        assert _facts_rows()[name] == (spec.label, spec.accepted()), name


def test_the_readme_names_the_channel_spellings_and_date_forms_the_parsers_accept():
    assert channel_spellings() in README
    for form in re.findall(r"[0-9][0-9./年月日]+[0-9日]", DATE_FORMS):
        assert form in README, form
