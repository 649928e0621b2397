"""The main window: navigation between the screens, menus, status bar, language, and the screen lock.

Screens plug in through :data:`SCREENS`, a list of :class:`ScreenSpec` built by
:func:`default_screens`: a key, an Indonesian title (translated at display time in the context
``screens``), a factory ``(ctx, parent) -> QWidget`` and the roles that may use it. Factories
import their module on first use, so a screen costs nothing until it is opened, and a screen
module that is not part of this build falls back to :class:`StatusScreen`. To add a screen,
add one line to :func:`default_screens`.

Actions are declared once, by id, in :attr:`MainWindow.action_map`; every visible text is set in
``retranslate()``, which the ``LanguageChange`` event runs after a language switch (Spyder /
Frescobaldi). After ``idle_lock_minutes`` without keyboard or mouse input the window hides its
content and asks the same user for their password again.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

import kamarhitung
from kamarhitung.core.model import Role
from kamarhitung.qt import i18n
from kamarhitung.qt.backups import AutoBackup, BackupsDialog
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.login import LoginDialog
from kamarhitung.qt.room import RoomDialog, RoomStatus
from kamarhitung.qt.screens.status import StatusScreen
from kamarhitung.qt.settings import IDLE_LOCK_CHOICES, Settings

log = logging.getLogger(__name__)

ScreenFactory = Callable[[AppContext, QWidget | None], QWidget]
"""Builds a screen for a session: ``factory(ctx, parent)``."""

ALL_ROLES: frozenset[Role] = frozenset(Role)
SUPERVISING: frozenset[Role] = frozenset({Role.SUPERVISOR, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class ScreenSpec:
    """One screen of the main window."""

    key: str
    """Stable id (``entry``, ``resolve``...), used by tests and by :meth:`MainWindow.show_screen`."""
    title: str
    """Indonesian source text; shown through ``QCoreApplication.translate("screens", title)``,
    so mark it with ``QT_TRANSLATE_NOOP("screens", "...")`` where it is written."""
    factory: ScreenFactory
    roles: frozenset[Role]
    """The roles that see the screen; for the others it is neither shown nor built."""

    def allows(self, role: Role) -> bool:
        return role in self.roles

    def display_title(self) -> str:
        """The title in the current language."""
        return QCoreApplication.translate("screens", self.title)


def lazy_screen(module: str, attr: str) -> ScreenFactory:
    """A factory that imports ``module`` when the screen is first opened and builds ``attr``.

    When the module is not in this build (another team has not delivered it yet) the factory
    builds a :class:`StatusScreen` instead. An import error *inside* an existing module is a bug
    and propagates: the window shows it in place of the screen.
    """

    def factory(ctx: AppContext, parent: QWidget | None) -> QWidget:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise
            log.info("screen module %s is not installed; showing the status screen", module)
            return StatusScreen(ctx, parent)
        cls = getattr(mod, attr)
        widget = cls(ctx, parent)
        if not isinstance(widget, QWidget):
            raise TypeError(f"{module}.{attr} did not build a QWidget")
        return widget

    return factory


def _title(text: object) -> str:
    # QT_TRANSLATE_NOOP only marks a text for lupdate and returns it unchanged.
    return str(text)


def default_screens() -> list[ScreenSpec]:
    """The screens of kamarhitung, in navigation order (Ctrl+1 is the first)."""
    base = "kamarhitung.qt.screens"
    return [
        ScreenSpec(
            "entry",
            _title(QT_TRANSLATE_NOOP("screens", "Entri")),
            lazy_screen(f"{base}.entry", "EntryScreen"),
            ALL_ROLES,
        ),
        ScreenSpec(
            "images",
            _title(QT_TRANSLATE_NOOP("screens", "Gambar")),
            lazy_screen(f"{base}.images", "ImagesScreen"),
            ALL_ROLES,
        ),
        ScreenSpec(
            "resolve",
            _title(QT_TRANSLATE_NOOP("screens", "Rekonsiliasi")),
            lazy_screen(f"{base}.resolve", "ResolutionScreen"),
            SUPERVISING,
        ),
        ScreenSpec(
            "recap",
            _title(QT_TRANSLATE_NOOP("screens", "Rekap")),
            lazy_screen(f"{base}.dashboard", "DashboardScreen"),
            SUPERVISING,
        ),
        ScreenSpec(
            "report",
            _title(QT_TRANSLATE_NOOP("screens", "Laporan")),
            lazy_screen(f"{base}.reports", "ReportScreen"),
            SUPERVISING,
        ),
        ScreenSpec(
            "export",
            _title(QT_TRANSLATE_NOOP("screens", "Ekspor")),
            lazy_screen(f"{base}.export", "ExportScreen"),
            SUPERVISING,
        ),
        ScreenSpec(
            "audit",
            _title(QT_TRANSLATE_NOOP("screens", "Audit")),
            lazy_screen(f"{base}.audit", "AuditScreen"),
            SUPERVISING,
        ),
        ScreenSpec(
            "status",
            _title(QT_TRANSLATE_NOOP("screens", "Status")),
            StatusScreen,
            SUPERVISING,
        ),
        ScreenSpec(
            "quality",
            _title(QT_TRANSLATE_NOOP("screens", "Mutu data")),
            lazy_screen(f"{base}.quality", "QualityScreen"),
            SUPERVISING,
        ),
    ]


def province_screens() -> list[ScreenSpec]:
    """The screens of a province workspace (``meta`` kind ``province``): imports and recap, audit."""
    base = "kamarhitung.qt.screens"
    return [
        ScreenSpec(
            "province",
            _title(QT_TRANSLATE_NOOP("screens", "Provinsi")),
            lazy_screen(f"{base}.province", "ProvinceScreen"),
            SUPERVISING,
        ),
        *(s for s in default_screens() if s.key == "audit"),
    ]


SCREENS: list[ScreenSpec] = default_screens()
"""The screens the application shows; tests may pass their own list to :class:`MainWindow`."""

PROVINCE_SCREENS: list[ScreenSpec] = province_screens()
"""The screens shown instead of :data:`SCREENS` for a province workspace."""

HOME: dict[Role, str] = {Role.OPERATOR: "entry", Role.SUPERVISOR: "status", Role.ADMIN: "status"}
"""The screen each role starts on (the first it may use when that one is not there)."""


# ------------------------------------------------------------------------------------ helpers


class _ScreenHost(QWidget):
    """A page of the stack that builds its screen the first time it is shown."""

    def __init__(self, spec: ScreenSpec, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._ctx = ctx
        self.widget: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.widget is None:
            try:
                self.widget = self.spec.factory(self._ctx, self)
            except Exception as e:  # one broken screen must not take the room's window down
                log.exception("screen %s could not be built", self.spec.key)
                self.widget = _BrokenScreen(self.spec, e, self)
            self._layout.addWidget(self.widget)
        return self.widget


class _BrokenScreen(QWidget):
    """Shown in place of a screen that failed to build: what failed, and that the rest works."""

    def __init__(self, spec: ScreenSpec, error: Exception, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self._error = error
        self._title = QLabel(self)
        self._title.setObjectName("screenTitle")
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 20)
        lay.addWidget(self._title)
        lay.addWidget(self._text)
        lay.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self._title.setText(self._spec.display_title())
        self._text.setText(
            self.tr(
                "Layar ini tidak dapat dibuka karena kesalahan program: {error}. Layar lain "
                "tetap dapat dipakai; laporkan pesan ini kepada admin."
            ).format(error=f"{type(self._error).__name__}: {self._error}")
        )

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole


class _NavDelegate(QStyledItemDelegate):
    """Navigation items: the title, and its keyboard shortcut in a muted colour on the right."""

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        hint = index.data(SHORTCUT_ROLE)
        if not hint:
            return
        painter.save()
        color = option.palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(color)
        rect = option.rect.adjusted(0, 0, -14, 0)
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(hint)
        )
        painter.restore()

    @override
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 36))


class IdleWatcher(QObject):
    """Emits :attr:`sig_idle` after a stretch without keyboard or mouse input anywhere in the app."""

    sig_idle = Signal()
    """No input for the whole interval."""

    _INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sig_idle)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_interval(self, ms: int) -> None:
        """Idle time before :attr:`sig_idle`, in milliseconds; 0 switches the watch off."""
        self._timer.stop()
        if ms > 0:
            self._timer.setInterval(ms)
            self._timer.start()

    @property
    def interval(self) -> int:
        return self._timer.interval() if self._timer.isActive() else 0

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._INPUT and self._timer.isActive():
            self._timer.start()
        return False


# -------------------------------------------------------------------------------- the window


class MainWindow(QMainWindow):
    """The window of one user's session on one workspace."""

    sig_open_workspace = Signal()
    sig_switch_user = Signal()
    """The user asked to open another workspace (Berkas → Buka workspace…)."""

    sig_reopen = Signal(str, str, str)
    """This workspace was let go of to become a room host: reopen it as (user, password), and
    say the third argument in the room dialog there (why hosting failed; empty if it worked)."""

    sig_closed = Signal()
    """The window was closed; the session's workspace may be closed now."""

    PAGE_MAIN = 0
    PAGE_LOCKED = 1

    def __init__(
        self,
        ctx: AppContext,
        screens: Sequence[ScreenSpec] | None = None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self._settings = settings if settings is not None else Settings()
        if screens is None:
            province = ctx.ws.meta().get("kind") == "province"
            screens = PROVINCE_SCREENS if province else SCREENS
        all_specs = list(screens)
        self._positions = {s.key: i for i, s in enumerate(all_specs)}
        self.specs = [s for s in all_specs if s.allows(ctx.actor.role)]
        """The screens this user may use, in navigation order."""
        meta = ctx.ws.meta()
        self._kabupaten = meta.get("kabupaten_name") or ctx.ws.path.name
        self._lock_dialog: LoginDialog | None = None

        # --- navigation and pages
        self.nav = QListWidget(self)
        self.nav.setObjectName("nav")
        self.nav.setItemDelegate(_NavDelegate(self.nav))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("screens")
        self._hosts: list[_ScreenHost] = []
        for spec in self.specs:
            item = QListWidgetItem(spec.display_title())
            item.setData(KEY_ROLE, spec.key)
            position = self._positions[spec.key]
            if position < 9:
                item.setData(SHORTCUT_ROLE, f"Ctrl+{position + 1}")
            self.nav.addItem(item)
            host = _ScreenHost(spec, ctx, self.stack)
            self.stack.addWidget(host)
            self._hosts.append(host)
        self.nav.currentRowChanged.connect(self._on_nav)

        self._nav_app = QLabel("kamarhitung", self)
        self._nav_app.setObjectName("navApp")
        self._nav_place = QLabel(self._kabupaten, self)
        self._nav_place.setObjectName("navPlace")
        self._nav_place.setWordWrap(True)
        self._nav_user = QLabel(self)
        self._nav_user.setObjectName("navUser")
        self._nav_role = QLabel(self)
        self._nav_role.setObjectName("navRole")
        self._nav_section = QLabel(self)
        self._nav_section.setObjectName("navSection")

        nav_panel = QFrame(self)
        nav_panel.setObjectName("navPanel")
        nav_panel.setFixedWidth(212)
        np = QVBoxLayout(nav_panel)
        np.setContentsMargins(0, 18, 0, 14)
        np.setSpacing(0)
        for w, margins in ((self._nav_app, (18, 0, 18, 0)), (self._nav_place, (18, 2, 18, 0))):
            row = QHBoxLayout()
            row.setContentsMargins(*margins)
            row.addWidget(w)
            np.addLayout(row)
        np.addSpacing(22)
        sec = QHBoxLayout()
        sec.setContentsMargins(18, 0, 18, 6)
        sec.addWidget(self._nav_section)
        np.addLayout(sec)
        np.addWidget(self.nav, 1)
        foot = QVBoxLayout()
        foot.setContentsMargins(18, 10, 18, 0)
        foot.setSpacing(1)
        foot.addWidget(self._nav_user)
        foot.addWidget(self._nav_role)
        np.addLayout(foot)

        main_page = QWidget(self)
        mp = QHBoxLayout(main_page)
        mp.setContentsMargins(0, 0, 0, 0)
        mp.setSpacing(0)
        mp.addWidget(nav_panel)
        mp.addWidget(self.stack, 1)

        self._lock_title = QLabel(self)
        self._lock_title.setObjectName("screenTitle")
        self._lock_text = QLabel(self)
        self._lock_text.setObjectName("muted")
        lock_page = QWidget(self)
        lock_page.setObjectName("lockPage")
        lp = QVBoxLayout(lock_page)
        lp.addStretch(1)
        lp.addWidget(self._lock_title, 0, Qt.AlignmentFlag.AlignHCenter)
        lp.addWidget(self._lock_text, 0, Qt.AlignmentFlag.AlignHCenter)
        lp.addStretch(2)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(main_page)
        self.pages.addWidget(lock_page)
        self.setCentralWidget(self.pages)

        # --- status bar
        self._status_place = QLabel(self)
        self._status_place.setObjectName("statusPlace")
        self._status_user = QLabel(self)
        self._status_user.setObjectName("statusUser")
        self.statusBar().addPermanentWidget(self._status_place)
        self.statusBar().addPermanentWidget(self._status_user)
        self.room_status = RoomStatus(ctx.ws, ctx.actor.name, self)
        self.room_status.sig_changed.connect(self._room_connection)
        self.statusBar().addPermanentWidget(self.room_status)
        ctx.sig_status.connect(self._show_status)
        self._moved_away = False

        # --- actions and menus
        self.action_map: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()

        # --- screen lock
        self.idle = IdleWatcher(self)
        # Online backups every 15 minutes and on close (services/backup.py).
        self.auto_backup = AutoBackup(ctx, self)
        self.idle.sig_idle.connect(self.lock)
        self.idle.set_interval(self._settings.idle_lock_minutes() * 60_000)

        geometry = self._settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        self.retranslate()
        if self.specs:
            keys = [s.key for s in self.specs]
            home = HOME.get(ctx.actor.role)
            self.nav.setCurrentRow(keys.index(home) if home in keys else 0)

    # --- actions --------------------------------------------------------------------------------

    def _action(self, key: str, slot: Callable[[], object], shortcut: str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(f"action_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.action_map[key] = action
        self.addAction(action)  # shortcuts work wherever the focus is
        return action

    def _build_actions(self) -> None:
        self._action("open_workspace", self.sig_open_workspace.emit, "Ctrl+O")
        self._action("lock", self.lock, "Ctrl+L")
        self._action("switch_user", self.switch_user)
        self._action("backups", self.show_backups)
        self._action("room", self.show_room)
        quit_action = self._action("quit", self.close)
        # Ctrl+Q, once: the platform's Quit key is Ctrl+Q on Linux and Windows, and the same
        # sequence twice on one action makes Qt treat it as ambiguous and trigger nothing.
        quits: list[QKeySequence] = []
        for seq in (QKeySequence(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q")):
            if not seq.isEmpty() and all(seq != q for q in quits):
                quits.append(seq)
        quit_action.setShortcuts(quits)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        about = self._action("about", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        for spec in self.specs:
            position = self._positions[spec.key]
            shortcut = f"Ctrl+{position + 1}" if position < 9 else None
            self._action(f"screen_{spec.key}", partial(self.show_screen, spec.key), shortcut)
        self._languages = QActionGroup(self)
        for lang in i18n.LANGUAGES:
            a = self._action(f"lang_{lang}", partial(self.set_language, lang))
            a.setCheckable(True)
            a.setChecked(lang == i18n.current_language())
            a.setText(i18n.LANGUAGE_NAMES[lang])
            self._languages.addAction(a)
        self._lock_choices = QActionGroup(self)
        current = self._settings.idle_lock_minutes()
        for minutes in IDLE_LOCK_CHOICES:
            a = self._action(f"idle_{minutes}", partial(self.set_idle_lock_minutes, minutes))
            a.setCheckable(True)
            a.setChecked(minutes == current)
            self._lock_choices.addAction(a)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self._menu_file = mb.addMenu("")
        self._menu_file.addAction(self.action_map["open_workspace"])
        self._menu_file.addSeparator()
        self._menu_file.addAction(self.action_map["lock"])
        self._menu_file.addAction(self.action_map["switch_user"])
        self._menu_file.addAction(self.action_map["backups"])
        self._menu_file.addAction(self.action_map["room"])
        self._menu_file.addSeparator()
        self._menu_file.addAction(self.action_map["quit"])
        self._menu_screens = mb.addMenu("")
        for spec in self.specs:
            self._menu_screens.addAction(self.action_map[f"screen_{spec.key}"])
        self._menu_settings = mb.addMenu("")
        self._menu_language = self._menu_settings.addMenu("")
        for lang in i18n.LANGUAGES:
            self._menu_language.addAction(self.action_map[f"lang_{lang}"])
        self._menu_idle = self._menu_settings.addMenu("")
        for minutes in IDLE_LOCK_CHOICES:
            self._menu_idle.addAction(self.action_map[f"idle_{minutes}"])
        self._menu_help = mb.addMenu("")
        self._menu_help.addAction(self.action_map["about"])

    # --- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the window (again, after a language switch)."""
        self.setWindowTitle(self.tr("kamarhitung — {place}").format(place=self._kabupaten))
        self._menu_file.setTitle(self.tr("&Berkas"))
        self._menu_screens.setTitle(self.tr("&Layar"))
        self._menu_settings.setTitle(self.tr("&Pengaturan"))
        self._menu_language.setTitle(self.tr("&Bahasa"))
        self._menu_idle.setTitle(self.tr("&Kunci layar otomatis"))
        self._menu_help.setTitle(self.tr("Ba&ntuan"))
        self.action_map["open_workspace"].setText(self.tr("&Buka workspace…"))
        self.action_map["lock"].setText(self.tr("&Kunci layar"))
        self.action_map["switch_user"].setText(self.tr("&Ganti pengguna…"))
        self.action_map["quit"].setText(self.tr("&Keluar"))
        self.action_map["backups"].setText(self.tr("&Cadangan…"))
        self.action_map["room"].setText(self.tr("&Ruangan…"))
        self.room_status.retranslate()
        self.action_map["about"].setText(self.tr("&Tentang kamarhitung"))
        for minutes in IDLE_LOCK_CHOICES:
            self.action_map[f"idle_{minutes}"].setText(
                self.tr("Setelah {n} menit").format(n=minutes)
                if minutes
                else self.tr("Tidak pernah")
            )
        for i, spec in enumerate(self.specs):
            title = spec.display_title()
            self.nav.item(i).setText(title)
            self.nav.item(i).setToolTip(
                self.tr("{title} ({shortcut})").format(
                    title=title, shortcut=self.nav.item(i).data(SHORTCUT_ROLE) or ""
                )
            )
            self.action_map[f"screen_{spec.key}"].setText(title)
        self._nav_section.setText(self.tr("LAYAR"))
        role = i18n.role_name(self.ctx.actor.role)
        self._nav_user.setText(self.ctx.actor.name)
        self._nav_role.setText(role)
        self._status_place.setText(self._kabupaten)
        self._status_place.setToolTip(str(self.ctx.ws.path))
        self._status_user.setText(
            self.tr("Pengguna: {user} ({role})").format(user=self.ctx.actor.name, role=role)
        )
        self._lock_title.setText(self.tr("Layar terkunci"))
        self._lock_text.setText(
            self.tr("Masukkan kata sandi {user} untuk melanjutkan.").format(
                user=self.ctx.actor.name
            )
        )

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        """Switch the interface language now, without a restart, and remember the choice."""
        complete = i18n.set_language(lang)
        self._settings.set_language(lang)
        self.action_map[f"lang_{lang}"].setChecked(True)
        if not complete:
            self._show_status(
                self.tr(
                    "Terjemahan {language} tidak ditemukan; jalankan 'python tools/i18n.py build'."
                ).format(language=i18n.LANGUAGE_NAMES[lang])
            )

    # --- screens --------------------------------------------------------------------------------

    @property
    def current_key(self) -> str | None:
        row = self.nav.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else None

    def screen_widget(self, key: str) -> QWidget | None:
        """The screen widget of ``key`` if the user may see it (built on demand)."""
        for host in self._hosts:
            if host.spec.key == key:
                return host.ensure_built()
        return None

    def show_screen(self, key: str) -> bool:
        """Switch to a screen and put the keyboard focus in it; False when it is not available."""
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self.nav.setCurrentRow(row)
                self._focus_screen(self._hosts[row])
                return True
        return False

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(self._hosts):
            self._hosts[row].ensure_built()
            self.stack.setCurrentIndex(row)

    @staticmethod
    def _focus_screen(host: _ScreenHost) -> None:
        screen = host.ensure_built()
        if screen.focusPolicy() != Qt.FocusPolicy.NoFocus or screen.focusProxy() is not None:
            screen.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        w = screen.nextInFocusChain()
        while w is not screen and w is not None and screen.isAncestorOf(w):
            if (
                w.isVisibleTo(screen)
                and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                w.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            w = w.nextInFocusChain()

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    # --- lock -----------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.pages.currentIndex() == self.PAGE_LOCKED

    @property
    def lock_dialog(self) -> LoginDialog | None:
        """The password dialog while the screen is locked."""
        return self._lock_dialog

    def set_idle_lock_minutes(self, minutes: int) -> None:
        self._settings.set_idle_lock_minutes(minutes)
        self.idle.set_interval(minutes * 60_000)
        self.action_map[f"idle_{minutes}"].setChecked(True)

    def switch_user(self) -> None:
        """Berkas → Ganti pengguna: hide the content and hand over to the launcher, which asks
        for the next user's log-in and closes this session (a shift change without restarting)."""
        self.idle.pause()
        self.pages.setCurrentIndex(self.PAGE_LOCKED)
        self.sig_switch_user.emit()

    def lock(self) -> None:
        """Hide the content and ask the same user for their password again."""
        if self.is_locked:
            return
        self.idle.pause()
        self.pages.setCurrentIndex(self.PAGE_LOCKED)
        dialog = LoginDialog(self.ctx.ws, self.ctx.actor.name, lock=True, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(self._on_unlock)
        self._lock_dialog = dialog
        dialog.open()

    def _on_unlock(self, result: int) -> None:
        dialog = self._lock_dialog
        self._lock_dialog = None
        if dialog is not None:
            dialog.deleteLater()
        unlocked = (
            result == QDialog.DialogCode.Accepted
            and dialog is not None
            and dialog.actor is not None
            and dialog.actor.user_id == self.ctx.actor.user_id
        )
        if not unlocked:
            # "Keluar aplikasi", or the application closing the dialog while it quits: the
            # content stays hidden and the window closes with the session.
            self.close()
            return
        self.pages.setCurrentIndex(self.PAGE_MAIN)
        self.idle.resume()
        self._show_status(self.tr("Layar dibuka kembali."))

    # --- about, close ---------------------------------------------------------------------------

    def show_about(self) -> QMessageBox:
        """The About box (non-blocking); returned so that tests can close it."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Tentang kamarhitung"))
        box.setIconPixmap(QApplication.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            self.tr(
                "<h3>kamarhitung {version}</h3>"
                "<p>Entri ganda formulir hasil penghitungan suara di TPS, rekonsiliasi, "
                "rekapitulasi dan laporan untuk ruang rekap kabupaten/kota. Bekerja tanpa "
                "internet.</p>"
                "<p>Workspace: {path}</p>"
            ).format(version=kamarhitung.__version__, path=self.ctx.ws.path)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_backups(self) -> BackupsDialog:
        """The backups dialog (non-blocking); returned so that tests can drive it."""
        dialog = BackupsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_room(self, password: str = "", message: str = "") -> RoomDialog:
        """Berkas → Ruangan… (non-blocking); returned so that tests can drive it."""
        dialog = RoomDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.password.setText(password)
        if message:
            dialog.message.setText(message)
        dialog.sig_moving.connect(self._moving)
        dialog.sig_hosted.connect(self.sig_reopen)
        dialog.open()
        return dialog

    def _moving(self) -> None:
        # The workspace moves into a room: this session lets go of its SQLite file (content
        # hidden, screens stopped, no backup on close); the launcher opens the workspace again
        # afterwards and closes this window.
        self._moved_away = True
        self.idle.pause()
        self.auto_backup.timer.stop()
        self.room_status.stop()
        self.pages.setCurrentIndex(self.PAGE_LOCKED)
        for host in self._hosts:
            hook = getattr(host.widget, "about_to_close", None)
            if callable(hook):
                hook()
        for timer in self.findChildren(QTimer):  # no screen reads the file while it moves
            timer.stop()

    def _room_connection(self, connected: bool) -> None:
        if connected:
            self._show_status(self.tr("Terhubung lagi ke ruangan."))
        else:
            self._show_status(self.tr("Hubungan ke ruangan terputus; mencoba lagi."))

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        for host in self._hosts:
            hook = getattr(host.widget, "about_to_close", None)
            if callable(hook):
                hook()
        self.room_status.stop()
        if not self._moved_away:
            self.auto_backup.backup_on_close()
        self._settings.set_window_geometry(self.saveGeometry())
        self.idle.pause()
        super().closeEvent(event)
        if event.isAccepted():
            self.sig_closed.emit()
