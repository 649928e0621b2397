"""The printed 2024 presidential form keyed by keyboard on the entry screen (pytest-qt, offscreen).

The grid holds the printed rows in the printed order (one A row, B.1 to B.4, II as printed, one III
row, three pairs, V); Enter walks them; two operators' agreeing entries become final.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kamarhitung.core.entry import State
from kamarhitung.qt import imageload
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens.entry import EntryScreen
from kamarhitung.qt.widgets.form_grid import DigitEdit
from kamarhitung.services import accounts
from kamarhitung.services.demo import create_demo
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.models import RecordRow, SyntheticImageRow


@pytest.fixture
def pemilu(tmp_path: Path) -> Iterator[tuple[Workspace, dict[str, str]]]:
    path = tmp_path / "ws"
    res = create_demo(path, n_tps=4, seed=3, election="pemilu")
    users = res.credentials["users"]
    assert isinstance(users, list)
    ws = open_workspace(path)
    yield ws, {u["name"]: u["password"] for u in users}
    ws.close()


@pytest.fixture(autouse=True)
def small_pages(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.png"
    img = QImage(600, 800, QImage.Format.Format_RGB32)
    img.fill(QColor(245, 245, 240))
    assert img.save(str(page))

    class Page:
        def __init__(self) -> None:
            self.path = page
            self.missing = False

    monkeypatch.setattr(imageload, "default_source", lambda _ws, _t, _c: [Page()])


def station(qtbot: QtBot, ws: Workspace, user: str, pw: str) -> EntryScreen:
    screen = EntryScreen(AppContext(ws, accounts.authenticate(ws, user, pw)))
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    qtbot.waitUntil(lambda: not screen.busy())  # the first form is claimed on a worker
    screen.image_loader().wait_idle()
    return screen


def key_all(screen: EntryScreen, values: dict[str, int]) -> list[str]:
    grid = screen.grid()
    assert grid is not None
    kf_before = screen.current_form()
    walked = []
    for _ in grid.field_ids():
        w = QApplication.focusWidget()
        assert isinstance(w, DigitEdit)
        walked.append(w.field_id)
        QTest.keyClicks(w, str(values[w.field_id]))
        QTest.keyClick(w, Qt.Key.Key_Return)
    for _ in range(2):  # a red finding asks for a second Ctrl+Enter, inline
        w2 = QApplication.focusWidget()
        if screen.current_form() is None or w2 is None:
            break
        if screen.current_form() != kf_before:
            break
        QTest.keyClick(w2, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert screen.wait_idle()  # the host's answer (the save runs on a worker)
    return walked


PRINTED = [
    "I.A.1.L", "I.A.1.P", "I.A.1.J",
    "I.B.1.L", "I.B.1.P", "I.B.1.J", "I.B.2.L", "I.B.2.P", "I.B.2.J",
    "I.B.3.L", "I.B.3.P", "I.B.3.J", "I.B.4.L", "I.B.4.P", "I.B.4.J",
    "II.1", "II.2", "II.3", "II.4", "III.1.L", "III.1.P", "III.1.J",
    "IV.1", "IV.2", "IV.3", "V.A", "V.B", "V.C",
]  # fmt: skip


def test_the_printed_presidential_form_keyed_twice(
    qtbot: QtBot, pemilu: tuple[Workspace, dict[str, str]]
) -> None:
    ws, pw = pemilu
    one = station(qtbot, ws, "operator1", pw["operator1"])
    kf = one.current_form()
    assert kf is not None and kf.contest_id == "presiden"
    with ws.store.reading() as s:
        row = s.get(SyntheticImageRow, (kf.tps.tps_id, "presiden"))
        assert row is not None
        values = {k: int(v) for k, v in json.loads(row.values_json).items()}
    if shot := os.environ.get("KAMARHITUNG_SHOT"):
        one.grab().save(shot)
    assert key_all(one, values) == PRINTED
    one.image_loader().wait_idle()
    one.close()
    two = station(qtbot, ws, "operator2", pw["operator2"])
    assert key_all(two, values) == PRINTED
    two.image_loader().wait_idle()
    two.close()
    with ws.store.reading() as s:
        rec = s.get(RecordRow, (kf.tps.tps_id, "presiden"))
        assert rec is not None
    assert rec.state in (State.FINAL.value, State.JANGGAL.value)
    assert rec.state == State.FINAL.value or kf.tps.tps_id in inconsistent(ws)


def inconsistent(ws: Workspace) -> set[str]:
    """The demo's TPS whose paper carries a deliberate error (they become janggal)."""
    from kamarhitung.core.validation import has_errors, validate

    form = ws.form_spec("presiden")
    with ws.store.reading() as s:
        rows = s.query(SyntheticImageRow).all()
        return {r.tps_id for r in rows if has_errors(validate(form, json.loads(r.values_json)))}


def test_three_photos_are_pages_and_the_screen_turns_to_the_fields_page(
    qtbot: QtBot,
    pemilu: tuple[Workspace, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Photos named p1, p2 (and a corrected p2), p3 show as the form's pages; keying moves the
    viewer to the page holding the current field, the corrected page 2 before the original."""
    from PIL import Image

    from kamarhitung.services import images

    monkeypatch.setattr(imageload, "default_source", images.images_for)
    ws, pw = pemilu
    op = accounts.authenticate(ws, "operator1", pw["operator1"])
    folder = tmp_path / "photos"
    folder.mkdir()
    with ws.store.reading() as s:
        tps = [t for (t,) in s.query(RecordRow.tps_id).filter(RecordRow.contest_id == "presiden")]
    for t in tps:
        for name, shade in (("p1", 60), ("p2", 120), ("p2_koreksi", 150), ("p3", 200)):
            Image.new("L", (300, 400), shade).save(folder / f"{t}_presiden_{name}.png")
    images.import_images(ws, op, [folder])
    one = station(qtbot, ws, "operator1", pw["operator1"])
    kf = one.current_form()
    assert kf is not None
    viewer = one.viewer()
    qtbot.waitUntil(lambda: viewer.page_count() == 4)
    one.image_loader().wait_idle()
    with ws.store.reading() as s:
        row = s.get(SyntheticImageRow, (kf.tps.tps_id, "presiden"))
        assert row is not None
        values = {k: int(v) for k, v in json.loads(row.values_json).items()}
    seen: dict[str, int] = {}
    grid = one.grid()
    assert grid is not None
    for _ in grid.field_ids():
        w = QApplication.focusWidget()
        assert isinstance(w, DigitEdit)
        seen[w.field_id] = viewer.current_page()
        QTest.keyClicks(w, str(values[w.field_id]))
        QTest.keyClick(w, Qt.Key.Key_Return)
    # Page 1 (index 0) for I to III, the corrected page 2 (index 2) for IV, page 3 for V.
    assert {seen[f] for f in ("I.A.1.L", "I.B.4.J", "II.1", "III.1.J")} == {0}
    assert {seen[f] for f in ("IV.1", "IV.2", "IV.3")} == {2}
    assert {seen[f] for f in ("V.A", "V.B", "V.C")} == {3}
    one.image_loader().wait_idle()
    one.close()


def test_the_resolution_screen_turns_to_the_page_of_the_differing_field(
    qtbot: QtBot,
    pemilu: tuple[Workspace, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two entries differ in IV.2: the supervisor's photo opens on page 2, the pairs' page."""
    from PIL import Image
    from PySide6.QtWidgets import QTreeWidget

    from kamarhitung.qt.screens.resolve import ResolutionScreen
    from kamarhitung.qt.widgets.image_viewer import ImageViewer
    from kamarhitung.services import entry, images

    monkeypatch.setattr(imageload, "default_source", images.images_for)
    ws, pw = pemilu
    op1 = accounts.authenticate(ws, "operator1", pw["operator1"])
    op2 = accounts.authenticate(ws, "operator2", pw["operator2"])
    with ws.store.reading() as s:
        row = s.query(SyntheticImageRow).filter(SyntheticImageRow.contest_id == "presiden").first()
        assert row is not None
        tps, values = row.tps_id, {k: int(v) for k, v in json.loads(row.values_json).items()}
    folder = tmp_path / "photos"
    folder.mkdir()
    for name, shade in (("p1", 60), ("p2", 120), ("p3", 200)):
        Image.new("L", (300, 400), shade).save(folder / f"{tps}_presiden_{name}.png")
    images.import_images(ws, op1, [folder])
    entry.submit_entry(ws, op1, {"tps": tps, "contest": "presiden", "values": values})
    slipped = dict(values, **{"IV.2": values["IV.2"] + 1})
    entry.submit_entry(ws, op2, {"tps": tps, "contest": "presiden", "values": slipped})
    sup = accounts.authenticate(ws, "supervisor1", pw["supervisor1"])
    screen = ResolutionScreen(AppContext(ws, sup))
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    qtbot.waitExposed(screen)
    tree = screen.findChild(QTreeWidget, "queue")
    assert tree is not None and tree.topLevelItemCount() == 1
    top = tree.topLevelItem(0)
    assert top is not None
    tree.setCurrentItem(top)
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key.Key_Return)

    v = screen.findChild(ImageViewer)
    assert v is not None
    qtbot.waitUntil(lambda: v.page_count() == 3)
    screen.wait_for_images()
    qtbot.waitUntil(lambda: v.current_page() == 1)
    screen.wait_for_images()
