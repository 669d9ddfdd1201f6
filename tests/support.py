"""What many tests share: one runtime over the packaged data, built once per test process."""

from __future__ import annotations

from functools import cache

from shebao.runtime import Runtime, bootstrap


@cache
def runtime() -> Runtime:
    """The packaged guide, parameters and calendar (tests that load files use their own)."""
    return bootstrap()
