"""容缺 supplement limits: data with a basis, one per item on the 容缺 list, never past the item's
own time limit; counted in working days across holidays."""

from __future__ import annotations

import datetime as dt
import doctest
import shutil
from pathlib import Path

import pytest
import yaml

import shebao.cases.supplement
from shebao.cases.supplement import SupplementLimit, build_supplement, supplement_due
from shebao.errors import DataError
from shebao.guide.bundle import default_city_dir, load_bundle
from tests.support import runtime

FILE = default_city_dir() / "rules" / "supplement.yaml"


def raw() -> dict:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


def entry(data: dict, item: int) -> dict:
    return next(e for e in data["limits"] if e["item"] == item)


def build(data: dict):
    return build_supplement(data, runtime().catalog)


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(shebao.cases.supplement).failed == 0


def test_every_item_on_the_tolerated_list_has_a_limit_with_a_basis():
    limits = runtime().guide.supplement
    assert sorted(limits.by_item) == sorted(t.item for t in runtime().catalog.tolerations)
    for no, limit in limits.by_item.items():
        item = runtime().catalog.items[no]
        assert 1 <= limit.working_days <= min(t.working_days for t in item.time_limits)
        assert "未规定补齐期限" in limit.basis and "待中心" in limit.basis
    assert "未规定补齐期限" in limits.description


def test_the_file_is_part_of_the_catalog_version(tmp_path: Path):
    copy = tmp_path / "dalian"
    shutil.copytree(default_city_dir(), copy)
    target = copy / "rules" / "supplement.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# 注\n", encoding="utf-8")
    assert load_bundle(copy).version != runtime().guide.version


def test_a_limit_longer_than_the_items_own_time_limit_is_refused():
    data = raw()
    entry(data, 60)["working_days"] = 6  # item 60: 5 working days
    with pytest.raises(DataError, match=r"事项 60.*6 个工作日长于.*5 个工作日"):
        build(data)


def test_a_limit_as_long_as_the_items_own_is_allowed():
    data = raw()
    entry(data, 60)["working_days"] = 5
    assert build(data).for_item(60).working_days == 5


def test_an_item_not_on_the_tolerated_list_is_refused():
    data = raw()
    data["limits"].append({"item": 25, "working_days": 3, "basis": "x"})
    with pytest.raises(DataError, match=r"事项 25.*不在容缺办理事项清单上"):
        build(data)


def test_an_item_on_the_tolerated_list_without_a_limit_is_refused():
    data = raw()
    data["limits"] = [e for e in data["limits"] if e["item"] != 48]
    with pytest.raises(DataError, match="事项 48 没有补齐期限"):
        build(data)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"working_days": 0}, "正整数"),
        ({"working_days": True}, "正整数"),
        ({"working_days": "5"}, "正整数"),
        ({"basis": "  "}, "basis"),
        ({"item": 999}, "999"),
        ({"days": 5}, "未知的键"),
    ],
)
def test_a_malformed_entry_is_refused(change, says):
    data = raw()
    entry(data, 48).update(change)
    with pytest.raises(DataError, match=says):
        build(data)


def test_an_entry_written_twice_is_refused():
    data = raw()
    data["limits"].append(dict(entry(data, 48)))
    with pytest.raises(DataError, match="重复"):
        build(data)


def test_the_bundle_refuses_to_load_bad_supplement_data(tmp_path: Path):
    copy = tmp_path / "dalian"
    shutil.copytree(default_city_dir(), copy)
    target = copy / "rules" / "supplement.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("working_days: 3", "working_days: 30"), encoding="utf-8")
    with pytest.raises(DataError, match=r"supplement\.yaml"):
        load_bundle(copy)


@pytest.mark.parametrize(
    ("accepted", "days", "due"),
    [
        (dt.date(2026, 9, 30), 5, dt.date(2026, 10, 13)),  # 国庆 1–7 Oct off, Sat 10 Oct worked
        (dt.date(2026, 9, 30), 3, dt.date(2026, 10, 10)),  # due on the 调休 Saturday
        (dt.date(2026, 9, 29), 1, dt.date(2026, 9, 30)),
        (dt.date(2026, 11, 13), 5, dt.date(2026, 11, 20)),  # an ordinary week: Fri → Fri
    ],
)
def test_the_supplement_is_due_on_the_nth_working_day_after_acceptance(accepted, days, due):
    limit = SupplementLimit(item=48, working_days=days, basis="x")
    assert supplement_due(accepted, limit, runtime().calendar) == due
