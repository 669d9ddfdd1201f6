"""The examples in the desk's docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["shebao.web.desk.throttle", "shebao.web.desk.dashboard"])
def test_the_examples_in_docstrings_hold(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
