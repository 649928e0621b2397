"""SIREKAP's published Pilkada files, end to end: one TPS JSON each (``tungsura`` with ``chart`` and
``administrasi``, ``psu``, ``status_suara``, ``status_adm``, ``images``) and the candidate file
that maps SIREKAP's ids to ballot numbers, KOLOM KOSONG included, imported at once; selisih over
every field given, per TPS and summed per kecamatan, exactly the planted differences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import pytest

from kamarhitung import cli


class FormsKit(Protocol):
    def workspace(
        self, paslon: list[tuple[str, int, str, str]], provinsi: tuple[str, str] = ...
    ) -> Path: ...


PASLON = [("bupati", 1, "LUKMAN WIBOWO", "RAHMAT SANTOSO"), ("bupati", 2, "KOLOM KOSONG", "")]
TPS = ["3578011001001", "3578011001002", "3578021002001", "3578021002002"]


def form(pair: int, empty: int) -> dict[str, int]:
    voters = pair + empty + 4
    v: dict[str, int] = {}
    rows = {
        "I.A.1": (200, 210), "I.A.2": (0, 0), "I.A.3": (2, 2), "I.A.4": (202, 212),
        "I.B.1": (voters // 2, voters - voters // 2 - 4), "I.B.2": (0, 0), "I.B.3": (2, 2),
        "I.B.4": (voters // 2 + 2, voters - voters // 2 - 2), "III.1": (1, 1), "III.2": (1, 0),
    }  # fmt: skip
    for row, (lv, pv) in rows.items():
        v[f"{row}.L"], v[f"{row}.P"], v[f"{row}.J"] = lv, pv, lv + pv
    v.update({"II.1": 421, "II.2": voters, "II.3": 1, "II.4": 420 - voters})
    v.update({"IV.1": pair, "IV.2": empty, "V.A": pair + empty, "V.B": 4, "V.C": voters})
    return v


def sirekap(v: dict[str, int], **flags: object) -> dict[str, object]:
    """A TPS as SIREKAP publishes it for Pilkada 2024 (candidate ids 9001 pair, 9002 empty)."""
    admin = {
        "pemilih_dpt_l": v["I.A.1.L"], "pemilih_dpt_p": v["I.A.1.P"], "pemilih_dpt_j": v["I.A.1.J"],
        "pengguna_dpt_j": v["I.B.1.J"], "pengguna_total_j": v["I.B.4.J"],
        "pengguna_disabilitas_j": v["III.2.J"], "surat_diterima": v["II.1"],
        "surat_digunakan": v["II.2"], "surat_dikembalikan": v["II.3"],
        "surat_tidak_digunakan": v["II.4"], "suara_sah": v["V.A"], "suara_tidak_sah": v["V.B"],
        "suara_total": v["V.C"], "pengguna_hak_pilih": v["I.B.4.J"],
    }  # fmt: skip
    return {
        "ts": "2024-11-28 10:00:00",
        "psu": None,
        "status_suara": True,
        "status_adm": True,
        "images": ["https://sirekap.invalid/a.jpg", "https://sirekap.invalid/b.jpg"],
        "tungsura": {"chart": {"9001": v["IV.1"], "9002": v["IV.2"], "null": None}, "administrasi": admin},
        **flags,
    }  # fmt: skip


def test_sirekap_pilkada_files_and_exactly_the_real_differences(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    forms_kit: FormsKit,
) -> None:
    ws = forms_kit.workspace(PASLON)
    for name, role in (("op1", "operator"), ("op2", "operator"), ("sup", "supervisor")):
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
        monkeypatch.setenv("KAMARHITUNG_NEW_PASSWORD", f"sandi-{name}-1234")
        argv = ["users", "add", str(ws), "--user", "ketua", "--name", name, "--role", role]
        assert cli.main(argv) == 0
    ours = {t: form(100 + 10 * i, 50 + i) for i, t in enumerate(TPS)}
    entries: list[dict[str, Any]] = [
        {"tps": t, "contest": "bupati", "values": v} for t, v in ours.items()
    ]
    (tmp_path / "e.json").write_text(json.dumps(entries))
    for user in ("op1", "op2"):
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", f"sandi-{user}-1234")
        assert cli.main(["entry", "submit", str(ws), str(tmp_path / "e.json"), "--user", user]) == 0

    # SIREKAP's numbers: two misread on purpose (a vote of the empty column, a voter row).
    theirs = {t: dict(v) for t, v in ours.items()}
    theirs[TPS[1]]["IV.2"] += 7
    theirs[TPS[2]]["I.B.1.J"] -= 3
    folder = tmp_path / "sirekap"
    folder.mkdir()
    for t in TPS:
        flags = {"status_adm": False} if t == TPS[2] else {}
        (folder / f"{t}.json").write_text(json.dumps(sirekap(theirs[t], **flags)))
    candidates = tmp_path / "paslon.json"
    candidates.write_text(
        json.dumps(
            {
                "9001": {"nama": "LUKMAN WIBOWO - RAHMAT SANTOSO", "nomor_urut": 1},
                "9002": {"nama": "KOLOM KOSONG", "nomor_urut": 0},
            }
        )
    )
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "sandi-sup-1234")
    base = ["official", "import", str(ws)]
    # Without the candidate file, with one that does not map 9002: refused, nothing imported.
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"9001": {"nama": "X", "nomor_urut": 1}}))
    capsys.readouterr()
    code = cli.main([*base, str(folder), str(other), "--contest", "bupati", "--user", "sup"])
    err = capsys.readouterr().err
    assert code == 2
    assert "candidate id 9002 is mapped to a ballot number by no candidate file" in err
    assert "nothing was imported" in err
    assert cli.main(["selisih", str(ws), "--contest", "bupati", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []

    code = cli.main(
        [*base, str(folder), str(candidates), "--contest", "bupati", "--user", "sup", "--json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (out["files"], out["candidate_files"], out["forms"], out["flagged"]) == (5, 1, 4, 4)

    assert cli.main(["selisih", str(ws), "--contest", "bupati", "--json"]) == 0
    captured = capsys.readouterr()
    diffs = {(d["tps"], d["field"], d["official"], d["ours"]) for d in json.loads(captured.out)}
    assert diffs == {
        (TPS[1], "IV.2", ours[TPS[1]]["IV.2"] + 7, ours[TPS[1]]["IV.2"]),
        (TPS[2], "I.B.1.J", ours[TPS[2]]["I.B.1.J"] - 3, ours[TPS[2]]["I.B.1.J"]),
    }
    assert "administration_not_verified 1" in captured.err
    assert "official numbers for 4 of 4 TPS" in captured.err

    # Per kecamatan: the sums over its TPS differ exactly by the misread numbers.
    assert (
        cli.main(["selisih", str(ws), "--contest", "bupati", "--level", "kecamatan", "--json"]) == 0
    )
    regional = {
        (d["region"], d["field"], d["official"] - d["ours"])
        for d in json.loads(capsys.readouterr().out)
    }
    assert regional == {("357801", "IV.2", 7), ("357802", "I.B.1.J", -3)}


def test_region_files_and_a_keyed_dhasil(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    forms_kit: FormsKit,
) -> None:
    """SIREKAP's region file (its ``table`` of desa) and a keyed D.HASIL workbook (one column per
    kecamatan) are region totals: selisih at that level compares them with the room's sums."""
    from openpyxl import load_workbook

    ws = forms_kit.workspace(PASLON)
    for name, role in (("op1", "operator"), ("op2", "operator"), ("sup", "supervisor")):
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
        monkeypatch.setenv("KAMARHITUNG_NEW_PASSWORD", f"sandi-{name}-1234")
        argv = ["users", "add", str(ws), "--user", "ketua", "--name", name, "--role", role]
        assert cli.main(argv) == 0
    ours = {t: form(100 + 10 * i, 50 + i) for i, t in enumerate(TPS)}
    entries: list[dict[str, Any]] = [
        {"tps": t, "contest": "bupati", "values": v} for t, v in ours.items()
    ]
    (tmp_path / "e.json").write_text(json.dumps(entries))
    for user in ("op1", "op2"):
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", f"sandi-{user}-1234")
        assert cli.main(["entry", "submit", str(ws), str(tmp_path / "e.json"), "--user", user]) == 0
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "sandi-sup-1234")

    def desa_sum(desa: str, f: str) -> int:
        return sum(v[f] for t, v in ours.items() if t.startswith(desa))

    region = {
        "table": {
            "3578011001": {"9001": desa_sum("3578011001", "IV.1"),
                           "9002": desa_sum("3578011001", "IV.2") + 5,
                           "psu": None, "persen": 100.0, "status_progress": True},
            "3578021002": {"9001": desa_sum("3578021002", "IV.1"),
                           "9002": desa_sum("3578021002", "IV.2"),
                           "psu": None, "persen": 100.0, "status_progress": True},
        },
        "chart": {}, "progres": {"total": 4, "progres": 4},
    }  # fmt: skip
    (tmp_path / "357801.json").write_text(json.dumps(region))
    cand = tmp_path / "paslon.json"
    cand.write_text(
        json.dumps({"9001": {"nama": "A", "nomor_urut": 1}, "9002": {"nama": "KOLOM KOSONG"}})
    )
    argv = ["official", "import", str(ws), str(tmp_path / "357801.json"), str(cand)]
    capsys.readouterr()
    assert cli.main([*argv, "--contest", "bupati", "--user", "sup"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert cli.main(["selisih", str(ws), "--contest", "bupati", "--level", "desa", "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out) == [
        {"region": "3578011001", "field": "IV.2", "official": desa_sum("3578011001", "IV.2") + 5,
         "ours": desa_sum("3578011001", "IV.2")}
    ]  # fmt: skip
    assert "region totals" in out.err

    # The PPK's D.HASIL keyed in the room's own workbook layout, one number changed.
    book = tmp_path / "dhasil.xlsx"
    argv = ["recap", str(ws), "--contest", "bupati", "--level", "kecamatan", "--format", "xlsx"]
    assert cli.main([*argv, "--out", str(book)]) == 0
    wb = load_workbook(book)
    sheet = wb[wb.sheetnames[0]]
    rows = list(sheet.iter_rows())
    kode = next(r for r in rows if r[0].value == "KODE")
    col = next(c.column - 1 for c in kode if c.value == "357802")
    vb = next(r for r in rows if r[0].value == "V.B")
    before = vb[col].value
    assert isinstance(before, int)
    vb[col].value = before + 2
    wb.save(book)
    capsys.readouterr()
    code = cli.main(
        [
            "official",
            "import",
            str(ws),
            str(book),
            "--dhasil",
            "--contest",
            "bupati",
            "--user",
            "sup",
        ]
    )
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    assert (
        cli.main(["selisih", str(ws), "--contest", "bupati", "--level", "kecamatan", "--json"]) == 0
    )
    got = json.loads(capsys.readouterr().out)
    assert [(d["region"], d["field"], d["official"] - d["ours"]) for d in got] == [
        ("357802", "V.B", 2)
    ]
    # A D.HASIL naming a region that is not in the kabupaten is refused, nothing imported.
    kode[col].value = "3579"
    wb.save(book)
    code = cli.main(
        [
            "official",
            "import",
            str(ws),
            str(book),
            "--dhasil",
            "--contest",
            "bupati",
            "--user",
            "sup",
        ]
    )
    assert code == 2 and "region 3579 is not in this kabupaten" in capsys.readouterr().err
