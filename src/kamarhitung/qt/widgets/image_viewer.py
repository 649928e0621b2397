"""A viewer for the photo or scan of a result form that zooms to the field being keyed.

KEYING.md: the eye should read the number where the cursor is, so :meth:`ImageViewer.show_region`
takes a field's box from the form template (normalised, on the page in its own orientation) and
zooms so that the box and its neighbourhood fill the view, with a translucent highlight on the box
and a faint band along its printed row. The zoom level is the same for every field of a page (the
context shown is a fixed share of the page width), so moving from field to field only pans the
image and the eye never has to re-adjust to a new scale.

Everything a keyer needs works from the keyboard through the public methods (the entry screen
binds them to keys); the mouse is optional: the wheel zooms about the pointer (no modifier needed:
there is nothing else to scroll here) and a drag pans. The viewer never takes the keyboard focus,
so clicking the image does not pull the cursor out of the field being keyed.

Speed on 12-megapixel photos: the page is painted straight from its ``QImage`` (no ``QPixmap``
conversion), only the exposed part, from a half/quarter-size copy when zoomed far out (made once,
on first need). Brightness and contrast go through a lookup table applied with numpy to a display
copy of at most :data:`ADJUST_MAX_PIXELS` pixels, a few tens of milliseconds.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)
from typing_extensions import override

Box = tuple[float, float, float, float]
"""A region of the page: (x0, y0, x1, y1), normalised to 0..1 in the page's own orientation."""

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
"""Where the printed sheet lies in an image: its top-left, top-right, bottom-right and bottom-left
corners, normalised to the image (see :func:`kamarhitung.qt.imageload.find_page_quad`)."""

Mode = Literal["page", "width", "region", "free"]

ADJUST_MAX_PIXELS = 3_300_000
"""Brightness and contrast are applied to a copy of at most this many pixels (fast on any photo)."""

ZOOM_STEP = 1.25
MAX_SCALE = 8.0
"""The most screen pixels per image pixel."""

VIEW_MARGIN = 6
"""Pixels left free around what is fitted in the view."""

_MAX_LEVELS = 4


def adjustment_lut(brightness: int, contrast: int) -> npt.NDArray[np.uint8]:
    """The 256-entry lookup table for brightness and contrast, each −100..100 (0 leaves a value).

    Contrast stretches about mid-grey (×0 at −100, ×3 at +100); brightness then shifts by up to
    half the range.
    """
    b = max(-100, min(100, brightness)) * 1.28
    c = max(-100, min(100, contrast))
    factor = 1.0 + c / 100.0 * (2.0 if c > 0 else 1.0)
    x = np.arange(256, dtype=np.float64)
    y = (x - 128.0) * factor + 128.0 + b
    return np.clip(np.rint(y), 0, 255).astype(np.uint8)


def apply_lut(image: QImage, lut: npt.NDArray[np.uint8]) -> QImage:
    """A copy of ``image`` (as RGB32) with ``lut`` applied to its red, green and blue bytes."""
    out = image.convertToFormat(QImage.Format.Format_RGB32)
    if out is image or out.cacheKey() == image.cacheKey():
        out = image.copy()
    h, w, bpl = out.height(), out.width(), out.bytesPerLine()
    buf = np.frombuffer(out.bits(), dtype=np.uint8, count=h * bpl).reshape(h, bpl)
    px = buf[:, : w * 4].reshape(h, w, 4)
    # Byte order of RGB32 is B, G, R, A on little-endian machines; the alpha byte must stay 255.
    px[..., :3] = lut[px[..., :3]]
    return out


class _PageItem(QGraphicsItem):
    """One page image in its own pixel coordinates, painted from a level of detail that suits the
    zoom (a half or quarter copy when zoomed far out, so text does not alias into noise)."""

    def __init__(self) -> None:
        super().__init__()
        self._image = QImage()
        self._adjusted: QImage | None = None
        self._levels: list[QImage] = []
        self._adjust = (0, 0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def image(self) -> QImage:
        return self._image

    def set_image(self, image: QImage) -> None:
        self.prepareGeometryChange()
        if not image.isNull() and image.format() not in (
            QImage.Format.Format_RGB32,
            QImage.Format.Format_ARGB32_Premultiplied,
        ):
            image = image.convertToFormat(QImage.Format.Format_RGB32)
        self._image = image
        self._rebuild_display()
        self.setTransformOriginPoint(image.width() / 2, image.height() / 2)
        self.update()

    def set_adjust(self, brightness: int, contrast: int) -> None:
        if (brightness, contrast) != self._adjust:
            self._adjust = (brightness, contrast)
            self._rebuild_display()
            self.update()

    def _rebuild_display(self) -> None:
        self._adjusted = None
        if not self._image.isNull() and self._adjust != (0, 0):
            base = self._image
            pixels = base.width() * base.height()
            if pixels > ADJUST_MAX_PIXELS:
                k = math.sqrt(ADJUST_MAX_PIXELS / pixels)
                base = base.scaled(
                    max(1, int(base.width() * k)),
                    max(1, int(base.height() * k)),
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self._adjusted = apply_lut(base, adjustment_lut(*self._adjust))
        self._levels = [self.display_image()] if not self._image.isNull() else []

    def display_image(self) -> QImage:
        """What is painted at full zoom: the image, or its adjusted display copy."""
        return self._adjusted if self._adjusted is not None else self._image

    def _level(self, n: int) -> QImage:
        while len(self._levels) <= n:
            prev = self._levels[-1]
            if prev.width() < 64 or prev.height() < 64:
                break
            self._levels.append(
                prev.scaled(
                    max(1, prev.width() // 2),
                    max(1, prev.height() // 2),
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        return self._levels[min(n, len(self._levels) - 1)]

    @override
    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._image.width(), self._image.height())

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if self._image.isNull() or not self._levels:
            return
        screen_per_unit = math.sqrt(abs(painter.worldTransform().determinant()))
        level = 0
        s = screen_per_unit * self._image.width() / max(1, self._levels[0].width())
        while s < 0.5 and level < _MAX_LEVELS:
            s *= 2
            level += 1
        img = self._level(level)
        k = img.width() / self._image.width()
        target = option.exposedRect.intersected(self.boundingRect())
        if target.isEmpty():
            return
        source = QRectF(target.x() * k, target.y() * k, target.width() * k, target.height() * k)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, img, source)


class ImageViewer(QGraphicsView):
    """Pages of a form image, zoomable, rotatable, with a highlight on the field being keyed."""

    sig_page_changed = Signal(int)
    """The page shown changed; the argument is its index (0-based)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._item = _PageItem()
        self._scene.addItem(self._item)

        self._band = QGraphicsPolygonItem(self._item)
        self._band.setPen(QPen(Qt.PenStyle.NoPen))
        self._band.setBrush(QBrush(QColor(255, 196, 0, 34)))
        self._band.hide()
        self._highlight = QGraphicsPolygonItem(self._item)
        pen = QPen(QColor(21, 101, 192, 230), 2.5)
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self._highlight.setPen(pen)
        self._highlight.setBrush(QBrush(QColor(255, 214, 0, 40)))
        self._highlight.hide()

        self._pages: list[QImage] = []
        self._quads: list[Quad | None] = []
        self._rotations: list[int] = []
        self._index = 0
        self._region: Box | None = None
        self._context: Box | None = None
        self._mode: Mode = "page"
        self._message = ""
        self._brightness = 0
        self._contrast = 0
        self._context_width = 0.6
        self._region_zoom = 1.0
        self._kept: Mode | None = None
        """The whole page or its width, chosen by the operator (Ctrl+0 / Ctrl+9): kept for the
        next fields until the operator zooms again."""

        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setBackgroundBrush(QBrush(QColor(52, 56, 61)))
        self.setMinimumSize(200, 200)

    # --- pages -----------------------------------------------------------------------------------

    def set_pages(self, pages: list[QImage]) -> None:
        """Show these pages (the first one, fitted); an empty list clears the viewer."""
        self._pages = list(pages)
        self._quads = [None] * len(self._pages)
        self._rotations = [0] * len(self._pages)
        self._index = 0
        self._region = None
        if self._pages:
            self._message = ""
        self._show_page()
        if self._pages:
            self.sig_page_changed.emit(0)

    def set_page_quads(self, quads: list[Quad | None]) -> None:
        """Where the printed sheet lies in each page's image (None: it fills the image). Regions
        are then mapped through that perspective, so a box lands on the printed box even on a
        photo taken a little askew."""
        self._quads = [quads[i] if i < len(quads) else None for i in range(len(self._pages))]
        if self._region is not None:
            self.show_region(self._region, self._context)

    def page_count(self) -> int:
        return len(self._pages)

    def current_page(self) -> int:
        return self._index

    def go_to_page(self, index: int) -> None:
        """Show page ``index`` (from 0) of the images."""
        self._go_to(index)

    def next_page(self) -> None:
        self._go_to(self._index + 1)

    def prev_page(self) -> None:
        self._go_to(self._index - 1)

    def _go_to(self, index: int) -> None:
        if 0 <= index < len(self._pages) and index != self._index:
            self._index = index
            self._region = None
            self._show_page()
            self.sig_page_changed.emit(index)

    def _show_page(self) -> None:
        image = self._pages[self._index] if self._pages else QImage()
        self._item.set_image(image)
        self._item.set_adjust(self._brightness, self._contrast)
        self._item.setRotation(self._rotations[self._index] if self._pages else 0)
        self._band.hide()
        self._highlight.hide()
        self._update_scene_rect()
        self.fit_page()

    def set_message(self, text: str) -> None:
        """A line shown over the view ("memuat gambar…", "tidak ada gambar"); "" removes it."""
        self._message = text
        self.viewport().update()

    def message(self) -> str:
        return self._message

    def _update_scene_rect(self) -> None:
        r = self._item.sceneBoundingRect()
        if r.isEmpty():
            self._scene.setSceneRect(QRectF(0, 0, 1, 1))
            return
        # A wide margin, so that any part of the page can be centred in the view.
        m = max(r.width(), r.height())
        self._scene.setSceneRect(r.adjusted(-m, -m, m, m))

    # --- zoom -------------------------------------------------------------------------------------

    def set_context_width(self, fraction: float) -> None:
        """The share of the page width shown around a region (default 0.6: the boxes and the end
        of the row labels). The same for every field, so the zoom does not jump between fields."""
        self._context_width = max(0.05, min(1.0, fraction))
        if self._mode == "region":
            self._zoom_to_region()

    def _has_page(self) -> bool:
        return not self._item.image().isNull()

    def _view_size(self) -> tuple[float, float]:
        vp = self.viewport().rect()
        return (max(1.0, vp.width() - 2 * VIEW_MARGIN), max(1.0, vp.height() - 2 * VIEW_MARGIN))

    def _set_scale(self, s: float) -> None:
        s = max(self._min_scale(), min(MAX_SCALE, s))
        self.setTransform(QTransform.fromScale(s, s))

    def _scale(self) -> float:
        return self.transform().m11()

    def _fit_page_scale(self) -> float:
        r = self._item.sceneBoundingRect()
        if r.isEmpty():
            return 1.0
        vw, vh = self._view_size()
        return min(vw / r.width(), vh / r.height())

    def _min_scale(self) -> float:
        return self._fit_page_scale() * 0.5

    def fit_page(self) -> None:
        """The whole page in view."""
        self._mode = "page"
        if not self._has_page():
            self.resetTransform()
            return
        self._set_scale(self._fit_page_scale())
        self.centerOn(self._item.sceneBoundingRect().center())

    def fit_width(self) -> None:
        """The page's width fills the view; at the current region's height, else at the top."""
        self._mode = "width"
        if not self._has_page():
            return
        r = self._item.sceneBoundingRect()
        vw, vh = self._view_size()
        s = vw / r.width()
        self._set_scale(s)
        if self._region is not None:
            y = self.scene_rect_of(self._region).center().y()
        else:
            y = r.top() + vh / 2 / self._scale()
        self.centerOn(QPointF(r.center().x(), y))

    def zoom_in(self) -> None:
        """Zoom in; while following the keyed field, the extra zoom is kept for later fields."""
        self._key_zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._key_zoom(1 / ZOOM_STEP)

    def keep_page(self) -> None:
        """The whole page, kept while the operator moves between fields (Ctrl+0)."""
        self._kept = "page"
        self.fit_page()

    def keep_width(self) -> None:
        """The page width, kept while the operator moves between fields (Ctrl+9)."""
        self._kept = "width"
        self.fit_width()

    def _key_zoom(self, factor: float) -> None:
        kept, self._kept = self._kept, None
        if kept is not None and self._region is not None and self._has_page():
            # Zooming from the whole page or its width follows the keyed field again.
            self._mode = "region"
            self._zoom_to_region()
            return
        if self._mode == "region" and self._region is not None and self._has_page():
            self._region_zoom = max(0.4, min(6.0, self._region_zoom * factor))
            self._zoom_to_region()
        else:
            self._zoom_by(factor)

    def mode(self) -> str:
        """How the page is shown: "region" (following the field), "page", "width" or "free"."""
        return self._mode

    def kept(self) -> str | None:
        """The view the operator chose to keep between fields ("page", "width"), or None."""
        return self._kept

    def region_zoom(self) -> float:
        """The operator's extra zoom over the region's fit (1.0: the row fills the view)."""
        return self._region_zoom

    def _zoom_by(self, factor: float) -> None:
        if not self._has_page():
            return
        self._mode = "free"
        target = max(self._min_scale(), min(MAX_SCALE, self._scale() * factor))
        f = target / self._scale()
        self.scale(f, f)

    def rotate_90(self) -> None:
        """Turn the current page a quarter turn clockwise (a photo taken sideways)."""
        if not self._pages:
            return
        rot = (self._rotations[self._index] + 90) % 360
        self._rotations[self._index] = rot
        self._item.setRotation(rot)
        self._update_scene_rect()
        self._reapply()

    def rotation_degrees(self) -> int:
        return self._rotations[self._index] if self._pages else 0

    # --- the region being keyed ----------------------------------------------------------------

    def show_region(self, box: Box | None, context: Box | None = None) -> None:
        """Zoom to a region of the current page and highlight it; None removes the highlight.

        ``context`` (optional, e.g. the whole printed row) is what must be in view around the
        region; without it, a fixed share of the page width (:meth:`set_context_width`) ending
        just right of the region is shown. Either way the zoom is the same for every field of a
        form, so moving between fields only pans.
        """
        self._region = box
        self._context = context if box is not None else None
        if box is None:
            self._band.hide()
            self._highlight.hide()
            if self._mode == "region":
                self._mode = "free"
            return
        # The whole page (Ctrl+0) or the page width (Ctrl+9) stays until the operator zooms
        # again: the next fields are highlighted in it, not zoomed to.
        keep = self._kept
        if keep is None:
            self._mode = "region"
        if not self._has_page():
            return
        x0, y0, x1, y1 = box
        img = self._item.image()
        dy = 0.1 * abs(y1 - y0)
        dx = dy * img.height() / max(1, img.width())
        self._highlight.setPolygon(self._local_poly((x0 - dx, y0 - dy, x1 + dx, y1 + dy)))
        self._highlight.show()
        self._band.setPolygon(self._local_poly((0.0, y0 - dy, 1.0, y1 + dy)))
        self._band.show()
        if keep == "width":
            self.fit_width()
        elif keep == "page":
            self.fit_page()
        else:
            self._zoom_to_region()

    def region(self) -> Box | None:
        return self._region

    def _page_transform(self) -> QTransform:
        """From normalised sheet coordinates to the current image's pixels."""
        img = self._item.image()
        w, h = float(img.width()), float(img.height())
        quad = self._quads[self._index] if self._index < len(self._quads) else None
        if quad is not None:
            t = QTransform()
            unit = QPolygonF([QPointF(0, 0), QPointF(1, 0), QPointF(1, 1), QPointF(0, 1)])
            sheet = QPolygonF([QPointF(x * w, y * h) for x, y in quad])
            if QTransform.quadToQuad(unit, sheet, t):
                return t
        return QTransform.fromScale(w, h)

    def _local_poly(self, box: Box) -> QPolygonF:
        x0, y0, x1, y1 = box
        return self._page_transform().map(QPolygonF(QRectF(x0, y0, x1 - x0, y1 - y0)))

    def _local_rect(self, box: Box) -> QRectF:
        return self._local_poly(box).boundingRect()

    def scene_rect_of(self, box: Box) -> QRectF:
        """Where a normalised box of the current page is in scene coordinates (after rotation)."""
        return self._item.mapRectToScene(self._local_rect(box))

    def visible_scene_rect(self) -> QRectF:
        """The part of the scene the viewport shows now."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _zoom_to_region(self) -> None:
        if self._region is None or not self._has_page():
            return
        r = self._local_rect(self._region)
        img = self._item.image()
        w = float(img.width())
        if self._context is not None:
            c = self._local_rect(self._context).united(r)
            left = max(0.0, c.left() - 0.015 * w)
            ctx_w = min(w, c.right() + 0.015 * w) - left
        else:
            ctx_w = min(w, max(self._context_width * w, r.width() + 0.1 * w))
            right = min(w, r.right() + 0.04 * w)
            left = right - ctx_w
            if left > r.left() - 0.02 * w:
                left = max(0.0, r.left() - 0.02 * w)
            left = max(0.0, min(left, w - ctx_w))
        ctx_h = max(3 * r.height(), 0.25 * ctx_w)
        ctx = QRectF(left, r.center().y() - ctx_h / 2, ctx_w, ctx_h)
        scene_ctx = self._item.mapRectToScene(ctx)
        vw, vh = self._view_size()
        fit = min(vw / scene_ctx.width(), vh / scene_ctx.height())
        self._set_scale(fit * self._region_zoom)
        self.centerOn(scene_ctx.center())
        self.ensureVisible(self.scene_rect_of(self._region), VIEW_MARGIN, VIEW_MARGIN)

    def _reapply(self) -> None:
        if self._mode == "region" and self._region is not None:
            self.show_region(self._region, self._context)
        elif self._mode == "width":
            self.fit_width()
        elif self._mode == "page":
            self.fit_page()
        else:
            self.fit_page()

    # --- brightness and contrast ---------------------------------------------------------------

    def set_brightness_contrast(self, brightness: int, contrast: int) -> None:
        """Brightness and contrast, each −100..100 (0, 0 shows the image as it is)."""
        self._brightness = max(-100, min(100, int(brightness)))
        self._contrast = max(-100, min(100, int(contrast)))
        self._item.set_adjust(self._brightness, self._contrast)
        self.viewport().update()

    def brightness(self) -> int:
        return self._brightness

    def contrast(self) -> int:
        return self._contrast

    def display_image(self) -> QImage:
        """The current page as painted at full zoom (with brightness and contrast applied)."""
        return self._item.display_image()

    # --- events ---------------------------------------------------------------------------------

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._mode != "free":
            self._reapply()

    @override
    def wheelEvent(self, event: QWheelEvent) -> None:
        # The plain wheel zooms about the pointer: nothing else in this view scrolls.
        steps = event.angleDelta().y() / 120.0
        if steps == 0 or not self._has_page():
            event.ignore()
            return
        self._kept = None
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._zoom_by(ZOOM_STEP**steps)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        event.accept()

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._mode = "free"
        super().mousePressEvent(event)

    @override
    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        lines: list[str] = []
        if self._message:
            lines.append(self._message)
        status: list[str] = []
        if len(self._pages) > 1:
            status.append(
                self.tr("Hal. {n}/{total}").format(n=self._index + 1, total=len(self._pages))
            )
        if self._pages and self._rotations[self._index]:
            status.append(f"↻ {self._rotations[self._index]}°")
        if self._brightness:
            status.append(self.tr("Terang {v:+d}").format(v=self._brightness))
        if self._contrast:
            status.append(self.tr("Kontras {v:+d}").format(v=self._contrast))
        if not lines and not status:
            return
        painter.save()
        painter.resetTransform()
        vp = self.viewport().rect()
        if lines:
            font = QFont(painter.font())
            font.setPixelSize(18)
            painter.setFont(font)
            painter.setPen(QColor(235, 238, 242))
            painter.drawText(vp, Qt.AlignmentFlag.AlignCenter, "\n".join(lines))
        if status:
            font = QFont(painter.font())
            font.setPixelSize(13)
            painter.setFont(font)
            text = "  ·  ".join(status)
            fm = painter.fontMetrics()
            tw, th = fm.horizontalAdvance(text) + 16, fm.height() + 8
            box = QRectF(8, vp.height() - th - 8, tw, th)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(20, 22, 25, 190))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor(235, 238, 242))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
