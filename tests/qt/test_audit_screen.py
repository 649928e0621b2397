"""The audit screen, driven by the keyboard (pytest-qt, offscreen): events and details, filters,
lazy paging, verification of the chain (intact, then broken by hand), export, and operators."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from kamarhitung.core.model import Role
from kamarhitung.core.refusal import CodedText
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.main_window import default_screens
from kamarhitung.qt.screens import audit as audit_screen
from kamarhitung.qt.screens.audit import (
    PAGE_SIZE,
    AuditScreen,
    AuditTableModel,
    PageFetcher,
    problem_text,
)
from kamarhitung.services import audit_log
from kamarhitung.services.audit import GENESIS, append_event, event_hash
from kamarhitung.services.audit_log import AuditExport
from kamarhitung.services.common import Actor
from kamarhitung.services.integrity import IntegrityReport
from kamarhitung.services.workspace import Workspace

Key = Qt.Key
Mod = Qt.KeyboardModifier


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail on any modal dialog: results and errors are shown inline."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a modal dialog was opened")

    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QDialog, "open", refuse)
    yield


def make_screen(qtbot: QtBot, ctx: AppContext) -> AuditScreen:
    screen = AuditScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 800)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    return screen


@pytest.fixture
def screen(mixed: Demo, qtbot: QtBot) -> Iterator[AuditScreen]:
    s = make_screen(qtbot, AppContext(mixed.ws, mixed.login("supervisor1")))
    yield s
    s.wait_idle()  # no job may outlive the workspace


def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def press(key: Qt.Key, mod: Qt.KeyboardModifier = Mod.NoModifier) -> None:
    QTest.keyClick(focused(), key, mod)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def shown_users(screen: AuditScreen) -> set[str | None]:
    return {e.user for e in screen.model.events()}


# --- events and details ------------------------------------------------------------------------


def test_the_newest_events_come_first_with_their_details(
    screen: AuditScreen, mixed: Demo, qtbot: QtBot
) -> None:
    sup = mixed.login("supervisor2")  # one more event: the screen has not seen it yet
    total = audit_log.count_events(mixed.ws, sup)
    screen.reload()
    screen.wait_idle()
    model = screen.model
    assert model.rowCount() == min(PAGE_SIZE, total)
    seqs = [e.seq for e in model.events()]
    assert seqs == sorted(seqs, reverse=True) and seqs[0] == total
    first = model.event_at(0)
    assert first is not None and first.action == "login" and first.user == "supervisor2"
    assert model.index(0, audit_screen.COL_ACTION).data() == "Masuk"
    assert model.index(0, audit_screen.COL_OUTCOME).data() == "Berhasil"
    assert model.headerData(audit_screen.COL_USER, Qt.Orientation.Horizontal) == "Pengguna"
    assert f"{total}" in screen._count.text().replace(".", "")  # counted on a worker
    # The reload kept the event that was current (the screen's own login, now second); the
    # keyboard walks the table and the detail pane follows.
    screen.table.setFocus()
    assert focused() is screen.table
    assert screen.table.currentIndex().row() == 1
    press(Key.Key_Up)
    assert screen.current_event() == first
    press(Key.Key_Down)
    press(Key.Key_Down)
    ev = screen.current_event()
    assert ev is not None and ev.seq == seqs[2]
    text = screen.details.toPlainText()
    assert f"Peristiwa {ev.seq}" in text and ev.hash in text and ev.prev_hash in text
    # A readable form: labelled fields, each detail under its own label, no JSON.
    assert "Waktu" in text and "Aksi" in text and "Hasil" in text
    assert "{" not in text and '"' not in text
    if isinstance(ev.details, dict):
        for key in ev.details:
            assert audit_screen.detail_label(str(key)) in text


def test_event_details_are_labelled_fields(screen: AuditScreen, mixed: Demo) -> None:
    """An import's details (a file name, a hash, synthetic) are shown as labelled fields."""
    screen.reload()
    screen.wait_idle()
    model = screen.model
    rows = [r for r in range(model.rowCount()) if (e := model.event_at(r)) and e.details]
    assert rows
    ev = model.event_at(rows[0])
    assert ev is not None and isinstance(ev.details, dict)
    screen.table.selectRow(rows[0])
    text = screen.details.toPlainText()
    for key, value in ev.details.items():
        assert audit_screen.detail_label(str(key)) in text
        if isinstance(value, str):
            assert value in text
    assert ev.details_pretty() not in text or len(ev.details) == 0


def test_the_model_is_a_proper_qt_model(mixed: Demo, qtbot: QtBot) -> None:
    """Through resets and fetchMore under a view (a Qt warning fails the test). The tester is
    connected before the view, which answers a reset by fetching more at once."""
    sup = mixed.login("supervisor1")
    with mixed.ws.store.unit_of_work() as s:
        for i in range(PAGE_SIZE + 5):
            append_event(s, mixed.ws.now(), None, "test.bulk", target=f"n{i}", user_name="bulk")
    model = AuditTableModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()

    def fetcher(flt: audit_log.AuditFilter) -> PageFetcher:
        return lambda cursor, limit: audit_log.query_events(
            mixed.ws, sup, flt, cursor=cursor, limit=limit
        )

    model.reset(fetcher(audit_log.AuditFilter()))
    model.fetch_all()
    assert model.rowCount() == audit_log.count_events(mixed.ws, sup)
    model.reset(fetcher(audit_log.AuditFilter(user="bulk")))
    qtbot.wait(20)
    model.fetch_all()
    assert model.rowCount() == PAGE_SIZE + 5 and not model.canFetchMore()
    model.reset(fetcher(audit_log.AuditFilter(user="nobody")))
    assert model.rowCount() == 0
    model.reset(None)
    assert model.rowCount() == 0 and not model.canFetchMore()
    del tester


def test_filters_by_keyboard(screen: AuditScreen, mixed: Demo, qtbot: QtBot) -> None:
    sup = mixed.login("supervisor1")
    # Alt+P: the user box (its label's mnemonic); type a name, Enter.
    screen.table.setFocus()
    press(Key.Key_P, Mod.AltModifier)
    assert focused() in (screen.user_box, screen.user_box.lineEdit())
    type_text("operator1")
    press(Key.Key_Return)
    screen.model.fetch_all()
    assert shown_users(screen) == {"operator1"}
    want = audit_log.count_events(mixed.ws, sup, audit_log.AuditFilter(user="operator1"))
    assert screen.model.rowCount() == want
    # Alt+A: the action box; a prefix.
    press(Key.Key_A, Mod.AltModifier)
    type_text("entry")
    press(Key.Key_Return)
    screen.model.fetch_all()
    actions = {e.action for e in screen.model.events()}
    assert actions and all(a.startswith("entry") for a in actions)
    # Ctrl+F: the search; typing waits a moment, then filters (no Enter needed).
    press(Key.Key_F, Mod.ControlModifier)
    assert focused() is screen.search
    target = screen.model.events()[0].target
    assert target is not None
    # The code is shown dotted, as printed, and found when typed so.
    shown = screen.model.index(0, audit_screen.COL_TARGET).data()
    assert shown == audit_screen.target_text(target)
    if target.isdigit() and len(target) == 13:
        assert shown.count(".") == 4
    type_text(shown)
    qtbot.waitUntil(lambda: all(e.target == target for e in screen.model.events()), timeout=3000)
    assert screen.model.rowCount() >= 1
    flt = screen.current_filter()
    assert (flt.user, flt.action, flt.text) == ("operator1", "entry", target)
    screen.wait_idle()
    assert screen._count.text().startswith(f"{screen.model.rowCount()} peristiwa cocok")
    # Clearing the user shows every user's entries of that target again.
    press(Key.Key_P, Mod.AltModifier)
    focused_line = screen.user_box.lineEdit()
    assert focused_line is not None
    focused_line.selectAll()
    press(Key.Key_Delete)
    press(Key.Key_Return)
    assert screen.current_filter().user is None


def test_outcome_and_date_filters(screen: AuditScreen, mixed: Demo) -> None:
    with mixed.ws.store.unit_of_work() as s:
        for day, outcome in ((1, "ok"), (2, "refused"), (3, "ok")):
            append_event(
                s,
                datetime(2020, 3, day, 12, 0, tzinfo=UTC),
                None,
                "test.dated",
                target=f"day-{day}",
                outcome=outcome,
                user_name="clock",
            )
    screen.reload()
    screen.wait_idle()  # the filter choices come from a worker
    i = screen.outcome_box.findData("refused")
    assert i > 0 and screen.outcome_box.itemText(i) == "Ditolak"
    screen.outcome_box.setFocus()
    screen.outcome_box.setCurrentIndex(i)
    assert [e.target for e in screen.model.events()] == ["day-2"]
    screen.set_filter(action="test.dated", since=QDate(2020, 3, 2), until=QDate(2020, 3, 2))
    assert [e.target for e in screen.model.events()] == ["day-2"]
    screen.set_filter(action="test.dated", since=QDate(2020, 3, 2))
    assert [e.target for e in screen.model.events()] == ["day-3", "day-2"]
    screen.set_filter(action="test.dated", until=QDate(2020, 3, 1))
    assert [e.target for e in screen.model.events()] == ["day-1"]
    assert screen.since_edit.text() == "tanpa batas"


def test_a_long_trail_loads_a_page_at_a_time(
    screen: AuditScreen, mixed: Demo, qtbot: QtBot
) -> None:
    with mixed.ws.store.unit_of_work() as s:
        for i in range(3 * PAGE_SIZE):
            append_event(s, mixed.ws.now(), None, "test.bulk", target=f"n{i}", user_name="bulk")
    screen.set_filter(user="bulk")
    assert screen.model.rowCount() == PAGE_SIZE and screen.model.canFetchMore()
    screen.table.setFocus()
    for _ in range(4):  # Ctrl+End goes to the last row loaded; the view then asks for more
        press(Key.Key_End, Mod.ControlModifier)
        qtbot.wait(10)
    assert screen.model.rowCount() == 3 * PAGE_SIZE
    assert not screen.model.canFetchMore()
    assert [e.target for e in screen.model.events()][:2] == [
        f"n{3 * PAGE_SIZE - 1}",
        f"n{3 * PAGE_SIZE - 2}",
    ]


# --- verification ---------------------------------------------------------------------------------


def test_verification_says_intact_then_names_a_hand_edit(
    screen: AuditScreen, mixed: Demo, qtbot: QtBot
) -> None:
    screen.table.setFocus()
    with qtbot.waitSignal(screen.sig_verified, timeout=20_000) as blocker:
        press(Key.Key_V, Mod.AltModifier)  # "&Verifikasi rantai"
    report = blocker.args[0] if blocker.args else None
    assert isinstance(report, IntegrityReport) and report.intact
    assert screen.result.text().startswith("Rantai audit utuh:")
    assert f"{report.events}" in screen.result.text().replace(".", "")

    # Someone changes an event with the sqlite3 tool, behind the trigger.
    con = sqlite3.connect(mixed.path / "kamarhitung.sqlite")
    con.execute("DROP TRIGGER audit_event_no_update")
    con.execute("UPDATE audit_event SET target = 'operator9' WHERE seq = 3")
    con.commit()
    con.close()
    with qtbot.waitSignal(screen.sig_verified, timeout=20_000) as blocker:
        screen.verify_button.click()
    report = blocker.args[0] if blocker.args else None
    assert isinstance(report, IntegrityReport) and not report.intact
    text = screen.result.text()
    assert text.startswith("Rantai audit TIDAK utuh. Masalah pertama:")
    assert "Rantai audit putus: peristiwa 3 diubah setelah ditulis." in text
    assert "changed" not in text  # in words, not the service's English


def test_every_integrity_problem_has_indonesian_words(qapp: QApplication) -> None:
    """Problems are worded by their codes (never by matching their English sentences)."""
    samples = [
        CodedText("CHAIN_BROKEN", reason=CodedText("EVENT_MISSING", missing=4, seq=5)),
        CodedText("CHAIN_BROKEN", reason=CodedText("EVENT_UNLINKED", seq=4)),
        CodedText("CHAIN_BROKEN", reason=CodedText("EVENT_CHANGED", seq=4)),
        CodedText("VERSION_CHANGED", id=7, tps="1", contest="bupati", slot=1, version=1),
        CodedText("VERSION_UNRECORDED", id=7, tps="1", contest="bupati", slot=1, version=1),
        CodedText("RECORD_CHANGED", target="1/bupati"),
        CodedText("RECORD_UNRECORDED", target="1/bupati"),
        CodedText("RECORD_MISMATCH", target="1/bupati", seq=9),
        CodedText("RECORD_UNFINALISED", target="1/bupati", seq=9, state="different"),
        CodedText("VECTOR_STALE", target="1/bupati"),
        CodedText("RECORD_STATE_CHANGED", target="1/bupati", state="janggal", derived="none"),
    ]
    for s in samples:
        words = problem_text(s)
        assert words != s and "audit event" not in words and "changed" not in words, s
    assert problem_text(samples[0]) == (
        "Rantai audit putus: peristiwa 4 hilang sebelum peristiwa 5."
    )
    assert "Berbeda" in problem_text(samples[8])
    assert "tanpa keputusan" in problem_text(samples[10])
    assert problem_text("something new") == "something new"


# --- export ---------------------------------------------------------------------------------------


def test_export_writes_a_verifiable_file_and_shows_its_own_event(
    screen: AuditScreen, mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "audit.jsonl"
    with qtbot.waitSignal(screen.sig_exported, timeout=20_000) as blocker:
        screen.export_to(out)
    res = blocker.args[0] if blocker.args else None
    assert isinstance(res, AuditExport)
    prev = GENESIS
    for n, text in enumerate(out.read_text(encoding="utf-8").splitlines(), 1):
        line = json.loads(text)
        body = {k: line[k] for k in ("seq", "at", "user", "role", "action", "target", "outcome")}
        body["details"] = line["details_json"]
        assert line["seq"] == n and line["prev_hash"] == prev
        assert event_hash(prev, body) == line["hash"]
        prev = line["hash"]
    assert "diekspor ke" in screen.result.text()
    # The screen reloaded: the export's own event is at the top.
    top = screen.model.event_at(0)
    assert top is not None and top.action == "audit.export" and top.seq == res.export_seq
    # Exporting over an existing file without the dialog's consent is refused, inline.
    with qtbot.waitSignal(screen.sig_exported, timeout=20_000) as blocker:
        screen.export_to(out)
    assert not isinstance(blocker.args[0] if blocker.args else None, AuditExport)
    assert screen.result.text().startswith("Ekspor gagal:")


# --- operators, language -----------------------------------------------------------------------------


def test_an_operator_sees_why_and_nothing_is_read(
    mixed: Demo, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the trail was read for an operator")

    for name in ("query_events", "count_events", "facets", "export_jsonl"):
        monkeypatch.setattr(audit_log, name, refuse)
    screen = make_screen(qtbot, AppContext(mixed.ws, mixed.login("operator1")))
    assert screen.denied.isVisible() and "supervisor dan admin" in screen.denied.text()
    assert not screen.table.isVisible() and screen.model.rowCount() == 0
    screen.verify_chain()
    screen.export_to(Path("/nonexistent/x.jsonl"))
    screen.reload()
    assert screen.wait_idle()


def test_texts_are_set_again_on_a_language_change(screen: AuditScreen) -> None:
    screen._title.setText("")
    screen.verify_button.setText("")
    QApplication.sendEvent(screen, QEvent(QEvent.Type.LanguageChange))
    assert screen._title.text() == "Log audit"
    assert screen.verify_button.text() == "&Verifikasi rantai"


def test_the_main_window_opens_this_screen_for_supervisors_only(mixed: Demo, qtbot: QtBot) -> None:
    spec = next(s for s in default_screens() if s.key == "audit")
    assert spec.roles == {Role.SUPERVISOR, Role.ADMIN}
    widget = spec.factory(AppContext(mixed.ws, mixed.login("admin")), None)
    qtbot.addWidget(widget)
    assert isinstance(widget, AuditScreen) and widget.model.rowCount() > 0
    widget.wait_idle()
