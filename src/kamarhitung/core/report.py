"""Printed reports as PDF (reportlab): the D.HASIL recap, the TPS annex, anomalies and selisih,
entry progress. Pure: report data in (frozen dataclasses), PDF bytes out. Legal wording is
Indonesian and lives here.

Kinds (:class:`ReportKind`):

``recap``
    The recap of a kecamatan (one column per desa/kelurahan) or of the kabupaten (one column per
    kecamatan) in the layout of Model D.HASIL: the form's sections I to V as rows, with the
    labels the template prints, L/P/J rows as three lines, a total column. A region too wide for
    one page is split into column chunks, each repeating the row labels; the rows are split
    between pages at the form's top-level sections (I; II–V), as the printed form is.
``annex``
    One line per TPS of the region: its entry state and its key values (voters, ballots by
    candidate pair, valid, invalid, total); values of a TPS that is not final are not counted and
    not shown.
``anomalies``
    The anomaly list of the region and the differences with the official numbers (selisih).
``progress``
    Entry states per desa or kecamatan, and each operator's speed and attributed differences.

Every page carries: a header naming the election, the contest (official name), the region (with
its dotted code), the page ("Halaman X dari Y") and the state (DRAF or FINAL); a diagonal "DRAF"
watermark until a supervisor has finalised the region; and the **data fingerprint** (BUNDLE.md
"Paper binding") as 16 numbered groups of 4 hex characters with a QR code of it. The last page
holds the signature blocks (the counting room's Ketua and Anggota, one saksi per candidate pair)
and the box where the digital signature's stamp goes (:attr:`RenderedReport.signature_fields`).

Data fingerprint (``kamarhitung-report/1``): SHA-256 of the canonical JSON (keys sorted, no
spaces, UTF-8) of :meth:`Report.data`: the data the report prints, never the time or the DRAF
state. For a recap it is ``{"format", "kind": "recap", "contest", "level", "region", "columns",
"total"}`` where ``columns`` and ``total`` are rows exactly as in INTERFACES.md "Recap JSON"
(``code``, ``name``, ``tps_total``, ``tps_final``, ``values``), so the province can recompute it
from the ``recap-<contest>.json`` of a bundle with :func:`recap_fingerprint`.

Determinism: reportlab's ``invariant`` mode, the creation date taken from the header's
``generated_at`` (the injected clock), only the standard PDF fonts (Helvetica, Courier; pdfium
carries metric-compatible fonts, so a page renders alike everywhere), and no unordered iteration:
the same data and clock give the same bytes.

Speed: the 25,000 lines of a large kabupaten's annex are ~350,000 table cells. Cell text is
written as raw text operators into one text object per page (:class:`_Pen`), about three times
faster than one ``drawString`` per cell; the QR code is drawn once as a form XObject.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import math
import textwrap
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kamarhitung.core.anomalies import Anomaly
from kamarhitung.core.canonical import canonical_json as canonical_json
from kamarhitung.core.model import DESA_LEN, KECAMATAN_LEN, Level, Paslon, dotted
from kamarhitung.core.official import Difference
from kamarhitung.core.recap import STATES, Recap, RecapRow
from kamarhitung.core.template import LPJ, FormSpec, voters_on_list_field
from kamarhitung.core.timezones import indonesian_time, local_time

REPORT_FORMAT = "kamarhitung-report/1"

# Page streams are compressed but not also ASCII85-encoded: that encoding exists for 7-bit
# channels, makes files 25% larger, and without reportlab's C accelerator took a third of the
# time of a 700-page annex. reportlab reads this setting when each page is written.
rl_config.useA85 = 0

Paper = Literal["a4", "f4"]
PAPERS: dict[str, tuple[float, float]] = {
    "a4": (297 * mm, 210 * mm),
    "f4": (330 * mm, 215 * mm),
}
"""Page sizes, landscape (width, height) in points: A4 and F4 (folio, 215 × 330 mm)."""


class ReportKind(StrEnum):
    """What a report shows (see the module docstring)."""

    RECAP = "recap"
    ANNEX = "annex"
    ANOMALIES = "anomalies"
    PROGRESS = "progress"
    QUALITY = "quality"


REPORT_LEVELS = (Level.KECAMATAN, Level.KABUPATEN)
"""The regions a report covers: a kecamatan or the whole kabupaten."""

# --- Indonesian wording ----------------------------------------------------------------------

STATE_WORDS: dict[str, str] = {
    "empty": "Belum dientri",
    "first_in_progress": "Entri 1 berjalan",
    "first_done": "Entri 1 selesai",
    "second_in_progress": "Entri 2 berjalan",
    "different": "Berbeda",
    "janggal": "Janggal",
    "final": "Final",
}
"""Entry states as printed."""

CODE_WORDS: dict[str, str] = {
    "OUTLIER": "Jauh dari median kecamatan",
    "DUPLICATE": "Sama persis dengan TPS lain",
    "TURNOUT": "Pemilih atau suara melebihi DPT",
    "INVALID-SHARE": "Suara tidak sah 3% atau lebih",
    "LAST-DIGIT": "Sebaran angka terakhir tidak wajar",
    "J-SUM": "L + P tidak sama dengan jumlah",
    "A-TOTAL": "Jumlah pemilih (A.4) tidak sama dengan A.1 + A.2 + A.3",
    "B-TOTAL": "Pengguna hak pilih (B.4) tidak sama dengan B.1 + B.2 + B.3",
    "B-LE-A": "Pengguna hak pilih melebihi pemilih",
    "BALLOT-BALANCE": "Surat suara diterima tidak sama dengan rinciannya",
    "BALLOT-USED": "Surat suara digunakan tidak sama dengan pengguna hak pilih",
    "SAH-SUM": "Suara sah tidak sama dengan jumlah perolehan paslon",
    "TOTAL-SUM": "Jumlah suara tidak sama dengan sah + tidak sah",
    "TOTAL-VOTERS": "Jumlah suara tidak sama dengan pengguna hak pilih",
    "DISAB-LE": "Data pemilih disabilitas tidak konsisten",
    "RANGE": "Angka di luar batas formulir",
    "RESERVE": "Surat suara cadangan tidak wajar",
}
"""Finding and anomaly codes as printed; an unknown code is printed as itself."""

LEVEL_WORDS = {"E": "Galat", "W": "Peringatan"}

DISCLAIMER = (
    "Rekapitulasi kamar hitung dari formulir {form} yang dientri ganda; "
    "bukan pengganti rekapitulasi resmi berjenjang."
)


def number(v: int) -> str:
    """An integer as printed in Indonesia: ``10233`` → ``10.233``."""
    return f"{v:,}".replace(",", ".")


def decimal(x: float, places: int = 2) -> str:
    """A decimal number with a decimal comma: ``0.734`` → ``0,73``."""
    return f"{x:,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def fingerprint_groups(fingerprint: str) -> list[str]:
    """The 64 hex characters as 16 groups of 4, as printed on every page."""
    if len(fingerprint) != 64:
        raise ValueError("a fingerprint has 64 hex characters")
    return [fingerprint[i : i + 4] for i in range(0, 64, 4)]


def d_form_code(c_form_code: str, level: Level) -> str:
    """The recap form code of a level from the result form's: ``MODEL C.HASIL-KWK`` →
    ``MODEL D.HASIL KECAMATAN-KWK`` (or ``... KABUPATEN/KOTA-KWK``)."""
    where = "KECAMATAN" if level == Level.KECAMATAN else "KABUPATEN/KOTA"
    if "C.HASIL" in c_form_code:
        return c_form_code.replace("C.HASIL", f"D.HASIL {where}")
    return f"MODEL D.HASIL {where}"


def _when(t: datetime, region_code: str) -> str:
    """``09-12-2026 pukul 21.00.00 WITA``: in the zone of the region (its province code)."""
    return indonesian_time(t, region_code, seconds=True)


def _when_iso(stamp: str, region_code: str) -> str:
    try:
        return _when(datetime.fromisoformat(stamp), region_code)
    except ValueError:
        return stamp


# --- report data -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A region as a header names it."""

    code: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.name} ({dotted(self.code)})"


@dataclass(frozen=True, slots=True)
class Finalisation:
    """A supervisor's finalisation of the region a report covers: the report is not a draft."""

    at: str
    by: str


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """What every page's header names, and when the report was made (the injected clock)."""

    election: str
    contest_id: str
    contest_name: str
    form_code: str
    """The result form's code, from the template (``MODEL C.HASIL-KWK``)."""
    provinsi: Place
    kabupaten: Place
    region: Place
    level: Level
    generated_at: datetime
    software: str = "kamarhitung"
    finalisation: Finalisation | None = None
    audit_head: str = ""
    """The workspace's audit chain head when the report was made (``SEQ:HASH``): printed in the
    footer, so that ``kamarhitung audit verify --head`` can check the trail against the paper.
    Not part of the data fingerprint."""

    @property
    def is_draft(self) -> bool:
        return self.finalisation is None


def data_fingerprint(data: Mapping[str, object]) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def recap_data(
    contest: str,
    level: str,
    region: str,
    columns: Sequence[Mapping[str, object]],
    total: Mapping[str, object],
) -> dict[str, object]:
    """The data a recap report prints, from rows shaped as INTERFACES.md "Recap JSON"."""
    return {
        "format": REPORT_FORMAT,
        "kind": ReportKind.RECAP.value,
        "contest": contest,
        "level": level,
        "region": region,
        "columns": [dict(c) for c in columns],
        "total": dict(total),
    }


def recap_fingerprint(
    contest: str,
    level: str,
    region: str,
    columns: Sequence[Mapping[str, object]],
    total: Mapping[str, object],
) -> str:
    """The fingerprint printed on a recap report, from recap JSON rows (e.g. a bundle's): for a
    kecamatan, ``columns`` are its desa rows in code order and ``total`` its kecamatan row."""
    return data_fingerprint(recap_data(contest, level, region, columns, total))


@dataclass(frozen=True)
class RecapReport:
    """The recap of a kecamatan (columns: its desa) or of the kabupaten (columns: kecamatan)."""

    header: ReportHeader
    form: FormSpec
    paslon: tuple[Paslon, ...]
    columns: tuple[RecapRow, ...]
    total: RecapRow
    kind: ReportKind = ReportKind.RECAP
    repeats: tuple[RepeatLine, ...] = ()
    """The region's TPS with a repeat vote (PSU, PSL, PSS), listed after the grid."""

    def data(self) -> dict[str, object]:
        h = self.header
        return recap_data(
            h.contest_id,
            h.level.value,
            h.region.code,
            [c.to_json() for c in self.columns],
            self.total.to_json(),
        )


@dataclass(frozen=True, slots=True)
class RepeatLine:
    """A TPS whose result was replaced by a repeat vote."""

    tps: str
    kind: str
    """PSU (ulang), PSL (lanjutan) or PSS (susulan)."""
    reference: str
    reason: str
    marked_at: str
    state: str
    """The state of the new form now."""


REPEAT_NAMES = {
    "PSU": "Pemungutan Suara Ulang",
    "PSL": "Pemungutan Suara Lanjutan",
    "PSS": "Pemungutan Suara Susulan",
}


@dataclass(frozen=True, slots=True)
class AnnexLine:
    """One TPS of the annex; ``values`` (in the annex's field order) only when final."""

    tps: str
    state: str
    values: tuple[int, ...] | None
    notes: tuple[str, ...] = ()


ANNEX_FIELDS: tuple[tuple[str, str], ...] = (
    ("I.A.4.J", "Pemilih"),
    ("I.B.4.J", "Pengguna hak pilih"),
)
ANNEX_TAIL: tuple[tuple[str, str], ...] = (
    ("V.A", "Suara sah"),
    ("V.B", "Tidak sah"),
    ("V.C", "Jumlah suara"),
)


@dataclass(frozen=True)
class AnnexReport:
    """Every TPS of a region with its state and key values."""

    header: ReportHeader
    fields: tuple[str, ...]
    headings: tuple[str, ...]
    lines: tuple[AnnexLine, ...]
    names: Mapping[str, str]
    """Names of the desa and kecamatan the lines belong to (group rows)."""
    total: RecapRow
    kind: ReportKind = ReportKind.ANNEX

    def data(self) -> dict[str, object]:
        h = self.header
        return {
            "format": REPORT_FORMAT,
            "kind": self.kind.value,
            "contest": h.contest_id,
            "level": h.level.value,
            "region": h.region.code,
            "fields": list(self.fields),
            "tps": [
                {
                    "tps": ln.tps,
                    "state": ln.state,
                    "values": None if ln.values is None else list(ln.values),
                    "notes": list(ln.notes),
                }
                for ln in self.lines
            ],
            "total": self.total.to_json(),
        }


@dataclass(frozen=True)
class AnomalyReport:
    """The anomalies of a region and its differences with the official numbers."""

    header: ReportHeader
    anomalies: tuple[Anomaly, ...]
    differences: tuple[Difference, ...]
    official_loaded: bool
    compared: int
    pending: int
    names: Mapping[str, str]
    """Desa and kecamatan names (for the "where" column)."""
    kind: ReportKind = ReportKind.ANOMALIES

    def data(self) -> dict[str, object]:
        h = self.header
        return {
            "format": REPORT_FORMAT,
            "kind": self.kind.value,
            "contest": h.contest_id,
            "level": h.level.value,
            "region": h.region.code,
            "anomalies": [a.to_json() for a in self.anomalies],
            "selisih": {
                "official": self.official_loaded,
                "compared": self.compared,
                "pending": self.pending,
                "differences": [d.to_json() for d in self.differences],
            },
        }


@dataclass(frozen=True, slots=True)
class ProgressLine:
    """Entry states of a region: ``states`` counts forms per state, in :data:`STATES` order."""

    code: str
    name: str
    tps_total: int
    states: tuple[int, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "tps_total": self.tps_total,
            "states": dict(zip(STATES, self.states, strict=True)),
        }


@dataclass(frozen=True, slots=True)
class OperatorLine:
    """One operator's figures (services.entry.OperatorStats, as printed)."""

    user: str
    forms: int
    fields: int
    hours: float
    forms_per_hour: float
    keystrokes_per_hour: float
    mismatches: int
    mismatch_per_10k_fields: float

    def to_json(self) -> dict[str, object]:
        return {
            "user": self.user,
            "forms": self.forms,
            "fields": self.fields,
            "hours": self.hours,
            "forms_per_hour": self.forms_per_hour,
            "keystrokes_per_hour": self.keystrokes_per_hour,
            "mismatches": self.mismatches,
            "mismatch_per_10k_fields": self.mismatch_per_10k_fields,
        }


@dataclass(frozen=True)
class ProgressReport:
    """Entry progress of a region and the operators' figures."""

    header: ReportHeader
    lines: tuple[ProgressLine, ...]
    total: ProgressLine
    operators: tuple[OperatorLine, ...]
    kind: ReportKind = ReportKind.PROGRESS

    def data(self) -> dict[str, object]:
        h = self.header
        return {
            "format": REPORT_FORMAT,
            "kind": self.kind.value,
            "contest": h.contest_id,
            "level": h.level.value,
            "region": h.region.code,
            "rows": [ln.to_json() for ln in self.lines],
            "total": self.total.to_json(),
            "operators": [o.to_json() for o in self.operators],
        }


@dataclass(frozen=True, slots=True)
class QualityLine:
    """One difference of the blind re-key audit, as printed."""

    tps: str
    field: str
    final: int | None
    audit: int | None
    same_way: bool
    decision: str | None
    image: int | None

    def to_json(self) -> dict[str, object]:
        return {
            "tps": self.tps,
            "field": self.field,
            "final": self.final,
            "audit": self.audit,
            "same_way": self.same_way,
            "decision": self.decision,
            "image": self.image,
        }


@dataclass(frozen=True, slots=True)
class QualityDraw:
    seed: str
    fingerprint: str
    forms: int
    drawn_at: str
    drawn_by: str
    redraw: str


@dataclass(frozen=True)
class QualityReport:
    """The blind re-key audit of a contest ("Mutu data"): the residual error rate of the final
    records with its exact 95% interval (services/quality.py)."""

    header: ReportHeader
    forms: int
    fields: int
    errors: int
    undecided: int
    rate_per_10000: float
    ci95: tuple[float, float]
    lines: tuple[QualityLine, ...]
    draws: tuple[QualityDraw, ...]
    kind: ReportKind = ReportKind.QUALITY

    def data(self) -> dict[str, object]:
        h = self.header
        return {
            "format": REPORT_FORMAT,
            "kind": self.kind.value,
            "contest": h.contest_id,
            "level": h.level.value,
            "region": h.region.code,
            "forms": self.forms,
            "fields": self.fields,
            "errors": self.errors,
            "undecided": self.undecided,
            "rate_per_10000": self.rate_per_10000,
            "ci95": list(self.ci95),
            "differences": [ln.to_json() for ln in self.lines],
            "draws": [[d.seed, d.fingerprint, d.forms] for d in self.draws],
        }


Report = RecapReport | AnnexReport | AnomalyReport | ProgressReport | QualityReport


def fingerprint_of(report: Report) -> str:
    """The data fingerprint printed on every page of ``report``."""
    return data_fingerprint(report.data())


# --- building report data from a recap ---------------------------------------------------------


def _child_level(level: Level) -> Level:
    if level == Level.KECAMATAN:
        return Level.DESA
    if level == Level.KABUPATEN:
        return Level.KECAMATAN
    raise ValueError(f"a report covers a kecamatan or the kabupaten, not a {level.value}")


def _region_row(recap: Recap, level: Level, code: str) -> RecapRow:
    table = recap.table(level)
    try:
        return table.row(table.codes.index(code))
    except ValueError:
        raise ValueError(f"no {level.value} {dotted(code)} in this kabupaten") from None


def recap_report(
    recap: Recap,
    form: FormSpec,
    paslon: Sequence[Paslon],
    header: ReportHeader,
    repeats: Sequence[RepeatLine] = (),
) -> RecapReport:
    """The recap report of the header's region (a kecamatan or the kabupaten)."""
    code = header.region.code
    total = _region_row(recap, header.level, code)
    child = recap.table(_child_level(header.level))
    columns = tuple(child.row(i) for i, c in enumerate(child.codes) if c.startswith(code))
    mine = tuple(r for r in repeats if r.tps.startswith(code))
    return RecapReport(header, form, tuple(paslon), columns, total, repeats=mine)


def annex_report(
    recap: Recap,
    form: FormSpec,
    paslon: Sequence[Paslon],
    header: ReportHeader,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> AnnexReport:
    """The TPS annex of the header's region; ``notes`` are finding codes per TPS (optional)."""
    code = header.region.code
    total = _region_row(recap, header.level, code)
    tree = recap.tree
    listed = voters_on_list_field(form.field_ids)
    annex = [(listed if f == "I.A.4.J" else f, t) for f, t in ANNEX_FIELDS]
    wanted: list[tuple[str, str]] = [(f, t) for f, t in annex if f in form.field_index]
    names_of = {p.nomor_urut: p for p in paslon}
    for n in form.paslon_numbers:
        wanted.append((f"IV.{n}", f"Paslon {n}" if n in names_of else f"IV.{n}"))
    wanted.extend((f, t) for f, t in ANNEX_TAIL if f in form.field_index)
    cols = [recap.fields.index(f) for f, _ in wanted]
    bounds = (
        tree.kecamatan_tps_bounds()
        if header.level == Level.KECAMATAN
        else tree.tps_bounds(Level.KABUPATEN)
    )
    regions = [r.code for r in tree.kecamatan] if header.level == Level.KECAMATAN else [code]
    g = regions.index(code)
    a, b = int(bounds[g]), int(bounds[g + 1])
    values = recap.values[a:b][:, cols].tolist()
    states = recap.states[a:b].tolist()
    found = notes or {}
    lines = tuple(
        AnnexLine(
            tps,
            STATES[st],
            tuple(values[i]) if STATES[st] == "final" else None,
            tuple(sorted(set(found.get(tps, ())))),
        )
        for i, (tps, st) in enumerate(zip(tree.tps_ids[a:b], states, strict=True))
    )
    names = {r.code: r.name for r in (*tree.kecamatan, *tree.desa) if r.code.startswith(code)}
    return AnnexReport(
        header,
        tuple(f for f, _ in wanted),
        tuple(t for _, t in wanted),
        lines,
        names,
        total,
    )


def anomaly_report(
    recap: Recap,
    header: ReportHeader,
    anomalies: Sequence[Anomaly],
    differences: Sequence[Difference],
    *,
    official_loaded: bool,
    compared: int,
    pending: Sequence[str],
) -> AnomalyReport:
    """The anomalies and selisih of the header's region (filtered by its code)."""
    code = header.region.code
    tree = recap.tree
    names = {r.code: r.name for r in (*tree.kecamatan, *tree.desa) if r.code.startswith(code)}
    return AnomalyReport(
        header,
        tuple(a for a in anomalies if a.tps.startswith(code)),
        tuple(d for d in differences if d.tps.startswith(code)),
        official_loaded,
        compared,
        sum(1 for t in pending if t.startswith(code)),
        names,
    )


def progress_report(
    recap: Recap, header: ReportHeader, operators: Sequence[OperatorLine]
) -> ProgressReport:
    """Entry states per desa (of a kecamatan) or per kecamatan (of the kabupaten)."""
    code = header.region.code
    child = recap.table(_child_level(header.level))
    states = child.states.tolist()
    lines = tuple(
        ProgressLine(c, child.names[i], int(child.tps_total[i]), tuple(states[i]))
        for i, c in enumerate(child.codes)
        if c.startswith(code)
    )
    total_row = _region_row(recap, header.level, code)
    total = ProgressLine(
        total_row.code,
        total_row.name,
        total_row.tps_total,
        tuple(total_row.states[s] for s in STATES),
    )
    return ProgressReport(header, lines, total, tuple(operators))


# --- anomaly details in words ------------------------------------------------------------------


def _tps_words(tps: str) -> str:
    return dotted(tps)


def describe_anomaly(a: Anomaly) -> str:
    """One line of Indonesian for an anomaly's details (numbers with a decimal comma)."""
    d = a.detail
    if a.code == "OUTLIER":
        parts = []
        measures = d.get("measures", [])
        for m in measures if isinstance(measures, list) else []:
            if not isinstance(m, Mapping):
                continue
            what = (
                "partisipasi"
                if m.get("measure") == "turnout"
                else f"suara paslon {m.get('paslon')}"
            )
            parts.append(
                f"{what} {decimal(float(m.get('value', 0)))} "
                f"(median {decimal(float(m.get('median', 0)))}; z {decimal(float(m.get('z', 0)), 1)})"
            )
        return "; ".join(parts)
    if a.code == "DUPLICATE":
        others = d.get("others", [])
        scope = {"desa": "satu desa", "kecamatan": "satu kecamatan", "form": "seluruh formulir"}
        listed = ", ".join(_tps_words(str(o)) for o in (others if isinstance(others, list) else []))
        return f"sama dengan TPS {listed} ({scope.get(str(d.get('scope')), str(d.get('scope')))})"
    if a.code == "TURNOUT":
        text = f"suara paslon {number(int(str(d.get('votes', 0))))} dari DPT {number(int(str(d.get('dpt', 0))))}"
        text += f" (batas {number(int(str(d.get('dpt_limit', 0))))})"
        if "voters" in d:
            text += (
                f"; pengguna hak pilih {number(int(str(d['voters'])))} dari pemilih "
                f"{number(int(str(d.get('registered', 0))))}"
            )
        return text
    if a.code == "INVALID-SHARE":
        share = float(str(d.get("share", 0))) * 100
        return (
            f"tidak sah {number(int(str(d.get('invalid', 0))))} dari "
            f"{number(int(str(d.get('total', 0))))} ({decimal(share, 1)}%)"
        )
    if a.code == "LAST-DIGIT":
        p_text = f"{float(str(d.get('p', 0))):.1e}".replace(".", ",")
        # "chi²": the standard fonts' encoding (WinAnsi) has no Greek letters.
        return (
            f"{number(int(str(d.get('counts', 0))))} angka perolehan; "
            f"chi² {decimal(float(str(d.get('chi2', 0))))}; p {p_text}"
        )
    if d.get("source") == "form":
        fields = d.get("fields", [])
        params = d.get("params", {})
        text = "isian " + ", ".join(str(f) for f in (fields if isinstance(fields, list) else []))
        if isinstance(params, Mapping) and params:
            text += " (" + ", ".join(f"{k} {v}" for k, v in sorted(params.items())) + ")"
        return text
    return "; ".join(f"{k}: {v}" for k, v in sorted(d.items()))


# --- rendering: fonts, fast text -------------------------------------------------------------

SANS = "Helvetica"
SANS_BOLD = "Helvetica-Bold"
MONO_BOLD = "Courier-Bold"

_ESCAPES = {ord("("): "\\(", ord(")"): "\\)", ord("\\"): "\\\\"}


def _pdf_literal(s: str) -> str:
    """``s`` as the inside of a PDF literal string, in the standard fonts' WinAnsi encoding."""
    if s.isascii() and s.isprintable() and not any(c in s for c in "()\\"):
        return s
    out = []
    for b in s.encode("cp1252", "replace"):
        esc = _ESCAPES.get(b)
        if esc is not None:
            out.append(esc)
        elif 32 <= b < 127:
            out.append(chr(b))
        else:
            out.append(f"\\{b:03o}")
    return "".join(out)


class _Pen:
    """The text of one page as raw operators in one text object (see the module docstring)."""

    def __init__(
        self, canvas: Any, widths: dict[tuple[str, str], float], literals: dict[str, str]
    ) -> None:
        self._c = canvas
        self._ops: list[str] = []
        self._gfx: list[str] = []
        self._font: tuple[str, float] | None = None
        self._grey: float | None = None
        self._widths = widths
        self._literals = literals

    # Graphics: the tables' shading and rules, as raw operators too (reportlab formats each
    # coordinate of a ``line`` call through a slow pure-Python path).

    def fill_gray(self, gray: float) -> None:
        self._gfx.append(f"{gray:g} g")

    def stroke_gray(self, gray: float) -> None:
        self._gfx.append(f"{gray:g} G")

    def line_width(self, width: float) -> None:
        self._gfx.append(f"{width:g} w")

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._gfx.append(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S")

    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None:
        op = "B" if stroke and fill else ("f" if fill else "S")
        self._gfx.append(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re {op}")

    def width(self, s: str, font: str, size: float) -> float:
        key = (s, font)
        w = self._widths.get(key)
        if w is None:
            w = stringWidth(s, font, 1.0)
            self._widths[key] = w
        return w * size

    def fit(self, s: str, font: str, size: float, max_width: float) -> str:
        """``s``, cut with an ellipsis if it is wider than ``max_width``."""
        if self.width(s, font, size) <= max_width:
            return s
        while s and self.width(s + "…", font, size) > max_width:
            s = s[:-1]
        return s.rstrip() + "…" if s else ""

    def text(
        self,
        x: float,
        y: float,
        s: str,
        font: str = SANS,
        size: float = 7.5,
        align: Literal["l", "r", "c"] = "l",
        grey: float = 0.0,
    ) -> None:
        if not s:
            return
        if align != "l":
            w = self.width(s, font, size)
            x -= w if align == "r" else w / 2
        if self._font != (font, size):
            internal = self._c._doc.getInternalFontName(font)
            self._ops.append(f"{internal} {size:g} Tf")
            self._font = (font, size)
        if self._grey != grey:
            self._ops.append(f"{grey:g} g")
            self._grey = grey
        lit = self._literals.get(s)
        if lit is None:
            lit = _pdf_literal(s)
            self._literals[s] = lit
        self._ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm ({lit}) Tj")

    def flush(self) -> None:
        """Write the page's graphics, then its text, each in its own saved graphics state (so
        reportlab's idea of the current colours stays true)."""
        if self._gfx:
            self._c.addLiteral("q\n" + "\n".join(self._gfx) + "\nQ")
        if self._ops:
            self._c.addLiteral("q\nBT\n" + "\n".join(self._ops) + "\nET\nQ")
        self._ops = []
        self._gfx = []
        self._font = None
        self._grey = None


def _wrap(pen: _Pen, text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of ``width`` (the last cut)."""
    words = text.split()
    out: list[str] = []
    cur = ""
    for w in words:
        trial = f"{cur} {w}".strip()
        if pen.width(trial, font, size) <= width or not cur:
            cur = trial
        else:
            out.append(cur)
            cur = w
    if cur:
        out.append(cur)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [pen.fit(s, font, size, width) for s in out]


# --- rendering: the page frame -----------------------------------------------------------------

MARGIN_X = 28.0
MARGIN_TOP = 22.0
MARGIN_BOTTOM = 18.0
HEADER_H = 80.0
FOOTER_H = 54.0
GAP = 8.0


@dataclass(frozen=True, slots=True)
class SignatureField:
    """Where a digital signature goes: its field name, page (0-based) and box (PDF points,
    x1, y1, x2, y2); ``box`` None for an invisible field."""

    name: str
    page: int
    box: tuple[float, float, float, float] | None


SIGNATURE_FIELD = "kamarhitung"
"""The field the workspace key signs (visible, on the last page)."""
PROVINCE_FIELD = "provinsi"
"""An empty, invisible field created with it, for a later countersignature by the province."""


@dataclass(frozen=True)
class RenderedReport:
    """A report as PDF bytes, with what signing and the audit need."""

    pdf: bytes
    pages: int
    fingerprint: str
    kind: ReportKind
    draft: bool
    signature_fields: tuple[SignatureField, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


@dataclass
class _Page:
    """What a block draws with: the canvas, the page's text pen, the page's frame."""

    canvas: Any
    pen: _Pen
    index: int
    width: float
    height: float
    fields: list[SignatureField]

    @property
    def left(self) -> float:
        return MARGIN_X

    @property
    def right(self) -> float:
        return self.width - MARGIN_X

    @property
    def body_top(self) -> float:
        return self.height - MARGIN_TOP - HEADER_H

    @property
    def body_bottom(self) -> float:
        return MARGIN_BOTTOM + FOOTER_H + GAP


def body_height(paper: str) -> float:
    """The height a page leaves for the report's content, in points."""
    _, h = PAPERS[paper]
    return h - MARGIN_TOP - HEADER_H - MARGIN_BOTTOM - FOOTER_H - GAP


def body_width(paper: str) -> float:
    w, _ = PAPERS[paper]
    return w - 2 * MARGIN_X


class _Block(ABC):
    """A piece of a page: a fixed height, drawn from a top edge over the body's width."""

    height: float = 0.0
    page_break_before: bool = False

    @abstractmethod
    def draw(self, page: _Page, top: float) -> None:
        """Draw the block with its top edge at ``top``."""


class _Flow(ABC):
    """Content that may be split across pages (a table)."""

    @abstractmethod
    def split(self, avail: float, fresh_page: bool) -> tuple[_Block | None, _Flow | None]:
        """The part that fits in ``avail`` points and the rest; (None, self) when nothing fits
        here (then a fresh page is tried)."""


Item = _Block | _Flow


def _paginate(items: Sequence[Item], avail_h: float) -> list[list[_Block]]:
    """Place blocks and flows on pages top-down (blocks are never split)."""
    pages: list[list[_Block]] = [[]]
    used = 0.0

    def new_page() -> None:
        nonlocal used
        pages.append([])
        used = 0.0

    for item in items:
        if isinstance(item, _Block):
            need = item.height + (GAP if pages[-1] else 0.0)
            if pages[-1] and (item.page_break_before or used + need > avail_h):
                new_page()
                need = item.height
            pages[-1].append(item)
            used += need
            continue
        rest: _Flow | None = item
        while rest is not None:
            gap = GAP if pages[-1] else 0.0
            part, rest2 = rest.split(avail_h - used - gap, fresh_page=not pages[-1])
            if part is None:
                if not pages[-1]:
                    raise ValueError("a table row is taller than a page")
                new_page()
                continue
            pages[-1].append(part)
            used += part.height + gap
            rest = rest2
            if rest is not None:
                new_page()
    return [p for p in pages if p] or [[]]


# --- header, footer, watermark -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Titles:
    code: str
    title: str


def _titles(report: Report) -> _Titles:
    h = report.header
    at = "KECAMATAN" if h.level == Level.KECAMATAN else "KABUPATEN/KOTA"
    d_code = d_form_code(h.form_code, h.level)
    if report.kind == ReportKind.RECAP:
        return _Titles(d_code, f"REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DI TINGKAT {at}")
    if report.kind == ReportKind.ANNEX:
        return _Titles(
            f"LAMPIRAN {d_code.removeprefix('MODEL ')}",
            f"LAMPIRAN: HASIL PENGHITUNGAN PER TPS DI TINGKAT {at}",
        )
    if report.kind == ReportKind.ANOMALIES:
        return _Titles("KAMAR HITUNG · ANOMALI", f"LAPORAN ANOMALI DAN SELISIH DI TINGKAT {at}")
    if report.kind == ReportKind.QUALITY:
        return _Titles("KAMAR HITUNG · MUTU DATA", "MUTU DATA: AUDIT ENTRI ULANG BUTA")
    return _Titles("KAMAR HITUNG · KEMAJUAN", f"LAPORAN KEMAJUAN ENTRI DAN KINERJA OPERATOR · {at}")


def _draw_header(page: _Page, report: Report, titles: _Titles, total_pages: int) -> None:
    c, pen = page.canvas, page.pen
    h = report.header
    top = page.height - MARGIN_TOP
    left, right = page.left, page.right
    mid = (left + right) / 2
    # The form code in a box at the left, as printed forms carry it.
    code_w = pen.width(titles.code, SANS_BOLD, 8) + 10
    c.setLineWidth(0.8)
    c.setStrokeGray(0)
    c.rect(left, top - 15, code_w, 14, stroke=1, fill=0)
    pen.text(left + 5, top - 11, titles.code, SANS_BOLD, 8)
    page_text = f"Halaman {page.index + 1} dari {total_pages}"
    pen.text(right, top - 11, page_text, SANS_BOLD, 8, "r")
    # The title is centred on the page unless it would touch the form code or the page number.
    size = 10.5
    room_l, room_r = left + code_w + 10, right - pen.width(page_text, SANS_BOLD, 8) - 10
    while size > 7 and pen.width(titles.title, SANS_BOLD, size) > room_r - room_l:
        size -= 0.25
    half = pen.width(titles.title, SANS_BOLD, size) / 2
    title_x = min(max(mid, room_l + half), room_r - half)
    pen.text(title_x, top - 12, titles.title, SANS_BOLD, size, "c")
    pen.text(mid, top - 25, h.contest_name.upper(), SANS_BOLD, 9, "c")
    pen.text(mid, top - 36, pen.fit(h.election, SANS, 7.5, 420), SANS, 7.5, "c")
    # The region at the left, the state at the right.
    rows: list[tuple[str, str]] = [
        ("PROVINSI", h.provinsi.label),
        ("KABUPATEN/KOTA", h.kabupaten.label),
    ]
    if h.level == Level.KECAMATAN:
        rows.append(("KECAMATAN", h.region.label))
    y = top - 49
    for label, value in rows:
        pen.text(left, y, label, SANS, 7.5)
        pen.text(left + 72, y, ":", SANS, 7.5)
        pen.text(left + 78, y, pen.fit(value, SANS_BOLD, 7.5, 300), SANS_BOLD, 7.5)
        y -= 10
    box_w, box_h = 200.0, 22.0
    bx, by = right - box_w, top - 64
    if h.finalisation is None:
        c.setStrokeColorRGB(0.70, 0.10, 0.10)
        c.setLineWidth(1.2)
        c.rect(bx, by, box_w, box_h, stroke=1, fill=0)
        pen.text(bx + box_w / 2, by + 12, "DRAF", SANS_BOLD, 9, "c")
        pen.text(bx + box_w / 2, by + 4, "belum difinalisasi supervisor", SANS, 6.5, "c")
    else:
        c.setStrokeColorRGB(0.10, 0.45, 0.15)
        c.setLineWidth(1.2)
        c.rect(bx, by, box_w, box_h, stroke=1, fill=0)
        pen.text(bx + box_w / 2, by + 12, "FINAL", SANS_BOLD, 9, "c")
        fin = h.finalisation
        pen.text(
            bx + box_w / 2,
            by + 4,
            pen.fit(
                f"difinalisasi {fin.by}, {_when_iso(fin.at, h.provinsi.code)}", SANS, 6.5, box_w - 6
            ),
            SANS,
            6.5,
            "c",
        )
    pen.text(
        right,
        top - 73,
        f"Dibuat: {_when(h.generated_at, h.provinsi.code)}",
        SANS,
        6.5,
        "r",
        grey=0.25,
    )
    c.setStrokeGray(0)
    c.setLineWidth(0.8)
    c.line(left, top - HEADER_H + 2, right, top - HEADER_H + 2)


QR_SIZE = 50.0


def _qr_form(canvas: Any, fingerprint: str) -> None:
    """Define the QR code of the fingerprint once, as a form XObject every page reuses: the
    encoder's modules as rectangles (one per run of dark modules in a row), level M."""
    # Imported here: the barcode package imports every symbology (~0.3 s), and this module
    # is imported by the entry service (for the freeze check) where no QR code is drawn.
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(fingerprint)
    qr.make()
    n = qr.getModuleCount()
    border = 1
    box = QR_SIZE / (n + 2 * border)
    ops = ["0 g"]
    for r, row in enumerate(qr.modules):
        col = 0
        for dark, run in itertools.groupby(bool(m) for m in row):
            count = len(list(run))
            if dark:
                x = (col + border) * box
                y = QR_SIZE - (r + border + 1) * box
                ops.append(f"{x:.3f} {y:.3f} {count * box:.3f} {box:.3f} re")
            col += count
    ops.append("f")
    canvas.beginForm("fingerprint-qr", lowerx=0, lowery=0, upperx=QR_SIZE, uppery=QR_SIZE)
    canvas.addLiteral("\n".join(ops))
    canvas.endForm()


def _draw_footer(page: _Page, report: Report, fingerprint: str, form_code: str) -> None:
    c, pen = page.canvas, page.pen
    left, right = page.left, page.right
    base = MARGIN_BOTTOM
    top = base + FOOTER_H
    c.setStrokeGray(0)
    c.setLineWidth(0.8)
    c.line(left, top, right, top)
    pen.text(left, top - 9, "SIDIK DATA (SHA-256)", SANS_BOLD, 7)
    groups = fingerprint_groups(fingerprint)
    step = 31.0
    for row in range(2):
        for i in range(8):
            n = row * 8 + i
            x = left + i * step
            y = top - 30 - row * 20
            pen.text(x + 11, y + 9.5, str(n + 1), SANS, 5, "c", grey=0.45)
            pen.text(x, y, groups[n], MONO_BOLD, 9)
    nx = left + 8 * step + 14
    notes = [
        "Sidik dihitung dari data yang tercetak pada laporan ini (format kamarhitung-report/1).",
        "Saat impor, provinsi dapat meminta dua kelompok bernomor untuk mencocokkan kertas dengan berkas.",
        DISCLAIMER.format(form=form_code),
        f"Dibuat dengan {report.header.software}.",
    ]
    if report.header.audit_head:
        notes.append(f"Kepala rantai audit: {report.header.audit_head}")
    y = top - 12
    qr_x = right - QR_SIZE
    for line in notes:
        pen.text(nx, y, pen.fit(line, SANS, 6.3, qr_x - nx - 8), SANS, 6.3, grey=0.2)
        y -= 9
    c.saveState()
    c.translate(qr_x, base + 1)
    c.doForm("fingerprint-qr")
    c.restoreState()


def _draw_watermark(page: _Page) -> None:
    c = page.canvas
    c.saveState()
    c.setFillColorRGB(0.75, 0.12, 0.12)
    c.setFillAlpha(0.12)
    c.translate(page.width / 2, (page.body_top + page.body_bottom) / 2)
    c.rotate(25)
    c.setFont(SANS_BOLD, 190)
    c.drawCentredString(0, -65, "DRAF")
    c.restoreState()


# --- the D.HASIL grid ----------------------------------------------------------------------------

LINE_H = 12.0
GRID_HEAD_TIER1 = 12.0
GRID_HEAD_TIER2 = 28.0
GRID_HEAD_H = GRID_HEAD_TIER1 + GRID_HEAD_TIER2
LABEL_W = 212.0
SUB_W = 24.0
TOTAL_W = 64.0
COL_MIN = 46.0
COL_MAX = 84.0
LPJ_WORDS = {"L": "L", "P": "P", "J": "L+P"}


@dataclass(frozen=True, slots=True)
class _GridLine:
    kind: Literal["section", "row"]
    label: str
    sub: str = ""
    key: str = ""
    """Field id, or ``#tps_total`` / ``#tps_final`` for the coverage lines."""
    bold: bool = False
    span: int = 1
    """Lines the label spans (3 for the first line of an L/P/J row, 0 for the two below)."""


def _grid_units(form: FormSpec, paslon: Sequence[Paslon]) -> list[list[_GridLine]]:
    """The lines of the grid grouped by the form's top-level sections (I, II, ...): pages
    break between these groups, as the printed D.HASIL's sheets do. Coverage comes first."""
    units: list[list[_GridLine]] = [
        [
            _GridLine("section", "DATA TPS"),
            _GridLine("row", "Jumlah TPS", key="#tps_total"),
            _GridLine("row", "TPS yang masuk rekapitulasi (final)", key="#tps_final", bold=True),
        ]
    ]
    names = {p.nomor_urut: p for p in paslon}
    kolom_kosong = any(p.is_kolom_kosong for p in paslon)
    current = ""
    for sec in form.template.sections:
        top = sec.id.split(".")[0]
        if top != current or not units:
            units.append([])
            current = top
        unit = units[-1]
        unit.append(_GridLine("section", sec.title_for(kolom_kosong)))
        if sec.kind == "paslon":
            for n in form.paslon_numbers:
                p = names.get(n)
                label = f"{n}. {p.names()}" if p else f"Nomor urut {n}"
                unit.append(_GridLine("row", label, key=f"{sec.id}.{n}"))
            continue
        for row in sec.rows:
            if sec.kind == "lpj":
                for i, col in enumerate(LPJ):
                    unit.append(
                        _GridLine(
                            "row",
                            row.label if i == 0 else "",
                            LPJ_WORDS[col],
                            f"{row.id}.{col}",
                            bold=col == "J",
                            span=3 if i == 0 else 0,
                        )
                    )
            else:
                unit.append(_GridLine("row", row.label, key=row.id))
    # The coverage joins the first section's sheet.
    if len(units) > 1:
        units[1] = units[0] + units[1]
        del units[0]
    return units


def _bands(units: list[list[_GridLine]], max_lines: int) -> list[list[_GridLine]]:
    """Whole top-level sections packed into page-high bands; a section longer than a page is cut
    between rows (never inside an L/P/J row)."""
    bands: list[list[_GridLine]] = []
    cur: list[_GridLine] = []
    for unit in units:
        if cur and len(cur) + len(unit) > max_lines:
            bands.append(cur)
            cur = []
        for ln in unit:
            if len(cur) >= max_lines or (
                ln.span == 3 and len(cur) + 3 > max_lines and len(cur) > 0
            ):
                bands.append(cur)
                cur = []
            cur.append(ln)
    if cur:
        bands.append(cur)
    return bands


def _chunks(n: int, width: float) -> list[tuple[int, int]]:
    """Column ranges per page for ``n`` region columns; the last range also holds the total."""
    room = width - LABEL_W - SUB_W
    cap = max(1, int(room // COL_MIN))
    cap_last = max(1, int((room - TOTAL_W) // COL_MIN))
    if n <= cap_last:
        return [(0, n)]
    pages = 2
    while (pages - 1) * cap + cap_last < n:
        pages += 1
    # As even as the pages allow; the total's page holds at most ``cap_last`` columns.
    last = min(cap_last, math.ceil(n / pages))
    rest = n - last
    base, extra = divmod(rest, pages - 1)
    out = []
    a = 0
    for p in range(pages - 1):
        b = a + base + (1 if p < extra else 0)
        out.append((a, b))
        a = b
    out.append((a, n))
    return out


class _GridBlock(_Block):
    """One page of the recap grid: a band of lines over a chunk of region columns."""

    def __init__(
        self,
        report: RecapReport,
        lines: list[_GridLine],
        cols: tuple[int, int],
        n_cols: int,
        with_total: bool,
        first: bool,
    ) -> None:
        self.report = report
        self.lines = lines
        self.cols = cols
        self.n_cols = n_cols
        self.with_total = with_total
        self.page_break_before = not first
        self.height = GRID_HEAD_H + LINE_H * len(lines)

    @staticmethod
    def _value(row: RecapRow, key: str) -> int:
        if key == "#tps_total":
            return row.tps_total
        if key == "#tps_final":
            return row.tps_final
        return row.values[key]

    def draw(self, page: _Page, top: float) -> None:
        g = pen = page.pen
        rep = self.report
        level = rep.header.level
        a, b = self.cols
        cols = rep.columns[a:b]
        x0 = page.left
        room = page.right - x0 - LABEL_W - SUB_W - (TOTAL_W if self.with_total else 0.0)
        cw = min(COL_MAX, room / max(1, len(cols)))
        xs = [x0, x0 + LABEL_W, x0 + LABEL_W + SUB_W]
        for _ in cols:
            xs.append(xs[-1] + cw)
        if self.with_total:
            xs.append(xs[-1] + TOTAL_W)
        x_end = xs[-1]
        bottom = top - self.height
        # Shading first: the heading, section lines, the total column.
        g.fill_gray(0.90)
        g.rect(x0, top - GRID_HEAD_H, x_end - x0, GRID_HEAD_H, stroke=0, fill=1)
        y = top - GRID_HEAD_H
        g.fill_gray(0.955)
        for ln in self.lines:
            if ln.kind == "section":
                g.rect(x0, y - LINE_H, x_end - x0, LINE_H, stroke=0, fill=1)
            y -= LINE_H
        if self.with_total:
            g.fill_gray(0.965)
            g.rect(xs[-2], bottom, TOTAL_W, self.height - GRID_HEAD_H, stroke=0, fill=1)
        # Rules: thin below every line (inside an L/P/J row only right of its label, which
        # spans the three lines), heavier above each section and each L/P/J row.
        g.stroke_gray(0.55)
        g.line_width(0.3)
        y = top - GRID_HEAD_H
        for below in self.lines[1:]:
            y -= LINE_H
            g.line(xs[1] if below.span == 0 else x0, y, x_end, y)
        g.stroke_gray(0)
        g.line_width(0.6)
        y = top - GRID_HEAD_H
        for ln in self.lines:
            if ln.kind == "section" or ln.span == 3:
                g.line(x0, y, x_end, y)
            y -= LINE_H
        # Column rules stop at section lines, whose titles run across the table.
        spans: list[tuple[float, float]] = []
        y = top - GRID_HEAD_H
        seg_top = y
        for ln in self.lines:
            if ln.kind == "section":
                if seg_top > y:
                    spans.append((seg_top, y))
                seg_top = y - LINE_H
            y -= LINE_H
        if seg_top > y:
            spans.append((seg_top, y))
        g.stroke_gray(0.35)
        g.line_width(0.35)
        for x in xs[3:-1]:
            g.line(x, top - GRID_HEAD_TIER1, x, top - GRID_HEAD_H)
            for a_y, b_y in spans:
                g.line(x, a_y, x, b_y)
        g.stroke_gray(0)
        g.line_width(0.6)
        heavy = [xs[1], xs[2], *([xs[-2]] if self.with_total else [])]
        for x in heavy:
            g.line(x, top, x, top - GRID_HEAD_H)
            for a_y, b_y in spans:
                g.line(x, a_y, x, b_y)
        g.line(x0, top - GRID_HEAD_H, x_end, top - GRID_HEAD_H)
        g.line(
            xs[2],
            top - GRID_HEAD_TIER1,
            xs[-2] if self.with_total else x_end,
            top - GRID_HEAD_TIER1,
        )
        g.line_width(0.9)
        g.rect(x0, bottom, x_end - x0, self.height, stroke=1, fill=0)
        # The heading.
        what = "DESA/KELURAHAN" if level == Level.KECAMATAN else "KECAMATAN"
        if self.n_cols > len(cols):
            what += f" (kolom {a + 1}–{b} dari {self.n_cols})"
        data_right = xs[-2] if self.with_total else x_end
        pen.text((xs[2] + data_right) / 2, top - 9, what, SANS_BOLD, 7, "c")
        pen.text(x0 + LABEL_W / 2, top - GRID_HEAD_H / 2 - 2.5, "URAIAN", SANS_BOLD, 7.5, "c")
        if self.with_total:
            total_mid = xs[-2] + TOTAL_W / 2
            pen.text(total_mid, top - 16, "JUMLAH", SANS_BOLD, 7.5, "c")
            pen.text(
                total_mid,
                top - 25,
                "KECAMATAN" if level == Level.KECAMATAN else "KAB./KOTA",
                SANS_BOLD,
                6.5,
                "c",
            )
        for i, col in enumerate(cols):
            left = xs[3 + i - 1]
            mid = left + cw / 2
            names = _wrap(pen, col.name, SANS_BOLD, 6.3, cw - 4, 2)
            ny = top - GRID_HEAD_TIER1 - 9
            for nm in names:
                pen.text(mid, ny, nm, SANS_BOLD, 6.3, "c")
                ny -= 7.5
            short = col.code[KECAMATAN_LEN:] if level == Level.KECAMATAN else dotted(col.code)
            pen.text(mid, top - GRID_HEAD_H + 3, short, SANS, 5.5, "c", grey=0.35)
        # The lines.
        y = top - GRID_HEAD_H
        for ln in self.lines:
            base = y - LINE_H + 3.6
            if ln.kind == "section":
                pen.text(
                    x0 + 4, base, pen.fit(ln.label, SANS_BOLD, 7.3, x_end - x0 - 8), SANS_BOLD, 7.3
                )
                y -= LINE_H
                continue
            if ln.span == 3:
                span_lines = _wrap(pen, ln.label, SANS, 7.2, LABEL_W - 10, 3)
                ly = y - (3 * LINE_H - len(span_lines) * 9) / 2 - 7
                for s in span_lines:
                    pen.text(x0 + 6, ly, s, SANS, 7.2)
                    ly -= 9
            elif ln.span == 1:
                label_font = SANS_BOLD if ln.bold and ln.key.startswith("#") else SANS
                pen.text(
                    x0 + 6, base, pen.fit(ln.label, label_font, 7.2, LABEL_W - 10), label_font, 7.2
                )
            if ln.sub:
                pen.text(xs[1] + SUB_W / 2, base, ln.sub, SANS_BOLD if ln.bold else SANS, 6.8, "c")
            font = SANS_BOLD if ln.bold else SANS
            for i, col in enumerate(cols):
                pen.text(xs[3 + i] - 3, base, number(self._value(col, ln.key)), font, 7.4, "r")
            if self.with_total:
                pen.text(
                    x_end - 3, base, number(self._value(rep.total, ln.key)), SANS_BOLD, 7.4, "r"
                )
            y -= LINE_H


def _recap_items(report: RecapReport, paper: str) -> list[Item]:
    avail = body_height(paper)
    max_lines = int((avail - GRID_HEAD_H) // LINE_H)
    bands = _bands(_grid_units(report.form, report.paslon), max_lines)
    n = len(report.columns)
    chunks = _chunks(max(n, 1), body_width(paper)) if n else [(0, 0)]
    items: list[Item] = []
    for bi, band in enumerate(bands):
        for ci, (a, b) in enumerate(chunks):
            items.append(
                _GridBlock(report, band, (a, min(b, n)), n, ci == len(chunks) - 1, bi == ci == 0)
            )
    if report.repeats:
        cols = [
            _Col("No", 2.0, "r"),
            _Col("TPS", 7.5),
            _Col("Jenis", 10.0),
            _Col("Dasar keputusan", 17.5),
            _Col("Alasan", 12.5),
            _Col("Dicatat", 9.5),
            _Col("Formulir baru", 5.0),
        ]
        rows = [
            _Row(
                (
                    str(i),
                    dotted(r.tps),
                    f"{r.kind} ({REPEAT_NAMES.get(r.kind, r.kind)})",
                    r.reference,
                    r.reason,
                    _when_iso(r.marked_at, report.header.provinsi.code),
                    r.state,
                )
            )
            for i, r in enumerate(report.repeats, 1)
        ]
        caption = "TPS DENGAN PEMUNGUTAN SUARA ULANG, LANJUTAN ATAU SUSULAN (hasil formulir baru)"
        items.append(_TableFlow(caption, cols, rows, body_width(paper)))
    return items


# --- generic tables --------------------------------------------------------------------------

ROW_H = 11.0
HEAD_H = 22.0
CAPTION_H = 16.0


@dataclass(frozen=True, slots=True)
class _Col:
    title: str
    weight: float
    align: Literal["l", "r", "c"] = "l"


@dataclass(frozen=True, slots=True)
class _Row:
    cells: tuple[str, ...]
    style: Literal["normal", "group", "total"] = "normal"


class _TableBlock(_Block):
    def __init__(
        self, caption: str | None, cols: Sequence[_Col], rows: Sequence[_Row], widths: list[float]
    ) -> None:
        self.caption = caption
        self.cols = cols
        self.rows = rows
        self.widths = widths
        self.height = (CAPTION_H if caption else 0.0) + HEAD_H + ROW_H * len(rows)

    def draw(self, page: _Page, top: float) -> None:
        g = pen = page.pen
        x0 = page.left
        if self.caption:
            pen.text(x0, top - 11, self.caption, SANS_BOLD, 8.5)
            top -= CAPTION_H
        xs = [x0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        x_end = xs[-1]
        bottom = top - HEAD_H - ROW_H * len(self.rows)
        g.fill_gray(0.90)
        g.rect(x0, top - HEAD_H, x_end - x0, HEAD_H, stroke=0, fill=1)
        y = top - HEAD_H
        for r in self.rows:
            if r.style == "group":
                g.fill_gray(0.955)
                g.rect(x0, y - ROW_H, x_end - x0, ROW_H, stroke=0, fill=1)
            elif r.style == "total":
                g.fill_gray(0.93)
                g.rect(x0, y - ROW_H, x_end - x0, ROW_H, stroke=0, fill=1)
            y -= ROW_H
        g.stroke_gray(0.6)
        g.line_width(0.3)
        y = top - HEAD_H
        for _ in self.rows[:-1]:
            y -= ROW_H
            g.line(x0, y, x_end, y)
        g.stroke_gray(0.4)
        y = top - HEAD_H
        # Column rules stop at group rows (their text spans the table).
        segments: list[tuple[float, float]] = []
        seg_top = y
        for r in self.rows:
            if r.style == "group":
                if seg_top > y:
                    segments.append((seg_top, y))
                seg_top = y - ROW_H
            y -= ROW_H
        if seg_top > y:
            segments.append((seg_top, y))
        for x in xs[1:-1]:
            g.line(x, top, x, top - HEAD_H)
            for s_top, s_bottom in segments:
                g.line(x, s_top, x, s_bottom)
        g.stroke_gray(0)
        g.line_width(0.6)
        g.line(x0, top - HEAD_H, x_end, top - HEAD_H)
        g.line_width(0.9)
        g.rect(x0, bottom, x_end - x0, top - bottom, stroke=1, fill=0)
        for i, col in enumerate(self.cols):
            lines = _wrap(pen, col.title, SANS_BOLD, 6.6, self.widths[i] - 4, 2)
            ty = top - HEAD_H / 2 + (len(lines) - 1) * 3.8 - 2.3
            for s in lines:
                pen.text((xs[i] + xs[i + 1]) / 2, ty, s, SANS_BOLD, 6.6, "c")
                ty -= 7.6
        y = top - HEAD_H
        for r in self.rows:
            base = y - ROW_H + 3.3
            if r.style == "group":
                pen.text(
                    x0 + 4, base, pen.fit(r.cells[0], SANS_BOLD, 7, x_end - x0 - 8), SANS_BOLD, 7
                )
                y -= ROW_H
                continue
            font = SANS_BOLD if r.style == "total" else SANS
            for i, cell in enumerate(r.cells):
                if not cell:
                    continue
                al = self.cols[i].align
                w = self.widths[i] - 6
                s = pen.fit(cell, font, 7, w)
                if al == "r":
                    pen.text(xs[i + 1] - 3, base, s, font, 7, "r")
                elif al == "c":
                    pen.text((xs[i] + xs[i + 1]) / 2, base, s, font, 7, "c")
                else:
                    pen.text(xs[i] + 3, base, s, font, 7)
            y -= ROW_H


class _TableFlow(_Flow):
    """A table that continues on the next page with its column heading repeated."""

    def __init__(
        self,
        caption: str | None,
        cols: Sequence[_Col],
        rows: Sequence[_Row],
        width: float,
        empty_text: str = "Tidak ada.",
        widths: list[float] | None = None,
    ) -> None:
        self.caption = caption
        self.cols = cols
        self.rows = list(rows) if rows else [_Row((empty_text,), "group")]
        total = sum(c.weight for c in cols)
        self.widths = widths or [width * c.weight / total for c in cols]

    def split(self, avail: float, fresh_page: bool) -> tuple[_Block | None, _Flow | None]:
        cap = CAPTION_H if self.caption else 0.0
        n = int((avail - cap - HEAD_H) // ROW_H)
        want = min(len(self.rows), 3)
        if n < want:
            return None, self
        n = min(n, len(self.rows))
        # A group row does not end a page: it goes with the lines it heads.
        while n < len(self.rows) and n > 1 and self.rows[n - 1].style == "group":
            n -= 1
        block = _TableBlock(self.caption, self.cols, self.rows[:n], self.widths)
        if n >= len(self.rows):
            return block, None
        caption = f"{self.caption} (lanjutan)" if self.caption else None
        return block, _TableFlow(caption, self.cols, self.rows[n:], 0.0, widths=self.widths)


class _TextBlock(_Block):
    def __init__(self, lines: Sequence[str], size: float = 7.5, bold_first: bool = False) -> None:
        self.lines = list(lines)
        self.size = size
        self.bold_first = bold_first
        self.height = 4 + len(lines) * (size + 3.5)

    def draw(self, page: _Page, top: float) -> None:
        y = top - self.size - 1
        for i, s in enumerate(self.lines):
            font = SANS_BOLD if self.bold_first and i == 0 else SANS
            page.pen.text(
                page.left,
                y,
                page.pen.fit(s, font, self.size, page.right - page.left),
                font,
                self.size,
            )
            y -= self.size + 3.5


# --- the closing block: signatures ---------------------------------------------------------------

CLOSING_H = 112.0
DIGITAL_W = 168.0


class _ClosingBlock(_Block):
    """Paper signatures (Ketua, Anggota; one saksi per candidate pair) and the digital one's box."""

    def __init__(self, report: Report, paslon: Sequence[int]) -> None:
        self.report = report
        self.paslon = list(paslon)
        self.height = CLOSING_H

    def draw(self, page: _Page, top: float) -> None:
        c, pen = page.canvas, page.pen
        left, right = page.left, page.right
        kab = self.report.header.kabupaten.name
        what = "rekapitulasi" if self.report.kind == ReportKind.RECAP else "laporan"
        pen.text(
            left,
            top - 9,
            f"Dibuat di {kab}, tanggal ............................................ "
            f"Kami yang bertanda tangan di bawah ini menyatakan telah memeriksa {what} ini.",
            SANS,
            7.2,
        )
        box_top = top - 30
        box_h = 74.0
        area = right - left - DIGITAL_W - 18
        team = ["KETUA", "ANGGOTA", "ANGGOTA"]
        saksi = [f"Paslon nomor urut {n}" for n in self.paslon]
        n_boxes = len(team) + len(saksi)
        gap_groups = 10.0
        bw = min(96.0, (area - gap_groups - 4 * (n_boxes - 1)) / max(1, n_boxes))
        x = left
        pen.text(left, box_top + 5, "TIM KAMAR HITUNG", SANS_BOLD, 7)
        c.setStrokeGray(0)
        c.setLineWidth(0.6)

        def box(x: float, title: str, sub: str) -> None:
            c.rect(x, box_top - box_h, bw, box_h, stroke=1, fill=0)
            pen.text(
                x + bw / 2, box_top - 10, pen.fit(title, SANS_BOLD, 7, bw - 4), SANS_BOLD, 7, "c"
            )
            if sub:
                pen.text(x + bw / 2, box_top - 18, pen.fit(sub, SANS, 6.3, bw - 4), SANS, 6.3, "c")
            pen.text(
                x + bw / 2,
                box_top - box_h + 14,
                "( .................................. )",
                SANS,
                6.5,
                "c",
            )
            pen.text(x + 4, box_top - box_h + 4, "Nama:", SANS, 5.8, grey=0.35)

        for title in team:
            box(x, title, "")
            x += bw + 4
        x += gap_groups - 4
        if saksi:
            pen.text(x, box_top + 5, "SAKSI PASANGAN CALON", SANS_BOLD, 7)
        for s in saksi:
            box(x, "SAKSI", s)
            x += bw + 4
        # The digital signature's box: pyHanko draws the stamp into this field when signing.
        dx1 = right - DIGITAL_W
        dy1 = box_top - box_h
        # Left empty: the stamp has no background, so text here would show through it.
        pen.text(dx1, box_top + 5, "TANDA TANGAN DIGITAL (PAdES)", SANS_BOLD, 7)
        c.saveState()
        c.setDash(2, 2)
        c.setStrokeGray(0.45)
        c.rect(dx1, dy1, DIGITAL_W, box_h, stroke=1, fill=0)
        c.restoreState()
        page.fields.append(
            SignatureField(SIGNATURE_FIELD, page.index, (dx1, dy1, dx1 + DIGITAL_W, box_top))
        )
        page.fields.append(SignatureField(PROVINCE_FIELD, page.index, None))


# --- the other kinds' content ------------------------------------------------------------------


def _annex_items(report: AnnexReport, paper: str) -> list[Item]:
    width = body_width(paper)
    cols = [
        _Col("No", 2.2, "r"),
        _Col("Kode TPS", 8.0),
        _Col("Status", 7.0),
        *(_Col(t, 5.2, "r") for t in report.headings),
        _Col("Catatan (temuan)", 9.5),
    ]
    rows: list[_Row] = []
    names = report.names
    kec = ""
    desa = ""
    dash = ["–"] * len(report.fields)
    for i, ln in enumerate(report.lines, 1):
        if report.header.level == Level.KABUPATEN and ln.tps[:KECAMATAN_LEN] != kec:
            kec = ln.tps[:KECAMATAN_LEN]
            rows.append(_Row((f"KECAMATAN {names.get(kec, '')} ({dotted(kec)})",), "group"))
        if ln.tps[:DESA_LEN] != desa:
            desa = ln.tps[:DESA_LEN]
            rows.append(_Row((f"Desa/Kelurahan {names.get(desa, '')} ({dotted(desa)})",), "group"))
        vals = [number(v) for v in ln.values] if ln.values is not None else dash
        rows.append(
            _Row(
                (
                    str(i),
                    dotted(ln.tps),
                    STATE_WORDS.get(ln.state, ln.state),
                    *vals,
                    ", ".join(ln.notes),
                )
            )
        )
    total = report.total
    rows.append(
        _Row(
            (
                "",
                "JUMLAH",
                f"{number(total.tps_final)}/{number(total.tps_total)} final",
                *(number(total.values[f]) for f in report.fields),
                "",
            ),
            "total",
        )
    )
    intro = _TextBlock(
        [
            "Setiap baris adalah satu TPS. Angka hanya dicetak untuk TPS yang final (kedua entri sama "
            "atau diselesaikan supervisor); TPS lain tidak dihitung dalam jumlah.",
        ],
        7,
    )
    return [intro, _TableFlow(None, cols, rows, width)]


def _anomaly_items(report: AnomalyReport, paper: str) -> list[Item]:
    width = body_width(paper)
    names = report.names

    def where(code: str) -> str:
        if len(code) >= DESA_LEN:
            return names.get(code[:DESA_LEN], "")
        return f"Kec. {names.get(code, '')}"

    a_rows = [
        _Row(
            (
                str(i),
                dotted(a.tps),
                where(a.tps),
                a.code,
                LEVEL_WORDS.get(a.level, a.level),
                CODE_WORDS.get(a.code, a.code),
                describe_anomaly(a),
            )
        )
        for i, a in enumerate(report.anomalies, 1)
    ]
    a_cols = [
        _Col("No", 2.2, "r"),
        _Col("TPS / wilayah", 8.0),
        _Col("Desa/Kel.", 8.0),
        _Col("Kode", 6.0),
        _Col("Tingkat", 5.0),
        _Col("Temuan", 17.0),
        _Col("Rincian", 30.0),
    ]
    items: list[Item] = [
        _TextBlock(
            [
                f"{number(len(report.anomalies))} anomali. Anomali adalah petunjuk untuk diperiksa "
                "terhadap formulir kertas, bukan kesimpulan kecurangan.",
            ],
            7.5,
        ),
        _TableFlow(
            "A. ANOMALI", a_cols, a_rows, width, "Tidak ada anomali pada data final wilayah ini."
        ),
    ]
    d_cols = [
        _Col("No", 2.2, "r"),
        _Col("TPS", 8.0),
        _Col("Desa/Kel.", 9.0),
        _Col("Isian", 5.0),
        _Col("Angka resmi", 6.0, "r"),
        _Col("Angka kamar hitung", 6.5, "r"),
        _Col("Selisih (kami − resmi)", 7.0, "r"),
    ]
    d_rows = [
        _Row(
            (
                str(i),
                dotted(d.tps),
                where(d.tps),
                d.field,
                number(d.official),
                "–" if d.ours is None else number(d.ours),
                "–" if d.ours is None else f"{d.ours - d.official:+,}".replace(",", "."),
            )
        )
        for i, d in enumerate(report.differences, 1)
    ]
    if not report.official_loaded:
        summary = "Belum ada angka resmi (hasil penghitungan lembaga penyelenggara) yang diimpor."
    else:
        summary = (
            f"{number(report.compared)} TPS final dibandingkan dengan angka resmi; "
            f"{number(report.pending)} TPS berangka resmi belum final (tidak dibandingkan); "
            f"{number(len(report.differences))} angka berbeda."
        )
    items.append(_TextBlock(["B. SELISIH DENGAN ANGKA RESMI", summary], 7.5, bold_first=True))
    if report.official_loaded:
        items.append(
            _TableFlow(None, d_cols, d_rows, width, "Tidak ada selisih pada TPS yang dibandingkan.")
        )
    return items


def _progress_items(report: ProgressReport, paper: str) -> list[Item]:
    width = body_width(paper)
    what = "Desa/Kelurahan" if report.header.level == Level.KECAMATAN else "Kecamatan"
    cols = [
        _Col(what, 12.0),
        _Col("Kode", 6.0),
        _Col("Jumlah TPS", 4.2, "r"),
        *(_Col(STATE_WORDS[s], 4.6, "r") for s in STATES),
        _Col("% final", 4.0, "r"),
    ]

    def line(ln: ProgressLine, style: Literal["normal", "total"]) -> _Row:
        final = ln.states[STATES.index("final")]
        share = 100 * final / ln.tps_total if ln.tps_total else 0.0
        return _Row(
            (
                ln.name,
                dotted(ln.code),
                number(ln.tps_total),
                *(number(v) for v in ln.states),
                decimal(share, 1),
            ),
            style,
        )

    rows = [line(ln, "normal") for ln in report.lines]
    rows.append(line(report.total, "total"))
    o_cols = [
        _Col("Operator", 9.0),
        _Col("Formulir selesai", 5.0, "r"),
        _Col("Isian", 5.0, "r"),
        _Col("Jam", 4.0, "r"),
        _Col("Formulir/jam", 5.0, "r"),
        _Col("Ketukan/jam", 5.0, "r"),
        _Col("Perbedaan dikaitkan", 5.5, "r"),
        _Col("Per 10.000 isian", 5.5, "r"),
    ]
    o_rows = [
        _Row(
            (
                o.user,
                number(o.forms),
                number(o.fields),
                decimal(o.hours, 2),
                decimal(o.forms_per_hour, 1),
                number(round(o.keystrokes_per_hour)),
                number(o.mismatches),
                decimal(o.mismatch_per_10k_fields, 2),
            )
        )
        for o in report.operators
    ]
    return [
        _TableFlow("A. KEMAJUAN ENTRI PER WILAYAH (jumlah formulir per status)", cols, rows, width),
        _TableFlow(
            "B. KINERJA OPERATOR (seluruh kabupaten; perbedaan dikaitkan oleh supervisor)",
            o_cols,
            o_rows,
            width * 0.8,
            "Belum ada entri yang selesai.",
        ),
    ]


QUALITY_VERDICT_WORDS = {
    "final_wrong": "Data final salah (galat terkonfirmasi)",
    "audit_wrong": "Entri audit salah",
    "both_wrong": "Keduanya salah (galat terkonfirmasi)",
}


def _per10k(x: float) -> str:
    return decimal(x, 2)


def _quality_items(report: QualityReport, paper: str) -> list[Item]:
    width = body_width(paper)
    lo, hi = report.ci95
    summary = [
        "A. RINGKASAN",
        f"Formulir diaudit: {number(report.forms)}. Isian dibandingkan: {number(report.fields)}. "
        f"Perbedaan: {number(len(report.lines))}, di antaranya {number(report.undecided)} belum "
        f"diputuskan. Galat terkonfirmasi pada data final: {number(report.errors)}.",
        f"Tingkat galat sisa: {_per10k(report.rate_per_10000)} per 10.000 isian; selang "
        f"kepercayaan 95% (eksak, Clopper–Pearson): {_per10k(lo)} sampai {_per10k(hi)} per "
        "10.000 isian.",
        f"Galat sisa paling tinggi {_per10k(hi)} per 10.000 isian (95%)."
        if report.fields
        else "Belum ada formulir yang diaudit.",
    ]
    items: list[Item] = [_TextBlock(summary, 7.5, bold_first=True)]
    draw_lines = ["B. PENARIKAN SAMPEL (dapat diulang oleh siapa pun)"]
    for i, d in enumerate(report.draws, 1):
        draw_lines.append(
            f'{i}. Benih "{d.seed}", sidik rekap {d.fingerprint}, {number(d.forms)} formulir, '
            f"{_when_iso(d.drawn_at, report.header.provinsi.code)} oleh {d.drawn_by}."
        )
        draw_lines.extend(
            textwrap.wrap(
                f"Cara mengulang: {d.redraw}",
                170,
                initial_indent="   ",
                subsequent_indent="   ",
                break_on_hyphens=False,
            )
        )
    if not report.draws:
        draw_lines.append("Belum ada sampel yang ditarik.")
    items.append(_TextBlock(draw_lines, 7.0, bold_first=True))
    cols = [
        _Col("No", 2.2, "r"),
        _Col("TPS", 8.0),
        _Col("Isian", 5.0),
        _Col("Data final", 5.0, "r"),
        _Col("Entri audit", 5.0, "r"),
        _Col("Dari gambar", 5.0, "r"),
        _Col("Kedua entri sama", 5.5),
        _Col("Keputusan", 16.0),
    ]

    def opt(v: int | None) -> str:
        return "–" if v is None else number(v)

    rows = [
        _Row(
            (
                str(i),
                dotted(ln.tps),
                ln.field,
                opt(ln.final),
                opt(ln.audit),
                opt(ln.image),
                "ya" if ln.same_way else "tidak",
                QUALITY_VERDICT_WORDS.get(ln.decision or "", "Menunggu pengawas"),
            )
        )
        for i, ln in enumerate(report.lines, 1)
    ]
    items.append(
        _TableFlow(
            "C. PERBEDAAN ENTRI AUDIT DENGAN DATA FINAL",
            cols,
            rows,
            width,
            "Tidak ada perbedaan.",
        )
    )
    return items


# --- rendering ---------------------------------------------------------------------------------


def _closing_paslon(report: Report) -> list[int]:
    if isinstance(report, RecapReport):
        # The empty column (kolom kosong) has no witness of its own.
        empty = {p.nomor_urut for p in report.paslon if p.is_kolom_kosong}
        return [n for n in report.form.paslon_numbers if n not in empty]
    if isinstance(report, AnnexReport):
        return [int(f.split(".")[1]) for f in report.fields if f.startswith("IV.")]
    return []


def render(
    report: Report,
    paper: str = "a4",
    *,
    progress: Callable[[int, int], None] | None = None,
) -> RenderedReport:
    """The report as PDF bytes (deterministic for the same data and header).

    ``progress(done, total)`` is called after each page (to drive a progress dialog); it may
    raise to cancel."""
    if paper not in PAPERS:
        raise ValueError(f"paper {paper!r} is not one of: {', '.join(PAPERS)}")
    fp = fingerprint_of(report)
    if isinstance(report, RecapReport):
        items = _recap_items(report, paper)
    elif isinstance(report, AnnexReport):
        items = _annex_items(report, paper)
    elif isinstance(report, AnomalyReport):
        items = _anomaly_items(report, paper)
    elif isinstance(report, QualityReport):
        items = _quality_items(report, paper)
    else:
        items = _progress_items(report, paper)
    items.append(_ClosingBlock(report, _closing_paslon(report)))
    pages = _paginate(items, body_height(paper))
    titles = _titles(report)
    h = report.header
    width, height = PAPERS[paper]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(width, height), invariant=1, pageCompression=1)
    stamp = local_time(h.generated_at, h.provinsi.code)
    off = stamp.strftime("%z") or "+0000"
    c.setDateFormatter(lambda *_: f"D:{stamp:%Y%m%d%H%M%S}{off[:3]}'{off[3:]}'")
    c.setTitle(f"{titles.title} — {h.contest_name} — {h.region.label}")
    c.setAuthor(f"{h.software} — {h.kabupaten.label}")
    c.setSubject(f"{REPORT_FORMAT} {report.kind.value} sidik {fp}")
    c.setKeywords(
        f"{REPORT_FORMAT} kind:{report.kind.value} kabupaten:{h.kabupaten.code} "
        f"contest:{h.contest_id} region:{h.region.code} sidik:{fp}"
    )
    c.setCreator(h.software)
    c.setProducer(h.software)
    _qr_form(c, fp)
    widths: dict[tuple[str, str], float] = {}
    literals: dict[str, str] = {}
    fields: list[SignatureField] = []
    total = len(pages)
    for i, blocks in enumerate(pages):
        page = _Page(c, _Pen(c, widths, literals), i, width, height, fields)
        _draw_header(page, report, titles, total)
        top = page.body_top
        for b in blocks:
            b.draw(page, top)
            top -= b.height + GAP
        _draw_footer(page, report, fp, h.form_code.removeprefix("MODEL "))
        page.pen.flush()
        if h.is_draft:
            _draw_watermark(page)
        c.showPage()
        if progress is not None:
            progress(i + 1, total)
    c.save()
    return RenderedReport(buf.getvalue(), total, fp, report.kind, h.is_draft, tuple(fields))
