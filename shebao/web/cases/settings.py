"""The cases' settings read from the environment (imported by the settings: no Django here)."""

from __future__ import annotations

from shebao.errors import ShebaoError

DEFAULT_LIMITS = {"address": (20, 600), "number": (5, 3600)}


def lookup_limits(text: str | None) -> dict[str, tuple[int, int]]:
    """`SHEBAO_LOOKUP_LIMITS`: "failures/seconds" per address, then per case number.

    >>> lookup_limits("30/600, 5/3600")
    {'address': (30, 600), 'number': (5, 3600)}
    >>> lookup_limits(None) == DEFAULT_LIMITS
    True
    """
    if not text or not text.strip():
        return dict(DEFAULT_LIMITS)
    parts = [p.strip() for p in text.split(",")]
    try:
        pairs = [tuple(int(n) for n in part.split("/")) for part in parts]
    except ValueError:
        pairs = []
    if len(pairs) != 2 or any(len(p) != 2 or min(p) < 1 for p in pairs):
        raise ShebaoError(
            f"SHEBAO_LOOKUP_LIMITS 应为“次数/秒数,次数/秒数”（每个地址，每个办件编号），"
            f"如 20/600,5/3600；收到“{text}”"
        )
    return {"address": pairs[0], "number": pairs[1]}  # type: ignore[dict-item]


def trusted_proxies(text: str | None) -> int:
    """`SHEBAO_TRUSTED_PROXIES`: how many proxies stand in front of the server (default 0)."""
    if not text or not text.strip():
        return 0
    if not (text.strip().isdigit() and int(text) <= 10):
        raise ShebaoError(f"SHEBAO_TRUSTED_PROXIES 应为 0—10 的整数，收到“{text}”")
    return int(text)
