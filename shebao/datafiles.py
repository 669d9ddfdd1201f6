"""Reading the YAML data files strictly, the same way everywhere.

Every rule, item and parameter the system applies comes from these files, edited by people:
a key written twice, a misspelt key or a malformed date must stop the load with a message that
names the file, never be taken silently (YAML itself keeps the last of two equal keys).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from shebao.errors import DataError


@functools.cache
def strict_loader() -> type:
    """PyYAML's safe loader (libyaml's, ~6x faster, when there) that refuses duplicate keys and
    leaves dates as text for our own checks. Built on first use: most processes find their data
    already read in the cache (shebao.cachefiles) and need not import PyYAML (40 ms)."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: set[tuple[str, Any]] = set()
            for key_node, _ in node.value:  # compare keys as written: cheap, exact for scalars
                key = (
                    key_node.tag,
                    key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node),
                )
                if key in seen:
                    line = key_node.start_mark.line + 1
                    message = f"键“{key_node.value}”重复（第 {line} 行）"
                    raise yaml.constructor.ConstructorError(None, None, message)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    # YAML would turn 2027-02-30 into a traceback and 2027-02-03 into a date object; as text,
    # our validators read it and say what is wrong in words a person understands.
    StrictLoader.yaml_implicit_resolvers = {
        first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return StrictLoader


def parse_yaml(text: str, where: str) -> Any:
    """The data in a YAML text; any problem is a DataError that starts with `where`."""
    import yaml

    try:
        return yaml.load(text, Loader=strict_loader())
    except yaml.YAMLError as exc:
        detail = " ".join(str(exc).split())[:300]
        raise DataError(f"{where} 不是有效的 YAML：{detail}") from None


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"缺少数据文件 {path}") from None
    except UnicodeDecodeError:
        raise DataError(f"数据文件 {path} 不是 UTF-8 文本") from None
    return parse_yaml(text, f"数据文件 {path}")


def read_mapping(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"数据文件 {path} 应为键值对")
    return data


def check_keys(
    mapping: Any, required: Iterable[str], optional: Iterable[str] = (), *, where: str
) -> Mapping[str, Any]:
    """Refuse a missing or unknown key, so a typo in the data never passes silently."""
    if not isinstance(mapping, dict):
        raise DataError(f"{where} 应为键值对")
    required, allowed = set(required), set(required) | set(optional)
    missing = required - set(mapping)
    if missing:
        raise DataError(f"{where} 缺少：{'、'.join(sorted(missing))}")
    unknown = set(mapping) - allowed
    if unknown:
        names = "、".join(sorted(map(str, unknown)))
        raise DataError(f"{where} 有未知的键：{names}；可用的键：{'、'.join(sorted(allowed))}")
    return mapping


def data_list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise DataError(f"{where} 应为列表")
    return value
