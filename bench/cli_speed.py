"""Whole-process speed of the CLI: `shebao show 24` and `shebao search 退休`; goal < 300 ms each.

Each command runs as a new process of this Python (sys.executable), as a person at a terminal
would start it, `--runs` times; every round also starts `python -c pass`, so the ratio to a bare
interpreter is measured in the same run. The search runs twice: with a cold cache (the cache
directory emptied before every run, as after an upgrade or a change of data) and a warm one.
Peak memory and CPU time (user + system) are the child's own, from the rusage os.wait4 returns
for it (resource.getrusage(RUSAGE_CHILDREN) would only give the largest child so far); CPU time
varies less than wall time on a busy machine.

Children get their own SHEBAO_CACHE_DIR and PYTHONPYCACHEPREFIX in a temp directory, so the
user's cache and the source tree are left alone; bytecode is allowed (an untimed first run
writes it), as it is for an installed program, even where PYTHONDONTWRITEBYTECODE is set.

Run: python bench/cli_speed.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

GOAL_MS = 300
BASELINE = "python -c pass"
COMMANDS = {
    BASELINE: ["-c", "pass"],
    "shebao show 24": ["-m", "shebao", "show", "24"],
    "shebao search 退休 (cold cache)": ["-m", "shebao", "search", "退休"],
    "shebao search 退休 (warm cache)": ["-m", "shebao", "search", "退休"],
}


def _run(args: list[str], env: dict[str, str], scratch: Path) -> tuple[float, float, float]:
    """Wall time (ms), CPU time (ms) and peak RSS (MB) of one process; a failure stops all."""
    out_path = scratch / "out.txt"
    with out_path.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], stdout=out, stderr=out, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({proc.returncode}):\n{out_path.read_text()[-2000:]}")
    rss = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000, rss


def _pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return text + " " * max(0, width - len(text) - wide)


def _empty(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shebao-bench-") as tmp:
        scratch = Path(tmp)
        cache = scratch / "cache"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"SHEBAO_CACHE_DIR": str(cache), "PYTHONPYCACHEPREFIX": str(scratch / "pyc")}
        _empty(cache)
        for command in COMMANDS.values():  # untimed: writes the bytecode and fills the cache
            _run(command, env, scratch)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
        peaks: dict[str, float] = dict.fromkeys(COMMANDS, 0.0)
        for _ in range(args.runs):
            for name, command in COMMANDS.items():
                if "cold" in name:
                    _empty(cache)
                elapsed, used, rss = _run(command, env, scratch)
                times[name].append(elapsed)
                cpu[name].append(used)
                peaks[name] = max(peaks[name], rss)
    base = statistics.median(times[BASELINE])
    print(f"{args.runs} runs of each, interleaved; {sys.executable} ({sys.version.split()[0]})")
    print(
        f"{_pad('command', 34)} {'median':>9} {'worst':>9} {'× bare':>7} {'CPU':>9} {'peak RSS':>9}"
    )
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"{_pad(name, 34)} {median:6.0f} ms {max(values):6.0f} ms {median / base:6.1f}x "
            f"{statistics.median(cpu[name]):6.0f} ms {peaks[name]:6.0f} MB"
        )
    for name in ("shebao show 24", "shebao search 退休 (warm cache)"):
        met = statistics.median(times[name]) < GOAL_MS
        print(f"goal {name} < {GOAL_MS} ms (median): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
