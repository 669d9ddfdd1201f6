"""收件检查 at the window: complete, 容缺 (tolerated) or incomplete, and a 一次性告知 that names
every missing material at once with where to get it."""

from __future__ import annotations

import pytest

from shebao.errors import InputError
from shebao.present.checks import intake_dict
from shebao.rules.intake import intake_check
from tests.support import runtime


def intake(item: int, provided: str) -> dict:
    return intake_dict(intake_check(runtime().guide, item, provided))


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
    result = intake(24, "提前退休申请")
    (unmatched,) = result["unmatched"]
    assert set(unmatched["candidates"]) == {
        "困难国有企业干部提前退休申请书",
        "因病非因工致残提前退休申请表",
    }
    assert "可能是" in result["notice"]


def test_a_name_equal_to_a_materials_stem_is_that_material_not_an_ambiguity():
    result = intake(41, "病历")  # 病历材料 itself; the other merely mentions it
    assert result["matched"] == {"病历": "病历材料"}
    assert result["outcome"] == "tolerated"  # the other one is on the 容缺 list for item 41


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


COMMON_24 = "退休人员信息采集回执单,身份证,社保卡,户口本,个人档案"


def test_early_retirement_needs_the_materials_of_one_reason_besides_the_common_ones():
    result = intake(24, COMMON_24)
    assert result["outcome"] == "incomplete"
    (choice,) = result["missing"]
    assert choice.startswith("以下任选其一（按提前退休（退职）的原因）：")
    for name in ("职工从事特殊工种岗位认定表", "困难国有企业干部提前退休申请书"):
        assert name in choice
    assert intake(24, COMMON_24 + ",职工从事特殊工种岗位认定表")["outcome"] == "complete"
    assert intake(24, COMMON_24 + ",企业军转干部身份职级认定表")["outcome"] == "complete"
    missing = intake(24, "身份证")["missing"]
    assert [m for m in missing if not m.startswith("以下任选其一")] == [
        "退休人员信息采集回执单",
        "社保卡",
        "户口本",
        "个人档案",
    ]


def test_illness_needs_both_its_materials_and_the_notice_says_which_one_is_lacking():
    result = intake(24, COMMON_24 + ",因病、非因公鉴定结论书")
    assert result["outcome"] == "incomplete"
    assert "已提供因病、非因公鉴定结论书，尚缺因病非因工致残提前退休申请表" in result["notice"]
    both = COMMON_24 + ",因病、非因公鉴定结论书,因病非因工致残提前退休申请表"
    assert intake(24, both)["outcome"] == "complete"


def test_one_identity_document_of_the_five_is_enough_for_a_social_security_card():
    assert intake(64, "身份证")["outcome"] == "complete"
    assert intake(64, "港澳居民往来内地通行证")["outcome"] == "complete"
    assert intake(61, "护照")["outcome"] == "complete"
    result = intake(64, "")
    assert result["outcome"] == "incomplete"
    assert result["missing"][0].startswith("以下任选其一（按持卡人身份）：")


@pytest.mark.parametrize("item", [61, 64])
def test_under_16_needs_the_household_register_a_guardians_id_and_the_birth_certificate(item):
    for partial in ("户口簿", "出生证明", "户口簿,出生证明", "监护人身份证,出生证明"):
        assert intake(item, partial)["outcome"] == "incomplete", partial
    result = intake(item, "户口簿,出生证明")
    assert "尚缺监护人（或代办人）本人有效身份证件" in result["notice"]
    assert intake(item, "户口本,监护人的身份证,出生医学证明")["outcome"] == "complete"


def test_each_identity_document_has_its_own_source():
    lines = intake(64, "")["notice"].splitlines()

    def line(word: str) -> str:
        return next(x for x in lines if word in x and "取得途径" in x)

    assert "公安机关" in line("居民身份证")
    for word in ("港澳居民往来内地通行证", "台湾居民来往大陆通行证", "护照"):
        assert "公安机关" not in line(word) and "申请人自备" in line(word)
    assert "由监护人（或代办人）提供" in line("监护人（或代办人）")


def test_an_item_without_materials_is_complete():
    result = intake(80, "")
    assert result["outcome"] == "complete" and "未列需提交的要件" in result["notice"]


def test_an_unknown_item_is_refused():
    with pytest.raises(InputError, match="没有编号为 0 的事项"):
        intake(0, "身份证")


# --- names said to be missing, and forgiving matching -------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "缺与伤病有关的医学诊断",
        "与伤病有关的医学诊断没带",
        "与伤病有关的医学诊断未提供",
        "无与伤病有关的医学诊断",
        "与伤病有关的医学诊断不全",
        "缺诊断书",
        "诊断书忘带了",
        "没有医学诊断",
    ],
)
def test_a_material_said_to_be_missing_is_not_provided_and_is_reported(said):
    result = intake(48, f"大连市劳动能力鉴定申请书,病历资料,{said}")
    assert result["outcome"] == "tolerated", said
    assert result["missing"] == ["与伤病有关的医学诊断"]
    assert result["not_provided"] == [
        {"provided": said, "material": "与伤病有关的医学诊断", "candidates": []}
    ]
    assert f"所报“{said}”表示未提供" in result["notice"]


def test_a_copy_not_brought_does_not_count_for_the_id_card():
    result = intake(25, "身份证复印件未带")
    assert "身份证" in result["missing"]
    assert result["matched"] == {}
    assert intake(25, "身份证复印件")["matched"] == {"身份证复印件": "身份证"}


@pytest.mark.parametrize(
    ("typed", "material"),
    [
        ("诊断书", "与伤病有关的医学诊断"),
        ("诊断", "与伤病有关的医学诊断"),
        ("医学诊断书", "与伤病有关的医学诊断"),
        ("劳动能力鉴定申请表", "大连市劳动能力鉴定申请书"),
        ("大连市劳动能力鉴定申请表", "大连市劳动能力鉴定申请书"),
        ("病历材料", "病历资料"),
        ("病历", "病历资料"),
    ],
)
def test_document_kind_endings_and_short_names_match_the_guides_names(typed, material):
    assert intake(48, typed)["matched"] == {typed: material}


def test_forgiving_matching_never_picks_one_of_several_silently():
    # Item 24 has one 申请书 and one 申请表; 书 and 表 being alike to people, "申请书" is either.
    for typed in ("申请书", "申请表", "提前退休申请", "认定表"):
        result = intake(24, typed)
        assert result["matched"] == {}, typed
        (unmatched,) = result["unmatched"]
        assert len(unmatched["candidates"]) == 2, typed


def test_a_flood_of_names_is_refused_with_a_clear_message():
    with pytest.raises(InputError, match="最多 100 项"):
        intake(24, ",".join(f"材料{n}" for n in range(101)))
    with pytest.raises(InputError, match="最多 4000 字"):
        intake(24, "身份证" * 2000)
    with pytest.raises(InputError, match="最多 100 项"):
        intake_check(runtime().guide, 24, [f"材料{n}" for n in range(101)])


def test_splitting_is_linear_in_the_number_of_names(monkeypatch):
    import time

    from shebao.rules import materials

    monkeypatch.setattr(materials, "MAX_NAMES", 10**6)
    monkeypatch.setattr(materials, "MAX_CHARS", 10**7)
    matcher = materials.Matcher({"因病、非因公鉴定结论书": "x", "身份证": "y"})
    start = time.perf_counter()
    names = matcher.split("、".join(f"材料{n}" for n in range(20_000)))
    assert len(names) == 20_000
    assert time.perf_counter() - start < 2  # cubic splitting took minutes for 2,000


# --- where each material comes from (一次性告知) --------------------------------------------


def _source_of(item: int, name: str) -> str:
    line = next(x for x in intake(item, "")["notice"].splitlines() if name in x)
    return line.split("取得途径：")[1]


def test_a_name_with_表_inside_a_word_is_not_a_form():
    assert "样表" not in _source_of(74, "法定代表人任命文原件及复印件")
    assert "申请人自备" in _source_of(74, "法定代表人任命文原件及复印件")
    assert "样表" in _source_of(74, "《机关事业单位社会保险登记申请表》")


def test_sources_say_who_holds_or_writes_the_material():
    assert "法定代表人" in _source_of(74, "法定代表人身份证原件及复印件")
    assert "本人持有" not in _source_of(74, "法定代表人身份证原件及复印件")
    assert "参保单位" in _source_of(72, "参保单位提供的情况说明")
    assert "样表" not in _source_of(72, "参保单位提供的情况说明")
    assert "申请人本人" in _source_of(20, "个人申请")


def test_the_reading_refuses_a_document_foreign_to_its_option(tmp_path):
    from shebao.errors import DataError
    from shebao.rules.intake_reading import OneOf, OptionSpec, _check_group

    group = OneOf(
        frozenset({64}),
        "按持卡人身份",
        (
            OptionSpec("甲", "香港、澳门居民，需提供港澳居民往来内地通行证", (("驾驶证",),)),
            OptionSpec("乙", None, (("护照",),)),
        ),
    )
    with pytest.raises(DataError, match="驾驶证"):
        _check_group(runtime().catalog, 64, group)


def test_the_intake_modules_examples_hold():
    import doctest

    from shebao.rules import intake_reading, materials

    assert doctest.testmod(materials).failed == 0
    assert doctest.testmod(intake_reading).failed == 0
