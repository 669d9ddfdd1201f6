"""The retirement calculator against the 办法's tables, minimum contribution, flexible window."""

from __future__ import annotations

import datetime as dt
import doctest
import shutil
from pathlib import Path

import pytest

from shebao.errors import DataError, InputError
from shebao.present.retirement import retirement_dict
from shebao.rules import months, parameters, retirement
from shebao.rules.months import YearMonth
from shebao.rules.parameters import NATIONAL_DIR, load_parameters
from shebao.rules.retirement import (
    flexible_window,
    min_contribution_months,
    retirement_month,
    statutory_age,
)

MEN = ("male", None)
WOMEN_55 = ("female", 55)
WOMEN_50 = ("female", 50)


def ym(text: str) -> YearMonth:
    return YearMonth.parse(text)


def person(group: tuple[str, int | None], birth: str, **kwargs) -> retirement.Retirement:
    sex, original = group
    return retirement.retirement(birth, sex, original, **kwargs)


# Rows of 附件1—3 of 《国务院关于渐进式延迟法定退休年龄的办法》: birth → age, retirement month.
# First and last rows of each table, the months where the delay steps up, rows in between.
# Derived from 第一条 and matching the rows published in public transcriptions of the tables;
# the annex itself was not at hand to compare line by line.
TABLE_ROWS = [
    # 附件1 男职工 (every 4 birth months +1 month, to 63)
    (MEN, "1965-01", 60, 1, "2025-02"),  # first row
    (MEN, "1965-04", 60, 1, "2025-05"),
    (MEN, "1965-05", 60, 2, "2025-07"),  # first step up
    (MEN, "1965-08", 60, 2, "2025-10"),
    (MEN, "1965-09", 60, 3, "2025-12"),
    (MEN, "1965-12", 60, 3, "2026-03"),
    (MEN, "1966-01", 60, 4, "2026-05"),
    (MEN, "1970-01", 61, 4, "2031-05"),
    (MEN, "1976-05", 62, 11, "2039-04"),
    (MEN, "1976-08", 62, 11, "2039-07"),
    (MEN, "1976-09", 63, 0, "2039-09"),  # reaches 63
    (MEN, "1976-12", 63, 0, "2039-12"),  # last row
    # 附件2 原法定退休年龄五十五周岁的女职工 (every 4 birth months +1 month, to 58)
    (WOMEN_55, "1970-01", 55, 1, "2025-02"),  # first row
    (WOMEN_55, "1970-04", 55, 1, "2025-05"),
    (WOMEN_55, "1970-05", 55, 2, "2025-07"),  # first step up
    (WOMEN_55, "1971-04", 55, 4, "2026-08"),
    (WOMEN_55, "1975-01", 56, 4, "2031-05"),
    (WOMEN_55, "1981-08", 57, 11, "2039-07"),
    (WOMEN_55, "1981-09", 58, 0, "2039-09"),  # reaches 58
    (WOMEN_55, "1981-12", 58, 0, "2039-12"),  # last row
    # 附件3 原法定退休年龄五十周岁的女职工 (every 2 birth months +1 month, to 55)
    (WOMEN_50, "1975-01", 50, 1, "2025-02"),  # first row
    (WOMEN_50, "1975-02", 50, 1, "2025-03"),
    (WOMEN_50, "1975-03", 50, 2, "2025-05"),  # first step up
    (WOMEN_50, "1975-04", 50, 2, "2025-06"),
    (WOMEN_50, "1975-05", 50, 3, "2025-08"),
    (WOMEN_50, "1980-01", 52, 7, "2032-08"),
    (WOMEN_50, "1984-09", 54, 11, "2039-08"),
    (WOMEN_50, "1984-10", 54, 11, "2039-09"),
    (WOMEN_50, "1984-11", 55, 0, "2039-11"),  # reaches 55
    (WOMEN_50, "1984-12", 55, 0, "2039-12"),  # last row
]


@pytest.mark.parametrize(("group", "birth", "years", "extra", "retires"), TABLE_ROWS)
def test_it_gives_the_age_and_month_of_the_official_tables(group, birth, years, extra, retires):
    sex, original = group
    age = statutory_age(birth, sex, original)
    assert (age.years, age.months) == (years, extra)
    assert str(retirement_month(birth, sex, original)) == retires


@pytest.mark.parametrize(
    ("group", "birth", "age", "retires"),
    [(MEN, "1964-12", 60, "2024-12"), (WOMEN_55, "1969-12", 55, "2024-12"),
     (WOMEN_50, "1974-12", 50, "2024-12"), (MEN, "1950-01", 60, "2010-01")],
)  # fmt: skip
def test_people_born_before_the_tables_keep_their_original_age(group, birth, age, retires):
    result = person(group, birth)
    assert result.statutory_age == retirement.Age(age, 0)
    assert str(result.retirement_month) == retires


@pytest.mark.parametrize(
    ("group", "birth", "age"),
    [
        (MEN, "1977-01", 63),
        (MEN, "1995-12", 63),
        (WOMEN_55, "2000-12", 58),
        (WOMEN_50, "1995-12", 55),
    ],
)
def test_people_born_after_the_tables_keep_the_final_age(group, birth, age):
    assert person(group, birth).statutory_age == retirement.Age(age, 0)


def every_month(first: str, last: str) -> list[YearMonth]:
    return [YearMonth.from_index(i) for i in range(ym(first).index, ym(last).index + 1)]


@pytest.mark.parametrize("group", [MEN, WOMEN_55])
def test_nobody_in_the_four_month_tables_retires_in_june_2025(group):
    retiring = {str(person(group, b).retirement_month) for b in every_month("1960-01", "1975-12")}
    assert "2025-05" in retiring
    assert "2025-07" in retiring
    assert "2025-06" not in retiring


def test_men_born_in_april_1965_retire_in_may_and_those_born_in_may_in_july():
    assert str(retirement_month("1965-04", "male")) == "2025-05"
    assert str(retirement_month("1965-05", "male")) == "2025-07"


def test_women_of_original_age_50_do_retire_in_june_2025():
    # The June gap belongs to the 4-month tables; the 2-month table of 附件3 fills June.
    assert str(retirement_month("1975-04", "female", 50)) == "2025-06"


@pytest.mark.parametrize(
    ("group", "first", "step", "total"), [(MEN, "1965-01", 4, 36), (WOMEN_55, "1970-01", 4, 36),
                                          (WOMEN_50, "1975-01", 2, 60)],
)  # fmt: skip
def test_the_delay_rises_one_month_per_step_of_birth_months_then_stops(group, first, step, total):
    births = every_month(first, "1990-12")
    delays = [person(group, b).delay_months for b in births]
    for n, delay in enumerate(delays):
        assert delay == min(n // step + 1, total), births[n]


@pytest.mark.parametrize(
    ("year", "required"),
    [(2011, 180), (2025, 180), (2029, 180), (2030, 186), (2031, 192), (2035, 216),
     (2038, 234), (2039, 240), (2040, 240), (2070, 240)],
)  # fmt: skip
def test_the_minimum_contribution_follows_the_year_of_retirement(year, required):
    assert min_contribution_months(year) == required


def test_a_year_before_the_parameters_is_refused_rather_than_guessed():
    with pytest.raises(InputError, match="2010 年退休的最低缴费年限不在系统参数内"):
        min_contribution_months(2010)
    assert person(MEN, "1950-01").min_contribution_months is None


def test_the_whole_result_uses_the_minimum_of_the_statutory_retirement_year():
    result = person(MEN, "1970-01")  # retires 2031-05
    assert result.min_contribution_months == 192
    assert "附件4" in result.min_contribution.basis


def test_early_retirement_never_goes_below_the_original_age():
    window = flexible_window("1965-05", "male")  # statutory 2025-07, 60 in 2025-05
    assert str(window.earliest) == "2025-05"
    assert str(window.latest) == "2028-07"


def test_early_retirement_is_at_most_36_months_before_the_statutory_month():
    window = flexible_window("1984-12", "female", 50)  # statutory 55 in 2039-12
    assert str(window.earliest) == "2036-12"  # age 52, above the original 50
    assert str(window.latest) == "2042-12"


@pytest.mark.parametrize(
    ("group", "first"), [(MEN, "1965-01"), (WOMEN_55, "1970-01"), (WOMEN_50, "1975-01")]
)
def test_the_window_bounds_hold_for_every_birth_month(group, first):
    for birth in every_month(first, "1990-12"):
        result = person(group, birth)
        statutory, window = result.retirement_month, result.flexible
        assert window.earliest >= birth.plus(result.original_age * 12)
        assert window.earliest >= statutory.plus(-36)
        assert window.earliest <= statutory
        assert window.latest == statutory.plus(36)


def test_short_contributions_today_leave_the_window_open_with_what_is_still_to_pay():
    # Contributions go on until the earliest month: 179 today is not "never".
    short = person(MEN, "1965-05", contribution_months=179)
    assert short.flexible.early_available is None
    assert str(short.flexible.earliest) == "2025-05"
    assert short.flexible.early_min_contribution_months == 180
    assert short.flexible.early_months_short == 1
    assert str(short.flexible.latest) == "2028-07"  # delaying needs no minimum


def test_with_exactly_the_minimum_contribution_early_retirement_is_open():
    enough = person(MEN, "1965-05", contribution_months=180)
    assert enough.flexible.early_available is True
    assert str(enough.flexible.earliest) == "2025-05"


def test_without_contributions_given_the_window_is_shown_as_conditional():
    window = person(MEN, "1965-05").flexible
    assert window.early_available is None
    assert window.earliest is not None


def test_the_early_condition_uses_the_minimum_of_the_year_of_retiring_early():
    # Statutory month 2031-05 needs 192 months; retiring in 2030-01 (the earliest) needs 186.
    result = person(MEN, "1970-01", contribution_months=190)
    assert str(result.flexible.earliest) == "2030-01"
    assert str(result.flexible.latest) == "2034-05"
    assert result.min_contribution_months == 192
    assert result.flexible.early_min_contribution_months == 186
    assert result.flexible.early_available is True
    assert result.flexible.early_months_short == 0


def test_there_is_no_flexible_retirement_for_a_statutory_month_before_2025():
    window = person(MEN, "1964-12").flexible
    assert (window.earliest, window.latest, window.early_available) == (None, None, False)


def test_a_woman_must_say_her_original_age():
    with pytest.raises(InputError, match=r"female_original_age.*50.*55"):
        statutory_age("1975-01", "female")


@pytest.mark.parametrize("original", [45, 60, "五十", True])
def test_an_original_age_other_than_50_or_55_is_refused(original):
    with pytest.raises(InputError, match="只能是 50"):
        statutory_age("1975-01", "female", original)


def test_a_mans_age_ignores_a_female_original_age_fact():
    assert statutory_age("1965-05", "male", 50) == statutory_age("1965-05", "male")


def test_a_birth_date_a_month_or_text_give_the_same_answer():
    answers = {
        person(WOMEN_55, b).retirement_month
        for b in ("1971-04", "1971-04-30", dt.date(1971, 4, 1), ym("1971-04"))
    }
    assert answers == {ym("2026-08")}


@pytest.mark.parametrize("bad", ["1971-4", "1971-13", "1971-02-30", "April 1971", 1971])
def test_a_malformed_birth_month_is_refused_with_a_message(bad):
    with pytest.raises(InputError, match="出生年月"):
        statutory_age(bad, "male")


def test_a_negative_contribution_is_refused():
    with pytest.raises(InputError, match="contribution_months"):
        person(MEN, "1965-05", contribution_months=-1)


def test_the_law_in_force_when_a_person_reaches_the_original_age_fixes_the_statutory_age():
    # Reaching 60 in 2024-12, before the 办法 took effect: the original age, no delay.
    assert statutory_age("1964-12", "male") == retirement.Age(60, 0)
    assert str(retirement_month("1964-12", "male")) == "2024-12"
    # Reaching 60 in 2025-01 or later: the 办法's table, whatever day the question is asked on.
    assert statutory_age("1965-01", "male") == retirement.Age(60, 1)
    assert statutory_age("1970-01", "male") == retirement.Age(61, 4)
    assert person(MEN, "1965-05").age_basis.startswith("《国务院关于渐进式延迟法定退休年龄的办法》")
    assert "决定" in person(MEN, "1964-12").age_basis


def test_the_json_shape_has_the_promised_fields_first():
    data = retirement_dict(person(MEN, "1965-05"))
    assert list(data)[:6] == [
        "original_age", "statutory_age", "retirement_month", "min_contribution_months",
        "earliest_flexible_month", "latest_flexible_month",
    ]  # fmt: skip
    assert data["statutory_age"] == {"years": 60, "months": 2}
    assert data["retirement_month"] == "2025-07"
    assert "附件1" in data["basis"]["statutory_age"]


def test_every_packaged_value_cites_its_legal_basis():
    params = load_parameters()
    for group in params.groups.values():
        assert "决定" in group.original_age_basis
        assert all("办法" in s.basis for s in group.schedules.values)
    assert all(v.basis for v in params.min_contribution.values)
    assert all("第三条" in v.basis for v in params.flexible.values)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "national"
    shutil.copytree(NATIONAL_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("retirement_age.yaml", "target_age: 63", "target_age: 63\n        step: 1",
         "未知的键：step"),
        ("retirement_age.yaml", "first_delayed_birth: 1965-01", "first_delayed_birth: 1965-02",
         "生效月份"),
        ("min_contribution.yaml", "  2031-01-01:", "  2030-01-01:", "重复"),
        ("min_contribution.yaml", "    months: 192\n", "", "缺少：months"),
        ("flexible_retirement.yaml", "unit: month", "unit: year", "unit 应为 month"),
        ("min_contribution.yaml", "  2031-01-01:", "  2031-02-30:", "不是有效日期"),
    ],
)  # fmt: skip
def test_the_loader_refuses_a_mistake_in_the_data(data_dir, name, old, new, message):
    edit(data_dir / name, old, new)
    with pytest.raises(DataError, match=message):
        load_parameters(data_dir)


@pytest.mark.parametrize("module", [months, parameters, retirement])
def test_the_examples_in_the_docstrings_hold(module):
    assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize("months", [-1, 1201, 10**12, True, 180.0])
def test_contributions_outside_the_facts_range_are_refused(months):
    with pytest.raises(InputError, match="0—1200 的整数"):
        person(MEN, "1965-05", contribution_months=months)
