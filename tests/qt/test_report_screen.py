"""The report screen (pytest-qt, offscreen): a preview made from the keyboard, signing with the
passphrase, verifying a PDF, finalising and reopening inline, printing, and a cancellable set of
reports on a worker. Results are checked through the services and the files written."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kamarhitung.core.entry import State
from kamarhitung.core.model import Level, dotted
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens.reports import ReportScreen
from kamarhitung.services import entry, reports
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import AuditEventRow, SyntheticImageRow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
C = "gubernur"


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Routine steps and errors are shown inline: a message box is a failure."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a message box was opened")

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)


def make_screen(qtbot: QtBot, d: Demo, user: str = "supervisor1") -> Iterator[ReportScreen]:
    screen = ReportScreen(AppContext(d.ws, d.login(user)))
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    regions = screen.findChild(type(screen._regions), "reportRegions")
    assert regions is not None
    qtbot.waitUntil(lambda: regions.count() > 0, timeout=20_000)
    yield screen
    qtbot.waitUntil(lambda: not screen.set_running(), timeout=60_000)
    screen._jobs.wait_idle()


@pytest.fixture
def screen(mixed: Demo, qtbot: QtBot) -> Iterator[ReportScreen]:
    yield from make_screen(qtbot, mixed)


def choose(screen: ReportScreen, name: str, data: object) -> None:
    combo = screen.findChild(QComboBox, name)
    assert combo is not None
    combo.setCurrentIndex(combo.findData(data))


def button(screen: ReportScreen, name: str) -> QPushButton:
    b = screen.findChild(QPushButton, name)
    assert b is not None
    return b


def message(screen: ReportScreen) -> str:
    label = screen.findChild(QLabel, "reportMessage")
    assert label is not None
    return label.text()


def generate_by_keyboard(qtbot: QtBot, screen: ReportScreen) -> int:
    with qtbot.waitSignal(screen.sig_preview_ready, timeout=30_000) as blocker:
        QTest.keyClick(QApplication.focusWidget() or screen, Qt.Key.Key_F5)
    pages = blocker.args[0] if blocker.args else 0
    assert isinstance(pages, int)
    return pages


def test_f5_makes_a_preview_of_the_pages(screen: ReportScreen, qtbot: QtBot) -> None:
    pages = generate_by_keyboard(qtbot, screen)
    assert pages >= 2 and screen.page_count() == pages
    first = screen.findChild(QLabel, "reportPage1")
    assert first is not None and first.pixmap().width() > 900
    summary = screen.findChild(QLabel, "reportSummary")
    assert summary is not None and "DRAF" in summary.text()
    result = screen.result()
    assert result is not None and result.request.level == Level.KECAMATAN
    assert result.fingerprint[:4] in summary.text()


def test_kabupaten_annex_on_f4(screen: ReportScreen, qtbot: QtBot) -> None:
    choose(screen, "reportLevel", Level.KABUPATEN)
    qtbot.waitUntil(
        lambda: (st := screen.region_state()) is not None and st.level == Level.KABUPATEN
    )
    choose(screen, "reportKind", screen._kind.itemData(1))
    choose(screen, "reportPaper", "f4")
    generate_by_keyboard(qtbot, screen)
    result = screen.result()
    assert result is not None
    assert result.request.paper == "f4" and result.request.kind.value == "annex"


def test_sign_save_and_verify(
    screen: ReportScreen, mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    generate_by_keyboard(qtbot, screen)
    field = screen.findChild(QLineEdit, "reportPassphrase")
    assert field is not None
    field.setFocus()
    QTest.keyClicks(field, str(mixed.credentials["key_passphrase"]))
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: (r := screen.result()) is not None and r.signed, timeout=30_000)
    assert field.text() == ""  # the passphrase is not kept
    path = tmp_path / "signed.pdf"
    saved: list[bool] = []
    screen.save_to(path, lambda: saved.append(True))
    qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
    assert "Disimpan" in message(screen)
    assert path.read_bytes() == screen.result().pdf  # type: ignore[union-attr]
    done: list[bool] = []
    screen.verify_file(path, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    text = screen.verification_text()
    assert "SAH" in text and "TIDAK SAH" not in text and "KAB-" in text
    data = bytearray(path.read_bytes())
    data[400] ^= 0x01
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(bytes(data))
    done.clear()
    screen.verify_file(broken, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert "TIDAK SAH" in screen.verification_text()


def test_a_wrong_passphrase_is_said_inline(screen: ReportScreen, qtbot: QtBot) -> None:
    generate_by_keyboard(qtbot, screen)
    field = screen.findChild(QLineEdit, "reportPassphrase")
    assert field is not None
    QTest.keyClicks(field, "bukan-frasa-sandinya")
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Frasa sandi salah" in message(screen), timeout=30_000)
    assert "passphrase" not in message(screen)
    assert not screen.result().signed  # type: ignore[union-attr]


def test_print_to_a_pdf_printer_is_audited(
    screen: ReportScreen, mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    generate_by_keyboard(qtbot, screen)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    screen.setup_printer(printer)
    assert screen.print_to(printer)
    assert out.read_bytes().startswith(b"%PDF")
    assert screen._jobs.wait_idle()  # the print is audited through the runner
    with mixed.ws.store.reading() as s:
        details = s.execute(
            select(AuditEventRow.details_json).where(AuditEventRow.action == "report.print")
        ).scalar_one()
    assert json.loads(details)["sha256"] == screen.result().sha256  # type: ignore[union-attr]


def key_final(demo: Demo, qtbot: QtBot, screen: ReportScreen, code: str) -> None:
    """Key every TPS of the kecamatan ``code`` final (twice, janggal accepted)."""
    with demo.ws.store.reading() as s:
        rows = s.execute(
            select(SyntheticImageRow.tps_id, SyntheticImageRow.values_json).where(
                SyntheticImageRow.contest_id == screen.contest_id(),
                SyntheticImageRow.tps_id.startswith(code),
            )
        ).all()
    op1, op2, sup = demo.login("operator1"), demo.login("operator2"), demo.login("supervisor1")
    for tps, values in rows:
        item = {"tps": tps, "contest": screen.contest_id(), "values": json.loads(values)}
        entry.submit_entry(demo.ws, op1, item)
        if entry.submit_entry(demo.ws, op2, item).state == State.JANGGAL:
            entry.accept_janggal(demo.ws, sup, tps, screen.contest_id(), "kertas tidak konsisten")
    screen._ctx.sig_data_changed.emit(Changes.ENTRIES)
    qtbot.waitUntil(lambda: (s := screen.region_state()) is not None and s.complete, timeout=20_000)


def test_finalise_and_reopen_inline(demo: Demo, qtbot: QtBot) -> None:
    it = make_screen(qtbot, demo)
    screen = next(it)
    st = screen.region_state()
    assert st is not None and st.finalisation is None
    finalise = button(screen, "reportFinalise")
    finalise.click()
    qtbot.waitUntil(lambda: not screen.region_busy(), timeout=20_000)
    # Inline, no dialog, and in Indonesian (never the service's English sentence).
    assert f"Kecamatan {dotted(st.code)} masih punya" in message(screen)
    assert "belum final untuk gubernur" in message(screen)
    assert "not final" not in message(screen)
    # Key the kecamatan final, then finalise from the screen.
    key_final(demo, qtbot, screen, st.code)
    finalise.click()
    qtbot.waitUntil(
        lambda: (s := screen.region_state()) is not None and s.finalisation is not None,
        timeout=20_000,
    )
    pages = generate_by_keyboard(qtbot, screen)
    assert pages and not screen.result().draft  # type: ignore[union-attr]
    reopen = button(screen, "reportReopen")
    reason = screen.findChild(QLineEdit, "reportReopenReason")
    assert reason is not None
    assert not reopen.isEnabled()  # a reason is required
    reason.setFocus()
    QTest.keyClicks(reason, "formulir dikoreksi dalam pleno")
    assert reopen.isEnabled()
    QTest.keyClick(reason, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (s := screen.region_state()) is not None and s.finalisation is None, timeout=20_000
    )
    assert "dibuka kembali" in message(screen)
    for _ in it:
        pass


def test_admin_cannot_sign_or_finalise(mixed: Demo, qtbot: QtBot) -> None:
    it = make_screen(qtbot, mixed, "admin")
    screen = next(it)
    generate_by_keyboard(qtbot, screen)
    assert not button(screen, "reportSign").isEnabled()
    assert not button(screen, "reportFinalise").isEnabled()
    for _ in it:
        pass


def test_a_set_of_reports_runs_on_a_worker_and_can_be_cancelled(
    screen: ReportScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    screen.make_set(tmp_path / "set")
    assert screen.set_running()
    qtbot.waitUntil(lambda: not screen.set_running(), timeout=60_000)
    assert "laporan dibuat" in message(screen)
    made = list((tmp_path / "set").glob("*.pdf"))
    assert len(made) >= 4 and any("lampiran-tps" in p.name for p in made)
    screen.make_set(tmp_path / "cancelled")
    screen.cancel_set()
    qtbot.waitUntil(lambda: not screen.set_running(), timeout=60_000)
    assert "dibatalkan" in message(screen)
    assert len(list((tmp_path / "cancelled").glob("*.pdf"))) < len(made)


def test_finalising_keeps_the_window_live(
    demo: Demo, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finalising (the audit check takes seconds at 25,000 TPS) runs off the GUI thread: a timer
    keeps ticking and the region's buttons are disabled until it ends; then the region is final
    and Changes.REGIONS was announced."""
    it = make_screen(qtbot, demo)
    screen = next(it)
    st = screen.region_state()
    assert st is not None
    key_final(demo, qtbot, screen, st.code)
    changes: list[Changes] = []
    screen._ctx.sig_data_changed.connect(changes.append)
    gate = threading.Event()
    real = reports.finalise_region

    def slow(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(reports, "finalise_region", slow)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    finalise = button(screen, "reportFinalise")
    finalise.click()
    assert screen.region_busy() and not finalise.isEnabled()
    assert "Memeriksa jejak audit" in message(screen)
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    assert screen.region_busy() and changes == []
    gate.set()
    qtbot.waitUntil(
        lambda: (s := screen.region_state()) is not None and s.finalisation is not None,
        timeout=20_000,
    )
    assert not screen.region_busy() and "difinalisasi" in message(screen)
    assert Changes.REGIONS in changes
    timer.stop()
    for _ in it:
        pass
