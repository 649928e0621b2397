"""Timing helpers shared by the benchmarks: medians over repeated runs, and the result table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One measured figure: its median, the target it must reach, and a note (ratios, sizes)."""

    name: str
    median_s: float
    target_s: float | None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target_s is None:
            return ""
        return "ok" if self.median_s <= self.target_s else "MISSED"


def median_time(
    fn: Callable[[], object], repeat: int = 5, setup: Callable[[], object] | None = None
) -> float:
    """Median wall time of ``fn`` over ``repeat`` runs (``setup`` runs untimed before each)."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def fmt_seconds(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def print_table(results: list[Result]) -> None:
    w = max(len(r.name) for r in results)
    print(f"{'figure':<{w}}  {'median':>10}  {'target':>10}  verdict  note")
    print("-" * (w + 50))
    for r in results:
        target = fmt_seconds(r.target_s) if r.target_s is not None else "-"
        print(
            f"{r.name:<{w}}  {fmt_seconds(r.median_s):>10}  {target:>10}  {r.verdict:<7}  {r.note}"
        )
