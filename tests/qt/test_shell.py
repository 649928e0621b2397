"""The GUI shell, driven from the keyboard: start, log-in, navigation by role, status, lock."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kamarhitung.core.entry import State
from kamarhitung.core.master import write_master_template
from kamarhitung.core.model import Role
from kamarhitung.qt import app as qt_app
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.login import LoginDialog, NewWorkspaceDialog, StartDialog
from kamarhitung.qt.main_window import (
    ALL_ROLES,
    SCREENS,
    SUPERVISING,
    MainWindow,
    ScreenSpec,
    lazy_screen,
)
from kamarhitung.qt.screens.status import StatusScreen
from kamarhitung.qt.settings import Settings
from kamarhitung.services import accounts, entry
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.models import UserRow


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


CTRL = Qt.KeyboardModifier.ControlModifier

# The offscreen platform warns about size hints of every top-level window (xcb does not); any
# other Qt warning fails the test.
pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, qapp: QApplication) -> Iterator[None]:
    """No test reads or writes the real user's settings; every test starts in Indonesian; the
    application's look is put back afterwards, for the tests of other modules."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "user-settings"))
    style, sheet, palette, font = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.palette(),
        qapp.font(),
    )
    i18n.set_language("id")
    yield
    i18n.remove_translators()
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.at(tmp_path / "settings.ini")


def _label(title: str) -> Callable[[AppContext, QWidget | None], QWidget]:
    def factory(_ctx: AppContext, parent: QWidget | None) -> QWidget:
        w = QLabel(title, parent)
        w.setObjectName(f"screen-{title}")
        return w

    return factory


def fake_screens() -> list[ScreenSpec]:
    """The real keys, titles and roles, with trivial screens: the shell is tested on its own."""
    return [ScreenSpec(s.key, s.title, _label(s.key), s.roles) for s in SCREENS]


def window(
    qtbot: QtBot,
    demo: Demo,
    user: str,
    settings: Settings,
    screens: list[ScreenSpec] | None = None,
) -> MainWindow:
    ctx = AppContext(demo.ws, demo.login(user))
    w = MainWindow(ctx, fake_screens() if screens is None else screens, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # window shortcuts need an active window
    return w


def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None
    return w


def failed_logins(demo: Demo, name: str) -> int:
    with demo.ws.store.reading() as s:
        return s.execute(select(UserRow.failed_logins).where(UserRow.name == name)).scalar_one()


# ------------------------------------------------------------------------------------- log in


def test_login_by_keyboard_wrong_then_right_password(qtbot: QtBot, demo: Demo) -> None:
    dialog = LoginDialog(demo.ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.user_edit.hasFocus())

    QTest.keyClicks(focused(), "supervisor1")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert dialog.password_edit.hasFocus()
    QTest.keyClicks(focused(), "not-the-password-1")
    QTest.keyClick(focused(), Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == REFUSED
    assert dialog.failures == 1
    assert failed_logins(demo, "supervisor1") == 1
    assert dialog.password_edit.text() == ""
    assert dialog.password_edit.hasFocus()

    QTest.keyClicks(focused(), demo.password("supervisor1"))
    with qtbot.waitSignal(dialog.accepted):
        QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None
    assert dialog.actor.name == "supervisor1"
    assert dialog.actor.role == Role.SUPERVISOR
    assert failed_logins(demo, "supervisor1") == 0


REFUSED = (
    "Nama pengguna atau kata sandi salah, atau akun terkunci atau dinonaktifkan "
    "(admin dapat memeriksanya)."
)


def test_login_empty_fields_say_what_is_missing(qtbot: QtBot, demo: Demo) -> None:
    dialog = LoginDialog(demo.ws)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog.user_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "Isi nama pengguna."
    QTest.keyClicks(dialog.user_edit, "operator1")
    QTest.keyClick(dialog.user_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "Isi kata sandi."
    assert dialog.failures == 0


def test_login_shows_lockout_inline(qtbot: QtBot, demo: Demo) -> None:
    dialog = LoginDialog(demo.ws, "operator2")
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(accounts.MAX_FAILED_LOGINS):
        QTest.keyClicks(dialog.password_edit, "wrong-password-9")
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.failures == accounts.MAX_FAILED_LOGINS
    # The same reply as a wrong password: the screen never tells that the account exists.
    assert dialog.error_label.text() == REFUSED
    assert dialog.isVisible()


def test_right_password_in_the_dialog_opens_the_main_window(
    qtbot: QtBot, demo: Demo, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(qt_app.PASSWORD_ENV, raising=False)
    typed: list[str] = []

    def type_into_login() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, type_into_login)
            return
        typed.append(dialog.user_edit.text())
        QTest.keyClicks(dialog.password_edit, demo.password("operator1"))
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_into_login)
    w = qt_app.build_main_window(
        ["--workspace", str(demo.path), "--user", "operator1"], settings=settings
    )
    assert isinstance(w, MainWindow)
    qtbot.addWidget(w)
    assert typed == ["operator1"]  # the user name was prefilled from --user
    assert w.ctx.actor.name == "operator1"
    assert settings.recent_workspaces() == [demo.path.resolve()]
    assert settings.last_user(demo.path) == "operator1"
    w.close()


def test_user_and_password_from_the_environment_log_in_directly(
    qtbot: QtBot, demo: Demo, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(qt_app.PASSWORD_ENV, demo.password("supervisor1"))
    w = qt_app.build_main_window(
        ["--workspace", str(demo.path), "--user", "supervisor1", "--lang", "id"],
        settings=settings,
    )
    assert isinstance(w, MainWindow)
    qtbot.addWidget(w)
    assert w.isVisible()
    assert w.ctx.actor.name == "supervisor1"
    assert w.ctx.actor.role == Role.SUPERVISOR
    assert QApplication.activeModalWidget() is None
    assert "supervisor1" in w.windowTitle() or "supervisor1" in w._status_user.text()
    w.close()


def test_main_runs_and_returns_when_the_window_closes(
    qtbot: QtBot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(qt_app.PASSWORD_ENV, demo.password("admin"))
    seen: list[str] = []

    def close_windows() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows:
            QTimer.singleShot(20, close_windows)
            return
        for w in windows:
            seen.append(w.ctx.actor.name)
            w.close()

    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(QApplication.quit)
    safety.start(20_000)
    QTimer.singleShot(0, close_windows)
    code = qt_app.main(["--workspace", str(demo.path), "--user", "admin"])
    assert safety.isActive(), "main() did not return by itself"
    safety.stop()
    assert code == 0
    assert seen == ["admin"]


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert qt_app.main(["--lang", "fr"]) == 2
    assert "--lang" in capsys.readouterr().err


# ---------------------------------------------------------------------------------- the start


def test_start_dialog_opens_the_recent_workspace_with_enter(
    qtbot: QtBot, demo: Demo, settings: Settings, tmp_path: Path
) -> None:
    missing = tmp_path / "gone"
    settings.add_recent_workspace(missing)
    settings.add_recent_workspace(demo.path)
    dialog = StartDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.recent_list.count() == 2
    assert dialog.recent_list.currentRow() == 0
    assert "tidak ditemukan" in dialog.recent_list.item(1).text()
    with qtbot.waitSignal(dialog.accepted):
        QTest.keyClick(dialog.recent_list, Qt.Key.Key_Return)
    assert dialog.workspace is not None
    assert dialog.workspace.path == demo.path.resolve()
    dialog.workspace.close()


def test_start_dialog_says_inline_why_a_folder_is_no_workspace(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    dialog = StartDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.recent_list.isHidden()
    assert not dialog.open_path(tmp_path)
    assert dialog.isVisible()
    assert dialog.error_label.text() == f"Folder {tmp_path} bukan workspace kamarhitung."


def test_start_dialog_delete_forgets_a_recent_workspace(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    settings.add_recent_workspace(tmp_path / "a")
    settings.add_recent_workspace(tmp_path / "b")
    dialog = StartDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog.recent_list, Qt.Key.Key_Delete)
    assert settings.recent_workspaces() == [(tmp_path / "a").resolve()]
    assert dialog.recent_list.count() == 1


def _fill_new_workspace(
    qtbot: QtBot, dialog: NewWorkspaceDialog, master: Path, folder: Path, password: str
) -> None:
    QTest.keyClicks(dialog.master_edit, str(master))
    QTest.keyClicks(dialog.folder_edit, str(folder))
    QTest.keyClicks(dialog.election_edit, "Pilkada Uji")
    QTest.keyClicks(dialog.password_edit, password)
    QTest.keyClicks(dialog.repeat_edit, password)


def test_new_workspace_lists_every_master_problem(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    bad = tmp_path / "bad.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "TPS"
    ws.append(["kode_desa", "provinsi", "kabupaten", "kecamatan", "desa", "nomor_tps"])
    ws.append(["3578011001", "JAWA TIMUR", "KOTA SURABAYA", "KARANG PILANG", "WARU GUNUNG", 0])
    wb.save(bad)
    dialog = NewWorkspaceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    folder = tmp_path / "new-ws"
    _fill_new_workspace(qtbot, dialog, bad, folder, "rahasia-123")
    QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    codes = {p.code for p in dialog.problems}
    assert {"missing_sheet", "missing_column", "bad_tps_number"} <= codes
    lines = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
    assert len(lines) == len(dialog.problems)
    assert "Sheet PASLON: sheet atau berkas wajib tidak ada" in lines
    assert "Sheet TPS, baris 2, kolom nomor_tps: nomor TPS harus 1 sampai 999" in lines
    assert dialog.error_label.text().startswith("Buku induk tidak dapat dipakai: ")
    assert not (folder / "kamarhitung.sqlite").exists()


def test_new_workspace_checks_the_password_inline(qtbot: QtBot, tmp_path: Path) -> None:
    master = tmp_path / "master.xlsx"
    write_master_template(master)
    dialog = NewWorkspaceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_new_workspace(qtbot, dialog, master, tmp_path / "ws", "pendek")
    QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "Kata sandi minimal 8 karakter."


def test_new_workspace_from_a_master_logs_the_admin_in(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    master = tmp_path / "master.xlsx"
    write_master_template(master)
    folder = tmp_path / "ws"
    dialog = NewWorkspaceDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_new_workspace(qtbot, dialog, master, folder, "rahasia-123")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    assert dialog.created is not None
    start = StartDialog(settings)
    qtbot.addWidget(start)
    assert start.open_path(dialog.created.path, (dialog.created.admin, dialog.created.password))
    assert start.actor is not None and start.actor.role == Role.ADMIN
    assert start.workspace is not None
    assert start.workspace.meta()["election"] == "Pilkada Uji"
    start.workspace.close()


# ------------------------------------------------------------------------------ main window


def nav_keys(w: MainWindow) -> list[str]:
    return [str(w.nav.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(w.nav.count())]


def test_operator_sees_entry_but_not_export(qtbot: QtBot, demo: Demo, settings: Settings) -> None:
    w = window(qtbot, demo, "operator1", settings)
    assert nav_keys(w) == ["entry", "images"]
    assert w.current_key == "entry"
    titles = [w.nav.item(i).text() for i in range(w.nav.count())]
    assert "Entri" in titles and "Ekspor" not in titles
    assert "screen_export" not in w.action_map
    assert not w.show_screen("export")
    QTest.keyClick(w, Qt.Key.Key_5, CTRL)
    assert w.current_key == "entry"


def test_supervisor_and_admin_see_every_screen(
    qtbot: QtBot, demo: Demo, settings: Settings
) -> None:
    for user in ("supervisor1", "admin"):
        w = window(qtbot, demo, user, settings)
        assert nav_keys(w) == [
            "entry",
            "images",
            "resolve",
            "recap",
            "report",
            "export",
            "audit",
            "status",
            "quality",
        ]
        w.close()


def test_screen_roles_follow_the_brief() -> None:
    roles = {s.key: s.roles for s in SCREENS}
    assert roles["entry"] == ALL_ROLES
    for key in ("resolve", "recap", "report", "export", "audit", "status"):
        assert roles[key] == SUPERVISING


def test_ctrl_number_switches_screens_and_focus(
    qtbot: QtBot, demo: Demo, settings: Settings
) -> None:
    w = window(qtbot, demo, "supervisor1", settings)
    assert w.current_key == "status"  # a supervisor starts on the overview
    for n, key in enumerate(
        ["entry", "images", "resolve", "recap", "report", "export", "audit"], start=1
    ):
        QTest.keyClick(w, getattr(Qt.Key, f"Key_{n}"), CTRL)
        assert w.current_key == key
        current = w.stack.currentWidget()
        assert current is not None
        assert current.findChild(QLabel, f"screen-{key}") is not None
    # Arrow keys in the navigation move between screens too.
    w.nav.setFocus()
    QTest.keyClick(w.nav, Qt.Key.Key_Up)
    assert w.current_key == "export"


def test_screens_are_built_only_when_opened(qtbot: QtBot, demo: Demo, settings: Settings) -> None:
    built: list[str] = []

    def counting(key: str) -> Callable[[AppContext, QWidget | None], QWidget]:
        def factory(_ctx: AppContext, parent: QWidget | None) -> QWidget:
            built.append(key)
            return QLabel(key, parent)

        return factory

    specs = [ScreenSpec(s.key, s.title, counting(s.key), s.roles) for s in SCREENS]
    w = window(qtbot, demo, "supervisor1", settings, specs)
    assert built == ["status"]
    w.show_screen("audit")
    w.show_screen("audit")
    assert built == ["status", "audit"]


def test_missing_screen_module_falls_back_to_the_status_screen(
    qtbot: QtBot, demo: Demo, settings: Settings
) -> None:
    specs = [
        ScreenSpec("entry", "Entri", lazy_screen("kamarhitung.qt.screens.no_such", "X"), ALL_ROLES),
        ScreenSpec("recap", "Rekap", lazy_screen("no_such_package.inner", "X"), ALL_ROLES),
    ]
    w = window(qtbot, demo, "operator1", settings, specs)
    assert isinstance(w.screen_widget("entry"), StatusScreen)
    # A module that exists but fails inside is a bug: shown in place of the screen, not hidden.
    broken = w.screen_widget("recap")
    assert broken is not None and not isinstance(broken, StatusScreen)
    assert "kesalahan program" in " ".join(lbl.text() for lbl in broken.findChildren(QLabel))


def test_status_bar_shows_workspace_user_and_messages(
    qtbot: QtBot, demo: Demo, settings: Settings
) -> None:
    w = window(qtbot, demo, "supervisor1", settings)
    kabupaten = demo.ws.meta()["kabupaten_name"]
    assert w._status_place.text() == kabupaten
    assert w._status_user.text() == "Pengguna: supervisor1 (Supervisor)"
    assert kabupaten in w.windowTitle()
    w.ctx.sig_status.emit("Formulir tersimpan")
    assert w.statusBar().currentMessage() == "Formulir tersimpan"


def test_status_screen_counts_match_the_service(qtbot: QtBot, mixed: Demo) -> None:
    ctx = AppContext(mixed.ws, mixed.login("supervisor1"))
    screen = StatusScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    expected = entry.status(mixed.ws)
    contests = [c.id for c in mixed.ws.contests()]
    model = screen.model
    assert model.columnCount() == 1 + len(contests)
    assert model.rowCount() == len(State) + 1
    for col, cid in enumerate(contests, start=1):
        assert model.headerData(col, Qt.Orientation.Horizontal) == mixed.ws.contest(cid).name
        states = expected[cid]["states"]
        assert isinstance(states, dict)
        for row, st in enumerate(State):
            assert model.index(row, 0).data() == i18n.state_name(st)
            assert model.index(row, col).data(Qt.ItemDataRole.UserRole) == states[st.value]
            assert model.index(row, col).data().startswith(str(states[st.value]))
        assert (
            model.index(len(State), col).data(Qt.ItemDataRole.UserRole)
            == (expected[cid]["tps_total"])
        )
    # Every state occurs in the mixed workspace, and the names are Indonesian.
    assert model.index(list(State).index(State.DIFFERENT), 0).data() == "Berbeda"
    assert {s.contest.id for s in screen.status} == set(contests)


def test_status_screen_refreshes_when_entries_change(qtbot: QtBot, demo: Demo) -> None:
    ctx = AppContext(demo.ws, demo.login("operator1"))
    screen = StatusScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    contest = demo.ws.contests()[0].id
    empty_row = list(State).index(State.EMPTY)
    before = screen.model.index(empty_row, 1).data(Qt.ItemDataRole.UserRole)
    assert entry.next_form(demo.ws, ctx.actor, contest) is not None
    ctx.sig_data_changed.emit(Changes.ENTRIES)
    assert screen.model.index(empty_row, 1).data(Qt.ItemDataRole.UserRole) == before - 1


# ------------------------------------------------------------------------------------- lock


def test_idle_lock_asks_the_same_user_again(qtbot: QtBot, demo: Demo, settings: Settings) -> None:
    w = window(qtbot, demo, "operator1", settings)
    assert settings.idle_lock_minutes() == 10
    assert w.idle.interval == 10 * 60_000
    w.idle.set_interval(50)
    qtbot.waitUntil(lambda: w.is_locked, timeout=5_000)
    dialog = w.lock_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.user_edit.text() == "operator1"
    assert dialog.user_edit.isReadOnly()
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and w.is_locked  # Escape does not reveal the window
    QTest.keyClicks(dialog.password_edit, "salah-sekali-1")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert w.is_locked
    assert dialog.error_label.text() == REFUSED
    w.idle.set_interval(0)  # no second lock while typing in this test
    QTest.keyClicks(dialog.password_edit, demo.password("operator1"))
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.is_locked)
    assert w.lock_dialog is None


def test_ctrl_l_locks_and_quit_from_the_lock_closes(
    qtbot: QtBot, demo: Demo, settings: Settings
) -> None:
    w = window(qtbot, demo, "supervisor1", settings)
    QTest.keyClick(w, Qt.Key.Key_L, CTRL)
    assert w.is_locked
    dialog = w.lock_dialog
    assert dialog is not None
    with qtbot.waitSignal(w.sig_closed):
        dialog.cancel_button.click()
    assert not w.isVisible()


def test_idle_lock_setting_is_remembered(qtbot: QtBot, demo: Demo, settings: Settings) -> None:
    w = window(qtbot, demo, "supervisor1", settings)
    w.action_map["idle_0"].trigger()
    assert settings.idle_lock_minutes() == 0
    assert w.idle.interval == 0
    w.action_map["idle_5"].trigger()
    assert settings.idle_lock_minutes() == 5
    assert w.idle.interval == 5 * 60_000


def test_about_shows_the_version(qtbot: QtBot, demo: Demo, settings: Settings) -> None:
    import kamarhitung

    w = window(qtbot, demo, "supervisor1", settings)
    box = w.show_about()
    assert box.windowTitle() == "Tentang kamarhitung"
    assert kamarhitung.__version__ in box.text()
    box.close()


def test_settings_survive_a_new_settings_object(tmp_path: Path, qapp: QApplication) -> None:
    path = tmp_path / "s.ini"
    s = Settings.at(path)
    for i in range(12):
        s.add_recent_workspace(tmp_path / f"w{i}")
    s.add_recent_workspace(tmp_path / "w3")
    s.set_language("en")
    s.set_idle_lock_minutes(15)
    s.sync()
    t = Settings.at(path)
    recent = t.recent_workspaces()
    assert recent[0] == (tmp_path / "w3").resolve()
    assert len(recent) == 8
    assert t.language() == "en"
    assert t.idle_lock_minutes() == 15


def test_workspace_opened_by_main_is_closed_with_its_window(
    qtbot: QtBot, demo: Demo, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(qt_app.PASSWORD_ENV, demo.password("operator1"))
    w = qt_app.build_main_window(
        ["--workspace", str(demo.path), "--user", "operator1"], settings=settings
    )
    assert isinstance(w, MainWindow)
    ws = w.ctx.ws
    with qtbot.waitSignal(w.sig_closed):
        w.close()
    # The engine was disposed: opening again works and the data is intact.
    again = open_workspace(ws.path)
    assert again.meta()["kabupaten_name"] == demo.ws.meta()["kabupaten_name"]
    again.close()
    assert os.environ[qt_app.PASSWORD_ENV]


def test_open_workspace_from_the_menu_replaces_the_session(
    qtbot: QtBot, demo: Demo, settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "recent-elsewhere"
    settings.add_recent_workspace(other)
    monkeypatch.setenv(qt_app.PASSWORD_ENV, demo.password("supervisor1"))
    first = qt_app.build_main_window(
        ["--workspace", str(demo.path), "--user", "supervisor1"], settings=settings
    )
    assert isinstance(first, MainWindow)
    qtbot.addWidget(first)
    steps: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StartDialog):
            steps.append("start")
            dialog.open_path(demo.path)  # the same workspace, as another user
        elif isinstance(dialog, LoginDialog):
            steps.append("login")
            dialog.user_edit.clear()
            QTest.keyClicks(dialog.user_edit, "admin")
            QTest.keyClicks(dialog.password_edit, demo.password("admin"))
            QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
            return
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    with qtbot.waitSignal(first.sig_closed, timeout=20_000):
        first.action_map["open_workspace"].trigger()
    assert steps == ["start", "login"]
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    second = next(w for w in windows if w is not first and w.isVisible())
    qtbot.addWidget(second)
    assert second.ctx.actor.name == "admin"
    assert second.ctx.ws is not first.ctx.ws
    assert second.ctx.ws.path == demo.path.resolve()
    assert settings.recent_workspaces() == [demo.path.resolve(), other.resolve()]
    assert settings.last_user(demo.path) == "admin"
    second.close()


def test_switch_user_logs_out_and_the_next_user_logs_in_without_a_restart(
    qtbot: QtBot, demo: Demo, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(qt_app.PASSWORD_ENV, demo.password("operator1"))
    first = qt_app.build_main_window(
        ["--workspace", str(demo.path), "--user", "operator1"], settings=settings
    )
    assert isinstance(first, MainWindow)
    # not qtbot.addWidget(first): the launcher deletes the window it closes
    seen: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog):
            seen.append(dialog.user_edit.text())
            seen.append("hidden" if first.is_locked else "visible")
            QTest.keyClicks(dialog.user_edit, "operator2")
            QTest.keyClicks(dialog.password_edit, demo.password("operator2"))
            QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
            return
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    with qtbot.waitSignal(first.sig_closed, timeout=20_000):
        first.action_map["switch_user"].trigger()
    assert seen == ["", "hidden"]  # the name field is empty, the old content hidden
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    second = next(w for w in windows if w is not first and w.isVisible())
    qtbot.addWidget(second)
    assert second.ctx.actor.name == "operator2"
    from kamarhitung.store.models import AuditEventRow

    with second.ctx.ws.store.reading() as s:
        events = s.execute(
            select(AuditEventRow.action, AuditEventRow.target).order_by(AuditEventRow.seq)
        ).all()
    pairs = [tuple(e) for e in events]
    out = pairs.index(("logout", "operator1"))
    assert ("login", "operator2") in pairs[out:]
    second.close()


def test_cancelling_the_next_log_in_never_returns_to_the_old_session(
    qtbot: QtBot, demo: Demo, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(qt_app.PASSWORD_ENV, demo.password("supervisor1"))
    first = qt_app.build_main_window(
        ["--workspace", str(demo.path), "--user", "supervisor1"], settings=settings
    )
    assert isinstance(first, MainWindow)
    # not qtbot.addWidget(first): the launcher deletes the window it closes
    steps: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog):
            steps.append("login")
            dialog.reject()
        elif isinstance(dialog, StartDialog):
            steps.append("start")
            dialog.reject()
            return
        QTimer.singleShot(20, drive)

    QTimer.singleShot(0, drive)
    with qtbot.waitSignal(first.sig_closed, timeout=20_000):
        first.action_map["switch_user"].trigger()
    assert steps == ["login", "start"]
    assert not any(
        w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
    )


def _active_shortcuts(window: MainWindow) -> list[tuple[str, str]]:
    """(key sequence, owner) of every shortcut that the current screen can trigger."""
    from PySide6.QtGui import QAction, QShortcut
    from PySide6.QtWidgets import QAbstractButton

    out: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        if not action.isEnabled() or not any(w.isVisible() for w in widgets):
            continue
        out += [(seq.toString(), f"action {action.objectName()}") for seq in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and isinstance(parent, QWidget) and parent.isVisible():
            out.append((shortcut.key().toString(), f"shortcut in {type(parent).__name__}"))
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and not button.shortcut().isEmpty():
            out.append((button.shortcut().toString(), f"button {button.text()!r}"))
    return out


def test_no_shortcut_is_bound_twice_on_any_screen(qtbot: QtBot, demo: Demo) -> None:
    """Qt triggers neither of two shortcuts with one key (Ctrl+Q was dead that way)."""
    from kamarhitung.qt.main_window import MainWindow as RealWindow

    ctx = AppContext(demo.ws, demo.login("supervisor1"))
    w = RealWindow(ctx, settings=Settings.at(demo.path.parent / "s.ini"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    checked = 0
    for spec in w.specs:
        w.show_screen(spec.key)
        qtbot.wait(10)
        seen: dict[str, str] = {}
        for key, owner in _active_shortcuts(w):
            assert key not in seen, f"{spec.key}: {key} is bound to {seen[key]} and {owner}"
            seen[key] = owner
            checked += 1
    assert checked > 20
    quit_keys = [s.toString() for s in w.action_map["quit"].shortcuts()]
    assert quit_keys == ["Ctrl+Q"]
    w.close()
