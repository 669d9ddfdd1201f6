"""Command-line entry point: parses arguments, builds the runtime, and runs the command.

Each command parses its arguments, calls one service with the runtime, and prints what
`shebao.present` makes of the result; nothing else lives in the CLI.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from shebao import __version__
from shebao.cli.output import OutputClosed, prepare_streams, release_streams, silence_stdout
from shebao.errors import InputError, ShebaoError, echo

# Each module registers its own sub-commands, so features can be added without touching the others.
# Only the module of the command being run is imported (a whole `shebao show` process is then a
# third lighter); --help and usage errors import them all. tests/cli/test_parser.py checks that
# this table names every command each module registers.
COMMANDS = {
    "items": "shebao.cli.catalog_cmds",
    "show": "shebao.cli.catalog_cmds",
    "halls": "shebao.cli.catalog_cmds",
    "import-guide": "shebao.cli.guide_cmds",
    "lint": "shebao.cli.guide_cmds",
    "deadline": "shebao.cli.calendar_cmds",
    "workdays": "shebao.cli.calendar_cmds",
    "is-workday": "shebao.cli.calendar_cmds",
    "holidays": "shebao.cli.calendar_cmds",
    "retirement": "shebao.cli.retirement_cmds",
    "check": "shebao.cli.rules_cmds",
    "intake-check": "shebao.cli.rules_cmds",
    "rules": "shebao.cli.rules_cmds",
    "search": "shebao.cli.search_cmds",
    "doctor": "shebao.cli.doctor_cmds",
    "event": "shebao.cli.events_cmds",
    "serve": "shebao.cli.serve_cmds",
    "users": "shebao.cli.users_cmds",
    "backup": "shebao.cli.backup_cmds",
    "restore": "shebao.cli.backup_cmds",
    "schedule": "shebao.cli.appointments_cmds",
    "cases": "shebao.cli.cases_cmds",
    "people": "shebao.cli.people_cmds",
    "online": "shebao.cli.online_cmds",
}
COMMAND_MODULES = list(dict.fromkeys(COMMANDS.values()))


# argparse speaks English; our users read Chinese. Its messages go through gettext's `_` and
# `ngettext`, so a table replaces them. tests/cli/test_parser.py checks that every message
# argparse can print is here; the ones about programming mistakes (conflicting options…) are
# the developer's and stay English.
ARGPARSE_ZH = {
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效：%(value)r（可选 %(choices)s）",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是 %(matches)s",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不带值，收到 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可选 %(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：%(message)s\n",
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
}  # fmt: skip
argparse._ = lambda message: ARGPARSE_ZH.get(message, message)  # type: ignore[attr-defined]
argparse.ngettext = lambda one, many, n: ARGPARSE_ZH.get(one if n == 1 else many, many)  # type: ignore[attr-defined]


# Messages repeat what the user typed: never let that put control characters on a terminal or
# turn one line into a page.
MESSAGE_LIMIT = 600

_GIVEN = "_options_given"  # the namespace attribute where _Once records the options seen


class _Once(argparse.Action):
    """Refuses an option given twice: "last one wins" would silently drop what was typed."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        given = namespace.__dict__.setdefault(_GIVEN, set())
        if self.dest in given:
            raise argparse.ArgumentError(self, "只能给出一次，请删去多余的一个")
        given.add(self.dest)
        super().__call__(parser, namespace, values, option)  # type: ignore[misc]


class _StoreOnce(_Once, argparse._StoreAction):
    pass


class _StoreTrueOnce(_Once, argparse._StoreTrueAction):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse as every other bad input behaves: one line in Chinese, exit 2; options spelt out
    in full (no abbreviations) and given at most once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)
        self.register("action", "store_true", _StoreTrueOnce)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is None or value in action.choices:
            return
        choices = "、".join(map(str, action.choices))
        if isinstance(action, argparse._SubParsersAction):
            raise argparse.ArgumentError(None, f"没有命令“{echo(value)}”；可用的命令：{choices}")
        raise argparse.ArgumentError(action, f"不能是“{echo(value)}”，可选：{choices}")

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        """As argparse's, but words left over are reported by the command they were given to,
        so the hint names that command's help."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            words = echo(" ".join(extras), MESSAGE_LIMIT // 2)
            self._command(parsed).error(ARGPARSE_ZH["unrecognized arguments: %s"] % words)
        return parsed

    def _command(self, parsed: argparse.Namespace) -> _Parser:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(getattr(parsed, action.dest, None) or "")
                if isinstance(chosen, _Parser):
                    return chosen._command(parsed)
        return self

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        parsed, rest = super().parse_known_args(args, namespace)
        parsed.__dict__.pop(_GIVEN, None)
        return parsed, rest

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(
            2, f"shebao: {echo(message, MESSAGE_LIMIT)}（用 `{self.prog} --help` 查看用法）\n"
        )


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with a known `command`, only that command's module is imported."""
    parser = _Parser(prog="shebao", description="大连市社会保险合规办事系统")
    parser.add_argument(
        "--version", action="version", version=f"shebao {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    modules = [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command named in `argv`, when it comes first (options before it need every parser)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; output that cannot be written ends it quietly or in one line."""
    prepare_streams()
    try:
        code = _run(argv)
        sys.stdout.flush()  # here, not at exit, where a full disk would be a traceback
        return code
    except OutputClosed as exc:
        silence_stdout()
        if exc.quiet:  # `shebao items | head -1`: the reader has all it wanted
            return 0
        print(f"shebao: 结果无法输出：{exc.reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("shebao: 已中断", file=sys.stderr)
        return 130
    finally:
        release_streams()


def _run(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors: argparse has printed them
        sys.stdout.flush()
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
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
    except Exception as exc:
        from shebao.cli.stored import stored_failure

        if (message := stored_failure(exc)) is None:
            raise
        print(f"shebao: {echo(message, MESSAGE_LIMIT)}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
