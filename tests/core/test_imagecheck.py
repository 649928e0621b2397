"""Tests of the pure image checks: sniffing, limits, decoding, EXIF, PDF pages, names."""

from __future__ import annotations

import io
import struct
import warnings
import zlib

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kamarhitung.core import imagecheck
from kamarhitung.core.imagecheck import (
    CODES,
    MAX_FILE_BYTES,
    ImageRefused,
    check_file,
    check_size,
    contest_in_name,
    exif_device,
    exif_time,
    oriented_size,
    pdf_time,
    sniff,
    tps_ids_in_name,
)

# --- files made on the fly -------------------------------------------------------------------------


def jpeg(size: tuple[int, int] = (60, 40), *, exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    if exif is None:
        img.save(out, "JPEG", quality=85)
    else:
        img.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def phone_exif() -> Image.Exif:
    ex = Image.Exif()
    ex[0x0112] = 6  # rotate 90° clockwise to display
    ex[0x010F] = "samsung"
    ex[0x0110] = "SM-A515F"
    sub = ex.get_ifd(0x8769)
    sub[0x9003] = "2024:11:27 14:30:12"
    sub[0x9011] = "+07:00"
    return ex


def png(size: tuple[int, int] = (30, 20), noise: bool = False) -> bytes:
    out = io.BytesIO()
    img = Image.effect_noise(size, 60) if noise else Image.new("L", size, 200)
    img.save(out, "PNG")
    return out.getvalue()


def tiff(*sizes: tuple[int, int]) -> bytes:
    frames = [Image.new("L", s, 100 + 50 * i) for i, s in enumerate(sizes)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def pdf(pages: int = 2, *, encrypt: object = None, pagesize: tuple[float, float] = A4) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=pagesize, encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 720, f"C.HASIL page {i + 1}")
        c.showPage()
    c.save()
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` 1-bit pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + (width + 7) // 8) * 4)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")
    )


def refusal(data: bytes) -> str:
    with pytest.raises(ImageRefused) as info:
        check_file(data)
    assert info.value.code in CODES
    assert info.value.reason
    return info.value.code


# --- sniffing and limits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "ext"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"II*\x00\x08\x00\x00\x00", "tif"),
        (b"MM\x00*\x00\x00\x00\x08", "tif"),
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf\n%PDF-1.4\n", "pdf"),
        (b"hello world", None),
        (b"PK\x03\x04", None),
        (b"", None),
    ],
)
def test_sniff_reads_magic_bytes(head: bytes, ext: str | None) -> None:
    assert sniff(head) == ext


def test_extension_is_ignored_content_decides() -> None:
    # A PNG called .jpg is a PNG; a text file is not an image whatever its name.
    assert check_file(png()).ext == "png"
    assert refusal(b"just some notes, saved as scan.png\n") == "not_image"


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "HEIC"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WebP"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
    ],
)
def test_known_but_unsupported_formats_say_so(head: bytes, name: str) -> None:
    with pytest.raises(ImageRefused) as info:
        check_file(head + b"\x00" * 64)
    assert info.value.code == "unsupported"
    assert name in info.value.reason


def test_size_limits() -> None:
    with pytest.raises(ImageRefused) as info:
        check_size(0)
    assert info.value.code == "empty"
    with pytest.raises(ImageRefused) as info:
        check_size(MAX_FILE_BYTES + 1)
    assert info.value.code == "too_large"
    check_size(MAX_FILE_BYTES)
    assert refusal(b"") == "empty"


# --- decoding --------------------------------------------------------------------------------------


def test_jpeg_with_exif_orientation_and_provenance() -> None:
    data = jpeg((60, 40), exif=phone_exif())
    checked = check_file(data)
    assert checked.ext == "jpg"
    assert (checked.width, checked.height) == (40, 60)  # turned by orientation 6
    assert checked.exif_time == "2024-11-27T14:30:12+07:00"
    assert checked.exif_device == "samsung SM-A515F"
    assert not checked.rendered
    (page,) = checked.pages
    assert page.data == data  # the original bytes, untouched
    assert (page.width, page.height) == (40, 60)


def test_jpeg_without_exif() -> None:
    checked = check_file(jpeg((64, 48)))
    assert (checked.width, checked.height) == (64, 48)
    assert checked.exif_time is None
    assert checked.exif_device is None


def test_png_and_single_tiff_are_kept_as_they_are() -> None:
    for data, ext in ((png((30, 20)), "png"), (tiff((30, 20)), "tif")):
        checked = check_file(data)
        assert checked.ext == ext
        assert (checked.width, checked.height) == (30, 20)
        assert not checked.rendered
        assert checked.pages[0].data == data


def test_multi_page_tiff_gives_png_pages() -> None:
    checked = check_file(tiff((30, 20), (20, 30)))
    assert checked.ext == "tif"
    assert checked.rendered
    assert [(p.ext, p.width, p.height) for p in checked.pages] == [
        ("png", 30, 20),
        ("png", 20, 30),
    ]
    assert Image.open(io.BytesIO(checked.pages[1].data)).size == (20, 30)


def test_pdf_pages_are_rendered_at_200_dpi() -> None:
    checked = check_file(pdf(2))
    assert checked.ext == "pdf"
    assert checked.rendered
    assert len(checked.pages) == 2
    for page in checked.pages:
        assert page.ext == "jpg"
        assert (page.width, page.height) == (1654, 2339)  # A4 at 200 dpi
        assert Image.open(io.BytesIO(page.data)).size == (1654, 2339)
    assert checked.exif_time is not None  # the PDF's CreationDate
    assert checked.pages[0].data != checked.pages[1].data


def test_pdf_page_is_scaled_down_to_the_pixel_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imagecheck, "MAX_PIXELS", 1_000_000)
    checked = check_file(pdf(1))
    page = checked.pages[0]
    assert page.width * page.height <= 1_000_000
    assert page.width > 500


def test_encrypted_pdf_is_refused_but_owner_only_protection_is_not() -> None:
    assert refusal(pdf(1, encrypt="secret")) == "pdf_encrypted"
    from reportlab.lib.pdfencrypt import StandardEncryption

    owner_only = StandardEncryption("", ownerPassword="owner", canPrint=0)
    assert len(check_file(pdf(1, encrypt=owner_only)).pages) == 1


def test_broken_pdf_is_refused() -> None:
    assert refusal(b"%PDF-1.4\nthis is not really a pdf\n") == "pdf_broken"


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imagecheck, "MAX_PAGES", 3)
    assert refusal(pdf(4)) == "too_many_pages"
    assert refusal(tiff((4, 4), (4, 4), (4, 4), (4, 4))) == "too_many_pages"


def test_corrupt_and_truncated_images() -> None:
    real = jpeg((200, 150))
    assert refusal(real[: len(real) // 2]) == "truncated"
    noisy = png((120, 120), noise=True)
    assert refusal(noisy[: len(noisy) // 2]) == "truncated"
    assert refusal(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8) == "corrupt"
    assert refusal(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40) == "corrupt"


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (50_000, 50_000),  # Pillow's DecompressionBombError (> 2× its limit)
        (9_500, 9_500),  # Pillow's DecompressionBombWarning (90 MP): an error here
        (9_000, 9_000),  # 81 MP: under Pillow's limits, over ours
    ],
)
def test_decompression_bombs_are_refused(width: int, height: int) -> None:
    bomb = png_claiming(width, height)
    assert len(bomb) < 100_000
    assert refusal(bomb) == "bomb"


def test_bomb_warning_path_does_not_depend_on_the_callers_warning_filters() -> None:
    bomb = png_claiming(9_500, 9_500)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert refusal(bomb) == "bomb"
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert refusal(bomb) == "bomb"


# --- provenance ------------------------------------------------------------------------------------


def test_exif_time() -> None:
    assert exif_time("2024:11:27 14:30:12") == "2024-11-27T14:30:12"
    assert exif_time("2024:11:27 14:30:12", "+07:00") == "2024-11-27T14:30:12+07:00"
    assert exif_time(b"2024:11:27 14:30:12\x00") == "2024-11-27T14:30:12"
    assert exif_time("2024:11:27 14:30:12", "garbage") == "2024-11-27T14:30:12"
    assert exif_time("0000:00:00 00:00:00") is None
    assert exif_time("    ") is None
    assert exif_time(None) is None
    assert exif_time(12345) is None


def test_exif_device() -> None:
    assert exif_device("samsung", "SM-A515F") == "samsung SM-A515F"
    assert exif_device("Canon", "Canon EOS 80D") == "Canon EOS 80D"
    assert exif_device("OPPO", None) == "OPPO"
    assert exif_device(None, "CPH2477") == "CPH2477"
    assert exif_device(None, None) is None
    assert exif_device("\x00", " ") is None


def test_pdf_time() -> None:
    assert pdf_time("D:20241127143012+07'00'") == "2024-11-27T14:30:12+07:00"
    assert pdf_time("D:20241127143012Z") == "2024-11-27T14:30:12+00:00"
    assert pdf_time("D:202411271430") == "2024-11-27T14:30:00"
    assert pdf_time("D:20241399999999") is None
    assert pdf_time("yesterday") is None
    assert pdf_time(None) is None


def test_oriented_size() -> None:
    assert oriented_size(4000, 3000, 1) == (4000, 3000)
    assert oriented_size(4000, 3000, 3) == (4000, 3000)
    for o in (5, 6, 7, 8):
        assert oriented_size(4000, 3000, o) == (3000, 4000)


# --- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("3578011001001", ["3578011001001"]),
        ("3578011001001.jpg", ["3578011001001"]),
        ("35.78.01.1001.001", ["3578011001001"]),
        ("C1-3578011001001-bupati", ["3578011001001"]),
        ("C1_35.78.01.1001.001_gubernur", ["3578011001001"]),
        ("35_78_01_1001_001", ["3578011001001"]),
        ("35-78-01-1001-001 scan", ["3578011001001"]),
        ("35.78.01.1001_001", ["3578011001001"]),
        ("3578011001 TPS 1", ["3578011001001"]),
        ("35.78.01.1001-tps-012", ["3578011001012"]),
        ("3578011001_TPS901", ["3578011001901"]),
        ("3578011001001 and 3578011001002", ["3578011001001", "3578011001002"]),
        ("3578011001001 again 35.78.01.1001.001", ["3578011001001"]),
        ("35780110010011", []),  # 14 digits: not an id
        ("357801100100", []),  # 12 digits
        ("IMG_20241127_143012", []),
        ("IMG-20241127-WA0012", []),
        ("3578011001 TPS 0", []),
        ("scan", []),
    ],
)
def test_tps_ids_in_name(name: str, ids: list[str]) -> None:
    assert tps_ids_in_name(name) == ids


@pytest.mark.parametrize(
    ("name", "contest"),
    [
        ("C1-3578011001001-bupati", "bupati"),
        ("C1-3578011001001-BUPATI", "bupati"),
        ("gubernur_3578011001001", "gubernur"),
        ("PILGUB 3578011001001", "gubernur"),
        ("pilbup-3578011001001", "bupati"),
        ("3578011001001 gubernur bupati", None),  # both: ambiguous
        ("3578011001001-walikota", None),  # not a contest of this workspace
        ("3578011001001-bupatiX", None),  # not a word
        ("3578011001001", None),
    ],
)
def test_contest_in_name(name: str, contest: str | None) -> None:
    assert contest_in_name(name, ["gubernur", "bupati"]) == contest
