"""Case numbers: random, from an alphabet that cannot be misread, and forgiving in how typed."""

from __future__ import annotations

import doctest
import itertools
import random
import re
from collections import Counter

import pytest

import shebao.cases.case_numbers
from shebao.cases.case_numbers import new_case_number, parse_case_number
from shebao.errors import InputError

READABLE = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, no 1/I
SHAPE = re.compile(f"[{READABLE}]{{4}}-[{READABLE}]{{4}}-[{READABLE}]{{4}}")


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(shebao.cases.case_numbers).failed == 0


def test_a_new_number_is_three_groups_of_four_readable_characters():
    for _ in range(200):
        assert SHAPE.fullmatch(new_case_number())


def test_numbers_do_not_repeat_and_use_every_character_about_evenly():
    numbers = [new_case_number() for _ in range(5000)]
    assert len(set(numbers)) == len(numbers)
    counts = Counter(ch for n in numbers for ch in n.replace("-", ""))
    assert set(counts) == set(READABLE)
    expected = 5000 * 12 / 32  # 1875 each; a fair source stays well within ±20 %
    assert all(0.8 * expected < c < 1.2 * expected for c in counts.values())


def test_numbers_do_not_come_from_the_seedable_random_module():
    random.seed(10)
    first = new_case_number()
    random.seed(10)
    assert new_case_number() != first


def test_consecutive_numbers_share_no_more_than_chance():
    numbers = [new_case_number().replace("-", "") for _ in range(2000)]
    same = sum(a[i] == b[i] for a, b in itertools.pairwise(numbers) for i in range(12))
    assert same < 2000 * 12 / 32 * 1.3  # 1 in 32 positions agree by chance


@pytest.mark.parametrize(
    "typed",
    [
        "K7QM-3XPA-HR2D",
        "k7qm-3xpa-hr2d",
        "K7QM3XPAHR2D",
        " K7QM 3XPA HR2D ",
        "K7QM--3XPA-HR2D-",
        "-K7Q-M3X-PAH-R2D",
        "Ｋ７ＱＭ－３ＸＰＡ－ＨＲ２Ｄ",
        "K7QM—3XPA—HR2D",
        "K7QM_3XPA_HR2D",
        "k7qm\u30003xpa\thr2d",
    ],
)
def test_typed_numbers_are_normalised(typed):
    assert parse_case_number(typed) == "K7QM-3XPA-HR2D"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "K7QM-3XPA-HR2",
        "K7QM-3XPA-HR2DD",
        "K7QM-3XPA-HR20",  # 0 is not in the alphabet
        "K7QM-3XPA-HR2O",
        "K7QM-3XPA-HR21",
        "K7QM-3XPA-HR2I",
        "K7QM/3XPA/HR2D",
        "K7QM-3XPA-HR2D'; --",
        "K7QM-3XPA-HR2Ｄ1",
        "-" * 30 + "K7QM3XPAHR2D",
        None,
        123456789012,
    ],
)
def test_anything_else_is_refused(typed):
    with pytest.raises(InputError, match="案件编号"):
        parse_case_number(typed)
