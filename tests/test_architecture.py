"""The shape the web will stand on: a core free of Django, and a CLI that only parses and prints."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "shebao"

# What a CLI module may import from shebao: the runtime and services it calls, the presentation
# of their results, errors, and the parsers that turn typed text into values at the edge.
CLI_MAY_IMPORT = (
    "shebao.cli",
    "shebao.services",
    "shebao.present",
    "shebao.runtime",
    "shebao.errors",
    "shebao.rules.facts",
    "shebao.rules.identity",
    "shebao.workdays.dates",
    "shebao.workdays.deadlines",
    "shebao.text",
)
# Commands on stored data reach the web only to open the store (Django on the data directory),
# to run the server, and through the apps' services, which own the transactions.
CLI_MAY_IMPORT_FROM_WEB = ("shebao.web.store", "shebao.web.server")


def _web_service(module: str) -> bool:
    return module in CLI_MAY_IMPORT_FROM_WEB or (
        module.startswith("shebao.web.") and module.endswith(".services")
    )


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_importing_the_core_and_running_a_check_loads_no_django() -> None:
    code = (
        "import sys, shebao, shebao.services.checks, shebao.services.search, shebao.cli\n"
        "from shebao.runtime import bootstrap\n"
        "from shebao.services.checks import check_item\n"
        "check_item(bootstrap(), 25, {'sex': 'male'})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'ninja')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_core_module_imports_django_or_the_web() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).parts
        if relative[0] in ("web", "cli", "__main__.py"):
            continue
        bad = {m for m in _imports(path) if m.split(".")[0] in ("django", "ninja")}
        bad |= {m for m in _imports(path) if m.startswith(("shebao.web", "shebao.cli"))}
        assert not bad, f"{path} imports {sorted(bad)}"


def test_cli_modules_call_services_and_hold_no_domain_logic() -> None:
    for path in (PACKAGE / "cli").glob("*.py"):
        ours = {m for m in _imports(path) if m.startswith("shebao.")}  # `shebao`: its version
        stray = sorted(m for m in ours if not m.startswith(CLI_MAY_IMPORT) and not _web_service(m))
        assert not stray, f"{path.name} reaches past the services into {stray}"


def test_no_module_is_named_like_a_standard_library_module() -> None:
    stdlib = set(sys.stdlib_module_names)
    clashes = [p for p in PACKAGE.rglob("*.py") if p.stem in stdlib and p.stem != "__init__"]
    assert not clashes, clashes
