"""The commands take what people's machines type: invisible marks, full-width forms, Chinese
labels, any letter case, files saved with a BOM, common Chinese date forms."""

from __future__ import annotations

import codecs
import json

import pytest

MAN_1965 = "210202196505100016"  # born 1965-05-10


@pytest.mark.parametrize("typed", ["24\u200b", "\ufeff24", "２４", "24\u00a0", "\u300024"])
def test_show_finds_the_item_whatever_invisible_or_wide_characters_came_with_it(cli, typed):
    result = cli("show", typed, "--json")
    assert result.code == 0 and result.json()["no"] == 24


def test_a_facts_file_saved_with_a_bom_is_read(cli, tmp_path):
    path = tmp_path / "facts.json"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps({"injury_recognized": True}).encode())
    result = cli("check", "48", "--facts", f"@{path}", "--json")
    assert result.code == 0 and result.json()["facts"]["injury_recognized"] is True


def test_a_facts_file_saved_as_notepads_unicode_is_read(cli, tmp_path):
    path = tmp_path / "facts.json"
    path.write_bytes(json.dumps({"hukou": "大连"}, ensure_ascii=False).encode("utf-16"))
    result = cli("check", "16", "--facts", f"@{path}", "--json")
    assert result.code == 0 and result.json()["facts"]["hukou"] == "dalian"


@pytest.mark.parametrize(
    "id_number",
    [
        MAN_1965,
        "２１０２０２１９６５０５１０００１６",
        f"{MAN_1965}\u200b",
        "210202 19650510 0016",
    ],
)
def test_an_id_number_typed_on_a_phone_gives_the_same_answer(cli, id_number):
    facts = json.dumps(
        {"id_number": id_number, "contribution_months": 200, "employee_pension_insured": True},
        ensure_ascii=False,
    )
    data = cli("check", "25", "--facts", facts, "--on", "2025-07-01", "--json").json()
    assert data["allowed"] is True and data["facts"]["birth_date"] == "1965-05-10"


def test_a_small_x_in_an_id_number_is_read_as_the_check_character(cli):
    facts = json.dumps({"id_number": "11010519491231002x", "contribution_months": 200})
    data = cli("check", "25", "--facts", facts, "--json").json()
    assert data["facts"]["sex"] == "female"


@pytest.mark.parametrize(
    "facts",
    [
        {"sex": "MALE", "birth_date": "1965年5月10日"},
        {"sex": "男", "birth_date": "1965/5/10"},
        {"sex": "Male", "birth_date": "１９６５－０５－１０"},
    ],
)
def test_choices_and_dates_in_facts_take_chinese_and_any_case(cli, facts):
    insured = {"contribution_months": 200, "employee_pension_insured": True}
    given = json.dumps({**facts, **insured}, ensure_ascii=False)
    data = cli("check", "25", "--facts", given, "--on", "2025年7月1日", "--json").json()
    assert data["facts"]["sex"] == "male" and data["facts"]["birth_date"] == "1965-05-10"
    assert data["on"] == "2025-07-01" and data["allowed"] is True


@pytest.mark.parametrize(
    ("channel", "label"),
    [("网上", "网上办"), ("Online", "网上办"), ("ＯＮＬＩＮＥ", "网上办"), ("窗口", "窗口办")],
)
def test_deadline_takes_the_channel_in_chinese_or_any_case(cli, channel, label):
    result = cli("deadline", "61", "--accepted", "2026／10／08", "--channel", channel)
    assert result.code == 0 and f"办理渠道：{label}" in result.out
    assert "受理日期：2026-10-08" in result.out


@pytest.mark.parametrize(
    "args",
    [
        ["--birth", "1975年4月", "--sex", "女", "--female-original-age", "５０"],
        ["--birth", "1975/4", "--sex", "FEMALE", "--female-original-age", "50周岁"],
        ["--birth", "１９７５－０４", "--sex", "Female", "--female-original-age", "50"],
    ],
)
def test_retirement_takes_chinese_full_width_and_any_case(cli, args):
    data = cli("retirement", *args, "--json").json()
    assert data["retirement_month"] == "2025-06" and data["group"] == "female_50"


def test_retirement_reads_full_width_months_paid(cli):
    wide = cli(
        "retirement", "--birth", "1965-05", "--sex", "male", "--contribution-months", "１８０"
    )
    narrow = cli(
        "retirement", "--birth", "1965-05", "--sex", "male", "--contribution-months", "180"
    )
    assert wide.code == 0 and wide.out == narrow.out


def test_items_finds_a_category_with_an_invisible_mark(cli):
    result = cli("items", "--category", "工伤保险\u200b", "--json")
    assert result.code == 0 and result.json()
