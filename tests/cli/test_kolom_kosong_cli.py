"""A single-candidate contest: the pair against the empty column (kolom kosong), end to end.

The master's ``KOLOM KOSONG`` row is keyed like a pair (``IV.<nomor_urut>``), summed in the
recap, and reported in the D.HASIL with the label "Kolom kosong" and the section's wording for
a single-candidate contest; the empty column has no witness of its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information
import pytest

from kamarhitung import cli


class FormsKit(Protocol):
    def workspace(
        self, paslon: list[tuple[str, int, str, str]], provinsi: tuple[str, str] = ...
    ) -> Path: ...


PASLON = [("bupati", 1, "LUKMAN WIBOWO", "RAHMAT SANTOSO"), ("bupati", 2, "KOLOM KOSONG", "")]


def _values(pair: int, empty: int) -> dict[str, int]:
    voters = pair + empty + 4
    v: dict[str, int] = {}
    for row, (lv, pv) in {
        "I.A.1": (200, 210), "I.A.2": (0, 0), "I.A.3": (2, 2), "I.A.4": (202, 212),
        "I.B.1": (voters // 2, voters - voters // 2 - 4), "I.B.2": (0, 0), "I.B.3": (2, 2),
        "I.B.4": (voters // 2 + 2, voters - voters // 2 - 2),
        "III.1": (1, 1), "III.2": (1, 0),
    }.items():  # fmt: skip
        v[f"{row}.L"], v[f"{row}.P"], v[f"{row}.J"] = lv, pv, lv + pv
    v.update({"II.1": 421, "II.2": voters, "II.3": 1, "II.4": 420 - voters})
    v.update({"IV.1": pair, "IV.2": empty, "V.A": pair + empty, "V.B": 4, "V.C": voters})
    return v


def test_kolom_kosong_is_keyed_summed_and_reported(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    forms_kit: FormsKit,
) -> None:
    ws = forms_kit.workspace(PASLON)
    for name, role in (("op1", "operator"), ("op2", "operator"), ("sup", "supervisor")):
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
        monkeypatch.setenv("KAMARHITUNG_NEW_PASSWORD", f"sandi-{name}-1234")
        assert (
            cli.main(["users", "add", str(ws), "--user", "ketua", "--name", name, "--role", role])
            == 0
        )
    forms = {"3578011001001": _values(150, 60), "3578011001002": _values(90, 120)}
    entries: list[dict[str, Any]] = [
        {"tps": t, "contest": "bupati", "values": v} for t, v in forms.items()
    ]
    f = tmp_path / "entries.json"
    f.write_text(json.dumps(entries))
    for user in ("op1", "op2"):
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", f"sandi-{user}-1234")
        capsys.readouterr()
        assert cli.main(["entry", "submit", str(ws), str(f), "--user", user, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["state"] for r in out] == ["final", "final"]
    assert all(r["findings"] == [] for r in out)

    recap = tmp_path / "recap.json"
    argv = ["recap", str(ws), "--contest", "bupati", "--level", "kabupaten", "--format", "json"]
    assert cli.main([*argv, "--out", str(recap)]) == 0
    (row,) = json.loads(recap.read_text())["rows"]
    assert (row["values"]["IV.1"], row["values"]["IV.2"]) == (240, 180)

    pdf = tmp_path / "kab.pdf"
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "sandi-sup-1234")
    argv = ["report", str(ws), "--contest", "bupati", "--level", "kabupaten", "--out", str(pdf)]
    assert cli.main([*argv, "--user", "sup"]) == 0
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "IV. DATA PEROLEHAN SUARA PASANGAN CALON DAN KOLOM KOSONG" in text
    assert "1. LUKMAN WIBOWO – RAHMAT SANTOSO" in text
    assert "2. Kolom kosong" in text
    assert "Paslon nomor urut 1" in text and "Paslon nomor urut 2" not in text
