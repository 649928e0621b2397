"""Opening a 25,000-TPS workspace to a usable window (≤ 2 s), measured in a fresh process each time
(interpreter start and imports included), against a bare ``python -c "import PySide6.QtWidgets"``
process start measured in the same run."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Result
from kamarhitung.services import accounts
from kamarhitung.services.demo import demo_master
from kamarhitung.services.workspace import create_workspace

N_TPS = 25_000
PASSWORD = "bench-open-1"

# Run in the child: build the main window exactly as the program does, wait until it has painted.
CHILD = r"""
import sys, time
t0 = float(sys.argv[2])
from PySide6.QtWidgets import QApplication
from kamarhitung.qt.app import build_main_window
w = build_main_window(["--workspace", sys.argv[1], "--user", "admin"])
assert w is not None
app = QApplication.instance()
w.show()
app.processEvents()
w.grab()  # forces a full paint of the window as the user first sees it
print(time.time() - t0)
"""


def _child_seconds(ws: Path) -> float:
    env = dict(os.environ, KAMARHITUNG_PASSWORD=PASSWORD, QT_QPA_PLATFORM="offscreen")
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ws), repr(t0)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out.strip().splitlines()[-1])


def run() -> list[Result]:
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-open-"))
    try:
        ws = create_workspace(tmp / "ws", demo_master(N_TPS, 4), election="bench")
        accounts.create_first_admin(ws, "admin", PASSWORD)
        ws.close()
        times = [_child_seconds(tmp / "ws") for _ in range(5)]
        base = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets"], check=True)
            base.append(time.perf_counter() - t0)
        med = statistics.median(times)
        floor = statistics.median(base)
        return [
            Result(
                "open a 25,000-TPS workspace to a usable window (new process)",
                med,
                2.0,
                f"{med / floor:.1f}× a bare 'import PySide6.QtWidgets' process ({floor:.2f} s)",
            )
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
