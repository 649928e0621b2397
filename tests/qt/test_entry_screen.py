"""The keying station, driven by the keyboard only (pytest-qt, offscreen).

Every key goes to the widget that has the focus, as an operator's keyboard would; what was stored
is checked in the workspace (the entry and record tables). The form photos are replaced by a small
page image so that the tests do not spend their time rendering 12-megapixel demo photos.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kamarhitung.core.entry import State
from kamarhitung.qt import imageload
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens import entry as entry_screen
from kamarhitung.qt.screens.entry import EntryScreen
from kamarhitung.qt.widgets.form_grid import DigitEdit, FormGrid
from kamarhitung.services import entry
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import EntryRow, EntryVersionRow, RecordRow, SyntheticImageRow
from kamarhitung.store.workspace import RoomConnectionLostError

Key = Qt.Key
Mod = Qt.KeyboardModifier
T = TypeVar("T")


class Demo(Protocol):
    """The ``demo`` fixture of conftest.py: a copied demo workspace and its users."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


@dataclass(frozen=True)
class FakePage:
    path: Path
    missing: bool = False


@pytest.fixture(autouse=True)
def small_pages(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[tuple[str, str]]]:
    """Every form's photo is one small page; the list records which forms were fetched."""
    page = tmp_path / "page.png"
    img = QImage(600, 800, QImage.Format.Format_RGB32)
    img.fill(QColor(245, 245, 240))
    assert img.save(str(page))
    fetched: list[tuple[str, str]] = []

    def source(_ws: Workspace, tps_id: str, contest_id: str) -> list[FakePage]:
        fetched.append((tps_id, contest_id))
        return [FakePage(page)]

    monkeypatch.setattr(imageload, "default_source", source)
    yield fetched


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail on any dialog: findings, errors and confirmations are all shown inline."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a modal dialog was opened")

    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QDialog, "open", refuse)
    yield
    assert_no_dialog()


def assert_no_dialog() -> None:
    assert QApplication.activeModalWidget() is None
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


# --- helpers ----------------------------------------------------------------------------------


def open_station(qtbot: QtBot, demo: Demo, user: str) -> EntryScreen:
    screen = EntryScreen(AppContext(demo.ws, demo.login(user)))
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    qtbot.waitUntil(lambda: not screen.busy())  # the first form is claimed on a worker
    screen.image_loader().wait_idle()
    return screen


def grid_of(screen: EntryScreen) -> FormGrid:
    grid = screen.grid()
    assert grid is not None
    return grid


def focused() -> DigitEdit:
    w = QApplication.focusWidget()
    assert isinstance(w, DigitEdit), f"the focus is on {w!r}, not a field"
    return w


def focused_field() -> str:
    return focused().field_id


def truth(demo: Demo, screen: EntryScreen) -> dict[str, int]:
    """The numbers written on the form on screen (the demo's synthetic truth)."""
    kf = screen.current_form()
    assert kf is not None
    with demo.ws.store.reading() as s:
        row = s.get(SyntheticImageRow, (kf.tps.tps_id, kf.contest_id))
        assert row is not None
        values = json.loads(row.values_json)
    return {k: int(v) for k, v in values.items()}


def key_in(text: str, *, keypad_enter: bool = False) -> None:
    """Type ``text`` into the focused field and press Enter (the main or the keypad one)."""
    w = focused()
    QTest.keyClicks(w, text)
    if keypad_enter:
        QTest.keyClick(w, Key.Key_Enter, Mod.KeypadModifier)
    else:
        QTest.keyClick(w, Key.Key_Return)


def key_form(screen: EntryScreen, values: dict[str, int]) -> None:
    """Key every field in the order the cursor takes, from the first field."""
    for i, fid in enumerate(grid_of(screen).field_ids()):
        assert focused_field() == fid
        key_in(str(values[fid]), keypad_enter=i % 2 == 1)


def station_of(w: QWidget) -> EntryScreen:
    parent: QWidget | None = w
    while parent is not None and not isinstance(parent, EntryScreen):
        parent = parent.parentWidget()
    assert parent is not None, f"{w!r} is not on a keying station"
    return parent


def finish() -> None:
    """Ctrl+Enter, then wait for the host's answer (the save runs on a worker)."""
    w = QApplication.focusWidget()
    assert w is not None
    screen = station_of(w)
    QTest.keyClick(w, Key.Key_Return, Mod.ControlModifier)
    assert screen.wait_idle(20_000)


def stored_entry(demo: Demo, tps_id: str, contest_id: str, slot: int) -> EntryRow:
    with demo.ws.store.reading() as s:
        row = s.execute(
            select(EntryRow).where(
                EntryRow.tps_id == tps_id, EntryRow.contest_id == contest_id, EntryRow.slot == slot
            )
        ).scalar_one()
        s.expunge(row)
        return row


def record_state(demo: Demo, tps_id: str, contest_id: str) -> str:
    with demo.ws.store.reading() as s:
        rec = s.get(RecordRow, (tps_id, contest_id))
        assert rec is not None
        return rec.state


def close_station(qtbot: QtBot, screen: EntryScreen) -> None:
    screen.image_loader().wait_idle()
    screen.close()


# --- tests ------------------------------------------------------------------------------------


def test_a_form_keyed_twice_by_keyboard_becomes_final(qtbot: QtBot, demo: Demo) -> None:
    one = open_station(qtbot, demo, "operator1")
    kf = one.current_form()
    assert kf is not None and kf.slot == 1
    tps, contest = kf.tps.tps_id, kf.contest_id
    values = truth(demo, one)
    assert one.viewer().page_count() == 1  # the photo is beside the fields

    key_form(one, values)
    finish()

    first = stored_entry(demo, tps, contest, 1)
    assert first.status == "done"
    assert json.loads(first.values_json) == values
    assert json.loads(first.problems_json) == []
    assert first.keystrokes >= sum(len(str(v)) + 1 for v in values.values())
    assert record_state(demo, tps, contest) == State.FIRST_DONE.value
    assert "entri pertama" in one.message()
    nxt = one.current_form()
    assert nxt is not None and nxt.tps.tps_id != tps  # the next form is on screen at once
    assert grid_of(one).values() == {}
    qtbot.waitUntil(lambda: one.viewer().page_count() == 1)  # fetched now, or prefetched before
    close_station(qtbot, one)

    two = open_station(qtbot, demo, "operator2")
    kf2 = two.current_form()
    assert kf2 is not None
    assert (kf2.tps.tps_id, kf2.contest_id, kf2.slot) == (tps, contest, 2)
    assert grid_of(two).values() == {}  # blind: nothing of the first entry is shown
    key_form(two, values)
    finish()
    assert record_state(demo, tps, contest) == State.FINAL.value
    assert json.loads(stored_entry(demo, tps, contest, 2).values_json) == values
    assert "FINAL" in two.message()
    close_station(qtbot, two)


def test_a_slip_by_the_second_keyer_makes_the_form_different(qtbot: QtBot, demo: Demo) -> None:
    one = open_station(qtbot, demo, "operator1")
    kf = one.current_form()
    assert kf is not None
    tps, contest = kf.tps.tps_id, kf.contest_id
    values = truth(demo, one)
    key_form(one, values)
    finish()
    close_station(qtbot, one)

    two = open_station(qtbot, demo, "operator2")
    slipped = dict(values)
    slipped["IV.1"] = values["IV.1"] + 10  # a transposed or extra digit
    key_form(two, slipped)
    assert "SAH-SUM" in grid_of(two).codes_at("V.A")
    finish()
    # A red finding: the first Ctrl+Enter asks to look at the photo once more, inline.
    assert record_state(demo, tps, contest) == State.SECOND_IN_PROGRESS.value
    assert "Ctrl+Enter lagi" in two.message()
    assert_no_dialog()
    finish()
    assert record_state(demo, tps, contest) == State.DIFFERENT.value
    assert json.loads(stored_entry(demo, tps, contest, 2).values_json) == slipped
    assert "berbeda" in two.message()
    close_station(qtbot, two)


def test_illegal_characters_are_refused_silently(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    w = focused()
    QTest.keyClicks(w, "1a2-3.4 5,6e")
    assert w.text() == "12345"  # five digits at most; the rest never reached the field
    w.clear()
    # Arabic-Indic digits and signs are not digits of the form (QTest only types Latin-1).
    for ch in "٣+٤ 7":
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(w, QKeyEvent(kind, Key.Key_unknown, Mod.NoModifier, ch))
    assert w.text() == "7"
    assert_no_dialog()
    close_station(qtbot, screen)


def test_enter_moves_in_keying_order_and_back(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    order = grid_of(screen).field_ids()
    assert order[:4] == ("I.A.1.L", "I.A.1.P", "I.A.1.J", "I.A.2.L")
    for i, fid in enumerate(order[:-1]):
        assert focused_field() == fid
        key = Key.Key_Enter if i % 3 == 0 else Key.Key_Return
        QTest.keyClick(
            focused(), key, Mod.KeypadModifier if key == Key.Key_Enter else Mod.NoModifier
        )
        assert focused_field() == order[i + 1]
    QTest.keyClick(focused(), Key.Key_Return, Mod.ShiftModifier)
    assert focused_field() == order[-2]
    QTest.keyClick(focused(), Key.Key_Up)
    assert focused_field() == order[-3]
    QTest.keyClick(focused(), Key.Key_Down)
    assert focused_field() == order[-2]
    QTest.keyClick(focused(), Key.Key_Tab)
    assert focused_field() == order[-1]
    QTest.keyClick(focused(), Key.Key_Tab)  # Tab wraps within the form
    assert focused_field() == order[0]
    # Backspace in an empty field goes back, to the end of the previous value.
    key_in("42")
    assert focused_field() == order[1]
    QTest.keyClick(focused(), Key.Key_Backspace)
    assert focused_field() == order[0]
    QTest.keyClick(focused(), Key.Key_Backspace)
    assert focused().text() == "4"
    close_station(qtbot, screen)


def test_a_wrong_total_shows_a_finding_beside_the_field(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    grid = grid_of(screen)
    values = truth(demo, screen)
    order = grid.field_ids()
    for fid in order[: order.index("V.A")]:
        key_in(str(values[fid]))
    assert focused_field() == "V.A"
    assert grid.codes_at("V.A") == ""
    QTest.keyClicks(focused(), str(values["V.A"] + 1))
    # While the total is being typed, its finding waits (no flashing digit by digit)...
    assert "SAH-SUM" not in grid.codes_at("V.A")
    QTest.keyClick(focused(), Key.Key_Return)
    # ...and shows as soon as the field is left: at the row, on the fields, and in words.
    assert "SAH-SUM" in grid.codes_at("V.A")
    assert grid.level_of("V.A") == "E" and grid.closes_finding("V.A")
    assert grid.level_of("IV.1") == "E" and not grid.closes_finding("IV.1")  # read, thinner
    assert grid.level_of("II.1") == ""
    assert any(f.code == "SAH-SUM" for f in screen.findings())
    assert_no_dialog()
    # Correcting the value clears it at once.
    QTest.keyClick(focused(), Key.Key_Up)
    QTest.keyClicks(focused(), str(values["V.A"]))  # replaces: the value was selected
    assert grid.codes_at("V.A") == ""
    assert grid.level_of("V.A") == ""
    close_station(qtbot, screen)


def test_a_finding_on_the_field_being_typed_shows_after_a_pause(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    grid = grid_of(screen)
    key_in("100")
    key_in("50")
    QTest.keyClicks(focused(), "151")  # J ≠ L + P
    assert "J-SUM" not in grid.codes_at("I.A.1")
    qtbot.waitUntil(lambda: "J-SUM" in grid.codes_at("I.A.1"), timeout=3000)
    close_station(qtbot, screen)


def test_a_problem_is_raised_by_keyboard_and_lets_an_incomplete_form_finish(
    qtbot: QtBot, demo: Demo
) -> None:
    screen = open_station(qtbot, demo, "operator1")
    kf = screen.current_form()
    assert kf is not None
    key_in("120")
    chooser = screen.problem_chooser()
    QTest.keyClick(focused(), Key.Key_F9)
    assert chooser.isVisible()
    assert QApplication.focusWidget() is chooser
    QTest.keyClick(chooser, Key.Key_1)  # illegible
    QTest.keyClick(chooser, Key.Key_4)  # page missing
    QTest.keyClick(chooser, Key.Key_4)  # ...no, not missing after all
    assert screen.problems() == {"illegible"}
    QTest.keyClick(chooser, Key.Key_Escape)
    assert not chooser.isVisible()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), DigitEdit))
    assert focused_field() == "I.A.1.P"  # back where the operator was
    finish()
    stored = stored_entry(demo, kf.tps.tps_id, kf.contest_id, 1)
    assert stored.status == "done"
    assert json.loads(stored.problems_json) == ["illegible"]
    assert json.loads(stored.values_json) == {"I.A.1.L": 120}
    assert screen.problems() == set()  # the next form starts clean
    close_station(qtbot, screen)


def test_finishing_with_empty_fields_says_so_inline(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    kf = screen.current_form()
    assert kf is not None
    values = truth(demo, screen)
    for fid in grid_of(screen).field_ids()[:5]:
        key_in(str(values[fid]))
    QTest.keyClick(focused(), Key.Key_F2)  # an unbound key does nothing
    grid_of(screen).focus_field("II.3")
    QTest.keyClick(focused(), Key.Key_F12)
    assert "kotak kosong" in screen.message()
    assert focused_field() == grid_of(screen).field_ids()[5]  # the first empty field
    # Named as the operator reads it (row label and column), not by its id.
    first = grid_of(screen).field_ids()[5]
    assert grid_of(screen).field_name(first) in screen.message()
    assert first not in screen.message()
    assert record_state(demo, kf.tps.tps_id, kf.contest_id) == State.FIRST_IN_PROGRESS.value
    assert_no_dialog()
    close_station(qtbot, screen)


def test_a_draft_survives_the_screen(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    kf = screen.current_form()
    assert kf is not None
    for text in ("133", "140", "273"):
        key_in(text)
    QTest.keyClicks(focused(), "9")  # typed but not yet left: may be lost in a crash
    qtbot.waitUntil(lambda: not screen.busy())  # the drafts of the fields left
    screen.image_loader().wait_idle()
    screen.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(screen))

    again = open_station(qtbot, demo, "operator1")
    kf2 = again.current_form()
    assert kf2 is not None and kf2.tps.tps_id == kf.tps.tps_id
    got = grid_of(again).values()
    assert {k: got[k] for k in ("I.A.1.L", "I.A.1.P", "I.A.1.J")} == {
        "I.A.1.L": 133,
        "I.A.1.P": 140,
        "I.A.1.J": 273,
    }
    assert again.keystrokes() >= 12
    assert focused_field() == "I.A.2.L" or focused_field() == "I.A.2.P"
    close_station(qtbot, again)


def test_section_keys_jump_to_sections(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    QTest.keyClick(focused(), Key.Key_3, Mod.AltModifier)
    assert focused_field() == "II.1"
    QTest.keyClick(focused(), Key.Key_5, Mod.AltModifier)
    assert focused_field() == "IV.1"
    QTest.keyClick(focused(), Key.Key_6, Mod.AltModifier)
    assert focused_field() == "V.A"
    QTest.keyClick(focused(), Key.Key_2, Mod.AltModifier)
    assert focused_field() == "I.B.1.L"
    QTest.keyClick(focused(), Key.Key_4, Mod.AltModifier)
    assert focused_field() == "III.1.L"
    key_in("3")
    QTest.keyClick(focused(), Key.Key_1, Mod.AltModifier)
    assert focused_field() == "I.A.1.L"
    QTest.keyClick(focused(), Key.Key_4, Mod.AltModifier)
    assert focused_field() == "III.1.P"  # the section's first empty field
    close_station(qtbot, screen)


def test_image_keys_work_while_the_cursor_stays_in_the_field(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    viewer = screen.viewer()
    field = focused_field()
    box = screen.current_form() and viewer.region()
    assert box is not None  # the viewer follows the field
    z = viewer.region_zoom()
    QTest.keyClick(focused(), Key.Key_Plus, Mod.ControlModifier)
    assert viewer.region_zoom() > z
    QTest.keyClick(focused(), Key.Key_Minus, Mod.ControlModifier)
    assert viewer.region_zoom() == pytest.approx(z)
    QTest.keyClick(focused(), Key.Key_R, Mod.ControlModifier)
    assert viewer.rotation_degrees() == 90
    QTest.keyClick(focused(), Key.Key_B, Mod.ControlModifier)
    assert viewer.brightness() == 10
    QTest.keyClick(focused(), Key.Key_B, Mod.ControlModifier | Mod.ShiftModifier)
    assert viewer.brightness() == 0
    QTest.keyClick(focused(), Key.Key_K, Mod.ControlModifier)
    assert viewer.contrast() == 10
    QTest.keyClick(focused(), Key.Key_0, Mod.ControlModifier)
    QTest.keyClick(focused(), Key.Key_9, Mod.ControlModifier)
    QTest.keyClick(focused(), Key.Key_PageDown)
    assert focused_field() == field
    assert focused().text() == ""
    # The next field zooms the viewer to its own box.
    QTest.keyClick(focused(), Key.Key_Return)
    spec = demo.ws.form_spec(screen.contest_id() or "")
    assert viewer.region() == spec.box(focused_field())
    close_station(qtbot, screen)


def test_page_and_width_zoom_stay_until_the_operator_zooms_again(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    viewer = screen.viewer()
    spec = demo.ws.form_spec(screen.contest_id() or "")
    assert viewer.mode() == "region"
    QTest.keyClick(focused(), Key.Key_9, Mod.ControlModifier)
    assert viewer.mode() == "width"
    scale = viewer.transform().m11()
    # Two fields further, the page width is still shown; the highlight follows the field.
    key_in("1")
    key_in("2")
    assert viewer.mode() == "width"
    assert viewer.transform().m11() == pytest.approx(scale)
    assert viewer.region() == spec.box(focused_field())
    QTest.keyClick(focused(), Key.Key_0, Mod.ControlModifier)
    key_in("3")
    assert viewer.mode() == "page"
    # Ctrl+Plus: the viewer follows the keyed field again, zoomed to its box.
    QTest.keyClick(focused(), Key.Key_Plus, Mod.ControlModifier)
    assert viewer.mode() == "region"
    key_in("4")
    assert viewer.mode() == "region"
    assert viewer.region() == spec.box(focused_field())
    close_station(qtbot, screen)


def test_the_next_form_photo_is_prefetched(
    qtbot: QtBot, demo: Demo, small_pages: list[tuple[str, str]]
) -> None:
    screen = open_station(qtbot, demo, "operator1")
    kf = screen.current_form()
    assert kf is not None
    qtbot.waitUntil(lambda: len(small_pages) >= 2)
    screen.image_loader().wait_idle()
    peeked = small_pages[1]
    assert peeked[0] != kf.tps.tps_id
    values = truth(demo, screen)
    key_form(screen, values)
    finish()
    nxt = screen.current_form()
    assert nxt is not None and (nxt.tps.tps_id, nxt.contest_id) == peeked
    # On screen at once, from the cache: no second fetch, no "loading" placeholder.
    assert screen.viewer().page_count() == 1
    assert screen.viewer().message() == ""
    assert small_pages.count(peeked) == 1
    close_station(qtbot, screen)


def test_switching_contest_keeps_the_draft(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    first = screen.current_form()
    assert first is not None
    key_in("77")
    other = next(c.id for c in demo.ws.contests() if c.id != first.contest_id)
    screen.select_contest(other)
    qtbot.waitUntil(lambda: not screen.busy())
    kf = screen.current_form()
    assert kf is not None and kf.contest_id == other
    assert grid_of(screen).spec.paslon_numbers == demo.ws.form_spec(other).paslon_numbers
    screen.select_contest(first.contest_id)
    qtbot.waitUntil(lambda: not screen.busy())
    back = screen.current_form()
    assert back is not None and back.tps.tps_id == first.tps.tps_id
    assert grid_of(screen).values() == {"I.A.1.L": 77}
    close_station(qtbot, screen)


def test_no_work_left_is_said_calmly(
    qtbot: QtBot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entry, "next_form", lambda *_a, **_k: None)
    screen = open_station(qtbot, demo, "operator1")
    assert screen.current_form() is None
    texts = [w.text() for w in screen.findChildren(QWidget) if hasattr(w, "text")]
    assert any("Tidak ada formulir yang perlu dientri" in str(t) for t in texts)
    QTest.keyClick(screen, Key.Key_F12)  # nothing to finish: nothing happens
    assert_no_dialog()
    close_station(qtbot, screen)


def test_a_supervisor_is_told_to_use_rekonsiliasi(qtbot: QtBot, demo: Demo) -> None:
    screen = EntryScreen(AppContext(demo.ws, demo.login("supervisor1")))
    qtbot.addWidget(screen)
    screen.show()
    assert screen.grid() is None
    texts = [str(w.text()) for w in screen.findChildren(QWidget) if hasattr(w, "text")]
    assert any("Rekonsiliasi" in t for t in texts)


def test_texts_are_set_again_on_a_language_change(qtbot: QtBot, demo: Demo) -> None:
    screen = open_station(qtbot, demo, "operator1")
    before = grid_of(screen).values()
    QApplication.sendEvent(screen, QEvent(QEvent.Type.LanguageChange))
    texts = [str(w.text()) for w in screen.findChildren(QWidget) if hasattr(w, "text")]
    assert "Pemilihan" in texts  # Indonesian is the source language: the same words again
    assert grid_of(screen).values() == before
    assert isinstance(QApplication.focusWidget(), DigitEdit)
    close_station(qtbot, screen)


# --- off the GUI thread ---------------------------------------------------------------------------


class Gate:
    """Holds a service call on its worker until the test opens the gate (bounded: 20 s)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.open = threading.Event()
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def wrap(self, name: str, real: Callable[..., T]) -> Callable[..., T]:
        def held(*args: object, **kwargs: object) -> T:
            with self.lock:
                self.calls.append(name)
            self.entered.set()
            assert self.open.wait(20), "the gate was never opened"
            return real(*args, **kwargs)

        return held


class Ticks:
    """A timer on the GUI thread: it ticks only while the GUI thread is free."""

    def __init__(self, qtbot: QtBot) -> None:
        self.n = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        self.n += 1


def test_a_slow_save_never_freezes_the_station_and_one_finish_saves_once(
    qtbot: QtBot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate()
    monkeypatch.setattr(entry, "finish_entry", gate.wrap("finish", entry.finish_entry))
    screen = open_station(qtbot, demo, "operator1")
    kf = screen.current_form()
    assert kf is not None
    values = truth(demo, screen)
    key_form(screen, values)
    assert screen.wait_idle()
    typed = grid_of(screen).values()
    ticks = Ticks(qtbot)

    t0 = time.perf_counter()
    QTest.keyClick(focused(), Key.Key_Return, Mod.ControlModifier)
    assert time.perf_counter() - t0 < 0.5  # the keystroke returns; the save waits on a worker
    qtbot.waitUntil(gate.entered.is_set, timeout=10_000)
    assert screen.message() == "Menyimpan…"
    # The GUI thread stays free while the host has not answered: the timer keeps ticking.
    before = ticks.n
    qtbot.wait(400)
    assert ticks.n - before >= 10
    # Finish again, quickly, twice: nothing more is saved. Keys typed meanwhile (the first number
    # of the next form) do not change this form: they wait for the next one.
    QTest.keyClick(focused(), Key.Key_Return, Mod.ControlModifier)
    QTest.keyClick(focused(), Key.Key_F12)
    QTest.keyClicks(focused(), "12")
    QTest.keyClick(focused(), Key.Key_Return)
    QTest.keyClicks(focused(), "3")
    assert screen.current_form() is kf and grid_of(screen).values() == typed
    assert screen.message() == "Menyimpan…"  # never "tersimpan" before the commit
    assert record_state(demo, kf.tps.tps_id, kf.contest_id) == State.FIRST_IN_PROGRESS.value

    gate.open.set()
    qtbot.waitUntil(lambda: screen.current_form() is not kf, timeout=10_000)
    assert screen.wait_idle()
    assert gate.calls == ["finish"]  # once
    assert "tersimpan, entri pertama selesai" in screen.message()
    stored = stored_entry(demo, kf.tps.tps_id, kf.contest_id, 1)  # exactly one entry
    assert stored.status == "done" and json.loads(stored.values_json) == values
    nxt = screen.current_form()
    assert nxt is not None and nxt.tps.tps_id != kf.tps.tps_id
    # What was typed during the save went into the next form, as if it had been there.
    first, second = grid_of(screen).field_ids()[:2]
    assert grid_of(screen).values() == {first: 12, second: 3}
    assert focused_field() == second
    ticks.timer.stop()
    close_station(qtbot, screen)


def test_drafts_are_saved_in_order_before_the_finish(
    qtbot: QtBot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[tuple[str, int]] = []
    real_draft, real_finish = entry.save_draft, entry.finish_entry

    def slow_draft(*args: object, **kwargs: object) -> object:
        time.sleep(0.03)  # slower than the keys: drafts pile up behind each other
        values = args[4]
        assert isinstance(values, dict)
        order.append(("draft", len(values)))
        return real_draft(*args, **kwargs)  # type: ignore[arg-type]

    def finish_after(*args: object, **kwargs: object) -> object:
        values = args[4]
        assert isinstance(values, dict)
        order.append(("finish", len(values)))
        return real_finish(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(entry, "save_draft", slow_draft)
    monkeypatch.setattr(entry, "finish_entry", finish_after)
    screen = open_station(qtbot, demo, "operator1")
    kf = screen.current_form()
    assert kf is not None
    values = truth(demo, screen)
    key_form(screen, values)
    finish()
    assert order[-1] == ("finish", len(values))
    sizes = [n for what, n in order[:-1] if what == "draft"]
    assert sizes and sizes == sorted(sizes)  # in the order asked, newer drafts after older
    assert len(sizes) < len(values)  # a draft still waiting was replaced by the newer one
    stored = stored_entry(demo, kf.tps.tps_id, kf.contest_id, 1)
    assert stored.status == "done" and json.loads(stored.values_json) == values
    close_station(qtbot, screen)


def test_a_lost_host_keeps_the_draft_and_says_saved_only_after_the_commit(
    qtbot: QtBot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same fault as tests/qt/test_room_faults.py, made by a service that raises what a
    station's store raises when the host does not answer, three times."""
    monkeypatch.setattr(entry_screen, "RETRY_MS", 100)
    real_finish = entry.finish_entry
    tries: list[bool] = []

    def flaky(*args: object, **kwargs: object) -> object:
        tries.append(True)
        if len(tries) <= 3:
            raise RoomConnectionLostError("127.0.0.1", 5432, "connection refused")
        return real_finish(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(entry, "finish_entry", flaky)
    screen = open_station(qtbot, demo, "operator1")
    said: list[str] = []
    screen_ctx = screen._ctx  # the station's context: its status bar words
    screen_ctx.sig_status.connect(said.append)
    kf = screen.current_form()
    assert kf is not None
    values = truth(demo, screen)
    key_form(screen, values)
    typed = grid_of(screen).values()
    QTest.keyClick(focused(), Key.Key_Return, Mod.ControlModifier)
    qtbot.waitUntil(lambda: screen.unsaved == "finish", timeout=5_000)
    assert "Belum tersimpan" in screen.message()
    assert any("terputus" in m for m in said)
    assert screen.current_form() is kf and grid_of(screen).values() == typed
    assert not any(m.startswith("✓") for m in said)
    qtbot.waitUntil(lambda: screen.current_form() is not kf, timeout=10_000)
    assert screen.wait_idle()
    assert len(tries) == 4 and screen.unsaved is None
    assert [m for m in said if m.startswith("✓")] == [said[-1]]
    assert "tersimpan, entri pertama selesai" in said[-1]
    stored = stored_entry(demo, kf.tps.tps_id, kf.contest_id, 1)
    assert stored.status == "done" and json.loads(stored.values_json) == values
    close_station(qtbot, screen)


def test_a_reply_lost_after_the_commit_is_saved_once_and_said_saved(
    qtbot: QtBot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The host committed the finish but the reply never reached the station (the cable pulled
    at that instant): the station retries, the host recognises the same finish, and the station
    says "tersimpan" once, with one finished version stored."""
    monkeypatch.setattr(entry_screen, "RETRY_MS", 100)
    real_finish = entry.finish_entry
    tries: list[bool] = []

    def committed_then_lost(*args: object, **kwargs: object) -> object:
        tries.append(True)
        result = real_finish(*args, **kwargs)  # type: ignore[arg-type]
        if len(tries) == 1:
            raise RoomConnectionLostError("127.0.0.1", 5432, "connection reset")
        return result

    monkeypatch.setattr(entry, "finish_entry", committed_then_lost)
    screen = open_station(qtbot, demo, "operator1")
    said: list[str] = []
    screen._ctx.sig_status.connect(said.append)
    kf = screen.current_form()
    assert kf is not None
    values = truth(demo, screen)
    key_form(screen, values)
    QTest.keyClick(focused(), Key.Key_Return, Mod.ControlModifier)
    qtbot.waitUntil(lambda: screen.current_form() is not kf, timeout=10_000)
    assert screen.wait_idle()
    assert len(tries) == 2 and screen.unsaved is None
    assert [m for m in said if m.startswith("✓")] == [said[-1]]
    assert "tersimpan, entri pertama selesai" in said[-1]
    with demo.ws.store.reading() as s:
        finished = s.execute(
            select(func.count())
            .select_from(EntryVersionRow)
            .where(
                EntryVersionRow.tps_id == kf.tps.tps_id,
                EntryVersionRow.contest_id == kf.contest_id,
                EntryVersionRow.event == "finished",
            )
        ).scalar_one()
    assert finished == 1
    close_station(qtbot, screen)
