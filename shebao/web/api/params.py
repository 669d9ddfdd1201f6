"""Query parameters and body fields read at the edge, with messages naming the parameter."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

from shebao.errors import InputError, echo

DEFAULT_LIMIT = 10


def _item_no(value: Any) -> Any:
    # A bool is an int to Python and 24.0 would pass as 24: an item number is typed exactly.
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError('应为整数或数字文本，如 24 或 "24"')
    return value


ItemNo = Annotated[int | str, BeforeValidator(_item_no)]


def limit(text: str | None) -> int:
    if text is None:
        return DEFAULT_LIMIT
    value = text.strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 6):
        raise InputError(f"limit（结果条数）应为正整数，收到“{echo(text)}”")
    return int(value)
