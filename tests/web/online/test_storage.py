"""The local store keeps keys inside its directory and writes whole files."""

from __future__ import annotations

import pytest

from shebao.web.online.storage import LocalStorage


@pytest.mark.parametrize("key", ["../outside.pdf", "/etc/passwd", "a/../../b", ""])
def test_a_key_cannot_leave_the_store(tmp_path, key):
    store = LocalStorage(tmp_path / "uploads")
    with pytest.raises(ValueError):
        store.save(key, b"x")
    assert not (tmp_path / "outside.pdf").exists()


def test_a_file_is_saved_read_and_deleted_without_leftovers(tmp_path):
    store = LocalStorage(tmp_path)
    store.save("W1/abc.pdf", b"%PDF-1.4")
    assert store.read("W1/abc.pdf") == b"%PDF-1.4"
    assert [p.name for p in (tmp_path / "W1").iterdir()] == ["abc.pdf"]  # no .part- file left
    store.delete("W1/abc.pdf")
    store.delete("W1/abc.pdf")  # deleting twice is not an error
    assert list((tmp_path / "W1").iterdir()) == []
