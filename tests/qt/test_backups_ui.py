"""The backups dialog (a Designer form kept in sync with ui/backups.ui) and the automatic backup."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from kamarhitung.qt.backups import AutoBackup, BackupsDialog
from kamarhitung.qt.context import AppContext
from kamarhitung.services.backup import list_backups
from kamarhitung.services.changes import Changes

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_are_current() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "uic.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_dialog_lists_backups_and_takes_one_now(qtbot: QtBot, demo: Any) -> None:
    ctx = AppContext(demo.ws, demo.login("supervisor1"))
    changes: list[Changes] = []
    ctx.sig_data_changed.connect(changes.append)
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.ui.backupList.count() == 0
    dialog.ui.backupNow.click()
    assert not dialog.ui.backupNow.isEnabled()  # taken through the runner, one at a time
    qtbot.waitUntil(lambda: dialog.ui.backupList.count() == 1, timeout=20_000)
    qtbot.waitUntil(lambda: changes == [Changes.AUDIT])  # the backup is in the trail
    assert dialog.ui.backupNow.isEnabled()
    assert "Cadangan dibuat" in dialog.ui.status.text()
    assert len(list_backups(demo.path)) == 1


def test_automatic_backup_on_interval_and_on_close(qtbot: QtBot, demo: Any) -> None:
    ctx = AppContext(demo.ws, demo.login("supervisor1"))
    auto = AutoBackup(ctx)
    assert auto.timer.isActive()
    with qtbot.waitSignal(ctx.sig_status, timeout=20_000):
        auto.backup_in_background()
    info = auto.backup_on_close()
    assert info is not None and info.path.exists()
    assert not auto.timer.isActive()
    assert len(list_backups(demo.path)) == 2


def test_closing_the_main_window_takes_a_backup(qtbot: QtBot, demo: Any) -> None:
    from kamarhitung.qt.main_window import MainWindow

    ctx = AppContext(demo.ws, demo.login("supervisor1"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    dialog = window.show_backups()
    assert dialog.ui.backupList.count() == 0
    dialog.close()
    window.close()
    assert len(list_backups(demo.path)) == 1
