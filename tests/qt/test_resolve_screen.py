"""The resolution screen, driven by the keyboard only (pytest-qt, offscreen).

Every key goes to the widget that has the focus, as a supervisor's keyboard would; the results are
checked through the services (and, for the attribution of each difference, the resolution table).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kamarhitung.core.entry import State, attribute
from kamarhitung.core.validation import has_errors, validate
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens.resolve import DifferencePanel, ResolutionScreen
from kamarhitung.qt.widgets.image_viewer import ImageViewer
from kamarhitung.services import entry
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor
from kamarhitung.services.entry import QueueItem, ResolutionView
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import ResolutionRow, SyntheticImageRow

Key = Qt.Key
Mod = Qt.KeyboardModifier


class Demo(Protocol):
    """The ``mixed`` fixture of conftest.py: a copied demo workspace and its users."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


# --- helpers ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail on any modal dialog: routine steps and errors are shown inline."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a modal dialog was opened")

    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QDialog, "open", refuse)
    yield
    assert QApplication.activeModalWidget() is None
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


def make_screen(qtbot: QtBot, ctx: AppContext) -> ResolutionScreen:
    screen = ResolutionScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return screen


@pytest.fixture
def supervisor(mixed: Demo) -> Actor:
    return mixed.login("supervisor1")


@pytest.fixture
def screen(mixed: Demo, supervisor: Actor, qtbot: QtBot) -> Iterator[ResolutionScreen]:
    s = make_screen(qtbot, AppContext(mixed.ws, supervisor))
    yield s
    s.wait_for_images()  # no photo load may outlive the workspace


def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def press(key: Qt.Key, mod: Qt.KeyboardModifier = Mod.NoModifier) -> None:
    """One key (with modifiers) to whatever has the focus; shortcuts fire as for a real key."""
    QTest.keyClick(focused(), key, mod)


def save(qtbot: QtBot, screen: ResolutionScreen, key: Qt.Key, mod: Qt.KeyboardModifier) -> None:
    """A key that saves (Ctrl+Enter, Ctrl+K): the save runs through the runner; wait for it."""
    press(key, mod)
    qtbot.waitUntil(lambda: not screen.saving(), timeout=10_000)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def queue_keys(screen: ResolutionScreen) -> list[tuple[str, str]]:
    tree = screen.findChild(QTreeWidget, "queue")
    assert tree is not None
    out = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        assert item is not None
        out.append(tuple(item.data(0, Qt.ItemDataRole.UserRole)))
    return out


def open_in_queue(qtbot: QtBot, screen: ResolutionScreen, key: tuple[str, str]) -> None:
    """Walk the queue with Down until the form is current, then Enter."""
    tree = screen.findChild(QTreeWidget, "queue")
    assert tree is not None and focused() is tree
    for _ in range(tree.topLevelItemCount()):
        current = tree.currentItem()
        assert current is not None
        if tuple(current.data(0, Qt.ItemDataRole.UserRole)) == key:
            break
        press(Key.Key_Down)
    press(Key.Key_Return)
    title = screen.findChild(QLabel, "formTitle")
    assert title is not None and title.isVisible()


def truth(demo: Demo, tps: str, contest: str) -> dict[str, int]:
    """What is written on the demo's photo (tests may read the store)."""
    with demo.ws.store.reading() as s:
        row = s.execute(
            select(SyntheticImageRow).where(
                SyntheticImageRow.tps_id == tps, SyntheticImageRow.contest_id == contest
            )
        ).scalar_one()
        values: dict[str, int] = json.loads(row.values_json)
    return values


def views(demo: Demo, actor: Actor, state: State) -> list[tuple[QueueItem, ResolutionView]]:
    return [
        (q, entry.resolution_view(demo.ws, actor, q.tps_id, q.contest_id))
        for q in entry.queue(demo.ws, actor, None, [state])
    ]


def texts(root: QWidget, *, visible_only: bool = True) -> str:
    """Every text a person could read on the screen now (or could, once shown)."""
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if visible_only and not w.isVisible():
            continue
        out.append(w.toolTip())
        if isinstance(w, QLabel):
            out.append(re.sub(r"<[^>]*>", "", w.text()))  # as read: rich text without its tags
        elif isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        if isinstance(w, QTreeWidget):
            for i in range(w.topLevelItemCount()):
                item = w.topLevelItem(i)
                assert item is not None
                out += [item.text(c) for c in range(w.columnCount())]
        elif isinstance(w, QTableWidget):
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    cell = w.item(r, c)
                    out.append(cell.text() if cell else "")
        elif isinstance(w, QListWidget):
            out += [w.item(i).text() for i in range(w.count())]
    return "\n".join(out)


def shows_number(text: str, n: int) -> bool:
    return re.search(rf"(?<![\d.]){n}(?![\d.])", text) is not None


def error_text(screen: ResolutionScreen, name: str) -> str:
    label = screen.findChild(QLabel, name)
    assert label is not None
    return label.text() if label.isVisible() else ""


# --- the queue --------------------------------------------------------------------------------


def test_queue_lists_what_the_service_returns(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    def service(state: State, contest: str | None = None) -> list[tuple[str, str]]:
        return [
            (q.tps_id, q.contest_id) for q in entry.queue(mixed.ws, supervisor, contest, [state])
        ]

    assert focused() is screen.findChild(QTreeWidget, "queue")
    assert queue_keys(screen) == service(State.DIFFERENT)
    assert queue_keys(screen)
    press(Key.Key_J, Mod.AltModifier)
    assert queue_keys(screen) == service(State.JANGGAL)
    assert queue_keys(screen)
    press(Key.Key_D, Mod.AltModifier)
    assert queue_keys(screen) == service(State.DIFFERENT)
    # The contest filter, by keyboard: Alt+M, then Down picks the first contest.
    press(Key.Key_M, Mod.AltModifier)
    press(Key.Key_Down)
    first_contest = mixed.ws.contests()[0].id
    assert queue_keys(screen) == service(State.DIFFERENT, first_contest)


def test_operator_gets_an_explanation_and_no_queue(mixed: Demo, qtbot: QtBot) -> None:
    ctx = AppContext(mixed.ws, mixed.login("operator1"))
    screen = ResolutionScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    label = screen.findChild(QLabel, "refusal")
    assert label is not None and label.isVisible() and "pengawas" in label.text()
    assert screen.findChild(QTreeWidget, "queue") is None


def test_admin_gets_the_explanation_and_the_statistics(mixed: Demo, qtbot: QtBot) -> None:
    admin = mixed.login("admin")
    screen = ResolutionScreen(AppContext(mixed.ws, admin))
    qtbot.addWidget(screen)
    screen.show()
    label = screen.findChild(QLabel, "refusal")
    assert label is not None and label.isVisible()
    table = screen.findChild(QTableWidget, "operatorStats")
    assert table is not None and table.isVisible()
    assert table.rowCount() == len(entry.operator_stats(mixed.ws, admin))
    assert screen.findChild(QTreeWidget, "queue") is None


def test_operator_stats_match_the_service(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    press(Key.Key_S, Mod.AltModifier)
    table = screen.findChild(QTableWidget, "operatorStats")
    assert table is not None and table.isVisible()
    stats = entry.operator_stats(mixed.ws, supervisor)

    def cell(r: int, c: int) -> str:
        item = table.item(r, c)
        assert item is not None
        return item.text()

    shown = [(cell(r, 0), int(re.sub(r"\D", "", cell(r, 1)))) for r in range(table.rowCount())]
    assert shown == sorted((s.user, s.forms) for s in stats)
    assert {name for name, _ in shown} == {"operator1", "operator2", "operator3", "operator4"}


# --- resolving a different form ---------------------------------------------------------------


def test_resolve_by_keyboard_records_values_and_attribution(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    form = None
    chosen = None
    for q, view in views(mixed, supervisor, State.DIFFERENT):
        form = mixed.ws.form_spec(q.contest_id)
        if not has_errors(validate(form, truth(mixed, q.tps_id, q.contest_id))):
            chosen = (q, view)
            break
    assert chosen is not None and form is not None
    q, view = chosen
    real = truth(mixed, q.tps_id, q.contest_id)
    v1, v2 = view.entries[0].values, view.entries[1].values
    second_user = view.entries[1].user
    before = {s.user: s.mismatches for s in entry.operator_stats(mixed.ws, supervisor)}

    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    for fid in view.differing_fields:
        type_text(str(real[fid]))
        press(Key.Key_Return)
    assert focused().objectName() == "diffReason"
    press(Key.Key_1, Mod.AltModifier)
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)

    after = entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id)
    assert after.state == State.FINAL
    assert after.final_values == real
    with mixed.ws.store.reading() as s:
        rows = {
            r.field: (r.action, r.attributed_to, r.value, r.reason)
            for r in s.execute(
                select(ResolutionRow).where(
                    ResolutionRow.tps_id == q.tps_id, ResolutionRow.contest_id == q.contest_id
                )
            ).scalars()
        }
    for fid in view.differing_fields:
        action = "keep_first" if real[fid] == v1.get(fid) else "keep_second"
        who = attribute(v1.get(fid), v2.get(fid), real[fid])
        assert rows[fid] == (action, who, real[fid], "Sesuai gambar C1")
    stats = {s.user: s.mismatches for s in entry.operator_stats(mixed.ws, supervisor)}
    if all(rows[f][1] == "second" for f in view.differing_fields):
        assert stats[second_user] == before.get(second_user, 0) + len(view.differing_fields)
    # The form left the queue.
    assert (q.tps_id, q.contest_id) not in [
        (i.tps_id, i.contest_id) for i in entry.queue(mixed.ws, supervisor, None, [State.DIFFERENT])
    ]


def test_blind_until_the_typed_value_matches_neither(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    # A form whose differing values are distinctive numbers, so a stray digit cannot pass.
    def distinct(view: ResolutionView) -> int:
        fid = view.differing_fields[0]
        return min(view.entries[0].values.get(fid, 0), view.entries[1].values.get(fid, 0))

    q, view = max(views(mixed, supervisor, State.DIFFERENT), key=lambda qv: distinct(qv[1]))
    assert distinct(view) >= 10
    fid = view.differing_fields[0]
    v1, v2 = view.entries[0].values[fid], view.entries[1].values[fid]

    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    assert focused().objectName() == "diffValue"
    panel = screen.findChild(DifferencePanel)
    assert panel is not None
    text = texts(screen) + texts(panel, visible_only=False)  # hidden parts of the panel too
    assert fid in text
    assert not shows_number(text, v1) and not shows_number(text, v2)

    wrong = v1 + v2 + 1
    type_text(str(wrong))
    press(Key.Key_Return)
    text = texts(screen)
    assert shows_number(text, v1) and shows_number(text, v2) and shows_number(text, wrong)
    # Still on the same field; 1 picks entry 1's value.
    press(Key.Key_1)
    tree = screen.findChild(QTreeWidget, "differences")
    assert tree is not None
    row = tree.topLevelItem(0)
    assert row is not None and row.text(0) == "✓" and str(v1) in row.text(3)


def test_typed_value_confirmed_and_form_attribution(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    """A value matching neither entry, confirmed with Enter and marked as the paper's own."""
    q, view = views(mixed, supervisor, State.DIFFERENT)[0]
    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    decided = {}
    for i, fid in enumerate(view.differing_fields):
        v1, v2 = view.entries[0].values.get(fid, 0), view.entries[1].values.get(fid, 0)
        value = v1 + v2 + 1
        type_text(str(value))
        press(Key.Key_Return)
        if i == 0:
            press(Key.Key_F)
        press(Key.Key_Return)
        decided[fid] = (value, "form" if i == 0 else "both")
    type_text("Dibaca ulang dari gambar")
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    # The typed values may break an identity: then accept as janggal with a note.
    if screen.findChild(QWidget, "diffConflict").isVisible():  # type: ignore[union-attr]
        assert focused().objectName() == "diffJanggalNote"
        type_text("Kertas memang begitu")
        save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    assert entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id).state == State.FINAL
    with mixed.ws.store.reading() as s:
        rows = {
            r.field: (r.value, r.attributed_to, r.action)
            for r in s.execute(
                select(ResolutionRow).where(
                    ResolutionRow.tps_id == q.tps_id, ResolutionRow.contest_id == q.contest_id
                )
            ).scalars()
        }
    assert rows == {f: (v, who, "typed") for f, (v, who) in decided.items()}


def test_reason_is_required(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    q, view = views(mixed, supervisor, State.DIFFERENT)[0]
    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    for fid in view.differing_fields:
        type_text(str(view.entries[0].values[fid]))
        press(Key.Key_Return)
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    assert "Alasan" in error_text(screen, "diffError")
    assert focused().objectName() == "diffReason"
    after = entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id)
    assert after.state == State.DIFFERENT


def test_identity_failure_offers_janggal_with_a_note(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    # Keeping entry 2's slip leaves the form failing an identity.
    q, view = next(
        (q, v)
        for q, v in views(mixed, supervisor, State.DIFFERENT)
        if has_errors(list(v.entries[1].findings))
    )
    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    for fid in view.differing_fields:
        type_text(str(view.entries[1].values[fid]))
        press(Key.Key_Return)
    press(Key.Key_1, Mod.AltModifier)
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    conflict = screen.findChild(QWidget, "diffConflict")
    assert conflict is not None and conflict.isVisible()
    findings = screen.findChild(QLabel, "diffConflictFindings")
    assert findings is not None
    failing = {f.code for f in view.entries[1].findings if f.level == "E"}
    assert findings.text().count("•") == len(
        [f for f in view.entries[1].findings if f.level == "E"]
    )
    assert failing
    assert (
        entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id).state == State.DIFFERENT
    )
    assert focused().objectName() == "diffJanggalNote"
    type_text("Tertulis demikian pada kertas")
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    after = entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id)
    assert after.state == State.FINAL
    assert after.note == "Tertulis demikian pada kertas"


def test_send_back_only_the_second_entry(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    q, _view = views(mixed, supervisor, State.DIFFERENT)[0]
    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    save(qtbot, screen, Key.Key_K, Mod.ControlModifier | Mod.ShiftModifier)
    assert "alasan" in error_text(screen, "diffError").lower()
    press(Key.Key_2, Mod.AltModifier)
    save(qtbot, screen, Key.Key_K, Mod.ControlModifier | Mod.ShiftModifier)
    after = entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id)
    assert after.state == State.FIRST_DONE


# --- janggal forms ----------------------------------------------------------------------------


def test_accept_janggal_with_note_and_reference(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    press(Key.Key_J, Mod.AltModifier)
    q = entry.queue(mixed.ws, supervisor, None, [State.JANGGAL])[0]
    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    assert focused().objectName() == "janggalNote"
    findings = screen.findChild(QListWidget, "janggalFindings")
    assert findings is not None and findings.count() > 0
    press(Key.Key_Down)  # the next failing identity (the photo follows)
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    assert "Catatan" in error_text(screen, "janggalError")
    type_text("Kesalahan hitung KPPS")
    press(Key.Key_Tab)
    assert focused().objectName() == "janggalReference"
    type_text("KK-07")
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    after = entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id)
    assert after.state == State.FINAL
    assert after.note == "Kesalahan hitung KPPS [KK-07]"


def test_send_janggal_back(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    press(Key.Key_J, Mod.AltModifier)
    q = entry.queue(mixed.ws, supervisor, None, [State.JANGGAL])[0]
    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    type_text("Salah ketik bersama, ketik ulang")
    save(qtbot, screen, Key.Key_K, Mod.ControlModifier)
    after = entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id)
    assert after.state == State.EMPTY
    assert (q.tps_id, q.contest_id) not in queue_keys(screen)


def key_two_entries(
    demo: Demo, supervisor: Actor, second: dict[str, int] | None, problems: list[str]
) -> tuple[str, str, dict[str, int]]:
    """Two operators key an untouched form: the first as written (raising ``problems``), the
    second with ``second``'s changes. Returns the form and what is written on it."""
    q = entry.queue(demo.ws, supervisor, None, [State.EMPTY])[0]
    real = truth(demo, q.tps_id, q.contest_id)
    first = {"tps": q.tps_id, "contest": q.contest_id, "values": real, "problems": problems}
    entry.submit_entry(demo.ws, demo.login("operator1"), first)
    values = {**real, **(second or {})}
    entry.submit_entry(
        demo.ws,
        demo.login("operator2"),
        {"tps": q.tps_id, "contest": q.contest_id, "values": values},
    )
    return q.tps_id, q.contest_id, real


def test_one_key_moves_between_differences_and_the_photo_follows(
    qtbot: QtBot, mixed: Demo, supervisor: Actor
) -> None:
    contest = entry.queue(mixed.ws, supervisor, None, [State.EMPTY])[0].contest_id
    form = mixed.ws.form_spec(contest)
    a, b = form.fields[0].id, form.fields[-1].id
    real_tps, real_contest, real_values = key_two_entries(
        mixed, supervisor, {a: 90_000, b: 90_001}, []
    )
    screen = make_screen(qtbot, AppContext(mixed.ws, supervisor))
    open_in_queue(qtbot, screen, (real_tps, real_contest))
    viewer = screen.findChild(ImageViewer)
    assert viewer is not None
    screen.wait_for_images()
    assert viewer.region() == form.box(a)
    press(Key.Key_Down)
    assert viewer.region() == form.box(b)
    press(Key.Key_Up)
    assert viewer.region() == form.box(a)
    type_text(str(real_values[a]))
    press(Key.Key_Return)  # decided, on to the next undecided difference
    assert viewer.region() == form.box(b)
    type_text(str(real_values[b]))
    press(Key.Key_Return)
    press(Key.Key_1, Mod.AltModifier)
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    after = entry.resolution_view(mixed.ws, supervisor, real_tps, real_contest)
    assert after.state == State.FINAL and after.final_values == real_values
    screen.wait_for_images()


def test_problems_raised_are_shown_prominently(
    qtbot: QtBot, mixed: Demo, supervisor: Actor
) -> None:
    tps, contest, _real = key_two_entries(mixed, supervisor, None, ["illegible"])
    screen = make_screen(qtbot, AppContext(mixed.ws, supervisor))
    open_in_queue(qtbot, screen, (tps, contest))
    banner = screen.findChild(QLabel, "diffProblems")
    assert banner is not None and banner.isVisible()
    assert "operator1" in banner.text() and "Tidak terbaca" in banner.text()
    # Only the problems differ: the reason field has the keyboard; resolve keeps the numbers.
    assert focused().objectName() == "diffReason"
    press(Key.Key_1, Mod.AltModifier)
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    assert entry.resolution_view(mixed.ws, supervisor, tps, contest).state == State.FINAL
    screen.wait_for_images()


def test_after_a_resolve_the_next_form_opens(
    qtbot: QtBot, mixed: Demo, supervisor: Actor, screen: ResolutionScreen
) -> None:
    """Ctrl+Enter saves (through the runner) and opens the queue's next form, with the keyboard
    in its first value; Changes.ENTRIES is announced once the screen has moved on."""
    pending = views(mixed, supervisor, State.DIFFERENT)
    assert len(pending) >= 2
    q, view = pending[0]
    changes: list[tuple[Changes, tuple[str, str] | None]] = []
    screen._ctx.sig_data_changed.connect(
        lambda c: changes.append(
            (c, (screen.opened.tps_id, screen.opened.contest_id) if screen.opened else None)
        )
    )
    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    for fid in view.differing_fields:
        type_text(str(view.entries[0].values[fid]))
        press(Key.Key_Return)
    press(Key.Key_1, Mod.AltModifier)
    save(qtbot, screen, Key.Key_Return, Mod.ControlModifier)
    nxt = screen.opened
    assert nxt is not None and (nxt.tps_id, nxt.contest_id) != (q.tps_id, q.contest_id)
    assert (nxt.tps_id, nxt.contest_id) in queue_keys(screen)
    assert (q.tps_id, q.contest_id) not in queue_keys(screen)
    assert focused().objectName() in ("diffValue", "diffReason")
    assert changes == [(Changes.ENTRIES, (nxt.tps_id, nxt.contest_id))]


def test_a_slow_save_keeps_the_window_live(
    qtbot: QtBot,
    mixed: Demo,
    supervisor: Actor,
    screen: ResolutionScreen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While a resolution is written the GUI keeps processing events (a timer ticks), keys
    that would save again or leave the form wait; released, the form is final and the next
    one opens."""
    q, view = views(mixed, supervisor, State.DIFFERENT)[0]
    gate = threading.Event()
    real = entry.resolve
    calls: list[str] = []

    def slow(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[2])
        assert gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(entry, "resolve", slow)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    open_in_queue(qtbot, screen, (q.tps_id, q.contest_id))
    for fid in view.differing_fields:
        type_text(str(view.entries[0].values[fid]))
        press(Key.Key_Return)
    press(Key.Key_1, Mod.AltModifier)
    press(Key.Key_Return, Mod.ControlModifier)
    assert screen.saving()
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    press(Key.Key_Return, Mod.ControlModifier)  # a second Ctrl+Enter saves nothing more
    press(Key.Key_Escape)  # and Esc waits for the save
    assert screen.saving() and screen.opened is not None
    assert screen.opened.tps_id == q.tps_id
    gate.set()
    qtbot.waitUntil(lambda: not screen.saving(), timeout=10_000)
    assert calls == [q.tps_id]
    assert entry.resolution_view(mixed.ws, supervisor, q.tps_id, q.contest_id).state == State.FINAL
    assert screen.opened is None or screen.opened.tps_id != q.tps_id
    timer.stop()
