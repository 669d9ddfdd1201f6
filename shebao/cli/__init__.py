"""Command-line entry point: parses arguments, builds the runtime, and runs the command.

Each command parses its arguments, calls one service with the runtime, and prints what
`shebao.present` makes of the result; nothing else lives in the CLI.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from shebao.errors import InputError, ShebaoError, echo

# Each module registers its own sub-commands, so features can be added without touching the others.
COMMAND_MODULES = [
    "shebao.cli.catalog_cmds",
    "shebao.cli.guide_cmds",
    "shebao.cli.calendar_cmds",
    "shebao.cli.retirement_cmds",
    "shebao.cli.rules_cmds",
    "shebao.cli.search_cmds",
    "shebao.cli.doctor_cmds",
    "shebao.cli.events_cmds",
]


# argparse speaks English; our users read Chinese. Its messages go through gettext's `_`, so a
# small table replaces the ones a user can meet; anything not listed stays as it was.
ARGPARSE_ZH = {
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效：%(value)r（可选 %(choices)s）",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
}
argparse._ = lambda message: ARGPARSE_ZH.get(message, message)  # type: ignore[attr-defined]


# Messages repeat what the user typed: never let that put control characters on a terminal or
# turn one line into a page.
MESSAGE_LIMIT = 600


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line and exits 2, as every other bad input does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(
            2, f"shebao: {echo(message, MESSAGE_LIMIT)}（用 `{self.prog} --help` 查看用法）\n"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="shebao", description="大连市社会保险合规办事系统")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if not getattr(args, "runtime", True):
            return int(args.handler(args) or 0)
        from shebao.runtime import bootstrap

        return int(args.handler(bootstrap(), args) or 0)
    except InputError as exc:
        print(f"shebao: {echo(exc, MESSAGE_LIMIT)}", file=sys.stderr)
        return 2
    except ShebaoError as exc:
        print(f"shebao: {echo(exc, MESSAGE_LIMIT)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
