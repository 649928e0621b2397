"""The SELISIH list written by a service (issue 15): CSV and xlsx, whole or not at all, each
export an audit event with the file's SHA-256; a folder is refused with a code."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Protocol

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kamarhitung.core.official import Difference, SelisihReport
from kamarhitung.services import official
from kamarhitung.services.audit import verify_chain
from kamarhitung.services.common import Actor, InputError
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.selisih_export import SelisihExport, export_selisih
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import AuditEventRow

C = "gubernur"


class Demo(Protocol):
    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


def test_csv_and_xlsx_are_written_and_audited(demo: Demo, tmp_path: Path) -> None:
    ws = demo.ws
    cache = RecapCache(ws)
    tree = cache.tree
    tps = list(tree.tps_ids[:2])
    report = SelisihReport(
        C,
        (Difference(tps[0], "IV.1", 10, 12), Difference(tps[1], "V.B", 3, None)),
        compared=1,
        pending=(tps[1],),
        without_official=0,
    )
    summary = official.selisih_summary(ws, C, "kecamatan", cache=cache)
    actor = demo.login("supervisor1")
    out_csv, out_xlsx = tmp_path / "s.csv", tmp_path / "s.xlsx"

    def export(who: Actor | None, path: Path) -> SelisihExport:
        return export_selisih(ws, who, path, contest=C, report=report, summary=summary, tree=tree)

    r1 = export(actor, out_csv)
    r2 = export(None, out_xlsx)
    with out_csv.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["tps"], r["field"], r["official"], r["ours"], r["difference"]) for r in rows] == [
        (tps[0], "IV.1", "10", "12", "2"),
        (tps[1], "V.B", "3", "", ""),
    ]
    wb = load_workbook(out_xlsx)
    assert wb.sheetnames == ["Selisih per TPS", "Per wilayah"]
    assert wb["Selisih per TPS"].max_row == 3
    wb.close()
    assert r1.sha256 == hashlib.sha256(out_csv.read_bytes()).hexdigest() and r1.format == "csv"
    assert r2.format == "xlsx" and r2.differences == 2
    with ws.store.reading() as s:
        events = s.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "selisih.export")
        ).all()
        got = [(e.user_name, e.target, e.details_json) for e in events]
        chain = verify_chain(s)
    assert len(got) == 2
    assert got[0][0] == "supervisor1" and got[1][0] == "anonymous"
    assert r1.sha256 in got[0][2] and r2.sha256 in got[1][2]
    assert chain.intact
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    with pytest.raises(InputError) as e:
        export(actor, tmp_path)
    assert e.value.code == "SELISIH_EXPORT_FOLDER"
