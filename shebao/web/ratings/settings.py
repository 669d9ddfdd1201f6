"""The ratings' settings read from the environment (imported by the settings: no Django here)."""

from __future__ import annotations

from shebao.errors import ShebaoError


def days(name: str, text: str | None, default: int) -> int:
    """A whole number of days from 1 to 60, or the default when unset.

    >>> days("SHEBAO_RATING_DEFAULT_DAYS", None, 7), days("X", " 10 ", 5)
    (7, 10)
    """
    if not text or not text.strip():
        return default
    if not (text.strip().isdigit() and 1 <= int(text) <= 60):
        raise ShebaoError(f"{name} 应为 1—60 的整数（天数），收到“{text}”")
    return int(text)
