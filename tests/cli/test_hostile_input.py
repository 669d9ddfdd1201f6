"""Every command with hostile input: one line in Chinese on stderr, nothing on stdout, exit 2.

No English from Python (“No such file or directory”, “Expecting value”, argparse's usage) may
reach the user: the only ASCII words allowed are the names of commands, options, metavariables,
facts and their values, a few format names, and what the user typed.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re

import pytest

from shebao.cli import build_parser
from shebao.guide.model import ChannelKind
from shebao.rules.facts import FACTS

FORMAT_WORDS = {"shebao", "JSON", "YAML", "UTF", "GBK", "ANSI", "BOM", "YYYY", "MM", "DD", "X"}
FORMAT_WORDS |= {"true", "false", "null", "import_rules", "yaml", "year", "source", "holidays"}
FORMAT_WORDS |= {"workdays", "city", "data", "Infinity", "NaN", "help"}


def _parser_words(parser: argparse.ArgumentParser) -> set[str]:
    words: set[str] = set()
    for action in parser._actions:
        words |= {s.lstrip("-") for s in action.option_strings}
        words |= {str(action.metavar or ""), str(action.dest or "")}
        if isinstance(action, argparse._SubParsersAction):
            words |= set(action.choices)
            for sub in action.choices.values():
                words |= _parser_words(sub)
    return words


def _allowed_words() -> set[str]:
    words = _parser_words(build_parser()) | FORMAT_WORDS | set(FACTS)
    words |= {kind.value for kind in ChannelKind}
    for spec in FACTS.values():
        words |= {str(key) for key in spec.choices or {}}
    parts = {part for word in words for part in re.split(r"[-_|]", word)}
    return words | parts


ALLOWED = _allowed_words()


def english_words(message: str, typed: list[str]) -> list[str]:
    """ASCII words in a message that are neither ours nor what the user typed."""
    message = re.sub(r"/[^\s：，（）“”…]+…?", " ", message)  # a path, perhaps shortened
    message = re.sub(r"“[^”]*”", " ", message)  # what the user typed, quoted
    for text in sorted(typed, key=len, reverse=True):
        for piece in (text, text.removeprefix("@"), text[:40]):
            if len(piece) > 1:
                message = message.replace(piece, " ")
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_]*", message) if w not in ALLOWED]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("hostile")
    (root / "dir").mkdir()
    (root / "empty.json").write_bytes(b"")
    (root / "binary.bin").write_bytes(b"\xff\xfe\x00\x00\x01")
    (root / "gbk.json").write_bytes('{"sex": "男"}'.encode("gbk"))
    (root / "list.json").write_bytes(b"[1, 2]")
    (root / "bad.json").write_bytes(codecs.BOM_UTF8 + b'{"sex": }')
    (root / "2027.yaml").write_bytes(b"year: 2027\nholidays: [oops\n")
    (root / "tab.yaml").write_bytes(b"year: 2027\n\tsource: x\n")
    (root / "unreadable.json").write_bytes(b"{}")
    (root / "unreadable.json").chmod(0)
    return {
        "missing": str(root / "missing.json"),
        "dir": str(root / "dir"),
        "empty": str(root / "empty.json"),
        "binary": str(root / "binary.bin"),
        "gbk": str(root / "gbk.json"),
        "list": str(root / "list.json"),
        "bad": str(root / "bad.json"),
        "yaml": str(root / "2027.yaml"),
        "tab": str(root / "tab.yaml"),
        "under a file": str(root / "empty.json" / "x"),
        "long name": str(root / ("x" * 300)),
        "unreadable": str(root / "unreadable.json"),
    }


FILE_KINDS = ["missing", "dir", "empty", "binary", "gbk", "under a file", "long name"]
CASES = [
    *(["check", "25", "--facts", f"@<{kind}>"] for kind in [*FILE_KINDS, "list", "bad"]),
    *(["holidays", "load", f"<{kind}>"] for kind in [*FILE_KINDS, "yaml", "tab"]),
    *(["import-guide", f"<{kind}>"] for kind in ["missing", "dir", "binary", "long name"]),
    ["import-guide", "<empty>", "--out", "<long name>"],
    *(
        ["check", "25", "--facts", text]
        for text in ["{", "{} x", "[", '{"a"', "{'a': 1}", '{"a": 1,}', "", "nul", "\x00"]
    ),
    ["check", "25", "--facts", "{“sex”: “male”}"],
    ["check", "25", "--facts", '{"wage": 1}'],
    ["check", "25", "--facts", '{"sex": "x", "sex": "y"}'],
    ["check", "25", "--facts", '{"below_min_contribution": true}'],
    ["check", "25", "--facts", '{"contribution_months": 1e400}'],
    *(
        ["check", "25", "--facts", "{}", "--on", day]
        for day in ["0001-01-01", "9999-12-31", "", "x", "2026-02-30"]
    ),
    *(["deadline", "1", "--accepted", day] for day in ["0001-01-01", "2026/13/01", "\u200b"]),
    ["deadline", "61", "--accepted", "2026-10-08"],
    ["deadline", "61", "--accepted", "2026-10-08", "--channel", "fax"],
    ["workdays", "2026-10-13", "2026-09-30"],
    ["is-workday", "2100-01-01"],
    ["holidays", "show", "1999"],
    ["holidays", "show", "x"],
    *([cmd, item] for cmd in ["show", "intake-check"] for item in ["", "x", "99", "٢٤", "+24"]),
    ["rules", "--item", "x"],
    ["items", "--category", "x"],
    ["search", ""],
    ["search", "x", "--limit", "x"],
    ["search", "x", "--limit", "0"],
    ["intake-check", "24", "--provided", ",".join(f"材料{n}" for n in range(200))],
    ["retirement", "--birth", "x", "--sex", "male"],
    ["retirement", "--birth", "0001-01", "--sex", "male"],
    ["retirement", "--birth", "1965-05", "--sex", "x"],
    ["retirement", "--birth", "1975-05", "--sex", "female"],
    ["retirement", "--birth", "1975-05", "--sex", "female", "--female-original-age", "60"],
    ["retirement", "--birth", "1965-05", "--sex", "male", "--contribution-months", "-1"],
    [],
    ["serach"],
    ["--foo"],
    ["show"],
    ["show", "1", "2"],
    ["show", "1", "--js"],
    ["check", "1"],
    ["check", "1", "--facts"],
    ["holidays"],
    ["holidays", "save"],
    ["items", "--json=1"],
    ["items", "--json", "--json"],
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: " ".join(case)[:60] or "(nothing)")
def test_hostile_input_gets_one_line_in_chinese_and_exit_2(cli, files, case):
    args = [re.sub(r"<([a-z ]+)>", lambda m: files[m[1]], arg) for arg in case]
    result = cli(*args)
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.startswith("shebao: ") and result.err.count("\n") == 1, result.err
    assert not english_words(result.err, args), result.err


def test_an_unreadable_file_is_said_in_chinese(cli, files):
    if os.access(files["unreadable"], os.R_OK):
        pytest.skip("running as a user who can read any file (root)")
    result = cli("check", "25", "--facts", f"@{files['unreadable']}")
    assert result.code == 2 and result.err.endswith("：没有访问权限\n")


def test_the_filter_itself_catches_pythons_english():
    found = english_words("shebao: 读不到文件 a.json：No such file or directory", ["a.json"])
    assert {"No", "such", "directory"} <= set(found)
    found = english_words("shebao: --facts 不是有效的 JSON（Expecting value）", [])
    assert found == ["Expecting", "value"]
    assert english_words("shebao: 没有命令“serach”；可用的命令：items、show", ["serach"]) == []
