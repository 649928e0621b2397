"""Every screen at 1366 x 768 with the sidebar, in Indonesian and English, shows its texts whole.

The checker (``fit.py``) compares each text's font metrics with the room its widget gives it:
labels, buttons, group titles, tabs, header sections, the numbers in views, the entry form's row
labels (elided in paint) and the texts drawn in the charts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from kamarhitung.qt import i18n
from kamarhitung.qt.app import configure_application
from kamarhitung.qt.backups import BackupsDialog
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.fit import cuts
from kamarhitung.qt.login import LoginDialog, NewWorkspaceDialog, StartDialog
from kamarhitung.qt.main_window import MainWindow
from kamarhitung.qt.models.recap_model import COL_FIRST_PASLON, COL_NAME
from kamarhitung.qt.screens.dashboard import DashboardScreen
from kamarhitung.qt.screens.entry import EntryScreen
from kamarhitung.qt.settings import Settings
from kamarhitung.qt.widgets.form_grid import ElidedLabel, FormGrid
from kamarhitung.services import accounts, province
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace, open_workspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

WIDTH, HEIGHT = 1366, 768


class Demo(Protocol):
    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


@pytest.fixture(params=["id", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    lang = str(request.param)
    assert i18n.set_language(lang) or lang == "id"
    try:
        yield lang
    finally:
        i18n.set_language("id")


def _settle() -> None:
    for _ in range(20):
        QCoreApplication.processEvents()


def _window(qtbot: QtBot, mixed: Demo, tmp_path: Path, user: str) -> MainWindow:
    w = MainWindow(
        AppContext(mixed.ws, mixed.login(user)), settings=Settings.at(tmp_path / "fit.ini")
    )
    qtbot.addWidget(w)
    w.resize(WIDTH, HEIGHT)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("user", ["supervisor1", "operator1"])
def test_every_screen_fits_1366x768(
    qtbot: QtBot, mixed: Demo, tmp_path: Path, language: str, user: str
) -> None:
    w = _window(qtbot, mixed, tmp_path, user)
    assert len(w.specs) >= 2
    problems: list[str] = []
    for spec in w.specs:
        w.show_screen(spec.key)
        _settle()
        # No screen asks for more than the screen: the window stays 1366 px wide.
        if (w.width(), w.height()) != (WIDTH, HEIGHT):
            problems.append(f"{spec.key}: window grew to {w.width()} x {w.height()}")
        problems += [f"{spec.key}: {c}" for c in cuts(w)]
    assert not problems, f"{language}/{user}: texts cut at 1366 x 768:\n" + "\n".join(problems)


def test_province_workspace_screens_fit(
    qtbot: QtBot, mixed: Demo, tmp_path: Path, language: str
) -> None:
    src = mixed.path / "demo-province"
    pdir = tmp_path / "province"
    province.init_province(
        pdir,
        admin="padmin",
        password="province-pass-1",
        ca_pem=(src / "ca.pem").read_bytes(),
        identity_data=(src / "identity.age").read_bytes(),
        identity_passphrase=None,
        crl_pem=(src / "crl.pem").read_bytes(),
    )
    pws = open_workspace(pdir)
    try:
        w = MainWindow(
            AppContext(pws, accounts.authenticate(pws, "padmin", "province-pass-1")),
            settings=Settings.at(tmp_path / "fit.ini"),
        )
        qtbot.addWidget(w)
        w.resize(WIDTH, HEIGHT)
        w.show()
        qtbot.waitExposed(w)
        assert next(s.key for s in w.specs) == "province"
        problems: list[str] = []
        for spec in w.specs:
            w.show_screen(spec.key)
            _settle()
            if (w.width(), w.height()) != (WIDTH, HEIGHT):
                problems.append(f"{spec.key}: window grew to {w.width()} x {w.height()}")
            problems += [f"{spec.key}: {c}" for c in cuts(w)]
        w.close()
        assert not problems, f"{language}/province: texts cut:\n" + "\n".join(problems)
    finally:
        pws.close()


def test_recap_tree_fits_without_scrolling_sideways(
    qtbot: QtBot, mixed: Demo, tmp_path: Path, language: str
) -> None:
    """The Rekap tree at 1366 x 768 shows every vote column whole without a sideways scrollbar,
    also unfolded down to the TPS rows (the deepest indent, and a vertical scrollbar taking room):
    columns as wide as their header and widest number, the names elided in the middle with the
    whole name (and code) in the tooltip. With the application's own style and font (as the app
    runs, whichever tests ran before)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    configure_application(app)
    w = _window(qtbot, mixed, tmp_path, "supervisor1")
    w.show_screen("recap")
    dash = w.findChild(DashboardScreen)
    assert dash is not None
    qtbot.waitUntil(lambda: dash.model.rowCount() > 0, timeout=20_000)
    assert dash.wait_idle()
    tree, model = dash.tree, dash.model
    paslon = list(range(COL_FIRST_PASLON, model.columnCount()))
    assert len(paslon) >= 2
    for unfolded in (False, True):
        if unfolded:
            tree.expandAll()
        _settle()
        where = f"{language}, {'unfolded' if unfolded else 'as opened'}"
        assert not any(tree.isColumnHidden(c) for c in paslon), where
        bar = tree.horizontalScrollBar()
        assert bar.maximum() == 0 and not bar.isVisible(), (
            f"{where}: the tree scrolls sideways by {bar.maximum()} px "
            f"({tree.header().length()} px of columns in {tree.viewport().width()} px)"
        )
        assert not cuts(dash), f"{where}: " + "; ".join(map(str, cuts(dash)))
        # The names keep room to be read (a TPS row is indented three levels).
        assert tree.header().sectionSize(COL_NAME) >= 120, where
    assert tree.verticalScrollBar().isVisible()  # unfolded: the narrower case was checked
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    # The deepest name is a TPS's, whole in its tooltip with its code.
    kec = model.index(0, 0, model.index(0, 0))
    tps = model.index(0, COL_NAME, model.index(0, 0, kec))
    name = str(model.data(tps, Qt.ItemDataRole.DisplayRole))
    assert name and name in str(model.data(tps, Qt.ItemDataRole.ToolTipRole))
    w.close()


def test_main_dialogs_fit(qtbot: QtBot, mixed: Demo, tmp_path: Path, language: str) -> None:
    settings = Settings.at(tmp_path / "fit.ini")
    settings.add_recent_workspace(mixed.path)
    ctx = AppContext(mixed.ws, mixed.login("supervisor1"))
    dialogs: list[QDialog] = [
        StartDialog(settings),
        LoginDialog(mixed.ws),
        NewWorkspaceDialog(),
        BackupsDialog(ctx),
    ]
    problems: list[str] = []
    for d in dialogs:
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        _settle()
        assert d.width() <= WIDTH and d.height() <= HEIGHT, type(d).__name__
        problems += [f"{type(d).__name__}: {c}" for c in cuts(d)]
        d.close()
    assert not problems, f"{language}: texts cut in dialogs:\n" + "\n".join(problems)


def test_entry_row_labels_whole(qtbot: QtBot, mixed: Demo, tmp_path: Path, language: str) -> None:
    """The operator tells the rows apart without hovering: every row label of the Pilkada form
    is whole, on one line, at 1366 px (a longer label, as on the plano, wraps on two lines)."""
    w = _window(qtbot, mixed, tmp_path, "operator1")
    w.show_screen("entry")
    station = w.findChild(EntryScreen)
    assert station is not None and station.wait_idle()  # the form is claimed on a worker
    _settle()
    grids = [g for g in w.findChildren(FormGrid) if g.isVisible()]
    assert grids, "the operator has a form open"
    labels = grids[0].row_labels()
    assert len(labels) > 10
    texts = [lab.full_text() for lab in labels]
    # Three rows start alike ("Jumlah pemilih dalam D…"): each is readable to its end.
    assert sum(t.startswith("1. Jumlah pemilih dalam") for t in texts) >= 1
    for lab in labels:
        need = lab.fontMetrics().horizontalAdvance(lab.full_text())
        assert need <= lab.contentsRect().width() + 2, (lab.full_text(), lab.width())


def test_checker_sees_cuts(qtbot: QtBot) -> None:
    """The checker itself: a right-elided row label, a too-narrow label, a header section too
    narrow for its number and a placeholder too long for its field are cut; a label elided in
    the middle with its tooltip is not."""
    narrow = QLabel("Jumlah pemilih dalam DPTb (tambahan)")
    narrow.setFixedWidth(60)
    row = ElidedLabel("3. Jumlah pemilih dalam DPTb (tambahan)")
    row.setObjectName("rowLabel")
    row.setFixedWidth(80)
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget

    edit = QLineEdit()
    edit.setPlaceholderText("91.19.04.2003.001")
    edit.setFixedWidth(60)
    model = QStandardItemModel(1, 2)
    model.setHorizontalHeaderLabels(["Paslon 1", "Final"])
    model.setItem(0, 0, QStandardItem("1.020"))
    table = QTableView()
    table.setModel(model)
    table.setColumnWidth(0, 24)

    title = ElidedLabel(
        "I. DATA PEMILIH DAN PENGGUNAAN HAK PILIH", None, Qt.TextElideMode.ElideMiddle
    )
    title.setFixedWidth(80)
    root = QWidget()
    qtbot.addWidget(root)
    lay = QVBoxLayout(root)
    for x in (narrow, row, title, edit, table):
        lay.addWidget(x)
    root.show()
    qtbot.waitExposed(root)
    found = {c.text for c in cuts(root)}
    assert "Jumlah pemilih dalam DPTb (tambahan)" in found
    assert "3. Jumlah pemilih dalam DPTb (tambahan)" in found
    assert "I. DATA PEMILIH DAN PENGGUNAAN HAK PILIH" not in found
    assert "91.19.04.2003.001" in found
    assert "Paslon 1" in found and "1.020" in found  # "1.02" must never be read for 1,020
