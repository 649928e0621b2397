"""The images screen: import through ``import_paths``, assign an unmatched image, release a claim."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Protocol

import pytest
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kamarhitung.core.entry import State
from kamarhitung.core.model import dotted
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens.images import ImagesScreen, normalize_tps, refusal_text
from kamarhitung.services import entry, images
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import TpsRow


class Demo(Protocol):
    """The ``demo`` fixture of conftest: a copied demo workspace and its users."""

    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


def first_tps(demo: Demo) -> list[str]:
    with demo.ws.store.reading() as s:
        return list(s.execute(select(TpsRow.id).order_by(TpsRow.id).limit(2)).scalars())


def make_folder(root: Path, tps_id: str) -> Path:
    folder = root / "foto"
    folder.mkdir()
    Image.new("RGB", (60, 80), (200, 190, 170)).save(folder / f"C1-{dotted(tps_id)}.jpg", "JPEG")
    Image.new("RGB", (80, 60), (120, 140, 160)).save(folder / "IMG_0001.jpg", "JPEG")
    (folder / "rusak.jpg").write_bytes(os.urandom(2048))
    return folder


def screen(qtbot: QtBot, demo: Demo, user: str) -> tuple[ImagesScreen, AppContext]:
    ctx = AppContext(demo.ws, demo.login(user))
    w = ImagesScreen(ctx)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    return w, ctx


def test_import_summary_then_assign_by_keyboard(qtbot: QtBot, demo: Demo, tmp_path: Path) -> None:
    t1, t2 = first_tps(demo)
    folder = make_folder(tmp_path, t1)
    w, ctx = screen(qtbot, demo, "operator1")
    changes: list[Changes] = []
    ctx.sig_data_changed.connect(changes.append)
    assert w.unmatched == []

    assert w.import_paths([folder])
    qtbot.waitUntil(lambda: not w.is_importing(), timeout=15_000)
    rep = w.last_report
    assert rep is not None
    assert (rep.files, len(rep.imported), len(rep.unmatched), len(rep.refused)) == (3, 1, 1, 1)
    text = w.summary.text()
    assert "3 berkas" in text and "1 diimpor" in text and "1 belum cocok" in text
    assert "1 ditolak" in text
    assert w.refused_list.isVisibleTo(w) and w.refused_list.count() == 1
    refused = w.refused_list.item(0).text()
    assert refused.startswith("rusak.jpg: ")
    assert refused.endswith(refusal_text(rep.refused[0].code, rep.refused[0].reason))
    assert changes == [Changes.IMAGES]

    assert [im.file_name for im in w.unmatched] == ["IMG_0001.jpg"]
    name, by = w.unmatched_table.item(0, 0), w.unmatched_table.item(0, 2)
    assert name is not None and name.text() == "IMG_0001.jpg"
    assert by is not None and by.text() == "operator1"
    qtbot.waitUntil(lambda: w.preview.pixmap() is not None and not w.preview.pixmap().isNull())

    # The example code in the TPS field is one of this workspace's TPS (its own kabupaten).
    kab = dotted(t2)[:5]
    assert w.tps_edit.placeholderText().startswith(kab)

    # Keyboard: the list, Enter to the TPS field, an unknown TPS, then the right one.
    w.unmatched_table.setFocus()
    QTest.keyClick(w.unmatched_table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is w.tps_edit
    QTest.keyClicks(w.tps_edit, "99.99.99.9999.999")
    QTest.keyClick(w.tps_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "tidak dikenal" in w.assign_error.text())
    assert QApplication.focusWidget() is w.tps_edit
    assert len(w.unmatched) == 1
    w.tps_edit.clear()
    QTest.keyClicks(w.tps_edit, dotted(t2))
    QTest.keyClick(w.tps_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.is_assigning())
    assert w.assign_error.text() == ""
    assert w.unmatched == [] and w.unmatched_table.rowCount() == 0
    placed = images.tps_images(demo.ws, t2)
    assert [im.file_name for im in placed] == ["IMG_0001.jpg"]
    assert Changes.IMAGES in changes[-1]
    w.wait_idle()


def test_operator_has_no_claims_panel(qtbot: QtBot, demo: Demo) -> None:
    w, _ctx = screen(qtbot, demo, "operator1")
    assert not w.claims_box.isVisibleTo(w)
    assert w.claims == []
    assert normalize_tps("35.78.01.1001.001") == "3578011001001"
    assert normalize_tps("3578") is None
    assert refusal_text("no_such_code", "english reason") == "english reason"


def test_supervisor_releases_a_claim_by_keyboard(qtbot: QtBot, demo: Demo) -> None:
    t1, _ = first_tps(demo)
    contest = demo.ws.contests()[0].id
    entry.claim_form(demo.ws, demo.login("operator1"), t1, contest)
    w, _ctx = screen(qtbot, demo, "supervisor1")
    assert w.claims_box.isVisibleTo(w)
    assert [(q.tps_id, q.contest_id, q.state) for q in w.claims] == [
        (t1, contest, State.FIRST_IN_PROGRESS)
    ]
    w.claims_table.setFocus()
    QTest.keyClick(w.claims_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.is_releasing())
    assert w.claims == [] and w.claims_table.rowCount() == 0
    assert "dilepaskan" in w.claims_message.text()
    states = entry.status(demo.ws)[contest]["states"]
    assert isinstance(states, dict)
    assert states[State.FIRST_IN_PROGRESS.value] == 0
    assert [
        q.tps_id for q in entry.queue(demo.ws, demo.login("supervisor1"), contest, [State.EMPTY])
    ].count(t1) == 1
    w.wait_idle()


def test_assign_and_release_run_off_the_gui_thread(
    qtbot: QtBot, demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a slow assignment or release runs, the GUI keeps processing events (a timer ticks)
    and the button is disabled; released, the result shows and the Changes are announced."""
    t1, t2 = first_tps(demo)
    contest = demo.ws.contests()[0].id
    w, ctx = screen(qtbot, demo, "supervisor1")
    assert w.import_paths([make_folder(tmp_path, t1)])
    qtbot.waitUntil(lambda: not w.is_importing(), timeout=15_000)
    assert len(w.unmatched) == 1
    changes: list[Changes] = []
    ctx.sig_data_changed.connect(changes.append)

    gate = threading.Event()
    real_assign, real_release = images.assign_image, entry.release_claim

    def slow_assign(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(10)
        return real_assign(*args, **kwargs)

    def slow_release(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(10)
        return real_release(*args, **kwargs)

    monkeypatch.setattr(images, "assign_image", slow_assign)
    monkeypatch.setattr(entry, "release_claim", slow_release)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)

    w.tps_edit.setText(dotted(t2))
    assert w.assign_selected()
    assert w.is_assigning() and not w.assign_button.isEnabled()
    assert not w.assign_selected()  # no second assignment while the first runs
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the GUI thread is not blocked
    assert w.is_assigning() and len(w.unmatched) == 1 and changes == []
    gate.set()
    qtbot.waitUntil(lambda: not w.is_assigning(), timeout=10_000)
    assert w.unmatched == [] and w.assign_error.text() == ""
    assert [im.file_name for im in images.tps_images(demo.ws, t2)] == ["IMG_0001.jpg"]
    assert changes == [Changes.IMAGES]

    gate.clear()
    entry.claim_form(demo.ws, demo.login("operator1"), t1, contest)
    w.refresh()
    assert len(w.claims) == 1
    w.claims_table.setFocus()
    QTest.keyClick(w.claims_table, Qt.Key.Key_Return)
    assert w.is_releasing() and not w.release_button.isEnabled()
    n = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= n + 5)
    assert w.is_releasing() and len(w.claims) == 1
    gate.set()
    qtbot.waitUntil(lambda: not w.is_releasing(), timeout=10_000)
    assert w.claims == [] and "dilepaskan" in w.claims_message.text()
    assert changes == [Changes.IMAGES, Changes.ENTRIES]
    timer.stop()
    w.wait_idle()
