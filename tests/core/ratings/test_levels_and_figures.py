"""The rating as typed and the figures of many ratings: no database, no Django."""

from __future__ import annotations

import doctest
import importlib

import pytest

from shebao.errors import InputError
from shebao.ratings.figures import Part, figures
from shebao.ratings.levels import Indicator, Level, parse_rating


@pytest.mark.parametrize(
    "module",
    [
        "shebao.ratings.levels",
        "shebao.ratings.figures",
        "shebao.present.ratings",
        "shebao.web.ratings.settings",
    ],
)
def test_the_examples_in_the_docstrings_hold(module):
    assert doctest.testmod(importlib.import_module(module)).failed == 0


def test_the_five_levels_read_from_numbers_digits_and_labels():
    assert [Level.parse(v) for v in (5, "4", "基本满意", " 不满意 ", 1)] == list(Level)
    assert [level for level in Level if level.bad] == [Level(2), Level(1)]


@pytest.mark.parametrize("value", [0, 6, 2.5, "5分", None, "", True, [5]])
def test_anything_else_is_refused_in_chinese(value):
    with pytest.raises(InputError, match="评价等级 level"):
        Level.parse(value)


def test_scores_by_key_or_label_blank_ones_left_out():
    given = parse_rating(3, {"服务态度": "4", "efficiency": None, "guide": ""}, None)
    assert given.scores == {Indicator.ATTITUDE: 4}
    assert given.comment == ""


def test_a_comment_is_cleaned_of_what_nobody_sees():
    assert parse_rating(5, None, "\u200b很好\ufeff ").comment == "很好"


def test_the_figures_add_up_groups_to_the_same_total():
    parts = [Part(Level(n % 5 + 1), n + 1, in_time=n % 2) for n in range(10)]
    whole = figures(parts)
    halves = [figures(parts[:5]), figures(parts[5:])]
    assert whole.count == sum(f.count for f in halves) == 55
    assert whole.bad == sum(f.bad for f in halves)
    assert whole.by_level[Level(1)] == 1 + 6
    assert figures([]).average is None and figures([]).in_time_share is None
