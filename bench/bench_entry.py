"""The keying station's figures, offscreen with 12-megapixel demo photos: "finish" to the next
form's photo and fields on screen (≤ 150 ms median) and a keystroke to the field updated
(≤ 16 ms). An operator keys the demo's true values by keyboard, reading each form for a moment
first, so the background prefetch has the time it has in real use."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import Result


def run() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow

    from kamarhitung.qt.app import configure_application
    from kamarhitung.qt.context import AppContext
    from kamarhitung.qt.screens.entry import EntryScreen
    from kamarhitung.services import accounts
    from kamarhitung.services.demo import create_demo
    from kamarhitung.services.workspace import open_workspace
    from kamarhitung.store.models import SyntheticImageRow

    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-entry-"))
    try:
        create_demo(tmp / "ws", n_tps=60, seed=3)
        creds = json.loads((tmp / "ws" / "demo-credentials.json").read_text())
        pw = next(u["password"] for u in creds["users"] if u["name"] == "operator1")
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        configure_application(app)
        ws = open_workspace(tmp / "ws")
        ctx = AppContext(ws, accounts.authenticate(ws, "operator1", pw))
        win = QMainWindow()
        win.resize(1600, 950)
        screen = EntryScreen(ctx)
        win.setCentralWidget(screen)
        win.show()
        QTest.qWaitForWindowExposed(win)
        loader = screen.image_loader()
        loader.wait_idle(30_000)
        switch: list[float] = []
        keys: list[float] = []
        for _ in range(8):
            QTest.qWait(300)  # the operator reads the header first
            loader.wait_idle(30_000)
            kf = screen.current_form()
            assert kf is not None
            with ws.store.reading() as s:
                row = s.get(SyntheticImageRow, (kf.tps.tps_id, kf.contest_id))
                assert row is not None
                truth = json.loads(row.values_json)
            grid = screen.grid()
            assert grid is not None
            for fid in grid.field_ids():
                w = QApplication.focusWidget()
                assert w is not None
                for ch in str(truth[fid]):
                    t = time.perf_counter()
                    QTest.keyClicks(w, ch)
                    app.processEvents()
                    keys.append(time.perf_counter() - t)
                QTest.keyClick(w, Qt.Key.Key_Return)
            loader.wait_idle(30_000)
            focus = QApplication.focusWidget()
            assert focus is not None
            t = time.perf_counter()
            QTest.keyClick(focus, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            app.processEvents()
            screen.viewer().viewport().repaint()
            win.repaint()
            switch.append(time.perf_counter() - t)
        win.close()
        ws.close()
        med_key = statistics.median(keys)
        keys.sort()
        return [
            Result(
                "finish → next form's photo and fields on screen (12 MP)",
                statistics.median(switch),
                0.150,
                f"max {max(switch) * 1e3:.0f} ms over {len(switch)} forms",
            ),
            Result(
                "keystroke → field updated",
                med_key,
                0.016,
                f"p95 {keys[int(len(keys) * 0.95)] * 1e3:.1f} ms over {len(keys)} keys",
            ),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
