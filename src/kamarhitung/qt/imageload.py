"""Form images fetched and decoded off the GUI thread, with a small cache for prefetching.

KEYING.md: cutting the page change from 1 s to 0.25 s raised throughput ~30% in capture shops. So
while an operator keys form N, the entry screen asks for the form that will most likely come next
(:func:`kamarhitung.services.entry.peek_next_form`) and this module fetches its images
(:func:`kamarhitung.services.images.images_for`, which renders a demo's synthetic photo on first
use, ~0.4 s) and decodes them on a worker of Qt's global thread pool. When the operator finishes,
the next form's pages are already ``QImage``\\ s in the cache and go on screen at once.

Decoding: ``QImageReader`` with ``setAutoTransform(True)`` (EXIF orientation; the template's boxes
are in the upright page's coordinates). A JPEG larger than needed is decoded straight at a reduced
size through libjpeg's DCT scaling (1/2, 1/4, 1/8; several times faster than a full decode) while
keeping at least :data:`DISPLAY_LONG_SIDE` pixels on its long side, enough to read handwritten
digits zoomed in: a 4000×3000 phone photo becomes 2000×1500 (3 MP, 12 MB in memory). Other formats
are decoded whole. Every page ends up as ``Format_RGB32``, the format the viewer paints fastest.

Registration: the template's boxes are positions on the printed sheet, but a phone photo shows
the sheet a little turned, shrunk and in perspective, so a box taken literally can land a row off.
:func:`find_page_quad` finds the sheet's four corners where it lies on a darker background (the
usual phone photo on a table) and the viewer maps every box through that perspective. When the
corners cannot be found with confidence (a scan, or a sheet running off the frame) nothing is
mapped: the sheet is taken to fill the image.

Results come back to the GUI thread through one long-lived relay object, so a loader (or the
screen that owns it) may be deleted while a worker still runs: its result is then simply dropped.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThread,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader

from kamarhitung.core.template import CORNER_SQUARES, Box, FormSpec
from kamarhitung.qt.i18n import refusal_text
from kamarhitung.qt.widgets.image_viewer import Quad
from kamarhitung.services.workspace import Workspace

DISPLAY_LONG_SIDE = 2000
"""The fewest pixels kept on an image's long side when it is decoded reduced."""

CACHE_FORMS = 4
"""Forms kept decoded: the one being keyed, the prefetched next one, and a couple of others."""


class PageFile(Protocol):
    """What the loader needs of :class:`kamarhitung.services.images.FormImage`."""

    @property
    def path(self) -> Path: ...

    @property
    def missing(self) -> bool: ...


Source = Callable[[Workspace, str, str], Sequence[PageFile]]
"""Where the pages of a form come from: ``(ws, tps_id, contest_id) -> pages in order``."""


def default_source(ws: Workspace, tps_id: str, contest_id: str) -> Sequence[PageFile]:
    """The images of a form from the image service (rendering a demo photo on first use)."""
    from kamarhitung.services.images import images_for

    return images_for(ws, tps_id, contest_id)


def _scale_divisor(width: int, height: int, min_long_side: int) -> int:
    """The largest libjpeg DCT scale divisor (8, 4, 2) that keeps ``min_long_side`` pixels."""
    long_side = max(width, height)
    for k in (8, 4, 2):
        if long_side // k >= min_long_side:
            return k
    return 1


def _decode_with_pillow(path: Path) -> QImage:
    """A fallback for files Qt's plugins cannot read: Pillow, upright, as RGB."""
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        rgb = ImageOps.exif_transpose(im).convert("RGB")
        data = rgb.tobytes()
        img = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
        return img.convertToFormat(QImage.Format.Format_RGB32)  # a deep copy: owns its pixels


def decode_image(path: Path, min_long_side: int = DISPLAY_LONG_SIDE) -> QImage:
    """Decode an image file upright (EXIF orientation applied), reduced by libjpeg's DCT scaling
    where a JPEG is larger than needed, as ``Format_RGB32``. A null image if it cannot be read."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    raw = reader.size()
    fmt = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if fmt in ("jpeg", "jpg") and raw.isValid() and min_long_side > 0:
        k = _scale_divisor(raw.width(), raw.height(), min_long_side)
        if k > 1:
            reader.setScaledSize(QSize(raw.width() // k, raw.height() // k))
    img = reader.read()
    if img.isNull():
        try:
            img = _decode_with_pillow(path)
        except Exception:  # any failure to read means "no image", which the screen shows
            return QImage()
    if img.format() != QImage.Format.Format_RGB32:
        img = img.convertToFormat(QImage.Format.Format_RGB32)
    return img


REGISTER_WIDTH = 500
"""Pixels across the reduced copy in which the sheet's corners are looked for."""


def _otsu(gray: npt.NDArray[np.uint8]) -> int:
    """The threshold that best splits the grey levels in two classes (Otsu's method)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    mean_all = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * w0 - m0 * total) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def _erode(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """A 3×3 erosion: specks of light on the background disappear."""
    m = mask.copy()
    m[1:, :] &= mask[:-1, :]
    m[:-1, :] &= mask[1:, :]
    m[:, 1:] &= mask[:, :-1]
    m[:, :-1] &= mask[:, 1:]
    return m


def _quad_area(q: Sequence[tuple[float, float]]) -> float:
    return 0.5 * abs(
        sum(q[i][0] * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * q[i][1] for i in range(4))
    )


def _fit_edge(
    along: npt.NDArray[np.float64], across: npt.NDArray[np.float64], samples: int
) -> tuple[float, float] | None:
    """A straight edge ``across = a * along + b`` through boundary points, outliers dropped; None
    when too few points were found (the sheet runs off the frame there) or they are not a line."""
    if along.size < max(8, samples // 4):
        return None
    keep = np.ones(along.size, dtype=bool)
    a = b = 0.0
    for _ in range(3):
        a, b = np.polyfit(along[keep], across[keep], 1)
        resid = np.abs(across - (a * along + b))
        keep = resid < max(1.5, 3 * float(np.median(resid[keep])))
        if keep.sum() < max(8, samples // 4):
            return None
    if float(np.sqrt(np.mean((across[keep] - (a * along[keep] + b)) ** 2))) > 2.0:
        return None
    return (float(a), float(b))


def _first_true(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.intp]:
    """Per row, the index of the first True (the row's length where there is none)."""
    idx: npt.NDArray[np.intp] = np.argmax(mask, axis=1)
    idx[~mask.any(axis=1)] = mask.shape[1]
    return idx


def _refine(
    profiles: npt.NDArray[np.float64], coarse: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Where each profile (read from the background into the sheet) crosses halfway between its
    background and sheet levels near ``coarse`` (the eroded mask's first sheet pixel), to a
    fraction of a pixel: light falls off across a photo, so one global threshold would not do."""
    half = 8
    length = profiles.shape[1]
    offs = np.arange(-2 * half, half + 1)
    idx = np.clip(coarse[:, None] + offs[None, :], 0, length - 1)
    win = np.take_along_axis(profiles, idx, axis=1)
    bg = win[:, :half].min(axis=1)
    sheet = win[:, -half:].max(axis=1)
    level = (bg + sheet) / 2
    above = win >= level[:, None]
    k = np.argmax(above, axis=1)  # the first sample at or above the level
    k = np.clip(k, 1, win.shape[1] - 1)
    rows = np.arange(win.shape[0])
    a, b = win[rows, k - 1], win[rows, k]
    frac = np.where(b > a, (level - a) / np.maximum(b - a, 1e-9), 0.0)
    # The boundary between sample k-1 and k, in pixel-edge coordinates (a pixel's centre is +0.5).
    out: npt.NDArray[np.float64] = idx[rows, k - 1] + 0.5 + np.clip(frac, 0.0, 1.0)
    return out


def find_page_quad(image: QImage) -> Quad | None:
    """Where the sheet lies in a photo: its corners (top-left, top-right, bottom-right,
    bottom-left) normalised to the image, or None when they cannot be found with confidence.

    The sheet is the bright region against a darker background (an Otsu threshold on a reduced
    grey copy, eroded). Each of its four edges is fitted as a straight line through the points
    where the background gives way to the sheet, wherever the background shows on that side, so
    a corner may lie outside the photo; the corners are where the edges meet. None (the sheet is
    then taken to fill the image) when a side shows no background (a scan, or a sheet running off
    the frame), when the edges are not straight, or when the result is implausible.
    """
    if image.isNull() or image.width() < 64 or image.height() < 64:
        return None
    small = image.scaledToWidth(
        min(REGISTER_WIDTH, image.width()), Qt.TransformationMode.SmoothTransformation
    ).convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, bpl = small.width(), small.height(), small.bytesPerLine()
    gray = np.frombuffer(small.constBits(), dtype=np.uint8, count=h * bpl).reshape(h, bpl)[:, :w]
    t = _otsu(gray)
    dark, bright = gray[gray <= t], gray[gray > t]
    if dark.size == 0 or bright.size == 0 or float(bright.mean()) - float(dark.mean()) < 40:
        return None  # no clear sheet-versus-background contrast
    mask = _erode(_erode(gray > t))
    g = gray.astype(np.float64)
    edges: list[tuple[float, float]] = []
    # Top, bottom (y as a function of x), left, right (x as a function of y), each scanned from
    # the outside in: sample the middle 80% of each side; where the sheet reaches the image's
    # border, no background showed on that line and it is skipped.
    for m, prof, flip, lim in (
        (mask.T, g.T, False, h),
        (mask.T[:, ::-1], g.T[:, ::-1], True, h),
        (mask, g, False, w),
        (mask[:, ::-1], g[:, ::-1], True, w),
    ):
        n = m.shape[0]
        lo, hi = int(n * 0.1), int(n * 0.9)
        first = _first_true(m[lo:hi])
        pos = np.arange(lo, hi, dtype=np.float64) + 0.5
        ok = (first > 0) & (first < lim)
        edge_at = _refine(prof[lo:hi][ok], first[ok])
        if flip:
            edge_at = lim - edge_at
        fit = _fit_edge(pos[ok], edge_at, hi - lo)
        if fit is None:
            return None
        edges.append(fit)
    (at, bt), (ab, bb), (al, bl), (ar, br) = edges

    def meet(a_h: float, b_h: float, a_v: float, b_v: float) -> tuple[float, float] | None:
        # y = a_h x + b_h and x = a_v y + b_v
        den = 1.0 - a_h * a_v
        if abs(den) < 1e-9:
            return None
        y = (a_h * b_v + b_h) / den
        return ((a_v * y + b_v) / w, y / h)

    corners = [
        meet(at, bt, al, bl),
        meet(at, bt, ar, br),
        meet(ab, bb, ar, br),
        meet(ab, bb, al, bl),
    ]
    if any(c is None for c in corners):
        return None
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = (c for c in corners if c is not None)
    quad = ((x0, y0), (x1, y1), (x2, y2), (x3, y3))
    if not (x0 < x1 and x3 < x2 and y0 < y3 and y1 < y2):
        return None
    if not 0.4 <= _quad_area(quad) <= 1.3 or any(abs(v) > 0.3 for v in (x0, y0, x3, y1)):
        return None
    return quad


def _gray(image: QImage) -> npt.NDArray[np.uint8]:
    small = image.scaledToWidth(
        min(REGISTER_WIDTH, image.width()), Qt.TransformationMode.SmoothTransformation
    ).convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, bpl = small.width(), small.height(), small.bytesPerLine()
    out: npt.NDArray[np.uint8] = (
        np.frombuffer(small.constBits(), dtype=np.uint8, count=h * bpl)
        .reshape(h, bpl)[:, :w]
        .copy()
    )
    return out


def _homography(
    src: Sequence[tuple[float, float]], dst: Sequence[tuple[float, float]]
) -> npt.NDArray[np.float64] | None:
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i, ((x, y), (u, v)) in enumerate(zip(src, dst, strict=True)):
        a[2 * i] = (x, y, 1, 0, 0, 0, -x * u, -y * u)
        a[2 * i + 1] = (0, 0, 0, x, y, 1, -x * v, -y * v)
        b[2 * i], b[2 * i + 1] = u, v
    try:
        coeffs = np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        return None
    out: npt.NDArray[np.float64] = np.append(coeffs, 1.0).reshape(3, 3)
    return out


def find_corner_squares(image: QImage) -> Quad | None:
    """Where the sheet lies, from the plano's four printed corner squares, or None when the four
    are not all visible (a salinan has none; a photo may cut one off).

    Each corner of the photo is searched for a solid dark square on bright paper at several
    sizes (a box filter over an integral image: the square's inside against a ring around it).
    The four centres, matched to where the template prints them (CORNER_SQUARES), give the
    page's perspective; the page's own corners are mapped through it. More exact than the
    sheet's edges: the squares are printed at known places, the paper's edge is not.
    """
    if image.isNull() or image.width() < 64 or image.height() < 64:
        return None
    gray = _gray(image).astype(np.float64)
    h, w = gray.shape
    ii = np.zeros((h + 1, w + 1))
    ii[1:, 1:] = gray.cumsum(0).cumsum(1)

    def box_mean(y0: int, x0: int, s: int) -> npt.NDArray[np.float64]:
        """Mean over every s×s window whose top-left corner is (y, x), y ≥ y0, x ≥ x0."""
        tot = ii[y0 + s :, x0 + s :] - ii[y0 + s :, x0:-s] - ii[y0:-s, x0 + s :] + ii[y0:-s, x0:-s]
        out: npt.NDArray[np.float64] = tot / (s * s)
        return out

    found: list[tuple[float, float]] = []
    windows = ((0, 0), (1, 0), (1, 1), (0, 1))  # TL, TR, BR, BL: which side in x, in y
    best_by_corner: list[tuple[float, float, float] | None] = [None] * 4
    for s in range(max(3, round(w * 0.012)), max(4, round(w * 0.034)) + 1):
        m = s // 2
        inner = box_mean(m, m, s)  # windows of side s starting at (m, m)
        outer = box_mean(0, 0, 2 * s)  # the window of side 2s around it
        hh = min(inner.shape[0], outer.shape[0])
        ww = min(inner.shape[1], outer.shape[1])
        inner, outer = inner[:hh, :ww], outer[:hh, :ww]
        ring = (outer * 4 - inner) / 3
        score = ring - inner
        score[inner > 90] = -1.0
        for k, (sx, sy) in enumerate(windows):
            xs = slice(0, int(ww * 0.25)) if sx == 0 else slice(int(ww * 0.75), ww)
            ys = slice(0, int(hh * 0.2)) if sy == 0 else slice(int(hh * 0.8), hh)
            part = score[ys, xs]
            if part.size == 0:
                continue
            j = int(np.argmax(part))
            py, px = divmod(j, part.shape[1])
            val = float(part[py, px])
            cy = (ys.start + py + m + s / 2) / h
            cx = (xs.start + px + m + s / 2) / w
            prev = best_by_corner[k]
            if prev is None or val > prev[0]:
                best_by_corner[k] = (val, cx, cy)
    for b in best_by_corner:
        if b is None or b[0] < 80:
            return None
        found.append((b[1], b[2]))
    hm = _homography(CORNER_SQUARES, found)
    if hm is None:
        return None
    corners = []
    for x, y in ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)):
        u, v, q = hm @ np.array([x, y, 1.0])
        if abs(q) < 1e-9:
            return None
        corners.append((float(u / q), float(v / q)))
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    quad = ((x0, y0), (x1, y1), (x2, y2), (x3, y3))
    if not (x0 < x1 and x3 < x2 and y0 < y3 and y1 < y2):
        return None
    if not 0.4 <= _quad_area(quad) <= 1.3:
        return None
    return quad


def _union(boxes: Sequence[Box | None]) -> Box | None:
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return (
        min(b[0] for b in real),
        min(b[1] for b in real),
        max(b[2] for b in real),
        max(b[3] for b in real),
    )


def fields_region(
    spec: FormSpec, loaded: LoadedForm | None, field_ids: Sequence[str]
) -> tuple[int | None, Box | None, Box | None]:
    """Where to look for some fields: the image (its index) showing the page that holds the first
    of them, and the boxes of those fields on that page and of their rows. The index is None
    when no image says which page it shows: the boxes are then the one-page layout's, on the
    image on screen."""
    fids = [f for f in field_ids if f in spec.field_index]
    if not fids:
        return None, None, None
    if loaded is not None and any(n is not None for n in loaded.form_pages):
        sheet = loaded.sheet
        number = spec.page_of(fids[0], sheet)
        idx = loaded.index_of_page(number)
        if idx is not None:
            boxes: list[Box | None] = []
            rows: list[Box | None] = []
            for f in fids:
                n, box, row = spec.page_box(f, sheet)
                if n == number:
                    boxes.append(box or row)
                    rows.append(row)
            return idx, _union(boxes), _union(rows)
    rows = [spec.row_box(spec.fields[spec.field_index[f]].row) for f in fids]
    boxes = [spec.box(f) or r for f, r in zip(fids, rows, strict=True)]
    return None, _union(boxes), _union(rows)


@dataclass(frozen=True, slots=True)
class LoadedForm:
    """The decoded pages of one form (TPS × contest)."""

    tps_id: str
    contest_id: str
    pages: tuple[QImage, ...]
    quads: tuple[Quad | None, ...] = ()
    """Where the sheet lies in each page (see :func:`find_page_quad`); None: the whole image."""
    unreadable: int = 0
    """Pages the image service lists whose file is missing or cannot be decoded."""
    error: str | None = None
    """Why the images could not be fetched at all (None when they could)."""
    seconds: float = 0.0
    """How long fetching and decoding took (on the worker)."""
    form_pages: tuple[int | None, ...] = ()
    """The form page each image shows (``p2`` in its name, ...), None when unknown."""
    corrected: tuple[bool, ...] = ()
    """Whether each image shows the form as corrected after the plenary."""
    sheets: tuple[str, ...] = ()
    """The sheet each image shows (plano or salinan)."""

    @property
    def sheet(self) -> str:
        """The sheet of the paged images: salinan only when every one is the salinan."""
        paged = [s for s, n in zip(self.sheets, self.form_pages, strict=False) if n is not None]
        return "salinan" if paged and all(s == "salinan" for s in paged) else "plano"

    def index_of_page(self, number: int) -> int | None:
        """The image showing page ``number`` of the form: the corrected form's, if there is one,
        else the last one of that page; None when no image says it shows that page."""
        best: int | None = None
        for i, n in enumerate(self.form_pages):
            if n == number and (best is None or self.corrected[i] or not self.corrected[best]):
                best = i
        return best


class _Relay(QObject):
    """Carries results from workers to the GUI thread; lives as long as the application."""

    sig_done = Signal(int, object)


_relay_instance: _Relay | None = None


def _relay() -> _Relay:
    global _relay_instance
    if _relay_instance is None:
        _relay_instance = _Relay(QCoreApplication.instance())
    return _relay_instance


class _LoadTask(QRunnable):
    def __init__(
        self,
        token: int,
        relay: _Relay,
        ws: Workspace,
        source: Source,
        tps_id: str,
        contest_id: str,
        long_side: int,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._token = token
        self._relay = relay
        self._ws = ws
        self._source = source
        self._tps_id = tps_id
        self._contest_id = contest_id
        self._long_side = long_side

    def run(self) -> None:
        t0 = time.perf_counter()
        result: LoadedForm
        try:
            files = self._source(self._ws, self._tps_id, self._contest_id)
            pages: list[QImage] = []
            quads: list[Quad | None] = []
            form_pages: list[int | None] = []
            corrected: list[bool] = []
            sheets: list[str] = []
            unreadable = 0
            for f in files:
                img = QImage() if f.missing else decode_image(f.path, self._long_side)
                if img.isNull():
                    unreadable += 1
                else:
                    pages.append(img)
                    # The plano's corner squares are looked for on a page of a plano (its page
                    # number is known); other photos by the sheet's edges only (cheaper).
                    page_no = getattr(f, "form_page", None)
                    plano = page_no is not None and getattr(f, "sheet", "plano") == "plano"
                    squares = find_corner_squares(img) if plano else None
                    quads.append(squares or find_page_quad(img))
                    form_pages.append(page_no)
                    corrected.append(bool(getattr(f, "corrected", False)))
                    sheets.append(str(getattr(f, "sheet", "plano")))
            result = LoadedForm(
                self._tps_id,
                self._contest_id,
                tuple(pages),
                tuple(quads),
                unreadable,
                None,
                time.perf_counter() - t0,
                tuple(form_pages),
                tuple(corrected),
                tuple(sheets),
            )
        except Exception as e:  # shown in the viewer; the operator can still key or raise a problem
            result = LoadedForm(
                self._tps_id, self._contest_id, (), (), 0, refusal_text(e) or type(e).__name__, 0.0
            )
        self._relay.sig_done.emit(self._token, result)


class ImageLoader(QObject):
    """Fetches and decodes forms' images in the background and keeps the last few decoded."""

    sig_loaded = Signal(str, str)
    """The pages of (tps_id, contest_id) are in the cache now (see :meth:`get`)."""

    _next_token = 0

    def __init__(
        self,
        ws: Workspace,
        parent: QObject | None = None,
        *,
        source: Source | None = None,
        capacity: int = CACHE_FORMS,
        long_side: int = DISPLAY_LONG_SIDE,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._source: Source = source if source is not None else default_source
        self._capacity = max(1, capacity)
        self._long_side = long_side
        self._cache: OrderedDict[tuple[str, str], LoadedForm] = OrderedDict()
        self._in_flight: set[tuple[str, str]] = set()
        self._errors: dict[tuple[str, str], str] = {}
        ImageLoader._next_token += 1
        self._token = ImageLoader._next_token
        self._relay = _relay()
        self._relay.sig_done.connect(self._on_done)

    def get(self, tps_id: str, contest_id: str) -> LoadedForm | None:
        """The decoded pages of a form if they are in the cache."""
        key = (tps_id, contest_id)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
        return hit

    def request(self, tps_id: str, contest_id: str, *, urgent: bool = False) -> None:
        """Fetch and decode a form's pages unless they are cached or on their way; ``urgent`` for
        the form on screen (ahead of prefetches)."""
        key = (tps_id, contest_id)
        if key in self._cache or key in self._in_flight:
            return
        self._in_flight.add(key)
        task = _LoadTask(
            self._token, self._relay, self._ws, self._source, tps_id, contest_id, self._long_side
        )
        QThreadPool.globalInstance().start(task, 1 if urgent else 0)

    def is_loading(self, tps_id: str, contest_id: str) -> bool:
        return (tps_id, contest_id) in self._in_flight

    def pending(self) -> int:
        """How many forms are being fetched now."""
        return len(self._in_flight)

    def invalidate(self, tps_id: str | None = None) -> None:
        """Forget cached pages (of one TPS, or all): its images changed."""
        for key in [k for k in self._cache if tps_id is None or k[0] == tps_id]:
            del self._cache[key]

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Process events until no fetch is under way (tests; leaving a workspace)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._in_flight and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            QThread.msleep(2)
        QCoreApplication.processEvents()
        return not self._in_flight

    def _on_done(self, token: int, result: object) -> None:
        if token != self._token or not isinstance(result, LoadedForm):
            return
        key = (result.tps_id, result.contest_id)
        self._in_flight.discard(key)
        if result.error is None:
            self._errors.pop(key, None)
            self._cache[key] = result
            self._cache.move_to_end(key)
            while len(self._cache) > self._capacity:
                self._cache.popitem(last=False)
        else:
            # Not cached, so that the next request tries again.
            self._errors[key] = result.error
        self.sig_loaded.emit(*key)

    def last_error(self, tps_id: str, contest_id: str) -> str | None:
        """Why the last fetch of a form failed (None if it did not)."""
        return self._errors.get((tps_id, contest_id))
