"""The benchmark scripts still import after a refactor; the load benchmark runs for 3 seconds."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_benchmark_script_imports_and_has_a_main(script: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"bench_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import does: dataclasses look their module up
    spec.loader.exec_module(module)
    assert callable(getattr(module, "main", None))


def test_the_load_benchmark_runs_a_short_mix_with_no_errors(tmp_path: Path) -> None:
    """bench/load.py for 3 s: every class of request is made, and none is answered wrongly.

    The figures themselves are not checked (the machine is shared); the exit status is 1 when
    any request got an answer other than the expected one.
    """
    done = subprocess.run(
        [sys.executable, str(BENCH / "load.py"), "--duration", "3", "--concurrency", "4",
         "--processes", "1", "--workers", "1"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line.strip()}
    for kind in ("home", "item_page", "api_search", "booking", "case_lookup", "intake"):
        assert int(rows[kind][1]) > 0, done.stdout  # requests made
        assert rows[kind][6] == "0", done.stdout  # errors
    assert "server RSS at start" in done.stdout and "server RSS at end" in done.stdout


def test_no_benchmark_script_shadows_a_standard_module() -> None:
    """`python bench/X.py` puts bench/ first on the path: a bench/http.py once broke every
    script that imports Django (which imports the standard `http`)."""
    import sys

    shadowing = [p.name for p in BENCH.glob("*.py") if p.stem in sys.stdlib_module_names]
    assert not shadowing
