"""Search quality: top-1, top-3 and MRR on the development questions beside a naive baseline,
then the same figures for each of our regression sets (tests/core/search/*.tsv).

Two baselines run in the same command: what the official portals do, keep the items whose name
contains the question (exact substring); and a kinder one that falls back to the question's
longest piece found in a name.

A set whose expected answer is `-` (questions the guide does not cover) is scored as the share
of questions answered honestly: no item given as the answer (related items may follow, marked).

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
SETS = REPO / "tests" / "core" / "search"
DEFAULT_TSV = REPO.parent / "shared" / "eval" / "search_dev.tsv"

Ranker = Callable[[str], list[int]]


def read_questions(path: Path) -> list[tuple[str, set[int]]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if n == 0 or not line.strip():
            continue  # header
        query, expected = line.split("\t")
        rows.append((query, set() if expected == "-" else {int(x) for x in expected.split(",")}))
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
    """Items given as the answer (not those shown only as related)."""
    results = search(query, RT.search_index(), limit=10)
    return [r.no for r in results if not getattr(r, "related", False)]


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
    print_sets(args.show_misses)


def print_sets(show_misses: bool) -> None:
    """Each regression set: top-1 and top-3 (or, for questions outside the guide, honesty)."""
    print(f"\n{'regression set':34}{'n':>5}{'top-1':>8}{'top-3':>8}{'MRR':>8}")
    for path in sorted(SETS.glob("*.tsv")):
        rows = read_questions(path)
        outside = [(q, w) for q, w in rows if not w]
        inside = [(q, w) for q, w in rows if w]
        if inside:
            m, misses = evaluate(shebao_ranker, inside)
            print(
                f"{path.stem:34}{len(inside):>5}{m['top1']:>8.1%}{m['top3']:>8.1%}{m['mrr']:>8.3f}"
            )
            for query, want, got in misses if show_misses else []:
                print(f"  miss: {query}  want {want}  got {got}")
        if outside:
            wrong = [(q, shebao_ranker(q)[:3]) for q, _ in outside]
            wrong = [(q, got) for q, got in wrong if got]
            honest = 1 - len(wrong) / len(outside)
            print(f"{path.stem + ' (no answer)':34}{len(outside):>5}{'honest':>8}{honest:>8.1%}")
            for query, got in wrong if show_misses else []:
                print(f"  answered: {query}  got {got}")


if __name__ == "__main__":
    main()
