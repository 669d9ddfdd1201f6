"""Text as people's machines produce it: invisible marks, odd spaces, full-width forms, encodings.

Every parser of typed input (item numbers, dates, ID numbers, facts, choices) reads its text
through here first, so the CLI, the API and the forms accept the same spellings:

- `clean` removes what nobody sees (zero-width spaces and joiners, the BOM, direction marks)
  and makes every kind of space an ASCII space. Safe for any field, Chinese names included.
- `narrow` reads full-width letters, digits and punctuation (a Chinese keyboard's ０１２, ＡＢ,
  －, ／) as ASCII. That is what NFKC does to those characters; NFKC as a whole is not applied,
  because it also rewrites characters people mean (①, ㈱, compatibility ideographs).
  Only for fields made of ASCII: numbers, dates, ID numbers, choice keys.
- `code` is both, stripped: the text of a number, a date, an ID number.
- `fold` is the key under which a choice is looked up: `code`, any letter case, and `-` or a
  space standing for `_` (``Self-Service`` is ``self_service``).
"""

from __future__ import annotations

import codecs
import errno
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from shebao.errors import InputError, echo

K = TypeVar("K")

# Zero-width space, non-joiner, joiner; word joiner; BOM (zero-width no-break space); soft
# hyphen; left-to-right / right-to-left marks and the bidirectional embeddings and isolates that
# copying from web pages and spreadsheets brings along. None of them is ever meant as content.
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# No-break space, ideographic space, the typographic spaces (en quad … hair space), narrow
# no-break space, medium mathematical space.
SPACES = (
    "\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
)

_CLEAN = str.maketrans({**dict.fromkeys(INVISIBLE), **dict.fromkeys(SPACES, " ")})
# U+FF01–U+FF5E are the full-width forms of U+0021–U+007E, in the same order.
_NARROW = str.maketrans({chr(0xFF01 + i): chr(0x21 + i) for i in range(0x5E)} | {"\u3000": " "})
_FOLD_GAPS = re.compile(r"[\s\-]+")


def clean(text: str) -> str:
    """Without invisible characters, every space an ASCII space.

    >>> clean("\\ufeff24\\u200b"), clean("大连\\u00a0市\\u3000")
    ('24', '大连 市 ')
    """
    return text if text.isascii() else text.translate(_CLEAN)  # ASCII has nothing to clean


def narrow(text: str) -> str:
    """Full-width ASCII forms read as ASCII; everything else kept.

    >>> narrow("２０２６／１０／０８"), narrow("ＭＡＬＥ"), narrow("（大连）")
    ('2026/10/08', 'MALE', '(大连)')
    """
    return text if text.isascii() else text.translate(_NARROW)


def code(text: str) -> str:
    """The text of a number, date, ID number or choice key, as its parser should read it.

    >>> code(" ２４\\u200b ")
    '24'
    """
    return narrow(clean(text)).strip()


def fold(text: str) -> str:
    """The key a choice is looked up by: `code`, case-folded, `-` and spaces as `_`.

    >>> fold("Self-Service"), fold("ＭＡＬＥ"), fold(" 窗口办 ")
    ('self_service', 'male', '窗口办')
    """
    return _FOLD_GAPS.sub("_", code(text)).casefold()


def choice_table(spellings: Iterable[tuple[K, Iterable[str]]]) -> dict[str, K]:
    """Every spelling of every value, folded; one spelling for two values is a mistake here.

    >>> choice_table([("male", ["male", "男"]), ("female", ["female", "女"])])["MALE".lower()]
    'male'
    """
    table: dict[str, K] = {}
    for value, words in spellings:
        for word in words:
            key = fold(str(word))
            if table.get(key, value) != value:
                raise ValueError(f"spelling {word!r} stands for both {table[key]!r} and {value!r}")
            table[key] = value
    return table


def choose(table: Mapping[str, K], text: str) -> K | None:
    """The value `text` spells in a `choice_table`, or None.

    >>> choose(choice_table([(1, ["window", "窗口"])]), "Window")
    1
    """
    return table.get(fold(text))


# --- files people give -----------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),  # Windows Notepad's "Unicode"
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Why a file could not be read or written, in words for the person who named it.
_OS_REASONS = {
    getattr(errno, name): reason
    for name, reason in (
        ("ENOENT", "文件不存在"),
        ("EISDIR", "这是一个目录，不是文件"),
        ("ENOTDIR", "路径中有一段不是目录"),
        ("EACCES", "没有访问权限"),
        ("EPERM", "操作不被允许"),
        ("ENAMETOOLONG", "文件名过长"),
        ("ELOOP", "符号链接循环"),
        ("ENOSPC", "磁盘空间已满"),
        ("EDQUOT", "超出磁盘配额"),
        ("EROFS", "文件系统只读"),
        ("EIO", "读写出错（输入输出错误）"),
        ("EPIPE", "接收输出的程序已关闭"),
        ("EBADF", "文件已关闭"),
        ("EMFILE", "打开的文件过多"),
        ("EFBIG", "文件过大"),
        ("EINVAL", "无效的参数"),
        ("ENXIO", "设备不存在"),
        ("ENODEV", "设备不存在"),
        ("EBUSY", "设备或资源忙"),
        ("ETXTBSY", "文件正被使用"),
    )
    if hasattr(errno, name)  # not every system defines every code
}


def os_reason(exc: OSError) -> str:
    """An OSError in Chinese: never the system's English text.

    >>> os_reason(FileNotFoundError(2, "No such file or directory"))
    '文件不存在'
    """
    reason = _OS_REASONS.get(exc.errno or -1)
    return reason or f"系统错误（错误号 {exc.errno}）"


def decode(data: bytes, what: str) -> str:
    """Text from a file's bytes: UTF-8 with or without a BOM, or UTF-16 with its BOM.

    >>> decode(b"\\xef\\xbb\\xbf{}", "文件"), decode("{}".encode("utf-16"), "文件")
    ('{}', '{}')
    """
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{what} 不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节无法解码）："
            "请另存为 UTF-8（GBK/ANSI 等编码不能读取）"
        ) from None


def read_text(path: Path, what: str, max_bytes: int | None = None) -> str:
    """A text file people give by name; every failure is an InputError in Chinese."""
    shown = f"{what} {echo(path, 200)}"
    try:
        with Path(path).open("rb") as file:
            data = file.read(-1 if max_bytes is None else max_bytes + 1)
    except OSError as exc:
        raise InputError(f"读不到{shown}：{os_reason(exc)}") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{shown} 过大（超过 {max_bytes} 字节），请核对文件")
    return decode(data, shown)
