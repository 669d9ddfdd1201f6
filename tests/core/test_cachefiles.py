"""Files kept between runs: whole or ignored, never stale, never in the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shebao import cachefiles


def test_the_directory_is_chosen_by_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SHEBAO_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cachefiles.cache_dir() == tmp_path / "xdg" / "shebao"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cachefiles.cache_dir() == tmp_path / "home" / ".cache" / "shebao"
    monkeypatch.setenv("SHEBAO_CACHE_DIR", str(tmp_path / "mine"))
    assert cachefiles.cache_dir() == tmp_path / "mine"


def test_a_key_changes_with_any_part():
    assert cachefiles.key("a", 1) == cachefiles.key("a", 1)
    assert cachefiles.key("a", 1) != cachefiles.key("a", 2)
    assert cachefiles.key("a", "b") != cachefiles.key("ab")


def test_an_entry_reads_back_whole(tmp_path):
    path = tmp_path / "deep" / "x-1"
    assert cachefiles.write(path, b"payload")
    assert bytes(cachefiles.read(path)) == b"payload"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize(
    "damage",
    [lambda d: d[:-1], lambda d: d[:10], lambda d: d[:-3] + b"xyz", lambda d: b"x" + d[1:]],
    ids=["one byte short", "header only", "changed payload", "changed magic"],
)
def test_a_damaged_entry_reads_as_missing(tmp_path, damage):
    path = tmp_path / "x-1"
    cachefiles.write(path, b"payload" * 100)
    path.write_bytes(damage(path.read_bytes()))
    assert cachefiles.read(path) is None


def test_a_missing_entry_or_directory_reads_as_missing(tmp_path):
    assert cachefiles.read(tmp_path / "x-1") is None
    assert cachefiles.read(tmp_path / "nowhere" / "x-1") is None


def test_a_directory_that_cannot_exist_is_not_written(tmp_path):
    (tmp_path / "file").write_text("")
    assert not cachefiles.write(tmp_path / "file" / "x-1", b"payload")


def test_a_directory_others_can_write_to_is_neither_read_nor_written(tmp_path):
    cachefiles.write(tmp_path / "x-1", b"payload")
    tmp_path.chmod(0o777)
    try:
        assert cachefiles.read(tmp_path / "x-1") is None
        assert not cachefiles.write(tmp_path / "x-2", b"payload")
    finally:
        tmp_path.chmod(0o700)


def test_old_entries_of_a_kind_are_pruned_other_kinds_kept(tmp_path):
    for n in range(cachefiles.KEEP + 3):
        cachefiles.write(tmp_path / f"x-{n}", b"p")
        os.utime(tmp_path / f"x-{n}", (n, n))  # written in this order
    cachefiles.write(tmp_path / "y-0", b"p")
    cachefiles.write(tmp_path / "x-new", b"p")
    names = {p.name for p in tmp_path.iterdir()}
    assert "y-0" in names and "x-new" in names
    assert len([n for n in names if n.startswith("x-")]) == cachefiles.KEEP
    assert "x-0" not in names


def test_load_or_make_makes_once_then_loads(tmp_path):
    made: list[int] = []

    def make() -> str:
        made.append(1)
        return "value"

    path = tmp_path / "v-1"
    for _ in range(3):
        value = cachefiles.load_or_make(path, make, str.encode, lambda b: bytes(b).decode())
        assert value == "value"
    assert made == [1]


def test_load_or_make_makes_again_when_the_entry_cannot_be_loaded(tmp_path):
    path = tmp_path / "v-1"
    cachefiles.write(path, b"\xff not text")
    value = cachefiles.load_or_make(path, lambda: "value", str.encode, lambda b: bytes(b).decode())
    assert value == "value"
    assert bytes(cachefiles.read(path)) == b"value"


def test_code_digest_follows_the_source(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("A = 1\n")
    before = cachefiles.code_digest([source])
    source.write_text("A = 2\n")
    assert cachefiles.code_digest([source]) != before
    assert cachefiles.code_digest([Path(cachefiles.__file__)])
