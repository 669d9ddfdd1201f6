"""The 2025 gradual retirement reform for one person: statutory age and month, minimum, window."""

from __future__ import annotations

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
