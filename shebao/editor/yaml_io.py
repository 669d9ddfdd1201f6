"""Write the data files: stable, human-friendly YAML, written atomically (reading: datafiles)."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path
from typing import Any


@functools.cache
def _block_dumper() -> type:
    """Multi-line text as `|` blocks so editors see the guide's lines as they are. Built on
    first use: PyYAML is imported only by the commands that write data files."""
    import yaml

    class BlockDumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    BlockDumper.add_representer(str, represent_str)
    return BlockDumper


def to_yaml(content: Any) -> str:
    import yaml

    return yaml.dump(
        content, Dumper=_block_dumper(), allow_unicode=True, sort_keys=False, width=10_000
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
