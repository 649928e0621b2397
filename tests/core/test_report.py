"""The PDF reports as pure functions: printed numbers equal the recap, the fingerprint binds the
paper to the data, layout (pages, chunks, paper sizes, DRAF), determinism, and each kind's first
page against a stored reference image (``KAMARHITUNG_UPDATE_REFERENCES=1`` rewrites them)."""

from __future__ import annotations

import io
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information
import pytest
from PIL import Image

from kamarhitung.core import report as rpt
from kamarhitung.core.anomalies import Anomaly
from kamarhitung.core.model import Level, Paslon, Region
from kamarhitung.core.official import Difference
from kamarhitung.core.recap import FINAL, STATE_CODE, Recap, RegionTree, aggregate_arrays
from kamarhitung.core.template import FormSpec, load_template

DATA = Path(__file__).with_name("data")
WITA = timezone(timedelta(hours=8))
AT = datetime(2026, 12, 9, 21, 0, tzinfo=WITA)
PASLON = (
    Paslon("bupati", 1, "AHMAD SANTOSO", "SITI WIJAYA"),
    Paslon("bupati", 2, "BUDI HIDAYAT", "DEWI LESTARI"),
    Paslon("bupati", 3, "EKO PRATAMA", "RINA KUSUMA"),
)
KAB = Region("3578", "KOTA UJI", Level.KABUPATEN)
WIDE = "357801"
"""A kecamatan of 14 desa: wider than one A4 page."""
NARROW = "357802"


def _tree() -> RegionTree:
    kecs = [
        Region(WIDE, "GENTENG", Level.KECAMATAN),
        Region(NARROW, "TEGALSARI", Level.KECAMATAN),
    ]
    names = [
        "KETABANG",
        "KAPASARI",
        "PENELEH",
        "EMBONG KALIASIN",
        "GENTENG",
        "KEDUNGDORO",
        "WONOREJO",
        "DR. SOETOMO",
        "TEGALSARI",
        "KEPUTRAN",
        "DARMO",
        "SAWUNGGALING",
        "JAGIR",
        "NGAGEL REJO",
    ]
    desa = [Region(f"{WIDE}{1001 + i}", n, Level.DESA) for i, n in enumerate(names)]
    desa += [
        Region(f"{NARROW}{1001 + i}", n, Level.DESA) for i, n in enumerate(["KEDUNG", "BUBUTAN"])
    ]
    tps = [(f"{d.code}{k:03d}", 300 + k) for i, d in enumerate(desa) for k in range(1, 2 + i % 3)]
    return RegionTree.build(KAB, kecs, desa, tps)


FORM: FormSpec = load_template("pilkada-kwk").form((1, 2, 3))


def _recap() -> Recap:
    tree = _tree()
    rng = np.random.default_rng(2026)
    values = rng.integers(0, 900, size=(tree.n_tps, len(FORM.field_ids)), dtype=np.int64)
    states = np.full(tree.n_tps, FINAL, dtype=np.int8)
    states[3] = STATE_CODE["different"]
    states[7] = STATE_CODE["empty"]
    return aggregate_arrays(tree, "bupati", FORM.field_ids, values, states)


RECAP = _recap()


def header(
    code: str = WIDE,
    *,
    at: datetime = AT,
    final: bool = False,
) -> rpt.ReportHeader:
    level = Level.KECAMATAN if len(code) == 6 else Level.KABUPATEN
    names = {r.code: r.name for r in (*RECAP.tree.kecamatan, KAB)}
    return rpt.ReportHeader(
        election="Pemilihan Serentak 2024 — KOTA UJI",
        contest_id="bupati",
        contest_name="Pemilihan Bupati dan Wakil Bupati",
        form_code="MODEL C.HASIL-KWK",
        provinsi=rpt.Place("35", "JAWA TIMUR"),
        kabupaten=rpt.Place(KAB.code, KAB.name),
        region=rpt.Place(code, names[code]),
        level=level,
        generated_at=at,
        software="kamarhitung test",
        finalisation=rpt.Finalisation("2026-12-09T20:00:00+08:00", "supervisor1")
        if final
        else None,
    )


def recap_report(code: str = WIDE, **kw: object) -> rpt.RecapReport:
    return rpt.recap_report(RECAP, FORM, PASLON, header(code, **kw))  # type: ignore[arg-type]


def texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def parse_int(token: str) -> int:
    return int(token.replace(".", ""))


def printed_totals(pages: list[str]) -> dict[str, int]:
    """The total column as printed: the last number of each row of the recap grid, by field."""
    single = {"Jumlah TPS": "#tps_total", "TPS yang masuk rekapitulasi (final)": "#tps_final"}
    spans: dict[str, str] = {}
    for sec in FORM.template.sections:
        for row in sec.rows:
            (spans if sec.kind == "lpj" else single)[row.label] = row.id
    for p in PASLON:
        single[f"{p.nomor_urut}. {p.nama_calon} – {p.nama_wakil}"] = f"IV.{p.nomor_urut}"
    out: dict[str, int] = {}
    for text in pages:
        if "JUMLAH" not in text:
            continue  # a chunk without the total column
        current = None
        for line in text.splitlines():
            line = line.strip()
            if line in spans:
                current = spans[line]
                continue
            for label, key in single.items():
                if line.startswith(label + " "):
                    out[key] = parse_int(line.split()[-1])
            first = line.split(" ", 1)[0]
            if current and first in ("L", "P", "L+P"):
                col = {"L": "L", "P": "P", "L+P": "J"}[first]
                out[f"{current}.{col}"] = parse_int(line.split()[-1])
    return out


# --- wording and numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (10233, "10.233"), (1234567, "1.234.567")],
)
def test_numbers_are_printed_indonesian_style(value: int, text: str) -> None:
    assert rpt.number(value) == text


@pytest.mark.parametrize(("x", "text"), [(0.734, "0,73"), (1234.5, "1.234,50"), (0.0, "0,00")])
def test_decimals_have_a_decimal_comma(x: float, text: str) -> None:
    assert rpt.decimal(x) == text


@pytest.mark.parametrize(
    ("code", "level", "expected"),
    [
        ("MODEL C.HASIL-KWK", Level.KECAMATAN, "MODEL D.HASIL KECAMATAN-KWK"),
        ("MODEL C.HASIL-KWK", Level.KABUPATEN, "MODEL D.HASIL KABUPATEN/KOTA-KWK"),
        ("MODEL C.HASIL-PPWP", Level.KECAMATAN, "MODEL D.HASIL KECAMATAN-PPWP"),
        ("FORM X", Level.KECAMATAN, "MODEL D.HASIL KECAMATAN"),
    ],
)
def test_recap_form_code_follows_the_result_form(code: str, level: Level, expected: str) -> None:
    assert rpt.d_form_code(code, level) == expected


def test_fingerprint_groups() -> None:
    fp = "0123456789abcdef" * 4
    groups = rpt.fingerprint_groups(fp)
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    assert "".join(groups) == fp
    with pytest.raises(ValueError):
        rpt.fingerprint_groups("abc")


# --- the data and its fingerprint ---------------------------------------------------------------


def test_recap_report_columns_are_the_desa_and_the_total_the_kecamatan() -> None:
    rep = recap_report()
    assert [c.code for c in rep.columns] == [
        d.code for d in RECAP.tree.desa if d.code.startswith(WIDE)
    ]
    kec = RECAP.table(Level.KECAMATAN).row(0)
    assert rep.total == kec
    for f in FORM.field_ids:
        assert sum(c.values[f] for c in rep.columns) == rep.total.values[f]
    kab = recap_report(KAB.code)
    assert [c.code for c in kab.columns] == [WIDE, NARROW]
    assert kab.total == RECAP.total()


def test_the_province_recomputes_the_fingerprint_from_recap_json() -> None:
    rep = recap_report()
    desa = RECAP.to_json("desa", "2026-12-09T21:00:00+08:00")["rows"]
    kec = RECAP.to_json("kecamatan", "2026-12-09T21:00:00+08:00")["rows"]
    assert isinstance(desa, list) and isinstance(kec, list)
    columns = [r for r in desa if str(r["code"]).startswith(WIDE)]
    total = next(r for r in kec if r["code"] == WIDE)
    assert rpt.recap_fingerprint("bupati", "kecamatan", WIDE, columns, total) == rpt.fingerprint_of(
        rep
    )


def test_fingerprint_is_the_data_not_the_time_or_the_state() -> None:
    base = rpt.fingerprint_of(recap_report())
    assert rpt.fingerprint_of(recap_report(at=AT + timedelta(days=3))) == base
    assert rpt.fingerprint_of(recap_report(final=True)) == base
    assert rpt.fingerprint_of(recap_report(NARROW)) != base
    values = RECAP.values.copy()
    values[0, FORM.field_ids.index("IV.1")] += 1
    changed = aggregate_arrays(RECAP.tree, "bupati", FORM.field_ids, values, RECAP.states)
    assert rpt.fingerprint_of(rpt.recap_report(changed, FORM, PASLON, header())) != base


# --- what is printed ------------------------------------------------------------------------------


def test_every_total_printed_equals_the_recap() -> None:
    rep = recap_report()
    out = rpt.render(rep)
    totals = printed_totals(texts(out.pdf))
    expected = {f: rep.total.values[f] for f in FORM.field_ids}
    expected["#tps_total"] = rep.total.tps_total
    expected["#tps_final"] = rep.total.tps_final
    assert totals == expected


def test_kabupaten_totals_printed_equal_the_recap() -> None:
    rep = recap_report(KAB.code)
    totals = printed_totals(texts(rpt.render(rep, "f4").pdf))
    assert totals["V.C"] == RECAP.total().values["V.C"]
    assert totals["IV.2"] == RECAP.total().values["IV.2"]
    assert totals["#tps_final"] == RECAP.tps_final


def test_a_wide_kecamatan_is_split_with_the_row_labels_repeated() -> None:
    out = rpt.render(recap_report())
    pages = texts(out.pdf)
    # Two bands (sections I; II to V) times two column chunks.
    assert out.pages == 4
    for i, text in enumerate(pages):
        assert f"Halaman {i + 1} dari 4" in text
        assert "URAIAN" in text
    assert "kolom 1–" in pages[0] and "dari 14)" in pages[0]
    # The total column is on the last chunk of each band only.
    assert ["JUMLAH" in t for t in pages] == [False, True, False, True]
    label = "A. Jumlah seluruh suara sah"
    assert label in pages[2] and label in pages[3]
    # Every desa appears once per band.
    for d in RECAP.tree.desa:
        if d.code.startswith(WIDE):
            assert sum(d.name in t for t in pages[:2]) >= 1


def test_a_narrow_kecamatan_fits_on_one_page_per_band() -> None:
    out = rpt.render(recap_report(NARROW))
    assert out.pages == 2


@pytest.mark.parametrize(("paper", "size"), [("a4", (842, 595)), ("f4", (935, 609))])
def test_paper_sizes_are_landscape(paper: str, size: tuple[int, int]) -> None:
    out = rpt.render(recap_report(NARROW), paper)
    doc = pdfium.PdfDocument(out.pdf)
    try:
        w, h = doc[0].get_size()
    finally:
        doc.close()
    assert (round(w), round(h)) == size
    with pytest.raises(ValueError, match="paper"):
        rpt.render(recap_report(NARROW), "letter")


def test_every_page_carries_the_header_and_the_fingerprint() -> None:
    out = rpt.render(recap_report())
    groups = rpt.fingerprint_groups(out.fingerprint)
    for text in texts(out.pdf):
        assert "KABUPATEN/KOTA : KOTA UJI (35.78)" in text
        assert "KECAMATAN : GENTENG (35.78.01)" in text
        assert "PEMILIHAN BUPATI DAN WAKIL BUPATI" in text
        assert "MODEL D.HASIL KECAMATAN-KWK" in text
        assert all(g in text for g in groups)
        assert "SIDIK DATA (SHA-256)" in text


def test_draft_until_finalised() -> None:
    draft = texts(rpt.render(recap_report()).pdf)
    assert all("DRAF" in t for t in draft)
    final = rpt.render(recap_report(final=True))
    assert not final.draft
    for t in texts(final.pdf):
        assert "DRAF" not in t
        assert "FINAL" in t and "supervisor1" in t


def test_the_last_page_has_the_signature_blocks_and_the_digital_field() -> None:
    out = rpt.render(recap_report())
    last = texts(out.pdf)[-1]
    assert last.count("ANGGOTA") == 2 and "KETUA" in last
    for n in (1, 2, 3):
        assert f"Paslon nomor urut {n}" in last
    fields = {f.name: f for f in out.signature_fields}
    assert fields[rpt.SIGNATURE_FIELD].page == out.pages - 1
    assert fields[rpt.SIGNATURE_FIELD].box is not None
    assert fields[rpt.PROVINCE_FIELD].box is None


def test_the_qr_code_holds_the_fingerprint() -> None:
    """The QR code's modules, sampled from the rendered page, are the fingerprint's."""
    from reportlab.graphics.barcode import qrencoder

    out = rpt.render(recap_report(NARROW))
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(out.fingerprint)
    qr.make()
    n = qr.getModuleCount()
    scale = 8.0
    doc = pdfium.PdfDocument(out.pdf)
    try:
        page = doc[0]
        w, h = page.get_size()
        img = np.asarray(page.render(scale=scale, grayscale=True).to_pil().convert("L"))
    finally:
        doc.close()
    box = rpt.QR_SIZE / (n + 2)
    x0 = w - rpt.MARGIN_X - rpt.QR_SIZE
    y_top = rpt.MARGIN_BOTTOM + 1 + rpt.QR_SIZE  # PDF y of the QR's top edge
    for r in range(n):
        for c in range(n):
            px = (x0 + (c + 1.5) * box) * scale
            py = (h - (y_top - (r + 1.5) * box)) * scale
            dark = img[int(py), int(px)] < 128
            assert dark == bool(qr.modules[r][c]), (r, c)


def test_same_data_and_clock_give_the_same_bytes() -> None:
    a = rpt.render(recap_report())
    b = rpt.render(recap_report())
    assert a.pdf == b.pdf and a.sha256 == b.sha256
    later = rpt.render(recap_report(at=AT + timedelta(minutes=1)))
    assert later.pdf != a.pdf and later.fingerprint == a.fingerprint
    # In the region's own zone: Jawa Timur is WIB (21.00 WITA is 20.00 WIB).
    assert b"/CreationDate (D:20261209200000+07'00')" in a.pdf


# --- the other kinds ----------------------------------------------------------------------------


def annex(code: str = WIDE) -> rpt.AnnexReport:
    notes = {RECAP.tree.tps_ids[0]: ["INVALID-SHARE"]}
    return rpt.annex_report(RECAP, FORM, PASLON, header(code), notes)


def test_annex_has_every_tps_with_its_state_and_the_totals() -> None:
    rep = annex()
    ids = [t for t in RECAP.tree.tps_ids if t.startswith(WIDE)]
    assert [ln.tps for ln in rep.lines] == ids
    assert rep.lines[3].state == "different" and rep.lines[3].values is None
    out = rpt.render(rep)
    text = "\n".join(texts(out.pdf))
    assert "Berbeda" in text and "Belum dientri" in text and "INVALID-SHARE" in text
    total_line = next(ln for ln in text.splitlines() if ln.startswith("JUMLAH "))
    numbers = [parse_int(t) for t in total_line.split()[3:]]
    assert numbers == [rep.total.values[f] for f in rep.fields]
    assert "V.C" in rep.fields and "IV.3" in rep.fields


def test_kabupaten_annex_groups_by_kecamatan() -> None:
    out = rpt.render(annex(KAB.code))
    text = "\n".join(texts(out.pdf))
    assert "KECAMATAN GENTENG (35.78.01)" in text and "KECAMATAN TEGALSARI (35.78.02)" in text
    assert text.count("Desa/Kelurahan ") == len(RECAP.tree.desa)


def anomalies(code: str = KAB.code, *, official: bool = True) -> rpt.AnomalyReport:
    t0, t1 = RECAP.tree.tps_ids[0], RECAP.tree.tps_ids[-1]
    found = [
        Anomaly(t0, "INVALID-SHARE", "W", {"invalid": 24, "total": 400, "share": 0.06}),
        Anomaly(
            t1,
            "OUTLIER",
            "W",
            {
                "measures": [
                    {"measure": "share", "paslon": 2, "value": 0.81, "median": 0.4, "z": 4.2}
                ]
            },
        ),
        Anomaly(WIDE, "LAST-DIGIT", "W", {"counts": 120, "chi2": 31.2, "p": 0.0003}),
    ]
    diffs = [Difference(t0, "IV.1", 120, 112), Difference(t1, "V.B", 3, None)]
    return rpt.anomaly_report(
        RECAP,
        header(code),
        found,
        diffs,
        official_loaded=official,
        compared=5,
        pending=[t1],
    )


def test_anomaly_report_lists_anomalies_and_selisih_of_the_region() -> None:
    kab = anomalies()
    assert len(kab.anomalies) == 3 and len(kab.differences) == 2
    narrow = anomalies(NARROW)
    assert [a.tps for a in narrow.anomalies] == [RECAP.tree.tps_ids[-1]]
    text = "\n".join(texts(rpt.render(kab).pdf))
    assert "suara paslon 2 0,81 (median 0,40; z 4,2)" in text
    assert "tidak sah 24 dari 400 (6,0%)" in text
    assert "-8" in text  # ours − official
    none = "\n".join(texts(rpt.render(anomalies(official=False)).pdf))
    assert "Belum ada angka resmi" in none


def test_progress_report_counts_states_and_lists_operators() -> None:
    ops = [rpt.OperatorLine("operator1", 120, 4800, 2.5, 48.0, 9600.0, 3, 6.25)]
    rep = rpt.progress_report(RECAP, header(KAB.code), ops)
    assert rep.total.tps_total == RECAP.tps_total
    assert sum(ln.tps_total for ln in rep.lines) == RECAP.tps_total
    text = "\n".join(texts(rpt.render(rep).pdf))
    assert "operator1" in text and "6,25" in text
    assert "KOTA UJI" in text


# --- reference images ---------------------------------------------------------------------------

REFERENCE_DPI = 40
MAX_MEAN_DIFF = 0.75
"""Mean absolute difference of grey levels (0–255) allowed against a reference. A lost column or
another kecamatan shows as 10 or more, the DRAF watermark alone as 1.3; the same pdfium renders
the same pixels (0), another pdfium build's hinting stays well below this."""


def _first_page(pdf: bytes) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        image: Image.Image = (
            doc[0].render(scale=REFERENCE_DPI / 72, grayscale=True).to_pil().convert("L")
        )
        return image
    finally:
        doc.close()


def _kinds() -> dict[str, rpt.Report]:
    ops = [rpt.OperatorLine("operator1", 120, 4800, 2.5, 48.0, 9600.0, 3, 6.25)]
    return {
        "recap-kecamatan": recap_report(),
        "recap-kabupaten": recap_report(KAB.code, final=True),
        "annex": annex(),
        "anomalies": anomalies(),
        "progress": rpt.progress_report(RECAP, header(KAB.code), ops),
    }


@pytest.mark.parametrize("kind", list(_kinds()))
def test_first_page_matches_the_reference_image(kind: str) -> None:
    image = _first_page(rpt.render(_kinds()[kind]).pdf)
    ref_path = DATA / f"report-{kind}.png"
    if os.environ.get("KAMARHITUNG_UPDATE_REFERENCES") == "1":
        DATA.mkdir(exist_ok=True)
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        ref_path.write_bytes(buf.getvalue())
    assert ref_path.is_file(), f"no reference {ref_path}: run with KAMARHITUNG_UPDATE_REFERENCES=1"
    ref = Image.open(ref_path).convert("L")
    assert ref.size == image.size
    diff = np.abs(np.asarray(ref, dtype=np.int16) - np.asarray(image, dtype=np.int16))
    assert float(diff.mean()) < MAX_MEAN_DIFF, f"{kind}: mean difference {diff.mean():.2f}"
