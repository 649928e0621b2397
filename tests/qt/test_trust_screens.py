"""Issue 12 on the screens: the GUI's export refuses a workspace that fails ``audit verify``
(the same service check as the command line), and the log-in dialog neither reveals whether an
account exists nor breaks on an account changed outside the application."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from kamarhitung.qt.context import AppContext
from kamarhitung.qt.login import LoginDialog
from kamarhitung.qt.screens.export import ExportScreen
from kamarhitung.services.common import IntegrityError


def _sql(d: Any, statement: str) -> None:
    con = sqlite3.connect(d.path / "kamarhitung.sqlite")
    con.execute(statement)
    con.commit()
    con.close()


def test_the_export_screen_refuses_a_tampered_workspace_inline(
    mixed: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = ExportScreen(AppContext(mixed.ws, mixed.login("supervisor1")))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.wait_idle()
    _sql(
        mixed,
        "UPDATE record SET final_values = replace(final_values, '\"IV.1\":', '\"IV.1\":1') "
        "WHERE rowid = (SELECT min(rowid) FROM record WHERE state = 'final')",
    )
    out = tmp_path / "usb"
    out.mkdir()
    with qtbot.waitSignal(screen.sig_export_finished, timeout=30_000) as blocker:
        assert screen.export_to(out, str(mixed.credentials["key_passphrase"]))
    assert isinstance(blocker.args[0], IntegrityError)
    text = screen.message_text()
    # The refusal and the problem it names, both in Indonesian (by their codes).
    assert "tidak lolos verifikasi audit" in text and "Rekaman final" in text
    assert "final record" not in text
    assert list(out.iterdir()) == []
    qtbot.waitUntil(lambda: not screen.export_running(), timeout=30_000)
    screen.wait_idle()


def test_the_login_dialog_says_the_same_for_every_refusal_and_names_a_changed_account(
    demo: Any, qtbot: QtBot
) -> None:
    dialog = LoginDialog(demo.ws)
    qtbot.addWidget(dialog)
    dialog.show()
    replies = []
    for name, password in (("nobody", "whatever-1"), ("operator1", "not-it-123")):
        dialog.user_edit.setText(name)
        dialog.password_edit.setText(password)
        dialog._submit()
        replies.append(dialog.error_label.text())
    _sql(demo, "UPDATE user SET active = 0 WHERE name = 'operator2'")
    dialog.user_edit.setText("operator2")
    dialog.password_edit.setText(demo.password("operator2"))
    dialog._submit()
    replies.append(dialog.error_label.text())
    assert len(set(replies)) == 1 and "operator" not in replies[0]
    # An operator made admin with sqlite3: refused, named, and the dialog stays usable.
    _sql(demo, "UPDATE user SET role = 'admin' WHERE name = 'operator3'")
    dialog.user_edit.setText("operator3")
    dialog.password_edit.setText(demo.password("operator3"))
    dialog._submit()
    assert "Masuk ditolak" in dialog.error_label.text()
    assert "Akun operator3 tidak cocok dengan catatan auditnya" in dialog.error_label.text()
    assert dialog.actor is None and dialog.isVisible()
