"""Case numbers: random (not guessable from one another), easy to read aloud: K7QM-3XPA-HR2D.

Named case_numbers, not numbers, so as not to shadow the standard library's `numbers`.
"""

from __future__ import annotations

import secrets
import unicodedata

from shebao.errors import InputError

# No 0/O, no 1/I: nothing a person can misread. 32 symbols = 5 bits each.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
GROUPS, GROUP_SIZE = 3, 4
LENGTH = GROUPS * GROUP_SIZE  # 12 characters = 60 random bits
_ALLOWED = frozenset(ALPHABET)
_MAX_TYPED = 40  # hyphens and spaces included; longer is not a case number
# Dashes people type between groups (ASCII and full-width arrive as '-' after NFKC).
_SEPARATORS = frozenset("-‐‑‒–—―−_ ")


def new_case_number() -> str:
    """A fresh number from the operating system's secure random source: 60 random bits read
    at once, 5 bits per symbol (32 symbols: no bias), not twelve separate draws."""
    bits = secrets.randbits(5 * LENGTH)
    return _grouped("".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(LENGTH)))


def _grouped(code: str) -> str:
    return "-".join(code[i : i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def parse_case_number(text: object) -> str:
    """A case number as typed, in its written form; InputError for anything that cannot be one.

    Case, spaces, full-width characters and missing, extra or odd hyphens do not matter.

    >>> parse_case_number(" k7qm3xpa—hr2d ")
    'K7QM-3XPA-HR2D'
    """
    if not isinstance(text, str) or len(text) > _MAX_TYPED:
        raise InputError("案件编号格式不正确：应为 12 位字母和数字，如 K7QM-3XPA-HR2D")
    folded = unicodedata.normalize("NFKC", text).upper()
    code = "".join(ch for ch in folded if ch not in _SEPARATORS and not ch.isspace())
    if len(code) != LENGTH or not set(code) <= _ALLOWED:
        raise InputError(
            "案件编号格式不正确：应为 12 位字母和数字（不含 0、O、1、I），如 K7QM-3XPA-HR2D"
        )
    return _grouped(code)
