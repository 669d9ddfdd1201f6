"""`shebao retirement` as staff run it: the promised JSON, readable Chinese, one-line errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine


@pytest.fixture(autouse=True)
def frozen_today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 29, 10, 0), tick=False):
        yield


def test_json_has_the_promised_fields_for_a_man_born_in_may_1965(cli):
    result = cli("retirement", "--birth", "1965-05", "--sex", "male", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert {k: data[k] for k in list(data)[:6]} == {
        "original_age": 60,
        "statutory_age": {"years": 60, "months": 2},
        "retirement_month": "2025-07",
        "min_contribution_months": 180,
        "earliest_flexible_month": "2025-05",
        "latest_flexible_month": "2028-07",
    }
    assert "附件1" in data["basis"]["statutory_age"]


def test_a_woman_of_original_age_50_born_in_april_1975_retires_in_june_2025(cli):
    data = cli(
        "retirement", "--birth", "1975-04", "--sex", "female", "--female-original-age", "50",
        "--json",
    ).json()  # fmt: skip
    assert data["statutory_age"] == {"years": 50, "months": 2}
    assert data["retirement_month"] == "2025-06"
    assert data["group"] == "female_50"


def test_a_woman_of_original_age_55_gets_her_own_table(cli):
    data = cli(
        "retirement", "--birth", "1981-12", "--sex", "female", "--female-original-age", "55",
        "--json",
    ).json()  # fmt: skip
    assert data["statutory_age"] == {"years": 58, "months": 0}
    assert data["retirement_month"] == "2039-12"
    assert data["min_contribution_months"] == 240


def test_without_json_it_prints_readable_chinese(cli):
    result = cli("retirement", "--birth", "1965-05", "--sex", "male")
    assert result.code == 0, result.err
    assert "法定退休年龄：60岁2个月" in result.out
    assert "法定退休时间：2025年7月" in result.out
    assert "最低缴费年限：15年（180 个月）" in result.out
    assert (
        "弹性提前退休：最早 2025年5月，届时须累计缴费满 180 个月（2025年退休的最低缴费年限）"
        in result.out
    )
    assert "弹性延迟退休：最晚 2028年7月" in result.out
    assert "《国务院关于渐进式延迟法定退休年龄的办法》第一条" in result.out


def test_short_contributions_today_say_what_is_needed_by_the_earliest_month(cli):
    # Contributions go on until then: not "不可", but how many months are still to be paid.
    args = ("retirement", "--birth", "1969-01", "--sex", "male", "--contribution-months", "100")
    data = cli(*args, "--json").json()
    assert data["earliest_flexible_month"] == "2029-01"
    assert data["flexible_early_available"] is None
    assert data["flexible_early_min_contribution_months"] == 180  # 2029, not the 2030 186
    assert data["flexible_early_months_short"] == 80
    assert data["min_contribution_months"] == 186  # statutory month 2030-02
    out = cli(*args).out
    assert "不可" not in out
    assert (
        "弹性提前退休：最早 2029年1月，届时须累计缴费满 180 个月（2029年退休的最低缴费年限）；"
        "已缴 100 个月，尚差 80 个月" in out
    )


def test_enough_contributions_for_the_year_of_retiring_early_open_the_window(cli):
    args = ("retirement", "--birth", "1970-01", "--sex", "male", "--contribution-months", "190")
    data = cli(*args, "--json").json()
    assert data["flexible_early_available"] is True and data["flexible_early_months_short"] == 0
    assert "弹性提前退休：最早 2030年1月（已缴 190 个月，已达到 186 个月）" in cli(*args).out


def test_a_birth_before_the_parameters_still_gets_its_age_and_says_what_is_missing(cli):
    result = cli("retirement", "--birth", "1950-01", "--sex", "male")
    assert result.code == 0, result.err
    assert "法定退休年龄：60岁（不延迟）" in result.out
    assert "2010年退休的最低缴费年限不在系统参数内" in result.out
    assert "不适用弹性退休" in result.out


def test_a_woman_without_her_original_age_is_told_what_to_pass(cli):
    result = cli("retirement", "--birth", "1975-04", "--sex", "female")
    assert result.code == 2
    assert result.out == ""
    assert "--female-original-age" in result.err
    assert "50" in result.err and "55" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--birth", "2026-13", "--sex", "male"], "月份应在 01—12 之间"),
        (["--birth", "65-05", "--sex", "male"], "应为 YYYY-MM"),
        (["--birth", "1965-05", "--sex", "man"], "--sex（性别）只能是 male（男）或 female（女）"),
        (
            ["--birth", "1975-01", "--sex", "female", "--female-original-age", "45"],
            "只能是 50 或 55",
        ),
        (["--birth", "2026-12", "--sex", "male"], "晚于本月（2026-11）"),
        (["--sex", "male"], "缺少 --birth"),
        (["--birth", "1965-05"], "缺少 --sex"),
        (["--birth", "1965-05", "--sex", "male", "--female-original-age", "50"], "只适用于女职工"),
        (["--birth", "1965-05", "--sex", "male", "--contribution-months", "-3"], "0—1200 的整数"),
        (["--birth", "1965-05", "--sex", "male", "--contribution-months", "1201"], "0—1200"),
        (["--birth", "1965-05", "--sex", "male", "--contribution-months", "9" * 5000], "0—1200"),
        (["--birth", "0001-01", "--sex", "male"], "早于 1900-01"),
        (["--birth", "1899-12", "--sex", "male"], "早于 1900-01"),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_2(cli, args, message):
    result = cli("retirement", *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert result.err.startswith("shebao: ")
    assert message in result.err


def test_this_month_is_not_in_the_future(cli):
    assert cli("retirement", "--birth", "2026-11", "--sex", "male").code == 0


def test_help_explains_the_female_original_age(cli):
    result = cli("retirement", "--help")
    assert result.code == 0
    assert "--female-original-age" in result.out
    assert "原法定退休年龄五十周岁的女职工" in result.out
