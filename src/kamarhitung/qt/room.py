"""The room in the GUI (ROOM.md): Berkas → Ruangan…, joining from the start dialog, and the
connection in the status bar.

- :class:`RoomDialog`: on a single PC, the supervisor chooses where the room listens (one of this
  PC's addresses) and makes the workspace a room host; on a host, it shows the room's address, a
  join code (also as a QR code), the stations with who is logged in and when each was last seen,
  and a stop button. Hosting, codes, the list and stopping run off the GUI thread.
- :class:`JoinDialog`: host, port and code; makes a station folder (off the GUI thread).
- :class:`RoomStatus`: the status bar's "Ruangan host:port — terhubung/terputus", checked every
  few seconds off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.model import Role
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.models.background import Background
from kamarhitung.services import accounts, room
from kamarhitung.services.common import require_role
from kamarhitung.services.workspace import Workspace

STATUS_INTERVAL_MS = 5_000
"""How often the status bar checks the room's connection (and a station says it is here)."""


def describe_error(error: BaseException) -> str:
    """A refusal in the interface's language (by its code); anything else by its own words."""
    return i18n.refusal_text(error) or type(error).__name__


def qr_modules(text: str) -> list[list[bool]]:
    """The QR code of ``text`` (level M) as rows of dark modules: the encoder the printed
    reports use (reportlab's ``qrencoder``, as in ``core/report.py``)."""
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    return [[bool(m) for m in row] for row in qr.modules]


class QrWidget(QWidget):
    """A QR code painted with Qt (a quiet zone of two modules), black on white."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomQr")
        self.modules: list[list[bool]] = []
        self.setMinimumSize(QSize(180, 180))

    def set_text(self, text: str) -> None:
        self.modules = qr_modules(text) if text else []
        self.setAccessibleName(text)
        self.update()

    @override
    def sizeHint(self) -> QSize:
        return QSize(200, 200)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.modules:
            return
        p = QPainter(self)
        n = len(self.modules)
        side = min(self.width(), self.height())
        box = side / (n + 4)
        p.fillRect(QRectF(0, 0, side, side), QColor("white"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("black"))
        for r, row in enumerate(self.modules):
            for c, dark in enumerate(row):
                if dark:
                    p.drawRect(QRectF((c + 2) * box, (r + 2) * box, box + 0.2, box + 0.2))
        p.end()


class _Progress(QObject):
    """Carries progress messages from a worker to the GUI thread."""

    sig_message = Signal(str)


def host_and_serve(
    path: Path, user: str, password: str, listen: str, port: int, say: Callable[[str], None]
) -> room.Hosted:
    """Make ``path`` a room host (moving its workspace the first time) and serve it in a
    background process until ``room.stop``: what ``room host --detach`` does."""
    hosted = room.make_host(path, user, password, listen=listen, port=port, progress=say)
    say("opening the room to stations")
    room.serve_detached(path)
    return hosted


class RoomDialog(QDialog):
    """Berkas → Ruangan…: make this workspace a room host, or see and run the room it hosts."""

    sig_moving = Signal()
    """The password is right: the workspace is about to move (the window lets go of it)."""

    sig_hosted = Signal(str, str, str)
    """The workspace was let go of for the move: (user, password) to reopen it with, and what
    to say there (empty when it became a room host; why not, if it did not)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomDialog")
        self.ctx = ctx
        self.path = ctx.ws.path
        self._bg = Background(self)
        self._progress = _Progress(self)
        self._progress.sig_message.connect(self._say)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setObjectName("roomPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.listen = QComboBox(self)
        self.listen.setObjectName("roomListen")
        for address in room.this_pc_addresses():
            self.listen.addItem(address, address)
        self.port = QSpinBox(self)
        self.port.setObjectName("roomPort")
        self.port.setRange(1024, 65535)
        self.port.setValue(room.DEFAULT_PORT)
        self.host_button = QPushButton(self)
        self.host_button.setObjectName("roomHost")
        self.host_button.clicked.connect(self.host)

        self.address = QLabel(self)
        self.address.setObjectName("roomAddress")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_button = QPushButton(self)
        self.code_button.setObjectName("roomNewCode")
        self.code_button.clicked.connect(self.new_code)
        self.code = QLabel(self)
        self.code.setObjectName("roomCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setStyleSheet("font-family: monospace; font-size: 16pt;")
        self.qr = QrWidget(self)
        self.stations = QTableWidget(0, 4, self)
        self.stations.setObjectName("roomStations")
        self.stations.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.stations.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("roomStop")
        self.stop_button.clicked.connect(self.stop)
        self.message = QLabel(self)
        self.message.setObjectName("roomMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        self._form = QFormLayout()
        self._password_label = QLabel(self)
        self._password_label.setBuddy(self.password)
        self._listen_label = QLabel(self)
        self._listen_label.setBuddy(self.listen)
        self._port_label = QLabel(self)
        self._port_label.setBuddy(self.port)
        self._address_label = QLabel(self)
        self._form.addRow(self._password_label, self.password)
        self._form.addRow(self._listen_label, self.listen)
        self._form.addRow(self._port_label, self.port)
        self._form.addRow(self._address_label, self.address)
        code_row = QHBoxLayout()
        code_col = QVBoxLayout()
        code_col.addWidget(self.code_button)
        code_col.addWidget(self.code)
        code_col.addStretch(1)
        code_row.addLayout(code_col, 1)
        code_row.addWidget(self.qr)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self._form)
        layout.addWidget(self.host_button)
        layout.addLayout(code_row)
        layout.addWidget(self.stations, 1)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.timer = QTimer(self)
        self.timer.setInterval(STATUS_INTERVAL_MS)
        self.timer.timeout.connect(self.refresh)
        self.resize(720, 640)
        self.retranslate()
        self._show_mode()
        self.password.setFocus()

    # --- texts and modes

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Ruangan"))
        self._password_label.setText(
            self.tr("&Kata sandi {user}:").format(user=self.ctx.actor.name)
        )
        self._listen_label.setText(self.tr("&Alamat di jaringan ruangan:"))
        self._port_label.setText(self.tr("&Port:"))
        self._address_label.setText(self.tr("Alamat ruangan:"))
        self.host_button.setText(self.tr("&Jadikan ruangan"))
        self.code_button.setText(self.tr("Kode &gabung baru"))
        self.stop_button.setText(self.tr("&Hentikan ruangan"))
        self.stations.setHorizontalHeaderLabels(
            [
                self.tr("Stasiun"),
                self.tr("Alamat"),
                self.tr("Pengguna"),
                self.tr("Terakhir terlihat"),
            ]
        )
        if self.is_host:
            self.intro.setText(
                self.tr(
                    "PC ini adalah host ruangan. Setiap stasiun bergabung dengan kode gabung "
                    "sendiri (sekali pakai, berlaku satu jam)."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Jadikan workspace ini ruangan: datanya dipindahkan ke basis data ruangan "
                    "(rantai audit diperiksa sebelum dan sesudah) dan PC lain di jaringan "
                    "ruangan dapat bergabung sebagai stasiun."
                )
            )

    @property
    def is_host(self) -> bool:
        return room.is_host(self.path)

    def _show_mode(self) -> None:
        host = self.is_host
        station = self.ctx.ws.store.is_room and not host
        for w in (self.listen, self._listen_label, self.port, self._port_label, self.host_button):
            w.setVisible(not host and not station)
        shown: tuple[QWidget, ...] = (
            self.address,
            self._address_label,
            self.code_button,
            self.code,
            self.qr,
        )
        for v in shown:
            v.setVisible(host)
        self.stations.setVisible(host)
        self.stop_button.setVisible(host)
        self.password.setVisible(not station)
        self._password_label.setVisible(not station)
        if station:
            cfg = self.ctx.ws.store.room
            assert cfg is not None
            self.intro.setText(
                self.tr("PC ini adalah stasiun {name} di ruangan {host}:{port}.").format(
                    name=cfg.name, host=cfg.host, port=cfg.port
                )
            )
        if host:
            self.refresh()
            self.timer.start()

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _busy(self, busy: bool) -> None:
        for b in (self.host_button, self.code_button, self.stop_button):
            b.setEnabled(not busy)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.message.setText(describe_error(error))

    # --- hosting

    def host(self) -> None:
        """Make the workspace a room host and open it to stations, off the GUI thread."""
        if self._bg.busy():
            return
        user, password = self.ctx.actor.name, self.password.text()
        listen, port = str(self.listen.currentData()), self.port.value()
        self._busy(True)
        self.message.setText(self.tr("Memeriksa kata sandi…"))
        ws = self.ctx.ws

        def check() -> None:
            actor = accounts.authenticate(ws, user, password)
            require_role(actor, Role.ADMIN)

        self._bg.submit(check, lambda _r: self._move(user, password, listen, port), self._failed)

    def _move(self, user: str, password: str, listen: str, port: int) -> None:
        # Nothing of this session may hold the SQLite file while it moves: the window stops
        # its screens, and the workspace is closed before the move starts.
        self.sig_moving.emit()
        self.message.setText(self.tr("Membuat ruangan…"))
        emit = self._progress.sig_message.emit
        ws, path = self.ctx.ws, self.path

        def move() -> room.Hosted:
            ws.close()
            return host_and_serve(path, user, password, listen, port, emit)

        self._bg.submit(
            move,
            lambda _h: self._hosted(user, password, ""),
            lambda e: self._hosted(user, password, describe_error(e)),
        )

    def _hosted(self, user: str, password: str, error: str) -> None:
        self._busy(False)
        self.message.setText(error or self.tr("Ruangan dibuka."))
        self.sig_hosted.emit(user, password, error)

    # --- the room

    def refresh(self) -> None:
        if self._bg.busy():
            return
        path = self.path
        self._bg.submit(lambda: room.status(path), self._show_status, self._failed)

    def _show_status(self, st: dict[str, object]) -> None:
        running = bool(st.get("running"))
        where = f"{st.get('host')}:{st.get('port')}"
        self.address.setText(
            (self.tr("{where} (terbuka)") if running else self.tr("{where} (berhenti)")).format(
                where=where
            )
        )
        self.code_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        stations = st.get("stations")
        rows = stations if isinstance(stations, list) else []
        self.stations.setRowCount(len(rows))
        for r, s in enumerate(rows):
            last_seen = s.get("last_seen")
            seen = i18n.time_text(str(last_seen), seconds=True) if last_seen else "—"
            for c, value in enumerate(
                (s.get("name"), s.get("address"), s.get("user") or "—", seen)
            ):
                self.stations.setItem(r, c, QTableWidgetItem(str(value or "")))

    def new_code(self) -> None:
        if self._bg.busy():
            return
        user, password = self.ctx.actor.name, self.password.text()
        self._busy(True)
        path = self.path
        self._bg.submit(lambda: room.new_code(path, user, password), self._show_code, self._failed)

    def _show_code(self, code: object) -> None:
        self._busy(False)
        text = str(getattr(code, "code", ""))
        expires = getattr(code, "expires_at", None)
        self.code.setText(text)
        self.qr.set_text(text)
        when = expires.strftime("%H.%M") if expires is not None else "?"
        self.message.setText(
            self.tr("Kode untuk satu stasiun, berlaku sampai pukul {time}.").format(time=when)
        )

    def stop(self) -> None:
        if self._bg.busy():
            return
        user, password = self.ctx.actor.name, self.password.text()
        self._busy(True)
        self.message.setText(self.tr("Menghentikan ruangan…"))
        path = self.path
        self._bg.submit(lambda: room.stop(path, user, password), self._stopped, self._failed)

    def _stopped(self, _was: bool) -> None:
        self._busy(False)
        self.code.clear()
        self.qr.set_text("")
        self.message.setText(self.tr("Ruangan dihentikan. Stasiun tidak dapat menyimpan lagi."))
        self.refresh()

    @override
    def done(self, result: int) -> None:
        self.timer.stop()
        self._bg.wait_idle()
        super().done(result)


class JoinDialog(QDialog):
    """ "Gabung ke ruangan": host, port and join code; makes ``folder`` a station of that room."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinDialog")
        self.joined: Path | None = None
        self._bg = Background(self)
        self.host = QLineEdit(self)
        self.host.setObjectName("joinHost")
        self.port = QSpinBox(self)
        self.port.setObjectName("joinPort")
        self.port.setRange(1, 65535)
        self.port.setValue(room.DEFAULT_PORT)
        self.code = QLineEdit(self)
        self.code.setObjectName("joinCode")
        self.folder = QLineEdit(str(folder), self)
        self.folder.setObjectName("joinFolder")
        self.message = QLabel(self)
        self.message.setObjectName("joinMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.join)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self._labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(
            self._labels, (self.host, self.port, self.code, self.folder), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, 0)
        self.retranslate()
        self.host.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Gabung ke ruangan"))
        for label, text in zip(
            self._labels,
            (
                self.tr("&Host:"),
                self.tr("&Port:"),
                self.tr("&Kode gabung:"),
                self.tr("&Folder stasiun:"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Gabung"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Batal"))

    def join(self) -> None:
        """Join off the GUI thread; the dialog closes once the station folder is made."""
        if self._bg.busy():
            return
        host, port = self.host.text().strip(), self.port.value()
        code, folder = self.code.text().strip(), Path(self.folder.text().strip())
        if not host or not code or not self.folder.text().strip():
            self.message.setText(self.tr("Isi host, kode gabung dan folder stasiun."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(
            self.tr("Menghubungi ruangan {host}:{port}…").format(host=host, port=port)
        )
        self._bg.submit(
            lambda: room.join(folder, host, port, code),
            lambda _name: self._joined(folder),
            self._failed,
        )

    def _joined(self, folder: Path) -> None:
        self.joined = folder
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(describe_error(error))


class RoomStatus(QLabel):
    """The status bar's connection to the room (hidden on a single PC)."""

    sig_changed = Signal(bool)
    """The connection was found lost (False) or back (True)."""

    def __init__(self, ws: Workspace, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomStatus")
        self.ws = ws
        self.user = user
        self.connected: bool | None = None
        self._bg = Background(self)
        self.timer = QTimer(self)
        self.timer.setInterval(STATUS_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.setVisible(ws.store.is_room)
        if ws.store.is_room:
            self.timer.start()
            self.check()

    @property
    def where(self) -> str:
        if room.is_host(self.ws.path):
            s = room.HostSettings.load(self.ws.path)
            return f"{s.listen}:{s.port}"
        cfg = self.ws.store.room
        return f"{cfg.host}:{cfg.port}" if cfg is not None else ""

    def check(self) -> None:
        if self._bg.busy():
            return
        ws, user = self.ws, self.user
        self._bg.submit(lambda: room.ping(ws, user), lambda _r: self._set(True), self._lost)

    def _lost(self, _error: BaseException) -> None:
        self._set(False)

    def _set(self, connected: bool) -> None:
        # The first check says nothing ("connected again" on a fresh start would be false);
        # a first check that fails is said.
        changed = connected != self.connected and not (connected and self.connected is None)
        self.connected = connected
        self.retranslate()
        if changed:
            self.sig_changed.emit(connected)

    def retranslate(self) -> None:
        if self.connected is None:
            text = self.tr("Ruangan {where}: memeriksa…")
        elif self.connected:
            text = self.tr("Ruangan {where}: terhubung")
        else:
            text = self.tr("Ruangan {where}: terputus, mencoba lagi…")
        self.setText(text.format(where=self.where))
        self.setStyleSheet("" if self.connected is not False else "color: #b00020;")

    def stop(self) -> None:
        self.timer.stop()
        self._bg.wait_idle(5_000)
