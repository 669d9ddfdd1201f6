"""Search results as JSON-ready dicts (`shebao search --json`, `GET /api/search`)."""

from __future__ import annotations

from typing import Any

from shebao.search import Result


def result_dict(r: Result) -> dict[str, Any]:
    return {"no": r.no, "name": r.name, "score": r.score, "why": list(r.why)}
