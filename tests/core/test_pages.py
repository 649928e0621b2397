"""Forms with pages: the plano's 3 pages and the salinan's 2, file names, the plano's marks."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageChops

from kamarhitung.core.c1image import BUBBLE_BAND, C1Header, bubble_centres, render_c1_page
from kamarhitung.core.imagecheck import corrected_in_name, page_in_name, sheet_in_name
from kamarhitung.core.model import Paslon
from kamarhitung.core.synth import synth_result
from kamarhitung.core.template import CORNER_SQUARES, load_template

FORM = load_template("pemilu2024-c-hasil-ppwp").form((1, 2, 3))
HEADER = C1Header("JAWA TIMUR", "KOTA SURABAYA", "GENTENG", "KETABANG", 1, "3578011001001", "X")
PASLON = [Paslon("presiden", n, f"CALON {n}", f"WAKIL {n}") for n in (1, 2, 3)]


def px(img: Image.Image, x: float, y: float) -> int:
    """The grey level at a point of a mode-L image."""
    return int(img.convert("L").getpixel((round(x), round(y))))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sheet", "pages"),
    [
        (
            "plano",
            {"I.A.1.L": 1, "II.4": 1, "III.1.J": 1, "IV.1": 2, "IV.3": 2, "V.A": 3, "V.C": 3},
        ),
        ("salinan", {"I.A.1.L": 1, "III.1.J": 1, "IV.2": 2, "V.C": 2}),
    ],
)
def test_each_field_is_on_its_page(sheet: str, pages: dict[str, int]) -> None:
    assert len(FORM.sheet_pages(sheet)) == {"plano": 3, "salinan": 2}[sheet]
    for fid, n in pages.items():
        assert FORM.page_of(fid, sheet) == n
        number, box, row = FORM.page_box(fid, sheet)
        assert number == n and box is not None and row is not None
        assert 0 < box[0] < box[2] <= 1 and 0 < box[1] < box[3] < 0.87
    # Every field of a page has its own box, and no two overlap.
    for p in FORM.sheet_pages(sheet):
        boxes = [
            FORM.page_box(f, sheet)[1] for f in FORM.field_ids if FORM.page_of(f, sheet) == p.number
        ]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a is not None and b is not None
                assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])


def test_a_template_without_pages_is_one_page() -> None:
    kwk = load_template("pilkada-kwk").form((1, 2))
    assert [p.number for p in kwk.sheet_pages()] == [1]
    assert kwk.page_box("IV.2") == (1, kwk.box("IV.2"), kwk.row_box("IV.2"))


@pytest.mark.parametrize(
    ("name", "page", "corrected", "sheet"),
    [
        ("3201010001001_bupati_p2.jpg", 2, False, "plano"),
        ("3201010001001-hal3-presiden.jpeg", 3, False, "plano"),
        ("35.78.01.1001.001_presiden_p1_koreksi.jpg", 1, True, "plano"),
        ("3578011001001 salinan hal 2.png", None, False, "salinan"),
        ("3578011001001_salinan_hal2.png", 2, False, "salinan"),
        ("3578011001001_perbaikan.jpg", None, True, "plano"),
        ("3578011001001_p1_p2.jpg", None, False, "plano"),
        ("C1-3578011001001-p12x.jpg", None, False, "plano"),
    ],
)
def test_page_sheet_and_correction_from_the_file_name(
    name: str, page: int | None, corrected: bool, sheet: str
) -> None:
    assert (page_in_name(name), corrected_in_name(name), sheet_in_name(name)) == (
        page,
        corrected,
        sheet,
    )


def test_the_plano_page_2_has_corner_squares_and_blackened_bubbles() -> None:
    size = (750, 1000)
    page = FORM.page_form("plano", 2)
    values = {"IV.1": 106, "IV.2": 59, "IV.3": 4}
    blank = render_c1_page(page, HEADER, PASLON, {}, 7, size=size).convert("L")
    filled = render_c1_page(page, HEADER, PASLON, values, 7, size=size).convert("L")
    for cx, cy in CORNER_SQUARES:
        assert px(blank, cx * size[0], cy * size[1]) < 40
    assert "Halaman" in page.template.layout.page_label
    for fid, v in values.items():
        box = page.box(fid)
        assert box is not None
        for column, digit in zip(bubble_centres(box, size), f"{v:03d}", strict=True):
            for k, (x, y) in enumerate(column):
                inked = px(filled, x, y) < px(blank, x, y) - 40
                assert inked is (k == int(digit)), (fid, digit, k)
    assert BUBBLE_BAND > 0
    # Page 1 holds no pair: its bubbles are nowhere; page 3 holds V only.
    p1 = render_c1_page(FORM.page_form("plano", 1), HEADER, PASLON, values, 7, size=size)
    p1b = render_c1_page(FORM.page_form("plano", 1), HEADER, PASLON, {}, 7, size=size)
    assert ImageChops.difference(p1, p1b).getbbox() is None


def test_synthetic_values_render_on_their_pages() -> None:
    v = synth_result(FORM, 200, 210, random.Random(2), 0).values
    size = (750, 1000)
    for n, fid in ((1, "I.B.4.J"), (2, "IV.2"), (3, "V.C")):
        page = FORM.page_form("plano", n)
        with_value = render_c1_page(page, HEADER, PASLON, {fid: v[fid]}, 1, size=size)
        without = render_c1_page(page, HEADER, PASLON, {}, 1, size=size)
        bbox = ImageChops.difference(with_value, without).getbbox()
        _, box, _ = FORM.page_box(fid)
        assert bbox is not None and box is not None
        assert box[1] * size[1] - 1 <= bbox[1] and bbox[3] <= box[3] * size[1] + h_bubbles(
            fid, size
        )
    assert isinstance(with_value, Image.Image)


def h_bubbles(fid: str, size: tuple[int, int]) -> float:
    return BUBBLE_BAND * size[1] + 2 if fid.startswith("IV.") else 2
