"""``kamarhitung --smoke``: does this installation work? Start the application offscreen, open a demo
workspace, sign and validate a report, exit 0 (1 with the failed step and why).

Meant for a built bundle (``installer/``): it touches what a frozen build most often lacks (Qt
plugins, data files, Alembic's migration scripts, the translations, the spawn process pool, the
signing libraries). Each step prints one line ``smoke: <step>: ok (<seconds> s) <details>``; the
last line is ``smoke-result {json}`` with the figures:

1. ``window``: the application, its translators and the first-run screen (the start dialog with
   "open demo", "new workspace from a master workbook" and "open workspace"), shown and painted.
   ``start_s`` is the time from the process's start to that window: "starts to a usable window".
2. ``languages``: English from the shipped ``.qm`` through the start dialog's language choice,
   applied to the open dialog without a restart; Qt's own buttons in Indonesian.
3. ``demo``: a small demo workspace in a temporary folder (region table, form templates, Alembic
   migrations, argon2, the demo's keys), and two form photos rendered in a spawn process pool.
4. ``main window``: the demo opened through the start dialog, a supervisor logged in, every screen
   built, the About box showing the version.
5. ``report``: the kabupaten recap made, signed with the demo's workspace key (``key_passphrase``
   of ``demo-credentials.json``) and validated against ``demo-province/ca.pem`` and its CRL; a copy
   with one byte changed must fail the validation.

Nothing of the user's is read or written: the settings are an INI file in the temporary folder,
which is removed at the end (``--keep`` keeps it and says where). ``QT_QPA_PLATFORM`` defaults to
``offscreen``; set it (``xcb``, ``wayland``, ``windows``) to try the real display plugin.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kamarhitung.services.workspace import Workspace

SMOKE_TPS = 12
"""Enough TPS for a kecamatan or two; the demo stays quick."""


class SmokeError(Exception):
    """A step of the smoke did not do what it should."""


def process_age() -> float | None:
    """Seconds since this process started (the bootloader and interpreter start included), or None
    where the system does not say."""
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        k32 = ctypes.windll.kernel32
        k32.GetCurrentProcess.restype = wintypes.HANDLE  # a pseudo-handle, pointer-sized
        k32.GetProcessTimes.argtypes = [wintypes.HANDLE, *[ctypes.POINTER(wintypes.FILETIME)] * 4]
        k32.GetProcessTimes.restype = wintypes.BOOL
        created, exited, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
        if not k32.GetProcessTimes(
            k32.GetCurrentProcess(),
            ctypes.byref(created),
            ctypes.byref(exited),
            ctypes.byref(kernel),
            ctypes.byref(user),
        ):
            return None
        k32.GetSystemTimeAsFileTime(ctypes.byref(now))

        def ticks(ft: wintypes.FILETIME) -> int:
            return (int(ft.dwHighDateTime) << 32) | int(ft.dwLowDateTime)

        return (ticks(now) - ticks(created)) / 1e7
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii")
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, starttime
        uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class Smoke:
    """The steps, in order; each one raises :class:`SmokeError` (or anything) when it fails."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.t0 = time.perf_counter()
        self.age0 = process_age()
        self.result: dict[str, object] = {"ok": False}
        self.step = ""

    def since_start(self) -> float:
        """Seconds since the process started (since this object, if the system does not say)."""
        return (self.age0 or 0.0) + time.perf_counter() - self.t0

    @contextmanager
    def running(self, step: str) -> Iterator[dict[str, object]]:
        self.step = step
        details: dict[str, object] = {}
        t = time.perf_counter()
        yield details
        dt = time.perf_counter() - t
        self.result[f"{step.replace(' ', '_')}_s"] = round(dt, 3)
        shown = "  ".join(f"{k}={v}" for k, v in details.items())
        print(f"smoke: {step}: ok ({dt:.2f} s) {shown}".rstrip(), flush=True)

    # --- the steps --------------------------------------------------------------------------

    def run(self) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        with self.running("window") as d:
            self.window(d)
        with self.running("languages") as d:
            self.languages(d)
        with self.running("demo") as d:
            self.demo(d)
        with self.running("main window") as d:
            self.main_window(d)
        with self.running("report") as d:
            self.report(d)
        self.close()
        self.result["ok"] = True

    def window(self, d: dict[str, object]) -> None:
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from kamarhitung.qt import i18n
        from kamarhitung.qt.app import application
        from kamarhitung.qt.login import StartDialog
        from kamarhitung.qt.settings import Settings

        qInstallMessageHandler(_quiet_offscreen)
        app = application([])
        self.settings = Settings.at(self.tmp / "settings.ini")
        lang = self.settings.language()
        i18n.set_language(lang)
        dialog = StartDialog(self.settings)
        dialog.show()
        self.dialog = dialog
        wait_until(lambda: _exposed(dialog), "the start dialog is shown")
        if dialog.grab().isNull():
            raise SmokeError("the start dialog could not be painted")
        start = self.since_start()
        self.result["start_s"] = round(start, 3)
        self.result["start_measured_from"] = "process" if self.age0 is not None else "smoke"
        self.result["platform"] = QApplication.platformName()
        self.result["language"] = lang
        self.result["frozen"] = bool(getattr(sys, "frozen", False))
        buttons = {
            "demo": dialog.demo_button,
            "new": dialog.new_button,
            "open": dialog.browse_button,
        }
        for name, button in buttons.items():
            if not (button.isVisible() and button.isEnabled() and button.text()):
                raise SmokeError(f"the start dialog's {name!r} action is not offered")
        if dialog.recent_list.isVisible():
            raise SmokeError("fresh settings, yet the start dialog lists recent workspaces")
        icon = QApplication.windowIcon()
        if icon.isNull() or icon.pixmap(48, 48).isNull():
            raise SmokeError("the application icon is missing (the SVG icon engine?)")
        d.update(start=f"{start:.2f}s", platform=self.result["platform"], language=lang)
        d["actions"] = "|".join(b.text() for b in buttons.values())
        del app

    def languages(self, d: dict[str, object]) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication, QDialogButtonBox

        from kamarhitung.qt import i18n

        dialog = self.dialog
        box = dialog.language_box
        qm = i18n.qm_path("en")
        if not qm.is_file():
            raise SmokeError(f"the English translation {qm} is not installed")

        def choose(lang: str) -> None:
            box.setCurrentIndex(i18n.LANGUAGES.index(lang))
            box.activated.emit(box.currentIndex())  # what a click on the item does
            QApplication.processEvents()

        choose("en")
        english = QCoreApplication.translate("StartDialog", "Buka demo")
        if english == "Buka demo":
            raise SmokeError(f"{qm} does not translate the start dialog")
        wait_until(lambda: dialog.demo_button.text() == english, "the dialog is retranslated")
        if self.settings.language() != "en":
            raise SmokeError("the language choice was not remembered")
        choose("id")
        wait_until(lambda: dialog.demo_button.text() == "Buka demo", "back in Indonesian")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
        buttons.deleteLater()
        if cancel != "Batal":
            raise SmokeError(f"Qt's Cancel button reads {cancel!r} in Indonesian")
        d.update(en=english, qt_cancel=cancel)

    def demo(self, d: dict[str, object]) -> None:
        from kamarhitung.services import images
        from kamarhitung.services.demo import create_demo
        from kamarhitung.services.workspace import open_workspace

        path = self.tmp / "demo"
        made = create_demo(path, n_tps=SMOKE_TPS, seed=1, entries="none")
        self.credentials = made.credentials
        ws = open_workspace(path)
        try:
            kabupaten = ws.meta().get("kabupaten_name", "?")
            contests = [c.id for c in ws.contests()]
            tps = _first_tps(ws)
            rendered = images.render_pending(ws, tps_ids=tps, workers=2)
            pictures = images.images_for(ws, tps[0], contests[0])
        finally:
            ws.close()
        if rendered < 2 or not pictures or not pictures[0].path.is_file():
            raise SmokeError(f"the process pool rendered {rendered} photos, not 2")
        self.demo_path = path
        self.contest = contests[0]
        d.update(kabupaten=kabupaten, tps=made.tps, photos=rendered)

    def main_window(self, d: dict[str, object]) -> None:
        from PySide6.QtWidgets import QApplication, QLabel

        import kamarhitung
        from kamarhitung.qt.app import Launcher
        from kamarhitung.services import accounts

        t = time.perf_counter()
        if not self.dialog.open_path(self.demo_path) or self.dialog.workspace is None:
            raise SmokeError(f"the start dialog did not open {self.demo_path}")
        ws = self.dialog.workspace
        self.actor = accounts.authenticate(ws, "supervisor1", self._password("supervisor1"))
        self.launcher = Launcher(self.settings)
        window = self.launcher.open_window(ws, self.actor)
        self.window_ = window
        wait_until(lambda: _exposed(window), "the main window is shown")
        if window.grab().isNull():
            raise SmokeError("the main window could not be painted")
        d["shown"] = f"{time.perf_counter() - t:.2f}s"
        screens: dict[str, str] = {}
        for spec in window.specs:
            widget = window.screen_widget(spec.key)
            if widget is None:
                raise SmokeError(f"screen {spec.key} is missing")
            window.show_screen(spec.key)
            QApplication.processEvents()
            name = f"{type(widget).__module__}.{type(widget).__name__}"
            if type(widget).__name__ == "_BrokenScreen":  # main_window's stand-in for a failure
                texts = " ".join(w.text() for w in widget.findChildren(QLabel))
                raise SmokeError(f"screen {spec.key} failed to build: {texts}")
            screens[spec.key] = name
        self.result["screens"] = screens
        about = window.show_about()
        text = about.text()
        about.close()
        if kamarhitung.__version__ not in text:
            raise SmokeError("the About box does not show the version")
        d.update(screens=len(screens), version=kamarhitung.__version__)

    def report(self, d: dict[str, object]) -> None:
        from cryptography import x509

        from kamarhitung.core import keys as corekeys
        from kamarhitung.services import reports
        from kamarhitung.services.signing import verify_pdf

        ws = self.window_.ctx.ws
        passphrase = str(self.credentials["key_passphrase"])
        request = reports.make_request(ws, "recap", self.contest, "kabupaten")
        made = reports.make_report(ws, self.actor, request)
        signed = reports.sign_report(ws, self.actor, made, passphrase)
        out = reports.save_report(ws, self.actor, signed, self.tmp / request.file_name())
        province = self.demo_path / "demo-province"
        trust = x509.load_pem_x509_certificates((province / "ca.pem").read_bytes())
        crl = corekeys.load_crl((province / "crl.pem").read_bytes(), what="crl.pem")
        check = verify_pdf(out.read_bytes(), trust, crl)
        if not check.ok:
            raise SmokeError(f"the signed report does not validate: {check.to_json()}")
        data = bytearray(out.read_bytes())
        middle = len(data) // 3
        data[middle] = data[middle] ^ 0x01
        if verify_pdf(bytes(data), trust, crl).ok:
            raise SmokeError("a report with one byte changed still validates")
        self.result["report"] = {
            "pages": signed.rendered.pages,
            "signer": signed.signer,
            "sha256": check.sha256,
        }
        d.update(pages=signed.rendered.pages, signer=signed.signer, valid=check.ok)

    def close(self) -> None:
        from PySide6.QtWidgets import QApplication

        window = getattr(self, "window_", None)
        if window is not None:
            window.close()  # the launcher closes the workspace with the window
        dialog = getattr(self, "dialog", None)
        if dialog is not None:
            dialog.close()
        QApplication.processEvents()

    def _password(self, user: str) -> str:
        users = self.credentials["users"]
        assert isinstance(users, list)
        return str(next(u["password"] for u in users if u["name"] == user))


def _first_tps(ws: Workspace) -> list[str]:
    """The first TPS of a workspace, as a list (``render_pending`` takes several)."""
    from sqlalchemy import select

    from kamarhitung.store.models import TpsRow

    with ws.store.reading() as s:
        return list(s.execute(select(TpsRow.id).order_by(TpsRow.id).limit(1)).scalars())


def _quiet_offscreen(_kind: object, _context: object, message: str) -> None:
    """Qt's messages to stderr, but for the offscreen plugin's note on every top-level window."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr, flush=True)


def _exposed(widget: object) -> bool:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    handle = widget.windowHandle()
    return widget.isVisible() and handle is not None and handle.isExposed()


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Process events until ``condition()`` holds; :class:`SmokeError` after ``timeout``."""
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise SmokeError(f"timed out waiting until {what}")
        QApplication.processEvents()
        time.sleep(0.005)


def main(argv: list[str]) -> int:
    """Run the smoke (``kamarhitung --smoke [--keep]``): 0 when every step passed, else 1."""
    p = argparse.ArgumentParser(prog="kamarhitung --smoke", description=__doc__.splitlines()[0])
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (and say where)")
    args = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kamarhitung-smoke-"))
    smoke = Smoke(tmp)
    code = 0
    try:
        smoke.run()
    except Exception as e:
        code = 1
        smoke.result["failed_step"] = smoke.step
        smoke.result["error"] = f"{type(e).__name__}: {e}"
        print(f"smoke: {smoke.step}: FAILED: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        import traceback

        traceback.print_exc()
    finally:
        if args.keep:
            print(f"smoke: kept {tmp}", flush=True)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("smoke-result " + json.dumps(smoke.result, sort_keys=True), flush=True)
    if code == 0:
        print(
            f"smoke: OK: a usable window {smoke.result['start_s']} s after the start; a demo "
            "opened; a report signed and validated",
            flush=True,
        )
    return code
