"""Booking codes: short, random, easy to read aloud; and the last 6 of an ID that go with them."""

from __future__ import annotations

import hmac
import secrets

from shebao.errors import InputError
from shebao.text import code as typed_code

# No 0/O, 1/I/L: a code is read from a phone screen to a clerk.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8  # 31**8 ≈ 8.5e11: guessing is hopeless within the per-code and per-address limits


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def parse_code(text: object) -> str:
    """A booking code as typed: case, spaces, dashes and full-width characters do not matter.

    >>> parse_code(" k7m2-９qxa ")
    'K7M29QXA'
    """
    if not isinstance(text, str):
        raise InputError("预约码应为 8 位字母和数字")
    folded = "".join(ch for ch in typed_code(text) if ch not in " -").upper()
    if len(folded) != LENGTH or not set(folded) <= set(ALPHABET):
        raise InputError("预约码应为 8 位字母和数字（不含 0、1、I、L、O），请核对")
    return folded


def parse_last6(text: object) -> str:
    """The last six characters of an ID number, as typed.

    >>> parse_last6("12233x")
    '12233X'
    """
    if not isinstance(text, str):
        raise InputError("请填写身份证号码后 6 位")
    folded = "".join(typed_code(text).split()).upper()
    if len(folded) != 6 or not folded.isascii() or not folded.isalnum():
        raise InputError("身份证号码后 6 位应为 6 个数字或字母（最后一位可以是 X）")
    return folded


def last6_matches(id_number: str, last6: str) -> bool:
    """In constant time, so the answer's timing says nothing about how close a guess was."""
    return hmac.compare_digest(id_number[-6:].upper().encode(), last6.encode())
