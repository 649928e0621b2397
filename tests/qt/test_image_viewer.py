"""The form-photo viewer and the background image loader, on small images made here."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPolygonF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kamarhitung.qt.imageload import ImageLoader, decode_image, find_page_quad
from kamarhitung.qt.widgets.image_viewer import ImageViewer, Quad, adjustment_lut
from kamarhitung.services.workspace import Workspace

BOX = (0.83, 0.73, 0.95, 0.75)
"""A field's box near the bottom right (where V.A is on the Pilkada form)."""
ROW = (0.05, 0.73, 0.95, 0.75)


def page(w: int = 600, h: int = 800, grey: int = 235) -> QImage:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor(grey, grey, grey))
    return img


@pytest.fixture
def viewer(qtbot: QtBot) -> ImageViewer:
    v = ImageViewer()
    qtbot.addWidget(v)
    v.resize(420, 520)
    v.show()
    qtbot.waitExposed(v)
    return v


def contains(outer: QRectF, inner: QRectF, slack: float = 1.0) -> bool:
    return outer.adjusted(-slack, -slack, slack, slack).contains(inner)


def test_show_region_zooms_to_the_box_and_keeps_it_in_view(viewer: ImageViewer) -> None:
    viewer.set_pages([page()])
    fit = viewer.transform().m11()
    viewer.show_region(BOX)
    box = viewer.scene_rect_of(BOX)
    assert contains(viewer.visible_scene_rect(), box)
    assert viewer.transform().m11() > 1.5 * fit  # zoomed in, not the whole page
    assert viewer.region() == BOX
    # With the whole row as context, the row is in view (label included), still zoomed.
    viewer.show_region(BOX, ROW)
    assert contains(viewer.visible_scene_rect(), viewer.scene_rect_of(ROW))
    assert viewer.transform().m11() > fit
    # Every field of a form gets the same zoom: moving between fields only pans.
    z = viewer.transform().m11()
    viewer.show_region((0.57, 0.19, 0.69, 0.2), (0.05, 0.19, 0.95, 0.2))
    assert viewer.transform().m11() == pytest.approx(z)
    viewer.show_region(None)
    assert viewer.region() is None


def test_rotation_keeps_regions_on_the_page(viewer: ImageViewer) -> None:
    viewer.set_pages([page()])
    whole = viewer.scene_rect_of((0.0, 0.0, 1.0, 1.0))
    viewer.rotate_90()
    assert viewer.rotation_degrees() == 90
    turned = viewer.scene_rect_of((0.0, 0.0, 1.0, 1.0))
    assert turned.width() == pytest.approx(whole.height())
    assert turned.height() == pytest.approx(whole.width())
    # A quarter turn clockwise takes the page's top-left corner to the top-right.
    corner = viewer.scene_rect_of((0.0, 0.0, 0.1, 0.1))
    assert corner.right() == pytest.approx(turned.right())
    assert corner.top() == pytest.approx(turned.top())
    assert corner.width() == pytest.approx(0.1 * whole.height())
    viewer.show_region(BOX)
    assert contains(viewer.visible_scene_rect(), viewer.scene_rect_of(BOX))
    viewer.rotate_90()  # the region follows the turn
    assert contains(viewer.visible_scene_rect(), viewer.scene_rect_of(BOX))
    for _ in range(2):
        viewer.rotate_90()
    assert viewer.rotation_degrees() == 0


def test_brightness_and_contrast_apply(viewer: ImageViewer) -> None:
    viewer.set_pages([page(grey=100)])
    before = QColor(viewer.display_image().pixel(10, 10))
    assert before.red() == 100
    viewer.set_brightness_contrast(50, 0)
    brighter = QColor(viewer.display_image().pixel(10, 10))
    assert brighter.red() > 150 and brighter.alpha() == 255
    viewer.set_brightness_contrast(0, 60)
    assert QColor(viewer.display_image().pixel(10, 10)).red() < 100  # farther from mid-grey
    viewer.set_brightness_contrast(300, -300)  # clamped
    assert (viewer.brightness(), viewer.contrast()) == (100, -100)
    viewer.set_brightness_contrast(0, 0)
    assert QColor(viewer.display_image().pixel(10, 10)).red() == 100
    lut = adjustment_lut(0, 0)
    assert list(lut) == list(range(256))


def test_brightness_on_a_large_photo_uses_a_display_copy(viewer: ImageViewer) -> None:
    big = page(3000, 4000, grey=90)
    viewer.set_pages([big])
    viewer.set_brightness_contrast(40, 0)
    shown = viewer.display_image()
    assert shown.width() * shown.height() < 3_500_000
    assert QColor(shown.pixel(5, 5)).red() > 90
    # Regions are still placed on the page's own coordinates.
    viewer.show_region(BOX)
    assert contains(viewer.visible_scene_rect(), viewer.scene_rect_of(BOX))


def test_pages_and_page_changes(qtbot: QtBot, viewer: ImageViewer) -> None:
    with qtbot.waitSignal(viewer.sig_page_changed) as first:
        viewer.set_pages([page(), page(700, 500)])
    assert first.args == [0]
    assert viewer.page_count() == 2
    with qtbot.waitSignal(viewer.sig_page_changed) as blocker:
        viewer.next_page()
    assert blocker.args == [1]
    assert viewer.current_page() == 1
    with qtbot.assertNotEmitted(viewer.sig_page_changed):
        viewer.next_page()  # no page after the last
    with qtbot.waitSignal(viewer.sig_page_changed) as back:
        viewer.prev_page()
    assert back.args == [0]
    viewer.set_pages([])
    assert viewer.page_count() == 0
    viewer.show_region(BOX)  # nothing to show: no error
    viewer.fit_width()
    viewer.zoom_in()


def test_fit_page_fit_width_and_zoom(viewer: ImageViewer) -> None:
    viewer.set_pages([page()])
    whole = viewer.scene_rect_of((0.0, 0.0, 1.0, 1.0))
    viewer.fit_page()
    assert contains(viewer.visible_scene_rect(), whole)
    viewer.fit_width()
    seen = viewer.visible_scene_rect()
    assert seen.width() == pytest.approx(whole.width(), rel=0.1)
    assert seen.height() < whole.height()
    s = viewer.transform().m11()
    viewer.zoom_in()
    assert viewer.transform().m11() > s
    viewer.zoom_out()
    assert viewer.transform().m11() == pytest.approx(s)
    viewer.set_message("Memuat gambar…")
    assert viewer.message() == "Memuat gambar…"


def _jpeg(tmp_path: Path, size: tuple[int, int], orientation: int | None = None) -> Path:
    im = Image.new("RGB", size, (200, 40, 40))
    im.paste((20, 20, 200), (0, 0, size[0] // 4, size[1] // 4))  # a mark at the top left
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85, exif=exif.tobytes())
    path = tmp_path / f"p{size[0]}x{size[1]}-{orientation}.jpg"
    path.write_bytes(buf.getvalue())
    return path


def test_decode_reduces_a_large_jpeg_and_honours_exif(qapp: QApplication, tmp_path: Path) -> None:
    big = decode_image(_jpeg(tmp_path, (4000, 3000)))
    assert (big.width(), big.height()) == (2000, 1500)  # libjpeg's 1/2 DCT scaling
    assert big.format() == QImage.Format.Format_RGB32
    small = decode_image(_jpeg(tmp_path, (1200, 900)))
    assert (small.width(), small.height()) == (1200, 900)  # never below the display size
    turned = decode_image(_jpeg(tmp_path, (200, 100), orientation=6))
    assert (turned.width(), turned.height()) == (100, 200)  # upright: EXIF says 90° clockwise
    assert decode_image(tmp_path / "nothing.jpg").isNull()


@dataclass(frozen=True)
class FakePage:
    path: Path
    missing: bool = False


def test_the_loader_decodes_in_the_background(
    qtbot: QtBot, tmp_path: Path, demo_ws: Workspace
) -> None:
    good = _jpeg(tmp_path, (300, 400))
    calls: list[str] = []

    def source(_ws: Workspace, tps_id: str, contest_id: str) -> list[FakePage]:
        calls.append(tps_id)
        if tps_id == "boom":
            raise OSError("disk gone")
        return [FakePage(good), FakePage(tmp_path / "gone.jpg", missing=True)]

    loader = ImageLoader(demo_ws, source=source, capacity=2)
    with qtbot.waitSignal(loader.sig_loaded) as done:
        loader.request("t1", "bupati", urgent=True)
        assert loader.is_loading("t1", "bupati")
        loader.request("t1", "bupati")  # already on its way: not fetched twice
    assert done.args == ["t1", "bupati"]
    got = loader.get("t1", "bupati")
    assert got is not None and len(got.pages) == 1 and got.unreadable == 1
    loader.request("t1", "bupati")  # cached: not fetched again
    assert calls == ["t1"]
    with qtbot.waitSignal(loader.sig_loaded):
        loader.request("boom", "bupati")
    assert loader.get("boom", "bupati") is None
    assert loader.last_error("boom", "bupati") == "disk gone"
    for t in ("t2", "t3"):
        loader.request(t, "bupati")
    assert loader.wait_idle()
    assert loader.get("t1", "bupati") is None  # the oldest left the cache
    assert loader.get("t3", "bupati") is not None
    loader.invalidate("t3")
    assert loader.get("t3", "bupati") is None


@pytest.fixture
def demo_ws(tmp_path: Path) -> Workspace:
    """The loader only hands the workspace to its source: any object stands in for it here."""
    return Workspace.__new__(Workspace)


def photo_of_sheet(quad: Quad, size: tuple[int, int] = (750, 1000)) -> QImage:
    """A sheet (light) photographed askew on a table (dark), its corners at ``quad``."""
    w, h = size
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor(70, 64, 58))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(238, 236, 228))
    p.drawPolygon(QPolygonF([QPointF(x * w, y * h) for x, y in quad]))
    p.setBrush(QColor(30, 30, 30))  # some print on it, which must not disturb the edges
    p.drawRect(int(0.2 * w), int(0.3 * h), int(0.6 * w), 4)
    p.end()
    return img


ASKEW: Quad = ((0.04, 0.03), (0.95, 0.05), (0.97, 0.96), (0.02, 0.98))


def test_the_sheet_is_found_in_a_photo(qapp: QApplication) -> None:
    found = find_page_quad(photo_of_sheet(ASKEW))
    assert found is not None
    for (x, y), (fx, fy) in zip(ASKEW, found, strict=True):
        assert abs(fx - x) < 0.004 and abs(fy - y) < 0.004
    # A corner may lie outside the photo: the edges still show where the sheet is.
    off: Quad = ((0.03, 0.02), (1.02, -0.01), (0.97, 0.97), (0.02, 0.99))
    found = find_page_quad(photo_of_sheet(off))
    assert found is not None
    assert abs(found[1][0] - 1.02) < 0.006 and abs(found[1][1] + 0.01) < 0.006
    # A scan (no table around the sheet) or a blank image: nothing to register.
    assert find_page_quad(page()) is None
    assert find_page_quad(photo_of_sheet(((0, 0), (1, 0), (1, 1), (0, 1)))) is None
    assert find_page_quad(QImage()) is None


def test_regions_follow_the_sheet_in_the_photo(viewer: ImageViewer) -> None:
    viewer.set_pages([photo_of_sheet(ASKEW)])
    plain = viewer.scene_rect_of(BOX)
    viewer.set_page_quads([ASKEW])
    whole = viewer.scene_rect_of((0.0, 0.0, 1.0, 1.0))
    assert whole.left() == pytest.approx(0.02 * 750) and whole.top() == pytest.approx(0.03 * 1000)
    assert whole.right() == pytest.approx(0.97 * 750)
    assert whole.bottom() == pytest.approx(0.98 * 1000)
    mapped = viewer.scene_rect_of(BOX)
    assert mapped != plain
    viewer.show_region(BOX, ROW)
    assert contains(viewer.visible_scene_rect(), mapped)
    viewer.set_page_quads([None])
    assert viewer.scene_rect_of(BOX) == plain


def test_page_registration_finds_the_demo_sheet_where_the_renderer_put_it() -> None:
    """find_page_quad against the renderer's own geometry (core.c1image.photo_corners)."""
    from PySide6.QtGui import QImage

    from kamarhitung.core.c1image import C1Header, photo_corners, render_c1
    from kamarhitung.core.template import load_template
    from kamarhitung.qt.imageload import find_page_quad

    form = load_template("pilkada-kwk").form((1, 2, 3))
    header = C1Header(
        "JAWA TIMUR", "KOTA SURABAYA", "GENTENG", "EMBONG KALIASIN", 1, "3578010001001", "Pemilihan"
    )
    size = (750, 1000)
    hits = 0
    for seed in range(6):
        data = render_c1(form, header, (), {}, seed, size=size)
        img = QImage.fromData(data)
        assert not img.isNull()
        found = find_page_quad(img)
        if found is None:
            continue
        hits += 1
        want = photo_corners(seed, size)
        for (fx, fy), (wx, wy) in zip(found, want, strict=True):
            assert abs(fx - wx) < 0.02 and abs(fy - wy) < 0.02, (seed, found, want)
    assert hits >= 5
