"""Synthetic phone photos of a filled result form (Model C.HASIL), for the demo and for tests.

The page follows the template's layout exactly: every field's number is handwritten inside the box
that :meth:`FormSpec.box` gives, because the entry screen zooms to those boxes. Handwriting is drawn
as pen strokes through per-glyph control points (a small single-stroke font of digits, capitals and
a little punctuation) with per-writer slant, size, stroke width and ink, and per-glyph jitter; the
result is meant to be read by a person, like a real form at the end of a night shift.

Photo faults are deterministic in ``seed``: a slight rotation, perspective and zoom (a little table
shows at the edges), uneven light with a warm tint, the softness of a phone lens, sensor noise and
JPEG compression. Speed matters (the demo renders thousands), so the printed skeleton of the form is
drawn once per (form, candidate pairs, size) and cached; a photo is composed in the luminance band at
half resolution, with the colour bands (ink, paper tint) at quarter resolution, as JPEG's own chroma
subsampling would, then brought to full size once. Pure core: Pillow and numpy only.
"""

from __future__ import annotations

import importlib.util
import io
import math
import random
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from kamarhitung.core.model import Paslon, dotted
from kamarhitung.core.template import CORNER_SQUARE_SIZE, CORNER_SQUARES, Box, FormSpec

TITLE = "BERITA ACARA DAN SERTIFIKAT HASIL PENGHITUNGAN PEROLEHAN SUARA DI TEMPAT PEMUNGUTAN SUARA"

Point = tuple[float, float]
Stroke = list[Point]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

PRINT = 28
"""Luminance of printed black on the page (never pure black on a photo)."""


@dataclass(frozen=True, slots=True)
class C1Header:
    """What the KPPS writes in the form's header, and the contest printed under the title."""

    provinsi: str
    kabupaten: str
    kecamatan: str
    desa: str
    tps_number: int
    tps_id: str
    contest_title: str


# --- fonts -----------------------------------------------------------------------------------------

_DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")


@cache
def _font_file(bold: bool) -> str | None:
    """A TrueType file for printed text: DejaVu Sans, else reportlab's Vera (always installed)."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for candidate in (name, str(_DEJAVU_DIR / name)):
        try:
            ImageFont.truetype(candidate, 10)
        except OSError:
            continue
        return candidate
    spec = importlib.util.find_spec("reportlab")
    if spec is not None and spec.origin is not None:
        vera = Path(spec.origin).parent / "fonts" / ("VeraBd.ttf" if bold else "Vera.ttf")
        if vera.is_file():
            return str(vera)
    return None


@cache
def _font(size: int, bold: bool = False) -> Font:
    path = _font_file(bold)
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def _fit_font(text: str, size: int, max_width: float, bold: bool = False) -> Font:
    """The font of ``size`` or smaller in which ``text`` fits ``max_width`` pixels."""
    size = max(6, size)
    font = _font(size, bold)
    while size > 6 and font.getlength(text) > max_width:
        size -= 1
        font = _font(size, bold)
    return font


# --- handwriting: a single-stroke font -------------------------------------------------------------
# Units of the letter height, y down, x from the left edge. "c" strokes are smoothed through their
# points (Catmull-Rom), "l" strokes are straight segments.

_GLYPH_SRC: dict[str, str] = {
    "0": "c .32,0 .1,.16 .04,.52 .16,.9 .34,1 .54,.84 .6,.46 .5,.1 .3,0",
    "1": "l .14,.2 .34,0 .34,1",
    "2": "c .06,.24 .26,.02 .5,.06 .56,.3 .34,.6 .04,1|l .04,1 .6,.97",
    "3": "c .06,.12 .3,0 .52,.12 .5,.34 .26,.47|c .26,.47 .54,.58 .58,.84 .34,1 .04,.9",
    "4": "l .42,0 .04,.66 .64,.66|l .47,.34 .47,1",
    "5": "l .56,0 .14,.01 .1,.45|c .1,.45 .34,.37 .56,.5 .57,.8 .33,1 .04,.9",
    "6": "c .52,.03 .26,.2 .08,.56 .14,.9 .36,1 .56,.84 .52,.56 .3,.5 .1,.64",
    "7": "l 0,.04 .64,0 .26,1",
    "8": "c .32,.48 .12,.34 .12,.1 .32,0 .52,.1 .52,.32 .32,.48 .08,.66 .1,.92 .32,1 .56,.9 .56,.66 "
    ".32,.48",
    "9": "c .54,.2 .38,.02 .12,.06 .08,.3 .3,.47 .52,.36 .54,.2|c .54,.2 .54,.6 .46,1",
    "A": "l 0,1 .3,0 .6,1|l .12,.62 .48,.62",
    "B": "l .06,1 .06,0|c .06,0 .38,.02 .5,.14 .44,.36 .06,.48|c .06,.48 .5,.58 .56,.82 .4,.98 .06,1",
    "C": "c .56,.14 .36,0 .12,.12 .04,.5 .14,.88 .36,1 .58,.86",
    "D": "l .06,0 .06,1|c .06,0 .4,.06 .58,.4 .52,.78 .3,.96 .06,1",
    "E": "l .54,0 .06,0 .06,1 .56,1|l .06,.5 .44,.5",
    "F": "l .54,0 .06,0 .06,1|l .06,.5 .42,.5",
    "G": "c .56,.14 .36,0 .12,.12 .04,.5 .14,.88 .36,1 .56,.86|l .56,.86 .58,.56 .34,.56",
    "H": "l .06,0 .06,1|l .56,0 .56,1|l .06,.5 .56,.5",
    "I": "l .1,0 .1,1",
    "J": "c .5,0 .5,.5 .46,.86 .28,1 .06,.86",
    "K": "l .06,0 .06,1|l .54,0 .06,.62|l .22,.46 .58,1",
    "L": "l .06,0 .06,1 .52,1",
    "M": "l .04,1 .08,0 .36,.62 .64,0 .68,1",
    "N": "l .06,1 .06,0 .56,1 .56,0",
    "O": "c .34,0 .1,.14 .04,.5 .14,.88 .36,1 .6,.86 .66,.46 .54,.12 .34,0",
    "P": "l .06,1 .06,0|c .06,0 .42,.04 .54,.24 .42,.44 .06,.5",
    "Q": "c .34,0 .1,.14 .04,.5 .14,.88 .36,1 .6,.86 .66,.46 .54,.12 .34,0|l .4,.72 .66,1.04",
    "R": "l .06,1 .06,0|c .06,0 .42,.04 .54,.24 .42,.44 .06,.5|l .26,.5 .58,1",
    "S": "c .54,.12 .32,0 .1,.08 .08,.28 .32,.48 .54,.66 .52,.9 .3,1 .04,.88",
    "T": "l 0,0 .62,0|l .31,0 .31,1",
    "U": "c .06,0 .06,.6 .14,.92 .32,1 .5,.92 .56,.6 .56,0",
    "V": "l 0,0 .3,1 .6,0",
    "W": "l 0,0 .18,1 .38,.3 .58,1 .76,0",
    "X": "l .02,0 .56,1|l .56,0 .02,1",
    "Y": "l 0,0 .3,.5 .6,0|l .3,.5 .3,1",
    "Z": "l .02,0 .56,0 .04,1 .6,1",
    ".": "l .08,.93 .11,1",
    ",": "l .12,.9 .06,1.12",
    "-": "l .04,.56 .4,.54",
    "/": "l .44,0 .04,1",
    "(": "c .26,-.04 .08,.3 .06,.7 .26,1.04",
    ")": "c .04,-.04 .22,.3 .24,.7 .04,1.04",
    ":": "l .08,.3 .1,.35|l .08,.9 .1,.95",
    "'": "l .12,0 .08,.26",
}

_SPACE = 0.42
_GAP = 0.2


@dataclass(frozen=True, slots=True)
class _Glyph:
    strokes: tuple[tuple[bool, tuple[Point, ...]], ...]
    width: float


def _parse_glyph(src: str) -> _Glyph:
    strokes: list[tuple[bool, tuple[Point, ...]]] = []
    for part in src.split("|"):
        kind, *pts = part.split()
        points = tuple((float(a), float(b)) for a, b in (p.split(",") for p in pts))
        strokes.append((kind == "c", points))
    width = max(x for _, pts in strokes for x, _ in pts)
    return _Glyph(tuple(strokes), width)


_GLYPHS: dict[str, _Glyph] = {ch: _parse_glyph(src) for ch, src in _GLYPH_SRC.items()}

_CR_STEPS = 5
_CR_WEIGHTS = [
    (
        0.5 * (-t + 2 * t * t - t**3),
        0.5 * (2 - 5 * t * t + 3 * t**3),
        0.5 * (t + 4 * t * t - 3 * t**3),
        0.5 * (-t * t + t**3),
    )
    for t in (i / _CR_STEPS for i in range(_CR_STEPS))
]


def _smooth(pts: Sequence[Point]) -> Stroke:
    """A Catmull-Rom curve through ``pts``."""
    n = len(pts)
    if n < 3:
        return list(pts)
    ext = [pts[0], *pts, pts[-1]]
    out: Stroke = []
    for i in range(n - 1):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
        for w0, w1, w2, w3 in _CR_WEIGHTS:
            out.append(
                (w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3, w0 * y0 + w1 * y1 + w2 * y2 + w3 * y3)
            )
    out.append(pts[-1])
    return out


@dataclass(frozen=True, slots=True)
class _Pen:
    """One writer's hand: ink, slant, size, width, how wide and how shaky."""

    ink: tuple[int, int, int]
    slant: float
    size: float
    width: float
    wide: float
    shake: float

    @property
    def ink_y(self) -> int:
        r, g, b = self.ink
        return round(0.299 * r + 0.587 * g + 0.114 * b)


def _pen(seed: int) -> _Pen:
    rng = random.Random(f"{seed}/pen")
    if rng.random() < 0.7:
        ink = (rng.randint(20, 50), rng.randint(40, 80), rng.randint(140, 200))  # blue ballpoint
    else:
        ink = (rng.randint(20, 35), rng.randint(20, 35), rng.randint(25, 45))  # black
    return _Pen(
        ink=ink,
        slant=rng.uniform(-0.04, 0.28),
        size=rng.uniform(0.88, 1.08),
        width=rng.uniform(0.8, 1.15),
        wide=rng.uniform(0.9, 1.15),
        shake=rng.uniform(0.012, 0.03),
    )


def _ascii_upper(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).upper()


def _compose(text: str, pen: _Pen, rng: random.Random) -> list[Stroke]:
    """``text`` handwritten, in units of the letter height, from the origin."""
    out: list[Stroke] = []
    x = 0.0
    shake = pen.shake
    for ch in text:
        g = _GLYPHS.get(ch)
        if g is None:
            x += _SPACE * pen.wide
            continue
        sc = rng.uniform(0.93, 1.07)
        sx = sc * pen.wide * rng.uniform(0.94, 1.06)
        dy = rng.uniform(-0.04, 0.04)
        rot = rng.uniform(-0.06, 0.06)
        cr, sr = math.cos(rot), math.sin(rot)
        slant = pen.slant + rng.uniform(-0.04, 0.04)
        cx = g.width * 0.5
        for curve, pts in g.strokes:
            moved: Stroke = []
            for gx, gy in pts:
                gx += rng.gauss(0.0, shake)
                gy += rng.gauss(0.0, shake)
                u = (gx - cx) * sx
                v = (gy - 0.5) * sc
                u, v = u * cr - v * sr, u * sr + v * cr
                moved.append((x + cx * sx + u + slant * (0.5 - v), 0.5 + v + dy))
            out.append(_smooth(moved) if curve else moved)
        x += (g.width + _GAP * rng.uniform(0.8, 1.25)) * sx
    return out


def _bounds(strokes: Sequence[Stroke]) -> tuple[float, float, float, float]:
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    return min(xs), min(ys), max(xs), max(ys)


def _stroke_width(page_h: int, pen: _Pen, scale: float = 1.0) -> int:
    return max(1, round(page_h * 0.0014 * pen.width * scale))


def _write_in(
    draw: ImageDraw.ImageDraw,
    text: str,
    region: tuple[float, float, float, float],
    height: float,
    pen: _Pen,
    rng: random.Random,
    width: int,
    *,
    align: str = "center",
) -> None:
    """Handwrite ``text`` about ``height`` px high, all its ink inside ``region`` (x0, y0, x1, y1)."""
    strokes = _compose(text, pen, rng)
    if not strokes:
        return
    ux0, uy0, ux1, uy1 = _bounds(strokes)
    margin = width / 2 + 1
    rx0, ry0, rx1, ry1 = (
        region[0] + margin,
        region[1] + margin,
        region[2] - margin,
        region[3] - margin,
    )
    if rx1 <= rx0 or ry1 <= ry0:
        return
    h = min(height, (rx1 - rx0) / max(ux1 - ux0, 1e-6), (ry1 - ry0) / max(uy1 - uy0, 1e-6))
    tw, th = (ux1 - ux0) * h, (uy1 - uy0) * h
    if align == "center":
        tx = (rx0 + rx1 - tw) / 2 + rng.uniform(-0.14, 0.14) * (rx1 - rx0)
    else:
        tx = rx0 + rng.uniform(0.0, 0.05) * (rx1 - rx0)
    ty = (ry0 + ry1 - th) / 2 + rng.uniform(-0.1, 0.1) * (ry1 - ry0)
    tx = min(max(tx, rx0), rx1 - tw)
    ty = min(max(ty, ry0), ry1 - th)
    fill = pen.ink_y
    r = width / 2
    for s in strokes:
        pts = [(tx + (x - ux0) * h, ty + (y - uy0) * h) for x, y in s]
        if len(pts) == 1:
            pts.append(pts[0])
        draw.line(pts, fill=fill, width=width, joint="curve")
        if width >= 3:
            for px, py in (pts[0], pts[-1]):
                draw.ellipse((px - r, py - r, px + r, py + r), fill=fill)


def _scribble(
    draw: ImageDraw.ImageDraw,
    region: tuple[float, float, float, float],
    pen: _Pen,
    rng: random.Random,
    width: int,
) -> None:
    """A signature inside ``region``: a tall initial, a run of uneven loops, often an underline."""
    # Drawn in free units first (x advancing, y about 0), then fitted to the region.
    top = -1.0 + rng.uniform(-0.3, 0.2)
    initials: list[list[Point]] = [
        [(0.0, 0.5), (0.25, top), (0.35, 0.8)],
        [(0.0, 0.6), (0.1, top), (0.35, top + 0.2), (0.15, 0.7), (0.35, 0.5)],
        [(0.35, top + 0.3), (0.05, top + 0.1), (0.0, 0.4), (0.3, 0.7), (0.4, 0.3)],
        [(0.0, 0.2), (0.2, 0.3), (0.4, 0.2)],
    ]
    pts = list(rng.choice(initials))
    x = 0.4
    for _ in range(rng.randint(2, 5)):
        r = rng.uniform(0.3, 0.65)
        adv = rng.uniform(0.35, 0.7)
        tall = rng.uniform(0.6, 1.3)
        for k in range(1, 7):
            t = k * math.pi / 3
            pts.append(
                (
                    x + adv * k / 6 - r * math.sin(t) * 0.8 + rng.gauss(0, 0.05),
                    -r * tall * math.sin(t + math.pi / 2) + r * tall * 0.5 + rng.gauss(0, 0.06),
                )
            )
        x += adv
    if rng.random() < 0.65:
        pts += [(x * rng.uniform(0.3, 0.6), 1.1), (x * 1.05, 0.9)]
    curve = _smooth(pts)
    ux0, uy0, ux1, uy1 = _bounds([curve])
    x0, y0, x1, y1 = region
    fw = (x1 - x0) * rng.uniform(0.65, 0.95)
    fh = (y1 - y0) * rng.uniform(0.75, 0.95)
    sy = fh / max(uy1 - uy0, 1e-6)
    sx = min(fw / max(ux1 - ux0, 1e-6), sy * rng.uniform(1.5, 2.6))
    ox = x0 + rng.uniform(0, max(0.0, (x1 - x0) - (ux1 - ux0) * sx))
    oy = y0 + rng.uniform(0, max(0.0, (y1 - y0) - (uy1 - uy0) * sy))
    draw.line(
        [(ox + (px - ux0) * sx, oy + (py - uy0) * sy) for px, py in curve],
        fill=pen.ink_y,
        width=width,
        joint="curve",
    )


# --- the printed skeleton --------------------------------------------------------------------------

_NAMES = (
    "SUTRISNO",
    "SITI AMINAH",
    "AGUS SALIM",
    "NURHAYATI",
    "BAMBANG S",
    "DEWI LESTARI",
    "SUPRIYADI",
    "RAHMAT H",
    "SRI WAHYUNI",
    "HERMAN",
    "YUSUF",
    "MARLINA",
    "ABDUL ROHMAN",
    "ENDANG",
)

_SKELETONS: OrderedDict[tuple[object, ...], Image.Image] = OrderedDict()
_FONT_LOCK = threading.RLock()  # FreeType faces are shared: draw text under this lock
_SKELETON_MAX = 8


def _px(box: Box, size: tuple[int, int]) -> tuple[float, float, float, float]:
    w, h = size
    return box[0] * w, box[1] * h, box[2] * w, box[3] * h


def _dotted_line(draw: ImageDraw.ImageDraw, x0: float, x1: float, y: float, h: int) -> None:
    step = max(3, round(h * 0.0022))
    dot = max(1, step // 3)
    x = x0
    while x < x1:
        draw.line([(x, y), (min(x + dot, x1), y)], fill=PRINT + 40, width=max(1, round(h / 2400)))
        x += step


def _wrap(text: str, font: Font, max_width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font.getlength(trial) > max_width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _paslon_label(n: int, paslon: Sequence[Paslon]) -> str:
    p = next((p for p in paslon if p.nomor_urut == n), None)
    if p is None:
        return f"PASANGAN CALON NOMOR URUT {n}"
    return p.names(" / ").upper()


def _header_rows(form: FormSpec, size: tuple[int, int]) -> list[float]:
    """The y of the dotted lines of the header fields."""
    lay = form.template.layout
    y0, y1 = lay.header[0] * size[1], lay.header[1] * size[1]
    return [y0 + (y1 - y0) * f for f in (0.5, 0.65, 0.8, 0.95)]


_HEADER_LEFT = ("PROVINSI", "KABUPATEN/KOTA", "KECAMATAN", "DESA/KELURAHAN")


def _draw_skeleton(
    form: FormSpec, paslon: Sequence[Paslon], contest_title: str, size: tuple[int, int]
) -> Image.Image:
    """Everything printed on the form: it depends on the form and contest, not on the TPS."""
    w, h = size
    t = form.template
    lay = t.layout
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    lw = max(1, round(h / 1600))

    # Form code, top right, boxed.
    font = _fit_font(t.form_code, round(h * 0.0095), w * 0.3, bold=True)
    tw = font.getlength(t.form_code)
    bx1, by0, by1 = w * 0.95, h * 0.006, h * 0.026
    bx0 = bx1 - tw - w * 0.02
    d.rectangle((bx0, by0, bx1, by1), outline=PRINT, width=lw + 1)
    d.text(((bx0 + bx1) / 2, (by0 + by1) / 2), t.form_code, fill=PRINT, font=font, anchor="mm")

    # Title and contest, centred at the top of the header band.
    y0, y1 = lay.header[0] * h, lay.header[1] * h
    hb = y1 - y0
    font = _font(round(h * 0.0098), bold=True)
    lines = _wrap(TITLE, font, w * 0.82)
    for i, line in enumerate(lines):
        d.text((w / 2, y0 + hb * (0.07 + 0.1 * i)), line, fill=PRINT, font=font, anchor="mm")
    contest = contest_title.upper()
    font = _fit_font(contest, round(h * 0.0088), w * 0.86, bold=True)
    d.text((w / 2, y0 + hb * (0.1 * len(lines) + 0.1)), contest, fill=PRINT, font=font, anchor="mm")
    d.line([(w * 0.05, y0 + hb * 0.34), (w * 0.95, y0 + hb * 0.34)], fill=PRINT, width=lw)

    # Header fields: labels, colons and dotted lines.
    font = _font(round(h * 0.0068))
    rows = _header_rows(form, size)
    for label, y in zip(_HEADER_LEFT, rows, strict=True):
        d.text((w * 0.05, y - h * 0.002), label, fill=PRINT, font=font, anchor="ls")
        d.text((w * 0.215, y - h * 0.002), ":", fill=PRINT, font=font, anchor="ls")
        _dotted_line(d, w * 0.225, w * 0.62, y, h)
    d.text((w * 0.66, rows[0] - h * 0.002), "TPS", fill=PRINT, font=font, anchor="ls")
    d.text((w * 0.74, rows[0] - h * 0.002), ":", fill=PRINT, font=font, anchor="ls")
    _dotted_line(d, w * 0.75, w * 0.95, rows[0], h)
    d.text((w * 0.66, rows[1] - h * 0.002), "KODE TPS", fill=PRINT, font=font, anchor="ls")
    d.text((w * 0.74, rows[1] - h * 0.002), ":", fill=PRINT, font=font, anchor="ls")

    cols = lay.columns
    lx0, lx1 = lay.label[0] * w, lay.label[1] * w
    gap = (cols["L"][0] - lay.label[1]) * w if "L" in cols else w * 0.02
    jx0 = cols["J"][0] * w if "J" in cols else lx1
    label_size = round(h * 0.0072)
    head_font_size = round(h * 0.0074)
    small_bold = _font(round(h * 0.0062), bold=True)

    for sec in t.sections:
        hy = lay.headings.get(sec.id)
        if hy is not None:
            hy0, hy1 = hy[0] * h, hy[1] * h
            title_right = lx1 if sec.kind == "lpj" else jx0 - gap
            d.rectangle((lx0, hy0, title_right, hy1), fill=222, outline=PRINT, width=lw)
            title = sec.title_for(any(p.is_kolom_kosong for p in paslon))
            font = _fit_font(title, head_font_size, title_right - lx0 - w * 0.016, bold=True)
            d.text((lx0 + w * 0.008, (hy0 + hy1) / 2), title, fill=PRINT, font=font, anchor="lm")
            heads = (
                {"L": "L", "P": "P", "J": "JUMLAH"}
                if sec.kind == "lpj"
                else {"J": "JUMLAH SUARA" if sec.kind == "paslon" else "JUMLAH"}
            )
            for c, text in heads.items():
                if c not in cols:
                    continue
                cx0, cx1 = cols[c][0] * w, cols[c][1] * w
                d.rectangle((cx0, hy0, cx1, hy1), fill=236, outline=PRINT, width=lw)
                f = _fit_font(text, round(h * 0.0066), cx1 - cx0 - w * 0.008, bold=True)
                d.text(((cx0 + cx1) / 2, (hy0 + hy1) / 2), text, fill=PRINT, font=f, anchor="mm")
        if sec.kind == "paslon":
            for n in form.paslon_numbers:
                ry = lay.rows.get(f"{sec.id}.{n}")
                if ry is None:
                    continue
                ry0, ry1 = ry[0] * h, ry[1] * h
                nx1 = lx0 + w * 0.06
                d.rectangle((lx0, ry0, nx1, ry1), outline=PRINT, width=lw)
                f = _font(round(h * 0.009), bold=True)
                d.text(((lx0 + nx1) / 2, (ry0 + ry1) / 2), str(n), fill=PRINT, font=f, anchor="mm")
                d.rectangle((nx1, ry0, jx0 - gap, ry1), outline=PRINT, width=lw)
                text = _paslon_label(n, paslon)
                f = _fit_font(text, round(h * 0.0072), jx0 - gap - nx1 - w * 0.016, bold=True)
                d.text((nx1 + w * 0.008, (ry0 + ry1) / 2), text, fill=PRINT, font=f, anchor="lm")
                cx0, cx1 = cols["J"][0] * w, cols["J"][1] * w
                d.rectangle((cx0, ry0, cx1, ry1), outline=PRINT, width=lw)
            continue
        for row in sec.rows:
            ry = lay.rows.get(row.id)
            if ry is None:
                continue
            ry0, ry1 = ry[0] * h, ry[1] * h
            label_right = lx1 if sec.kind == "lpj" else jx0 - gap
            d.rectangle((lx0, ry0, label_right, ry1), outline=PRINT, width=lw)
            f = _fit_font(row.label, label_size, label_right - lx0 - w * 0.016)
            d.text((lx0 + w * 0.008, (ry0 + ry1) / 2), row.label, fill=PRINT, font=f, anchor="lm")
            for c in ("L", "P", "J") if sec.kind == "lpj" else ("J",):
                if c in cols:
                    cx0, cx1 = cols[c][0] * w, cols[c][1] * w
                    d.rectangle((cx0, ry0, cx1, ry1), outline=PRINT, width=lw)

    if lay.page_label:
        f = _font(round(h * 0.0068), bold=True)
        d.text((bx0 - w * 0.012, (by0 + by1) / 2), lay.page_label, fill=PRINT, font=f, anchor="rm")
    if lay.plano:
        _draw_plano_marks(d, form, size, lw)

    # Closing statement, place and date, then the signature blocks.
    last = _content_bottom(form) * h
    sy0, sy1 = lay.signatures[0] * h, lay.signatures[1] * h
    g = sy0 - last
    font = _font(round(h * 0.0064))
    d.text(
        (lx0, last + g * 0.3),
        "Demikian Berita Acara dan Sertifikat ini dibuat dengan sebenarnya.",
        fill=PRINT,
        font=font,
        anchor="lm",
    )
    py = last + g * 0.72
    d.text((w * 0.55, py), "Dibuat di", fill=PRINT, font=font, anchor="ls")
    _dotted_line(d, w * 0.63, w * 0.77, py, h)
    d.text((w * 0.78, py), "tgl.", fill=PRINT, font=font, anchor="ls")
    _dotted_line(d, w * 0.82, w * 0.95, py, h)

    sb = sy1 - sy0
    bold = small_bold
    d.text((w * 0.05, sy0 + sb * 0.06), "KETUA KPPS", fill=PRINT, font=bold, anchor="lm")
    d.text((w * 0.05, sy0 + sb * 0.9), "(", fill=PRINT, font=font, anchor="lm")
    d.text((w * 0.31, sy0 + sb * 0.9), ")", fill=PRINT, font=font, anchor="lm")
    _dotted_line(d, w * 0.065, w * 0.305, sy0 + sb * 0.93, h)
    d.text((w * 0.37, sy0 + sb * 0.06), "ANGGOTA KPPS", fill=PRINT, font=bold, anchor="lm")
    for i in range(6):
        y = sy0 + sb * (0.28 + 0.14 * i)
        d.text((w * 0.37, y), f"{i + 2}.", fill=PRINT, font=font, anchor="ls")
        _dotted_line(d, w * 0.4, w * 0.64, y, h)
    d.text((w * 0.68, sy0 + sb * 0.06), "SAKSI PASANGAN CALON", fill=PRINT, font=bold, anchor="lm")
    for i, n in enumerate(form.paslon_numbers[:6]):
        y = sy0 + sb * (0.28 + 0.14 * i)
        d.text((w * 0.68, y), f"No. {n}", fill=PRINT, font=font, anchor="ls")
        _dotted_line(d, w * 0.74, w * 0.95, y, h)
    return img


def bubble_centres(box: Box, size: tuple[int, int]) -> list[list[tuple[float, float]]]:
    """Pixel centres of the bubbles under a plano number's three digit boxes: per digit column,
    the bubbles 0 to 9 from the top."""
    h = size[1]
    x0, _y0, x1, y1 = _px(box, size)
    step = (x1 - x0) / 3
    gap = h * BUBBLE_BAND / 10
    return [[(x0 + step * (i + 0.5), y1 + gap * (k + 0.6)) for k in range(10)] for i in range(3)]


def _content_bottom(form: FormSpec) -> float:
    """Where the last section ends on the page (a plano pair's bubbles below its digit boxes)."""
    lay = form.template.layout
    bottom = max(y1 for _, y1 in lay.rows.values())
    if lay.plano and any(k.startswith("IV.") for k in lay.rows):
        bottom = max(bottom, max(y1 for k, (_, y1) in lay.rows.items() if k.startswith("IV.")))
        bottom += BUBBLE_BAND
    return bottom


BUBBLE_BAND = 0.14
"""Height of the column of bubbles under a plano number, as a share of the page's height."""


def _draw_plano_marks(
    d: ImageDraw.ImageDraw, form: FormSpec, size: tuple[int, int], lw: int
) -> None:
    """The plano's four corner squares, and under each pair's three digit boxes the bubbles."""
    w, h = size
    side = CORNER_SQUARE_SIZE * w
    for cx, cy in CORNER_SQUARES:
        d.rectangle(
            (cx * w - side / 2, cy * h - side / 2, cx * w + side / 2, cy * h + side / 2), fill=0
        )
    font = _font(round(h * 0.0052))
    r = h * BUBBLE_BAND / 10 * 0.36
    for fid in form.field_ids:
        if not fid.startswith("IV."):
            continue
        box = form.box(fid)
        if box is None:
            continue
        x0, y0, x1, y1 = _px(box, size)
        for i in (1, 2):
            x = x0 + (x1 - x0) * i / 3
            d.line([(x, y0), (x, y1)], fill=PRINT, width=lw)
        # The tally grid (rincian perolehan suara): 12 columns of 5 boxes beside the bubbles.
        lay = form.template.layout
        gx0, gx1 = lay.label[0] * w + w * 0.06, x0 - w * 0.03
        gy0, gy1 = y1 + h * 0.008, y1 + h * BUBBLE_BAND * 0.62
        d.rectangle((gx0, gy0, gx1, gy1), outline=PRINT, width=lw)
        for i in range(1, 12):
            x = gx0 + (gx1 - gx0) * i / 12
            d.line([(x, gy0), (x, gy1)], fill=PRINT, width=lw)
        for k in range(1, 5):
            y = gy0 + (gy1 - gy0) * k / 5
            d.line([(gx0, y), (gx1, y)], fill=180, width=lw)
        for column in bubble_centres(box, size):
            for k, (cx, cy) in enumerate(column):
                d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=PRINT, width=lw)
                d.text((cx, cy), str(k), fill=PRINT, font=font, anchor="mm")


def _skeleton(
    form: FormSpec, paslon: Sequence[Paslon], contest_title: str, size: tuple[int, int]
) -> Image.Image:
    t = form.template
    key: tuple[object, ...] = (
        t.id,
        t.form_code,
        id(t),
        form.paslon_numbers,
        tuple(paslon),
        contest_title,
        size,
    )
    with _FONT_LOCK:
        img = _SKELETONS.get(key)
        if img is None:
            img = _draw_skeleton(form, paslon, contest_title, size)
            _SKELETONS[key] = img
            while len(_SKELETONS) > _SKELETON_MAX:
                _SKELETONS.popitem(last=False)
        else:
            _SKELETONS.move_to_end(key)
    return img


# --- the page with its ink -------------------------------------------------------------------------


def _date_of(form: FormSpec) -> str:
    return "14-02-2024" if form.template.id.startswith("pemilu") else "27-11-2024"


def _layers(
    form: FormSpec,
    header: C1Header,
    paslon: Sequence[Paslon],
    values: Mapping[str, int | None],
    seed: int,
    size: tuple[int, int],
) -> tuple[Image.Image, Image.Image, _Pen]:
    """The printed page (with the TPS code) and the ink layer (white where no ink), both mode L."""
    w, h = size
    page = _skeleton(form, paslon, header.contest_title, size).copy()
    pd = ImageDraw.Draw(page)
    rows = _header_rows(form, size)
    font = _font(round(h * 0.0068), bold=True)
    with _FONT_LOCK:
        code = dotted(header.tps_id)
        pd.text((w * 0.75, rows[1] - h * 0.002), code, fill=PRINT, font=font, anchor="ls")

    pen = _pen(seed)
    ink = Image.new("L", size, 255)
    d = ImageDraw.Draw(ink)
    width = _stroke_width(h, pen)
    text_width = _stroke_width(h, pen, 0.75)
    line_h = h * 0.0095 * pen.size

    rng = random.Random(f"{seed}/header")
    texts = (header.provinsi, header.kabupaten, header.kecamatan, header.desa)
    for text, y in zip(texts, rows, strict=True):
        region = (w * 0.23, y - h * 0.0145, w * 0.62, y + h * 0.001)
        _write_in(d, _ascii_upper(text), region, line_h, pen, rng, text_width, align="left")
    region = (w * 0.755, rows[0] - h * 0.0145, w * 0.95, rows[0] + h * 0.001)
    _write_in(d, f"{header.tps_number:03d}", region, line_h, pen, rng, width, align="left")

    for fid in form.field_ids:
        x = values.get(fid)
        box = form.box(fid)
        if x is None or box is None:
            continue
        frng = random.Random(f"{seed}/{fid}")
        region = _px(box, size)
        height = (region[3] - region[1]) * frng.uniform(0.54, 0.68) * pen.size
        _write_in(d, str(x), region, height, pen, frng, width)

    # On the plano the KPPS blackens, under each digit of a pair's number, the bubble of that digit.
    lay = form.template.layout
    if lay.plano:
        r = h * BUBBLE_BAND / 10 * 0.3
        for fid in form.field_ids:
            x = values.get(fid)
            box = form.box(fid)
            if not fid.startswith("IV.") or x is None or box is None or not 0 <= x <= 999:
                continue
            for column, digit in zip(bubble_centres(box, size), f"{x:03d}", strict=True):
                cx, cy = column[int(digit)]
                d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=pen.ink_y)

    # Place and date, the chair's signature and name, members' and witnesses' signatures.
    srng = random.Random(f"{seed}/sign")
    last = _content_bottom(form) * h
    sy0, sy1 = lay.signatures[0] * h, lay.signatures[1] * h
    sb = sy1 - sy0
    py = last + (sy0 - last) * 0.72
    small = line_h * 0.85
    place = _ascii_upper(header.desa)[:14]
    _write_in(d, place, (w * 0.63, py - h * 0.013, w * 0.77, py), small, pen, srng, text_width)
    date = _date_of(form)
    _write_in(d, date, (w * 0.82, py - h * 0.013, w * 0.95, py), small, pen, srng, text_width)
    sig_w = max(1, width - 1)
    _scribble(d, (w * 0.07, sy0 + sb * 0.14, w * 0.3, sy0 + sb * 0.74), pen, srng, sig_w)
    chair = (w * 0.07, sy0 + sb * 0.78, w * 0.3, sy0 + sb * 0.93)
    _write_in(d, srng.choice(_NAMES), chair, small, pen, srng, text_width)
    signers = [(0.42, 0.5, 0.1, 0.9)] * 6
    signers += [(0.76, 0.82, 0.11, 0.75)] * min(6, len(form.paslon_numbers))
    for i, (lo, hi, sw, p) in enumerate(signers):
        y = sy0 + sb * (0.28 + 0.14 * (i % 6))
        if srng.random() < p:
            x0 = w * srng.uniform(lo, hi)
            _scribble(d, (x0, y - sb * 0.13, x0 + w * sw, y + sb * 0.015), pen, srng, sig_w)
    return page, ink, pen


def render_c1_page(
    form: FormSpec,
    header: C1Header,
    paslon: Sequence[Paslon],
    values: Mapping[str, int | None],
    seed: int,
    *,
    size: tuple[int, int] = (3000, 4000),
) -> Image.Image:
    """The clean filled page (RGB, ``size``) before any photo fault: print in black, ink in colour."""
    page, ink, pen = _layers(form, header, paslon, values, seed, size)
    luma = ImageChops.darker(page, ink)
    rgb = Image.merge("RGB", (luma, luma, luma))
    mask = ink.point([255 if v < 255 else 0 for v in range(256)])
    return Image.composite(Image.new("RGB", size, pen.ink), rgb, mask)


# --- photo faults ----------------------------------------------------------------------------------


def _perspective_coeffs(corners: Sequence[Point], size: tuple[int, int]) -> tuple[float, ...]:
    """PIL PERSPECTIVE data mapping the output corners (TL, TR, BR, BL) to normalised ``corners``."""
    w, h = size
    dst = ((0.0, 0.0), (w, 0.0), (w, h), (0.0, h))
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i, ((x, y), (u, v)) in enumerate(zip(dst, corners, strict=True)):
        sx, sy = u * w, v * h
        a[2 * i] = (x, y, 1, 0, 0, 0, -x * sx, -y * sx)
        a[2 * i + 1] = (0, 0, 0, x, y, 1, -x * sy, -y * sy)
        b[2 * i], b[2 * i + 1] = sx, sy
    return tuple(float(c) for c in np.linalg.solve(a, b))


def _photo_corners(rng: random.Random, aspect: float) -> list[Point]:
    """Where each corner of the photo falls on the page (normalised): rotation, zoom, perspective."""
    theta = math.radians(rng.uniform(-1.5, 1.5))
    zoom = rng.uniform(0.975, 0.995)
    shift = (rng.uniform(-0.005, 0.005), rng.uniform(-0.005, 0.005))
    tilt = rng.uniform(-0.008, 0.008)  # a keystone: the top farther than the bottom, or nearer
    skew = rng.uniform(-0.005, 0.005)
    c, s = math.cos(theta), math.sin(theta)
    out: list[Point] = []
    for u, v in ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)):
        x, y = (u - 0.5) * aspect, v - 0.5  # page units of its height, about the centre
        x, y = (x * c - y * s) / zoom, (x * s + y * c) / zoom
        ku = (u - 0.5) * 2 * (tilt if v == 0 else -tilt) + rng.uniform(-0.004, 0.004)
        kv = (v - 0.5) * 2 * (skew if u == 0 else -skew) + rng.uniform(-0.004, 0.004)
        out.append((x / aspect + 0.5 + shift[0] + ku, y + 0.5 + shift[1] + kv))
    return out


def photo_corners(
    seed: int, size: tuple[int, int] = (3000, 4000)
) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]:
    """Where the page's corners (TL, TR, BR, BL) land on the photo for ``seed``, normalised to the
    photo: the page registration a viewer uses to map template boxes onto this photo."""
    corners = _photo_corners(random.Random(f"{seed}/photo"), size[0] / size[1])
    a, b, c, d, e, f, g, h = _perspective_coeffs(corners, (1, 1))
    inverse = np.linalg.inv(np.array([[a, b, c], [d, e, f], [g, h, 1.0]]))
    out: list[tuple[float, float]] = []
    for u, v in ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)):
        x, y, z = inverse @ np.array([u, v, 1.0])
        out.append((float(x / z), float(y / z)))
    return (out[0], out[1], out[2], out[3])


def photo_box(box: Box, seed: int, size: tuple[int, int] = (3000, 4000)) -> Box:
    """Where a page box (normalised) lands on the photo :func:`render_c1` makes for ``seed``.

    The photo's rotation, zoom and perspective move a box by up to about 2.5 % of the page (about
    one row) near the edges; a viewer of these synthetic photos can zoom here exactly. Normalised
    to the photo, clamped to 0..1.
    """
    corners = _photo_corners(random.Random(f"{seed}/photo"), size[0] / size[1])
    a, b, c, d, e, f, g, h = _perspective_coeffs(corners, (1, 1))
    inverse = np.linalg.inv(np.array([[a, b, c], [d, e, f], [g, h, 1.0]]))
    xs: list[float] = []
    ys: list[float] = []
    for u, v in ((box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])):
        x, y, z = inverse @ np.array([u, v, 1.0])
        xs.append(float(x / z))
        ys.append(float(y / z))
    return (
        max(0.0, min(xs)),
        max(0.0, min(ys)),
        min(1.0, max(xs)),
        min(1.0, max(ys)),
    )


def _lighting(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A smooth uneven light: a gradient, a vignette and sometimes a soft shadow, as an L map."""
    gw, gh = 24, 32
    xs = (np.arange(gw) + 0.5) / gw - 0.5
    ys = (np.arange(gh) + 0.5) / gh - 0.5
    x, y = np.meshgrid(xs, ys)
    angle = rng.uniform(0, 2 * math.pi)
    light = rng.uniform(0.9, 0.99) + rng.uniform(0.05, 0.16) * (
        x * math.cos(angle) + y * math.sin(angle)
    )
    light = light - rng.uniform(0.1, 0.3) * (x * x + y * y)
    if rng.random() < 0.35:
        cx, cy = rng.choice((-0.6, 0.6)), rng.uniform(-0.5, 0.5)
        light = light - rng.uniform(0.08, 0.18) * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 0.08)
    arr = np.clip(light * 255.0, 120, 255).astype(np.uint8)
    return Image.fromarray(arr).resize(size, Image.Resampling.BILINEAR)


_NOISE_PAD = 256
_NOISE_CENTER = 8


@lru_cache(maxsize=4)
def _noise(size: tuple[int, int]) -> Image.Image:
    """Sensor noise around 8 (0..16), a tiled fixed pattern larger than ``size`` by a margin."""
    tile = np.random.default_rng(20241127).normal(_NOISE_CENTER, 2.4, (_NOISE_PAD, _NOISE_PAD))
    tile = np.clip(np.rint(tile), 0, 2 * _NOISE_CENTER).astype(np.uint8)
    w, h = size
    reps = (h // _NOISE_PAD + 2, w // _NOISE_PAD + 2)
    return Image.fromarray(
        np.ascontiguousarray(np.tile(tile, reps)[: h + _NOISE_PAD, : w + _NOISE_PAD])
    )


def _ycc(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    r, g, b = rgb
    return (
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
    )


def render_c1(
    form: FormSpec,
    header: C1Header,
    paslon: Sequence[Paslon],
    values: Mapping[str, int | None],
    seed: int,
    *,
    size: tuple[int, int] = (3000, 4000),
    quality: int = 82,
    exif: bool = True,
) -> bytes:
    """A phone photo (JPEG bytes, ``size`` pixels) of the form filled with ``values``.

    Deterministic: the same arguments and seed give the same bytes. With ``exif`` the JPEG carries
    a phone's make and model and a time taken on the evening of election day, as real photos do.
    """
    w, h = size
    k = 2 if min(w, h) >= 1200 else 1
    rs = (w // k, h // k)
    page, ink, pen = _layers(form, header, paslon, values, seed, rs)
    rng = random.Random(f"{seed}/photo")
    corners = _photo_corners(rng, w / h)
    table = rng.randint(55, 105)

    luma = ImageChops.darker(page, ink)
    # A rim of table inside the image, so the paper's edge is interpolated, not stair-stepped.
    ImageDraw.Draw(luma).rectangle((0, 0, rs[0] - 1, rs[1] - 1), outline=table, width=2)
    luma = luma.transform(
        rs,
        Image.Transform.PERSPECTIVE,
        _perspective_coeffs(corners, rs),
        Image.Resampling.BILINEAR,
        fillcolor=table,
    )
    luma = ImageChops.multiply(luma, _lighting(rng, rs))
    if rs != size:
        luma = luma.resize(size, Image.Resampling.BILINEAR)
    noise = _noise(size)
    ox, oy = rng.randrange(_NOISE_PAD), rng.randrange(_NOISE_PAD)
    luma = ImageChops.add(luma, noise.crop((ox, oy, ox + w, oy + h)), 1.0, -_NOISE_CENTER)

    # Colour: the paper's warm tint everywhere, the ink's hue where there is ink.
    paper = (255, rng.randint(249, 254), rng.randint(236, 248))
    _, pcb, pcr = _ycc(paper)
    iy, icb, icr = _ycc(pen.ink)
    qs = (max(1, rs[0] // 2), max(1, rs[1] // 2))
    inkq = ink.reduce(2).transform(
        qs,
        Image.Transform.PERSPECTIVE,
        _perspective_coeffs(corners, qs),
        Image.Resampling.BILINEAR,
        fillcolor=255,
    )
    span = max(1.0, 255.0 - iy)
    amount = [min(1.0, 2.2 * (255 - v) / span) for v in range(256)]
    cb = inkq.point([round(pcb + a * (icb - pcb)) for a in amount])
    cr = inkq.point([round(pcr + a * (icr - pcr)) for a in amount])
    # Smooth up to half size, then double: what 4:2:0 chroma subsampling would keep anyway.
    half = (max(1, w // 2), max(1, h // 2))
    cb = cb.resize(half, Image.Resampling.BILINEAR).resize(size, Image.Resampling.NEAREST)
    cr = cr.resize(half, Image.Resampling.BILINEAR).resize(size, Image.Resampling.NEAREST)

    out = io.BytesIO()
    photo = Image.merge("YCbCr", (luma, cb, cr))
    photo.save(out, "JPEG", quality=quality, exif=_exif(form, rng) if exif else b"")
    return out.getvalue()


_PHONES = (
    ("samsung", "SM-A145F"),
    ("Xiaomi", "Redmi Note 12"),
    ("OPPO", "CPH2477"),
    ("vivo", "V2207"),
    ("realme", "RMX3760"),
)


def _exif(form: FormSpec, rng: random.Random) -> Image.Exif:
    """A phone's EXIF: make, model and the time taken, on the evening of election day."""
    day, month, year = _date_of(form).split("-")
    minute = rng.randrange(13 * 60, 24 * 60)
    make, model = rng.choice(_PHONES)
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    stamp = f"{year}:{month}:{day} {minute // 60:02d}:{minute % 60:02d}:{rng.randrange(60):02d}"
    exif[0x0132] = stamp
    exif.get_ifd(0x8769)[0x9003] = stamp  # DateTimeOriginal
    return exif
