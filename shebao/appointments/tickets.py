"""Queue tickets: their readable numbers and the wait people are told to expect."""

from __future__ import annotations

import math


def ticket_label(prefix: str, number: int) -> str:
    """The number shown and called: a prefix and at least three digits.

    >>> ticket_label("A", 23), ticket_label("B", 1234)
    ('A023', 'B1234')
    """
    return f"{prefix}{number:03d}"


def parse_ticket_label(text: str) -> tuple[str, int] | None:
    """A number as typed back into a form, or None.

    >>> parse_ticket_label(" a023 "), parse_ticket_label("23")
    (('A', 23), None)
    """
    label = text.strip().upper()
    if len(label) < 2 or not label[0].isalpha() or not label[1:].isdigit():
        return None
    return label[0], int(label[1:])


def wait_minutes(ahead: int, windows: int, minutes_per_ticket: int) -> int:
    """Minutes until a ticket with `ahead` people before it is called, `windows` serving.

    >>> wait_minutes(0, 2, 10), wait_minutes(3, 2, 10), wait_minutes(4, 2, 10)
    (0, 10, 20)
    """
    return math.floor(ahead / max(windows, 1)) * minutes_per_ticket
