"""A keying station joined to a room: "finish" to the next form's photo and fields on screen, with
12-megapixel demo photos (≤ 150 ms median), against the same run's single-PC SQLite workspace.

One demo (60 TPS) is made twice from the same seed: one stays a SQLite workspace, the other
becomes a room hosted on 127.0.0.1 that a station folder joins with a code. In each, operator1
keys the demo's true values by keyboard into the real :class:`EntryScreen` (offscreen), reading
each form for a moment first, so the background prefetch has the time it has in real use. The
time runs from the Ctrl+Enter keystroke (which returns at once: the save and the claim run on a
worker) until the next form's fields and photo are painted. Reported: median and p95, and how
many next forms had their photo ready from the prefetch. ``KAMARHITUNG_BENCH_STATION_FORMS``
forms each (default 12); the two stations are open side by side and key a form each in turn,
so the machine's changing load weighs on both alike.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.common import Result

if TYPE_CHECKING:
    from kamarhitung.services.workspace import Workspace


@dataclass
class Keyed:
    """What one keying session measured."""

    switch: list[float] = field(default_factory=list)
    worker: list[float] = field(default_factory=list)
    """Of each switch, the save and the claim on the worker."""
    keys: list[float] = field(default_factory=list)
    prefetched: int = 0


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank; the largest of fewer than 20)."""
    ordered = sorted(values)
    return ordered[round(0.95 * (len(ordered) - 1))]


class Station:
    """One keying station on screen (offscreen): ``ws_dir`` is a SQLite workspace or a station
    folder that joined a room; the operator logs in and the first form is claimed."""

    def __init__(self, ws_dir: Path, user: str, password: str) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication, QMainWindow

        from kamarhitung.qt.app import configure_application
        from kamarhitung.qt.context import AppContext
        from kamarhitung.qt.screens.entry import EntryScreen
        from kamarhitung.services import accounts
        from kamarhitung.services.workspace import open_workspace

        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        configure_application(app)
        self.app = app
        self.ws: Workspace = open_workspace(ws_dir)
        ctx = AppContext(self.ws, accounts.authenticate(self.ws, user, password))
        self.win: QMainWindow = QMainWindow()
        self.win.resize(1600, 950)
        self.screen: EntryScreen = EntryScreen(ctx)
        self.win.setCentralWidget(self.screen)
        self.win.show()
        QTest.qWaitForWindowExposed(self.win)
        assert self.screen.wait_idle(30_000)
        self.screen.image_loader().wait_idle(30_000)
        self.keyed = Keyed()

    def key_one(self) -> None:
        """Key the form on screen by keyboard with its true values, then time Ctrl+Enter until
        the next form's fields and photo are painted."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from kamarhitung.store.models import SyntheticImageRow

        app, screen, out = self.app, self.screen, self.keyed
        self.win.activateWindow()
        screen.setFocus()
        QTest.qWait(300)  # the operator reads the header first
        loader = screen.image_loader()
        loader.wait_idle(30_000)
        kf = screen.current_form()
        assert kf is not None, screen.message()
        grid = screen.grid()
        assert grid is not None
        with self.ws.store.reading() as s:
            row = s.get(SyntheticImageRow, (kf.tps.tps_id, kf.contest_id))
            assert row is not None
            truth = json.loads(row.values_json)
        grid.focus_field(grid.first_missing() or grid.field_ids()[0])
        for fid in grid.field_ids():
            w = app.focusWidget()
            assert w is not None
            for ch in str(truth[fid]):
                t = time.perf_counter()
                QTest.keyClicks(w, ch)
                app.processEvents()
                out.keys.append(time.perf_counter() - t)
            QTest.keyClick(w, Qt.Key.Key_Return)
        QTest.qWait(100)  # a glance at the photo before Ctrl+Enter
        loader.wait_idle(30_000)
        assert screen.wait_idle(30_000)  # the drafts of the fields left
        focus = app.focusWidget()
        assert focus is not None
        if any(f.level == "E" for f in screen.findings()):
            # An inconsistent paper (janggal): the first Ctrl+Enter only asks to look again.
            QTest.keyClick(focus, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            QTest.qWait(100)
        t = time.perf_counter()
        QTest.keyClick(focus, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        deadline = t + 30
        while screen.current_form() is kf and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0003)  # the worker saves and claims; the GUI thread stays free
        assert screen.current_form() is not kf, screen.message()
        screen.viewer().viewport().repaint()
        self.win.repaint()
        out.switch.append(time.perf_counter() - t)
        out.worker.append(screen.last_save_seconds)
        if screen.viewer().page_count() > 0:
            out.prefetched += 1

    def close(self) -> None:
        self.screen.about_to_close()
        self.screen.image_loader().wait_idle(30_000)
        self.win.close()
        self.win.deleteLater()
        self.app.processEvents()
        self.ws.close()


def session(ws_dir: Path, user: str, password: str, n: int) -> Keyed:
    """Open ``ws_dir`` (a SQLite workspace or a station folder) and key ``n`` forms."""
    station = Station(ws_dir, user, password)
    try:
        for _ in range(n):
            station.key_one()
        return station.keyed
    finally:
        station.close()


def run() -> list[Result]:
    from kamarhitung.services import room
    from kamarhitung.services.demo import create_demo
    from kamarhitung.store.pgcluster import free_port

    n = int(os.environ.get("KAMARHITUNG_BENCH_STATION_FORMS", "12"))
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-station-"))
    try:
        single, host, station = tmp / "single", tmp / "host", tmp / "station"
        create_demo(single, n_tps=60, seed=3)
        create_demo(host, n_tps=60, seed=3)
        creds = json.loads((single / "demo-credentials.json").read_text())
        pw = {u["name"]: u["password"] for u in creds["users"]}
        creds_host = json.loads((host / "demo-credentials.json").read_text())
        pw_host = {u["name"]: u["password"] for u in creds_host["users"]}

        port = free_port()
        room.make_host(host, "admin", pw_host["admin"], listen="127.0.0.1", port=port)
        room.serve_detached(host)
        try:
            code = room.new_code(host, "admin", pw_host["admin"]).code
            room.join(station, "127.0.0.1", port, code, name="bench_station")
            # Both stations open side by side, a form on each in turn: the machine's load
            # (shared, changing) weighs on both alike.
            one = Station(single, "operator1", pw["operator1"])
            two = Station(station, "operator1", pw_host["operator1"])
            try:
                for _ in range(n):
                    one.key_one()
                    two.key_one()
            finally:
                one.close()
                two.close()
            base, joined = one.keyed, two.keyed
        finally:
            room.stop(host, "admin", pw_host["admin"])

        def note(k: Keyed, other: Keyed | None) -> str:
            text = (
                f"p95 {p95(k.switch) * 1e3:.0f} ms, max {max(k.switch) * 1e3:.0f} ms over "
                f"{len(k.switch)} forms (save and claim on the worker: median "
                f"{statistics.median(k.worker) * 1e3:.0f} ms); next photo prefetched "
                f"{k.prefetched}/{len(k.switch)}"
            )
            if other is not None:
                ratio = statistics.median(k.switch) / statistics.median(other.switch)
                text += f"; {ratio:.1f}× the single-PC median of this run"
            return text

        return [
            Result(
                "finish → next form on screen, single PC (SQLite, 12 MP)",
                statistics.median(base.switch),
                0.150,
                note(base, None),
            ),
            Result(
                "finish → next form on screen, station in a room on 127.0.0.1 (12 MP)",
                statistics.median(joined.switch),
                0.150,
                note(joined, base),
            ),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
