"""File dialogs in Indonesian: the app uses Qt's own dialog, whose every text qt/i18n.py words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTreeView,
)
from pytestqt.qtbot import QtBot

from kamarhitung.qt import i18n
from kamarhitung.qt.app import configure_application
from kamarhitung.qt.i18n import QtBaseIndonesian


def test_the_application_uses_qt_own_file_dialogs(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    configure_application(app)
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)


def _texts(d: QFileDialog) -> list[str]:
    out = [lab.text() for lab in d.findChildren(QLabel) if lab.isVisible() and lab.text()]
    out += [b.text() for b in d.findChildren(QAbstractButton) if b.isVisible() and b.text()]
    out += [b.toolTip() for b in d.findChildren(QAbstractButton) if b.isVisible() and b.toolTip()]
    for view in d.findChildren(QTreeView):
        header: QHeaderView = view.header()
        model = view.model()
        if view.isVisible() and model is not None:
            out += [
                str(model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(header.count())
                if not header.isSectionHidden(c)
            ]
    return out


def test_file_dialogs_speak_indonesian(qtbot: QtBot, tmp_path: object) -> None:
    i18n.set_language("id")
    english = {src for (_ctx, src) in QtBaseIndonesian.TEXTS} - {"OK", "Folder", "Drive"}
    for accept, mode in (
        (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.FileMode.ExistingFiles),
        (QFileDialog.AcceptMode.AcceptSave, QFileDialog.FileMode.AnyFile),
        (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.FileMode.Directory),
    ):
        d = QFileDialog(None, "Pilih berkas", str(tmp_path), "PDF (*.pdf)")
        qtbot.addWidget(d)
        d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        d.setAcceptMode(accept)
        d.setFileMode(mode)
        d.show()
        qtbot.waitExposed(d)
        texts = _texts(d)
        assert texts
        left = [t for t in texts if t in english]
        assert not left, f"English in the file dialog: {left}"
        assert "Batal" in texts
        if accept == QFileDialog.AcceptMode.AcceptSave:
            assert "&Simpan" in texts
        assert any(t in ("&Nama berkas:", "Folder:") for t in texts)
        d.close()
