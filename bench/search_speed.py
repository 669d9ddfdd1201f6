"""Search speed: index build time, latency per query (median, p99), peak memory; goal p99 < 2 ms.

Every development question is searched `--repeat` times in-process after the index is built,
as the web app would. The build time includes importing jieba and pypinyin and trimming jieba's
dictionary (a process does it once); a new process normally loads the stored index instead
(shebao.search.cache), timed on the next line. The baseline,
measured in the same run, is the naive name match of bench/search_quality.py: the ratio says
what understanding the question costs.

The questions of our regression sets (long spoken stories, English, questions outside the guide
…, tests/core/search/*.tsv) are timed too, on a line of their own: the goal holds for them as well.

Run: python bench/search_speed.py [PATH_TO_TSV] [--repeat 50]
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_quality import DEFAULT_TSV, SETS, naive_ranker, read_questions

from shebao.runtime import bootstrap
from shebao.search import build_index, search
from shebao.search.cache import load_or_build_index


def _latencies(run: Callable[[str], object], queries: list[str], repeat: int) -> list[float]:
    for query in queries:  # warm caches once, as a long-running server would be
        run(query)
    times = []
    gc.disable()
    try:
        for _ in range(repeat):
            for query in queries:
                start = time.perf_counter()
                run(query)
                times.append((time.perf_counter() - start) * 1000)
    finally:
        gc.enable()
    return sorted(times)


def _p(times: list[float], share: float) -> float:
    return times[min(len(times) - 1, int(len(times) * share))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    if not args.tsv.is_file():
        sys.exit(f"no question file at {args.tsv}")
    queries = [q for q, _ in read_questions(args.tsv)]
    guide = bootstrap().guide
    catalog, vocabulary = guide.catalog, guide.vocabulary

    start = time.perf_counter()
    index = build_index(catalog, vocabulary)
    build = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as cache:  # what a new process does with a stored index
        load_or_build_index(catalog, vocabulary, cache)
        loads = []
        for _ in range(5):
            start = time.perf_counter()
            search(queries[0], load_or_build_index(catalog, vocabulary, cache))
            loads.append(time.perf_counter() - start)

    tracemalloc.start()  # a second build, traced: tracing slows it, so it is not timed
    traced = build_index(catalog, vocabulary)
    held, peak_build = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    for query in queries:
        search(query, traced)
    _, peak_query = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced

    ours = _latencies(lambda q: search(q, index), queries, args.repeat)
    base = _latencies(naive_ranker(), queries, args.repeat)
    ours_sets = [q for path in sorted(SETS.glob("*.tsv")) for q, _ in read_questions(path)]
    sets = _latencies(lambda q: search(q, index), ours_sets, max(1, args.repeat // 10))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = len(ours)
    print(f"{len(queries)} questions × {args.repeat} repeats = {n} searches, in-process")
    print(f"index build: {build * 1000:.0f} ms (catalog loaded; jieba's dictionary trimmed)")
    print(
        "stored index (bench/cli_speed.py: what a new process does) loaded and first question "
        f"answered: {statistics.median(loads) * 1000:.0f} ms"
    )
    print(
        f"shebao search: median {statistics.median(ours):.3f} ms, p99 {_p(ours, 0.99):.3f} ms, "
        f"max {ours[-1]:.3f} ms"
    )
    print(
        f"regression sets ({len(ours_sets)} questions): median {statistics.median(sets):.3f} ms, "
        f"p99 {_p(sets, 0.99):.3f} ms, max {sets[-1]:.3f} ms"
    )
    print(
        f"baseline (name match): median {statistics.median(base):.3f} ms, "
        f"p99 {_p(base, 0.99):.3f} ms"
    )
    print(
        f"ratio shebao/baseline (median): {statistics.median(ours) / statistics.median(base):.0f}x"
    )
    print(
        f"memory (tracemalloc): index held {held / 1e6:.1f} MB, peak while building "
        f"{peak_build / 1e6:.1f} MB, extra while searching {(peak_query - held) / 1e6:.2f} MB; "
        f"process max RSS {rss:.0f} MB"
    )
    met = _p(ours, 0.99) < 2 and _p(sets, 0.99) < 2
    print(f"goal p99 < 2 ms: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
