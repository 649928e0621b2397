"""``kamarhitung recap | anomalies | official import | selisih`` through ``cli.main``: the Recap
JSON of INTERFACES.md at every level, CSV, the xlsx read back equal to the JSON, official numbers
in every shape, and a bad file refused with exit 2 and nothing imported."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Protocol

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from kamarhitung import cli
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import OfficialImportRow, RecordRow

C = "gubernur"
CODE_LENGTHS = {"tps": 13, "desa": 10, "kecamatan": 6, "kabupaten": 4}


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def finals(ws: Workspace, contest: str = C) -> dict[str, dict[str, int]]:
    with ws.store.reading() as s:
        rows = s.execute(
            select(RecordRow.tps_id, RecordRow.final_values).where(
                RecordRow.contest_id == contest, RecordRow.state == "final"
            )
        ).all()
    return {t: json.loads(v or "null") for t, v in rows}


def recap_json(
    capsys: pytest.CaptureFixture[str], d: Demo, level: str, contest: str = C
) -> dict[str, Any]:
    code, out, err = run(
        capsys,
        "recap",
        d.path,
        "--contest",
        contest,
        "--level",
        level,
        "--format",
        "json",
        "--out",
        "-",
    )
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


@pytest.mark.parametrize("contest", ["gubernur", "bupati"])
def test_recap_json_at_every_level(
    mixed: Demo, capsys: pytest.CaptureFixture[str], contest: str
) -> None:
    fin = finals(mixed.ws, contest)
    fields = list(mixed.ws.form_spec(contest).field_ids)
    fingerprints = set()
    for level, n in CODE_LENGTHS.items():
        doc = recap_json(capsys, mixed, level, contest)
        assert list(doc) == ["contest", "level", "generated_at", "fingerprint", "rows"]
        assert doc["contest"] == contest and doc["level"] == level
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", doc["generated_at"])
        assert re.fullmatch(r"[0-9a-f]{64}", doc["fingerprint"])
        fingerprints.add(doc["fingerprint"])
        rows = doc["rows"]
        assert [r["code"] for r in rows] == sorted(r["code"] for r in rows)
        for r in rows:
            assert list(r) == ["code", "name", "tps_total", "tps_final", "values"]
            assert len(r["code"]) == n and r["code"].isdigit()
            assert list(r["values"]) == fields
            mine = [v for t, v in fin.items() if t.startswith(r["code"])]
            assert r["tps_final"] == len(mine)
            assert r["values"] == {f: sum(v[f] for v in mine) for f in fields}
        assert sum(r["tps_total"] for r in rows) == 60
        assert sum(r["tps_final"] for r in rows) == len(fin)
    assert len(fingerprints) == 1
    assert len(recap_json(capsys, mixed, "kabupaten", contest)["rows"]) == 1


def test_recap_csv_equals_the_json(
    mixed: Demo, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.csv"
    code, stdout, err = run(
        capsys, "recap", mixed.path, "--contest", C, "--level", "desa", "--out", out
    )
    assert code == 0, err
    assert "fingerprint" in stdout
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    doc = recap_json(capsys, mixed, "desa")
    fields = list(mixed.ws.form_spec(C).field_ids)
    assert rows[0] == ["code", "name", "tps_total", "tps_final", *fields]
    assert [
        {
            "code": r[0],
            "name": r[1],
            "tps_total": int(r[2]),
            "tps_final": int(r[3]),
            "values": dict(zip(fields, map(int, r[4:]), strict=True)),
        }
        for r in rows[1:]
    ] == doc["rows"]


def read_sheet(ws: Any) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    """A recap sheet back as JSON rows (by the keys in column A), its JUMLAH column, its title."""
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    keys = {r[0]: r for r in grid if r and isinstance(r[0], str)}
    codes = keys["KODE"]
    last = codes.index("JUMLAH")
    fields = [r[0] for r in grid if r and isinstance(r[0], str) and "." in r[0] and r[3:]]
    fields = [f for f in fields if isinstance(keys[f][3], int)]
    rows = [
        {
            "code": codes[c],
            "name": keys["NAMA"][c],
            "tps_total": keys["JUMLAH TPS"][c],
            "tps_final": keys["TPS FINAL"][c],
            "values": {f: keys[f][c] for f in fields},
        }
        for c in range(3, last)
    ]
    total = {f: keys[f][last] for f in fields}
    title = {r[0]: r[1] for r in grid[1:9] if r and r[0]}
    return rows, total, title


@pytest.mark.parametrize("level", ["desa", "kecamatan", "tps"])
def test_recap_xlsx_reads_back_equal_to_the_json(
    mixed: Demo, capsys: pytest.CaptureFixture[str], tmp_path: Path, level: str
) -> None:
    out = tmp_path / "r.xlsx"
    code, _, err = run(
        capsys,
        "recap",
        mixed.path,
        "--contest",
        C,
        "--level",
        level,
        "--format",
        "xlsx",
        "--out",
        out,
    )
    assert code == 0, err
    doc = recap_json(capsys, mixed, level)
    wb = load_workbook(out)
    above = ["desa", "kecamatan", "kabupaten"][["desa", "kecamatan", "tps"].index(level) :]
    if level == "tps":
        tps_sheets = [n for n in wb.sheetnames if n.startswith("TPS ")]
        assert wb.sheetnames == [*tps_sheets, "DESA", "KECAMATAN", "KABUPATEN"]
        rows: list[dict[str, Any]] = []
        for name in tps_sheets:
            part, total, _ = read_sheet(wb[name])
            rows += part
            kec = recap_json(capsys, mixed, "kecamatan")["rows"]
            assert total == next(r["values"] for r in kec if r["code"] == name[4:])
    else:
        assert wb.sheetnames == [x.upper() for x in above]
        rows, total, title = read_sheet(wb[level.upper()])
        assert title["Sidik data"].replace(" ", "") == doc["fingerprint"]
        assert re.fullmatch(r"\d{4}-.*[+-]\d\d:\d\d", title["Dibuat"])
        kab = recap_json(capsys, mixed, "kabupaten")["rows"][0]["values"]
        assert total == kab
    assert rows == doc["rows"]
    sheet = wb[wb.sheetnames[0]]
    assert sheet.freeze_panes is not None and sheet.freeze_panes.startswith("D")
    first_value = next(
        c for row in sheet.iter_rows(min_col=4, max_col=4) for c in row if isinstance(c.value, int)
    )
    assert first_value.number_format == "#,##0"
    assert sheet.column_dimensions["B"].width > 30


def test_recap_refusals(mixed: Demo, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "recap", mixed.path, "--contest", "dpr", "--out", tmp_path / "x")
    assert code == 2 and "dpr" in err
    code, _, err = run(
        capsys, "recap", mixed.path, "--contest", C, "--level", "provinsi", "--out", "-"
    )
    assert code == 2
    code, _, err = run(capsys, "recap", mixed.path, "--level", "desa", "--out", "-")
    assert code == 2 and "--contest" in err
    code, _, err = run(
        capsys, "recap", mixed.path, "--contest", C, "--format", "xlsx", "--out", "-"
    )
    assert code == 2 and "xlsx" in err


def test_recap_with_a_user_and_a_wrong_password(
    mixed: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("operator1"))
    code, out, _ = run(
        capsys, "recap", mixed.path, "--contest", C, "--out", "-", "--user", "operator1"
    )
    assert code == 0 and json.loads(out)["level"] == "kecamatan"
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "wrong-password-1")
    code, _, _ = run(capsys, "recap", mixed.path, "--contest", C, "--out", "-", "--user", "admin")
    assert code == 2


def test_anomalies_json(mixed: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "anomalies", mixed.path, "--contest", C, "--json")
    assert code == 0, err
    items = json.loads(out)
    assert isinstance(items, list)
    for x in items:
        assert list(x) == ["tps", "code", "level", "detail"]
        assert len(x["tps"]) in (6, 13) and x["level"] in ("E", "W")
        assert isinstance(x["detail"], dict)
    code, _, _ = run(capsys, "anomalies", mixed.path, "--contest", C, "--json", "--check")
    assert code == (1 if items else 0)


def write_official(path: Path, ws: Workspace) -> tuple[Path, set[tuple[str, str, int, int]]]:
    fin = sorted(finals(ws).items())
    lines = ["tps,pemilihan,IV.1,IV.2,IV.3,V.A,V.B,V.C"]
    planted = set()
    for i, (t, v) in enumerate(fin):
        iv1 = v["IV.1"] + (2 if i == 1 else 0)
        if i == 1:
            planted.add((t, "IV.1", iv1, v["IV.1"]))
        lines.append(f"{t},{C},{iv1},{v['IV.2']},{v['IV.3']},{v['V.A']},{v['V.B']},{v['V.C']}")
    path.write_text("\n".join(lines) + "\n")
    return path, planted


def test_official_import_then_selisih(
    mixed: Demo,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path, planted = write_official(tmp_path / "resmi.csv", mixed.ws)
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("supervisor1"))
    code, out, err = run(
        capsys, "official", "import", mixed.path, path, "--user", "supervisor1", "--json"
    )
    assert code == 0, err
    res = json.loads(out)
    assert res["forms"] == len(finals(mixed.ws)) and res["format"] == "csv"
    code, out, err = run(capsys, "selisih", mixed.path, "--contest", C, "--json")
    assert code == 0, err
    diffs = json.loads(out)
    assert all(list(x) == ["tps", "field", "official", "ours"] for x in diffs)
    assert {(x["tps"], x["field"], x["official"], x["ours"]) for x in diffs} == planted
    code, _, _ = run(capsys, "selisih", mixed.path, "--contest", C, "--json", "--check")
    assert code == 1
    code, out, _ = run(
        capsys, "selisih", mixed.path, "--contest", C, "--json", "--summary", "kecamatan"
    )
    summary = json.loads(out)
    assert sum(r["tps_different"] for r in summary) == 1
    assert sum(r["difference"]["IV.1"] for r in summary) == -2


def test_official_import_of_sirekap_json_with_a_paslon_map_file(
    mixed: Demo,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    fin = sorted(finals(mixed.ws).items())[:3]
    ids = {1: "100026", 2: "100025", 3: "100027"}
    for t, v in fin:
        obj = {
            "chart": {ids[n]: v[f"IV.{n}"] for n in (1, 2, 3)},
            "administrasi": {"suara_sah": v["V.A"], "suara_tidak_sah": None, "suara_total": 0},
        }
        (tmp_path / f"{t}.json").write_text(json.dumps(obj))
    paslon = tmp_path / "ppwp.json"
    paslon.write_text(json.dumps({ids[n]: {"nomor_urut": n, "nama": "X"} for n in (1, 2, 3)}))
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("admin"))
    for t, _ in fin:
        code, _, err = run(
            capsys,
            "official",
            "import",
            mixed.path,
            tmp_path / f"{t}.json",
            "--user",
            "admin",
            "--contest",
            C,
            "--paslon-map",
            paslon,
        )
        assert code == 0, err
    code, out, _ = run(capsys, "selisih", mixed.path, "--contest", C, "--json")
    # Only V.C (0 in the files) differs; a null is not compared.
    assert {(x["tps"], x["field"]) for x in json.loads(out)} == {(t, "V.C") for t, _ in fin}


def imports(ws: Workspace) -> int:
    with ws.store.reading() as s:
        return s.execute(select(func.count()).select_from(OfficialImportRow)).scalar_one()


def test_a_bad_official_file_exits_2_and_imports_nothing(
    mixed: Demo,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path, _ = write_official(tmp_path / "resmi.csv", mixed.ws)
    lines = path.read_text().splitlines()
    lines[4] = lines[4].replace(f",{C},", ",walikota,")
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("supervisor1"))
    code, out, err = run(capsys, "official", "import", mixed.path, path, "--user", "supervisor1")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "resmi.csv: row 5: contest 'walikota' is not in this workspace" in err
    assert "nothing was imported" in err
    assert imports(mixed.ws) == 0
    # Without a user, a command that changes the workspace is refused.
    path2, _ = write_official(tmp_path / "ok.csv", mixed.ws)
    code, _, err = run(capsys, "official", "import", mixed.path, path2)
    assert code == 2 and "--user" in err
    assert imports(mixed.ws) == 0
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("operator1"))
    code, _, err = run(capsys, "official", "import", mixed.path, path2, "--user", "operator1")
    assert code == 2 and "supervisor" in err
    assert imports(mixed.ws) == 0


def test_selisih_counts_pending_tps_on_stderr(
    mixed: Demo,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    with mixed.ws.store.reading() as s:
        pending = (
            s.execute(
                select(RecordRow.tps_id).where(
                    RecordRow.contest_id == C, RecordRow.state != "final"
                )
            )
            .scalars()
            .first()
        )
    assert pending is not None
    path = tmp_path / "p.csv"
    path.write_text(f"tps,IV.1\n{pending},5\n")
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", mixed.password("supervisor2"))
    code, _, err = run(
        capsys, "official", "import", mixed.path, path, "--user", "supervisor2", "--contest", C
    )
    assert code == 0, err
    code, out, err = run(capsys, "selisih", mixed.path, "--contest", C, "--json")
    assert code == 0 and json.loads(out) == []
    assert "1 TPS with official numbers are not final yet" in err
    code, out, _ = run(capsys, "selisih", mixed.path, "--contest", C, "--json", "--include-pending")
    assert json.loads(out) == [{"tps": pending, "field": "IV.1", "official": 5, "ours": None}]
    code, out, err = run(capsys, "selisih", mixed.path, "--contest", C)
    assert code == 0 and out == ""
    assert "0 differences over" in err
