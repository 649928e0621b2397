"""The province recap over the current bundle of every kabupaten.

The province recap reads ``province_total`` of the current imports only: a few rows per
kecamatan whatever the number of TPS, so it is instant at 150,000 TPS.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TextIO, TypedDict

from sqlalchemy import select

from kamarhitung.services.audit import append_event
from kamarhitung.services.common import (
    Actor,
    InputError,
    NotFoundError,
    canonical_json,
    sha256_hex,
)
from kamarhitung.services.province_import import require_province
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.files import atomic_write_with
from kamarhitung.store.models import (
    BundleCurrentRow,
    BundleImportRow,
    ProvinceContestRow,
    ProvinceTotalRow,
)

PROVINCE_RECAP_FORMAT = "kamarhitung-province-recap/1"
RECAP_LEVELS = ("kabupaten", "kecamatan")


# --- the province recap -----------------------------------------------------------------------


class RecapRowJson(TypedDict):
    code: str
    name: str
    kabupaten: str
    tps_total: int
    tps_final: int
    coverage: float
    values: dict[str, int]


class RecapBundleJson(TypedDict):
    kabupaten: str
    name: str
    bundle_id: str
    sequence: int
    created_at: str
    imported_at: str
    tps_total: int
    tps_final: int
    coverage: float
    fingerprint: str


class RecapTotalJson(TypedDict):
    tps_total: int
    tps_final: int
    coverage: float
    values: dict[str, int]


class ProvinceRecapJson(TypedDict):
    """The province recap (``province recap --format json``)."""

    contest: str
    level: str
    generated_at: str
    fingerprint: str
    fields: list[str]
    rows: list[RecapRowJson]
    total: RecapTotalJson
    bundles: list[RecapBundleJson]


def province_recap(ws: Workspace, contest_id: str, level: str) -> ProvinceRecapJson:
    """The recap of a contest over the current bundle of every kabupaten.

    ``rows``: one per kabupaten (or kecamatan) with TPS total, TPS final, coverage and every
    field summed; ``bundles``: per kabupaten, the bundle counted and its coverage; ``total``:
    the province. ``fingerprint`` covers rows and bundles (not the time)."""
    require_province(ws)
    if level not in RECAP_LEVELS:
        raise InputError("PROVINCE_RECAP_LEVEL", level=repr(level), levels=", ".join(RECAP_LEVELS))
    with ws.store.reading() as s:
        bundles = s.execute(
            select(BundleImportRow, ProvinceContestRow)
            .join(BundleCurrentRow, BundleCurrentRow.import_id == BundleImportRow.id)
            .join(ProvinceContestRow, ProvinceContestRow.import_id == BundleImportRow.id)
            .where(ProvinceContestRow.contest_id == contest_id)
            .order_by(BundleImportRow.kabupaten)
        ).all()
        ids = [b.id for b, _ in bundles]
        totals = (
            s.execute(
                select(ProvinceTotalRow)
                .where(
                    ProvinceTotalRow.import_id.in_(ids),
                    ProvinceTotalRow.contest_id == contest_id,
                    ProvinceTotalRow.level == level,
                )
                .order_by(ProvinceTotalRow.code)
            )
            .scalars()
            .all()
        )
    if not bundles:
        raise NotFoundError("PROVINCE_NO_CONTEST", contest=repr(contest_id))
    fields: list[str] = []
    for _b, c in bundles:
        fields += [f for f in json.loads(c.fields_json) if f not in fields]
    kab_of = {b.id: b.kabupaten for b, _ in bundles}
    rows: list[RecapRowJson] = []
    total_values = dict.fromkeys(fields, 0)
    for t in totals:
        values: dict[str, int] = json.loads(t.values_json)
        for f, v in values.items():
            total_values[f] += int(v)
        rows.append(
            {
                "code": t.code,
                "name": t.name,
                "kabupaten": kab_of[t.import_id],
                "tps_total": t.tps_total,
                "tps_final": t.tps_final,
                "coverage": _coverage(t.tps_final, t.tps_total),
                "values": values,
            }
        )
    bundle_list: list[RecapBundleJson] = [
        {
            "kabupaten": b.kabupaten,
            "name": b.kabupaten_name,
            "bundle_id": b.bundle_id,
            "sequence": b.sequence,
            "created_at": b.created_at,
            "imported_at": b.imported_at,
            "tps_total": c.tps_total,
            "tps_final": c.tps_final,
            "coverage": _coverage(c.tps_final, c.tps_total),
            "fingerprint": c.fingerprint,
        }
        for b, c in bundles
    ]
    tps_total = sum(c.tps_total for _, c in bundles)
    tps_final = sum(c.tps_final for _, c in bundles)
    fingerprint = sha256_hex(
        canonical_json(
            {
                "format": PROVINCE_RECAP_FORMAT,
                "contest": contest_id,
                "level": level,
                "rows": [[r["code"], r["tps_total"], r["tps_final"], r["values"]] for r in rows],
                "bundles": [
                    [b["kabupaten"], b["bundle_id"], b["fingerprint"]] for b in bundle_list
                ],
            }
        )
    )
    return {
        "contest": contest_id,
        "level": level,
        "generated_at": ws.now(),
        "fingerprint": fingerprint,
        "fields": fields,
        "rows": rows,
        "total": {
            "tps_total": tps_total,
            "tps_final": tps_final,
            "coverage": _coverage(tps_final, tps_total),
            "values": total_values,
        },
        "bundles": bundle_list,
    }


def _coverage(final: int, total: int) -> float:
    return round(final / total, 4) if total else 0.0


def write_province_recap(
    ws: Workspace,
    actor: Actor | None,
    contest_id: str,
    level: str,
    fmt: str,
    out: Path | TextIO,
    *,
    user_name: str | None = None,
) -> ProvinceRecapJson:
    """Write the province recap as json, csv or xlsx (``out`` a path, or a text stream for json
    and csv) and audit it; returns the recap."""
    if fmt not in ("json", "csv", "xlsx"):
        raise InputError("PROVINCE_RECAP_FORMAT", format=repr(fmt))
    recap = province_recap(ws, contest_id, level)
    if fmt == "xlsx":
        if not isinstance(out, Path):
            raise InputError("PROVINCE_XLSX_NEEDS_FILE")
        atomic_write_with(out, lambda p: _write_xlsx(recap, p))
    else:
        buf = io.StringIO(newline="")
        if fmt == "json":
            json.dump(recap, buf, ensure_ascii=False, indent=1)
            buf.write("\n")
        else:
            _write_csv(recap, buf)
        if isinstance(out, Path):
            text = buf.getvalue()
            atomic_write_with(out, lambda p: _write_text(p, text))
        else:
            out.write(buf.getvalue())
    with ws.store.unit_of_work() as s:
        append_event(
            s,
            ws.now(),
            actor,
            "province.recap",
            target=contest_id,
            details={
                "level": level,
                "format": fmt,
                "file": out.name if isinstance(out, Path) else "-",
                "fingerprint": recap["fingerprint"],
            },
            user_name=None if actor else (user_name or "unknown"),
        )
    return recap


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")


def _table(recap: ProvinceRecapJson) -> tuple[list[str], list[list[object]]]:
    fields = recap["fields"]
    header = ["code", "name", "kabupaten", "tps_total", "tps_final", "coverage", *fields]
    body: list[list[object]] = [
        [
            r["code"],
            r["name"],
            r["kabupaten"],
            r["tps_total"],
            r["tps_final"],
            r["coverage"],
            *(r["values"].get(f, 0) for f in fields),
        ]
        for r in recap["rows"]
    ]
    return header, body


def _write_csv(recap: ProvinceRecapJson, out: TextIO) -> None:
    header, body = _table(recap)
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(body)


def _write_xlsx(recap: ProvinceRecapJson, path: Path) -> None:
    from openpyxl import Workbook

    header, body = _table(recap)
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("REKAP")
    sheet.append(["Pemilihan", recap["contest"]])
    sheet.append(["Tingkat", recap["level"]])
    sheet.append(["Dibuat", recap["generated_at"]])
    sheet.append(["Sidik data", recap["fingerprint"]])
    sheet.append([])
    sheet.append(header)
    for row in body:
        sheet.append(row)
    total = recap["total"]
    sheet.append(
        [
            "JUMLAH",
            "",
            "",
            total["tps_total"],
            total["tps_final"],
            total["coverage"],
            *(total["values"].get(f, 0) for f in recap["fields"]),
        ]
    )
    bundles = wb.create_sheet("BUNDEL")
    bundles.append(list(RecapBundleJson.__annotations__))
    for b in recap["bundles"]:
        bundles.append(list(b.values()))
    wb.save(path)
