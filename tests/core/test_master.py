"""Tests of the master workbook reader (xlsx and CSV folder) and of its template."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kamarhitung.core.master import (
    PASLON_COLUMNS,
    TPS_COLUMNS,
    MasterData,
    MasterError,
    MasterProblem,
    read_master,
    read_master_rows,
    write_master_template,
)
from kamarhitung.core.model import Level, Region

Row = Sequence[object]

PROV = "JAWA TIMUR"
KAB = "KOTA SURABAYA"


def tps_row(
    code: object = "3578011001",
    number: object = 1,
    dpt_l: object = 100,
    dpt_p: object = 110,
    kecamatan: str = "KARANG PILANG",
    desa: str = "WARU GUNUNG",
) -> list[object]:
    return [code, PROV, KAB, kecamatan, desa, number, dpt_l, dpt_p]


GOOD_TPS: list[list[object]] = [
    tps_row("3578021002", 1, 120, 125, "JAMBANGAN", "KARAH"),
    tps_row("3578011001", 2, 130, 131),
    tps_row("3578011001", 1, 100, 110),
    tps_row("3578011002", 1, 90, 95, desa="KARANG PILANG"),
]
GOOD_PASLON: list[list[object]] = [
    ["walikota", 2, "Ahmad Fauzi", "Dewi Lestari"],
    ["Gubernur", 1, "Bambang Sutrisno", "Rina Wulandari"],
    ["walikota", 1, "Budi Santoso", "Siti Rahmawati"],
    ["gubernur", 2, "Joko Prasetyo", ""],
]


def make_xlsx(
    path: Path,
    tps: Sequence[Row] | None = GOOD_TPS,
    paslon: Sequence[Row] | None = GOOD_PASLON,
    *,
    tps_header: Row = TPS_COLUMNS,
    paslon_header: Row = PASLON_COLUMNS,
) -> Path:
    """A workbook with the sheets given; None leaves a sheet out."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for title, header, rows in (("TPS", tps_header, tps), ("PASLON", paslon_header, paslon)):
        if rows is None:
            continue
        ws = wb.create_sheet(title)
        ws.append(list(header))
        for row in rows:
            ws.append(list(row))
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    wb.save(path)
    return path


def problems_of(path: Path) -> tuple[MasterProblem, ...]:
    with pytest.raises(MasterError) as info:
        read_master(path)
    return info.value.problems


def where(problems: Sequence[MasterProblem]) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.sheet, p.row, p.column, p.code) for p in problems]


def only_problem(path: Path) -> MasterProblem:
    problems = problems_of(path)
    assert len(problems) == 1, [p.text for p in problems]
    return problems[0]


# ------------------------------------------------------------------------------------- good input


def test_good_workbook_round_trips(tmp_path: Path) -> None:
    m = read_master(make_xlsx(tmp_path / "master.xlsx"))
    assert m.provinsi == Region("35", PROV, Level.PROVINSI)
    assert m.kabupaten == Region("3578", KAB, Level.KABUPATEN)
    assert m.kecamatan == (
        Region("357801", "KARANG PILANG", Level.KECAMATAN),
        Region("357802", "JAMBANGAN", Level.KECAMATAN),
    )
    assert [(d.code, d.name) for d in m.desa] == [
        ("3578011001", "WARU GUNUNG"),
        ("3578011002", "KARANG PILANG"),
        ("3578021002", "KARAH"),
    ]
    assert all(d.level is Level.DESA for d in m.desa)
    assert [(t.id, t.desa_code, t.number, t.dpt_l, t.dpt_p) for t in m.tps] == [
        ("3578011001001", "3578011001", 1, 100, 110),
        ("3578011001002", "3578011001", 2, 130, 131),
        ("3578011002001", "3578011002", 1, 90, 95),
        ("3578021002001", "3578021002", 1, 120, 125),
    ]
    assert [c.id for c in m.contests] == ["gubernur", "walikota"]
    gub, wali = m.contests
    assert gub.name == "Pemilihan Gubernur dan Wakil Gubernur"
    assert gub.template_id == "pilkada-kwk"
    assert [(p.contest, p.nomor_urut, p.nama_calon, p.nama_wakil) for p in gub.paslon] == [
        ("gubernur", 1, "Bambang Sutrisno", "Rina Wulandari"),
        ("gubernur", 2, "Joko Prasetyo", ""),
    ]
    assert wali.paslon_numbers == (1, 2)
    assert wali.paslon[0].nama_calon == "Budi Santoso"


def test_template_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_master_template(path)
    m = read_master(path)
    assert len(m.tps) == 1 and len(m.contests) == 1
    assert m.tps[0].id == "3578011001001"
    assert len(m.contests[0].paslon) == 1

    wb = load_workbook(path)
    assert wb.sheetnames == ["TPS", "PASLON"]
    tps = wb["TPS"]
    assert [c.value for c in tps[1]] == list(TPS_COLUMNS)
    assert all(c.font.bold for c in tps[1])
    assert tps["A2"].number_format == "@"
    assert isinstance(tps["A2"].value, str)
    assert tps.column_dimensions["A"].number_format == "@"
    assert (tps.column_dimensions["A"].width or 0) >= 12
    paslon = wb["PASLON"]
    assert [c.value for c in paslon[1]] == list(PASLON_COLUMNS)
    assert all(c.font.bold for c in paslon[1])
    assert (paslon.column_dimensions["C"].width or 0) >= 20


def test_headers_in_other_order_and_case_with_extra_columns(tmp_path: Path) -> None:
    header = ["No", " DPT_P ", "Desa", "Kode Desa", "catatan", "KECAMATAN", "Nomor_TPS"]
    header += ["Kabupaten", "dpt_l", "PROVINSI"]
    rows = [
        [1, 110, "WARU GUNUNG", "35.78.01.1001", "ok", "KARANG PILANG", "001", KAB, 100, PROV],
    ]
    paslon_header = ["Nama_Wakil", "x", "NOMOR_URUT", "nama_calon", "Pemilihan"]
    paslon = [["Siti", "y", 1, "Budi", " WALIKOTA "]]
    path = make_xlsx(
        tmp_path / "m.xlsx", rows, paslon, tps_header=header, paslon_header=paslon_header
    )
    m = read_master(path)
    assert [(t.id, t.dpt_l, t.dpt_p) for t in m.tps] == [("3578011001001", 100, 110)]
    assert m.desa[0].name == "WARU GUNUNG"
    assert m.contests[0].id == "walikota"
    assert m.contests[0].paslon[0].nama_wakil == "Siti"


def test_blank_rows_are_skipped(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [None] * 8,
        tps_row(number=1),
        ["", "  ", None, None, None, None, None, None],
        tps_row(number=2),
        [None] * 8,
        tps_row(number="x"),
    ]
    paslon: list[list[object]] = [[], ["bupati", 1, "A", "B"], [None, None, None, None]]
    (p,) = problems_of(make_xlsx(tmp_path / "m.xlsx", rows, paslon))
    # Rows keep their numbers as the user sees them: header 1, blank 2, ..., "x" on row 7.
    assert where([p]) == [("TPS", 7, "nomor_tps", "not_a_number")]

    rows.pop()
    m = read_master(make_xlsx(tmp_path / "m2.xlsx", rows, paslon))
    assert [t.number for t in m.tps] == [1, 2]


def test_title_rows_above_the_header(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "TPS"
    ws.append(["DAFTAR TPS PILKADA 2024"])
    ws.append([])
    ws.append(list(TPS_COLUMNS))
    ws.append(tps_row(dpt_l=-5))
    ps = wb.create_sheet("PASLON")
    ps.append(list(PASLON_COLUMNS))
    ps.append(["bupati", 1, "A", "B"])
    wb.save(tmp_path / "m.xlsx")
    p = only_problem(tmp_path / "m.xlsx")
    assert where([p]) == [("TPS", 4, "dpt_l", "negative")]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("3578011001", "3578011001"),
        (" 35.78.01.1001 ", "3578011001"),
        (3578011001, "3578011001"),
        (3578011001.0, "3578011001"),
        (1101012001, "1101012001"),
    ],
)
def test_codes_turned_into_numbers_are_accepted(
    tmp_path: Path, code: object, expected: str
) -> None:
    m = read_master(make_xlsx(tmp_path / "m.xlsx", [tps_row(code)]))
    assert m.desa[0].code == expected
    assert m.kabupaten.code == expected[:4]
    assert m.provinsi.code == expected[:2]
    assert m.kecamatan[0].code == expected[:6]


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, 1), (1.0, 1), ("001", 1), ("12", 12), (901, 901), ("999", 999)],
)
def test_tps_numbers_accepted(tmp_path: Path, number: object, expected: int) -> None:
    m = read_master(make_xlsx(tmp_path / "m.xlsx", [tps_row(number=number)]))
    assert m.tps[0].number == expected
    assert m.tps[0].id == f"3578011001{expected:03d}"


def test_dpt_accepts_integral_floats_and_text(tmp_path: Path) -> None:
    m = read_master(make_xlsx(tmp_path / "m.xlsx", [tps_row(dpt_l=100.0, dpt_p="0")]))
    assert (m.tps[0].dpt_l, m.tps[0].dpt_p) == (100, 0)


# -------------------------------------------------------------------------------- bad whole files


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("text.xlsx", b"kode_desa,provinsi\n3578011001,JAWA TIMUR\n"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
        ("master.csv", b"kode_desa,provinsi\n"),
    ],
)
def test_not_an_xlsx(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    p = only_problem(path)
    assert where([p]) == [(name, None, None, "not_xlsx")]
    assert name in p.text


def test_zip_that_is_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    p = only_problem(path)
    assert (p.sheet, p.code) == ("archive.xlsx", "not_xlsx")
    assert "ZIP" in p.text


def test_broken_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    p = only_problem(path)
    assert (p.sheet, p.code) == ("broken.xlsx", "not_xlsx")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "master.xlsx"
    path.write_bytes(b"")
    p = only_problem(path)
    assert where([p]) == [("master.xlsx", None, None, "empty")]


def test_missing_file(tmp_path: Path) -> None:
    p = only_problem(tmp_path / "nope.xlsx")
    assert p.code == "not_found"


def test_empty_workbook(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "m.xlsx", None, None)
    assert where(problems_of(path)) == [
        ("TPS", None, None, "missing_sheet"),
        ("PASLON", None, None, "missing_sheet"),
    ]


def test_empty_sheets(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "TPS"
    wb.create_sheet("PASLON")
    wb.save(tmp_path / "m.xlsx")
    assert where(problems_of(tmp_path / "m.xlsx")) == [
        ("TPS", None, None, "empty"),
        ("PASLON", None, None, "empty"),
    ]


def test_headers_but_no_rows(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "m.xlsx", [], [[None, None, None, None]])
    assert where(problems_of(path)) == [
        ("TPS", None, None, "no_rows"),
        ("PASLON", None, None, "no_rows"),
    ]


def test_missing_sheet(tmp_path: Path) -> None:
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", paslon=None))
    assert where([p]) == [("PASLON", None, None, "missing_sheet")]
    assert "TPS" in p.text  # names the sheets the workbook has


def test_sheet_names_match_case_insensitively(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "tps"
    ws.append(list(TPS_COLUMNS))
    ws.append(tps_row())
    ps = wb.create_sheet("Paslon")
    ps.append(list(PASLON_COLUMNS))
    ps.append(["bupati", 1, "A", "B"])
    wb.save(tmp_path / "m.xlsx")
    assert len(read_master(tmp_path / "m.xlsx").tps) == 1


def test_missing_column_and_row_problems_together(tmp_path: Path) -> None:
    header = [c for c in TPS_COLUMNS if c != "dpt_p"]
    rows = [[*tps_row()[:7]], [*tps_row(number=2, dpt_l="abc")[:7]]]
    problems = problems_of(make_xlsx(tmp_path / "m.xlsx", rows, tps_header=header))
    assert where(problems) == [
        ("TPS", 1, "dpt_p", "missing_column"),
        ("TPS", 3, "dpt_l", "not_a_number"),
    ]
    assert "dpt_p" in problems[0].text


# --------------------------------------------------------------------------------- bad TPS rows


def test_duplicate_tps_names_both_rows(tmp_path: Path) -> None:
    rows = [tps_row(number=1), tps_row(number=2), tps_row("35.78.01.1001", "001")]
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", rows))
    assert where([p]) == [("TPS", 4, "nomor_tps", "duplicate_tps")]
    assert "row 4" in p.text and "row 2" in p.text


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("abc", "not_a_number"),
        (12.5, "not_a_number"),
        ("1.000", "not_a_number"),
        (True, "not_a_number"),
        (-1, "negative"),
        ("-3", "negative"),
        (None, "empty_value"),
    ],
)
def test_bad_dpt(tmp_path: Path, value: object, code: str) -> None:
    rows = [tps_row(number=1), tps_row(number=2, dpt_p=value)]
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", rows))
    assert where([p]) == [("TPS", 3, "dpt_p", code)]
    assert p.text.startswith("Sheet TPS, row 3, column dpt_p: ")
    assert "row 3" in p.text and "dpt_p" in p.text and "TPS" in p.text


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "bad_tps_number"),
        (1000, "bad_tps_number"),
        ("-1", "bad_tps_number"),
        (1.5, "not_a_number"),
        ("satu", "not_a_number"),
        ("", "empty_value"),
    ],
)
def test_bad_tps_number(tmp_path: Path, value: object, code: str) -> None:
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", [tps_row(number=value)]))
    assert where([p]) == [("TPS", 2, "nomor_tps", code)]


@pytest.mark.parametrize(
    "code",
    ["357801100", "35780110011", "35.78.01.100", "3578O11001", "0578011001", "3578010000"],
)
def test_desa_code_of_wrong_shape(tmp_path: Path, code: str) -> None:
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", [tps_row(code)]))
    assert where([p]) == [("TPS", 2, "kode_desa", "bad_desa_code")]


@pytest.mark.parametrize(
    "code",
    [
        357801100,  # too short: lost digits
        35780110011,  # too long
        3578011001.5,  # a fraction
        3.57801e9,  # scientific notation rounded: 3578010000
        "3.57801E+09",  # the same, as CSV text
    ],
)
def test_codes_turned_into_numbers_that_are_ambiguous(tmp_path: Path, code: object) -> None:
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", [tps_row(code)]))
    assert where([p]) == [("TPS", 2, "kode_desa", "ambiguous_code")]
    assert "text" in p.text


def test_desa_codes_of_two_kabupaten(tmp_path: Path) -> None:
    rows = [
        tps_row("3578011001", 1),
        tps_row("3579011001", 1),
        tps_row("3578011001", 2),
        tps_row("3579011001", 2),
        tps_row("3578011001", 3),
    ]
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", rows))
    assert where([p]) == [("TPS", 3, "kode_desa", "two_kabupaten")]
    assert "rows 3 and 5" in p.text and "35.79" in p.text and "35.78" in p.text
    assert "row 2" in p.text


def test_inconsistent_names(tmp_path: Path) -> None:
    rows = [
        tps_row(number=1),
        tps_row(number=2, desa="waru  gunung"),  # same name, other case and spacing
        tps_row(number=3, desa="KEBRAON"),
        tps_row("3578011002", 1, kecamatan="KARANGPILANG", desa="KEDURUS"),
    ]
    problems = problems_of(make_xlsx(tmp_path / "m.xlsx", rows))
    assert where(problems) == [
        ("TPS", 4, "desa", "inconsistent_name"),
        ("TPS", 5, "kecamatan", "inconsistent_name"),
    ]
    assert "KEBRAON" in problems[0].text and "WARU GUNUNG" in problems[0].text


def test_empty_names(tmp_path: Path) -> None:
    row = tps_row()
    row[1] = None
    row[4] = "  "
    assert where(problems_of(make_xlsx(tmp_path / "m.xlsx", [row]))) == [
        ("TPS", 2, "provinsi", "empty_value"),
        ("TPS", 2, "desa", "empty_value"),
    ]


# ------------------------------------------------------------------------------ bad PASLON rows


def test_paslon_number_repeated(tmp_path: Path) -> None:
    paslon = [["bupati", 1, "A", "B"], ["bupati", 2, "C", "D"], ["Bupati", 1.0, "E", "F"]]
    paslon.append(["gubernur", 1, "G", "H"])  # the same number in another contest is fine
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", paslon=paslon))
    assert where([p]) == [("PASLON", 4, "nomor_urut", "duplicate_paslon")]
    assert "row 2" in p.text


@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        (["bupati", 0, "A", "B"], "nomor_urut", "bad_paslon_number"),
        (["bupati", 7, "A", "B"], "nomor_urut", "bad_paslon_number"),
        (["bupati", "satu", "A", "B"], "nomor_urut", "not_a_number"),
        (["bupati", 1, "", "B"], "nama_calon", "empty_value"),
        (["", 1, "A", "B"], "pemilihan", "empty_value"),
        (["bupati/wakil", 1, "A", "B"], "pemilihan", "bad_contest"),
    ],
)
def test_bad_paslon_row(tmp_path: Path, row: list[object], column: str, code: str) -> None:
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", paslon=[row]))
    assert where([p]) == [("PASLON", 2, column, code)]


def test_contest_id_is_lower_cased_without_spaces(tmp_path: Path) -> None:
    m = read_master(make_xlsx(tmp_path / "m.xlsx", paslon=[["Wali Kota", 1, "A", "B"]]))
    assert m.contests[0].id == "walikota"


# ------------------------------------------------------------------------------- all at once


def test_three_faults_give_three_problems(tmp_path: Path) -> None:
    rows = [tps_row(number=1), tps_row(number=2, dpt_l="abc"), tps_row(number=1)]
    paslon = [["bupati", 1, "A", "B"], ["bupati", 9, "C", "D"]]
    path = make_xlsx(tmp_path / "m.xlsx", rows, paslon)
    with pytest.raises(MasterError) as e:
        read_master(path)
    problems = e.value.problems
    assert where(problems) == [
        ("TPS", 3, "dpt_l", "not_a_number"),
        ("TPS", 4, "nomor_tps", "duplicate_tps"),
        ("PASLON", 3, "nomor_urut", "bad_paslon_number"),
    ]
    assert str(e.value).splitlines() == [p.text for p in problems]


def test_read_master_rows_directly() -> None:
    m = read_master_rows([TPS_COLUMNS, tps_row()], [PASLON_COLUMNS, ("presiden", 1, "A", "B")])
    assert isinstance(m, MasterData)
    assert m.contests[0].template_id == "pemilu2024-c-hasil-ppwp"
    with pytest.raises(MasterError) as info:
        read_master_rows(None, [PASLON_COLUMNS, ("presiden", 1, "A", "B")])
    assert where(info.value.problems) == [("TPS", None, None, "missing_sheet")]


# ------------------------------------------------------------------------------------ CSV folder


def write_csv(path: Path, lines: Sequence[str], *, bom: bool = False) -> None:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + ("\r\n".join(lines) + "\r\n").encode())


def test_csv_folder_good(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "tps.CSV",
        [
            ",".join(TPS_COLUMNS),
            "3578021002,JAWA TIMUR,KOTA SURABAYA,JAMBANGAN,KARAH,001,120,125",
            "",
            '35.78.01.1001,JAWA TIMUR,KOTA SURABAYA,KARANG PILANG,"WARU GUNUNG",002,130,131',
        ],
        bom=True,
    )
    write_csv(
        tmp_path / "PASLON.csv",
        ["Pemilihan;Nomor_Urut;Nama_Calon;Nama_Wakil", "Bupati;1;Budi Santoso;Siti Rahmawati"],
    )
    m = read_master(tmp_path)
    assert [t.id for t in m.tps] == ["3578011001002", "3578021002001"]
    assert m.desa[0].name == "WARU GUNUNG"
    assert m.contests[0].paslon[0].nama_wakil == "Siti Rahmawati"


def test_csv_folder_keeps_leading_zeros_and_reports_bad_rows(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "TPS.csv",
        [
            ",".join(TPS_COLUMNS),
            "0578011001,JAWA TIMUR,KOTA SURABAYA,KARANG PILANG,WARU GUNUNG,1,120,125",
            "3578011001,JAWA TIMUR,KOTA SURABAYA,KARANG PILANG,WARU GUNUNG,1,-1,125",
        ],
    )
    problems = problems_of(tmp_path)
    assert where(problems) == [
        ("TPS", 2, "kode_desa", "bad_desa_code"),
        ("TPS", 3, "dpt_l", "negative"),
        ("PASLON", None, None, "missing_sheet"),
    ]
    assert problems[0].text.startswith("File TPS.csv, row 2, column kode_desa:")
    assert "PASLON.csv" in problems[2].text


def test_csv_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "TPS.csv").write_bytes(",".join(TPS_COLUMNS).encode() + b"\nKEC \xe9\n")
    write_csv(tmp_path / "PASLON.csv", [",".join(PASLON_COLUMNS), "bupati,1,A,B"])
    p = only_problem(tmp_path)
    assert where([p]) == [("TPS", None, None, "not_utf8")]


# --- kolom kosong (a single-candidate contest) -----------------------------------------------


def test_a_single_candidate_contest_has_its_empty_column(tmp_path: Path) -> None:
    paslon = [["bupati", 1, "Budi Santoso", "Siti R"], ["bupati", 2, " kolom  kosong ", None]]
    m = read_master(make_xlsx(tmp_path / "m.xlsx", GOOD_TPS, paslon))
    (c,) = m.contests
    assert [(p.nomor_urut, p.nama_calon, p.nama_wakil) for p in c.paslon] == [
        (1, "Budi Santoso", "Siti R"),
        (2, "KOLOM KOSONG", ""),
    ]
    assert [p.is_kolom_kosong for p in c.paslon] == [False, True]
    assert [p.names() for p in c.paslon] == ["Budi Santoso – Siti R", "Kolom kosong"]


@pytest.mark.parametrize(
    ("paslon", "row", "column", "text"),
    [
        (
            [["bupati", 1, "A", "B"], ["bupati", 2, "KOLOM KOSONG", "X"]],
            3,
            "nama_wakil",
            "has no running mate, but 'X' is given",
        ),
        (
            [["bupati", 1, "A", "B"], ["bupati", 2, "C", "D"], ["bupati", 3, "KOLOM KOSONG", ""]],
            4,
            "nama_calon",
            "stands against a single candidate pair, but bupati has 2 pairs",
        ),
        (
            [["bupati", 1, "A", "B"], ["bupati", 2, "KOLOM KOSONG", ""], ["bupati", 3, "kolom kosong", ""]],
            4,
            "nama_calon",
            "more than one KOLOM KOSONG row (the first is row 3)",
        ),
    ],
)  # fmt: skip
def test_kolom_kosong_rows_that_cannot_be(
    tmp_path: Path, paslon: list[list[object]], row: int, column: str, text: str
) -> None:
    p = only_problem(make_xlsx(tmp_path / "m.xlsx", GOOD_TPS, paslon))
    assert (p.sheet, p.row, p.column, p.code) == ("PASLON", row, column, "kolom_kosong")
    assert text in p.text
