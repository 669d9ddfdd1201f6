"""One runtime: the guide bundle from one directory, Beijing's today, explicit parameters."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import time_machine
import yaml

from shebao.guide.bundle import default_city_dir
from shebao.runtime import BEIJING, bootstrap
from shebao.services.checks import check_item, intake_check
from shebao.services.search import search


@pytest.fixture
def city_copy(tmp_path: Path) -> Path:
    target = tmp_path / "dalian"
    shutil.copytree(default_city_dir(), target)
    return target


def test_a_catalog_directory_passed_in_is_the_one_whose_rules_apply(city_copy: Path) -> None:
    packaged = bootstrap()
    rules_file = city_copy / "rules" / "prohibitions.yaml"
    data = yaml.safe_load(rules_file.read_text(encoding="utf-8"))
    for rule in data["rules"]:
        if rule["id"].startswith("7"):  # entry 7: contributions short of the minimum
            rule["reason"] = "（副本中的规则）" + rule["reason"]
    rules_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    copied = bootstrap(city_dir=city_copy)
    facts = {"contribution_months": 12, "receiving_employee_pension": False}
    ours = check_item(copied, 17, facts, dt.date(2026, 6, 1))
    theirs = check_item(packaged, 17, facts, dt.date(2026, 6, 1))
    assert any(v.rule.reason.startswith("（副本中的规则）") for v in ours.violations)
    assert not any(v.rule.reason.startswith("（副本中的规则）") for v in theirs.violations)
    assert ours.catalog_version == copied.guide.version != packaged.guide.version


def test_the_vocabulary_and_intake_reading_come_from_the_same_directory(city_copy: Path) -> None:
    vocabulary = city_copy / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(
        text.replace("synonyms:", "synonyms:\n  - theme: 测试\n    entries:\n"
                     "      - {words: [蓝本本], means: [社会保障卡, 挂失]}", 1),
        encoding="utf-8",
    )  # fmt: skip
    copied = bootstrap(city_dir=city_copy)
    assert search(copied, "蓝本本")[0].no == 62
    assert all(r.no != 62 for r in search(bootstrap(), "蓝本本"))
    assert intake_check(copied, 48, []).catalog_version == copied.guide.version


def test_at_seven_in_the_morning_beijing_time_a_utc_server_uses_the_beijing_date() -> None:
    # 2025-06-30 23:00 UTC is 2025-07-01 07:00 in Beijing. A man born 1965-05 reaches his
    # statutory retirement age (60 years 2 months) in 2025-07: on the UTC date he would be
    # refused normal retirement (item 25) for being under age.
    with time_machine.travel(dt.datetime(2025, 6, 30, 23, 0, tzinfo=dt.UTC), tick=False):
        rt = bootstrap()
        assert rt.today() == dt.date(2025, 7, 1)
        assert rt.now().tzinfo is BEIJING
        facts = {
            "birth_date": "1965-05-20",
            "sex": "male",
            "contribution_months": 400,
            "flexible_early": False,
            "employee_pension_insured": True,
        }
        result = check_item(rt, 25, facts)
        assert result.on == dt.date(2025, 7, 1) and result.allowed is True
        assert check_item(rt, 25, facts, dt.date(2025, 6, 30)).allowed is False


def test_a_birth_date_of_today_in_beijing_is_not_in_the_future_on_a_utc_server() -> None:
    with time_machine.travel(dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC), tick=False):
        rt = bootstrap()  # 01:30 on 2 March in Beijing
        result = check_item(rt, 25, {"birth_date": "2026-03-02", "sex": "female"})
        assert result.on == dt.date(2026, 3, 2)
