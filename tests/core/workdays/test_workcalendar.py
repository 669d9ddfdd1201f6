"""The working-day calendar: 2026 from chinesecalendar, later years from data files or estimated."""

from __future__ import annotations

import datetime as dt
import doctest
from pathlib import Path

import chinese_calendar
import pytest

import shebao.workdays.dates
import shebao.workdays.holiday_files
import shebao.workdays.workcalendar
from shebao.errors import DataError, InputError
from shebao.workdays.dates import SUPPORTED_YEARS, parse_date
from shebao.workdays.holiday_files import check_days, parse_arrangement
from shebao.workdays.workcalendar import (
    HOLIDAY_DIR_ENV,
    PACKAGE_HOLIDAY_DIR,
    WorkCalendar,
    changed_days,
    default_calendar,
    estimate_warning,
)

D = dt.date

# Made up for tests only: the real 2027 arrangement is not published yet.
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FICTIONAL_2027 = (FIXTURES / "fictional_2027.yaml").read_text(encoding="utf-8")

# The real 2026 notice (国务院办公厅，2025-11-04) in our file format.
NOTICE_2026 = (FIXTURES / "notice_2026.yaml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def holiday_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data directory; none reads or writes the package's."""
    path = tmp_path / "holidays"
    path.mkdir()
    monkeypatch.setenv(HOLIDAY_DIR_ENV, str(path))
    return path


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def test_the_2026_spring_festival_saturdays_are_working_days() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(D(2026, 2, 14))
    assert cal.is_workday(D(2026, 2, 28))
    assert not any(cal.is_workday(d) for d in days(D(2026, 2, 15), D(2026, 2, 23)))
    assert cal.is_workday(D(2026, 2, 24))
    assert cal.day_name(D(2026, 2, 14)) == "春节"


def test_national_day_week_2026_is_off_and_its_weekend_days_are_worked() -> None:
    cal = WorkCalendar()
    assert not any(cal.is_workday(d) for d in days(D(2026, 10, 1), D(2026, 10, 7)))
    assert cal.is_workday(D(2026, 9, 20))  # Sunday
    assert cal.is_workday(D(2026, 10, 10))  # Saturday
    assert not cal.is_workday(D(2026, 10, 11))
    assert cal.day_name(D(2026, 10, 1)) == "国庆节"


def test_it_agrees_with_chinesecalendar_on_every_day_it_knows() -> None:
    cal = WorkCalendar()
    for day in days(D(2004, 1, 1), D(2026, 12, 31)):
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day


def test_the_real_2026_notice_as_a_data_file_gives_the_same_calendar(holiday_dir: Path) -> None:
    (holiday_dir / "2026.yaml").write_text(NOTICE_2026, encoding="utf-8")
    cal = WorkCalendar()
    assert cal.arrangement(2026).origin == "file"
    for day in days(D(2026, 1, 1), D(2026, 12, 31)):
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day


def test_an_unknown_year_deducts_the_statutory_days_and_says_it_is_estimated() -> None:
    cal = WorkCalendar()
    assert not cal.is_known(2027)
    arr = cal.arrangement(2027)
    assert arr.origin == "estimated" and "法定节假日" in arr.source and "未计调休" in arr.source
    assert arr.workdays == {}  # the 调休 swaps are the notice's to decide
    assert not cal.is_workday(D(2027, 1, 1))  # a Friday: 元旦
    assert cal.day_name(D(2027, 1, 1)) == "元旦"
    assert not any(cal.is_workday(d) for d in days(D(2027, 2, 5), D(2027, 2, 8)))  # 除夕–初三
    assert cal.is_workday(D(2027, 2, 9))  # no guess at 补假 or a longer break
    assert not cal.is_workday(D(2027, 1, 30))  # a Saturday: no guess at 调休 either
    assert [d for d in days(D(2027, 10, 1), D(2027, 10, 8)) if not cal.is_workday(d)] == days(
        D(2027, 10, 1), D(2027, 10, 3)
    )
    assert cal.day_name(D(2027, 10, 2)) == "国庆节"
    assert cal.unknown_years(D(2026, 12, 1), D(2027, 1, 31)) == [2027]


def test_counting_working_days_in_an_unknown_year_leaves_out_its_statutory_weekdays() -> None:
    cal = WorkCalendar()
    weekdays = sum(d.weekday() < 5 for d in days(D(2027, 1, 1), D(2027, 12, 31)))
    statutory_weekdays = sum(d.weekday() < 5 for d in cal.arrangement(2027).holidays)
    assert statutory_weekdays == 7  # 元旦, 除夕, 初三, 清明, 端午, 中秋, 国庆 1 October
    assert cal.count_workdays(D(2027, 1, 1), D(2027, 12, 31)) == weekdays - statutory_weekdays
    assert cal.add_workdays(D(2027, 9, 30), 1) == D(2027, 10, 4)


def test_a_year_past_the_lunar_table_counts_weekends_only_and_says_so() -> None:
    cal = WorkCalendar()
    assert cal.arrangement(2101).holidays == {}
    assert cal.is_workday(D(2101, 1, 3))  # a Monday
    assert "只扣除了周末，未计法定节假日和调休" in estimate_warning(2101)


def test_a_loaded_year_file_replaces_the_estimate(holiday_dir: Path) -> None:
    (holiday_dir / "2027.yaml").write_text(FICTIONAL_2027, encoding="utf-8")
    cal = WorkCalendar()
    assert cal.is_known(2027)
    assert not cal.is_workday(D(2027, 1, 1))
    assert cal.is_workday(D(2027, 1, 30))  # a Saturday worked in the file
    assert cal.unknown_years(D(2026, 12, 1), D(2027, 1, 31)) == []


def test_the_shared_calendar_sees_a_file_added_later(holiday_dir: Path) -> None:
    assert not default_calendar().is_workday(D(2027, 1, 30))  # estimated: a Saturday
    (holiday_dir / "2027.yaml").write_text(FICTIONAL_2027, encoding="utf-8")
    assert default_calendar().is_workday(D(2027, 1, 30))  # worked in the file


def test_adding_working_days_crosses_the_year_end() -> None:
    cal = WorkCalendar()
    assert cal.add_workdays(D(2026, 12, 30), 1) == D(2026, 12, 31)
    assert cal.add_workdays(D(2026, 12, 30), 2) == D(2027, 1, 4)  # estimated: 元旦, weekend
    assert cal.add_workdays(D(2026, 12, 31), 0) == D(2026, 12, 31)


def test_counting_working_days_includes_both_ends() -> None:
    cal = WorkCalendar()
    assert cal.count_workdays(D(2026, 9, 30), D(2026, 10, 13)) == 6
    assert cal.count_workdays(D(2026, 1, 1), D(2026, 12, 31)) == sum(
        chinese_calendar.is_workday(d) for d in days(D(2026, 1, 1), D(2026, 12, 31))
    )
    with pytest.raises(InputError, match="晚于"):
        cal.count_workdays(D(2026, 10, 2), D(2026, 10, 1))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("2027-02-13}", "2028-01-02}"), "不在 2027 年内"),
        (("date: 2027-02-20", "date: 2027-02-06"), "既列为节假日又列为上班日"),
        (("date: 2027-02-20", "date: 2027-02-30"), "不存在"),
        (("date: 2027-02-20", "date: 2027/02-20"), "格式不对"),
        (("date: 2027-02-20", "date: 2027-02-22"), "本来就是工作日"),
        (("source: 测试用虚构安排", "sauce: 测试用虚构安排"), "未知的键：sauce"),
        (("source: 测试用虚构安排", "source: ''"), "缺少 source"),
        (("name: 元旦, from", "name: 元旦, when: x, from"), "未知的键：when"),
        (("from: 2027-02-05, to: 2027-02-13", "from: 2027-02-13, to: 2027-02-05"), "早于"),
        (("year: 2027", "year: 2027\nyear: 2028"), "重复"),
        (("holidays:", "holidays: [\n"), "不是有效的 YAML"),
        # Checked before the weekday rule: the conflict is the mistake, not the weekday.
        (("date: 2027-01-09", "date: 2027-02-08"), "2027-02-08 既列为节假日又列为上班日"),
        (("date: 2027-02-20", "date: 2027-13-01"), "月份 13 超出范围"),
        (("date: 2027-02-20", "date: 0000-02-20"), "年份超出范围"),
        (("year: 2027", 'year: "2027"'), "year 应写成不带引号的数字，例如 year: 2027"),
        (("year: 2027", "year: twenty"), "year 应为 2004–2099 之间的四位年份"),
        (("year: 2027", "year: 2100"), "year 2100 超出范围，只支持 2004–2099 年"),
    ],
)
def test_a_bad_year_file_is_rejected_with_the_reason(change: tuple[str, str], message: str) -> None:
    assert change[0] in FICTIONAL_2027
    with pytest.raises(InputError, match=message):
        parse_arrangement(FICTIONAL_2027.replace(*change, 1))


def replace_lists(holidays: str, workdays: str = "") -> str:
    """The fictional file with other holidays and workdays lists."""
    head = FICTIONAL_2027.split("holidays:")[0]
    return f"{head}holidays:\n{holidays}workdays:\n{workdays}"


def entries(name: str, dates: list[dt.date]) -> str:
    return "".join(f"  - {{name: {name}, date: {d}}}\n" for d in dates)


def test_a_year_without_its_statutory_days_off_is_refused_naming_them() -> None:
    with pytest.raises(InputError) as nothing_listed:
        parse_arrangement(replace_lists(""))
    message = str(nothing_listed.value)
    assert (
        "缺少 2027 年法定放假的 元旦 01-01，劳动节 05-01、05-02，国庆节 10-01、10-02、10-03"
        in message
    )
    assert "《全国年节及纪念日放假办法》2024年修订" in message
    short_national_day = FICTIONAL_2027.replace("to: 2027-10-07", "to: 2027-10-02")
    with pytest.raises(InputError, match=r"缺少 2027 年法定放假的 国庆节 10-03（"):
        parse_arrangement(short_national_day)


def test_an_empty_list_of_holidays_is_refused() -> None:
    text = FICTIONAL_2027.split("holidays:")[0] + "holidays: []\nworkdays: []\n"
    with pytest.raises(InputError, match="缺少 2027 年法定放假"):
        parse_arrangement(text)


def test_a_year_made_all_holiday_is_refused() -> None:
    whole_year = "  - {name: 假期, from: 2027-01-01, to: 2027-12-31}\n"
    with pytest.raises(InputError, match="放假共 365 天，超过上限 45 天"):
        parse_arrangement(replace_lists(whole_year))


def test_too_many_adjusted_working_days_are_refused() -> None:
    weekends = [d for d in days(D(2027, 3, 1), D(2027, 4, 30)) if d.weekday() >= 5][:15]
    text = replace_lists(FICTIONAL_2027.split("holidays:\n")[1].split("workdays:")[0])
    with pytest.raises(InputError, match="调休上班共 15 天，超过上限 14 天"):
        parse_arrangement(text + entries("调休", weekends))


def test_every_year_chinesecalendar_knows_meets_the_same_rules() -> None:
    """The statutory days and the bounds hold for every real notice, 2004–2026."""
    cal = WorkCalendar()
    for year in range(2004, 2027):
        arr = cal.arrangement(year)
        check_days(year, arr.holidays, arr.workdays)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ('"春节\\x1b[31m"', "控制字符"),
        ('"春节\\u202e"', "控制字符"),
        ('"春\\n节"', "控制字符"),
        ('"🎉🎉"', "应含文字"),
        ('"…"', "应含文字"),
        ("春节春节春节春节春节春节春节春节春节春节春", "过长：21 个字，最多 20 个"),
        ("2027", "应为文字"),
        ('""', "缺少 name"),
    ],
)
def test_holiday_names_must_be_short_printable_text(name: str, message: str) -> None:
    text = FICTIONAL_2027.replace("{name: 春节, from", f"{{name: {name}, from", 1)
    with pytest.raises(InputError, match=message):
        parse_arrangement(text)


def test_a_name_with_text_and_a_symbol_is_accepted() -> None:
    text = FICTIONAL_2027.replace("{name: 春节, from", "{name: 春节（除夕起）, from", 1)
    assert parse_arrangement(text).holidays[D(2027, 2, 5)] == "春节（除夕起）"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.gov.cn/zhengce/content/202511/content_7047090.htm", True),
        ("http://www.gov.cn/a.htm", True),
        ("ftp://www.gov.cn/a.htm", False),
        ("javascript:alert(1)", False),
        ("www.gov.cn/a.htm", False),
        ('"https://www.gov.cn/\\x1b[2J"', False),
        ("https://", False),
        ("[1, 2]", False),
    ],
)
def test_the_url_must_be_a_web_address(url: str, ok: bool) -> None:
    text = FICTIONAL_2027.replace("source:", f"url: {url}\nsource:", 1)
    if ok:
        parse_arrangement(text)
    else:
        with pytest.raises(InputError, match="http:// 或 https://"):
            parse_arrangement(text)


def test_the_source_must_be_printable_text() -> None:
    text = FICTIONAL_2027.replace("source: 测试用虚构安排", 'source: "通知\\x07"', 1)
    with pytest.raises(InputError, match="source（通知名称）含控制字符"):
        parse_arrangement(text)


def test_full_width_digits_in_a_file_are_read_as_dates() -> None:
    text = FICTIONAL_2027.replace("date: 2027-01-09", "date: ２０２７－０１－０９", 1)
    assert parse_arrangement(text).workdays[D(2027, 1, 9)] == "春节"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13-01", "月份 13 超出范围，应为 01–12"),
        ("2026-00-10", "月份 00 超出范围"),
        ("0000-01-01", "年份超出范围"),
        ("2026-02-29", "不存在：2026 年 2 月只有 28 天"),
        ("2026-04-31", "不存在：2026 年 4 月只有 30 天"),
        ("٢٠٢٦-٠٢-٠٣", "格式不对"),  # Arabic-Indic digits: not a date anyone here types
        ("26-02-03", "格式不对"),
        ("2026/02-03", "格式不对"),  # one separator, used twice
    ],
)
def test_a_bad_date_is_named_for_what_is_wrong_with_it(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_date(text)


def test_full_width_digits_are_read_as_the_same_date() -> None:
    assert parse_date("２０２６-０２-０３") == D(2026, 2, 3)
    assert parse_date("２０２６－０２－０３") == D(2026, 2, 3)
    assert parse_date("2024-02-29") == D(2024, 2, 29)


def test_a_date_can_be_limited_to_the_years_the_calendar_answers_for() -> None:
    assert parse_date("2099-12-31", years=SUPPORTED_YEARS) == D(2099, 12, 31)
    for text in ("9999-12-31", "2003-12-31", "2100-01-01", "0001-01-01"):
        with pytest.raises(InputError, match="年份超出范围，只支持 2004–2099 年"):
            parse_date(text, years=SUPPORTED_YEARS)


def test_many_unknown_years_make_one_warning_naming_them() -> None:
    cal = WorkCalendar()
    unknown = cal.unknown_years(D(2026, 1, 1), D(2099, 12, 31))
    assert unknown == list(range(2027, 2100))
    warning = estimate_warning(unknown)
    assert warning.startswith("2027–2099 年的节假日安排尚未载入，本结果是估算。")
    assert "\n" not in warning and warning.count("2027–2099 年") == 2


def test_the_estimate_warning_says_what_was_counted_and_what_was_not() -> None:
    warning = estimate_warning(2027)
    assert "已扣除：周末和《全国年节及纪念日放假办法》规定的法定节假日——元旦 1 天、" in warning
    assert "春节 4 天（除夕至初三）" in warning and "国庆节 3 天" in warning
    assert "未计：国务院每年通知安排的调休（调休上班的周末、连休）和假日逢周末的补假" in warning
    assert "`shebao holidays load`" in warning


def test_a_file_must_be_for_the_year_it_is_named_after() -> None:
    with pytest.raises(InputError, match="文件名是 2028 年"):
        parse_arrangement(FICTIONAL_2027, expected_year=2028)


def test_a_broken_file_in_the_data_directory_is_reported_not_half_used(holiday_dir: Path) -> None:
    (holiday_dir / "2027.yaml").write_text("year: 2027\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"2027\.yaml.*缺少 source"):
        WorkCalendar().is_workday(D(2027, 1, 4))


def test_a_year_file_that_is_not_utf8_is_a_data_error_naming_it(holiday_dir: Path) -> None:
    (holiday_dir / "2027.yaml").write_bytes(FICTIONAL_2027.encode("gb18030"))
    with pytest.raises(DataError, match=r"2027\.yaml 有误：不是 UTF-8 编码的文本"):
        WorkCalendar().is_workday(D(2027, 1, 4))


def test_the_examples_in_the_docstrings_hold() -> None:
    for module in (
        shebao.workdays.workcalendar,
        shebao.workdays.dates,
        shebao.workdays.holiday_files,
    ):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_the_example_in_the_data_readme_is_a_valid_file() -> None:
    readme = (PACKAGE_HOLIDAY_DIR / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    arrangement = parse_arrangement(example)
    assert changed_days(WorkCalendar().arrangement(2026), arrangement) == []
