"""The stored search index: it answers exactly as a fresh build, is never stale, and a damaged
or unusable cache only costs a build."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shebao import cachefiles
from shebao.guide import Catalog, load_catalog_from
from shebao.guide.loader import DATA_ROOT
from shebao.present.search import result_dict
from shebao.search import cache as search_cache
from shebao.search import search
from shebao.search.cache import load_or_build_index
from shebao.search.index import Index, build_index
from shebao.search.vocabulary import Synonym, Vocabulary, load_vocabulary

HERE = Path(__file__).resolve().parent
ODD_QUESTIONS = ["tuixiu", "sbkgs", "shebaoka guashi", "社保咔挂失", "公伤康复", "my tuixiu 123"]


def questions() -> list[str]:
    out = []
    for tsv in sorted(HERE.glob("*.tsv")):
        out += [line.split("\t")[0] for line in tsv.read_text(encoding="utf-8").splitlines()[1:]]
    return out + ODD_QUESTIONS


def answers(index: Index, queries: list[str]) -> list[list[dict]]:
    return [[result_dict(r) for r in search(q, index, limit=20)] for q in queries]


def top(query: str, index: Index) -> list[int]:
    return [r.no for r in search(query, index, limit=1)]


def entry_name(catalog: Catalog, vocabulary: Vocabulary) -> str:
    return f"index-{search_cache.index_key(catalog, vocabulary)}.marshal"


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("index-*"))


def no_build(monkeypatch) -> None:
    def fail(*_):
        raise AssertionError("the index was built, not loaded")

    monkeypatch.setattr(search_cache, "build_index", fail)


def counted_build(monkeypatch, index: Index) -> list[int]:
    """Builds (returning an index built beforehand, to save the time), counted."""
    builds: list[int] = []

    def build(*_):
        builds.append(1)
        return index

    monkeypatch.setattr(search_cache, "build_index", build)
    return builds


@pytest.fixture(scope="module")
def vocabulary(catalog) -> Vocabulary:
    return load_vocabulary(city=catalog.city)


@pytest.fixture(scope="module")
def fresh(catalog, vocabulary) -> Index:
    return build_index(catalog, vocabulary)


@pytest.fixture(scope="module")
def warm(tmp_path_factory, catalog, vocabulary) -> Path:
    """A cache directory holding the index of the catalog."""
    directory = tmp_path_factory.mktemp("warm")
    load_or_build_index(catalog, vocabulary, directory)
    return directory


def test_the_stored_index_answers_exactly_as_a_fresh_build(
    warm, catalog, vocabulary, fresh, monkeypatch
):
    no_build(monkeypatch)
    stored = load_or_build_index(catalog, vocabulary, warm)
    queries = questions() + [item.name for item in catalog.items.values()]
    assert answers(stored, queries) == answers(fresh, queries)


def test_a_first_use_builds_and_stores_one_entry(tmp_path, catalog, vocabulary, fresh):
    directory = tmp_path / "new" / "cache"
    index = load_or_build_index(catalog, vocabulary, directory)
    assert len(entries(directory)) == 1
    assert answers(index, ODD_QUESTIONS) == answers(fresh, ODD_QUESTIONS)


def test_a_changed_vocabulary_gets_its_own_entry_and_its_own_answers(warm, catalog, vocabulary):
    old = load_or_build_index(catalog, vocabulary, warm)
    assert 62 not in top("呱呱叫", old)
    synonyms = {**vocabulary.synonyms, "呱呱叫": Synonym("呱呱叫", ("社保卡", "挂失"), 1.0, "测试")}
    changed = dataclasses.replace(vocabulary, synonyms=synonyms)
    assert changed.digest() != vocabulary.digest()
    new = load_or_build_index(catalog, changed, warm)
    assert top("呱呱叫", new) == [62]
    assert len(entries(warm)) == 2
    assert 62 not in top("呱呱叫", load_or_build_index(catalog, vocabulary, warm))


def test_a_changed_data_file_gets_its_own_entry_and_its_own_answers(
    tmp_path, warm, catalog, vocabulary
):
    city = tmp_path / "dalian"
    shutil.copytree(DATA_ROOT / catalog.city, city)
    item = city / "items" / "24.yaml"
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("description: ", "description: 鲲鹏。", 1), encoding="utf-8")
    edited = load_catalog_from(city)
    assert edited.version != catalog.version
    before = len(entries(warm))
    index = load_or_build_index(edited, vocabulary, warm)
    assert len(entries(warm)) == before + 1
    assert top("鲲鹏", index) == [24]
    assert 24 not in top("鲲鹏", load_or_build_index(catalog, vocabulary, warm))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # a write cut short
        lambda data: b"",
        lambda data: data[:-100] + bytes(100),  # a damaged end: the checksum differs
        lambda data: b"not a cache entry at all",
    ],
    ids=["truncated", "empty", "damaged", "garbage"],
)
def test_a_damaged_entry_is_rebuilt_not_a_crash(
    damage, tmp_path, warm, catalog, vocabulary, fresh, monkeypatch
):
    shutil.copytree(warm, tmp_path, dirs_exist_ok=True)
    path = tmp_path / entry_name(catalog, vocabulary)
    path.write_bytes(damage(path.read_bytes()))
    builds = counted_build(monkeypatch, fresh)
    assert load_or_build_index(catalog, vocabulary, tmp_path) is fresh
    assert builds == [1]
    assert cachefiles.read(path) is not None  # stored again, whole
    index = load_or_build_index(catalog, vocabulary, tmp_path)
    assert builds == [1]
    assert answers(index, ODD_QUESTIONS) == answers(fresh, ODD_QUESTIONS)


def test_an_entry_that_passes_the_checksum_but_is_not_an_index_is_rebuilt(
    tmp_path, catalog, vocabulary, fresh, monkeypatch
):
    path = tmp_path / entry_name(catalog, vocabulary)
    assert cachefiles.write(path, b"\x00 not marshal")
    builds = counted_build(monkeypatch, fresh)
    assert load_or_build_index(catalog, vocabulary, tmp_path) is fresh
    assert builds == [1]


@pytest.mark.parametrize("where", ["under_a_file", "is_a_file"])
def test_an_unusable_cache_directory_still_answers(
    where, tmp_path, catalog, vocabulary, fresh, monkeypatch
):
    """Root can write anywhere, so the directory is made impossible rather than read-only."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    directory = blocker / "cache" if where == "under_a_file" else blocker
    builds = counted_build(monkeypatch, fresh)
    index = load_or_build_index(catalog, vocabulary, directory)
    assert answers(index, ODD_QUESTIONS) == answers(fresh, ODD_QUESTIONS)
    load_or_build_index(catalog, vocabulary, directory)
    assert builds == [1, 1]


def test_a_directory_others_can_write_to_is_not_used(
    tmp_path, warm, catalog, vocabulary, fresh, monkeypatch
):
    """An entry there could have been put by someone else: it is neither read nor written."""
    shared = tmp_path / "shared"
    shutil.copytree(warm, shared)
    shared.chmod(0o777)
    builds = counted_build(monkeypatch, fresh)
    load_or_build_index(catalog, vocabulary, shared)
    assert builds == [1]
    assert sorted(shared.iterdir()) == sorted(shared / p.name for p in warm.iterdir())


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only directory")
def test_a_read_only_cache_directory_still_answers(tmp_path, catalog, vocabulary, fresh):
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o500)
    index = load_or_build_index(catalog, vocabulary, read_only)
    assert answers(index, ODD_QUESTIONS) == answers(fresh, ODD_QUESTIONS)
    assert entries(read_only) == []


def test_a_stored_index_is_found_by_a_new_process_and_loads_without_jieba_or_pypinyin(warm):
    """What a `shebao search` process does, in a process of its own (hash seeds differ)."""
    code = (
        "import sys\n"
        "from shebao.guide.bundle import default_city_dir\n"
        "from shebao.guide.loader import load_catalog_cached\n"
        "from shebao.search.cache import load_or_build_index\n"
        "from shebao.search.vocabulary import load_vocabulary\n"
        "from shebao.search import cache, search\n"
        "cache.build_index = None  # a build would fail\n"
        "catalog = load_catalog_cached(default_city_dir())\n"
        "vocabulary = load_vocabulary(default_city_dir() / 'vocabulary.yaml')\n"
        "index = load_or_build_index(catalog, vocabulary, sys.argv[1])\n"
        "for q in ['退休', 'tuixiu', 'sbkgs', '社保咔挂失']:\n"
        "    assert search(q, index), q\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'jieba', 'pypinyin'}))\n"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code, str(warm)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "[]"


def test_show_and_search_import_neither_yaml_nor_jieba_nor_pypinyin_once_cached(tmp_path):
    env = {**os.environ, "SHEBAO_CACHE_DIR": str(tmp_path)}
    report = (
        "import sys, contextlib, io\n"
        "from shebao.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(sys.argv[1:])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'jieba', 'pypinyin', 'yaml'}))\n"
    )
    for args in (["search", "退休"], ["show", "24"], ["search", "sbkgs"], ["items"]):
        for _ in range(2):  # the first run of a fresh cache directory fills it
            done = subprocess.run(
                [sys.executable, "-c", report, *args],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "[]", args


def test_the_vocabulary_digest_follows_its_content(vocabulary):
    same = load_vocabulary()
    assert same.digest() == vocabulary.digest()
    other = dataclasses.replace(vocabulary, default_part=None)
    assert other.digest() != vocabulary.digest()
