"""A hand-edited data file that is wrong fails to load, naming the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shebao.errors import DataError
from shebao.guide import DATA_ROOT, load_catalog_from


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "dalian"
    shutil.copytree(DATA_ROOT / "dalian", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_field_in_an_item_is_refused(data):
    _edit(data / "items" / "24.yaml", "tips:", "tipz: x\ntips:")
    with pytest.raises(DataError, match=r"items/24\.yaml.*tipz"):
        load_catalog_from(data)


def test_a_window_pointing_to_an_unknown_place_is_refused(data):
    _edit(data / "items" / "24.yaml", "- point-1", "- point-99")
    with pytest.raises(DataError, match="point-99"):
        load_catalog_from(data)


def test_a_prohibition_naming_an_unknown_item_is_refused(data):
    _edit(data / "prohibitions.yaml", "- 25", "- 250")
    with pytest.raises(DataError, match="250"):
        load_catalog_from(data)


def test_a_tolerated_material_the_item_does_not_list_is_refused(data):
    _edit(
        data / "tolerated.yaml",
        "item_material: 协议医疗机构治疗病志",
        "item_material: 不存在的材料",
    )
    with pytest.raises(DataError, match="不存在的材料"):
        load_catalog_from(data)


def test_a_negative_time_limit_is_refused(data):
    _edit(data / "items" / "34.yaml", "working_days: 10", "working_days: -3")
    with pytest.raises(DataError, match="办理时限"):
        load_catalog_from(data)


def test_two_files_with_the_same_item_number_are_refused(data):
    shutil.copy(data / "items" / "24.yaml", data / "items" / "24-copy.yaml")
    with pytest.raises(DataError, match="重复"):
        load_catalog_from(data)


def test_broken_yaml_is_reported_with_its_file(data):
    (data / "places.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"places\.yaml"):
        load_catalog_from(data)


def test_any_edit_changes_the_catalog_version(data):
    before = load_catalog_from(data).version
    _edit(data / "items" / "61.yaml", "补换新卡后", "补换新卡以后")
    assert load_catalog_from(data).version != before


def test_the_version_is_stable_for_the_same_data(data):
    assert load_catalog_from(data).version == load_catalog_from(data).version


def test_the_catalog_read_from_the_cache_is_the_one_the_data_files_give():
    from shebao.guide.loader import load_catalog_cached

    first = load_catalog_cached(DATA_ROOT / "dalian")  # read, or from the session's cache
    cached = load_catalog_cached(DATA_ROOT / "dalian")
    assert cached == first == load_catalog_from(DATA_ROOT / "dalian")


def test_an_edited_data_file_is_read_again_not_taken_from_the_cache(data):
    from shebao.guide.loader import load_catalog_cached

    before = load_catalog_cached(data)
    _edit(data / "items" / "24.yaml", "name: 职工提前退休（退职）申请", "name: 职工提前退休申请")
    after = load_catalog_cached(data)
    assert after.items[24].name == "职工提前退休申请"
    assert after.version != before.version


def test_a_broken_data_file_fails_even_when_the_catalog_was_cached(data):
    from shebao.guide.loader import load_catalog_cached

    load_catalog_cached(data)
    _edit(data / "items" / "24.yaml", "tips:", "tipz: x\ntips:")
    with pytest.raises(DataError, match=r"items/24\.yaml.*tipz"):
        load_catalog_cached(data)


def test_a_catalog_whose_files_changed_while_read_is_not_stored(data, monkeypatch):
    from shebao import cachefiles
    from shebao.guide import loader

    _edit(data / "items" / "24.yaml", "tips:", "tips: 第一稿。")  # content no entry holds yet
    read = loader.load_catalog_from

    def edited_while_read(city_dir):
        _edit(city_dir / "items" / "24.yaml", "第一稿", "第二稿")
        return read(city_dir)

    monkeypatch.setattr(loader, "load_catalog_from", edited_while_read)
    before = set(cachefiles.cache_dir().glob("catalog-*"))
    assert "第二稿" in loader.load_catalog_cached(data).items[24].tips
    assert set(cachefiles.cache_dir().glob("catalog-*")) == before
