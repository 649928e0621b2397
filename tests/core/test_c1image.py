"""Synthetic form photos: a decodable JPEG, deterministic, with each number inside its box."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator

import pytest
from PIL import Image, ImageChops

from kamarhitung.core import c1image
from kamarhitung.core.c1image import C1Header, photo_box, render_c1, render_c1_page
from kamarhitung.core.model import Paslon
from kamarhitung.core.synth import synth_result
from kamarhitung.core.template import FormSpec, load_template

HEADER = C1Header(
    provinsi="Sumatera Selatan",
    kabupaten="Kota Palembang",
    kecamatan="Ilir Barat I",
    desa="Bukit Lama",
    tps_number=7,
    tps_id="1671011001007",
    contest_title="Pemilihan Walikota dan Wakil Walikota Palembang Tahun 2024",
)
SMALL = (600, 800)


def _form(template_id: str = "pilkada-kwk", n: int = 3) -> FormSpec:
    return load_template(template_id).form(tuple(range(1, n + 1)))


def _paslon(n: int) -> list[Paslon]:
    return [Paslon("walikota", i, f"CALON {i}", f"WAKIL {i}") for i in range(1, n + 1)]


def _values(form: FormSpec, seed: int = 1) -> dict[str, int]:
    return synth_result(form, 240, 260, random.Random(seed), 0.0).values


def _decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG"
    img.load()
    return img


def test_full_size_photo_is_a_jpeg_of_about_3000_by_4000() -> None:
    form = _form()
    data = render_c1(form, HEADER, _paslon(3), _values(form), seed=1)
    img = _decode(data)
    assert img.size == (3000, 4000)
    assert img.mode == "RGB"
    assert 200_000 < len(data) < 4_000_000


def test_smaller_size_works() -> None:
    form = _form("pemilu2024-c-hasil-ppwp", 3)
    img = _decode(render_c1(form, HEADER, _paslon(6), _values(form), seed=2, size=SMALL))
    assert img.size == SMALL
    # A paper page: mostly light, with dark print and ink on it.
    gray = img.convert("L")
    hist = gray.histogram()
    total = sum(hist)
    assert sum(hist[150:]) > 0.7 * total
    assert sum(hist[:100]) > 0.005 * total


def test_deterministic_for_a_seed_and_different_for_another() -> None:
    form = _form()
    values = _values(form)
    a = render_c1(form, HEADER, _paslon(3), values, seed=5, size=SMALL)
    b = render_c1(form, HEADER, _paslon(3), values, seed=5, size=SMALL)
    c = render_c1(form, HEADER, _paslon(3), values, seed=6, size=SMALL)
    assert a == b
    assert a != c


def test_photo_carries_phone_exif_unless_asked_not_to() -> None:
    form = _form()
    img = _decode(render_c1(form, HEADER, _paslon(3), {}, seed=3, size=SMALL))
    exif = img.getexif()
    assert exif.get(0x010F)  # make
    assert str(exif.get_ifd(0x8769).get(0x9003, "")).startswith("2024:11:27")
    img = _decode(render_c1(form, HEADER, _paslon(3), {}, seed=3, size=SMALL, exif=False))
    assert not img.getexif().get(0x010F)


@pytest.mark.parametrize(
    ("template_id", "field", "value"),
    [
        ("pilkada-kwk", "I.A.1.L", 888),
        ("pilkada-kwk", "I.A.4.J", 1000),
        ("pilkada-kwk", "II.1", 547),
        ("pilkada-kwk", "III.2.P", 3),
        ("pilkada-kwk", "IV.3", 208),
        ("pemilu2024-c-hasil-ppwp", "IV.3", 77),
        ("pemilu2024-c-hasil-ppwp", "V.C", 432),
    ],
)
def test_ink_of_a_field_lies_inside_its_box(template_id: str, field: str, value: int) -> None:
    n = 6 if template_id == "pilkada-kwk" else 3
    form = _form(template_id, n)
    size = (750, 1000)
    for seed in (1, 2, 3):
        blank = render_c1_page(form, HEADER, _paslon(n), {}, seed, size=size)
        filled = render_c1_page(form, HEADER, _paslon(n), {field: value}, seed, size=size)
        bbox = ImageChops.difference(blank, filled).getbbox()
        assert bbox is not None, "the number was not drawn"
        box = form.box(field)
        assert box is not None
        x0, y0, x1, y1 = box[0] * size[0], box[1] * size[1], box[2] * size[0], box[3] * size[1]
        assert x0 - 0.5 <= bbox[0] and bbox[2] <= x1 + 1.5, (bbox, (x0, x1))
        assert y0 - 0.5 <= bbox[1] and bbox[3] <= y1 + 1.5, (bbox, (y0, y1))
        # The number is a readable size: a good part of the box's height.
        assert bbox[3] - bbox[1] >= 0.35 * (y1 - y0)


def test_clean_page_shows_every_value_and_the_header() -> None:
    form = _form("pilkada-kwk", 4)
    size = (750, 1000)
    values = _values(form)
    blank = render_c1_page(form, HEADER, _paslon(4), {}, 9, size=size)
    filled = render_c1_page(form, HEADER, _paslon(4), values, 9, size=size)
    diff = ImageChops.difference(blank, filled).convert("L")
    for fid in form.field_ids:
        box = form.box(fid)
        assert box is not None
        crop = diff.crop(
            (
                round(box[0] * size[0]),
                round(box[1] * size[1]),
                round(box[2] * size[0]),
                round(box[3] * size[1]),
            )
        )
        assert crop.getbbox() is not None, fid
    # The handwritten header is ink (coloured or dark) in the header band even with no values.
    lay = form.template.layout
    band = blank.crop((0, round(lay.header[0] * size[1]), size[0], round(lay.header[1] * size[1])))
    lo, _ = band.convert("L").getextrema()
    assert not isinstance(lo, tuple) and lo < 120


@pytest.fixture
def no_truetype(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No TrueType file anywhere: Pillow's built-in font is used."""

    def clear() -> None:
        c1image._font.cache_clear()
        c1image._SKELETONS.clear()

    clear()
    monkeypatch.setattr(c1image, "_font_file", lambda bold: None)
    yield
    monkeypatch.undo()
    clear()


@pytest.mark.usefixtures("no_truetype")
def test_works_without_any_truetype_font() -> None:
    form = _form()
    img = _decode(render_c1(form, HEADER, _paslon(3), _values(form), seed=4, size=SMALL))
    assert img.size == SMALL


def test_font_file_is_found() -> None:
    assert c1image._font_file(False) is not None
    assert c1image._font_file(True) is not None


def test_photo_box_follows_the_photo_geometry() -> None:
    form = _form()
    size = (900, 1200)
    for seed, field in ((1, "I.A.1.L"), (2, "IV.3"), (3, "V.C"), (4, "II.4")):
        blank = _decode(render_c1(form, HEADER, _paslon(3), {}, seed, size=size, exif=False))
        filled = _decode(
            render_c1(form, HEADER, _paslon(3), {field: 888}, seed, size=size, exif=False)
        )
        diff = ImageChops.difference(blank, filled).convert("L").point(lambda v: 255 * (v > 60))
        bbox = diff.getbbox()
        assert bbox is not None
        box = form.box(field)
        assert box is not None
        x0, y0, x1, y1 = photo_box(box, seed, size)
        tol = 4
        assert x0 * size[0] - tol <= bbox[0] and bbox[2] <= x1 * size[0] + tol, (bbox, x0, x1)
        assert y0 * size[1] - tol <= bbox[1] and bbox[3] <= y1 * size[1] + tol, (bbox, y0, y1)
