"""A supervisor marks a repeat vote from a TPS's detail, by keyboard."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kamarhitung.core.recap import STATES
from kamarhitung.qt import imageload
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens.dashboard import TpsDetail
from kamarhitung.qt.widgets.repeat_dialog import RepeatVoteDialog
from kamarhitung.services import repeat
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor
from kamarhitung.services.recap import load_recap
from kamarhitung.services.repeat import repeat_votes
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import RecordRow

Key = Qt.Key


class Demo(Protocol):
    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


def test_mark_a_repeat_vote_by_keyboard(
    mixed: Demo, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imageload, "default_source", lambda _ws, _t, _c: [])  # no photo needed
    ws = mixed.ws
    contest = ws.contest("gubernur")
    recap = load_recap(ws, "gubernur")
    pos = next(i for i, s in enumerate(recap.states) if STATES[int(s)] == "final")
    tps = recap.tree.tps_ids[pos]
    ctx = AppContext(ws, mixed.login("supervisor1"))
    statuses: list[str] = []
    ctx.sig_status.connect(statuses.append)
    detail = TpsDetail(ctx)
    qtbot.addWidget(detail)
    detail.resize(1200, 800)
    detail.show()
    detail.load(recap, pos, contest)
    assert detail.repeat_button.isVisible()
    detail.repeat_button.setFocus()
    QTest.keyClick(detail.repeat_button, Key.Key_Space)
    dialog = detail.repeat_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.kind)
    # Kind: PSU is first; Tab to the reference, the reason; Enter with no reason is refused inline.
    QTest.keyClick(dialog.kind, Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.reference
    QTest.keyClicks(dialog.reference, "Keputusan KPU Kab. No. 88/2024")
    QTest.keyClick(dialog.reference, Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.saving())
    assert dialog.isVisible() and dialog.error.text() == "Pemungutan suara ulang memerlukan alasan."
    assert QApplication.focusWidget() is dialog.reference
    QTest.keyClick(dialog.reference, Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.reason
    QTest.keyClicks(dialog.reason, "kotak suara dibuka di luar prosedur")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):  # recorded through the runner
        QTest.keyClick(dialog.reason, Key.Key_Return)
    (rv,) = repeat_votes(ws, "gubernur")
    assert (rv.tps_id, rv.kind, rv.reference) == (tps, "PSU", "Keputusan KPU Kab. No. 88/2024")
    with ws.store.reading() as s:
        rec = s.get(RecordRow, (tps, "gubernur"))
        assert rec is not None and rec.state == "empty"
    assert statuses and "PSU" in statuses[-1]
    detail.wait_idle()


def test_recording_keeps_the_gui_live(
    mixed: Demo, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repeat vote is recorded off the GUI thread: a timer ticks and "Catat" is disabled
    meanwhile; then the dialog closes and Changes.ENTRIES is announced."""
    ws = mixed.ws
    recap = load_recap(ws, "gubernur")
    pos = next(i for i, s in enumerate(recap.states) if STATES[int(s)] == "final")
    tps = recap.tree.tps_ids[pos]
    ctx = AppContext(ws, mixed.login("supervisor1"))
    changes: list[Changes] = []
    ctx.sig_data_changed.connect(changes.append)
    gate = threading.Event()
    real = repeat.mark_repeat_vote

    def slow(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(repeat, "mark_repeat_vote", slow)
    dialog = RepeatVoteDialog(ctx, tps, "gubernur")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    dialog.reference.setText("Keputusan KPU Kab. No. 90/2024")
    dialog.reason.setText("kotak suara rusak")
    dialog.reason.setFocus()
    QTest.keyClick(dialog.reason, Key.Key_Return)
    assert dialog.saving() and dialog._ok is not None and not dialog._ok.isEnabled()
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    assert dialog.isVisible() and changes == [] and repeat_votes(ws, "gubernur") == []
    gate.set()
    qtbot.waitUntil(lambda: not dialog.saving(), timeout=10_000)
    assert dialog.error.text() == "" and dialog.result_vote is not None
    qtbot.waitUntil(lambda: changes == [Changes.ENTRIES])
    assert [rv.tps_id for rv in repeat_votes(ws, "gubernur")] == [tps]
    timer.stop()
