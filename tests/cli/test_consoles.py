"""Output as the user's console and pipes take it: a GBK or ASCII console, a reader that leaves
early, a full disk, a closed stdout. Each runs the real command in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REFUSED = [  # a man born 1960 with 10 months paid: item 25 refused, the text shows ✗
    "check",
    "25",
    "--facts",
    '{"sex": "male", "birth_date": "1960-01-01", "contribution_months": 10}',
    "--on",
    "2025-08-01",
]


def shebao(*args: str, encoding: str | None = None, **kw) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.pop("PYTHONUTF8", None)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "shebao", *args], env=env, timeout=120, check=False, **kw
    )


def test_a_gbk_console_sees_the_refusal_with_a_cross_it_can_show():
    done = shebao(*REFUSED, encoding="gbk")
    assert done.returncode == 0 and done.stderr == b""
    text = done.stdout.decode("gbk")  # every byte is GBK
    assert "不予办理" in text and "  × 违规禁办事项清单第3项" in text


def test_an_ascii_console_sees_escapes_and_plain_symbols_never_a_traceback():
    done = shebao(*REFUSED, encoding="ascii")
    assert done.returncode == 0 and done.stderr == b""
    text = done.stdout.decode("ascii")
    assert "  x \\u8fdd\\u89c4" in text  # ✗ 违规…
    assert "\\u4e0d\\u4e88\\u529e\\u7406" in text  # 不予办理


@pytest.fixture(scope="module")
def item_24() -> dict:
    return json.loads(shebao("show", "24", "--json", encoding="utf-8").stdout.decode("utf-8"))


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_json_on_any_console_is_valid_json_with_the_same_content(encoding, item_24):
    done = shebao("show", "24", "--json", encoding=encoding)
    assert done.returncode == 0 and done.stderr == b""
    assert json.loads(done.stdout.decode(encoding)) == item_24


def test_json_escapes_only_what_the_console_cannot_show():
    data = shebao(*REFUSED, "--json", encoding="gbk").stdout.decode("gbk")
    assert "违规禁办事项清单" in data  # Chinese stays readable on a GBK console


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_an_error_on_a_non_utf8_console_is_one_line_and_exit_2(encoding):
    done = shebao("show", "999", encoding=encoding)
    assert done.returncode == 2 and done.stdout == b""
    err = done.stderr.decode(encoding)
    assert err.count("\n") == 1 and err.startswith("shebao: ") and "Traceback" not in err
    if encoding == "gbk":
        assert "没有编号为 999 的事项" in err


def test_help_on_an_ascii_console_does_not_crash():
    done = shebao("check", "--help", encoding="ascii")
    assert done.returncode == 0 and done.stderr == b"" and b"--facts" in done.stdout


@pytest.mark.parametrize("args", [["items"], ["--help"]])
def test_a_reader_that_leaves_early_ends_the_command_quietly(args):
    """`shebao items | head -1`: the pipe is closed before the command writes anything."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "shebao", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == b""


def test_head_takes_the_first_line_and_nothing_complains():
    done = subprocess.run(
        f"set -o pipefail; '{sys.executable}' -m shebao items | head -1",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode("utf-8").startswith("编号")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["is-workday", "2026-10-01"], ["--version"]])
def test_a_full_disk_is_said_in_one_line(args):
    with open("/dev/full", "wb") as full:
        done = shebao(*args, stdout=full)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert err == "shebao: 结果无法输出：磁盘空间已满\n"


def test_a_closed_stdout_is_said_in_one_line():
    done = shebao("items", stdout=None, pass_fds=(), preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr.decode("utf-8") == "shebao: 结果无法输出：标准输出已关闭\n"


def test_ctrl_c_ends_in_one_line_with_the_usual_status(cli, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("shebao.services.catalog.items", interrupted)
    result = cli("items")
    assert result.code == 130 and result.err == "shebao: 已中断\n"
