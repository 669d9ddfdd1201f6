"""The retirement figures of one person as a JSON-ready dict and as Chinese text."""

from __future__ import annotations

from typing import Any

from shebao.rules.months import YearMonth
from shebao.rules.parameters import Parameters
from shebao.rules.retirement import Retirement


def retirement_dict(r: Retirement) -> dict[str, Any]:
    """The JSON of `shebao retirement --json` and `GET /api/retirement`."""
    flex = r.flexible
    return {
        "original_age": r.original_age,
        "statutory_age": r.statutory_age.as_dict(),
        "retirement_month": str(r.retirement_month),
        "min_contribution_months": r.min_contribution_months,
        "earliest_flexible_month": str(flex.earliest) if flex.earliest else None,
        "latest_flexible_month": str(flex.latest) if flex.latest else None,
        "flexible_early_available": flex.early_available,
        "flexible_early_min_contribution_months": flex.early_min_contribution_months,
        "flexible_early_months_short": flex.early_months_short,
        "contribution_months": r.contribution_months,
        "birth": str(r.birth),
        "sex": r.sex.value,
        "group": r.group.key,
        "group_label": r.group.label,
        "delay_months": r.delay_months,
        "basis": basis(r),
    }


def basis(r: Retirement) -> dict[str, str | None]:
    minimum = r.min_contribution
    return {
        "original_age": r.group.original_age_basis,
        "statutory_age": r.age_basis,
        "min_contribution": minimum.basis if minimum else None,
        "flexible": r.flexible.basis,
    }


def years_months(months: int) -> str:
    """>>> years_months(186)
    '15年6个月'
    """
    years, rest = divmod(months, 12)
    return f"{years}年{rest}个月" if rest else f"{years}年"


def describe_retirement(result: Retirement, params: Parameters) -> str:
    """The result in Chinese, one fact a line, bases last."""
    flex = result.flexible
    lines = [
        f"{result.group.label}，{result.birth.label}出生",
        f"原法定退休年龄：{result.original_age}岁",
        f"法定退休年龄：{result.statutory_age.label}"
        + (f"（延迟 {result.delay_months} 个月）" if result.delay_months else "（不延迟）"),
        f"法定退休时间：{result.retirement_month.label}",
    ]
    minimum = result.min_contribution_months
    if minimum is None:
        lines.append(
            f"最低缴费年限：{result.retirement_month.year}年退休的最低缴费年限不在系统参数内"
        )
    else:
        lines.append(f"最低缴费年限：{years_months(minimum)}（{minimum} 个月）")
    if flex.latest is None:
        since = YearMonth.of(params.flexible.starts[0]).label
        lines.append(f"弹性退休：法定退休时间早于 {since}，不适用弹性退休")
    else:
        lines.append(early_line(result))
        lines.append(f"弹性延迟退休：最晚 {flex.latest.label}（须与所在单位协商一致）")
    lines.append("依据：")
    lines.extend(f"  {text}" for text in dict.fromkeys(v for v in basis(result).values() if v))
    return "\n".join(lines)


def early_line(result: Retirement) -> str:
    """What early retirement needs by its earliest month: contributions go on until then."""
    flex, paid = result.flexible, result.contribution_months
    assert flex.earliest is not None
    needed = flex.early_min_contribution_months
    head = f"弹性提前退休：最早 {flex.earliest.label}"
    if needed is None:
        return f"{head}（须达到最低缴费年限）"
    rule = f"届时须累计缴费满 {needed} 个月（{flex.earliest.year}年退休的最低缴费年限）"
    if paid is None:
        return f"{head}，{rule}"
    if flex.early_months_short:
        return f"{head}，{rule}；已缴 {paid} 个月，尚差 {flex.early_months_short} 个月"
    return f"{head}（已缴 {paid} 个月，已达到 {needed} 个月）"
