"""For the guide's editors: import the guide text into data files, and lint the guide."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shebao.editor.importer import write_catalog
from shebao.editor.lint import Finding, lint
from shebao.errors import DataError, InputError, echo
from shebao.guide import DATA_ROOT, Catalog, load_catalog_from
from shebao.runtime import Runtime
from shebao.text import os_reason


@dataclass(frozen=True, slots=True)
class GuideImport:
    catalog: Catalog  # as loaded back from what was written
    written: tuple[Path, ...]
    directory: Path


def import_guide(source: Path, city: str = "dalian", out: Path | None = None) -> GuideImport:
    """Write a city's data files from the guide text; nothing is written if the text is bad.

    Needs no runtime: the data being replaced may be what is broken.
    """
    if not city.isidentifier():
        raise InputError(f"城市名只能由字母、数字和下划线组成，收到“{echo(city)}”")
    directory = out or DATA_ROOT / city
    try:
        has_rules = (directory / "import_rules.yaml").is_file()
    except OSError as exc:  # a name too long, a loop of links: is_file() lets these through
        raise InputError(f"无法访问输出目录 {echo(directory, 200)}：{os_reason(exc)}") from None
    if not has_rules:
        raise InputError(f"{directory} 中没有 import_rules.yaml：导入需要它说明如何理解指南")
    try:
        written = write_catalog(source, directory, city)
    except DataError as exc:  # the guide given is malformed: the user's input
        raise InputError(f"指南文件无法导入，未写入任何文件：{exc}") from None
    catalog = load_catalog_from(directory)  # what was written must load, or the import failed
    return GuideImport(catalog, tuple(written), directory)


def lint_guide(rt: Runtime) -> list[Finding]:
    return lint(rt.catalog)
