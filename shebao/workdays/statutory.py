"""The days off the law itself gives in a year no State Council notice covers yet.

《全国年节及纪念日放假办法》 as revised on 2024-11-10 (国务院令第795号, in force 2025-01-01)
gives everyone 13 days off: 元旦 1, 春节 4 (除夕 to 初三), 清明节 1, 劳动节 2, 端午节 1,
中秋节 1, 国庆节 3. The lunar festivals and 清明 (a solar term) are computed by the `holidays`
package; the days fixed by calendar date come from our own table of the law (holiday_files).
What only the yearly notice decides stays out: the 调休 swaps (weekend days worked, weekdays
bridged) and where a holiday falling on a weekend is made up (补假).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from shebao.errors import DataError
from shebao.workdays.holiday_files import fixed_days_off

# The years an estimate counts the statutory days in: the 2024 revision is in force from 2025
# (every earlier year the system answers for, 2004–2024, is known to chinesecalendar), and the
# `holidays` package's Chinese lunisolar table ends in 2100.
FIRST_STATUTORY_YEAR, LAST_STATUTORY_YEAR = 2025, 2100

# The law's days off, in the law's order, with how many days each gives.
STATUTORY_DAYS: tuple[tuple[str, int], ...] = (
    ("元旦", 1),
    ("春节", 4),
    ("清明节", 1),
    ("劳动节", 2),
    ("端午节", 1),
    ("中秋节", 1),
    ("国庆节", 3),
)
_ORDER = [name for name, _ in STATUTORY_DAYS]
# The package's zh_CN names for the statutory days; its other entries (its copy of past notices'
# 调休, "休息日（由 … 调休）", extensions such as 春节延长假期) are left out on purpose.
_PACKAGE_NAMES = {
    "元旦": "元旦",
    "农历除夕": "春节",
    "春节": "春节",
    "清明节": "清明节",
    "劳动节": "劳动节",
    "端午节": "端午节",
    "中秋节": "中秋节",
    "国庆节": "国庆节",
}


def counts_statutory_days(year: int) -> bool:
    """Whether an estimate of `year` deducts the statutory days (else weekends only).

    >>> counts_statutory_days(2027), counts_statutory_days(2024), counts_statutory_days(2101)
    (True, False, False)
    """
    return FIRST_STATUTORY_YEAR <= year <= LAST_STATUTORY_YEAR


def statutory_text() -> str:
    """The days counted, as the estimate warning lists them.

    >>> statutory_text()[:36]
    '元旦 1 天、春节 4 天（除夕至初三）、清明节 1 天、劳动节 2 天'
    """
    return "、".join(
        f"{name} {n} 天{'（除夕至初三）' if name == '春节' else ''}" for name, n in STATUTORY_DAYS
    )


def statutory_days_off(year: int) -> dict[dt.date, str]:
    """The law's days off in `year`, named; a day two festivals share is named for both.

    The first call imports `holidays` (a few tenths of a second, once per process).

    >>> days = statutory_days_off(2027)
    >>> [(d.isoformat()[5:], n) for d, n in days.items()][:5]
    [('01-01', '元旦'), ('02-05', '春节'), ('02-06', '春节'), ('02-07', '春节'), ('02-08', '春节')]
    >>> statutory_days_off(2028)[dt.date(2028, 10, 3)]
    '中秋节、国庆节'
    """
    if not counts_statutory_days(year):
        raise ValueError(f"{year} 年不在 {FIRST_STATUTORY_YEAR}–{LAST_STATUTORY_YEAR} 年之内")
    from holidays.countries.china import China  # imported on first use only: it is slow

    table = China(years=year, observed=False, language="zh_CN")
    names: dict[dt.date, set[str]] = {}
    for day in table:
        for name in table.get_list(day):
            if name in _PACKAGE_NAMES and day.year == year:
                names.setdefault(day, set()).add(_PACKAGE_NAMES[name])
    for day, name in fixed_days_off(year)[1]:
        names.setdefault(day, set()).add(name)
    _check_counts(year, names)
    return {day: "、".join(sorted(names[day], key=_ORDER.index)) for day in sorted(names)}


def _check_counts(year: int, names: dict[dt.date, set[str]]) -> None:
    """Refuse a package whose answer is not the law's 13 days: an estimate must not drift."""
    found = Counter(name for day_names in names.values() for name in day_names)
    wrong = [f"{name} {found[name]} 天" for name, n in STATUTORY_DAYS if found[name] != n]
    if wrong:
        import holidays

        raise DataError(
            f"holidays {holidays.__version__} 给出的 {year} 年法定节假日"
            f"与《全国年节及纪念日放假办法》不符：{'、'.join(wrong)}；应为 {statutory_text()}"
        )
