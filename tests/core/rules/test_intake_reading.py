"""The intake reading (rules/intake.yaml) is refused when it no longer fits the guide."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from shebao.errors import DataError
from shebao.rules.intake_reading import load_intake_reading
from tests.support import runtime


def _load_with(tmp_path: Path, change) -> None:
    guide = runtime().guide
    raw = yaml.safe_load((guide.directory / "rules" / "intake.yaml").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "intake.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    load_intake_reading(guide.catalog, path)


def test_the_packaged_reading_loads(tmp_path):
    _load_with(tmp_path, lambda raw: None)


def test_the_unlisted_容缺_reading_must_name_exactly_the_items_concerned(tmp_path):
    def drop_53(raw):
        raw["tolerated_unlisted"]["items"] = [36, 52]

    with pytest.raises(DataError, match="36、52、53"):
        _load_with(tmp_path, drop_53)

    def drop_all(raw):
        del raw["tolerated_unlisted"]

    with pytest.raises(DataError, match="tolerated_unlisted"):
        _load_with(tmp_path, drop_all)


def test_a_part_of_a_split_line_must_be_written_with_the_lines_own_words(tmp_path):
    def foreign(raw):
        raw["split"][0]["parts"][1]["name"] = "驾驶证"

    with pytest.raises(DataError, match="驾驶证"):
        _load_with(tmp_path, foreign)


def test_a_split_line_must_be_one_of_the_items_materials(tmp_path):
    def stale(raw):
        raw["split"][0]["material"] = "持卡人应当持有效身份证件"

    with pytest.raises(DataError, match="没有要件"):
        _load_with(tmp_path, stale)


def test_another_name_must_be_for_a_material_some_item_asks_for(tmp_path):
    def unknown(raw):
        raw["names"].append({"names": ["驾驶证", "驾照"], "reason": "试验"})

    with pytest.raises(DataError, match="驾驶证"):
        _load_with(tmp_path, unknown)


def test_every_other_name_has_a_reason(tmp_path):
    def no_reason(raw):
        del raw["names"][0]["reason"]

    with pytest.raises(DataError, match="reason"):
        _load_with(tmp_path, no_reason)
