"""What `shebao show` says of an item's materials agrees with what the window asks for."""

from __future__ import annotations

import pytest

from shebao.present.items import describe_item, item_dict
from shebao.rules.intake import intake_check
from tests.support import runtime

ITEMS = range(1, 85)


def show(no: int) -> dict:
    guide = runtime().guide
    return item_dict(guide, guide.catalog.item(no))


def _required_in_show(data: dict) -> list[str]:
    """What `show` says must be brought: required materials, the always-needed parts of a line
    that lists several, one entry per choice, and 容缺 materials the item's list lacks."""
    out: list[str] = []
    for m in data["materials"]:
        if m["intake"] == "required":
            out.append(m["name"])
        elif m["intake"] == "split":
            out += [p["name"] for p in m["parts"] if not p.get("conditional")]
        elif m["intake"] == "one_of" and m["choice"] not in out:
            out.append(m["choice"])
    return out


@pytest.mark.parametrize("no", ITEMS)
def test_show_and_intake_check_ask_for_the_same_materials(no):
    data = show(no)
    result = intake_check(runtime().guide, no, "")
    asked = [r.heading if r.options else r.key for r in result.missing]
    assert asked == _required_in_show(data)
    conditional = [m for m in data["materials"] if m["intake"] == "conditional"]
    parts = [p for m in data["materials"] for p in m.get("parts", ()) if p.get("conditional")]
    assert len(result.conditional) == len(conditional) + len(parts)


@pytest.mark.parametrize(("no", "entry"), [(36, 7), (52, 3), (53, 2)])
def test_show_lists_the_容缺_material_the_items_own_list_lacks_with_the_reading(no, entry):
    data = show(no)
    (unlisted,) = [m for m in data["materials"] if m.get("role") == "tolerated_unlisted"]
    assert unlisted["intake"] == "required" and unlisted["tolerable"] is True
    assert unlisted["basis"] == f"容缺办理事项清单第{entry}项"
    assert unlisted["name"] == data["tolerated_missing"][0]["name"]
    text = describe_item(data)
    assert f"{unlisted['name']}——本事项要件清单未列，容缺办理事项清单第{entry}项" in text
    assert "容缺只对平时须提交的材料才有意义" in text


@pytest.mark.parametrize("no", ITEMS)
def test_every_material_shows_its_condition_in_the_text(no):
    data = show(no)
    text = describe_item(data)
    for material in data["materials"]:
        if "note" in material:
            assert material["note"] in text
        if material["intake"] == "conditional":
            start = (material.get("text") or material["name"])[:12]
            line = next(x for x in text.splitlines() if start in x)
            assert line.endswith("视情况提供"), line


def test_the_json_keeps_the_note_and_says_the_material_is_conditional():
    (proxy,) = [m for m in show(29)["materials"] if m["name"].endswith("委托书")]
    assert proxy["note"] == "变更非本人养老保险待遇发放账户所需"
    assert proxy["intake"] == "conditional" and proxy["condition"] == proxy["note"]


def test_a_line_listing_several_documents_is_shown_with_its_parts():
    text = describe_item(show(63))
    parts = "有效身份证件；社会保障卡；代办人有效身份证原件（如代办，视情况提供）"
    assert f"收件时分为4份分别核对：{parts}" in text
    assert "【收件时对要件的理解】" in text


@pytest.mark.parametrize("no", [28, 61, 64, 71, 73, 74, 75])
def test_show_states_how_原件_and_复印件_are_read_where_the_guide_asks_for_them(no):
    assert "  原件与复印件：指南写“原件及复印件”的，原件和复印件都要有" in describe_item(show(no))


def test_show_does_not_speak_of_原件_where_the_guide_does_not():
    assert "原件与复印件" not in describe_item(show(25))
