"""Loading the whole catalog from its data files: goal under 200 ms.

Prints the median and worst of repeated cold loads (the user's cache of parsed files turned
off: every file re-read, re-parsed and re-validated), and, as baselines measured in the same
run, the same load with PyYAML's pure-Python loader (what a machine without libyaml would do)
and a warm load (the catalog found in the cache, as most processes do).

Run: python bench/catalog_load.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc

import yaml

from shebao import cachefiles, datafiles
from shebao.guide import DATA_ROOT, load_catalog_from
from shebao.guide.loader import load_catalog_cached


def _time_loads(repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        catalog = load_catalog_from(DATA_ROOT / "dalian")
        times.append((time.perf_counter() - start) * 1000)
    assert len(catalog.items) == 84
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    os.environ[cachefiles.OFF_VAR] = "off"  # cold: nothing from the cache
    fast = _time_loads(args.repeat)
    tracemalloc.start()
    load_catalog_from(DATA_ROOT / "dalian")
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()

    original = datafiles.strict_loader

    class PurePythonStrict(yaml.SafeLoader):  # the same reading, minus libyaml and key checks
        yaml_implicit_resolvers = original().yaml_implicit_resolvers

    datafiles.strict_loader = lambda: PurePythonStrict  # type: ignore[assignment]
    try:
        slow = _time_loads(max(3, args.repeat // 4))
    finally:
        datafiles.strict_loader = original  # type: ignore[assignment]

    del os.environ[cachefiles.OFF_VAR]
    load_catalog_cached(DATA_ROOT / "dalian")  # stored, if it was not
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        load_catalog_cached(DATA_ROOT / "dalian")
        warm.append((time.perf_counter() - start) * 1000)

    median = statistics.median(fast)
    base = original().__mro__[1].__name__
    print(f"catalog load (libyaml, {base}): median {median:.1f} ms, ", end="")
    print(f"worst {max(fast):.1f} ms over {len(fast)} loads; peak memory {peak:.1f} MB")
    print(f"baseline (pure-Python SafeLoader):       median {statistics.median(slow):.1f} ms")
    print(f"warm (catalog from the user's cache):     median {statistics.median(warm):.1f} ms")
    print(f"ratio baseline/ours: {statistics.median(slow) / statistics.median(fast):.1f}x; "
          f"goal < 200 ms: {'met' if max(fast) < 200 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
