"""A station that loses the room's host while keying (127.0.0.1 only): the room is stopped under
it, Ctrl+Enter says the entry is not saved (on the screen and in the status bar), the typed
numbers stay on screen, nothing reaches the host's database; once the host is back, the station
saves by itself and only then says "tersimpan". Every wait is bounded."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kamarhitung.qt import imageload
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens import entry as entry_screen
from kamarhitung.qt.screens.entry import EntryScreen
from kamarhitung.qt.widgets.form_grid import DigitEdit
from kamarhitung.services import accounts, entry, room
from kamarhitung.services.demo import create_demo
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.models import EntryRow, EntryVersionRow, SyntheticImageRow
from kamarhitung.store.pgcluster import free_port

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@dataclass(frozen=True)
class FakePage:
    path: Path
    missing: bool = False


@dataclass
class Room:
    host: Path
    station: Path
    port: int
    creds: dict[str, object]

    def password(self, name: str) -> str:
        users = self.creds["users"]
        assert isinstance(users, list)
        return str(next(u["password"] for u in users if u["name"] == name))


@pytest.fixture
def joined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Room]:
    page = tmp_path / "page.png"
    img = QImage(600, 800, QImage.Format.Format_RGB32)
    img.fill(QColor(245, 245, 240))
    assert img.save(str(page))
    monkeypatch.setattr(imageload, "default_source", lambda _ws, _t, _c: [FakePage(page)])
    monkeypatch.setattr(entry_screen, "RETRY_MS", 300)
    saved = os.environ.pop("KAMARHITUNG_TEST_POSTGRES", None)
    try:
        create_demo(tmp_path / "ws", n_tps=20, seed=7, entries="none")
    finally:
        if saved is not None:
            os.environ["KAMARHITUNG_TEST_POSTGRES"] = saved
    creds = json.loads((tmp_path / "ws" / "demo-credentials.json").read_text())
    r = Room(tmp_path / "ws", tmp_path / "station", free_port(), creds)
    room.make_host(r.host, "admin", r.password("admin"), listen="127.0.0.1", port=r.port)
    try:
        room.serve_detached(r.host)
        code = room.new_code(r.host, "admin", r.password("admin"))
        room.join(r.station, "127.0.0.1", r.port, code.code, name="st1")
        yield r
    finally:
        room.stop(r.host, "admin", r.password("admin"))


def _entries(r: Room, tps_id: str, contest_id: str) -> list[EntryRow]:
    ws = open_workspace(r.host)
    try:
        with ws.store.reading() as s:
            rows = list(
                s.execute(
                    select(EntryRow).where(
                        EntryRow.tps_id == tps_id, EntryRow.contest_id == contest_id
                    )
                ).scalars()
            )
            for row in rows:
                s.expunge(row)
            return rows
    finally:
        ws.close()


def _truth(ws: Workspace, tps_id: str, contest_id: str) -> dict[str, int]:
    with ws.store.reading() as s:
        row = s.get(SyntheticImageRow, (tps_id, contest_id))
        assert row is not None
        return {k: int(v) for k, v in json.loads(row.values_json).items()}


def _open_screen(qtbot: QtBot, ctx: AppContext) -> EntryScreen:
    """The station's entry screen at 1366 × 768, active, with its first form claimed."""
    screen = EntryScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=10_000)
    qtbot.waitUntil(lambda: not screen.busy(), timeout=10_000)
    return screen


def _key_form(screen: EntryScreen, values: dict[str, int]) -> None:
    """Key every field of the form by the keyboard, Enter after each."""
    grid = screen.grid()
    assert grid is not None
    for fid in grid.field_ids():
        w = QApplication.focusWidget()
        assert isinstance(w, DigitEdit) and w.field_id == fid
        QTest.keyClicks(w, str(values[fid]))
        QTest.keyClick(w, Qt.Key.Key_Return)


def test_a_station_that_loses_the_host_keeps_the_form_and_saves_when_it_is_back(
    qtbot: QtBot, joined: Room
) -> None:
    r = joined
    sws = open_workspace(r.station)
    try:
        ctx = AppContext(sws, accounts.authenticate(sws, "operator1", r.password("operator1")))
        said: list[str] = []
        ctx.sig_status.connect(said.append)
        screen = _open_screen(qtbot, ctx)
        kf = screen.current_form()
        grid = screen.grid()
        assert kf is not None and grid is not None
        values = _truth(sws, kf.tps.tps_id, kf.contest_id)
        _key_form(screen, values)
        typed = grid.values()

        # The host goes away under the station.
        room.stop(r.host, "admin", r.password("admin"))
        w = QApplication.focusWidget()
        assert w is not None
        QTest.keyClick(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: screen.unsaved == "finish", timeout=15_000)
        assert "Belum tersimpan" in screen.message() and "tersimpan;" not in screen.message()
        assert any("terputus" in m for m in said)
        assert screen.current_form() is kf and grid.values() == typed  # the draft stays
        qtbot.wait(1_000)  # a few retries against a host that is not there
        assert screen.unsaved == "finish" and screen.current_form() is kf

        # The host comes back (no events run here: the station cannot retry meanwhile).
        room.make_host(r.host, "admin", r.password("admin"), listen="127.0.0.1", port=r.port)
        room.serve_detached(r.host)
        # Never said saved, and not saved: at most the draft of the fields left before.
        before = _entries(r, kf.tps.tps_id, kf.contest_id)
        assert all(e.finished_at is None and e.status != "done" for e in before)
        qtbot.waitUntil(lambda: screen.unsaved is None, timeout=30_000)
        qtbot.waitUntil(lambda: screen.message().startswith("✓"), timeout=10_000)
        assert "tersimpan, entri pertama selesai" in screen.message()
        rows = _entries(r, kf.tps.tps_id, kf.contest_id)
        assert len(rows) == 1 and rows[0].slot == 1 and rows[0].finished_at is not None
        assert json.loads(rows[0].values_json) == {k: v for k, v in typed.items()}
        assert screen.wait_idle()
        screen.image_loader().wait_idle()
        screen.close()
    finally:
        sws.close()


def _finished_versions(r: Room, tps_id: str, contest_id: str) -> int:
    ws = open_workspace(r.host)
    try:
        with ws.store.reading() as s:
            return len(
                s.execute(
                    select(EntryVersionRow).where(
                        EntryVersionRow.tps_id == tps_id,
                        EntryVersionRow.contest_id == contest_id,
                        EntryVersionRow.event == "finished",
                    )
                )
                .scalars()
                .all()
            )
    finally:
        ws.close()


def test_the_host_stopped_in_the_middle_of_a_save(
    qtbot: QtBot, joined: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Enter, and the host goes away while the save is on its way: the window keeps
    working, the typed numbers stay, the status bar says the room is not connected; once the
    host is back the entry is saved exactly once, and "tersimpan" is said only after the host
    has committed it."""
    r = joined
    entered, go = threading.Event(), threading.Event()
    calls: list[int] = []
    real_finish = entry.finish_entry

    def held(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:  # the first try waits until the host is gone
            entered.set()
            assert go.wait(20), "never released"
        return real_finish(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(entry, "finish_entry", held)
    sws = open_workspace(r.station)
    try:
        ctx = AppContext(sws, accounts.authenticate(sws, "operator1", r.password("operator1")))
        said: list[str] = []
        committed_when_said: list[int] = []

        def status(text: str) -> None:
            said.append(text)
            if text.startswith("✓") and kf is not None:  # what the host holds at that moment
                committed_when_said.append(_finished_versions(r, kf.tps.tps_id, kf.contest_id))

        ctx.sig_status.connect(status)
        screen = _open_screen(qtbot, ctx)
        kf = screen.current_form()
        grid = screen.grid()
        assert kf is not None and grid is not None
        values = _truth(sws, kf.tps.tps_id, kf.contest_id)
        _key_form(screen, values)
        typed = grid.values()
        w = QApplication.focusWidget()
        assert w is not None
        QTest.keyClick(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(entered.is_set, timeout=15_000)  # the drafts before it went first
        assert screen.message() == "Menyimpan…"

        room.stop(r.host, "admin", r.password("admin"))  # the host goes away mid-save
        go.set()
        qtbot.waitUntil(lambda: screen.unsaved == "finish", timeout=15_000)
        assert "Belum tersimpan" in screen.message()
        assert any("terputus" in m for m in said)
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        qtbot.wait(1_000)  # retries against a host that is not there, in the background
        timer.stop()
        assert len(ticks) >= 20  # the GUI thread kept running meanwhile
        assert len(calls) >= 2
        assert screen.current_form() is kf and grid.values() == typed
        assert not any(m.startswith("✓") for m in said)

        room.make_host(r.host, "admin", r.password("admin"), listen="127.0.0.1", port=r.port)
        room.serve_detached(r.host)
        assert _finished_versions(r, kf.tps.tps_id, kf.contest_id) == 0
        qtbot.waitUntil(lambda: screen.message().startswith("✓"), timeout=30_000)
        assert "tersimpan, entri pertama selesai" in screen.message()
        assert committed_when_said == [1]  # said once, after the host had it
        qtbot.waitUntil(lambda: screen.current_form() is not kf, timeout=10_000)
        assert screen.wait_idle()
        assert _finished_versions(r, kf.tps.tps_id, kf.contest_id) == 1  # saved exactly once
        rows = _entries(r, kf.tps.tps_id, kf.contest_id)
        assert len(rows) == 1 and rows[0].finished_at is not None
        assert json.loads(rows[0].values_json) == typed
        screen.image_loader().wait_idle()
        screen.close()
    finally:
        sws.close()
