"""The status machine: one table, every change allowed or refused as the issue lists them."""

from __future__ import annotations

import doctest
import itertools

import pytest

import shebao.cases.status
from shebao.cases.status import (
    OUTCOMES,
    Status,
    TransitionNotAllowed,
    allowed_targets,
    check_transition,
)
from shebao.errors import InputError

# Written out from the issue, independently of the code's table.
ALLOWED = {
    ("accepted", "in_progress"),
    ("in_progress", "completed"),
    ("accepted_pending_materials", "materials_supplemented"),
    ("accepted_pending_materials", "terminated"),
    ("materials_supplemented", "in_progress"),
    ("accepted", "withdrawn"),
    ("in_progress", "withdrawn"),
    ("accepted_pending_materials", "withdrawn"),
    ("materials_supplemented", "withdrawn"),
}
FINAL = {"refused", "returned", "withdrawn", "terminated", "completed"}
VALUES = [
    "accepted",
    "in_progress",
    "completed",
    "accepted_pending_materials",
    "materials_supplemented",
    "terminated",
    "withdrawn",
    "refused",
    "returned",
]
ALL_PAIRS = list(itertools.product(VALUES, VALUES))


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(shebao.cases.status).failed == 0


def test_the_status_values_are_exactly_the_issues():
    assert [s.value for s in Status] == VALUES
    assert [s.value for s in OUTCOMES] == [
        "accepted",
        "accepted_pending_materials",
        "returned",
        "refused",
    ]


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_an_allowed_change_passes(current, target):
    assert check_transition(current, target) is Status(target)
    assert Status(target) in allowed_targets(current)


@pytest.mark.parametrize(("current", "target"), [p for p in ALL_PAIRS if p not in ALLOWED])
def test_any_other_change_is_refused_with_the_allowed_targets(current, target):
    with pytest.raises(TransitionNotAllowed) as caught:
        check_transition(current, target)
    error = caught.value
    assert not isinstance(error, InputError)  # a conflict (409), not bad input (422)
    expected = sorted(t for c, t in ALLOWED if c == current)
    assert sorted(s.value for s in error.allowed) == expected
    assert Status(target).label in str(error)


@pytest.mark.parametrize("status", VALUES)
def test_final_statuses_allow_nothing_and_open_ones_may_be_withdrawn(status):
    s = Status(status)
    assert s.final is (status in FINAL)
    assert (Status.WITHDRAWN in allowed_targets(s)) is (status not in FINAL)


def test_a_value_that_is_no_status_is_bad_input():
    with pytest.raises(InputError, match="办件状态"):
        check_transition("accepted", "approved")


def test_statuses_read_their_chinese_labels_too():
    assert Status.parse("不予受理") is Status.REFUSED
    assert Status.RETURNED.label == "补正"
    assert dict(Status.choices())["accepted_pending_materials"] == "容缺受理"
