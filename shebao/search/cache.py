"""The built search index, kept between runs: a new process loads it instead of building it.

Building takes a second or two and imports jieba and pypinyin (100 MB); loading takes a few
milliseconds and imports neither. An entry is keyed by the catalog's content hash, the
vocabulary given, the code that builds the index (FORMAT, and a digest of the search and guide
modules, so an edited build never serves old answers), the installed jieba and pypinyin, and
Python. It holds `Index.state()` written with marshal: plain data, never running code, and
measured a little faster to load than the same data pickled (1.7 MB: 11–13 ms against 13–14 ms;
the segmenter's dictionary and the pinyin tables are stored as bytes, decoded in parts when a
question needs them, which is what makes either fast: as 70,000 objects it took 55 ms).
"""

from __future__ import annotations

import importlib.util
import marshal
import os
from pathlib import Path

from shebao import __version__, cachefiles
from shebao.guide import Catalog
from shebao.search.index import Index, build_index
from shebao.search.vocabulary import Vocabulary

FORMAT = 1  # bump when Index.state() changes shape
_CODE_DIRS = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "guide")
_LIBRARIES = ("jieba", "pypinyin")


def load_or_build_index(
    catalog: Catalog, vocabulary: Vocabulary, cache_dir: Path | str | None = None
) -> Index:
    """The index of `catalog` and `vocabulary`: from the cache when it holds it, else built and
    stored there. A missing, unwritable or damaged cache only means a build: never an error.
    `cache_dir` defaults to cachefiles.cache_dir() ($SHEBAO_CACHE_DIR, $XDG_CACHE_HOME …)."""
    directory = Path(cache_dir) if cache_dir is not None else cachefiles.cache_dir()
    return cachefiles.load_or_make(
        directory / f"index-{index_key(catalog, vocabulary)}.marshal",
        make=lambda: build_index(catalog, vocabulary),
        dump=lambda index: marshal.dumps(index.state()),
        load=lambda payload: Index.from_state(marshal.loads(payload), vocabulary),
    )


def index_key(catalog: Catalog, vocabulary: Vocabulary) -> str:
    return cachefiles.key(
        FORMAT,
        __version__,
        catalog.version,
        vocabulary.digest(),
        cachefiles.code_digest(sorted(p for d in _CODE_DIRS for p in d.glob("*.py"))),
        *map(_library_stamp, _LIBRARIES),
    )


def _library_stamp(name: str) -> str:
    """Where a library is installed and when it was written, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        return f"{name}:missing"
    try:
        st = os.stat(spec.origin)
    except OSError:
        return f"{name}:{spec.origin}"
    return f"{name}:{spec.origin}:{st.st_size}:{st.st_mtime_ns}"
