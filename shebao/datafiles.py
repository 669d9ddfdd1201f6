"""Reading the YAML data files strictly, the same way everywhere.

Every rule, item and parameter the system applies comes from these files, edited by people:
a key written twice, a misspelt key or a malformed date must stop the load with a message that
names the file, never be taken silently (YAML itself keeps the last of two equal keys).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
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


# PyYAML's (and libyaml's) problems, in the words of the person who edits the file.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "这里不能出现“键: 值”（冒号后缺空格，或缩进不对）"),
    ("did not find expected ',' or ']'", "方括号 [ ] 中缺少逗号或右方括号"),
    ("did not find expected ',' or '}'", "花括号 { } 中缺少逗号或右花括号"),
    ("could not find expected ':'", "缺少冒号 :"),
    ("cannot start any token", "有不能出现在这里的字符（缩进须用空格，不能用制表符）"),
    ("tab character", "缩进中有制表符（缩进须用空格）"),
    ("unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    ("expected <block end>", "缩进不一致"),
    ("did not find expected key", "缩进不一致或缺少键"),
    ("did not find expected '-' indicator", "列表项的缩进不一致"),
    ("block sequence entries are not allowed", "这里不能出现列表项 -（缩进不对）"),
    ("undefined alias", "引用了未定义的别名 *"),
    ("unknown escape", "双引号中的反斜杠转义写错了"),
    ("characters are not allowed", "含有不允许的控制字符"),
    ("unacceptable character", "含有不允许的控制字符"),
    ("could not determine a constructor", "不支持的标签 !"),
    ("unhashable key", "键不能是列表或映射"),
    ("duplicate anchor", "锚点 & 重复"),
    ("expected '<document start>'", "文档结构不对"),
)


def _yaml_problem(exc: Exception) -> str:
    """Where and what, in Chinese: PyYAML's English never reaches the user."""
    problem = str(getattr(exc, "problem", None) or exc)
    if problem.isascii():
        problem = next((zh for en, zh in _YAML_PROBLEMS if en in problem), "语法错误")
    mark = getattr(exc, "problem_mark", None)
    return f"第 {mark.line + 1} 行第 {mark.column + 1} 列附近：{problem}" if mark else problem


def parse_yaml(text: str, where: str) -> Any:
    """The data in a YAML text; any problem is a DataError that starts with `where`."""
    import yaml

    try:
        return yaml.load(text, Loader=strict_loader())
    except yaml.YAMLError as exc:
        raise DataError(f"{where} 不是有效的 YAML：{_yaml_problem(exc)}") from None


def read_yaml(path: Path) -> Any:
    """A data file's content. What a file of these bytes parses to is kept in the user's cache
    (shebao.cachefiles), so most processes need not import PyYAML or parse at all."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"缺少数据文件 {path}") from None
    except IsADirectoryError:
        raise DataError(f"数据文件 {path} 是一个目录") from None
    from shebao import cachefiles

    key = cachefiles.key(hashlib.sha256(data).hexdigest(), _reader_digest())
    return cachefiles.load_or_make(
        cachefiles.cache_dir() / f"yaml_{path.stem}-{key}.pickle",
        make=lambda: parse_yaml(_utf8(data, path), f"数据文件 {path}"),
        dump=lambda value: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
        load=pickle.loads,
    )


def _utf8(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"数据文件 {path} 不是 UTF-8 文本") from None


@functools.cache
def _reader_digest() -> str:
    """This module's source: a change in how files are read never serves an old reading."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


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


def content_version(files: list[Path], root: Path) -> str:
    """A short hash of files' names and bytes: any edit changes it, so decisions can record it."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
