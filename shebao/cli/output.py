"""Printing for all commands: UTF-8 JSON, tables aligned for Chinese text, and consoles as they are.

A console that is not UTF-8 (a GBK console on Windows, `PYTHONIOENCODING=ascii`) gets symbols
it can show instead of a traceback: ✗ becomes × (or x), an ellipsis three dots, and a character
it cannot show at all an escape such as \\u4e2d. JSON stays valid JSON: what the console cannot
show is written as a JSON escape. A reader that goes away (`shebao items | head -1`) ends the
command quietly; a full disk or a closed stdout is said in one line.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, TextIO

from shebao.text import os_reason

# Stand-ins for symbols, best first; a character not listed tries its NFKC form (full-width
# punctuation, …) and then an escape.
FALLBACKS = {
    "✗": ("×", "x"),
    "✓": ("√", "v"),
    "—": ("-",),
    "–": ("-",),
    "…": ("...",),
    "·": ("*",),
    "“": ('"',),
    "”": ('"',),
    "‘": ("'",),
    "’": ("'",),
    "、": (",",),
    "。": (".",),
    "《": ("<",),
    "》": (">",),
}
ERRORS = "shebao-degrade"


@cache
def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _escape(ch: str) -> str:
    point = ord(ch)
    if 0xDC80 <= point <= 0xDCFF:  # a byte that was not UTF-8 in an argument (surrogateescape)
        return f"\\x{point - 0xDC00:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def stand_in(ch: str, encoding: str) -> str:
    """What a console in `encoding` shows for `ch`.

    >>> [stand_in(ch, "ascii") for ch in "✗（中"], stand_in("✗", "gbk")
    (['x', '(', '\\\\u4e2d'], '×')
    """
    for candidate in (*FALLBACKS.get(ch, ()), unicodedata.normalize("NFKC", ch)):
        if candidate != ch and _encodable(candidate, encoding):
            return candidate
    return _escape(ch)


def _degrade(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start : exc.end]
    return "".join(stand_in(ch, exc.encoding) for ch in text), exc.end


codecs.register_error(ERRORS, _degrade)


class OutputClosed(Exception):
    """Standard output cannot take any more: its reader left (quiet) or it failed (say why)."""

    def __init__(self, reason: str, quiet: bool) -> None:
        super().__init__(reason)
        self.reason, self.quiet = reason, quiet


class _Guarded(io.TextIOBase):
    """Standard output whose failures are OutputClosed, so `main` can end in one line."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def _fail(self, exc: OSError | None) -> OutputClosed:
        if exc is None:
            return OutputClosed("标准输出已关闭", quiet=False)
        if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
            return OutputClosed("接收输出的程序已关闭", quiet=True)
        reason = "标准输出已关闭" if exc.errno == errno.EBADF else os_reason(exc)
        return OutputClosed(reason, quiet=False)

    def write(self, text: str) -> int:
        if self.stream is None:
            raise self._fail(None)
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise self._fail(exc) from None

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as exc:
            raise self._fail(exc) from None

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        return bool(self.stream and self.stream.isatty())


def prepare_streams() -> None:
    """Make stdout and stderr degrade instead of failing; guard stdout's writes (see above)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, _Guarded):
            stream = stream.stream
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors=ERRORS)  # type: ignore[union-attr]
    if not isinstance(sys.stdout, _Guarded):
        sys.stdout = _Guarded(sys.stdout)


def release_streams() -> None:
    """Give standard output back as it was (tests run many commands in one process)."""
    if isinstance(sys.stdout, _Guarded) and sys.stdout.stream is not None:
        sys.stdout = sys.stdout.stream


def silence_stdout() -> None:
    """After a failed write, send what is still buffered to /dev/null so exit stays quiet."""
    stream = sys.stdout.stream if isinstance(sys.stdout, _Guarded) else sys.stdout
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[union-attr]
        os.close(devnull)


def emit_json(obj: Any) -> None:
    """Print JSON, Chinese unescaped, stable key order as given; what the console's encoding
    cannot show is a JSON escape, so the output stays valid JSON on any console.

    >>> print(_json_for('{"结果": "✗"}', "gbk"), _json_for('"✗"', "ascii"))
    {"结果": "\\u2717"} "\\u2717"
    """
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    sys.stdout.write(_json_for(text, sys.stdout.encoding or "utf-8") + "\n")


def _json_for(text: str, encoding: str) -> str:
    if _fits(text, encoding):
        return text
    # Outside JSON's strings everything is ASCII, so escaping a character is always valid.
    return "".join(ch if _encodable(ch, encoding) else json.dumps(ch)[1:-1] for ch in text)


def _fits(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters count two.

    >>> display_width("社保卡 ok")
    9
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain-text table whose columns line up even with Chinese cells.

    >>> print(format_table(["号", "名称"], [[1, "社保卡"]]))
    号  名称
    --  ------
    1   社保卡
    """
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    print(format_table(headers, rows))
