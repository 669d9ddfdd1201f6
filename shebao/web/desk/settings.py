"""The desk's settings read from the environment, imported by Django's settings (so nothing
here imports Django)."""

from __future__ import annotations

import datetime as dt
import os

from shebao.errors import ShebaoError

DEFAULT_FAILURES = 5
DEFAULT_MINUTES = 15


def _positive(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ShebaoError(f"{name} 应为正整数，收到“{text}”")
    return int(text)


def failure_limit() -> int:
    return _positive("SHEBAO_LOGIN_FAILURES", DEFAULT_FAILURES)


def lock_time() -> dt.timedelta:
    return dt.timedelta(minutes=_positive("SHEBAO_LOGIN_LOCK_MINUTES", DEFAULT_MINUTES))
