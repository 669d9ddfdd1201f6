"""Shared fixtures: the guide's text, the loaded catalog, and a CLI runner that captures output."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from shebao.cli import main
from shebao.guide import Catalog
from shebao.runtime import Runtime
from tests.support import runtime
from tests.web.database import pytest_addoption, pytest_configure  # noqa: F401  (--database)

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO.parent / "shared" / "guide" / "dalian_guide.txt"


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture(scope="session")
def guide_text() -> str:
    if not GUIDE.is_file():
        pytest.skip(f"the guide is not at {GUIDE}")
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rt() -> Runtime:
    return runtime()


@pytest.fixture(scope="session")
def catalog(rt: Runtime) -> Catalog:
    return rt.catalog


@pytest.fixture
def cli(capsys) -> Callable[..., CliResult]:
    """Run `shebao ARGS…` in-process and return its exit code and output."""

    def run(*args: str) -> CliResult:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
