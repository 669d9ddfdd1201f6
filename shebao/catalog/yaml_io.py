"""Read and write the data files: fast C loader, stable human-friendly output, atomic writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from shebao.errors import DataError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _BlockDumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks so editors see the guide's lines as they are."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"缺少数据文件 {path}") from None
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        raise DataError(f"数据文件 {path} 不是有效的 YAML：{exc}") from None


def to_yaml(content: Any) -> str:
    return yaml.dump(
        content, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=10_000
    )


def dump_yaml(path: Path, content: Any, header: str = "") -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    write_text_atomic(path, header + to_yaml(content))


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
