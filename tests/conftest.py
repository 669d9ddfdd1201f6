"""Shared fixtures: the guide's text, the loaded catalog, and a CLI runner that captures output."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from shebao.cli import main
from shebao.guide import Catalog
from shebao.runtime import Runtime
from tests.support import runtime
from tests.web import database
from tests.web.database import pytest_addoption  # noqa: F401  (--database)

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO.parent / "shared" / "guide" / "dalian_guide.txt"


_CACHE_DIR_BEFORE = os.environ.get("SHEBAO_CACHE_DIR")


def pytest_configure(config) -> None:
    """What the tests read and build (catalog, search index) is cached in a temporary directory,
    never in the user's cache; set before collection, which already loads the catalog. Then the
    web tests' database is chosen, before pytest-django loads the settings."""
    os.environ["SHEBAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="shebao-test-cache-")
    database.pytest_configure(config)


def pytest_unconfigure(config) -> None:
    shutil.rmtree(os.environ["SHEBAO_CACHE_DIR"], ignore_errors=True)
    if _CACHE_DIR_BEFORE is None:
        os.environ.pop("SHEBAO_CACHE_DIR", None)
    else:
        os.environ["SHEBAO_CACHE_DIR"] = _CACHE_DIR_BEFORE


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
