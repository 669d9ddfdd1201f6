"""The process's one Runtime (guide, parameters, calendar, search index), loaded by `ready()`."""

from __future__ import annotations

import threading

from shebao.runtime import Runtime, bootstrap

_runtime: Runtime | None = None
_lock = threading.Lock()


def load() -> Runtime:
    """Build the runtime once per process (a forked worker inherits its parent's)."""
    global _runtime
    with _lock:
        if _runtime is None:
            _runtime = bootstrap()
    return _runtime


def runtime() -> Runtime:
    """The runtime every view and service of the web uses; views never build their own."""
    return _runtime if _runtime is not None else load()
