"""Life events load strictly: the packaged ones are the guide's words, and bad data is refused
with the file and the field named."""

from __future__ import annotations

import copy
import doctest
import shutil
from pathlib import Path

import pytest
import yaml

import shebao.events.loader
from shebao.errors import DataError
from shebao.events.loader import build_event, load_events
from shebao.guide.bundle import default_city_dir
from shebao.runtime import bootstrap
from tests.support import runtime

EVENTS_DIR = default_city_dir() / "events"
EXPECTED = {"death", "moving", "retirement", "unit_closing", "unit_opening", "work_injury"}


def _raw(key: str = "work_injury") -> dict:
    return yaml.safe_load((EVENTS_DIR / f"{key}.yaml").read_text(encoding="utf-8"))


def _refused(raw: dict, *words: str) -> str:
    with pytest.raises(DataError) as caught:
        build_event(raw, runtime().catalog, "events/test.yaml", raw.get("key"))
    message = str(caught.value)
    assert "events/test.yaml" in message
    for word in words:
        assert word in message, message
    return message


def _step(raw: dict, step_id: str) -> dict:
    return next(s for s in raw["steps"] if s["id"] == step_id)


def test_the_helpers_do_what_their_examples_say():
    assert doctest.testmod(shebao.events.loader).failed == 0


def test_the_packaged_events_load_with_the_catalog_and_share_its_version():
    rt = runtime()
    book = rt.guide.events
    assert {e.key for e in book.events} == EXPECTED
    assert book.catalog_version == rt.catalog.version == rt.guide.version


def test_every_quoted_basis_is_in_the_guide_word_for_word(guide_text):
    flat = "".join(guide_text.split())
    for event in runtime().guide.events.events:
        for step in event.steps:
            assert step.basis, f"{event.key}.{step.id} names no basis in the guide"
            for quote in step.basis:
                assert "".join(quote.text.split()) in flat, (event.key, step.id, quote.text)


def test_every_step_names_an_item_or_who_decides_outside_the_center():
    for event in runtime().guide.events.events:
        for step in event.steps:
            assert (step.item is None) == (step.authority is not None), (event.key, step.id)


def test_an_edit_to_an_event_changes_the_catalog_version(tmp_path: Path):
    city = tmp_path / "dalian"
    shutil.copytree(default_city_dir(), city)
    path = city / "events" / "death.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# 改一个字\n", encoding="utf-8")
    assert bootstrap(city_dir=city).guide.version != runtime().guide.version


def test_a_bad_event_file_stops_the_whole_bundle_with_its_name(tmp_path: Path):
    city = tmp_path / "dalian"
    shutil.copytree(default_city_dir(), city)
    raw = _raw("death")
    raw["steps"][0]["item"] = 999
    (city / "events" / "death.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True))
    with pytest.raises(DataError, match=r"events/death\.yaml 第1步（stop_pension_enterprise）"):
        bootstrap(city_dir=city)


def test_a_city_without_events_has_none(tmp_path: Path):
    assert load_events(runtime().catalog, tmp_path / "missing").events == ()


def test_it_refuses_an_unknown_key_on_the_event_or_a_step():
    raw = _raw()
    raw["colour"] = "red"
    _refused(raw, "未知的键", "colour")
    raw = _raw()
    raw["steps"][0]["colour"] = "red"
    _refused(raw, "第1步", "colour")


def test_it_refuses_a_key_that_is_not_the_file_name():
    raw = _raw()
    with pytest.raises(DataError, match="应与文件名一致"):
        build_event(raw, runtime().catalog, "events/injury.yaml", "injury")


def test_it_refuses_an_unknown_item_in_a_step_or_in_its_basis():
    raw = _raw()
    _step(raw, "appraisal")["item"] = 85
    _refused(raw, "appraisal", "item", "85")
    raw = _raw()
    _step(raw, "appraisal")["basis"][0]["item"] = 0
    _refused(raw, "appraisal", "basis[0]", "item")


def test_it_refuses_an_unknown_fact_in_a_condition():
    raw = _raw()
    _step(raw, "sick_leave")["when"] = {"fact": "sick_leave_extended", "eq": True}
    _refused(raw, "sick_leave", "when", "sick_leave_extended")
    raw = _raw()
    _step(raw, "sick_leave")["when"] = {"fact": "disability_grade", "eq": 11}
    _refused(raw, "sick_leave", "when", "disability_grade")


def test_it_refuses_a_quote_that_is_not_in_the_item():
    raw = _raw()
    _step(raw, "appraisal")["basis"][0]["quote"] = "劳动能力鉴定由社会保险经办机构主动作出"
    _refused(raw, "appraisal", "quote", "事项48", "找不到")
    raw = _raw()
    _step(raw, "appraisal")["basis"] = []
    _refused(raw, "appraisal", "basis", "至少")
    raw = _raw()
    _step(raw, "appraisal")["basis"][0]["quote"] = "鉴定"
    _refused(raw, "appraisal", "quote", "太短")


def test_it_refuses_needs_on_unknown_or_later_steps_and_on_itself():
    raw = _raw()
    _step(raw, "appraisal")["needs"] = ["recognision"]
    _refused(raw, "appraisal", "needs", "recognision")
    raw = _raw()
    _step(raw, "accident_record")["needs"] = ["appraisal"]
    _refused(raw, "accident_record", "needs", "appraisal", "排在它后面")
    raw = _raw()
    _step(raw, "appraisal")["needs"] = ["appraisal"]
    _refused(raw, "appraisal", "不能需要自己")


def test_it_refuses_a_cycle_in_needs_and_names_it():
    raw = _raw()
    _step(raw, "recognition")["needs"] = ["registration"]
    message = _refused(raw, "needs 有循环")
    assert "recognition → registration → recognition" in message or (
        "registration → recognition → registration" in message
    )


def test_it_refuses_duplicate_step_ids():
    raw = _raw()
    raw["steps"].append(copy.deepcopy(_step(raw, "appraisal")))
    _refused(raw, "步骤 id 重复", "appraisal")


def test_an_outside_step_needs_an_authority_and_an_item_step_has_none():
    raw = _raw()
    del _step(raw, "recognition")["authority"]
    _refused(raw, "recognition", "authority")
    raw = _raw()
    _step(raw, "appraisal")["authority"] = "劳动能力鉴定委员会"
    _refused(raw, "appraisal", "authority", "outside")
    raw = _raw()
    _step(raw, "appraisal")["outside"] = "劳动能力鉴定"
    _refused(raw, "appraisal", "item", "outside")


def test_it_refuses_a_wait_without_needs_and_a_wait_out_of_bounds():
    raw = _raw()
    _step(raw, "sick_leave")["wait_months"] = 12
    _refused(raw, "sick_leave", "wait_months", "needs")
    raw = _raw()
    _step(raw, "review")["wait_months"] = -1
    _refused(raw, "review", "wait_months")


def test_two_events_may_not_answer_to_the_same_name(tmp_path: Path):
    directory = tmp_path / "events"
    directory.mkdir()
    for key in ("death", "retirement"):
        raw = _raw(key)
        raw["aliases"] = [*raw["aliases"], "养老金"]
        (directory / f"{key}.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True))
    with pytest.raises(DataError, match=r"养老金.*重复"):
        load_events(runtime().catalog, directory)
