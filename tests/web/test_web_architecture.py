"""The web is an adapter: its API calls the services and present, and never builds a runtime."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from tests.test_architecture import CLI_MAY_IMPORT, _imports

WEB = Path(__file__).resolve().parents[2] / "shebao" / "web"


def test_only_the_core_app_builds_the_runtime():
    builders = [
        p.relative_to(WEB).as_posix()
        for p in WEB.rglob("*.py")
        if "bootstrap(" in p.read_text(encoding="utf-8")
    ]
    assert builders == ["core/__init__.py"]


def test_the_api_reaches_the_core_only_through_services_present_and_parsers():
    for path in (WEB / "api").glob("*.py"):
        ours = {
            m for m in _imports(path) if m.startswith("shebao") and not m.startswith("shebao.web")
        }
        stray = sorted(m for m in ours if not m.startswith(CLI_MAY_IMPORT))
        assert not stray, f"{path.name} reaches past the services into {stray}"


@pytest.mark.parametrize("module", ["shebao.web.api.errors", "shebao.web.api.bodies"])
def test_the_examples_in_docstrings_hold(module):
    assert doctest.testmod(importlib.import_module(module)).failed == 0
