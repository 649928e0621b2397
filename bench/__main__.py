"""Run every benchmark module (``bench_*.py``) and print one table of medians.

``python -m bench`` runs all; ``python -m bench foundation entry`` runs the named modules only.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench
from bench.common import Result, print_table


def main(argv: list[str]) -> int:
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    wanted = [n for n in names if not argv or n.removeprefix("bench_") in argv]
    results: list[Result] = []
    for name in wanted:
        t0 = time.perf_counter()
        print(f"running {name}…", file=sys.stderr, flush=True)
        mod = importlib.import_module(f"bench.{name}")
        results.extend(mod.run())
        print(f"  {name} took {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    print_table(results)
    return 0 if all(r.verdict != "MISSED" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
