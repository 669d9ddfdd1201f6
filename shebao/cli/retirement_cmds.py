"""`shebao retirement`: statutory age and month, minimum contribution, flexible window."""

from __future__ import annotations

import argparse
import datetime as dt

from shebao.cli.output import emit_json
from shebao.errors import InputError, echo
from shebao.rules.facts import FACTS
from shebao.rules.identity import EARLIEST_BIRTH_YEAR, Sex
from shebao.rules.months import YearMonth
from shebao.rules.parameters import national
from shebao.rules.retirement import Retirement, retirement

_EPILOG = """\
例：
  shebao retirement --birth 1965-05 --sex male
  shebao retirement --birth 1975-04 --sex female --female-original-age 50 --json
女职工必须给出 --female-original-age：50（原法定退休年龄五十周岁的女职工）
或 55（原法定退休年龄五十五周岁的女职工），两者的退休年龄不同。"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "retirement",
        help="法定退休年龄、退休时间、最低缴费年限和弹性退休区间",
        description="按渐进式延迟法定退休年龄的规定计算（2025-01-01 起施行）。",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Checked in the handler, not by argparse, so every problem gets a Chinese message.
    parser.add_argument("--birth", metavar="YYYY-MM", help="出生年月，例如 1965-05")
    parser.add_argument("--sex", metavar="male|female", help="性别：male（男）或 female（女）")
    parser.add_argument(
        "--female-original-age", metavar="50|55", help="女职工的原法定退休年龄：50 或 55"
    )
    parser.add_argument(
        "--contribution-months",
        metavar="N",
        help="已累计缴费月数（可选）；给出时判断能否弹性提前退休",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    result = retirement(
        _birth(args.birth, today=dt.date.today()),
        _sex(args.sex),
        _female_original_age(args.sex, args.female_original_age),
        contribution_months=_months(args.contribution_months),
    )
    if args.json:
        emit_json(result.as_dict())
    else:
        print(describe(result))
    return 0


def _birth(text: str | None, *, today: dt.date) -> YearMonth:
    if text is None:
        raise InputError("缺少 --birth：请给出出生年月，格式 YYYY-MM，例如 --birth 1965-05")
    born = YearMonth.parse(text, "出生年月 --birth ")
    if born > YearMonth.of(today):
        raise InputError(f"出生年月 --birth {born} 晚于本月（{YearMonth.of(today)}），请核对")
    if born.year < EARLIEST_BIRTH_YEAR:
        raise InputError(
            f"出生年月 --birth {born} 早于 {EARLIEST_BIRTH_YEAR}-01，请核对（只接受 "
            f"{EARLIEST_BIRTH_YEAR}-01 至本月）"
        )
    return born


def _sex(text: str | None) -> Sex:
    if text is None:
        raise InputError("缺少 --sex：请给出 male（男）或 female（女）")
    try:
        return Sex.parse(text)
    except InputError:
        raise InputError(f"--sex 只能是 male（男）或 female（女），收到“{text}”") from None


def _female_original_age(sex_text: str | None, text: str | None) -> str | None:
    sex = _sex(sex_text)
    if sex is Sex.MALE and text is not None:
        raise InputError("--female-original-age 只适用于女职工，男职工请不要给出")
    if sex is Sex.FEMALE and text is None:
        raise InputError(
            "女职工须给出 --female-original-age：50（原法定退休年龄五十周岁的女职工）"
            "或 55（原法定退休年龄五十五周岁的女职工）"
        )
    if text is not None and text.strip() not in ("50", "55"):
        raise InputError(f"--female-original-age 只能是 50 或 55，收到“{text}”")
    return text


def _months(text: str | None) -> int | None:
    """Months paid, within the same bounds as the fact `contribution_months` of `shebao check`."""
    if text is None:
        return None
    cap = FACTS["contribution_months"].maximum or 0
    digits = text.strip()
    # Compare the text before converting it: int() of thousands of digits is itself an error.
    if not (digits.isascii() and digits.isdigit()) or len(digits.lstrip("0")) > len(str(cap)):
        raise InputError(f"--contribution-months 应为 0—{cap} 的整数（月数），收到“{echo(text)}”")
    months = int(digits)
    if months > cap:
        raise InputError(f"--contribution-months 应为 0—{cap} 的整数（月数），收到“{months}”")
    return months


def _years_months(months: int) -> str:
    years, rest = divmod(months, 12)
    return f"{years}年{rest}个月" if rest else f"{years}年"


def describe(result: Retirement) -> str:
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
        lines.append(f"最低缴费年限：{_years_months(minimum)}（{minimum} 个月）")
    if flex.latest is None:
        since = YearMonth.of(national().flexible.starts[0]).label
        lines.append(f"弹性退休：法定退休时间早于 {since}，不适用弹性退休")
    else:
        lines.append(_early_line(result))
        lines.append(f"弹性延迟退休：最晚 {flex.latest.label}（须与所在单位协商一致）")
    lines.append("依据：")
    basis = result.as_dict()["basis"]
    lines.extend(f"  {text}" for text in dict.fromkeys(v for v in basis.values() if v))
    return "\n".join(lines)


def _early_line(result: Retirement) -> str:
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
