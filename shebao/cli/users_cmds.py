"""`shebao users add | token | list`: staff accounts, their roles, points and API tokens."""

from __future__ import annotations

import argparse
import sys

from shebao.cli.output import emit_json, print_table
from shebao.cli.stored import add_data_dir, open_store
from shebao.errors import InputError
from shebao.runtime import BEIJING

ROLES = "clerk（窗口人员）、reviewer（审核人员）、supervisor（主管）、admin（系统管理员）"
MAX_PASSWORD = 1024


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="工作人员账号：添加、发放 API 令牌、列出")
    actions = users.add_subparsers(dest="users_action", metavar="ACTION")
    actions.required = True

    p = actions.add_parser(
        "add",
        help="添加工作人员",
        description="密码从标准输入读取（如 `echo 密码 | shebao users add ...`）；"
        "没有输入时生成一个密码，只显示这一次。",
    )
    p.add_argument("name", metavar="NAME", help="用户名，如 zhangsan")
    p.add_argument("--role", required=True, metavar="ROLE", help=f"角色：{ROLES}")
    p.add_argument(
        "--point", metavar="PLACE", help="所属服务点（窗口人员和审核人员必填），如 hall-3"
    )
    add_data_dir(p)
    p.set_defaults(handler=run_add)

    p = actions.add_parser("token", help="为工作人员生成一个新的 API 令牌（只显示这一次）")
    p.add_argument("name", metavar="NAME", help="用户名")
    add_data_dir(p)
    p.set_defaults(handler=run_token)

    p = actions.add_parser("list", help="列出工作人员")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    add_data_dir(p)
    p.set_defaults(handler=run_list)


def _piped_password() -> str | None:
    """The first line of standard input when it is not a terminal; None when nothing came."""
    stdin = sys.stdin
    if stdin is None or stdin.isatty():
        return None
    try:
        text = stdin.read(MAX_PASSWORD + 2)
    except UnicodeDecodeError:
        raise InputError("从标准输入读到的密码不是 UTF-8 文本") from None
    if text == "":
        return None
    line = text.splitlines()[0] if text.strip("\r\n") else ""
    if len(line) > MAX_PASSWORD:
        raise InputError(f"密码过长（最多 {MAX_PASSWORD} 个字符）")
    return line


def run_add(args: argparse.Namespace) -> int:
    password = _piped_password()
    store = open_store(args)
    from shebao.web.accounts.services import add_staff

    added = add_staff(store.runtime, args.name, args.role, args.point, password)
    info = added.info
    where = f"，服务点 {info.point}（{info.point_name}）" if info.point else "，可查看所有服务点"
    print(f"已添加 {info.name}：{info.role_label}{where}")
    if added.generated_password:
        print(f"初始密码（只显示这一次，请转交本人）：{added.generated_password}")
    return 0


def run_token(args: argparse.Namespace) -> int:
    open_store(args)
    from shebao.web.accounts.services import issue_token

    token = issue_token(args.name)
    print(token)
    print(
        f"以上是 {args.name} 的 API 令牌，只显示这一次；请求时加请求头 "
        "Authorization: Bearer 令牌。撤销：在管理后台删除该令牌。",
        file=sys.stderr,
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    from shebao.web.accounts.services import staff_list

    staff = staff_list(store.runtime)
    if args.json:
        emit_json([s.as_dict() for s in staff])
        return 0
    if not staff:
        print("还没有工作人员。添加第一个管理员：shebao users add admin --role admin")
        return 0
    print_table(
        ["用户名", "角色", "服务点", "状态", "令牌", "最近登录"],
        [
            [
                s.name,
                s.role_label,
                f"{s.point} {s.point_name}" if s.point else "全部",
                "在职" if s.active else "停用",
                s.tokens,
                s.last_login.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
                if s.last_login
                else "—",
            ]
            for s in staff
        ],
    )
    return 0
