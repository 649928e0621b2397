"""Checking a form image before it is stored: its real type, its limits, its provenance, its TPS.

Everything here is pure (bytes and names in, values out; no database, no files, no Qt):

- :func:`sniff` tells the real type from the first bytes (magic numbers), never from the extension.
- :func:`check_file` decodes the whole file with Pillow (a truncated or corrupt photo is refused
  here, not discovered by an operator at two in the morning), enforces the size and pixel limits
  (decompression bombs), reads the EXIF capture time and device, and gives the images to store:
  a JPEG, PNG or single-page TIFF is stored as it is (its bytes are the evidence); a PDF, or a
  multi-page TIFF, is rendered page by page (PDF at :data:`PDF_DPI`) and the pages are stored too.
- :func:`tps_ids_in_name` and :func:`contest_in_name` read a TPS id and a contest from a file name.
- :func:`render_synthetic` renders a demo photo from a picklable :class:`SyntheticPhoto`, so that a
  process pool's workers need to import only ``kamarhitung.core``.

A refusal is an :class:`ImageRefused` with a stable ``code`` (for the GUI to translate) and an
English ``reason``. The codes: ``not_found``, ``unreadable``, ``empty``, ``too_large``,
``not_image``, ``unsupported``, ``corrupt``, ``truncated``, ``bomb``, ``pdf_encrypted``,
``pdf_broken``, ``too_many_pages``, ``store_failed`` (the last is raised by the service).
"""

from __future__ import annotations

import io
import math
import re
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Final, Literal

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from PIL import Image, ImageOps

from kamarhitung.core.c1image import C1Header, render_c1
from kamarhitung.core.model import Paslon
from kamarhitung.core.template import FormSpec, load_template

Ext = Literal["jpg", "png", "tif", "pdf"]

MAX_FILE_BYTES: Final = 60 * 1024 * 1024
"""A larger file is refused before it is read (a phone photo is 2–8 MB, a scanned PDF 1–20 MB)."""

MAX_PIXELS: Final = 80_000_000
"""A larger image (per page or frame) is refused as a possible decompression bomb; this is below
Pillow's own warning threshold (~89 MP), so the limit is ours and does not depend on Pillow's."""

MAX_PAGES: Final = 100
"""A PDF or TIFF with more pages than this is refused (a C1 set is a few sheets, not a book)."""

PDF_DPI: Final = 200
"""PDF pages are rendered at this resolution (scaled down if a page would pass MAX_PIXELS)."""

PAGE_JPEG_QUALITY: Final = 90

CODES: Final = (
    "not_found",
    "unreadable",
    "empty",
    "too_large",
    "not_image",
    "unsupported",
    "corrupt",
    "truncated",
    "bomb",
    "pdf_encrypted",
    "pdf_broken",
    "too_many_pages",
    "store_failed",
)
"""Every refusal code, stable across versions."""

_ORIENTATION = 0x0112
_MAKE = 0x010F
_MODEL = 0x0110
_DATETIME = 0x0132
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
_DATETIME_DIGITIZED = 0x9004
_OFFSET_TIME_ORIGINAL = 0x9011

_PIL_FORMATS: Final[dict[str, frozenset[str]]] = {
    "jpg": frozenset({"JPEG", "MPO"}),
    "png": frozenset({"PNG"}),
    "tif": frozenset({"TIFF"}),
}

_LOCK = threading.RLock()
"""One check at a time in this process: PDFium is not thread-safe, and the warning filters that
:func:`check_file` sets (``warnings.catch_warnings``) are process-wide, so two threads must not
interleave them (the GUI fetches images on worker threads while an import may run)."""


class ImageRefused(Exception):  # noqa: N818  (a verdict on a file, read by the import report)
    """A file that is not stored, with a stable ``code`` and an English ``reason``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PageImage:
    """One image to store and show: its bytes, real type and displayed size (after orientation)."""

    data: bytes
    ext: Ext
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """A file that passed every check.

    ``pages`` are the images a viewer shows, in order. For a JPEG, PNG or single-page TIFF there
    is one page whose bytes are the original file's. For a PDF or multi-page TIFF
    (``rendered`` is true) the pages are renderings and the original is kept beside them.
    ``width`` and ``height`` are the first page's.
    """

    ext: Ext
    width: int
    height: int
    exif_time: str | None
    exif_device: str | None
    pages: tuple[PageImage, ...]

    @property
    def rendered(self) -> bool:
        return self.ext == "pdf" or len(self.pages) > 1 or self.pages[0].ext != self.ext


# --- sniffing and limits ---------------------------------------------------------------------------

_UNSUPPORTED_BRANDS = {
    b"heic": "HEIC",
    b"heix": "HEIC",
    b"hevc": "HEIC",
    b"heim": "HEIC",
    b"heis": "HEIC",
    b"mif1": "HEIF",
    b"msf1": "HEIF",
    b"avif": "AVIF",
}


def sniff(head: bytes) -> Ext | None:
    """The real type of a file from its first bytes (at least 12; up to 1024 for PDF), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tif"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def unsupported_format(head: bytes) -> str | None:
    """The name of a known image format that is not accepted (HEIC, WebP, GIF...), or None."""
    if head[4:8] == b"ftyp":
        return _UNSUPPORTED_BRANDS.get(head[8:12], "HEIF")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[4:8] == b"jP  ":
        return "JPEG 2000"
    return None


def check_size(size: int) -> None:
    """Refuse an empty or too large file before reading it."""
    if size == 0:
        raise ImageRefused("empty", "the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise ImageRefused(
            "too_large",
            f"the file is {size / 1048576:.1f} MB; the limit is {MAX_FILE_BYTES // 1048576} MB",
        )


def _check_pixels(width: int, height: int, what: str = "the image") -> None:
    if width <= 0 or height <= 0:
        raise ImageRefused("corrupt", f"{what} claims an impossible size of {width}×{height}")
    if width * height > MAX_PIXELS:
        raise ImageRefused(
            "bomb",
            f"{what} claims {width}×{height} pixels ({width * height / 1e6:.0f} megapixels), "
            f"more than the limit of {MAX_PIXELS / 1e6:.0f}: possibly a decompression bomb",
        )


def _bomb(e: Exception) -> ImageRefused:
    return ImageRefused(
        "bomb", f"the image is too large to decode safely: possibly a decompression bomb ({e})"
    )


# --- provenance ------------------------------------------------------------------------------------

_EXIF_TIME_FORMATS = (
    "%Y:%m:%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y:%m:%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
)
_OFFSET = re.compile(r"^[+-]\d{2}:\d{2}$")


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("latin-1", errors="replace")
    if not isinstance(value, str):
        return None
    value = value.replace("\x00", " ").strip()
    return value or None


def exif_time(value: object, offset: object = None) -> str | None:
    """An EXIF date-time (``2024:11:27 14:30:12``) as ISO 8601, with its offset when one is given;
    None when absent or not a real date (cameras write ``0000:00:00 00:00:00``)."""
    text = _text(value)
    if text is None:
        return None
    for fmt in _EXIF_TIME_FORMATS:
        try:
            dt = datetime.strptime(text[:19], fmt)
        except ValueError:
            continue
        out = dt.isoformat(timespec="seconds")
        off = _text(offset)
        return out + off if off and _OFFSET.match(off) else out
    return None


def exif_device(make: object, model: object) -> str | None:
    """``Make Model`` without repeating the make (``Canon`` + ``Canon EOS 80D`` → ``Canon EOS 80D``)."""
    mk, md = _text(make), _text(model)
    out: str | None
    if mk and md:
        out = md if md.lower().startswith(mk.split()[0].lower()) else f"{mk} {md}"
    else:
        out = mk or md
    return out[:120] if out else None


_PDF_DATE = re.compile(
    r"^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?"
)


def pdf_time(value: str | None) -> str | None:
    """A PDF date (``D:20241127143012+07'00'``) as ISO 8601, or None."""
    m = _PDF_DATE.match((value or "").strip())
    if not m:
        return None
    y, mo, d, h, mi, s, z, sign, oh, om = m.groups()
    try:
        dt = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        return None
    out = dt.isoformat(timespec="seconds")
    if z:
        return out + "+00:00"
    if sign:
        return f"{out}{sign}{oh}:{om or '00'}"
    return out


@dataclass(frozen=True, slots=True)
class _Exif:
    time: str | None = None
    device: str | None = None
    orientation: int = 1


def _read_exif(im: Image.Image) -> _Exif:
    """Capture time, device and orientation; a broken EXIF block only loses the provenance."""
    try:
        exif = im.getexif()
        sub = exif.get_ifd(_EXIF_IFD)
        when = exif_time(
            sub.get(_DATETIME_ORIGINAL) or sub.get(_DATETIME_DIGITIZED) or exif.get(_DATETIME),
            sub.get(_OFFSET_TIME_ORIGINAL),
        )
        device = exif_device(exif.get(_MAKE), exif.get(_MODEL))
        orientation = exif.get(_ORIENTATION, 1)
    except Exception:  # untrusted metadata: any parse failure means "no EXIF"
        return _Exif()
    return _Exif(when, device, orientation if isinstance(orientation, int) else 1)


def oriented_size(width: int, height: int, orientation: int) -> tuple[int, int]:
    """The displayed size of an image whose EXIF orientation is ``orientation`` (5–8 turn it)."""
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


# --- decoding --------------------------------------------------------------------------------------


def _decode_error(e: BaseException, during: str) -> ImageRefused:
    if isinstance(e, MemoryError):
        return ImageRefused("bomb", "decoding the image needs more memory than is available")
    text = str(e) or type(e).__name__
    if during == "load" and (isinstance(e, EOFError) or "truncated" in text.lower()):
        return ImageRefused("truncated", f"the image data ends early: truncated file ({text})")
    return ImageRefused("corrupt", f"the image cannot be decoded: corrupt file ({text})")


def _png_page(im: Image.Image) -> PageImage:
    """A decoded frame, turned upright, as a PNG page."""
    upright = ImageOps.exif_transpose(im)
    if upright.mode not in ("1", "L", "LA", "I;16", "P", "RGB", "RGBA"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    upright.save(out, "PNG", compress_level=6)
    return PageImage(out.getvalue(), "png", upright.width, upright.height)


def _check_raster(data: bytes, ext: Ext) -> CheckedFile:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise _bomb(e) from None
        except Exception as e:  # untrusted input: any decoder failure is a refusal
            raise _decode_error(e, "open") from None
        with im:
            if im.format not in _PIL_FORMATS[ext]:
                raise ImageRefused(
                    "corrupt", f"the file starts like a {ext.upper()} but decodes as {im.format}"
                )
            try:
                frames = getattr(im, "n_frames", 1) if ext == "tif" else 1
            except Exception as e:
                raise _decode_error(e, "open") from None
            if frames > MAX_PAGES:
                raise ImageRefused(
                    "too_many_pages", f"the TIFF has {frames} pages; the limit is {MAX_PAGES}"
                )
            meta = _read_exif(im)
            pages: list[PageImage] = []
            try:
                if frames > 1:
                    for i in range(frames):
                        im.seek(i)
                        _check_pixels(*im.size, what=f"page {i + 1}")
                        im.load()
                        pages.append(_png_page(im))
                else:
                    w, h = im.size
                    _check_pixels(w, h)
                    if ext == "jpg":
                        # Decode at 1/8 scale: every entropy-coded block is still read (a truncated
                        # or broken stream fails), at a fraction of the time and memory.
                        im.draft(im.mode, (max(1, w // 8), max(1, h // 8)))
                    im.load()
                    ow, oh = oriented_size(w, h, meta.orientation)
                    pages.append(PageImage(data, ext, ow, oh))
            except ImageRefused:
                raise
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
                raise _bomb(e) from None
            except Exception as e:  # MemoryError included: refused as a bomb
                raise _decode_error(e, "load") from None
    first = pages[0]
    return CheckedFile(ext, first.width, first.height, meta.time, meta.device, tuple(pages))


def _check_pdf(data: bytes) -> CheckedFile:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            if e.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise ImageRefused(
                    "pdf_encrypted",
                    "the PDF is protected by a password; save or scan it again without one",
                ) from None
            raise ImageRefused("pdf_broken", f"the PDF cannot be opened: {e}") from None
        try:
            n = len(pdf)
            if n == 0:
                raise ImageRefused("pdf_broken", "the PDF has no pages")
            if n > MAX_PAGES:
                raise ImageRefused(
                    "too_many_pages", f"the PDF has {n} pages; the limit is {MAX_PAGES}"
                )
            try:
                when = pdf_time(pdf.get_metadata_dict().get("CreationDate"))
            except pdfium.PdfiumError:
                when = None
            pages = tuple(_render_pdf_page(pdf, i) for i in range(n))
        finally:
            pdf.close()
    return CheckedFile("pdf", pages[0].width, pages[0].height, when, None, pages)


def _render_pdf_page(pdf: pdfium.PdfDocument, index: int) -> PageImage:
    try:
        page = pdf[index]
    except pdfium.PdfiumError as e:
        raise ImageRefused(
            "pdf_broken", f"page {index + 1} of the PDF cannot be read: {e}"
        ) from None
    try:
        w_pt, h_pt = page.get_size()
        if not (w_pt > 0 and h_pt > 0 and math.isfinite(w_pt * h_pt)):
            raise ImageRefused("pdf_broken", f"page {index + 1} of the PDF has no size")
        scale = PDF_DPI / 72
        if w_pt * h_pt * scale * scale > MAX_PIXELS:
            scale = math.sqrt(MAX_PIXELS / (w_pt * h_pt)) * 0.999
        try:
            img = page.render(scale=scale).to_pil()
        except pdfium.PdfiumError as e:
            raise ImageRefused(
                "pdf_broken", f"page {index + 1} of the PDF cannot be rendered: {e}"
            ) from None
        if img.mode not in ("L", "RGB"):
            img = img.convert("RGB")
        out = io.BytesIO()
        img.save(out, "JPEG", quality=PAGE_JPEG_QUALITY, subsampling=0, optimize=True)
        return PageImage(out.getvalue(), "jpg", img.width, img.height)
    finally:
        page.close()


def check_file(data: bytes) -> CheckedFile:
    """Check one file's bytes completely; raise :class:`ImageRefused` saying why it is not stored.

    Thread-safe (checks are serialised in the process); the caller's warning filters do not
    change the verdict.
    """
    check_size(len(data))
    head = data[:1024]
    ext = sniff(head)
    if ext is None:
        other = unsupported_format(head)
        if other is not None:
            raise ImageRefused(
                "unsupported",
                f"{other} images are not accepted: save the photo as JPEG (or PNG) and import it again",
            )
        raise ImageRefused(
            "not_image", "not an image: the file is not a JPEG, PNG, TIFF or PDF (by its content)"
        )
    with _LOCK:
        return _check_pdf(data) if ext == "pdf" else _check_raster(data, ext)


# --- names -----------------------------------------------------------------------------------------

_S = r"[._\- ]?"
_TPS_IN_NAME = re.compile(
    rf"(?<!\d)(\d{{2}}){_S}(\d{{2}}){_S}(\d{{2}}){_S}(\d{{4}}){_S}(\d{{3}})(?!\d)"
)
_DESA_TPS_IN_NAME = re.compile(
    rf"(?<!\d)(\d{{2}}){_S}(\d{{2}}){_S}(\d{{2}}){_S}(\d{{4}})(?!\d)[._\- ]*tps[._\- ]*(\d{{1,3}})(?!\d)",
    re.IGNORECASE,
)


def tps_ids_in_name(name: str) -> list[str]:
    """Every TPS id written in a file or folder name, in order of appearance, without repeats.

    Accepted: the 13 digits (``3578011001001``), dotted as printed (``35.78.01.1001.001``) or with
    ``_``, ``-`` or a space between the groups (``35_78_01_1001_001``), and the desa code followed by
    the word TPS and its number (``3578011001 TPS 1``, ``35.78.01.1001-tps001``). Digits that run on
    (a 14-digit number, a date) never match. Whether an id is in the workspace is the caller's check.
    """
    found: list[tuple[int, str]] = []
    for m in _TPS_IN_NAME.finditer(name):
        found.append((m.start(), "".join(m.groups())))
    for m in _DESA_TPS_IN_NAME.finditer(name):
        number = int(m.group(5))
        if 1 <= number <= 999:
            found.append((m.start(), "".join(m.groups()[:4]) + f"{number:03d}"))
    out: list[str] = []
    for _, tid in sorted(found):
        if tid not in out:
            out.append(tid)
    return out


CONTEST_ALIASES: Final[dict[str, str]] = {
    "pilgub": "gubernur",
    "cagub": "gubernur",
    "pilbup": "bupati",
    "cabup": "bupati",
    "pilwali": "walikota",
    "pilwalkot": "walikota",
    "cawalkot": "walikota",
    "pilpres": "presiden",
    "ppwp": "presiden",
}
"""Common Indonesian abbreviations of a contest in file names, to the contest id they mean."""


def contest_in_name(name: str, contest_ids: Iterable[str]) -> str | None:
    """The one contest of ``contest_ids`` named in ``name`` as a word (``C1-…-bupati.jpg``, or an
    abbreviation such as ``pilgub``), case-insensitive; None when there is none or more than one."""
    ids = {c.lower(): c for c in contest_ids}
    seen: set[str] = set()
    for word in re.split(r"[^0-9a-z]+", name.lower()):
        cid = ids.get(word) or ids.get(CONTEST_ALIASES.get(word, ""))
        if cid is not None:
            seen.add(cid)
    return seen.pop() if len(seen) == 1 else None


_PAGE_WORD = re.compile(r"^(?:p|hal|halaman|page)0*([1-9][0-9]?)$")
_CORRECTED_WORDS = frozenset({"koreksi", "perbaikan", "revisi", "corrected", "correction"})


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[_\-.\s]+", name.lower()) if w]


def page_in_name(name: str) -> int | None:
    """The form page a file name gives as a word ``p<N>`` or ``hal<N>`` (``…_bupati_p2.jpg``)."""
    pages = {int(m.group(1)) for w in _words(name) if (m := _PAGE_WORD.match(w))}
    return pages.pop() if len(pages) == 1 else None


def corrected_in_name(name: str) -> bool:
    """Whether a file name says it shows the form corrected after the plenary (``koreksi``,
    ``perbaikan``, ``revisi``)."""
    return any(w in _CORRECTED_WORDS for w in _words(name))


def sheet_in_name(name: str) -> str:
    """``salinan`` when the file name says it is the witnesses' copy, else ``plano``."""
    return "salinan" if "salinan" in _words(name) else "plano"


# --- the demo's synthetic photos -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyntheticPhoto:
    """Everything needed to render one demo form photo: picklable, for a worker process that
    imports only ``kamarhitung.core`` (fast to start) and no database layer."""

    tps_id: str
    contest_id: str
    template_id: str
    paslon: tuple[Paslon, ...]
    header: C1Header
    values: dict[str, int]
    seed: int


@cache
def _form(template_id: str, paslon_numbers: tuple[int, ...]) -> FormSpec:
    return load_template(template_id).form(paslon_numbers)


def render_synthetic(job: SyntheticPhoto) -> list[bytes]:
    """The JPEG bytes of a synthetic form's photos, one per page of its plano (deterministic in
    the job): a template with pages is photographed page by page, as SIREKAP's uploads are."""
    form = _form(job.template_id, tuple(p.nomor_urut for p in job.paslon))
    pages = form.template.pages.get("plano")
    if not pages:
        return [render_c1(form, job.header, job.paslon, job.values, job.seed)]
    return [
        render_c1(
            form.page_form("plano", p.number),
            job.header,
            job.paslon,
            job.values,
            job.seed + p.number,
        )
        for p in pages
    ]
