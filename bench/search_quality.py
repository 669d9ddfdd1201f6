"""Search quality on the development questions: top-1, top-3 and MRR, beside a naive baseline.

Two baselines run in the same command: what the official portals do, keep the items whose name
contains the question (exact substring); and a kinder one that falls back to the question's
longest piece found in a name.

Run: python bench/search_quality.py [PATH_TO_TSV] [--show-misses]
Default TSV: ../shared/eval/search_dev.tsv relative to the repository.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from shebao.runtime import bootstrap
from shebao.search import search

RT = bootstrap()

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TSV = REPO.parent / "shared" / "eval" / "search_dev.tsv"

Ranker = Callable[[str], list[int]]


def read_questions(path: Path) -> list[tuple[str, set[int]]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if n == 0 or not line.strip():
            continue  # header
        query, expected = line.split("\t")
        rows.append((query, {int(x) for x in expected.split(",")}))
    return rows


def naive_ranker(pieces: bool = True) -> Ranker:
    """Name matching: the whole question in a name, else (with `pieces`) its longest piece."""
    names = {no: item.name for no, item in RT.catalog.items.items()}

    def rank(query: str) -> list[int]:
        query = query.strip()
        shortest = 1 if pieces else len(query) - 1
        for size in range(len(query), shortest, -1):
            for i in range(len(query) - size + 1):
                piece = query[i : i + size]
                hits = [no for no, name in names.items() if piece in name]
                if hits:
                    return hits
        return []

    return rank


def shebao_ranker(query: str) -> list[int]:
    return [r.no for r in search(query, RT.search_index(), limit=10)]


def evaluate(rank: Ranker, rows: list[tuple[str, set[int]]]) -> tuple[dict[str, float], list]:
    top1 = top3 = rr = 0.0
    misses = []
    for query, want in rows:
        got = rank(query)
        position = next((i for i, no in enumerate(got, 1) if no in want), None)
        top1 += position == 1
        top3 += position is not None and position <= 3
        rr += 1 / position if position else 0.0
        if position != 1:
            misses.append((query, sorted(want), got[:3]))
    n = len(rows)
    return {"top1": top1 / n, "top3": top3 / n, "mrr": rr / n}, misses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--show-misses", action="store_true", help="list questions not ranked 1st")
    args = parser.parse_args()
    if not args.tsv.is_file():
        sys.exit(f"no question file at {args.tsv}")
    rows = read_questions(args.tsv)

    start = time.perf_counter()
    RT.search_index()
    build = time.perf_counter() - start
    ours, misses = evaluate(shebao_ranker, rows)
    exact, _ = evaluate(naive_ranker(pieces=False), rows)
    base, _ = evaluate(naive_ranker(), rows)

    print(f"{len(rows)} questions from {args.tsv} (index built in {build:.2f} s)")
    print(f"{'':30}{'top-1':>8}{'top-3':>8}{'MRR':>8}")
    for label, m in (
        ("shebao search", ours),
        ("baseline: question in a name", exact),
        ("baseline: longest piece", base),
    ):
        print(f"{label:30}{m['top1']:>8.1%}{m['top3']:>8.1%}{m['mrr']:>8.3f}")
    ratios = [ours[k] / base[k] if base[k] else float("inf") for k in ("top1", "top3", "mrr")]
    print(f"{'ratio shebao/longest piece':30}" + "".join(f"{r:>7.1f}x" for r in ratios))
    met = ours["top1"] >= 0.85 and ours["top3"] >= 0.95
    print(f"goal top-1 ≥ 85%, top-3 ≥ 95%: {'met' if met else 'NOT met'}")
    if args.show_misses:
        for query, want, got in misses:
            print(f"  miss: {query}  want {want}  got {got}")


if __name__ == "__main__":
    main()
