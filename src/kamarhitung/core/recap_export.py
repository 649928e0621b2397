"""Recap files: JSON (INTERFACES.md "Recap JSON"), CSV, and an xlsx workbook laid out like D.HASIL.

The workbook holds one sheet per level, from the level asked for up to the kabupaten (``desa`` →
sheets DESA, KECAMATAN, KABUPATEN), the asked level first. On each sheet, as on the D.HASIL forms,
the rows are the form's sections I to V with their printed labels and the columns are the regions
(one per desa, kecamatan...), then a JUMLAH column summing the columns of the sheet. The TPS level
has one sheet per kecamatan (``TPS 357801``): a kabupaten can hold more TPS than a spreadsheet has
columns, and a kecamatan's TPS are what its PPK reads. Above the table a title block names the
election, the contest, the kabupaten, the time and the data fingerprint (in groups of four, as
printed on paper). Header rows and label columns are frozen and repeat on printed pages; every
number has the format ``#,##0``.

Column A of every row holds a stable key (``KODE``, ``NAMA``, ``JUMLAH TPS``, ``TPS FINAL`` or the
field id), so a program can read the sheet back by key.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, cast

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.worksheet.worksheet import Worksheet

from kamarhitung.core.model import Level, Paslon
from kamarhitung.core.recap import RECAP_LEVELS, LevelTable, Recap, level_of_name
from kamarhitung.core.template import FormSpec

FORMATS = ("json", "csv", "xlsx")
NUMBER_FORMAT = "#,##0"
LABEL_COLUMNS = 3
"""Columns A (key), B (printed label), C (L/P/J) before the first region column."""

KEY_CODE = "KODE"
KEY_NAME = "NAMA"
KEY_PARENT = "INDUK"
KEY_TPS_TOTAL = "JUMLAH TPS"
KEY_TPS_FINAL = "TPS FINAL"
KEY_TOTAL = "JUMLAH"
KEY_FINGERPRINT = "Sidik data"
KEY_GENERATED = "Dibuat"

LEVEL_TITLES: dict[Level, str] = {
    Level.TPS: "TPS",
    Level.DESA: "DESA/KELURAHAN",
    Level.KECAMATAN: "KECAMATAN",
    Level.KABUPATEN: "KABUPATEN/KOTA",
}
SHEET_NAMES: dict[Level, str] = {
    Level.DESA: "DESA",
    Level.KECAMATAN: "KECAMATAN",
    Level.KABUPATEN: "KABUPATEN",
}
COLUMN_TITLES = {"L": "L", "P": "P", "J": "J"}

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_SECTION_FILL = PatternFill("solid", fgColor="DDDDDD")
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True, slots=True)
class RecapInfo:
    """What the workbook's title block and labels need beside the numbers."""

    election: str
    contest_name: str
    provinsi: str
    generated_at: str
    form: FormSpec
    paslon: Sequence[Paslon] = ()


def fingerprint_groups(fp: str) -> str:
    """A fingerprint as printed: groups of four hex characters (``abcd ef01 …``)."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def sheet_levels(level: Level) -> tuple[Level, ...]:
    """The levels a workbook holds for a requested level: that one and those above it."""
    i = RECAP_LEVELS.index(level)
    return RECAP_LEVELS[i:]


def write_json(recap: Recap, level: Level | str, generated_at: str, out: TextIO) -> None:
    json.dump(recap.to_json(level, generated_at), out, ensure_ascii=False, indent=1)
    out.write("\n")


def csv_header(recap: Recap) -> list[str]:
    return ["code", "name", "tps_total", "tps_final", *recap.fields]


def write_csv(recap: Recap, level: Level | str, out: TextIO) -> None:
    """One row per region: code, name, tps_total, tps_final, then every field (RFC 4180)."""
    t = recap.table(level)
    w = csv.writer(out)
    w.writerow(csv_header(recap))
    values = t.values.tolist()
    totals = t.tps_total.tolist()
    finals = t.tps_final.tolist()
    for i, (code, name) in enumerate(zip(t.codes, t.names, strict=True)):
        w.writerow([code, name, totals[i], finals[i], *values[i]])


# --- xlsx ------------------------------------------------------------------------------------


CellValue = str | int | float | None


def _cell(
    ws: WriteOnlyWorksheet,
    value: CellValue,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    number: bool = False,
    wrap: bool = False,
) -> Cell:
    c = WriteOnlyCell(ws, value=value)
    if font is not None:
        c.font = font
    if fill is not None:
        c.fill = fill
    if number:
        c.number_format = NUMBER_FORMAT
    if wrap:
        c.alignment = _WRAP
    return c


class _Styled:
    """Cells styled like a template cell, by copying its style array: setting ``number_format``
    on each of a million cells goes through openpyxl's style registry every time (about 40 % of
    a 25,000-TPS workbook's writing time); copying the array is openpyxl's own way to copy a
    style."""

    def __init__(self, ws: WriteOnlyWorksheet, template: Cell) -> None:
        self._ws = ws
        self._style = template._style  # type: ignore[attr-defined]  # slot declared by StyleableObject, not in the stubs

    def __call__(self, value: CellValue) -> Cell:
        c = WriteOnlyCell(self._ws, value=value)
        c._style = copy(self._style)  # type: ignore[attr-defined]  # as above
        return c


def _row_labels(form: FormSpec, paslon: Sequence[Paslon]) -> dict[str, tuple[str, str]]:
    """Field id → (printed row label, column) for the label columns B and C."""
    names = {p.nomor_urut: f"{p.nomor_urut}. {p.names()}" for p in paslon}
    out: dict[str, tuple[str, str]] = {}
    for f in form.fields:
        if f.section == "IV":
            n = int(f.id.split(".")[1])
            out[f.id] = (names.get(n, f"Pasangan calon nomor urut {n}"), "")
        else:
            col = COLUMN_TITLES.get(f.column, "") if f.row != f.id else ""
            out[f.id] = (f.label, col)
    return out


@dataclass(frozen=True, slots=True)
class _Block:
    """The columns of one sheet: a slice of a level table, and the JUMLAH column's figures."""

    title: str
    level: Level
    table: LevelTable
    start: int
    stop: int
    parents: tuple[str, ...]
    total_name: str
    total_tps: int
    total_final: int
    total_values: list[int]


def _blocks(recap: Recap, level: Level) -> list[_Block]:
    t = recap.table(level)
    tree = recap.tree
    kab = recap.table(Level.KABUPATEN)
    if level != Level.TPS:
        parents: tuple[str, ...] = ()
        if level == Level.DESA:
            kec_names = {r.code: r.name for r in tree.kecamatan}
            parents = tuple(kec_names.get(c[:6], "") for c in t.codes)
        return [
            _Block(
                SHEET_NAMES[level],
                level,
                t,
                0,
                len(t),
                parents,
                f"{KEY_TOTAL} {LEVEL_TITLES[Level.KABUPATEN]}",
                int(kab.tps_total[0]),
                int(kab.tps_final[0]),
                kab.values[0].tolist(),
            )
        ]
    kec = recap.table(Level.KECAMATAN)
    bounds = tree.kecamatan_tps_bounds().tolist()
    desa_names = {r.code: r.name for r in tree.desa}
    out = []
    for i, code in enumerate(kec.codes):
        a, b = bounds[i], bounds[i + 1]
        out.append(
            _Block(
                f"TPS {code}",
                level,
                t,
                a,
                b,
                tuple(desa_names.get(c[:10], "") for c in t.codes[a:b]),
                f"{KEY_TOTAL} KECAMATAN {kec.names[i]}",
                int(kec.tps_total[i]),
                int(kec.tps_final[i]),
                kec.values[i].tolist(),
            )
        )
    return out


def write_xlsx(recap: Recap, level: Level | str, path: Path, info: RecapInfo) -> list[str]:
    """Write the D.HASIL-like workbook; returns the sheet names in order."""
    lv = level_of_name(level) if isinstance(level, str) else level
    if tuple(info.form.field_ids) != recap.fields:
        raise ValueError("the form given does not match the recap's fields")
    wb = Workbook(write_only=True)
    labels = _row_labels(info.form, info.paslon)
    names: list[str] = []
    for sheet_level in sheet_levels(lv):
        for block in _blocks(recap, sheet_level):
            _write_sheet(wb.create_sheet(block.title), recap, info, block, labels)
            names.append(block.title)
    wb.save(path)
    return names


def _write_sheet(
    ws: WriteOnlyWorksheet,
    recap: Recap,
    info: RecapInfo,
    block: _Block,
    labels: Mapping[str, tuple[str, str]],
) -> None:
    t = block.table
    n = block.stop - block.start
    first_col = LABEL_COLUMNS + 1
    total_col = first_col + n
    kab = recap.tree.kabupaten
    title_rows: list[tuple[str, str]] = [
        ("Pemilihan", info.election),
        ("Jenis", f"{info.contest_name} ({recap.contest})"),
        ("Wilayah", f"{kab.code} {kab.name}, {info.provinsi}".rstrip(", ")),
        ("Tingkat", LEVEL_TITLES[block.level] + (f" — {block.title}" if n != len(t) else "")),
        (KEY_GENERATED, info.generated_at),
        (KEY_FINGERPRINT, fingerprint_groups(recap.fingerprint)),
        (
            "Cakupan",
            f"{recap.tps_final} dari {recap.tps_total} TPS final; "
            "hanya formulir final yang dihitung",
        ),
    ]
    header_first = 1 + len(title_rows) + 2
    has_parent = bool(block.parents)
    header_rows = 4 + (1 if has_parent else 0)
    body_first = header_first + header_rows

    # Layout first: a write-only sheet writes these before the first row. A write-only sheet
    # copies them from Worksheet at run time (openpyxl's ``_setup``); the stubs omit them.
    layout = cast(Worksheet, ws)
    dims = layout.column_dimensions
    dims["A"] = ColumnDimension(layout, index="A", width=12)
    dims["B"] = ColumnDimension(layout, index="B", width=48)
    dims["C"] = ColumnDimension(layout, index="C", width=4)
    if n:
        first = get_column_letter(first_col)
        # One <col> element for every region column, however many.
        dims[first] = ColumnDimension(
            layout, index=first, width=14, min=first_col, max=total_col - 1
        )
    last = get_column_letter(total_col)
    dims[last] = ColumnDimension(layout, index=last, width=18)
    ws.freeze_panes = f"{get_column_letter(first_col)}{body_first}"
    ws.print_title_rows = f"{header_first}:{body_first - 1}"
    ws.print_title_cols = f"A:{get_column_letter(LABEL_COLUMNS)}"
    layout.page_setup.orientation = "landscape"

    ws.append(
        [
            _cell(
                ws,
                f"REKAPITULASI HASIL PENGHITUNGAN SUARA — {LEVEL_TITLES[block.level]}",
                font=_TITLE,
            )
        ]
    )
    for key, value in title_rows:
        ws.append([_cell(ws, key, font=_BOLD), value])
    ws.append([])

    a, b = block.start, block.stop

    def header(
        key: str, label: str, cells: Sequence[CellValue], total: CellValue, number: bool
    ) -> None:
        ws.append(
            [
                _cell(ws, key, font=_BOLD, fill=_HEADER_FILL),
                _cell(ws, label, font=_BOLD, fill=_HEADER_FILL),
                _cell(ws, "", fill=_HEADER_FILL),
                *(
                    _cell(ws, v, font=_BOLD, fill=_HEADER_FILL, number=number, wrap=not number)
                    for v in cells
                ),
                _cell(ws, total, font=_BOLD, fill=_HEADER_FILL, number=number, wrap=not number),
            ]
        )

    header(KEY_CODE, "Kode wilayah", list(t.codes[a:b]), KEY_TOTAL, False)
    header(KEY_NAME, "Nama wilayah", list(t.names[a:b]), block.total_name, False)
    if has_parent:
        parent_label = "Kecamatan" if block.level == Level.DESA else "Desa/Kelurahan"
        header(KEY_PARENT, parent_label, list(block.parents), "", False)
    header(KEY_TPS_TOTAL, "Jumlah TPS", t.tps_total[a:b].tolist(), block.total_tps, True)
    header(
        KEY_TPS_FINAL, "TPS final (dihitung)", t.tps_final[a:b].tolist(), block.total_final, True
    )

    number = _Styled(ws, _cell(ws, 0, number=True))
    columns = t.values[a:b].T.tolist()
    field_pos = {f: j for j, f in enumerate(recap.fields)}
    for section in info.form.template.sections:
        fids = [f.id for f in info.form.fields if f.section == section.id]
        if not fids:
            continue
        ws.append(
            [
                _cell(ws, section.id, font=_BOLD, fill=_SECTION_FILL),
                _cell(ws, section.title, font=_BOLD, fill=_SECTION_FILL),
                *(_cell(ws, None, fill=_SECTION_FILL) for _ in range(1 + n + 1)),
            ]
        )
        for fid in fids:
            j = field_pos[fid]
            label, col = labels[fid]
            ws.append(
                [
                    fid,
                    label,
                    col,
                    *(number(v) for v in columns[j]),
                    _cell(ws, block.total_values[j], font=_BOLD, number=True),
                ]
            )
