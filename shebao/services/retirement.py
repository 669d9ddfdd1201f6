"""The 2025 gradual retirement reform for one person: statutory age and month, minimum, window."""

from __future__ import annotations

from dataclasses import dataclass

from shebao.errors import InputError, echo
from shebao.rules.facts import FACTS, fact_from_text, parse_birth_month
from shebao.rules.identity import Sex
from shebao.rules.months import YearMonth
from shebao.rules.retirement import Retirement
from shebao.rules.retirement import retirement as _retirement
from shebao.runtime import Runtime


def retirement(
    rt: Runtime,
    birth: YearMonth,
    sex: Sex,
    female_original_age: int | None = None,
    contribution_months: int | None = None,
) -> Retirement:
    return _retirement(
        birth,
        sex,
        female_original_age,
        contribution_months=contribution_months,
        params=rt.parameters,
    )


@dataclass(frozen=True, slots=True)
class Fields:
    """What the caller calls the four inputs, so that a message names the one to correct."""

    birth: str
    sex: str
    female_original_age: str
    contribution_months: str


OPTIONS = Fields("--birth", "--sex", "--female-original-age", "--contribution-months")
PARAMETERS = Fields("birth", "sex", "female_original_age", "contribution_months")
_GROUPS = "50（原法定退休年龄五十周岁的女职工）或 55（原法定退休年龄五十五周岁的女职工）"


def retirement_from_text(
    rt: Runtime,
    birth: str | None,
    sex: str | None,
    female_original_age: str | None = None,
    contribution_months: str | None = None,
    fields: Fields = PARAMETERS,
) -> Retirement:
    """The figures for inputs typed as text (command-line options, query parameters, forms),
    each read by its fact specification; a message names the field as the caller calls it."""
    if birth is None:
        raise InputError(f"缺少 {fields.birth}：请给出出生年月，格式 YYYY-MM，例如 1965-05")
    born = parse_birth_month(birth, rt.today(), f"出生年月 {fields.birth} ")
    if sex is None:
        raise InputError(f"缺少 {fields.sex}：请给出 male（男）或 female（女）")
    try:
        person = Sex.parse(sex)
    except InputError:
        raise InputError(
            f"{fields.sex}（性别）只能是 male（男）或 female（女），收到“{echo(sex)}”"
        ) from None
    if person is Sex.MALE and female_original_age is not None:
        raise InputError(f"{fields.female_original_age} 只适用于女职工，男职工请不要给出")
    if person is Sex.FEMALE and female_original_age is None:
        raise InputError(f"女职工须给出 {fields.female_original_age}：{_GROUPS}")
    original = _typed("female_original_age", female_original_age, fields.female_original_age)
    paid = _typed("contribution_months", contribution_months, fields.contribution_months)
    return retirement(rt, born, person, original, paid)


def _typed(name: str, text: str | None, field: str) -> int | None:
    if text is None:
        return None
    try:
        return fact_from_text(name, text)
    except InputError:
        spec = FACTS[name]
        if spec.choices:
            wanted = f"只能是 {' 或 '.join(map(str, spec.choices))}"
        else:
            wanted = f"应为 {spec.accepted()}"
        raise InputError(f"{field}（{spec.label}）{wanted}，收到“{echo(text)}”") from None
