"""The benchmark scripts still import after a refactor (they are not run by the test suite)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_benchmark_script_imports_and_has_a_main(script: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"bench_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(getattr(module, "main", None))


def test_no_benchmark_script_shadows_a_standard_module() -> None:
    """`python bench/X.py` puts bench/ first on the path: a bench/http.py once broke every
    script that imports Django (which imports the standard `http`)."""
    import sys

    shadowing = [p.name for p in BENCH.glob("*.py") if p.stem in sys.stdlib_module_names]
    assert not shadowing
