"""The room in the GUI, driven from the keyboard on 127.0.0.1 only: Berkas → Ruangan… makes a
small demo a room host off the GUI thread (the window reopens on the room), a join code is shown
with its QR code, a station joins from "Gabung ke ruangan", the host lists it with its user, the
status bars say connected, and after the stop button the station's status bar says the
connection is lost. Every wait is bounded."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from kamarhitung.qt.app import Launcher
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.main_window import MainWindow
from kamarhitung.qt.room import JoinDialog, RoomDialog, qr_modules
from kamarhitung.qt.settings import Settings
from kamarhitung.services import accounts, room
from kamarhitung.services.demo import create_demo
from kamarhitung.services.workspace import open_workspace
from kamarhitung.store.pgcluster import free_port

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

HOSTING_S = 180
"""The longest a room may take to open here (initdb and the move of a 20-TPS demo)."""


@pytest.fixture
def small_demo(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    saved = os.environ.pop("KAMARHITUNG_TEST_POSTGRES", None)
    try:
        create_demo(tmp_path / "ws", n_tps=20, seed=5, entries="mixed")
    finally:
        if saved is not None:
            os.environ["KAMARHITUNG_TEST_POSTGRES"] = saved
    creds = json.loads((tmp_path / "ws" / "demo-credentials.json").read_text())
    password = next(u["password"] for u in creds["users"] if u["name"] == "admin")
    try:
        yield tmp_path / "ws", str(password)
    finally:
        if room.is_host(tmp_path / "ws"):
            room.stop(tmp_path / "ws", "admin", str(password))


def test_qr_modules_are_a_square_code() -> None:
    m = qr_modules("R5ED-7DSV-BM7W-HUE5-744F-64QP")
    assert len(m) >= 21 and all(len(row) == len(m) for row in m)
    assert any(any(row) for row in m)


def test_a_single_pc_room_dialog_offers_loopback_and_no_status(
    qtbot: QtBot, small_demo: tuple[Path, str], tmp_path: Path
) -> None:
    path, password = small_demo
    ws = open_workspace(path)
    try:
        actor = accounts.authenticate(ws, "admin", password)
        w = MainWindow(AppContext(ws, actor), settings=Settings.at(tmp_path / "s.ini"))
        qtbot.addWidget(w)
        assert not w.room_status.isVisibleTo(w)
        d = w.show_room()
        addresses = [d.listen.itemData(i) for i in range(d.listen.count())]
        assert "127.0.0.1" in addresses and "0.0.0.0" not in addresses
        assert d.host_button.isVisibleTo(d) and not d.stop_button.isVisibleTo(d)
        # A wrong password: refused in Indonesian, nothing moved.
        QTest.keyClicks(d.password, "salah")
        d.listen.setCurrentIndex(addresses.index("127.0.0.1"))
        d.port.setValue(free_port())
        d.host_button.setFocus()
        QTest.keyClick(d.host_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not d._bg.busy(), timeout=30_000)
        assert "kata sandi" in d.message.text().lower(), d.message.text()
        assert not room.is_host(path)
        assert (path / "kamarhitung.sqlite").is_file()
        d.close()
        w.close()
    finally:
        ws.close()


def test_host_code_join_status_and_stop_from_the_gui(
    qtbot: QtBot, small_demo: tuple[Path, str], tmp_path: Path, qapp: QApplication
) -> None:
    path, password = small_demo
    launcher = Launcher(Settings.at(tmp_path / "s.ini"))
    ws = open_workspace(path)
    window = launcher.open_window(ws, accounts.authenticate(ws, "admin", password))
    d = window.show_room()
    QTest.keyClicks(d.password, password)
    addresses = [d.listen.itemData(i) for i in range(d.listen.count())]
    d.listen.setCurrentIndex(addresses.index("127.0.0.1"))
    port = free_port()
    d.port.setValue(port)
    d.host_button.setFocus()
    QTest.keyClick(d.host_button, Qt.Key.Key_Space)
    assert not d.host_button.isEnabled()  # hosting runs off the GUI thread
    # The window reopens on the room and shows the room dialog there.
    qtbot.waitUntil(
        lambda: any(x is not window for x in launcher.windows) or not d._bg.busy(),
        timeout=HOSTING_S * 1000,
    )
    assert any(x is not window for x in launcher.windows), (
        d.message.text(),
        window.statusBar().currentMessage(),
    )
    host_window = next(x for x in launcher.windows if x is not window)
    assert room.is_host(path) and host_window.ctx.ws.store.is_room
    dialogs = [c for c in host_window.findChildren(RoomDialog)]
    assert len(dialogs) == 1
    hd = dialogs[0]
    assert hd.stop_button.isVisibleTo(hd) and not hd.host_button.isVisibleTo(hd)
    qtbot.waitUntil(lambda: "127.0.0.1" in hd.address.text(), timeout=30_000)
    qtbot.waitUntil(lambda: host_window.room_status.connected is True, timeout=30_000)
    assert f"127.0.0.1:{port}" in host_window.room_status.text()

    # A join code, also as a QR code.
    hd.code_button.setFocus()
    QTest.keyClick(hd.code_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(hd.code.text()), timeout=30_000)
    code = hd.code.text()
    assert hd.qr.modules == qr_modules(code)

    # A station joins with it, from the keyboard.
    jd = JoinDialog(tmp_path / "station")
    qtbot.addWidget(jd)
    jd.show()
    QTest.keyClicks(jd.host, "127.0.0.1")
    jd.port.setValue(port)
    QTest.keyClicks(jd.code, code)
    QTest.keyClick(jd.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: jd.joined is not None or jd.buttons.isEnabled(), timeout=60_000)
    assert jd.result() == QDialog.DialogCode.Accepted, jd.message.text()
    assert jd.joined == tmp_path / "station"
    sws = open_workspace(tmp_path / "station")
    try:
        operator = accounts.authenticate(sws, "operator1", _password(path, "operator1"))
        sw = MainWindow(AppContext(sws, operator), settings=Settings.at(tmp_path / "s2.ini"))
        qtbot.addWidget(sw)
        qtbot.waitUntil(lambda: sw.room_status.connected is True, timeout=30_000)
        assert "terhubung" in sw.room_status.text()
        # A first connection is not news: nothing says "connected again".
        assert "Terhubung lagi" not in sw.statusBar().currentMessage()
        # The host lists the station with who is logged in and when it was last seen.
        hd.refresh()
        qtbot.waitUntil(lambda: hd.stations.rowCount() == 1, timeout=30_000)

        def user_shown() -> bool:
            item = hd.stations.item(0, 2)
            if item is None or item.text() != "operator1":
                hd.refresh()
                return False
            return True

        qtbot.waitUntil(user_shown, timeout=30_000)
        seen = hd.stations.item(0, 3)
        assert seen is not None and seen.text() != "—"

        # Stop: the station's status bar says the connection is lost.
        hd.stop_button.setFocus()
        QTest.keyClick(hd.stop_button, Qt.Key.Key_Space)
        qtbot.waitUntil(
            lambda: not hd.stop_button.isEnabled() and not hd._bg.busy(), timeout=90_000
        )
        assert "(berhenti)" in hd.address.text() or hd.address.text() == ""
        sw.room_status.check()
        qtbot.waitUntil(lambda: sw.room_status.connected is False, timeout=30_000)
        assert "terputus" in sw.room_status.text()
        assert "terputus" in sw.statusBar().currentMessage()
        sw.close()
    finally:
        sws.close()
    hd.close()
    host_window.close()


def _password(path: Path, name: str) -> str:
    creds = json.loads((path / "demo-credentials.json").read_text())
    return str(next(u["password"] for u in creds["users"] if u["name"] == name))


def test_the_start_dialog_offers_to_join_a_room(qtbot: QtBot, tmp_path: Path) -> None:
    from kamarhitung.qt.login import StartDialog

    start = StartDialog(Settings.at(tmp_path / "s.ini"))
    qtbot.addWidget(start)
    assert start.join_button.text() == "Gabung ke ruangan…"
    jd = start.join_room()
    assert jd.folder.text()
    QTest.keyClicks(jd.host, "127.0.0.1")
    jd.port.setValue(free_port())  # nothing listens there
    QTest.keyClicks(jd.code, "BUKAN-KODE")
    jd.folder.setText(str(tmp_path / "st"))
    QTest.keyClick(jd.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: jd.buttons.isEnabled() and bool(jd.message.text()), timeout=30_000)
    assert jd.joined is None and jd.isVisible()
    assert not (tmp_path / "st" / "room.json").exists()
    jd.reject()
