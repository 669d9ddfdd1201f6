"""`shebao serve`: Granian run in this process, its workers forked as children.

Granian (a Rust HTTP server with a WSGI interface) answers a page from the in-memory page cache
about seven times faster than gunicorn's threaded workers on this 2-core machine (bare WSGI app,
50 clients: 30,600 against 4,460 requests/s; see the note of issue 11), which is what lets item
pages reach a useful share of nginx's throughput. The process is granian's main process:
SIGTERM or Ctrl-C (SIGINT) stops the workers, and no worker outlives it. The application is
loaded once here, before the workers fork: the guide, the search index and Django are shared
copy-on-write, and bad data stops the start with its message instead of failing in each worker.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

THREADS = 4  # requests a worker runs at once in Python; they overlap while waiting on the database
TIMEOUT_SECONDS = 30


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """One process per core: the server's own I/O runs in Rust threads beside Python's."""
    return cpu_count()


@dataclass(frozen=True, slots=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # 0: default_workers()
    threads: int = THREADS


def free_port(host: str) -> int:
    """A port nobody listens on now: `--port 0` (each worker binds the port itself)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _answers(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    return False


def run(config: ServerConfig, on_ready: Callable[[str], None]) -> None:
    """Serve until stopped; `on_ready(url)` is called once the workers answer.

    Call after `shebao.web.store.open_store()`.
    """
    from django.db import connections
    from granian.constants import Interfaces
    from granian.log import LogLevels
    from granian.server import Server

    from shebao.web.core import runtime
    from shebao.web.wsgi import application

    runtime().search_index()  # built once here, shared by every worker
    # The `announce` thread below connects while the workers fork; a connection by host name
    # imports encodings.idna on first use. A worker forked while that import held its module
    # lock inherits the lock held by a thread it does not have, and its first getaddrinfo
    # (the Redis client's) then waits forever: import it here, before any thread or fork.
    importlib.import_module("encodings.idna")
    connections.close_all()  # a connection must never be shared across fork
    # Everything loaded so far lives as long as the process: keep it out of the garbage
    # collector's reach, or a worker's full collection walks it all (about 35 ms here, every
    # few hundred requests, every thread of the worker stalled). It also keeps the pages
    # shared with the main process (the collector writes to what it walks).
    gc.freeze()

    port = config.port or free_port(config.host)
    server = Server(
        "shebao.web.wsgi:application",
        address=config.host,
        port=port,
        interface=Interfaces.WSGI,
        workers=config.workers or default_workers(),
        blocking_threads=config.threads,
        backlog=2048,
        respawn_failed_workers=True,
        workers_kill_timeout=TIMEOUT_SECONDS,
        log_level=LogLevels.warning,
    )

    def announce() -> None:  # from the main process, once a worker accepts connections
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if _answers(config.host, port):
                on_ready(url(config.host, port))
                return
            time.sleep(0.05)

    server.on_startup(lambda: threading.Thread(target=announce, daemon=True).start())
    _stop_workers_on_the_first_signal()
    server.serve(target_loader=lambda _target: application)


def _stop_workers_on_the_first_signal() -> None:
    """A worker ignores SIGINT and stops on the SIGTERM granian's main process sends it.

    Ctrl-C in a terminal sends SIGINT to the whole process group: to the main process, which
    then sends each worker SIGTERM, and to the workers themselves. A worker that got SIGINT
    hung in its shutdown in 3 or 4 of 5 tries here (SIGTERM alone, never), until the kill
    timeout. Workers are forked from this process, and granian looks its worker signal set-up
    up when each worker starts, so the set-up is replaced here, before they fork.
    """
    import signal

    from granian import _signals
    from granian._granian import WorkerSignal

    def set_sync_signals() -> Any:
        event = WorkerSignal()

        def handler(signum: int, frame: Any) -> None:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            event.set()

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides
        signal.signal(signal.SIGTERM, handler)
        return event

    _signals.set_sync_signals = set_sync_signals
