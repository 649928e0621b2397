"""Render the application icon for the installers, from the one SVG the application uses.

    python installer/icons.py OUTDIR

writes ``OUTDIR/kamarhitung.png`` (256 px: the Linux ``.desktop`` entry), ``kamarhitung-48.png``
and ``kamarhitung.ico`` (16 to 256 px: the Windows ``.exe`` and the NSIS installer). Qt's own SVG
renderer draws it (no cairo), offscreen; Pillow writes the ``.ico``. Both are dependencies of the
application already.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "src" / "kamarhitung" / "resources" / "icons" / "kamarhitung.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(out: Path, svg: Path = SVG) -> list[Path]:
    """Write the PNGs and the ICO into ``out``; returns their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"icons: {svg} is not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)

    def draw(size: int) -> QImage:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        return img

    written = []
    for name, size in (("kamarhitung.png", 256), ("kamarhitung-48.png", 48)):
        path = out / name
        if not draw(size).save(str(path)):
            raise SystemExit(f"icons: cannot write {path}")
        written.append(path)
    # Each size drawn from the SVG (not scaled down from 256 px): small sizes stay sharp.
    frames = []
    for size in ICO_SIZES:
        tmp = out / f".icon-{size}.png"
        draw(size).save(str(tmp))
        with Image.open(tmp) as im:
            frames.append(im.convert("RGBA"))
        tmp.unlink()
    ico = out / "kamarhitung.ico"
    frames[-1].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1])
    written.append(ico)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python installer/icons.py OUTDIR")
    for p in render(Path(sys.argv[1])):
        print(f"icons: {p}")
