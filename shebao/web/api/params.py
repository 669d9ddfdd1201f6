"""Query parameters and body fields read at the edge, with messages naming the parameter."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

from shebao.errors import InputError, echo
from shebao.rules.facts import FACTS, fact_from_text
from shebao.rules.identity import Sex

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


def sex(text: str) -> Sex:
    try:
        return Sex.parse(text)
    except InputError:
        raise InputError(
            f"sex（性别）只能是 male（男）或 female（女），收到“{echo(text)}”"
        ) from None


def female_original_age(person: Sex, text: str | None) -> int | None:
    if person is Sex.MALE and text is not None:
        raise InputError(
            "female_original_age（女职工原法定退休年龄）只适用于女职工，男职工请不要给出"
        )
    if person is Sex.FEMALE and text is None:
        raise InputError(
            "女职工须给出 female_original_age：50（原法定退休年龄五十周岁的女职工）"
            "或 55（原法定退休年龄五十五周岁的女职工）"
        )
    if text is None:
        return None
    try:
        return fact_from_text("female_original_age", text)
    except InputError:
        raise InputError(
            f"female_original_age（女职工原法定退休年龄）只能是 50 或 55，收到“{echo(text)}”"
        ) from None


def contribution_months(text: str | None) -> int | None:
    """Months paid, within the bounds of the fact `contribution_months` of POST /api/check."""
    if text is None:
        return None
    try:
        return fact_from_text("contribution_months", text)
    except InputError:
        cap = FACTS["contribution_months"].maximum
        raise InputError(
            f"contribution_months（累计缴费月数）应为 0—{cap} 的整数，收到“{echo(text)}”"
        ) from None
