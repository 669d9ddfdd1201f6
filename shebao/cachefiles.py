"""Files derived from the data, kept between runs (catalog, vocabulary, search index): deletable.

An entry's name carries a key made of everything it was derived from (the data's content hash,
the code's version, Python's), so a changed input is a new entry, never a stale one; a file is
written to a temporary name and renamed into place, and carries a checksum, so a reader sees a
whole entry or none, and a damaged one is ignored. Nothing here ever fails a command: when the
directory cannot be used, callers build in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENV_VAR = "SHEBAO_CACHE_DIR"
OFF_VAR = "SHEBAO_CACHE"  # "off": read and build everything afresh, keep nothing
MAGIC = b"shebao-cache\n"
KEEP = 8  # entries of one kind kept when a new one is written: several versions side by side


def cache_dir() -> Path:
    """$SHEBAO_CACHE_DIR, else $XDG_CACHE_HOME/shebao, else ~/.cache/shebao."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "shebao"


def key(*parts: object) -> str:
    """A short digest of everything an entry is derived from, and of this Python."""
    text = "\0".join(map(str, (*parts, sys.version, sys.implementation.cache_tag)))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def code_digest(files: Iterable[Path]) -> str:
    """A digest of source files, so that an entry made by other code is never used."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load_or_make(
    path: Path,
    make: Callable[[], T],
    dump: Callable[[T], bytes | None],
    load: Callable[[memoryview], T],
) -> T:
    """The value stored at `path`, else `make()`, stored there for the next process (unless
    `dump` gives None: the value made does not belong under that key)."""
    if os.environ.get(OFF_VAR) == "off":
        return make()
    payload = read(path)
    if payload is not None:
        try:
            return load(payload)
        except Exception:  # passed the checksum yet cannot be read: make it again
            pass
    value = make()
    data = dump(value)
    if data is not None:
        write(path, data)
    return value


def _trusted(directory: Path) -> bool:
    """The directory is ours and nobody else can write to it: a pickled entry put there by
    someone else could run code, any could mislead, so a shared directory is not used."""
    try:
        st = directory.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def read(path: Path) -> memoryview | None:
    """The payload of an entry; None when it is missing, damaged or not ours."""
    if not _trusted(path.parent):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 12
    if len(data) < head or not data.startswith(MAGIC):
        return None
    size = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 8], "little")
    crc = int.from_bytes(data[len(MAGIC) + 8 : head], "little")
    payload = memoryview(data)[head:]  # no copy of megabytes
    if len(payload) != size or zlib.crc32(payload) != crc:
        return None
    return payload


def write(path: Path, payload: bytes) -> bool:
    """Store an entry atomically (temp file, then rename); False when the directory is not
    usable. Older entries of the same kind (name up to the first '-') beyond KEEP are removed."""
    import tempfile

    header = MAGIC + len(payload).to_bytes(8, "little") + zlib.crc32(payload).to_bytes(4, "little")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(path.parent):
            return False
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header + payload)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return False
    _prune(path)
    return True


def _prune(path: Path) -> None:
    import time

    kind = path.name.split("-", 1)[0]
    try:
        entries = sorted(
            path.parent.glob(f"{kind}-*"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        stale = [p for p in path.parent.glob(".tmp-*") if p.stat().st_mtime < time.time() - 3600]
        for old in [*entries[KEEP:], *stale]:  # stale: left by a writer that was killed
            old.unlink()
    except OSError:
        pass  # another process pruned first, or the directory went away: nothing to do
