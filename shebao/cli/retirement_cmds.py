"""`shebao retirement`: statutory age and month, minimum contribution, flexible window."""

from __future__ import annotations

import argparse

from shebao.cli.output import emit_json
from shebao.present.retirement import describe_retirement, retirement_dict
from shebao.runtime import Runtime
from shebao.services.retirement import OPTIONS, retirement_from_text

# Which women are in which group: the help of `check` and of `retirement` say it the same way.
FEMALE_GROUPS = """\
女职工的原法定退休年龄（female_original_age / --female-original-age）：
  50  原法定退休年龄五十周岁的女职工：女工人，即长期在生产、工人岗位工作的女职工
  55  原法定退休年龄五十五周岁的女职工：女干部，即长期在管理岗位或专业技术岗位工作的女职工
  依据：国发〔1978〕104号（《国务院关于工人退休、退职的暂行办法》《国务院关于安置老弱病残干部的
  暂行办法》）和劳社厅函〔2001〕125号（女工人年满50周岁，女干部年满55周岁）；2025年1月1日起，
  按《国务院关于渐进式延迟法定退休年龄的办法》附件3（原50周岁）和附件2（原55周岁）逐步延迟。
  不确定属于哪一组的，以参保地社会保险经办机构按档案的认定为准。"""


_EPILOG = f"""\
出生年月可写 1965-05，也可写 1965/5、1965.05、1965年5月、196505；性别写 male 或 female
（大小写不限），也可写 男 或 女。全角数字和字母按半角读。

{FEMALE_GROUPS}

例：
  shebao retirement --birth 1965-05 --sex male
  shebao retirement --birth 1975-04 --sex 女 --female-original-age 50 --json"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "retirement",
        help="法定退休年龄、退休时间、最低缴费年限和弹性退休区间",
        description="按渐进式延迟法定退休年龄的规定计算（2025-01-01 起施行）。",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Checked in the handler, not by argparse, so every problem gets a Chinese message.
    parser.add_argument("--birth", metavar="YYYY-MM", help="出生年月，例如 1965-05（写法见下）")
    parser.add_argument("--sex", metavar="male|female", help="性别：male（男）或 female（女）")
    parser.add_argument(
        "--female-original-age",
        metavar="50|55",
        help="女职工的原法定退休年龄：50 或 55（哪些女职工属于哪一组，见下）",
    )
    parser.add_argument(
        "--contribution-months",
        metavar="N",
        help="已累计缴费月数（可选）；给出时判断能否弹性提前退休",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.set_defaults(handler=run)


def run(rt: Runtime, args: argparse.Namespace) -> int:
    result = retirement_from_text(
        rt,
        args.birth,
        args.sex,
        args.female_original_age,
        args.contribution_months,
        fields=OPTIONS,
    )
    if args.json:
        emit_json(retirement_dict(result))
    else:
        print(describe_retirement(result, rt.parameters))
    return 0
