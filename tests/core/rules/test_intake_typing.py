"""收件 as a clerk types it: everyday names, 原件 and 复印件, lines that list several documents,
forms with a month left open, and the 容缺 materials an item's own list forgets (issue 9)."""

from __future__ import annotations

import pytest

from shebao.present.checks import intake_dict
from shebao.rules.intake import intake_check
from tests.support import runtime


def intake(item: int, typed: str) -> dict:
    return intake_dict(intake_check(runtime().guide, item, typed))


# --- everyday names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "typed", "material"),
    [
        (63, "社保卡", "社会保障卡"),  # the search vocabulary's 社保卡 serves intake too
        (65, "医保卡", "社会保障卡"),
        (25, "社会保障卡", "社保卡"),  # and the other way round
        (63, "身份证", "有效身份证件"),
        (65, "护照", "有效身份证件"),
        (62, "港澳居民往来内地通行证", "有效身份证件"),
        (24, "居民身份证", "身份证"),
        (16, "户口簿", "户口本"),
        (25, "居民户口簿", "户口本"),
        (24, "人事档案", "个人档案"),
        (20, "借记卡", "银行卡"),
        (49, "银行卡", "银行1类账户信息"),
        (39, "存折", "银行账户信息"),
        (30, "存折", "新银行卡（折）"),
        (74, "法人身份证", "法定代表人身份证原件及复印件"),
        (74, "统一社会信用代码证书", "事业单位法人证书/统一社会信用代码证书原件及复印件"),
        (73, "身份证", "身份证明原件及复印件"),
    ],
)
def test_a_clerk_may_type_the_everyday_name_of_a_material(item, typed, material):
    assert intake(item, typed)["matched"] == {typed: material}


def test_everyday_names_complete_a_case_typed_the_way_people_say_it():
    typed = "回执单、居民身份证、社会保障卡、审批表、户口簿、人事档案"
    assert intake(25, typed)["outcome"] == "complete"


def test_a_passbook_is_not_taken_for_a_bank_card_where_the_guide_says_only_bank_card():
    result = intake(20, "存折,个人申请,身份证")
    assert result["missing"] == ["银行卡"]
    assert result["unmatched"] == [{"provided": "存折", "candidates": []}]
    assert "所报材料“存折”未能对应本事项的要件" in result["notice"]


def test_a_word_with_several_meanings_names_no_material():
    # In the search vocabulary "卡" is 社会保障卡 or 银行卡: at the window it names neither.
    result = intake(63, "身份证,卡")
    assert result["matched"] == {"身份证": "有效身份证件"}
    assert result["unmatched"] == [{"provided": "卡", "candidates": []}]


def test_the_vocabulary_lends_only_words_with_one_meaning():
    from shebao.rules.intake_reading import vocabulary_names

    lent = vocabulary_names(runtime().guide.vocabulary)
    assert "医保卡" in lent["社会保障卡"] and "社会保障卡" in lent["社保卡"]
    assert not any("卡" in names for names in lent.values())


def test_a_name_standing_for_two_materials_is_reported_not_chosen():
    from shebao.rules.materials import Matcher

    matcher = Matcher([("身份证", "居民身份证"), ("身份证", "有效身份证件"), ("户口簿", "户口簿")])
    found = matcher.match("身份证")
    assert found.material is None
    assert set(found.candidates) == {"居民身份证", "有效身份证件"}


def test_two_names_joined_by_and_are_two_materials():
    result = intake(25, "身份证和户口本、社保卡及个人档案")
    assert result["matched"] == {
        "身份证": "身份证",
        "户口本": "户口本",
        "社保卡": "社保卡",
        "个人档案": "个人档案",
    }


# --- 原件 and 复印件 --------------------------------------------------------------------------

FORM_73 = "养老保险关系转移接续申请表"


@pytest.mark.parametrize(
    "typed",
    [
        "身份证原件、身份证复印件",
        "身份证原件及复印件",
        "身份证原件和复印件",
        "身份证（原件+复印件）",
        "身份证(原件、复印件)",
        "身份证原件、复印件",
        "身份证原、复印件",
        "身份证原复印件",
        "身份证及复印件",
        "身份证 原件 复印件",
        "身份证原件\n身份证正反面复印件",
        "身份证复印件2份，身份证原件",
        "身份证明原件及复印件",
    ],
)
def test_an_original_and_a_copy_typed_either_way_meet_原件及复印件(typed):
    result = intake(73, f"{FORM_73}、{typed}")
    assert result["outcome"] == "complete", result["notice"]
    assert result["unmatched"] == []


@pytest.mark.parametrize("typed", ["身份证", "身份证原件", "身份证（原件）"])
def test_an_original_alone_leaves_the_copy_missing(typed):
    result = intake(73, f"{FORM_73}、{typed}")
    assert result["outcome"] == "incomplete"
    assert result["missing"] == ["身份证明复印件"]
    (detail,) = result["missing_details"]
    assert detail["requirement"] == "身份证明原件及复印件"
    assert detail["provided_forms"] == ["原件"] and detail["lacking_forms"] == ["复印件"]
    assert "1. 身份证明复印件（已提供原件）——取得途径：" in result["notice"]
    (reading,) = [r for r in result["readings"] if r["about"] == "原件与复印件"]
    assert "按原件（证件本身）计" in reading["reading"]


@pytest.mark.parametrize("typed", ["身份证复印件", "身份证（复印件）", "身份证正反面复印件"])
def test_a_copy_alone_leaves_the_original_missing(typed):
    result = intake(73, f"{FORM_73}、{typed}")
    assert result["missing"] == ["身份证明原件"]
    assert "身份证明原件（已提供复印件）" in result["notice"]


@pytest.mark.parametrize(
    "typed",
    [
        "身份证原件，复印件未带",
        "身份证原件（复印件未带）",
        "身份证缺复印件",
        "身份证原件没带复印件",
    ],
)
def test_a_copy_said_to_be_missing_is_missing_and_said_back(typed):
    result = intake(73, f"{FORM_73}、{typed}")
    assert result["missing"] == ["身份证明复印件"]
    (said,) = result["not_provided"]
    assert said["material"] == "身份证明原件及复印件" and said["forms"] == ["复印件"]
    assert "“身份证明原件及复印件”的复印件" in result["notice"]


def test_each_material_of_a_unit_registration_needs_its_original_and_its_copy():
    typed = (
        "登记申请表、开户证明、统一社会信用代码证书原件、任命文原件及复印件、法定代表人身份证复印件"
    )
    result = intake(74, typed)
    assert result["missing"] == [
        "事业单位法人证书/统一社会信用代码证书复印件",
        "法定代表人身份证原件",
    ]


def test_where_the_guide_asks_for_an_original_a_copy_does_not_do():
    result = intake(71, "身份证复印件")
    assert result["outcome"] == "incomplete"
    assert "身份证原件（所报为复印件，须原件）" in result["notice"]
    assert intake(71, "身份证")["outcome"] == "complete"
    under_16 = intake(64, "户口本复印件,监护人身份证,出生证明")
    assert under_16["outcome"] == "incomplete"
    assert "居民户口簿原件（所报为复印件，须原件）" in under_16["notice"]


def test_where_the_guide_asks_for_a_copy_the_card_itself_is_not_the_copy():
    result = intake(28, "承诺书,银行卡")
    assert result["missing"] == ["退休人员本人或领取人的银行卡（折）复印件"]
    assert "（所报为原件，本项须提供复印件）" in result["notice"]
    assert intake(28, "承诺书,银行卡复印件")["outcome"] == "complete"


def test_where_the_guide_says_neither_a_copy_is_enough():
    assert intake(25, "身份证复印件")["matched"] == {"身份证复印件": "身份证"}
    assert "身份证" not in intake(25, "身份证复印件")["missing"]


@pytest.mark.parametrize("noise", ["（）", "一份", "——", "了"])
def test_marks_or_a_count_alone_add_nothing_to_the_name_before_them(noise):
    result = intake(73, f"{FORM_73}、身份证复印件、{noise}")
    assert result["missing"] == ["身份证明原件"]


def test_a_bare_复印件_with_nothing_before_it_is_reported():
    result = intake(73, "复印件")
    assert result["unmatched"] == [{"provided": "复印件", "candidates": []}]


# --- one line of the guide listing several documents ---------------------------------------


@pytest.mark.parametrize("item", [63, 65])
def test_an_id_document_and_the_card_on_one_line_are_two_requirements(item):
    alone = intake(item, "身份证")
    assert alone["outcome"] == "incomplete" and alone["missing"] == ["社会保障卡"]
    assert intake(item, "社保卡")["missing"] == ["有效身份证件"]
    assert intake(item, "身份证、社保卡")["outcome"] == "complete"
    assert intake(item, "有效身份证件、社会保障卡")["outcome"] == "complete"


@pytest.mark.parametrize("item", [62, 63, 65])
def test_what_an_agent_brings_is_conditional_and_the_reading_is_stated(item):
    result = intake(item, "身份证,社保卡,代办人身份证")
    assert result["outcome"] == "complete"
    assert "代办人有效身份证原件（如代办）" in result["conditional"]
    assert "代办人有效身份证原件（如代办），已提供" in result["notice"]
    (reading,) = result["readings"]
    assert "代办" in reading["reading"]


def test_the_survivors_id_is_needed_and_the_handlers_only_when_someone_else_handles_it():
    assert intake(21, "银行卡,资格认定申请表,身份证")["outcome"] == "complete"
    result = intake(21, "银行卡,资格认定申请表,经办人身份证")
    assert result["missing"] == ["遗属身份证"]
    assert "经办人身份证（由遗属以外的人经办的）" in result["conditional"]


# --- forms whose name leaves the month open -------------------------------------------------


@pytest.mark.parametrize(
    ("item", "typed"),
    [
        (31, "参保人员3月业务申报项目表"),
        (31, "参保人员业务申报项目表"),
        (31, "机关事业单位基本养老保险参保人员12月份业务申报项目表"),
        (76, "参保人员月业务申报项目表"),
        (78, "参保人员三月业务申报项目表"),
        (78, "《机关事业单位社会保险参保人员2026年5月业务申报项目表》"),
        (26, "机关事业单位基本养老保险参保人员3月业务申报项目表"),  # the guide's 人员人员
        (26, "业务申报项目表"),
    ],
)
def test_a_form_with_a_month_placeholder_matches_typed_with_or_without_the_month(item, typed):
    result = intake(item, typed)
    assert result["unmatched"] == [] and len(result["matched"]) == 1, result["notice"]
    assert result["missing"] == []


# --- a 容缺 material the item's own list lacks (items 36, 52, 53) ---------------------------


@pytest.mark.parametrize(("item", "entry"), [(36, 7), (52, 3), (53, 2)])
def test_the_unlisted_容缺_material_is_asked_for_tolerably_with_the_reading(item, entry):
    result = intake(item, "大连市工伤保险协议服务机构申请审核表")
    assert result["outcome"] == "tolerated" and result["commitment_required"] is True
    (detail,) = result["missing_details"]
    assert detail["basis"] == f"容缺办理事项清单第{entry}项"
    assert "容缺只对平时须提交的材料才有意义" in detail["reading"]
    assert [r["about"] for r in result["readings"]] == [detail["name"]]
    assert f"说明：本事项要件清单未列“{detail['name']}”" in result["notice"]
    assert intake(item, f"审核表,{detail['name']}")["outcome"] == "complete"


# --- more of how people type -----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "原件：身份证、复印件：身份证",
        "身份证原件一份、复印件两份",
        "身份证原件/复印件",
        "身份证原件 + 复印件",
        "身份证（原件、复印件",  # a bracket left open
    ],
)
def test_more_ways_of_typing_an_original_and_a_copy(typed):
    assert intake(73, f"{FORM_73}、{typed}")["outcome"] == "complete"


@pytest.mark.parametrize("typed", ["社保卡（丢失）", "社保卡丢了", "社保卡（已过期）", "无社保卡"])
def test_a_document_said_lost_or_expired_does_not_count(typed):
    result = intake(63, f"身份证、{typed}")
    assert result["missing"] == ["社会保障卡"]
    assert [n["material"] for n in result["not_provided"]] == ["社会保障卡"]


def test_names_joined_by_and_are_each_matched_even_inside_one_guide_line():
    result = intake(35, "鉴定申请书,医学诊断及病历")
    assert result["outcome"] == "complete"
    assert result["matched"]["病历"] == "病历材料"


@pytest.mark.parametrize("typed", ["工资卡", "退休金卡", "养老金卡"])
def test_a_card_named_for_what_is_paid_into_it_is_a_bank_card(typed):
    assert intake(20, f"{typed},个人申请,身份证")["outcome"] == "complete"


def test_a_month_written_as_a_date_fills_the_placeholder_too():
    assert intake(31, "参保人员2026-03业务申报项目表")["outcome"] == "complete"
