"""The README stays true: its two set-up commands and the facts table match the code."""

from __future__ import annotations

import re
from pathlib import Path

from shebao.rules.facts import FACTS

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
