"""Running `shebao` as a separate process, as an operator would, and watching its children."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

SHEBAO = [sys.executable, "-m", "shebao"]
URL = re.compile(r"已在 (http://\S+/) 提供服务")


def environment(**extra: str) -> dict[str, str]:
    """The test process's environment without its data directory or database choice."""
    env = {k: v for k, v in os.environ.items() if k not in ("SHEBAO_DATA_DIR", "DATABASE_URL")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SHEBAO, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment(**env),
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (read from /proc, as ps would)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Server:
    """`shebao serve` started in its own session, so a test can stop it like a terminal does."""

    def __init__(self, *args: str, **env: str) -> None:
        self.process = subprocess.Popen(
            [*SHEBAO, "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(**env),
            start_new_session=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        self.output: list[str] = []

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_until_ready(self, timeout: float = 90) -> str:
        """The URL the server prints once it listens.

        Lines are read by a thread: a select() on the pipe would miss lines already taken into
        the text stream's buffer with an earlier one, and wait for output that never comes.
        """
        assert self.process.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        stream = self.process.stdout

        def pump() -> None:
            for line in iter(stream.readline, ""):
                self.output.append(line)  # everything it prints, before and after it is ready
                lines.put(line)
            lines.put("")

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                break
            if not line:
                break
            if match := URL.search(line):
                return match.group(1)
        self.stop_now()
        err = self.process.stderr.read() if self.process.stderr else ""
        raise AssertionError(f"shebao serve did not start:\n{''.join(self.output)}\n{err}")

    def stop_now(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def close(self) -> None:
        if self.process.poll() is None:
            self.stop_now()
        for stream in (self.process.stdout, self.process.stderr):
            if stream:
                stream.close()


@contextlib.contextmanager
def serving(*args: str, **env: str) -> Iterator[Server]:
    server = Server(*args, **env)
    try:
        yield server
    finally:
        server.close()
