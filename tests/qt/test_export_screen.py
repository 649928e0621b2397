"""The export screen (pytest-qt, offscreen): the key status, a bundle exported from the keyboard
on a worker with its result (sequence, fingerprints as the paper prints them) and history, the
inline errors (wrong passphrase, no certificate, a full drive, cancelled), and a new key with its
certificate request installed back through the keys panel."""

from __future__ import annotations

import errno
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
)
from pytestqt.qtbot import QtBot

from kamarhitung.core import keys as k
from kamarhitung.core.report import fingerprint_groups, fingerprint_of
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens.export import ExportOutcome, ExportScreen
from kamarhitung.qt.screens.keys import short_key
from kamarhitung.services import bundle, keys, province, reports
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Errors are shown inline: a message box is a failure."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a message box was opened")

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)


def make_screen(qtbot: QtBot, d: Demo, user: str = "supervisor1") -> Iterator[ExportScreen]:
    screen = ExportScreen(AppContext(d.ws, d.login(user)))
    qtbot.addWidget(screen)
    screen.resize(1500, 950)
    screen.show()
    qtbot.waitExposed(screen)
    screen.wait_idle()
    yield screen
    qtbot.waitUntil(lambda: not screen.export_running(), timeout=30_000)
    screen.wait_idle()


@pytest.fixture
def screen(mixed: Demo, qtbot: QtBot) -> Iterator[ExportScreen]:
    yield from make_screen(qtbot, mixed)


def export(qtbot: QtBot, screen: ExportScreen, folder: Path, passphrase: str) -> object:
    with qtbot.waitSignal(screen.sig_export_finished, timeout=30_000) as blocker:
        assert screen.export_to(folder, passphrase)
    return blocker.args[0] if blocker.args else None


def paper_fingerprint(d: Demo, contest: str) -> str:
    """The fingerprint printed on the kabupaten's D.HASIL recap: the real report's."""
    actor = d.login("supervisor1")
    req = reports.make_request(d.ws, "recap", contest, "kabupaten")
    return fingerprint_of(reports.build_report(d.ws, actor, req))


def test_the_status_shows_the_installed_certificate(screen: ExportScreen, mixed: Demo) -> None:
    text = screen.keys_panel.status_text()
    code = mixed.ws.meta()["kabupaten_code"]
    assert f"KAB-{code}" in text and "terpasang" in text
    recipient = (mixed.path / "demo-province" / "recipient.txt").read_text().strip()
    assert short_key(recipient) in text
    label = screen.keys_panel.findChild(QLabel, "keysStatus")
    assert label is not None and recipient in label.toolTip()
    assert "Daftar pencabutan (CRL): terbit" in text


def test_export_from_the_keyboard_shows_the_result_and_the_history(
    screen: ExportScreen, mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    folder = screen.findChild(QLineEdit, "exportFolder")
    field = screen.findChild(QLineEdit, "exportPassphrase")
    assert folder is not None and field is not None
    folder.setText(str(out))
    field.setFocus()
    QTest.keyClicks(field, str(mixed.credentials["key_passphrase"]))
    with qtbot.waitSignal(screen.sig_export_finished, timeout=30_000) as blocker:
        QTest.keyClick(field, Qt.Key.Key_Return)
    outcome = blocker.args[0]
    assert isinstance(outcome, ExportOutcome), outcome
    assert field.text() == ""  # the passphrase is not kept
    r = outcome.result
    assert r.path.parent == out and r.path.exists() and r.path.stat().st_size == r.size
    assert [p.name for p in out.iterdir()] == [r.path.name]  # no partial file left
    text = screen.result_text()
    assert "Urutan: 1" in text and r.path.name in text and r.sha256 in text
    assert {c.contest for c in outcome.contests} == {c.id for c in mixed.ws.contests()}
    for c in outcome.contests:
        assert c.paper == paper_fingerprint(mixed, c.contest)  # what the paper prints
        assert c.paper is not None
        for fp in (c.paper, c.recap):
            for g in fingerprint_groups(fp):
                assert f">{g}</tt>" in text
    # The bundle opens with the province's keys and carries the same summary.
    pdir = mixed.path / "demo-province"
    vb = bundle.verify_bundle(
        r.path,
        bundle.load_identities((pdir / "identity.age").read_bytes(), None, what="id"),
        k.load_certificate((pdir / "ca.pem").read_bytes(), what="ca"),
        k.load_crl((pdir / "crl.pem").read_bytes(), what="crl"),
        now=mixed.ws.clock.now(),
    )
    assert vb.manifest.sequence == 1
    assert {c: s.fingerprint for c, s in vb.manifest.summary.items()} == {
        c.contest: c.recap for c in outcome.contests
    }
    # The history lists it (from the audit trail).
    table = screen.findChild(QTableWidget, "exportHistory")
    assert table is not None
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10_000)
    item = table.item(0, 1)
    assert item is not None and item.text() == r.path.name
    # A second export has the next sequence (in another folder: names hold the second).
    out2 = tmp_path / "usb2"
    out2.mkdir()
    second = export(qtbot, screen, out2, str(mixed.credentials["key_passphrase"]))
    assert isinstance(second, ExportOutcome) and second.result.sequence == 2
    assert "Urutan: 2" in screen.result_text()


def test_a_wrong_passphrase_is_said_inline(
    screen: ExportScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    e = export(qtbot, screen, out, "not the passphrase at all")
    assert isinstance(e, Exception)
    assert "Frasa sandi salah" in screen.message_text()
    assert list(out.iterdir()) == []
    assert screen.outcome() is None


def test_without_a_certificate_nothing_starts(
    screen: ExportScreen, mixed: Demo, tmp_path: Path
) -> None:
    (mixed.path / "keys" / "cert.pem").unlink()
    screen.keys_panel.refresh()
    assert "belum dipasang" in screen.keys_panel.status_text()
    assert not screen.export_to(tmp_path, str(mixed.credentials["key_passphrase"]))
    assert "Sertifikat belum dipasang" in screen.message_text()
    assert not screen.export_running()


def test_a_full_drive_is_said_inline_and_leaves_nothing(
    screen: ExportScreen,
    mixed: Demo,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def full(path: Path) -> Full:
        path.write_bytes(b"")
        return Full()

    monkeypatch.setattr(bundle, "_open_output", full)
    out = tmp_path / "usb"
    out.mkdir()
    e = export(qtbot, screen, out, str(mixed.credentials["key_passphrase"]))
    assert isinstance(e, bundle.ExportError)
    assert "Ruang di drive tujuan tidak cukup" in screen.message_text()
    assert list(out.iterdir()) == []
    table = screen.findChild(QTableWidget, "exportHistory")
    assert table is not None
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10_000)
    cell = table.item(0, 6)
    assert cell is not None and cell.text().startswith("gagal")


def test_an_export_can_be_cancelled(
    screen: ExportScreen, mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    with qtbot.waitSignal(screen.sig_export_finished, timeout=30_000):
        assert screen.export_to(out, str(mixed.credentials["key_passphrase"]))
        assert screen.export_running()
        screen.cancel_export()
    assert "dibatalkan" in screen.message_text()
    assert list(out.iterdir()) == []


def test_closing_the_window_stops_a_running_export(
    screen: ExportScreen, mixed: Demo, tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    assert screen.export_to(out, str(mixed.credentials["key_passphrase"]))
    screen.about_to_close()
    assert not screen.export_running()
    assert [p for p in out.iterdir() if p.name.startswith(".")] == []  # no partial file


def test_a_new_key_and_its_certificate_through_the_panel(
    screen: ExportScreen, mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = screen.keys_panel
    panel.work_factor = k.DEMO_WORK_FACTOR
    pw = "a new key passphrase"
    assert not panel.generate_key(pw, pw + "x", tmp_path / "req.csr")
    assert "berbeda" in panel.message_text()
    assert not panel.generate_key(pw, pw, tmp_path / "req.csr")  # a key exists
    assert "sudah punya kunci" in panel.message_text()
    assert panel.generate_key(pw, pw, tmp_path / "req.csr", replace=True)
    qtbot.waitUntil(lambda: "Kunci dibuat" in panel.message_text(), timeout=20_000)
    assert (tmp_path / "req.csr").read_bytes() == (mixed.path / "keys/request.csr").read_bytes()
    assert "belum dipasang" in panel.status_text()
    # The province issues the certificate; the kabupaten installs the four files.
    pdir = mixed.path / "demo-province"
    issued = province.issue(
        pdir,
        (tmp_path / "req.csr").read_bytes(),
        str(mixed.credentials["province_ca_passphrase"]),
        now=mixed.ws.clock.now(),
    )
    (tmp_path / "cert.pem").write_bytes(issued.pem)
    panel.install_files(
        tmp_path / "cert.pem", pdir / "ca.pem", pdir / "crl.pem", pdir / "recipient.txt"
    )
    qtbot.waitUntil(lambda: "terpasang" in panel.message_text(), timeout=20_000)
    assert issued.serial in panel.status_text()
    # The new key exports; the old passphrase no longer opens anything.
    out = tmp_path / "out"
    out.mkdir()
    assert isinstance(export(qtbot, screen, out, pw), ExportOutcome)
    assert isinstance(
        export(qtbot, screen, out, str(mixed.credentials["key_passphrase"])), Exception
    )


def test_making_a_key_keeps_the_window_live_and_announces_keys(
    screen: ExportScreen, mixed: Demo, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key is made through the panel's runner: a timer ticks and the button is disabled
    while it runs; then the request is written and Changes.KEYS announced (the export screen's
    own refresh hangs on it)."""
    panel = screen.keys_panel
    panel.work_factor = k.DEMO_WORK_FACTOR
    changes: list[Changes] = []
    screen._ctx.sig_data_changed.connect(changes.append)
    gate = threading.Event()
    real = keys.generate_key

    def slow(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(keys, "generate_key", slow)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    pw = "a new key passphrase"
    assert panel.generate_key(pw, pw, tmp_path / "req.csr", replace=True)
    button = panel.findChild(QPushButton, "keysGenerate")
    assert button is not None and not button.isEnabled() and panel.busy()
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    assert changes == [] and not (tmp_path / "req.csr").exists()
    gate.set()
    qtbot.waitUntil(lambda: "Kunci dibuat" in panel.message_text(), timeout=20_000)
    assert button.isEnabled() and (tmp_path / "req.csr").is_file()
    qtbot.waitUntil(lambda: Changes.KEYS in changes)
    assert changes == [Changes.KEYS]
    timer.stop()


def test_a_certificate_from_another_ca_is_refused_inline(
    screen: ExportScreen, mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    pdir = mixed.path / "demo-province"
    panel = screen.keys_panel
    # cert.pem is the workspace's own, but "ca.pem" here is not its issuer: the CRL is signed
    # by the real CA, the CA given is a copy of the certificate itself.
    cert = mixed.path / "keys" / "cert.pem"
    panel.install_files(cert, cert, pdir / "crl.pem", pdir / "recipient.txt")
    qtbot.waitUntil(lambda: "tidak cocok" in panel.message_text(), timeout=20_000)
    # In Indonesian from its code; the file is named as it is spelled.
    assert "ca.pem bukan sertifikat CA" in panel.message_text()


def test_texts_are_set_again_on_a_language_change(screen: ExportScreen) -> None:
    run = screen.findChild(QPushButton, "exportRun")
    assert run is not None
    run.setText("")
    screen.keys_panel.setTitle("")
    QApplication.sendEvent(screen, QEvent(QEvent.Type.LanguageChange))
    QApplication.sendEvent(screen.keys_panel, QEvent(QEvent.Type.LanguageChange))
    assert run.text() == "Ekspor bundel (Ctrl+E)"
    assert screen.keys_panel.title() == "Kunci dan sertifikat kamar hitung"
    assert "Belum ada ekspor" in screen.result_text()
