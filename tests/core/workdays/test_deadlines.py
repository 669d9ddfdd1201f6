"""Due dates: N working days after the (deemed) acceptance day, across holidays and year ends."""

from __future__ import annotations

import datetime as dt
import doctest
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

import shebao.workdays.deadlines
from shebao.errors import InputError, UnknownItemError
from shebao.guide.model import (
    Catalog,
    Channel,
    ChannelKind,
    Item,
    TimeLimit,
)
from shebao.workdays.deadlines import ChannelRequired, due_date, item_deadline
from shebao.workdays.workcalendar import HOLIDAY_DIR_ENV, WorkCalendar
from tests.support import runtime

D = dt.date

# Made up for tests only: the real 2027 arrangement is not published yet.
FICTIONAL_2027 = (
    Path(__file__).resolve().parents[2] / "fixtures" / "fictional_2027.yaml"
).read_text(encoding="utf-8")

CAL = runtime().calendar  # the packaged calendar: no year files loaded


@pytest.fixture(autouse=True)
def holiday_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data directory per test, and a clock frozen on the day these tests were written."""
    path = tmp_path / "holidays"
    path.mkdir()
    monkeypatch.setenv(HOLIDAY_DIR_ENV, str(path))
    with time_machine.travel(dt.datetime(2026, 11, 29, 10, 0), tick=False):
        yield path


def load_2027(directory: Path) -> None:
    (directory / "2027.yaml").write_text(FICTIONAL_2027, encoding="utf-8")


def test_received_on_a_saturday_is_accepted_monday_and_not_counted() -> None:
    result = due_date(D(2026, 9, 26), 1)
    assert result.deemed_accepted == D(2026, 9, 28)
    assert result.due == D(2026, 9, 29)
    assert not result.estimated


def test_national_day_week_is_skipped_and_its_saturday_is_counted() -> None:
    result = due_date(D(2026, 9, 30), 5)
    assert result.deemed_accepted is None
    assert result.due == D(2026, 10, 13)


def test_spring_festival_2026_counts_the_adjusted_saturdays() -> None:
    assert due_date(D(2026, 2, 13), 1).due == D(2026, 2, 14)  # Saturday worked
    assert due_date(D(2026, 2, 14), 1).due == D(2026, 2, 24)  # holiday 15–23 Feb
    received_in_holiday = due_date(D(2026, 2, 17), 1)
    assert received_in_holiday.deemed_accepted == D(2026, 2, 24)
    assert received_in_holiday.due == D(2026, 2, 25)
    assert due_date(D(2026, 2, 24), 4).due == D(2026, 2, 28)  # Saturday worked


def test_instant_items_are_due_on_the_acceptance_day() -> None:
    assert due_date(D(2026, 10, 10), None).due == D(2026, 10, 10)
    on_holiday = due_date(D(2026, 10, 3), None)
    assert on_holiday.instant and on_holiday.working_days is None
    assert on_holiday.due == on_holiday.deemed_accepted == D(2026, 10, 8)


def test_a_limit_ending_in_2026_is_exact_although_2027_is_unknown() -> None:
    result = due_date(D(2026, 12, 1), 15)
    assert result.due == D(2026, 12, 22)
    assert not result.estimated and result.warnings == ()


def test_a_limit_running_into_an_unknown_2027_is_estimated_and_says_what_it_counted() -> None:
    result = due_date(D(2026, 12, 30), 2)
    assert result.due == D(2027, 1, 4)  # Friday 1 January is 元旦 by law, then a weekend
    assert result.estimated
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("2027 年的节假日安排尚未载入，本结果是估算。")
    assert "已扣除：周末和《全国年节及纪念日放假办法》规定的法定节假日" in result.warnings[0]
    assert "未计：国务院每年通知安排的调休" in result.warnings[0]


def test_the_same_call_is_exact_once_2027_is_loaded(holiday_dir: Path) -> None:
    estimate = due_date(D(2027, 1, 8), 1)
    assert estimate.estimated and estimate.due == D(2027, 1, 11)  # no 调休 guessed: Monday
    load_2027(holiday_dir)
    result = due_date(D(2027, 1, 8), 1)
    assert result.due == D(2027, 1, 9)  # the file's working Saturday
    assert not result.estimated and result.warnings == ()


def test_a_limit_over_several_unknown_years_gives_one_warning_naming_them() -> None:
    result = due_date(D(2026, 12, 30), 300)
    assert result.due.year == 2028 and result.estimated
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("2027–2028 年的节假日安排尚未载入，本结果是估算。")


@pytest.mark.parametrize("accepted", [D(9999, 12, 31), D(1, 1, 1), D(2003, 12, 31), D(2100, 1, 1)])
def test_it_refuses_an_acceptance_day_outside_the_years_it_answers_for(accepted: dt.date) -> None:
    with pytest.raises(InputError, match="只支持 2004–2099 年"):
        due_date(accepted, 1)


def test_the_last_supported_day_still_gets_an_estimated_due_date() -> None:
    result = due_date(D(2099, 12, 31), 75)
    assert result.due.year == 2100 and result.estimated
    assert due_date(D(2004, 1, 2), 1).due == D(2004, 1, 5)


@pytest.mark.parametrize("days", [0, -1, True])
def test_it_rejects_a_limit_that_is_not_a_positive_number_of_days(days: int) -> None:
    with pytest.raises(InputError, match="正整数"):
        due_date(D(2026, 10, 9), days)


@pytest.fixture(scope="module")
def calendars(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, WorkCalendar]:
    """Calendars without and with a 2027 file, shared by the property test's examples."""
    loaded = tmp_path_factory.mktemp("with-2027")
    load_2027(loaded)
    return {False: WorkCalendar(tmp_path_factory.mktemp("empty")), True: WorkCalendar(loaded)}


@settings(max_examples=300, deadline=None)
@given(
    received=st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31)),
    n=st.integers(min_value=1, max_value=120),
    with_2027=st.booleans(),
)
def test_the_due_date_is_a_working_day_after_acceptance_and_grows_with_n(
    calendars: dict[bool, WorkCalendar], received: dt.date, n: int, with_2027: bool
) -> None:
    cal = calendars[with_2027]
    result = due_date(received, n, calendar=cal)
    longer = due_date(received, n + 1, calendar=cal)
    assert cal.is_workday(result.due)
    assert result.due > received
    assert result.acceptance_day >= received and cal.is_workday(result.acceptance_day)
    assert longer.due > result.due
    assert cal.count_workdays(result.acceptance_day, result.due) == n + 1
    first_unknown = 2028 if with_2027 else 2027
    assert result.estimated == (result.due.year >= first_unknown)
    instant = due_date(received, None, calendar=cal)
    assert received <= instant.due < result.due


# The law's 13 days off in 2027 (2024 revision), written out by hand from the lunar calendar.
STATUTORY_2027 = {
    D(2027, 1, 1),
    *(D(2027, 2, d) for d in (5, 6, 7, 8)),
    D(2027, 4, 5),
    D(2027, 5, 1),
    D(2027, 5, 2),
    D(2027, 6, 9),
    D(2027, 9, 15),
    *(D(2027, 10, d) for d in (1, 2, 3)),
}


@settings(max_examples=300, deadline=None)
@given(
    received=st.dates(min_value=D(2026, 11, 1), max_value=D(2027, 12, 31)),
    n=st.one_of(st.none(), st.integers(min_value=1, max_value=120)),
)
def test_an_estimated_2027_due_date_never_falls_on_a_statutory_day_off(
    calendars: dict[bool, WorkCalendar], received: dt.date, n: int | None
) -> None:
    result = due_date(received, n, calendar=calendars[False])
    assert result.due not in STATUTORY_2027
    assert result.due.weekday() < 5
    if result.due.year == 2027:
        assert result.estimated and "法定节假日" in result.warnings[0]


def test_acceptance_around_2027s_fixed_holidays_moves_past_them() -> None:
    assert due_date(D(2026, 12, 31), 1).due == D(2027, 1, 4)
    assert due_date(D(2027, 2, 4), 1).due == D(2027, 2, 9)  # 除夕 Friday to 初三 Monday
    assert due_date(D(2027, 9, 30), 1).due == D(2027, 10, 4)
    on_national_day = due_date(D(2027, 10, 2), None)
    assert on_national_day.due == on_national_day.deemed_accepted == D(2027, 10, 4)


def fake_catalog() -> Catalog:
    """Two items shaped like the guide's: one limit for all, and per-channel limits (61, 64)."""

    def item(no: int, channels: tuple[ChannelKind, ...], limits: tuple[TimeLimit, ...]) -> Item:
        return Item(
            no=no,
            name=f"测试事项{no}",
            category="测试",
            description="",
            materials=(),
            channels=tuple(Channel(kind=k, text=k.label) for k in channels),
            time_limits=limits,
            tips="",
        )

    window, online = ChannelKind.WINDOW, ChannelKind.ONLINE
    items = {
        1: item(1, (window, online), (TimeLimit(None, 5, False, "5个工作日"),)),
        2: item(
            2,
            (window, online),
            (TimeLimit(window, None, True, "即时办结"), TimeLimit(online, 15, False, "15个工作日")),
        ),
    }
    return Catalog("测试", "v", "测试指南", items, {}, (), ())


def test_an_item_uses_its_channels_own_limit() -> None:
    catalog = fake_catalog()
    window = item_deadline(2, D(2026, 9, 30), "window", catalog=catalog, calendar=CAL)
    assert window.instant and window.due == D(2026, 9, 30) and window.channel == "window"
    online = item_deadline(2, D(2026, 9, 30), "网上办", catalog=catalog, calendar=CAL)
    assert online.working_days == 15 and online.channel == "online"
    assert online.due == D(2026, 10, 27)
    assert online.item == 2 and online.limit_text == "15个工作日"


def test_without_a_channel_the_first_channel_is_reported() -> None:
    result = item_deadline(1, D(2026, 9, 30), catalog=fake_catalog(), calendar=CAL)
    assert result.channel == "window" and result.due == D(2026, 10, 13)


def test_without_a_channel_an_item_whose_limits_differ_asks_which_channel() -> None:
    with pytest.raises(ChannelRequired) as asked:
        item_deadline(2, D(2026, 9, 30), catalog=fake_catalog(), calendar=CAL)
    assert str(asked.value) == (
        "事项 2 各渠道办理时限不同（窗口办 即时办结；网上办 15个工作日），请指定办理渠道"
    )


@pytest.mark.parametrize("no", [61, 64])
def test_social_security_card_items_need_a_channel(no: int) -> None:
    with pytest.raises(ChannelRequired, match="窗口办、自助办 即时办结；网上办、掌上办 15个工作日"):
        item_deadline(no, D(2026, 3, 2), catalog=runtime().catalog, calendar=CAL)


def test_it_rejects_unknown_items_and_channels() -> None:
    catalog = fake_catalog()
    with pytest.raises(UnknownItemError, match="没有编号为 9 的事项"):
        item_deadline(9, D(2026, 9, 30), catalog=catalog, calendar=CAL)
    with pytest.raises(InputError, match="未知的办理渠道“fax”"):
        item_deadline(1, D(2026, 9, 30), "fax", catalog=catalog, calendar=CAL)
    with pytest.raises(InputError, match="没有自助办渠道"):
        item_deadline(1, D(2026, 9, 30), "self_service", catalog=catalog, calendar=CAL)


@pytest.mark.parametrize("no", [61, 64])
def test_social_security_card_items_are_instant_at_the_window_and_15_days_online(no: int) -> None:
    catalog = runtime().catalog
    assert item_deadline(no, D(2026, 9, 30), "window", catalog=catalog, calendar=CAL).instant
    for channel in ("online", "mobile"):
        result = item_deadline(no, D(2026, 9, 30), channel, catalog=catalog, calendar=CAL)
        assert result.working_days == 15 and result.due == D(2026, 10, 27)


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(shebao.workdays.deadlines).failed == 0


@pytest.mark.parametrize("channel", ["mobile", "self_service", "掌上办"])
def test_a_card_reported_lost_in_the_app_on_a_holiday_is_done_that_day(channel: str) -> None:
    rt = runtime()
    result = item_deadline(62, D(2026, 10, 3), channel, catalog=rt.catalog, calendar=CAL)
    assert result.due == D(2026, 10, 3) and result.deemed_accepted is None


def test_at_the_window_an_instant_service_waits_for_the_next_working_day() -> None:
    rt = runtime()
    result = item_deadline(62, D(2026, 10, 3), "window", catalog=rt.catalog, calendar=CAL)
    assert result.due == D(2026, 10, 8) and result.deemed_accepted == D(2026, 10, 8)


def test_an_online_application_with_a_time_limit_still_counts_from_the_next_working_day() -> None:
    rt = runtime()
    result = item_deadline(61, D(2026, 10, 3), "online", catalog=rt.catalog, calendar=CAL)
    assert result.deemed_accepted == D(2026, 10, 8) and result.due == D(2026, 10, 28)
