"""The way in: choose a workspace (recent, a folder, the demo, a new one from a master workbook), log in,
and unlock a locked screen.

Everything works from the keyboard: Enter submits, Escape cancels, the tab order follows the page.
Errors are shown inline, in the dialog, in red and in words (never a modal box on top of a modal
box); a failed log-in is counted by :func:`kamarhitung.services.accounts.authenticate`, which locks
an account after five failures in a row.

Long work (building the demo, reading a master of 25,000 TPS) runs through the GUI's one runner
(:mod:`kamarhitung.qt.models.background`) behind a progress dialog, so the window keeps painting.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

import kamarhitung
from kamarhitung.core.master import MasterError, MasterProblem, read_master
from kamarhitung.qt import i18n
from kamarhitung.qt.models.background import Background, Failure, Job
from kamarhitung.qt.settings import Settings

if TYPE_CHECKING:
    from kamarhitung.qt.room import JoinDialog
from kamarhitung.services import accounts
from kamarhitung.services.common import Actor, AuthError, ServiceError
from kamarhitung.services.demo import create_demo
from kamarhitung.services.setup import init_workspace
from kamarhitung.services.workspace import Workspace, open_workspace

# The store's error type only, to tell "not a workspace" from other failures; no data access.
from kamarhitung.store.workspace import NewerSchemaError, WorkspaceError

ERROR_STYLE = "color: #b3261e;"
"""Inline errors: a dark red that stays readable on the light background (contrast > 6:1)."""

DEMO_TPS = 300
DEMO_SEED = 1
DB_NAME = "kamarhitung.sqlite"
ROOM_FILE = "room.json"  # a room host's folder, or a station's (services/room.py)


def _is_workspace(path: Path) -> bool:
    """A workspace folder: its SQLite database, or the room it belongs to."""
    return (path / DB_NAME).is_file() or (path / ROOM_FILE).is_file()


T = TypeVar("T")


# ------------------------------------------------------------------------------- background work


def run_with_progress(
    parent: QWidget | None, label: str, fn: Callable[[Callable[[str], None]], T]
) -> T:
    """Run ``fn(progress)`` through the runner (:mod:`kamarhitung.qt.models.background`) behind
    a busy dialog, waiting in a local event loop (the window keeps painting); return its result
    or raise its error.

    Not cancellable: the tasks given here (creating a workspace) are single transactions that
    are either done or rolled back, and stopping one half-way would gain nothing.
    """
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)  # Qt: None removes the button
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(200)
    dialog.setAutoClose(False)
    jobs = Background()
    loop = QEventLoop()
    result: list[T] = []
    failure: list[Failure] = []

    def done(value: T) -> None:
        result.append(value)
        loop.quit()

    def failed(f: Failure) -> None:
        failure.append(f)
        loop.quit()

    def work(job: Job) -> T:
        return fn(lambda message: job.progress(message))

    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        jobs.run(work, done, failed, on_progress=lambda m: dialog.setLabelText(f"{label}\n{m}"))
        if jobs.busy():
            loop.exec()
    finally:
        QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()
        jobs.deleteLater()
    if failure:
        raise failure[0].error
    return result[0]


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
    label.setAccessibleDescription(text)


def workspace_title(ws: Workspace) -> str:
    """The kabupaten a workspace holds, as shown in titles (its folder name if it has none)."""
    meta = ws.meta()
    return meta.get("kabupaten_name") or ws.path.name


def demo_dir() -> Path:
    """Where "Buka demo" keeps its workspace: ``KAMARHITUNG_DEMO_DIR`` (as ``./dev.sh demo``),
    else the application's data folder."""
    env = os.environ.get("KAMARHITUNG_DEMO_DIR")
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "demo-workspace"


def workspaces_dir() -> Path:
    """Where the folder choosers start: ``Documents/kamarhitung`` if it exists, else the user's
    Documents (never the program's folder: it is the working directory of a Start-menu entry and
    goes away with the uninstaller)."""
    docs = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return docs / "kamarhitung" if (docs / "kamarhitung").is_dir() else docs


def _demo_users(ws: Workspace) -> list[tuple[str, str, str]]:
    """(name, role, password) of a demo workspace's users, from ``demo-credentials.json``."""
    path = ws.path / "demo-credentials.json"
    if ws.meta().get("demo") != "1" or not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        users = data["users"]
        return [(str(u["name"]), str(u["role"]), str(u["password"])) for u in users]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def describe_open_error(path: Path, e: Exception) -> str:
    """Why a folder could not be opened as a workspace, in words."""
    if isinstance(e, NewerSchemaError):
        return QCoreApplication.translate(
            "login",
            "Workspace {path} dibuat oleh versi kamarhitung yang lebih baru. Perbarui aplikasi "
            "untuk membukanya.",
        ).format(path=path)
    if not _is_workspace(path):
        if not path.exists():
            return QCoreApplication.translate("login", "Folder {path} tidak ada (lagi).").format(
                path=path
            )
        return QCoreApplication.translate(
            "login", "Folder {path} bukan workspace kamarhitung."
        ).format(path=path)
    return QCoreApplication.translate(
        "login", "Workspace {path} tidak dapat dibuka: {detail}"
    ).format(path=path, detail=i18n.refusal_text(e))


# ------------------------------------------------------------------------------------- log in


class LoginDialog(QDialog):
    """User name and password for one workspace; also the lock screen for the same user.

    After ``exec()`` returns ``Accepted``, :attr:`actor` is the logged-in user. In lock mode the
    user name is fixed, Escape does nothing, and "Keluar aplikasi" finishes with :attr:`QUIT`.
    """

    QUIT = 2
    """The result when the user chose to quit from the lock screen."""

    def __init__(
        self,
        ws: Workspace,
        user: str = "",
        *,
        lock: bool = False,
        error: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._ws = ws
        self._lock = lock
        self.actor: Actor | None = None
        self.failures = 0
        """Failed attempts in this dialog (the account's own count is kept by the service)."""
        meta = ws.meta()
        self._kabupaten = meta.get("kabupaten_name") or ws.path.name
        self._election = meta.get("election", "")

        self._title = QLabel(self)
        self._title.setObjectName("dialogTitle")
        self._place = QLabel(self)
        self._place.setObjectName("muted")
        self._place.setWordWrap(True)
        self._hint = QLabel(self)
        self._hint.setWordWrap(True)
        self._hint.setVisible(lock)

        self._user_label = QLabel(self)
        self.user_edit = QLineEdit(user, self)
        self.user_edit.setObjectName("userName")
        self.user_edit.setReadOnly(lock)
        self._user_label.setBuddy(self.user_edit)
        self._password_label = QLabel(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._password_label.setBuddy(self.password_edit)
        self.error_label = _error_label(self)

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow(self._user_label, self.user_edit)
        form.addRow(self._password_label, self.password_edit)

        self._buttons = QDialogButtonBox(self)
        self.ok_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self._cancel)

        self._demo_button: QToolButton | None = None
        demo_users = [] if lock else _demo_users(ws)
        bottom = QHBoxLayout()
        if demo_users:
            self._demo_button = QToolButton(self)
            self._demo_button.setObjectName("linkButton")
            self._demo_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(self._demo_button)
            for name, role, password in demo_users:
                action = menu.addAction(f"{name}  ·  {i18n.role_name(role)}")
                action.triggered.connect(lambda _=False, n=name, p=password: self._fill_demo(n, p))
            self._demo_button.setMenu(menu)
            bottom.addWidget(self._demo_button)
        bottom.addStretch(1)
        bottom.addWidget(self._buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self._title)
        layout.addWidget(self._place)
        layout.addWidget(self._hint)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addSpacing(4)
        layout.addLayout(bottom)

        QWidget.setTabOrder(self.user_edit, self.password_edit)
        QWidget.setTabOrder(self.password_edit, self.ok_button)
        QWidget.setTabOrder(self.ok_button, self.cancel_button)
        self.setMinimumWidth(440)
        self.retranslate()
        _show_error(self.error_label, error)
        (self.password_edit if user else self.user_edit).setFocus()

    def retranslate(self) -> None:
        """Set every text of the dialog (again, after a language switch)."""
        if self._lock:
            self.setWindowTitle(self.tr("Layar terkunci — kamarhitung"))
            self._title.setText(self.tr("Layar terkunci"))
            self._hint.setText(
                self.tr(
                    "Layar ini dikunci. Masukkan kata sandi {user} untuk melanjutkan, atau "
                    "keluar dari aplikasi."
                ).format(user=self.user_edit.text())
            )
            self.ok_button.setText(self.tr("Buka kunci"))
            self.cancel_button.setText(self.tr("Keluar aplikasi"))
        else:
            self.setWindowTitle(self.tr("Masuk — kamarhitung"))
            self._title.setText(self.tr("Masuk"))
            self.ok_button.setText(self.tr("Masuk"))
            self.cancel_button.setText(self.tr("Batal"))
        # The demo's election name already names the kabupaten; do not say it twice.
        if self._election and self._kabupaten in self._election:
            self._place.setText(self._election)
        elif self._election:
            self._place.setText(f"{self._kabupaten} · {self._election}")
        else:
            self._place.setText(self._kabupaten)
        self._user_label.setText(self.tr("&Nama pengguna"))
        self._password_label.setText(self.tr("&Kata sandi"))
        if self._demo_button is not None:
            self._demo_button.setText(self.tr("Akun demo") + " ▾")
            self._demo_button.setToolTip(
                self.tr("Isi nama dan kata sandi dari demo-credentials.json")
            )

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def locked_user(self) -> str | None:
        return self.user_edit.text() if self._lock else None

    def _fill_demo(self, name: str, password: str) -> None:
        self.user_edit.setText(name)
        self.password_edit.setText(password)
        self.ok_button.setFocus()

    def _submit(self) -> None:
        name = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not name:
            _show_error(self.error_label, self.tr("Isi nama pengguna."))
            self.user_edit.setFocus()
            return
        if not password:
            _show_error(self.error_label, self.tr("Isi kata sandi."))
            self.password_edit.setFocus()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            actor = accounts.authenticate(self._ws, name, password)
        except AuthError:
            self.failures += 1
            _show_error(self.error_label, self._auth_error())
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        except ServiceError as e:  # an account changed outside the application (IntegrityError)
            _show_error(
                self.error_label,
                self.tr("Masuk ditolak: {detail}").format(detail=i18n.refusal_text(e)),
            )
            self.password_edit.clear()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.actor = actor
        _show_error(self.error_label, "")
        self.accept()

    def _auth_error(self, name: str = "") -> str:
        """Why a log-in failed: one reply for a wrong name, a wrong password, a locked and a
        disabled account, so that the screen never tells whether an account exists (the
        audit trail records which it was, for the admin)."""
        return self.tr(
            "Nama pengguna atau kata sandi salah, atau akun terkunci atau dinonaktifkan "
            "(admin dapat memeriksanya)."
        )

    def _cancel(self) -> None:
        if self._lock:
            self.done(self.QUIT)
        else:
            self.reject()

    @override
    def reject(self) -> None:
        # Escape on the lock screen must not reveal the window behind it.
        if not self._lock:
            super().reject()

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button must not reveal the locked window either; a close that the
        # application asks for (quitting, logging out of the desktop) goes through.
        if self._lock and event.spontaneous():
            event.ignore()
            return
        super().closeEvent(event)


# -------------------------------------------------------------------------------- new workspace


@dataclass(frozen=True, slots=True)
class NewWorkspace:
    """What the new-workspace dialog made: where, and the first admin to log in as."""

    path: Path
    admin: str
    password: str


class NewWorkspaceDialog(QDialog):
    """A new workspace from a master workbook, with its first admin.

    When the workbook cannot be used, every problem is listed (sheet, row, column, what) and no
    workspace is created; the user fixes the file and presses the button again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newWorkspaceDialog")
        self.created: NewWorkspace | None = None
        self.problems: tuple[MasterProblem, ...] = ()

        self._title = QLabel(self)
        self._title.setObjectName("dialogTitle")
        self._intro = QLabel(self)
        self._intro.setObjectName("muted")
        self._intro.setWordWrap(True)

        self.master_edit = QLineEdit(self)
        self.master_edit.setObjectName("masterPath")
        self._master_browse = QPushButton(self)
        self._master_browse.clicked.connect(self._browse_master)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("folderPath")
        self._folder_browse = QPushButton(self)
        self._folder_browse.clicked.connect(self._browse_folder)
        self.election_edit = QLineEdit(self)
        self.admin_edit = QLineEdit("admin", self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)

        def with_button(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            return row

        self._labels = [QLabel(self) for _ in range(6)]
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        form.addRow(self._labels[0], with_button(self.master_edit, self._master_browse))
        form.addRow(self._labels[1], with_button(self.folder_edit, self._folder_browse))
        form.addRow(self._labels[2], self.election_edit)
        form.addRow(self._labels[3], self.admin_edit)
        form.addRow(self._labels[4], self.password_edit)
        form.addRow(self._labels[5], self.repeat_edit)
        buddies = (
            self.master_edit,
            self.folder_edit,
            self.election_edit,
            self.admin_edit,
            self.password_edit,
            self.repeat_edit,
        )
        for label, buddy in zip(self._labels, buddies, strict=True):
            label.setBuddy(buddy)

        self.error_label = _error_label(self)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("problemList")
        self.problem_list.setWordWrap(True)
        self.problem_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problem_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problem_list.setMinimumHeight(200)
        self.problem_list.setAlternatingRowColors(True)
        self.problem_list.hide()
        self._copy_button = QPushButton(self)
        self._copy_button.clicked.connect(self._copy_problems)
        self._copy_button.hide()

        self._buttons = QDialogButtonBox(self)
        self.create_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.cancel_button.clicked.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self._copy_button)
        bottom.addStretch(1)
        bottom.addWidget(self._buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(self._title)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.problem_list, 1)
        layout.addLayout(bottom)

        for a, b in zip(
            (self.master_edit, self._master_browse, self.folder_edit, self._folder_browse),
            (self._master_browse, self.folder_edit, self._folder_browse, self.election_edit),
            strict=True,
        ):
            QWidget.setTabOrder(a, b)
        self.setMinimumWidth(620)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text of the dialog (again, after a language switch)."""
        self.setWindowTitle(self.tr("Workspace baru — kamarhitung"))
        self._title.setText(self.tr("Workspace baru dari buku induk"))
        self._intro.setText(
            self.tr(
                "Buku induk adalah buku kerja Excel dengan sheet TPS dan PASLON (buat contohnya "
                "dengan 'kamarhitung master-template'). Semua TPS, wilayah dan paslon dibaca "
                "darinya; admin pertama dibuat dengan nama dan kata sandi di bawah."
            )
        )
        for label, text in zip(
            self._labels,
            (
                self.tr("&Buku induk (xlsx)"),
                self.tr("&Folder workspace"),
                self.tr("Nama &pemilihan"),
                self.tr("Nama &admin"),
                self.tr("&Kata sandi admin"),
                self.tr("&Ulangi kata sandi"),
            ),
            strict=True,
        ):
            label.setText(text)
        self._master_browse.setText(self.tr("Pilih…"))
        self._folder_browse.setText(self.tr("Pilih…"))
        self.election_edit.setPlaceholderText(self.tr("mis. Pilkada Serentak 2024"))
        self.password_edit.setPlaceholderText(
            self.tr("minimal {n} karakter, dengan huruf dan angka").format(
                n=accounts.MIN_PASSWORD_LENGTH
            )
        )
        self.create_button.setText(self.tr("Buat workspace"))
        self.cancel_button.setText(self.tr("Batal"))
        self._copy_button.setText(self.tr("Salin daftar masalah"))
        self._show_problems(self.problems)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _browse_master(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih buku induk"),
            self.master_edit.text() or str(workspaces_dir()),
            self.tr("Buku kerja Excel (*.xlsx);;Semua berkas (*)"),
        )
        if path:
            self.master_edit.setText(path)

    def _browse_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self,
            self.tr("Pilih folder untuk workspace baru"),
            self.folder_edit.text() or str(workspaces_dir()),
        )
        if path:
            self.folder_edit.setText(path)

    def _check_inputs(self) -> str | None:
        """What is wrong with the fields, in words, or None."""
        master = self.master_edit.text().strip()
        folder = self.folder_edit.text().strip()
        admin = self.admin_edit.text().strip()
        password = self.password_edit.text()
        if not master:
            return self.tr("Pilih berkas buku induk.")
        if not Path(master).exists():
            return self.tr("Berkas {path} tidak ada.").format(path=master)
        if not folder:
            return self.tr("Pilih folder untuk workspace.")
        if _is_workspace(Path(folder)):
            return self.tr("Folder {path} sudah berisi workspace.").format(path=folder)
        if not admin or not admin.replace("_", "").replace("-", "").replace(".", "").isalnum():
            return self.tr(
                "Nama admin hanya boleh berisi huruf, angka, titik, tanda hubung dan garis bawah."
            )
        if len(password) < accounts.MIN_PASSWORD_LENGTH:
            return self.tr("Kata sandi minimal {n} karakter.").format(
                n=accounts.MIN_PASSWORD_LENGTH
            )
        if password.lower() == admin.lower():
            return self.tr("Kata sandi tidak boleh sama dengan nama pengguna.")
        if not any(c.isdigit() for c in password) or not any(c.isalpha() for c in password):
            return self.tr("Kata sandi harus memuat huruf dan angka.")
        if password != self.repeat_edit.text():
            return self.tr("Kedua kata sandi tidak sama.")
        return None

    def _create(self) -> None:
        self._show_problems(())
        problem = self._check_inputs()
        if problem:
            _show_error(self.error_label, problem)
            return
        _show_error(self.error_label, "")
        master_path = Path(self.master_edit.text().strip())
        folder = Path(self.folder_edit.text().strip())
        election = self.election_edit.text().strip()
        admin = self.admin_edit.text().strip()
        password = self.password_edit.text()

        def work(progress: Callable[[str], None]) -> None:
            progress(QCoreApplication.translate("login", "Membaca buku induk…"))
            master = read_master(master_path)
            progress(QCoreApplication.translate("login", "Membuat workspace…"))
            init_workspace(
                folder,
                master,
                election=election or f"Pilkada — {master.kabupaten.name}",
                admin=admin,
                password=password,
            )

        try:
            run_with_progress(self, self.tr("Membuat workspace baru"), work)
        except MasterError as e:
            self._show_problems(e.problems)
            return
        except (ServiceError, WorkspaceError, OSError) as e:
            _show_error(
                self.error_label,
                self.tr("Workspace tidak dapat dibuat: {detail}").format(
                    detail=i18n.refusal_text(e)
                ),
            )
            return
        self.created = NewWorkspace(folder, admin, password)
        self.accept()

    def _show_problems(self, problems: tuple[MasterProblem, ...]) -> None:
        self.problems = problems
        self.problem_list.clear()
        if not problems:
            self.problem_list.hide()
            self._copy_button.hide()
            return
        _show_error(
            self.error_label,
            self.tr(
                "Buku induk tidak dapat dipakai: {n} masalah. Perbaiki berkasnya, lalu tekan "
                "'Buat workspace' lagi. Workspace belum dibuat."
            ).format(n=len(problems)),
        )
        for p in problems:
            item = QListWidgetItem(i18n.master_problem_text(p))
            item.setToolTip(p.text)
            self.problem_list.addItem(item)
        self.problem_list.show()
        self._copy_button.show()
        self.problem_list.setCurrentRow(0)
        # Grow to show the list rather than squeeze the fields above it.
        wanted = self.sizeHint().height()
        if self.height() < wanted:
            self.resize(self.width(), wanted)

    def _copy_problems(self) -> None:
        lines = [f"{i18n.master_problem_text(p)}  [{p.text}]" for p in self.problems]
        QGuiApplication.clipboard().setText("\n".join(lines))


# ----------------------------------------------------------------------------------- the start


class StartDialog(QDialog):
    """The first window without ``--workspace``: recent workspaces and the ways to get one.

    After ``exec()`` returns ``Accepted``, :attr:`workspace` is open; :attr:`actor` is set too
    when the dialog made a new workspace (its admin is logged in with the password just given).
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startDialog")
        self._settings = settings
        self.workspace: Workspace | None = None
        self.actor: Actor | None = None

        self._icon = QLabel(self)
        self._icon.setPixmap(QApplication.windowIcon().pixmap(48, 48))
        self._name = QLabel(f"kamarhitung {kamarhitung.__version__}", self)
        self._name.setObjectName("dialogTitle")
        self._tagline = QLabel(self)
        self._tagline.setObjectName("muted")
        self._tagline.setWordWrap(True)
        head = QHBoxLayout()
        head.setSpacing(14)
        head.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self._name)
        names.addWidget(self._tagline)
        head.addLayout(names, 1)
        # The language, before anything else is chosen: applied at once and remembered.
        self._language_label = QLabel(self)
        self._language_label.setObjectName("muted")
        self.language_box = QComboBox(self)
        self.language_box.setObjectName("language")
        for lang in i18n.LANGUAGES:
            self.language_box.addItem(i18n.LANGUAGE_NAMES[lang], lang)
        self.language_box.setCurrentIndex(i18n.LANGUAGES.index(i18n.current_language()))
        self.language_box.activated.connect(self._choose_language)
        self._language_label.setBuddy(self.language_box)
        head.addWidget(self._language_label, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.language_box, 0, Qt.AlignmentFlag.AlignTop)

        self._recent_label = QLabel(self)
        self._recent_label.setObjectName("sectionTitle")
        self.recent_list = QListWidget(self)
        self.recent_list.setObjectName("recentList")
        self.recent_list.itemDoubleClicked.connect(lambda _item: self._open_selected())
        self.recent_list.installEventFilter(self)
        self._recent_label.setBuddy(self.recent_list)
        self._empty = QLabel(self)
        self._empty.setObjectName("muted")
        self._empty.setWordWrap(True)

        self.open_button = QPushButton(self)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open_selected)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._browse)
        self.demo_button = QPushButton(self)
        self.demo_button.clicked.connect(self._open_demo)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self._new_workspace)
        self.join_button = QPushButton(self)
        self.join_button.setObjectName("joinRoom")
        self.join_button.clicked.connect(self.join_room)
        self.quit_button = QPushButton(self)
        self.quit_button.clicked.connect(self.reject)
        for b in (
            self.open_button,
            self.browse_button,
            self.demo_button,
            self.new_button,
            self.join_button,
        ):
            b.setAutoDefault(False)
            b.setMinimumWidth(240)
        self.open_button.setAutoDefault(True)

        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(self.open_button)
        side.addSpacing(12)
        side.addWidget(self.browse_button)
        side.addWidget(self.demo_button)
        side.addWidget(self.new_button)
        side.addWidget(self.join_button)
        side.addStretch(1)
        side.addWidget(self.quit_button)

        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self._recent_label)
        left.addWidget(self.recent_list, 1)
        # The first run: no list and no heading, the text that says what to do, at the top.
        left.addWidget(self._empty, 1, Qt.AlignmentFlag.AlignTop)

        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(left, 1)
        body.addLayout(side)

        self.error_label = _error_label(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.setSpacing(16)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        self.resize(760, 440)
        self._fill_recent()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text of the dialog (again, after a language switch)."""
        self.setWindowTitle(self.tr("kamarhitung — pilih workspace"))
        self._tagline.setText(
            self.tr("Entri ganda formulir hasil penghitungan suara, untuk ruang rekap kabupaten.")
        )
        self._recent_label.setText(self.tr("&Workspace terakhir"))
        self._empty.setText(
            self.tr(
                "Belum ada workspace yang pernah dibuka di komputer ini. Buka folder workspace, "
                "coba demo, atau buat workspace baru dari buku induk."
            )
        )
        self.open_button.setText(self.tr("Buka"))
        self.browse_button.setText(self.tr("Buka workspace…"))
        self.demo_button.setText(self.tr("Buka demo"))
        self.new_button.setText(self.tr("Workspace baru dari buku induk…"))
        self.join_button.setText(self.tr("Gabung ke ruangan…"))
        self.quit_button.setText(self.tr("Keluar"))
        self._language_label.setText(self.tr("&Bahasa"))
        self.language_box.setCurrentIndex(i18n.LANGUAGES.index(i18n.current_language()))
        self.recent_list.setToolTip(self.tr("Enter membuka; Delete menghapus dari daftar"))
        for i in range(self.recent_list.count()):
            item = self.recent_list.item(i)
            path = Path(str(item.data(Qt.ItemDataRole.UserRole)))
            if not _is_workspace(path):
                item.setText(
                    self.tr("{name}   (tidak ditemukan)\n{folder}").format(
                        name=path.name, folder=path.parent
                    )
                )

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.recent_list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self._forget_selected()
            return True
        return super().eventFilter(watched, event)

    def _choose_language(self, index: int) -> None:
        """Switch the interface language now (every open window follows) and remember it."""
        lang = str(self.language_box.itemData(index))
        if lang != i18n.current_language() and not i18n.set_language(lang):
            _show_error(
                self.error_label,
                self.tr("Terjemahan {language} tidak ditemukan.").format(
                    language=i18n.LANGUAGE_NAMES[lang]
                ),
            )
        self._settings.set_language(lang)

    def _fill_recent(self) -> None:
        self.recent_list.clear()
        for path in self._settings.recent_workspaces():
            item = QListWidgetItem(f"{path.name}\n{path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not _is_workspace(path):
                item.setForeground(self.palette().placeholderText())
            self.recent_list.addItem(item)
        has = self.recent_list.count() > 0
        self.recent_list.setVisible(has)
        self._recent_label.setVisible(has)
        self._empty.setVisible(not has)
        self.open_button.setEnabled(has)
        if has:
            self.recent_list.setCurrentRow(0)
            self.recent_list.setFocus()
        else:
            self.browse_button.setFocus()
            self.browse_button.setDefault(True)

    def _forget_selected(self) -> None:
        if self.recent_list.currentRow() < 0:
            return
        item = self.recent_list.currentItem()
        self._settings.remove_recent_workspace(Path(str(item.data(Qt.ItemDataRole.UserRole))))
        self._fill_recent()
        self.retranslate()

    def _open_selected(self) -> None:
        if self.recent_list.currentRow() >= 0:
            item = self.recent_list.currentItem()
            self.open_path(Path(str(item.data(Qt.ItemDataRole.UserRole))))

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Buka folder workspace"), str(workspaces_dir())
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path, actor_login: tuple[str, str] | None = None) -> bool:
        """Open a workspace folder and finish the dialog; on failure say why, inline."""
        try:
            ws = open_workspace(path)
        except (WorkspaceError, OSError) as e:
            _show_error(self.error_label, describe_open_error(path, e))
            return False
        actor: Actor | None = None
        if actor_login is not None:
            try:
                actor = accounts.authenticate(ws, *actor_login)
            except ServiceError:
                actor = None  # the log-in dialog follows and says what is wrong
        self.workspace = ws
        self.actor = actor
        self.accept()
        return True

    def _open_demo(self) -> None:
        path = demo_dir()
        if not (path / DB_NAME).is_file():
            if path.exists() and any(path.iterdir()):
                _show_error(
                    self.error_label,
                    self.tr("Folder demo {path} tidak kosong tetapi bukan workspace.").format(
                        path=path
                    ),
                )
                return
            try:
                run_with_progress(
                    self,
                    self.tr("Membuat workspace demo ({n} TPS)…").format(n=DEMO_TPS),
                    lambda progress: create_demo(
                        path, n_tps=DEMO_TPS, seed=DEMO_SEED, entries="mixed", progress=progress
                    ),
                )
            except (ServiceError, WorkspaceError, OSError) as e:
                _show_error(
                    self.error_label,
                    self.tr("Demo tidak dapat dibuat: {detail}").format(
                        detail=i18n.refusal_text(e)
                    ),
                )
                return
        self.open_path(path)

    def join_room(self) -> JoinDialog:
        """ "Gabung ke ruangan…" (non-blocking): once joined, the station folder is opened."""
        from kamarhitung.qt.room import JoinDialog

        folder = workspaces_dir() / "stasiun"
        n = 2
        while folder.exists():
            folder = workspaces_dir() / f"stasiun-{n}"
            n += 1
        dialog = JoinDialog(folder, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def joined(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.joined is not None:
                self.open_path(dialog.joined)

        dialog.finished.connect(joined)
        dialog.open()
        return dialog

    def _new_workspace(self) -> None:
        dialog = NewWorkspaceDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        made = dialog.created
        self.open_path(made.path, (made.admin, made.password))
