"""The command line itself: every option at most once, spelt in full, and argparse in Chinese."""

from __future__ import annotations

import argparse
import ast
import inspect

import pytest

import shebao
from shebao.cli import ARGPARSE_ZH, build_parser


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command that runs something, as (words, parser): items, holidays load, …"""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, (*path, name))
    return found or [(path, parser)]


COMMANDS = _commands(build_parser())
OPTIONS = [
    (words, action.option_strings[-1], action.nargs == 0)
    for words, parser in COMMANDS
    for action in parser._actions
    if action.option_strings and not isinstance(action, argparse._HelpAction)
]


def test_the_sweep_sees_every_command():
    names = {" ".join(words) for words, _ in COMMANDS}
    assert {"check", "deadline", "holidays load", "holidays show", "retirement", "search"} <= names
    assert len(OPTIONS) >= 20


@pytest.mark.parametrize(("words", "option", "flag"), OPTIONS, ids=lambda v: str(v))
def test_every_option_given_twice_is_refused_not_last_one_wins(cli, words, option, flag):
    twice = [option, option] if flag else [option, "1", option, "2"]
    result = cli(*words, *twice)
    assert result.code == 2 and result.out == ""
    assert f"参数 {option}：只能给出一次" in result.err
    assert f"`shebao {' '.join(words)} --help`" in result.err


@pytest.mark.parametrize(
    "args",
    [
        ["check", "25", "--facts", "{}", "--on", "2026-01-01", "--on", "2026-02-02"],
        [
            "deadline",
            "61",
            "--accepted",
            "2026-10-08",
            "--channel",
            "window",
            "--channel",
            "online",
        ],
        ["retirement", "--birth", "1965-05", "--birth", "1966-05", "--sex", "male"],
    ],
)
def test_the_examples_from_the_review_are_refused(cli, args):
    result = cli(*args)
    assert result.code == 2 and "只能给出一次" in result.err


@pytest.mark.parametrize(
    "args",
    [
        ["show", "24", "--js"],
        ["items", "--cat", "工伤保险"],
        ["check", "25", "--facts", "{}", "--jso"],
    ],
)
def test_an_abbreviated_option_is_not_guessed(cli, args):
    result = cli(*args)
    assert result.code == 2 and result.out == ""
    assert "无法识别的参数" in result.err and f"`shebao {args[0]} --help`" in result.err


def test_version_prints_the_package_version(cli):
    result = cli("--version")
    assert result.code == 0 and result.out == f"shebao {shebao.__version__}\n"


def test_the_installed_version_is_the_packages_version():
    from importlib.metadata import version

    assert version("shebao") == shebao.__version__


def test_an_unknown_command_lists_the_commands_in_chinese(cli):
    result = cli("serach", "社保卡")
    assert result.code == 2
    assert "没有命令“serach”；可用的命令：items、show" in result.err and "'" not in result.err


# Messages about mistakes in our own parser definitions, never shown to a user.
DEVELOPER_MESSAGES = {
    "conflicting option string: %s",
    "conflicting option strings: %s",
    ".__call__() not defined",
    "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional",
    "%r is not callable",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
}


def test_every_message_argparse_can_show_a_user_is_translated():
    tree = ast.parse(inspect.getsource(argparse))
    messages = {
        arg.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext")
        for arg in node.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }
    missing = sorted(messages - set(ARGPARSE_ZH) - DEVELOPER_MESSAGES)
    assert not missing, f"add these to ARGPARSE_ZH: {missing}"


def test_the_command_table_names_every_command_each_module_registers() -> None:
    import argparse

    from shebao.cli import COMMAND_MODULES, COMMANDS, build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(COMMANDS)
    for name, module in COMMANDS.items():
        alone = build_parser(name)
        only = next(a for a in alone._actions if isinstance(a, argparse._SubParsersAction))
        assert name in only.choices, (name, module)
    assert len(COMMAND_MODULES) == len(set(COMMANDS.values()))
