"""The first run on a new machine: with no settings, the start dialog offers the three ways in
(the demo, a new workspace from a master workbook, an existing workspace); the About box and the
start dialog show the version; the language follows the system until chosen, and the choice on
the start dialog applies at once, without a restart, and is remembered."""

from __future__ import annotations

import importlib.util
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

import kamarhitung
from kamarhitung.qt import app as qt_app
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.login import NewWorkspaceDialog, StartDialog, workspaces_dir
from kamarhitung.qt.main_window import MainWindow
from kamarhitung.qt.settings import Settings
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


class Demo(Protocol):
    """The ``demo`` fixture of conftest.py."""

    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


@pytest.fixture(autouse=True)
def _fresh_machine(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    """Empty user settings in a temporary folder; the application's look and language put back
    afterwards, for the tests of other modules."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "user-settings"))
    style, sheet, palette, font = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.palette(),
        qapp.font(),
    )
    yield
    i18n.remove_translators()
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def qm_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The committed English translation compiled afresh, where the application looks for it."""
    spec = importlib.util.spec_from_file_location("kh_tools_i18n", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    tools = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tools)
    out = tmp_path / "qm"
    out.mkdir()
    subprocess.run(
        [
            tools.tool("pyside6-lrelease"),
            "-silent",
            str(tools.ts_path("en")),
            "-qm",
            str(out / "kamarhitung_en.qm"),
        ],
        check=True,
    )
    monkeypatch.setattr(i18n, "QM_DIR", out)
    return out


def _tr(text: str) -> str:
    return QCoreApplication.translate("StartDialog", text)


# ------------------------------------------------------------------------------ the first run


def test_first_run_opens_the_start_dialog_with_the_three_ways_in(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StartDialog):
            QTimer.singleShot(20, inspect)
            return
        seen["language"] = i18n.current_language()
        seen["recent_hidden"] = dialog.recent_list.isHidden()
        seen["empty_shown"] = dialog._empty.isVisible()
        seen["actions"] = {
            b.text(): b.isVisible() and b.isEnabled()
            for b in (dialog.demo_button, dialog.new_button, dialog.browse_button)
        }
        seen["icon"] = not QApplication.windowIcon().isNull()
        dialog.quit_button.click()

    QTimer.singleShot(0, inspect)
    window = qt_app.build_main_window([], settings=Settings())  # the settings are empty
    assert window is None  # left the start dialog: nothing else opened
    assert seen["language"] == i18n.system_language()
    assert seen["recent_hidden"] and seen["empty_shown"]
    assert seen["actions"] == {
        _tr("Buka demo"): True,
        _tr("Workspace baru dari buku induk…"): True,
        _tr("Buka workspace…"): True,
    }
    assert seen["icon"]


def test_the_new_workspace_action_opens_the_master_workbook_dialog(qtbot: QtBot) -> None:
    i18n.set_language("id")
    dialog = StartDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    opened: list[str] = []

    def close_it() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, NewWorkspaceDialog):
            QTimer.singleShot(20, close_it)
            return
        opened.append(modal.windowTitle())
        modal.reject()

    QTimer.singleShot(0, close_it)
    dialog.new_button.click()
    assert opened == ["Workspace baru — kamarhitung"]
    assert dialog.workspace is None


def test_file_choosers_start_in_documents_not_in_the_program_folder() -> None:
    docs = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    assert workspaces_dir() in (docs, docs / "kamarhitung")
    assert Path(kamarhitung.__file__).parent not in (workspaces_dir(), *workspaces_dir().parents)


# ------------------------------------------------------------------------------------ version


def test_about_and_start_dialog_show_the_version(qtbot: QtBot, demo: Demo) -> None:
    i18n.set_language("id")
    w = MainWindow(AppContext(demo.ws, demo.login("supervisor1")), settings=Settings())
    qtbot.addWidget(w)
    box = w.show_about()
    assert f"kamarhitung {kamarhitung.__version__}" in box.text()
    assert box.windowTitle() == "Tentang kamarhitung"
    box.close()
    dialog = StartDialog(Settings())
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"kamarhitung {kamarhitung.__version__}" in labels


# ----------------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("id_ID", "id"), ("en_US", "en"), ("en_GB", "en"), ("fr_FR", "id"), ("C", "id")],
)
def test_the_default_language_follows_the_system(
    qapp: QApplication, locale: str, lang: str
) -> None:
    assert i18n.system_language(QLocale(locale)) == lang


def test_settings_default_to_the_system_language_until_chosen(qapp: QApplication) -> None:
    settings = Settings()
    assert settings.language() == i18n.system_language()
    settings.set_language("en")
    assert Settings().language() == "en"
    settings.set_language("id")
    assert Settings().language() == "id"


def test_language_choice_on_the_start_dialog_applies_without_restart(
    qtbot: QtBot, qm_dir: Path
) -> None:
    i18n.set_language("id")
    settings = Settings()
    dialog = StartDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.demo_button.text() == "Buka demo"
    assert dialog.language_box.currentText() == "Bahasa Indonesia"

    QTest.keyClick(dialog.language_box, Qt.Key.Key_Down)  # to English, from the keyboard
    qtbot.waitUntil(lambda: dialog.demo_button.text() == "Open the demo")
    assert dialog.windowTitle() == "kamarhitung — choose a workspace"
    assert dialog.new_button.text() == "New workspace from a master workbook…"
    assert i18n.current_language() == "en"
    assert Settings().language() == "en"  # remembered for the next start
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(english)
    assert english.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"

    QTest.keyClick(dialog.language_box, Qt.Key.Key_Up)  # and back
    qtbot.waitUntil(lambda: dialog.demo_button.text() == "Buka demo")
    assert Settings().language() == "id"
    # Qt's own dialog buttons speak Indonesian too.
    indonesian = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(indonesian)
    assert {b.text() for b in indonesian.buttons()} == {"OK", "Batal"}


def test_a_missing_translation_is_said_on_the_start_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "QM_DIR", tmp_path / "nothing-here")
    i18n.set_language("id")
    dialog = StartDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog.language_box, Qt.Key.Key_Down)
    assert dialog.error_label.isVisible()
    assert "English" in dialog.error_label.text()
    assert dialog.demo_button.text() == "Buka demo"  # still usable, in Indonesian
