"""The GUI's entry point: ``kamarhitung [--workspace DIR] [--user NAME] [--lang id|en]``.

Creates the application (names, icon, style, translators), then goes start dialog → log-in → main
window. With ``--workspace`` the start dialog is skipped; with ``--user`` and a password in
``KAMARHITUNG_PASSWORD`` the log-in dialog is skipped too (what ``./dev.sh demo`` does).

:func:`build_main_window` does all of that up to a shown window and returns it, so tests can drive
the start without entering the event loop; :func:`main` then runs the loop.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QStyleFactory, QWidget

import kamarhitung
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.login import LoginDialog, StartDialog, describe_open_error
from kamarhitung.qt.main_window import MainWindow
from kamarhitung.qt.settings import Settings
from kamarhitung.services import accounts
from kamarhitung.services.common import Actor, AuthError, ServiceError
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.workspace import WorkspaceError

PASSWORD_ENV = "KAMARHITUNG_PASSWORD"
ICON_NAME = "kamarhitung.svg"

_PACKAGE = Path(kamarhitung.__file__).resolve().parent
ICON_PATHS: tuple[Path, ...] = (
    _PACKAGE / "resources" / "icons" / ICON_NAME,  # an installed package
    _PACKAGE.parent.parent / "resources" / "icons" / ICON_NAME,  # a source checkout
)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The GUI's options (raises SystemExit(2) with a usage message on a bad one)."""
    p = argparse.ArgumentParser(
        prog="kamarhitung",
        description="kamarhitung: double-entry keying and recap of polling-station result forms. "
        "Without a subcommand the GUI starts.",
    )
    p.add_argument("--workspace", metavar="DIR", help="open this workspace folder")
    p.add_argument(
        "--user",
        metavar="NAME",
        help=f"log in as this user (with the password from {PASSWORD_ENV}, without the dialog)",
    )
    p.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help="interface language (default: as saved, else the system's)",
    )
    return p.parse_args(argv)


# --------------------------------------------------------------------------------- application


def app_icon() -> QIcon:
    """The application icon (an empty icon if the SVG is missing: the app still starts)."""
    for path in ICON_PATHS:
        if path.is_file():
            return QIcon(str(path))
    return QIcon()


PALETTE: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#f2f4f7",
    QPalette.ColorRole.WindowText: "#1f2933",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f8fa",
    QPalette.ColorRole.Text: "#1f2933",
    QPalette.ColorRole.Button: "#e9edf1",
    QPalette.ColorRole.ButtonText: "#1f2933",
    QPalette.ColorRole.Highlight: "#2f6f9f",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#fdfcf5",
    QPalette.ColorRole.ToolTipText: "#1f2933",
    QPalette.ColorRole.PlaceholderText: "#7b8794",
    QPalette.ColorRole.Link: "#1f5f8b",
}
"""A calm light palette: off-white surfaces (less glare at night than pure white), dark slate
text, one muted blue for selection."""

STYLE_SHEET = """
QFrame#navPanel { background: #1f2a37; }
QLabel#navApp { color: #f5f7fa; font-weight: 600; font-size: 11.5pt; }
QLabel#navPlace { color: #9fb3c8; }
QLabel#navSection { color: #7b8b9c; font-size: 8pt; font-weight: 600; }
QListWidget#nav { background: transparent; color: #d9e2ec; border: none; outline: 0; }
QListWidget#nav::item { padding: 6px 14px; border-left: 3px solid transparent; }
QListWidget#nav::item:hover { background: #273647; }
QListWidget#nav::item:selected { background: #2e4156; color: #ffffff;
                                 border-left: 3px solid #6cb4e4; }
QLabel#navUser { color: #f5f7fa; font-weight: 600; }
QLabel#navRole { color: #9fb3c8; }
QWidget#lockPage { background: #1f2a37; }
QWidget#lockPage QLabel#screenTitle { color: #f5f7fa; }
QWidget#lockPage QLabel#muted { color: #9fb3c8; }
QLabel#screenTitle { font-size: 16pt; font-weight: 600; color: #1f2933; }
QLabel#dialogTitle { font-size: 14pt; font-weight: 600; color: #1f2933; }
QLabel#sectionTitle { font-weight: 600; color: #334e68; }
QLabel#contestName { font-weight: 600; }
QLabel#muted { color: #52606d; }
QFrame#card { background: #ffffff; border: 1px solid #d5dbe1; border-radius: 6px; }
QFrame#card QLabel { background: transparent; }
QTableView { background: #ffffff; border: 1px solid #d5dbe1; border-radius: 4px;
             gridline-color: #e4e7eb; }
QTableView#statusTable::item { padding: 4px 8px; }
QHeaderView::section { background: #eef1f4; color: #334e68; padding: 6px 8px; border: none;
                       border-bottom: 1px solid #d5dbe1; font-weight: 600; }
QProgressBar { border: none; background: #e4e8ec; border-radius: 5px; }
QProgressBar::chunk { background: #3d8f5a; border-radius: 5px; }
QStatusBar { background: #e6eaee; color: #3e4c59; border-top: 1px solid #d5dbe1; }
QStatusBar QLabel { padding: 0 10px; }
QListWidget#recentList::item { padding: 6px 4px; }
QToolButton#linkButton { border: none; color: #1f5f8b; padding: 2px 0; }
QToolButton#linkButton::menu-indicator { image: none; width: 0; }
QDialog QLineEdit { padding: 3px 6px; }
QDialog QLineEdit:read-only { background: #eef1f4; color: #334e68; }
QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }
QListWidget#problemList::item { padding: 3px 2px; }
"""


def configure_application(app: QApplication) -> None:
    """Names, icon, style and font of the application (idempotent)."""
    QCoreApplication.setOrganizationName("kamarhitung")
    QCoreApplication.setApplicationName("kamarhitung")
    QCoreApplication.setApplicationVersion(kamarhitung.__version__)
    # Matches the installed kamarhitung.desktop (installer/): the dock shows its icon on Wayland.
    QApplication.setDesktopFileName("kamarhitung")
    QApplication.setWindowIcon(app_icon())
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    palette = app.palette()
    for role, color in PALETTE.items():
        palette.setColor(role, QColor(color))
    app.setPalette(palette)
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
    # Qt's own file dialogs, not the system's: their texts follow the interface's language
    # (qt/i18n.py words them in Indonesian), whatever the language of the computer.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def application(argv: list[str]) -> QApplication:
    """The running QApplication, created (and configured) if there is none yet."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([sys.argv[0] if sys.argv else "kamarhitung", *argv])
    configure_application(app)
    return app


# ------------------------------------------------------------------------------------ sessions


class Launcher(QObject):
    """Owns this process's sessions: choose a workspace, log in, open a window; switch workspaces.

    Each window's workspace is closed when the window closes.
    """

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.windows: list[MainWindow] = []

    def choose_workspace(
        self, parent: QWidget | None = None, error: str = ""
    ) -> tuple[Workspace, Actor | None] | None:
        """The start dialog; None when the user left it."""
        dialog = StartDialog(self.settings, parent)
        if error:
            dialog.error_label.setText(error)
            dialog.error_label.show()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.workspace is None:
            return None
        return dialog.workspace, dialog.actor

    def log_in(
        self,
        ws: Workspace,
        user: str | None = None,
        password: str | None = None,
        parent: QWidget | None = None,
    ) -> Actor | None:
        """Log in directly when both a user and a password are given, else through the dialog."""
        error = ""
        if user and password:
            try:
                return accounts.authenticate(ws, user, password)
            except AuthError:
                error = QCoreApplication.translate(
                    "app", "Kata sandi dari {env} untuk {user} ditolak. Masuk di sini."
                ).format(env=PASSWORD_ENV, user=user)
        dialog = LoginDialog(
            ws, user or self.settings.last_user(ws.path), error=error, parent=parent
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.actor

    def open_window(self, ws: Workspace, actor: Actor) -> MainWindow:
        """The main window of a new session, shown."""
        self.settings.add_recent_workspace(ws.path)
        self.settings.set_last_user(ws.path, actor.name)
        ctx = AppContext(ws, actor)
        window = MainWindow(ctx, settings=self.settings)
        ctx.setParent(window)
        window.sig_closed.connect(lambda: self._closed(window))
        window.sig_open_workspace.connect(lambda: self.switch_workspace(window))
        window.sig_switch_user.connect(lambda: self.switch_user(window))
        window.sig_reopen.connect(lambda u, p, m: self.reopen_room(window, u, p, m))
        self.windows.append(window)
        window.show()
        return window

    def start(
        self, workspace: Path | None, user: str | None, password: str | None
    ) -> MainWindow | None:
        """From the command line's options to a shown main window; None if the user gave up."""
        ws: Workspace | None = None
        actor: Actor | None = None
        error = ""
        if workspace is not None:
            try:
                ws = open_workspace(workspace)
            except (WorkspaceError, OSError) as e:
                print(f"kamarhitung: {workspace}: {e}", file=sys.stderr)
                error = describe_open_error(workspace, e)
        while True:
            if ws is None:
                chosen = self.choose_workspace(error=error)
                if chosen is None:
                    return None
                ws, actor = chosen
                user = password = None
            if actor is None:
                actor = self.log_in(ws, user, password)
            if actor is not None:
                return self.open_window(ws, actor)
            # Log-in cancelled: back to the choice of workspace.
            ws.close()
            ws = None
            error = ""

    def switch_workspace(self, current: MainWindow) -> None:
        """Berkas → Buka workspace…: choose, log in, then replace the current window."""
        chosen = self.choose_workspace(current)
        if chosen is None:
            return
        ws, actor = chosen
        if actor is None:
            actor = self.log_in(ws, parent=current)
        if actor is None:
            ws.close()
            return
        self.open_window(ws, actor)
        current.close()

    def reopen_room(
        self, current: MainWindow, user: str, password: str, message: str = ""
    ) -> MainWindow | None:
        """The workspace of ``current`` was let go of to become a room host: open it again
        (from the room, or from its SQLite file if hosting failed), log the same user in, show
        the room dialog (saying ``message``), and close the old window."""
        path = current.ctx.ws.path
        try:
            ws = open_workspace(path)
            actor = accounts.authenticate(ws, user, password)
        except (WorkspaceError, ServiceError, OSError) as e:
            current.statusBar().showMessage(i18n.refusal_text(e))
            return None
        window = self.open_window(ws, actor)
        window.show_room(password, message)
        current.close()
        return window

    def switch_user(self, current: MainWindow) -> None:
        """Berkas → Ganti pengguna: the current user is logged out; the log-in dialog asks for
        the next one on the same workspace. Cancelling it never returns to the old session: it
        goes to the start dialog (the window closes only after the next one is open, so the
        application does not quit in between)."""
        path = current.ctx.ws.path
        accounts.log_out(current.ctx.ws, current.ctx.actor)
        try:
            ws: Workspace | None = open_workspace(path)
        except (WorkspaceError, OSError):
            ws = None
        actor: Actor | None = None
        if ws is not None:
            dialog = LoginDialog(ws, "", parent=current)  # the name field empty: the next user
            if dialog.exec() == QDialog.DialogCode.Accepted:
                actor = dialog.actor
        if ws is not None and actor is not None:
            self.open_window(ws, actor)
        else:
            if ws is not None:
                ws.close()
            self.start(None, None, None)
        current.close()

    def _closed(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
        window.ctx.ws.close()
        window.deleteLater()


# --------------------------------------------------------------------------------------- entry


def build_main_window(argv: list[str], settings: Settings | None = None) -> MainWindow | None:
    """Everything :func:`main` does before the event loop: a shown main window, or None when the
    user left the start or log-in dialog. Raises SystemExit(2) on bad options."""
    args = parse_args(argv)
    app = application([])
    settings = settings if settings is not None else Settings()
    lang = args.lang or settings.language()
    if not i18n.set_language(lang):
        print(
            f"kamarhitung: no translation {i18n.qm_path(lang)}; run 'python tools/i18n.py build'",
            file=sys.stderr,
        )
    launcher = Launcher(settings, app)
    password = os.environ.get(PASSWORD_ENV) or None
    workspace = Path(args.workspace) if args.workspace else None
    window = launcher.start(workspace, args.user, password)
    if window is None:
        launcher.deleteLater()
    return window


def main(argv: list[str]) -> int:
    """Run the GUI; the exit code follows INTERFACES.md (0 done, 2 refused)."""
    try:
        window = build_main_window(argv)
    except SystemExit as e:  # argparse: the usage message is printed already
        return e.code if isinstance(e.code, int) else 2
    if window is None:
        return 0
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.exec()
