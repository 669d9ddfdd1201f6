"""收件检查 at the window: complete, 容缺 (tolerated) or incomplete, and a 一次性告知 that names
every missing material at once with where to get it."""

from __future__ import annotations

import pytest

from shebao.catalog import load_catalog
from shebao.errors import InputError
from shebao.rules.intake import intake_check


def intake(item: int, provided: str) -> dict:
    return intake_check(load_catalog(), item, provided).as_dict()


def test_everything_brought_is_complete_and_needs_no_commitment():
    result = intake(48, "大连市劳动能力鉴定申请书,病历资料,与伤病有关的医学诊断")
    assert result["outcome"] == "complete"
    assert result["missing"] == [] and result["tolerated"] == []
    assert result["commitment_required"] is False
    assert "要件齐全" in result["notice"]


def test_the_commitment_itself_is_never_counted_missing():
    result = intake(60, "劳动人事争议仲裁申请书,身份证")
    assert result["outcome"] == "complete"
    assert "容缺受理承诺书" not in result["missing"]


def test_only_a_tolerated_material_missing_is_accepted_against_a_commitment():
    result = intake(48, "大连市劳动能力鉴定申请书,与伤病有关的医学诊断")
    assert result["outcome"] == "tolerated"
    assert result["missing"] == ["病历资料"] and result["tolerated"] == ["病历资料"]
    assert result["commitment_required"] is True
    assert "医疗机构" in result["notice"] and "容缺受理承诺书" in result["notice"]


def test_a_missing_material_outside_the_list_makes_it_incomplete():
    result = intake(48, "病历资料")
    assert result["outcome"] == "incomplete"
    assert result["tolerated"] == [] and result["commitment_required"] is False
    assert result["missing"] == ["大连市劳动能力鉴定申请书", "与伤病有关的医学诊断"]


def test_the_notice_lists_every_missing_material_at_once_with_its_source():
    result = intake(25, "身份证")
    missing = ["退休人员信息采集回执单", "社保卡", "企业正常退休人员审批表", "户口本", "个人档案"]
    assert result["missing"] == missing
    lines = result["notice"].splitlines()
    for n, name in enumerate(missing, 1):
        line = next(line for line in lines if line.startswith(f"{n}. {name}"))
        assert "取得途径：" in line and line.split("取得途径：")[1]
    assert "申请材料样表" in next(line for line in lines if "企业正常退休人员审批表" in line)
    assert "公安机关" in next(line for line in lines if "户口本" in line)


def test_the_notice_marks_which_missing_materials_could_be_tolerated_later():
    notice = intake(48, "")["notice"]
    assert "与伤病有关的医学诊断（可容缺）" in notice
    assert "大连市劳动能力鉴定申请书（可容缺）" not in notice


def test_the_lists_spelling_病历材料_matches_the_items_病历资料():
    result = intake(48, "大连市劳动能力鉴定申请书,与伤病有关的医学诊断,病历材料")
    assert result["outcome"] == "complete"
    assert result["matched"]["病历材料"] == "病历资料"


@pytest.mark.parametrize(
    "spelling",
    [
        "《大连市劳动能力鉴定申请书》",
        " 大连市劳动能力鉴定申请书 ",
        "劳动能力鉴定申请书",
        "（大连市劳动能力鉴定申请书）",
    ],
)
def test_names_are_matched_forgivingly(spelling):
    result = intake(48, f"{spelling},病历资料,与伤病有关的医学诊断")
    assert result["outcome"] == "complete", result
    assert result["unmatched"] == []


def test_full_width_commas_and_enumeration_commas_separate_names():
    result = intake(48, "大连市劳动能力鉴定申请书，病历资料、与伤病有关的医学诊断")
    assert result["outcome"] == "complete"


def test_a_name_the_guide_writes_with_an_enumeration_comma_stays_whole():
    result = intake(24, "因病、非因公鉴定结论书，身份证")
    assert "因病、非因公鉴定结论书" in result["matched"]
    assert result["unmatched"] == []


def test_a_name_that_matches_nothing_is_reported_not_ignored():
    result = intake(48, "大连市劳动能力鉴定申请书,病历资料,与伤病有关的医学诊断,营业执照")
    assert result["outcome"] == "complete"
    assert result["unmatched"] == [{"provided": "营业执照", "candidates": []}]
    assert "营业执照" in result["notice"]


def test_an_ambiguous_name_is_reported_with_what_it_could_mean():
    result = intake(41, "病历")
    (unmatched,) = result["unmatched"]
    assert set(unmatched["candidates"]) == {"病历材料", "与伤病有关的医学诊断及病历材料"}
    assert result["outcome"] == "tolerated"  # both are on the 容缺 list for item 41


def test_a_tolerated_material_the_item_does_not_list_is_still_asked_for():
    """Item 52 lacks the 资质服务证明 its 容缺 entry tolerates: we ask for it, tolerably."""
    result = intake(52, "大连市工伤保险协议服务机构申请审核表")
    assert result["outcome"] == "tolerated"
    assert result["tolerated"] == ["协议康复机构情况介绍及协议康复机构资质服务证明"]
    assert "康复机构" in result["notice"]
    assert intake(52, "审核表,资质服务证明")["outcome"] == "complete"


def test_a_material_needed_only_in_some_cases_is_mentioned_but_not_missing():
    result = intake(30, "新银行卡（折）,身份证")
    assert result["outcome"] == "complete"
    assert result["conditional"] == [
        "养老保险待遇社会化发放信息变更委托书（变更非本人养老保险待遇发放账户所需）"
    ]
    assert "视情况提供" in result["notice"]


def test_early_retirement_asks_only_for_the_common_materials_plus_the_cases_own():
    common = "退休人员信息采集回执单,身份证,社保卡,户口本,个人档案"
    assert intake(24, common)["outcome"] == "complete"
    assert "职工从事特殊工种岗位认定表" in intake(24, common)["notice"]  # mentioned as conditional
    assert intake(24, "身份证")["missing"] == [
        "退休人员信息采集回执单",
        "社保卡",
        "户口本",
        "个人档案",
    ]


def test_one_identity_document_of_the_five_is_enough_for_a_social_security_card():
    assert intake(64, "身份证")["outcome"] == "complete"
    assert intake(64, "港澳居民往来内地通行证")["outcome"] == "complete"
    result = intake(64, "")
    assert result["outcome"] == "incomplete"
    assert result["missing"][0].startswith("以下任选其一：")


def test_an_item_without_materials_is_complete():
    result = intake(80, "")
    assert result["outcome"] == "complete" and "未列需提交的要件" in result["notice"]


def test_an_unknown_item_is_refused():
    with pytest.raises(InputError, match="没有编号为 0 的事项"):
        intake(0, "身份证")
