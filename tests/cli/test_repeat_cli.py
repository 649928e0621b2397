"""Repeat votes (PSU, PSL, PSS): a supervisor marks a TPS; the earlier record stays in the history
and the audit trail; the new form is keyed double-blind as a fresh record; the recap uses it;
the recap report lists the repeated TPS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information
import pytest
from sqlalchemy import select

from kamarhitung import cli
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import AuditEventRow, EntryVersionRow, RecordRow

C = "gubernur"


class Demo(Protocol):
    path: Path
    ws: Workspace

    def password(self, name: str) -> str: ...


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_repeat_vote_end_to_end(
    mixed: Demo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with mixed.ws.store.reading() as s:
        first = s.execute(
            select(RecordRow.tps_id, RecordRow.final_values)
            .where(RecordRow.contest_id == C, RecordRow.state == "final")
            .order_by(RecordRow.tps_id)
        ).first()
        assert first is not None
        tps, old_text = first
        assert old_text is not None
        versions_before = s.execute(
            select(EntryVersionRow.id).where(
                EntryVersionRow.tps_id == tps, EntryVersionRow.contest_id == C
            )
        ).all()
    old = json.loads(old_text)
    assert len(versions_before) >= 2

    # Refused: an operator; an unknown kind; an empty reference.
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("operator1"))
    base: list[str | Path] = ["repeat", "mark", mixed.path, "--tps", str(tps), "--contest", C]
    code, _, err = run(
        capsys, *base, "--kind", "PSU", "--reason", "x", "--reference", "y", "--user", "operator1"
    )
    assert code == 2 and "needs supervisor" in err
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("supervisor1"))
    code, _, err = run(
        capsys, *base, "--kind", "PSX", "--reason", "x", "--reference", "y", "--user", "supervisor1"
    )
    assert code == 2 and "PSU, PSL, PSS" in err
    code, _, err = run(
        capsys, *base, "--kind", "PSU", "--reason", "x", "--reference", " ", "--user", "supervisor1"
    )
    assert code == 2 and "reference" in err

    reason = "pemilih tanpa hak memilih menggunakan hak pilih"
    ref = "Rekomendasi Panwaslu Kecamatan No. 12/PM.01/2024"
    code, out, err = run(
        capsys,
        *base,
        "--kind",
        "psu",
        "--reason",
        reason,
        "--reference",
        ref,
        "--user",
        "supervisor1",
        "--json",
    )
    assert code == 0, err
    marked = json.loads(out)
    assert (marked["kind"], marked["reference"], marked["previous_state"]) == ("PSU", ref, "final")
    assert marked["previous_values"] == old

    # The earlier record is in the history and the audit trail; the form starts afresh.
    with mixed.ws.store.reading() as s:
        rec = s.get(RecordRow, (tps, C))
        assert rec is not None and rec.state == "empty" and rec.final_values is None
        after = s.execute(
            select(EntryVersionRow.id).where(
                EntryVersionRow.tps_id == tps, EntryVersionRow.contest_id == C
            )
        ).all()
        assert set(versions_before) <= set(after)
        events = (
            s.execute(
                select(AuditEventRow.details_json).where(
                    AuditEventRow.action == "entry.repeat_vote"
                )
            )
            .scalars()
            .all()
        )
    assert len(events) == 1 and json.loads(events[0])["reference"] == ref
    code, out, _ = run(
        capsys,
        "recap",
        mixed.path,
        "--contest",
        C,
        "--level",
        "tps",
        "--format",
        "json",
        "--out",
        tmp_path / "r.json",
    )
    assert code == 0
    assert tps not in {
        r["code"] for r in json.loads((tmp_path / "r.json").read_text())["rows"] if r["tps_final"]
    }

    # The new form, keyed double-blind by two operators, is what the recap counts.
    new = dict(old)
    pair = "IV.1"
    new[pair], new["V.A"], new["V.B"] = old[pair] - 2, old["V.A"] - 2, old["V.B"] + 2
    entries: list[dict[str, Any]] = [{"tps": tps, "contest": C, "values": new}]
    f = tmp_path / "e.json"
    f.write_text(json.dumps(entries))
    for user in ("operator1", "operator2"):
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password(user))
        code, out, err = run(capsys, "entry", "submit", mixed.path, f, "--user", user, "--json")
        assert code == 0, err
    assert json.loads(out)[0]["state"] == "final"
    code, _, _ = run(
        capsys,
        "recap",
        mixed.path,
        "--contest",
        C,
        "--level",
        "tps",
        "--format",
        "json",
        "--out",
        tmp_path / "r2.json",
    )
    rows = {r["code"]: r for r in json.loads((tmp_path / "r2.json").read_text())["rows"]}
    assert rows[tps]["values"][pair] == old[pair] - 2

    # The kecamatan's recap report says which TPS was repeated, and on what decision.
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("supervisor1"))
    pdf = tmp_path / "kec.pdf"
    code, _, err = run(
        capsys,
        "report",
        mixed.path,
        "--contest",
        C,
        "--level",
        "kecamatan",
        "--region",
        tps[:6],
        "--out",
        pdf,
        "--user",
        "supervisor1",
    )
    assert code == 0, err
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "TPS DENGAN PEMUNGUTAN SUARA ULANG" in text
    assert "PSU (Pemungutan Suara Ulang)" in text and ref in text
    code, out, _ = run(capsys, "repeat", "list", mixed.path, "--json")
    assert [(r["tps"], r["kind"]) for r in json.loads(out)] == [(tps, "PSU")]
