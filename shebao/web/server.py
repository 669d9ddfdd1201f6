"""`shebao serve`: gunicorn run in this process, its workers forked as children.

The process becomes gunicorn's arbiter: SIGTERM stops the workers gracefully (requests in
flight may finish within `GRACEFUL_SECONDS`), Ctrl-C (SIGINT) stops them at once; either way
no worker outlives it. The application is loaded once here, before the workers fork: the
guide, the search index and Django are shared copy-on-write, a worker starts in
milliseconds, and bad data stops the start with its message instead of failing in each
worker.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication

THREADS = 4  # requests a worker holds at once; they overlap while waiting on the database
GRACEFUL_SECONDS = 10
TIMEOUT_SECONDS = 30


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """One process per core for the Python work, plus one to cover a worker waiting on I/O."""
    return cpu_count() + 1


@dataclass(frozen=True, slots=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # 0: default_workers()
    threads: int = THREADS

    def bind(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


class _Gunicorn(BaseApplication):
    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__(prog="shebao serve")

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def run(config: ServerConfig, on_ready: Callable[[str], None]) -> None:
    """Serve until stopped; `on_ready(url)` is called once the socket listens.

    Call after `shebao.web.store.open_store()`. Exits the process (gunicorn's arbiter ends
    with SystemExit) when the server stops.
    """
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    from shebao.web.core import runtime

    application = get_wsgi_application()
    runtime().search_index()  # built once here, shared by every worker
    connections.close_all()  # a connection must never be shared across fork
    # Everything loaded so far lives as long as the process: keep it out of the garbage
    # collector's reach, or a worker's full collection walks it all (about 35 ms here, every
    # few hundred requests, every thread of the worker stalled: the p99 of bench/http.py).
    # It also keeps the pages shared with the arbiter (the collector writes to what it walks).
    gc.freeze()

    def when_ready(arbiter: Any) -> None:
        on_ready(", ".join(_url(listener) for listener in arbiter.LISTENERS))

    options = {
        "bind": [config.bind()],
        "workers": config.workers or default_workers(),
        "worker_class": "gthread",
        "threads": config.threads,
        "preload_app": True,
        "timeout": TIMEOUT_SECONDS,
        "graceful_timeout": GRACEFUL_SECONDS,
        "keepalive": 5,
        "proc_name": "shebao",
        "control_socket_disable": True,  # its default path is shared by every gunicorn of a user
        "when_ready": when_ready,
    }
    _Gunicorn(application, options).run()


def _url(listener: Any) -> str:
    host, port = listener.sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
