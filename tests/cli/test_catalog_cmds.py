"""What a person sees from `shebao items`, `show` and `halls`."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _limits(data):
    return {row["channel"]: (row["working_days"], row["instant"]) for row in data["time_limits"]}


def test_show_24_lists_all_ten_materials_of_early_retirement(cli):
    result = cli("show", "24", "--json")
    assert result.code == 0
    data = result.json()
    assert data["name"] == "职工提前退休（退职）申请"
    names = [m["name"] for m in data["materials"]]
    assert len(names) == 10
    assert names[0] == "退休人员信息采集回执单" and names[-1] == "个人档案"
    assert "职工从事特殊工种岗位认定表" in names


def test_show_61_has_different_limits_for_window_and_online(cli):
    data = cli("show", "61", "--json").json()
    limits = _limits(data)
    assert limits["window"] == (None, True)
    assert limits["online"] == (15, False)
    assert limits["mobile"] == (15, False)
    assert limits["self_service"] == (None, True)


def test_show_19_offers_no_online_channel(cli):
    data = cli("show", "19", "--json").json()
    kinds = [c["kind"] for c in data["channels"]]
    assert kinds == ["window"]
    assert "online" not in _limits(data)


def test_show_names_the_prohibitions_and_tolerated_materials_that_apply(cli):
    retirement = cli("show", "25", "--json").json()
    assert [p["no"] for p in retirement["prohibitions"]] == [3]
    appraisal = cli("show", "48", "--json").json()
    assert {t["name"] for t in appraisal["tolerated_missing"]} == {
        "与伤病有关的医学诊断",
        "病历材料",
    }
    assert all(t["source"] == "医疗机构" for t in appraisal["tolerated_missing"])


def test_show_json_is_readable_utf8_not_escaped(cli):
    out = cli("show", "62", "--json").out
    assert "社会保障卡挂失与解挂" in out and "\\u" not in out


def test_show_text_gives_the_materials_channels_and_time_limit(cli):
    out = cli("show", "34").out
    assert "辅助器具配置费用收据" in out
    assert "工伤保险待遇经办窗口" in out
    assert "10个工作日" in out


def test_unknown_item_exits_2_with_one_line_naming_the_valid_range(cli):
    result = cli("show", "85")
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and "1–84" in result.err


def test_a_non_number_item_exits_2(cli):
    result = cli("show", "二十四")
    assert result.code == 2 and "数字" in result.err


def test_items_lists_all_84_and_filters_by_category(cli):
    assert len(cli("items", "--json").json()) == 84
    injury = cli("items", "--category", "工伤保险", "--json").json()
    assert injury and all(i["category"] == "工伤保险" for i in injury)
    assert 48 in {i["no"] for i in injury}


def test_an_unknown_category_exits_2_listing_the_valid_ones(cli):
    result = cli("items", "--category", "医疗保险")
    assert result.code == 2 and "工伤保险" in result.err


def test_halls_lists_the_seven_halls_with_phones_and_other_places(cli):
    places = cli("halls", "--json").json()
    halls = [p for p in places if p["kind"] == "hall"]
    assert len(halls) == 7 and all(p["phone"].startswith("0411-") for p in halls)
    assert any(p["name"] == "仲裁业务窗口" for p in places)


def test_a_bad_argument_exits_2_with_usage_hint(cli):
    result = cli("show")
    assert result.code == 2 and "--help" in result.err
    assert "缺少必需的参数：item" in result.err  # in Chinese, like every other message


def test_the_installed_command_runs():
    done = subprocess.run(
        [sys.executable, "-m", "shebao", "show", "24", "--json"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "职工提前退休" in done.stdout


def test_show_tells_a_citizen_the_address_window_numbers_and_phone(cli):
    out = cli("show", "24").out
    assert (
        "待遇审核管理部（辽宁省大连市西岗区高尔基路18-1号三楼，01号-08号窗口，0411-83709055）"
        in out
    )
    arbitration = cli("show", "60").out
    assert "长春路376-1号5号楼1楼" in arbitration and "0411-83634911" in arbitration


def test_show_lists_every_district_hall_when_any_of_them_will_do(cli):
    out = cli("show", "1").out
    assert "以下 6 处任选其一" in out
    assert "长兴岛办事处（大连市长兴岛经济区长兴路598号行政服务中心二楼，0411-85280806）" in out


def test_text_output_uses_chinese_channel_names(cli):
    out = cli("show", "61").out
    assert "网上办：15个工作日" in out and "online" not in out
    table = cli("items", "--category", "社会保障卡").out
    assert "窗口办：即时办结" in table and "window" not in table


def test_an_empty_category_is_refused(cli):
    result = cli("items", "--category", " ")
    assert result.code == 2 and "请给出类别" in result.err


def test_hostile_input_is_not_echoed_raw(cli):
    result = cli("show", "a\x07\x1b[31mred" + "9" * 500)
    assert result.code == 2
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert len(result.err) < 200


PROXY = "养老保险待遇社会化发放信息变更委托书（变更非本人养老保险待遇发放账户所需）"
RECEIPT = "参保缴费凭证（如能提供原参保地相关信息，可不提供纸质材料）"


@pytest.mark.parametrize(
    ("item", "line"),
    [
        (29, f"3. {PROXY}——视情况提供"),
        (30, f"3. {PROXY}——视情况提供"),
        (73, f"3. {RECEIPT}——视情况提供"),
        (75, f"3. 跨省转移还需提供{RECEIPT}——视情况提供"),
    ],
)
def test_show_text_keeps_the_condition_of_a_material_needed_only_in_some_cases(cli, item, line):
    assert f"  {line}\n" in cli("show", str(item)).out


def test_show_json_keeps_the_condition_as_note(cli):
    materials = cli("show", "29", "--json").json()["materials"]
    assert materials[2]["note"] == "变更非本人养老保险待遇发放账户所需"
    assert materials[2]["intake"] == "conditional"
    assert [m["intake"] for m in materials[:2]] == ["required", "required"]


@pytest.mark.parametrize("item", [36, 52, 53])
def test_show_and_intake_check_give_one_answer_on_the_容缺_material_the_list_lacks(cli, item):
    data = cli("show", str(item), "--json").json()
    unlisted = data["materials"][-1]
    assert unlisted["role"] == "tolerated_unlisted" and unlisted["intake"] == "required"
    text = cli("show", str(item)).out
    assert f"3. {unlisted['name']}——本事项要件清单未列" in text
    assert unlisted["reading"] in text
    checked = cli("intake-check", str(item), "--provided", "审核表", "--json").json()
    assert checked["outcome"] == "tolerated" and checked["missing"] == [unlisted["name"]]
    assert checked["readings"] == [{"about": unlisted["name"], "reading": unlisted["reading"]}]
    notice = cli("intake-check", str(item), "--provided", "审核表").out
    assert f"说明：本事项要件清单未列“{unlisted['name']}”" in notice
