"""The timer: normal, warning within 2 working days (configurable), overdue after the due day."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

import shebao.cases.timers
from shebao.cases.timers import Timer, timer
from shebao.errors import InputError
from tests.core.cases.factories import runtime_on

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return runtime_on().calendar


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(shebao.cases.timers).failed == 0


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 11, 16), "normal"),  # Mon: Tue–Fri, 4 working days left
        (D(2026, 11, 17), "normal"),  # Tue: 3 left
        (D(2026, 11, 18), "warning"),  # Wed: Thu, Fri
        (D(2026, 11, 19), "warning"),
        (D(2026, 11, 20), "warning"),  # the due day itself
        (D(2026, 11, 21), "overdue"),
        (D(2027, 1, 5), "overdue"),
    ],
)
def test_in_an_ordinary_week(cal, today, expected):
    assert timer(D(2026, 11, 20), today, cal) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 9, 28), "normal"),  # 29, 30 Sep, 8, 9 Oct
        (D(2026, 9, 29), "normal"),  # 30 Sep, 8, 9 Oct
        (D(2026, 9, 30), "warning"),  # 国庆 1–7 Oct: only 8 and 9 Oct left
        (D(2026, 10, 3), "warning"),
        (D(2026, 10, 9), "warning"),
        (D(2026, 10, 10), "overdue"),  # a working Saturday (调休), the day after the due day
    ],
)
def test_across_the_national_day_holiday(cal, today, expected):
    assert timer(D(2026, 10, 9), today, cal) == expected


def test_the_warning_window_is_configurable(cal):
    due = D(2026, 11, 20)
    assert timer(due, D(2026, 11, 19), cal, warning_days=0) == "normal"
    assert timer(due, D(2026, 11, 20), cal, warning_days=0) == "warning"
    assert timer(due, D(2026, 11, 13), cal, warning_days=5) == "warning"  # Mon–Fri next week
    assert timer(due, D(2026, 11, 12), cal, warning_days=5) == "normal"
    with pytest.raises(InputError, match="预警天数"):
        timer(due, D(2026, 11, 12), cal, warning_days=-1)


def test_labels():
    assert [t.label for t in Timer] == ["正常", "预警", "逾期"]
