"""The README's screenshots: every screen at 1366 x 768 with the sidebar, from a fresh demo.

    .venv/bin/python tools/screenshots.py                 # into docs/screenshots/
    .venv/bin/python tools/screenshots.py --out DIR --lang en
    .venv/bin/python tools/screenshots.py --only room     # the room's screens alone

Builds the Pilkada demo with entries in every state (and a presidential one for the plano page,
and an empty province workspace), logs in as the demo's users, shows each screen of the main
window at 1366 x 768 and grabs it (``QWidget.grab()``; offscreen, no display needed). Each text
a screen cuts is printed (the same checker as ``tests/qt/test_fit.py``); the PNGs are stored with
a 256-colour palette to keep them small.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KAMARHITUNG_FAST_HASH", "1")

from PIL import Image
from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice
from PySide6.QtWidgets import QWidget

from kamarhitung.qt import i18n
from kamarhitung.qt.app import application
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.fit import cuts
from kamarhitung.qt.main_window import MainWindow
from kamarhitung.qt.screens.reports import ReportScreen
from kamarhitung.qt.screens.resolve import ResolutionScreen
from kamarhitung.qt.settings import Settings
from kamarhitung.qt.widgets.image_viewer import ImageViewer
from kamarhitung.services import accounts, province
from kamarhitung.services.demo import create_demo
from kamarhitung.services.workspace import Workspace, open_workspace

WIDTH, HEIGHT = 1366, 768
ROOT = Path(__file__).resolve().parent.parent

SUPERVISOR_SHOTS = {
    "images": "images",
    "resolve": "resolve",
    "recap": "dashboard",
    "report": "reports",
    "export": "export",
    "audit": "audit",
    "status": "status",
    "quality": "quality",
}
"""Screen key → file name (without .png), as the supervisor sees them."""


def settle(rounds: int = 40) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()


def save(widget: QWidget, path: Path) -> None:
    """Grab ``widget`` and store it as a palette PNG."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buf, "PNG")
    image = Image.open(io.BytesIO(bytes(buf.data().data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def passwords(ws_path: Path) -> dict[str, str]:
    creds = json.loads((ws_path / "demo-credentials.json").read_text())
    return {u["name"]: u["password"] for u in creds["users"]}


def window(ws: Workspace, user: str, password: str, ini: Path) -> MainWindow:
    w = MainWindow(
        AppContext(ws, accounts.authenticate(ws, user, password)), settings=Settings.at(ini)
    )
    w.resize(WIDTH, HEIGHT)
    w.show()
    settle()
    return w


def wait_for_photos(w: MainWindow, seconds: float = 30.0) -> None:
    """Until every photo viewer on the screen shows its photo (they load in the background)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        viewers = [v for v in w.findChildren(ImageViewer) if v.isVisible()]
        if all(v.page_count() > 0 for v in viewers):
            break
        settle(5)
        time.sleep(0.05)
    settle()


def prepare(w: MainWindow, key: str) -> None:
    """Show a screen at work rather than empty: a form opened, a report previewed."""
    if key == "resolve":
        screen = w.findChild(ResolutionScreen)
        if screen is not None and screen.queue_items:
            screen.open_form(screen.queue_items[0])
    elif key == "report":
        report = w.findChild(ReportScreen)
        if report is not None:
            report.generate()
            end = time.monotonic() + 60
            while time.monotonic() < end and report.page_count() == 0:
                settle(5)
                time.sleep(0.05)


def shoot(w: MainWindow, key: str, path: Path, problems: list[str]) -> None:
    w.show_screen(key)
    settle()
    prepare(w, key)
    wait_for_photos(w)
    if (w.width(), w.height()) != (WIDTH, HEIGHT):
        problems.append(f"{path.name}: the window grew to {w.width()} x {w.height()}")
    problems += [f"{path.name}: {c}" for c in cuts(w)]
    save(w, path)
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--lang", choices=("id", "en"), default="id")
    ap.add_argument("--only", choices=("room",), help="take only these screens")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    application([])
    i18n.set_language(args.lang)
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kamarhitung-shots-") as tmp:
        base = Path(tmp)
        ini = base / "settings.ini"
        if args.only == "room":
            room_shots(base, out, ini, problems)
            for p in problems:
                print("cut:", p, file=sys.stderr)
            return 1 if problems else 0
        print("demo (Pilkada, entries in every state)…")
        demo = base / "demo"
        create_demo(demo, n_tps=60, seed=11, entries="mixed")
        pw = passwords(demo)
        ws = open_workspace(demo)
        try:
            w = window(ws, "operator1", pw["operator1"], ini)
            shoot(w, "entry", out / "entry.png", problems)
            w.close()
            w = window(ws, "supervisor1", pw["supervisor1"], ini)
            for key, name in SUPERVISOR_SHOTS.items():
                if key in {s.key for s in w.specs}:
                    shoot(w, key, out / f"{name}.png", problems)
            w.close()
        finally:
            ws.close()

        print("demo (presidential plano)…")
        plano = base / "plano"
        create_demo(plano, n_tps=20, seed=5, entries="none", election="pemilu")
        pw2 = passwords(plano)
        ws = open_workspace(plano)
        try:
            w = window(ws, "operator1", pw2["operator1"], ini)
            shoot(w, "entry", out / "entry-plano.png", problems)
            w.close()
        finally:
            ws.close()

        print("province workspace…")
        pdir = base / "province"
        src = demo / "demo-province"
        province.init_province(
            pdir,
            admin="padmin",
            password="province-pass-1",
            ca_pem=(src / "ca.pem").read_bytes(),
            identity_data=(src / "identity.age").read_bytes(),
            identity_passphrase=None,
            crl_pem=(src / "crl.pem").read_bytes(),
        )
        pws = open_workspace(pdir)
        try:
            w = window(pws, "padmin", "province-pass-1", ini)
            shoot(w, "province", out / "province.png", problems)
            w.close()
        finally:
            pws.close()
        print("a room with two stations…")
        room_shots(base, out, ini, problems)
    for p in problems:
        print("cut:", p, file=sys.stderr)
    return 1 if problems else 0


def grab_image(widget: QWidget) -> Image.Image:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(buf.data().data()))).convert("RGB")


def save_over(backdrop: QWidget, dialog: QWidget, path: Path) -> None:
    """A dialog as the user sees it: grabbed and laid over its window (offscreen, a dialog is a
    window of its own), the window dimmed a little, at 1366 x 768."""
    from PIL import ImageEnhance

    under = grab_image(backdrop).resize((WIDTH, HEIGHT))
    under = ImageEnhance.Brightness(under).enhance(0.82)
    top = grab_image(dialog)
    x = max(0, (WIDTH - top.width) // 2)
    y = max(0, (HEIGHT - top.height) // 2)
    under.paste(top, (x, y))
    under.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def wait_until(test: Callable[[], bool], seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not test():
        settle(5)
        time.sleep(0.05)
    settle()


def room_shots(base: Path, out: Path, ini: Path, problems: list[str]) -> None:
    """The room (README "A room with several PCs"): the host's Ruangan dialog with a join code,
    its QR code and two stations logged in; the start dialog's "Gabung ke ruangan"; a station's
    window with the room's connection in its status bar. Everything on 127.0.0.1."""
    from kamarhitung.qt.login import StartDialog
    from kamarhitung.qt.room import JoinDialog
    from kamarhitung.services import room
    from kamarhitung.store.pgcluster import free_port

    host_dir = base / "room-host"
    create_demo(host_dir, n_tps=60, seed=11, entries="mixed")
    pw = passwords(host_dir)
    port = free_port()
    room.make_host(host_dir, "admin", pw["admin"], listen="127.0.0.1", port=port)
    room.serve_detached(host_dir)
    stations: list[Workspace] = []
    try:
        for name, user in (("meja_1", "operator1"), ("meja_2", "operator2")):
            code = room.new_code(host_dir, "admin", pw["admin"])
            sdir = base / name
            room.join(sdir, "127.0.0.1", port, code.code, name=name)
            sws = open_workspace(sdir)
            accounts.authenticate(sws, user, pw[user])
            room.mark_seen(sws, user)
            stations.append(sws)

        hws = open_workspace(host_dir)
        try:
            w = window(hws, "admin", pw["admin"], ini)
            dialog = w.show_room(password=pw["admin"])
            dialog.resize(1000, 700)
            wait_until(lambda: dialog.stations.rowCount() >= 2)
            dialog._bg.wait_idle()
            dialog.new_code()
            wait_until(lambda: bool(dialog.code.text()))
            dialog.stations.setFocus()
            problems += [f"room-host.png: {c}" for c in cuts(dialog)]
            save_over(w, dialog, out / "room-host.png")
            dialog.done(0)
            w.close()
        finally:
            hws.close()

        start = StartDialog(Settings.at(ini))
        start.resize(WIDTH, HEIGHT)
        start.show()
        settle()
        join = JoinDialog(base / "meja_3")
        join.host.setText("192.168.1.10")
        join.port.setValue(room.DEFAULT_PORT)
        join.code.setText(code.code)
        join.folder.setText("/home/operator/kamarhitung-meja_3")
        join.show()
        settle()
        problems += [f"room-join.png: {c}" for c in cuts(join)]
        save_over(start, join, out / "room-join.png")
        join.close()
        start.close()

        sw = window(stations[0], "operator1", pw["operator1"], ini)
        wait_until(lambda: bool(sw.room_status.connected))
        shoot(sw, "entry", out / "room-station.png", problems)
        sw.close()
    finally:
        for sws in stations:
            sws.close()
        room.stop(host_dir, "admin", pw["admin"])


if __name__ == "__main__":
    sys.exit(main())
