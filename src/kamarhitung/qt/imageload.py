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

The jobs run through the GUI's one runner (:meth:`kamarhitung.qt.models.background.Background.
submit`, the form on screen with a higher priority than a prefetch); this module keeps only what is
special to images, the decoding and the cache. A loader (or the screen that owns it) may be deleted
while a worker still runs: its result is then simply dropped.
"""

from __future__ import annotations

import functools
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
    QSize,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader

from kamarhitung.core.registration import REGISTER_WIDTH, corner_squares, page_quad
from kamarhitung.core.template import Box, FormSpec
from kamarhitung.qt.i18n import refusal_text
from kamarhitung.qt.models.background import Background
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


def _gray(image: QImage) -> npt.NDArray[np.uint8]:
    """A grey copy of ``image``, :data:`~kamarhitung.core.registration.REGISTER_WIDTH` across."""
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


def find_page_quad(image: QImage) -> Quad | None:
    """Where the sheet lies in a photo, from its edges (:func:`core.registration.page_quad`);
    None when it cannot be found with confidence."""
    if image.isNull() or image.width() < 64 or image.height() < 64:
        return None
    return page_quad(_gray(image))


def find_corner_squares(image: QImage) -> Quad | None:
    """Where the sheet lies, from the plano's four printed corner squares
    (:func:`core.registration.corner_squares`); None when the four are not all visible."""
    if image.isNull() or image.width() < 64 or image.height() < 64:
        return None
    return corner_squares(_gray(image))


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


def _load(
    ws: Workspace, source: Source, tps_id: str, contest_id: str, long_side: int
) -> LoadedForm:
    """Fetch and decode a form's pages (on a worker of the runner)."""
    t0 = time.perf_counter()
    files = source(ws, tps_id, contest_id)
    pages: list[QImage] = []
    quads: list[Quad | None] = []
    form_pages: list[int | None] = []
    corrected: list[bool] = []
    sheets: list[str] = []
    unreadable = 0
    for f in files:
        img = QImage() if f.missing else decode_image(f.path, long_side)
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
    return LoadedForm(
        tps_id,
        contest_id,
        tuple(pages),
        tuple(quads),
        unreadable,
        None,
        time.perf_counter() - t0,
        tuple(form_pages),
        tuple(corrected),
        tuple(sheets),
    )


class ImageLoader(QObject):
    """Fetches and decodes forms' images in the background and keeps the last few decoded."""

    sig_loaded = Signal(str, str)
    """The pages of (tps_id, contest_id) are in the cache now (see :meth:`get`)."""

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
        self._jobs = Background(self)

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
        self._jobs.submit(
            functools.partial(_load, self._ws, self._source, tps_id, contest_id, self._long_side),
            self._on_done,
            # Shown in the viewer; the operator can still key or raise a problem.
            lambda e: self._on_done(
                LoadedForm(tps_id, contest_id, (), (), 0, refusal_text(e) or type(e).__name__)
            ),
            priority=1 if urgent else 0,
        )

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

    def _on_done(self, result: LoadedForm) -> None:
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
