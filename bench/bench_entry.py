"""The keying station's figures, offscreen with 12-megapixel demo photos: "finish" to the next
form's photo and fields on screen (≤ 150 ms median) and a keystroke to the field updated
(≤ 16 ms). An operator keys the demo's true values by keyboard, reading each form for a moment
first, so the background prefetch has the time it has in real use. The save and the claim run on
a worker: the time runs from the Ctrl+Enter keystroke until the next form is painted
(:func:`bench.bench_station.key_forms`; ``bench_station`` compares a station in a room)."""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
from pathlib import Path

from bench.bench_station import p95, session
from bench.common import Result


def run() -> list[Result]:
    from kamarhitung.services.demo import create_demo

    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-entry-"))
    try:
        create_demo(tmp / "ws", n_tps=60, seed=3)
        creds = json.loads((tmp / "ws" / "demo-credentials.json").read_text())
        pw = next(u["password"] for u in creds["users"] if u["name"] == "operator1")
        keyed = session(tmp / "ws", "operator1", pw, 8)
        switch, keys = keyed.switch, keyed.keys
        return [
            Result(
                "finish → next form's photo and fields on screen (12 MP)",
                statistics.median(switch),
                0.150,
                f"p95 {p95(switch) * 1e3:.0f} ms, max {max(switch) * 1e3:.0f} ms over "
                f"{len(switch)} forms; next photo prefetched {keyed.prefetched}/{len(switch)}",
            ),
            Result(
                "keystroke → field updated",
                statistics.median(keys),
                0.016,
                f"p95 {p95(keys) * 1e3:.1f} ms over {len(keys)} keys",
            ),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
