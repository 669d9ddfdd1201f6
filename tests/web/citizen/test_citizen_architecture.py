"""The citizen pages are an adapter too: services and present, never the core's insides."""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

from tests.test_architecture import CLI_MAY_IMPORT

CITIZEN = Path(__file__).resolve().parents[3] / "shebao" / "web" / "citizen"


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported when the module runs (not those for type checking only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for n in ast.walk(node)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_citizen_pages_reach_the_core_only_through_services_present_and_parsers():
    for path in CITIZEN.rglob("*.py"):
        ours = {m for m in _runtime_imports(path) if m.startswith("shebao")}
        stray = sorted(m for m in ours if not m.startswith((*CLI_MAY_IMPORT, "shebao.web")))
        assert not stray, f"{path.name} reaches past the services into {stray}"


def test_every_fact_has_a_plain_question():
    from shebao.rules.facts import FACTS
    from shebao.web.citizen.questions import PLAIN

    assert set(FACTS) <= set(PLAIN)


@pytest.mark.parametrize(
    "module",
    [
        "shebao.web.citizen.notices",
        "shebao.web.citizen.templatetags.shebao_site",
    ],
)
def test_the_examples_in_docstrings_hold(module):
    assert doctest.testmod(importlib.import_module(module)).failed == 0
