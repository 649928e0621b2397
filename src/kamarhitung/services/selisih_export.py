"""The SELISIH list written to a file (CSV: the differences per TPS; xlsx: those and the sums
per region), whole or not at all, and recorded in the audit trail (``selisih.export``: the file's
name, format, SHA-256 and number of differences). The screen and any other caller use this; the
words of the xlsx headings come from the caller (the screen passes its translations)."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kamarhitung.core.model import dotted
from kamarhitung.core.official import RegionSelisih, SelisihReport
from kamarhitung.core.recap import RegionTree
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import Actor, InputError
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.files import atomic_write_with

FORMATS = ("csv", "xlsx")
CSV_HEADER = ("tps", "desa", "kecamatan", "pemilihan", "field", "official", "ours", "difference")


def field_words(field: str) -> str:
    """A compared number in words: ``IV.2`` → "Paslon 2", ``V.A`` → "Suara sah"."""
    if field.startswith("IV."):
        return f"Paslon {field[3:]}"
    return {"V.A": "Suara sah", "V.B": "Suara tidak sah", "V.C": "Jumlah suara"}.get(field, field)


@dataclass(frozen=True, slots=True)
class SelisihLabels:
    """The words of the xlsx sheets and headings (Indonesian unless the caller translates)."""

    sheet_tps: str = "Selisih per TPS"
    sheet_regions: str = "Per wilayah"
    tps_head: Sequence[str] = ("TPS", "Desa", "Kecamatan", "Isian", "Resmi", "Kita", "Selisih")
    region_head: Sequence[str] = ("Kode", "Wilayah", "TPS resmi", "Dibandingkan", "Berbeda")
    official: str = "resmi"
    ours: str = "kita"
    difference: str = "selisih"
    field_name: Callable[[str], str] = field_words


@dataclass(frozen=True, slots=True)
class SelisihExport:
    path: Path
    format: str
    sha256: str
    differences: int


def _names(tree: RegionTree) -> tuple[dict[str, str], dict[str, str]]:
    return {r.code: r.name for r in tree.desa}, {r.code: r.name for r in tree.kecamatan}


def _write_csv(p: Path, contest: str, report: SelisihReport, tree: RegionTree) -> None:
    desa, kec = _names(tree)
    with p.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_HEADER)
        for d in report.differences:
            ours = "" if d.ours is None else d.ours
            diff = "" if d.ours is None else d.ours - d.official
            w.writerow(
                [
                    d.tps,
                    desa.get(d.tps[:10], ""),
                    kec.get(d.tps[:6], ""),
                    contest,
                    d.field,
                    d.official,
                    ours,
                    diff,
                ]
            )


def _write_xlsx(
    p: Path,
    report: SelisihReport,
    summary: Sequence[RegionSelisih],
    tree: RegionTree,
    labels: SelisihLabels,
) -> None:
    desa, kec = _names(tree)
    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = labels.sheet_tps
    ws.append(list(labels.tps_head))
    for d in report.differences:
        ws.append(
            [
                dotted(d.tps),
                desa.get(d.tps[:10], ""),
                kec.get(d.tps[:6], ""),
                labels.field_name(d.field),
                d.official,
                d.ours,
                None if d.ours is None else d.ours - d.official,
            ]
        )
    for cell in ws[1]:
        cell.font = bold
    ws2 = wb.create_sheet(labels.sheet_regions)
    fields = list(summary[0].official) if summary else []
    head = list(labels.region_head)
    for f in fields:
        name = labels.field_name(f)
        head += [
            f"{name} · {labels.official}",
            f"{name} · {labels.ours}",
            f"{name} · {labels.difference}",
        ]
    ws2.append(head)
    for r in summary:
        row: list[object] = [
            dotted(r.code),
            r.name,
            r.tps_official,
            r.tps_compared,
            r.tps_different,
        ]
        for f in fields:
            row += [r.official[f], r.ours[f], r.difference[f]]
        ws2.append(row)
    for cell in ws2[1]:
        cell.font = bold
    for sheet in (ws, ws2):
        sheet.freeze_panes = "A2"
        for i, values in enumerate(sheet.iter_cols(values_only=True), start=1):
            longest = max((len(str(v)) for v in values if v is not None), default=0)
            sheet.column_dimensions[get_column_letter(i)].width = max(10, min(40, longest + 2))
    wb.save(p)


def export_selisih(
    ws: Workspace,
    actor: Actor | None,
    path: Path,
    *,
    contest: str,
    report: SelisihReport,
    summary: Sequence[RegionSelisih],
    tree: RegionTree,
    labels: SelisihLabels | None = None,
) -> SelisihExport:
    """Write the list to ``path`` (``.xlsx``: two sheets; any other name: CSV of the
    differences per TPS), whole or not at all, and audit it."""
    fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    if path.is_dir():
        raise InputError("SELISIH_EXPORT_FOLDER", path=str(path))
    written: list[bytes] = []

    def fill(p: Path) -> None:
        if fmt == "xlsx":
            _write_xlsx(p, report, summary, tree, labels or SelisihLabels())
        else:
            _write_csv(p, contest, report, tree)
        written.append(p.read_bytes())

    atomic_write_with(path, fill)
    digest = hashlib.sha256(written[0]).hexdigest()
    if not ws.store.read_only:
        with ws.store.unit_of_work() as s:
            append_event(
                s,
                ws.now(),
                actor,
                "selisih.export",
                target=contest,
                details={
                    "file": path.name,
                    "format": fmt,
                    "sha256": digest,
                    "differences": len(report.differences),
                },
                user_name=None if actor else "anonymous",
            )
    return SelisihExport(path, fmt, digest, len(report.differences))
