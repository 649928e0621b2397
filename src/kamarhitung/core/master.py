"""The master workbook: the kabupaten's regions, its TPS with their DPT, and the candidate pairs.

A master comes as an xlsx workbook with the sheets ``TPS`` and ``PASLON`` (INTERFACES.md), or as a
folder holding ``TPS.csv`` and ``PASLON.csv`` with the same columns. Both readers only turn their file
into rows of cell values; :func:`read_master_rows` is the one validation path. Every problem found is
collected, with its sheet, row (as the user sees it, header = row 1) and column, and raised at once as
a :class:`MasterError`; nothing is guessed or corrected silently.

Codes are strings. A desa code that a spreadsheet turned into a number is accepted when no digit can
have been lost: Kemendagri province codes run from 11 to 99, so a desa code never starts with 0, and
no part of a real code is all zeros, so ``3578010000`` (``3.57801E+09`` rounded) is refused.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kamarhitung.core.entry import MAX_INPUT
from kamarhitung.core.model import (
    DESA_LEN,
    KOLOM_KOSONG,
    Contest,
    Level,
    Paslon,
    Region,
    Tps,
    contest_name,
    default_template_for,
    is_kolom_kosong,
    tps_id,
    undot,
)
from kamarhitung.core.refusal import CodedError

TPS_SHEET = "TPS"
PASLON_SHEET = "PASLON"
TPS_COLUMNS: tuple[str, ...] = (
    "kode_desa",
    "provinsi",
    "kabupaten",
    "kecamatan",
    "desa",
    "nomor_tps",
    "dpt_l",
    "dpt_p",
)
PASLON_COLUMNS: tuple[str, ...] = ("pemilihan", "nomor_urut", "nama_calon", "nama_wakil")
MAX_TPS_NUMBER = 999
MAX_PASLON_NUMBER = 6
MIN_PROVINCE_CODE = 11
MAX_DPT = MAX_INPUT
"""The most voters a TPS's DPT column may give: what a form field can hold (I.A.1 counts them)."""

# How many non-blank rows at the top of a sheet may be titles above the header row.
_HEADER_SEARCH = 10
# Contests in the order of the region hierarchy; other ids follow alphabetically.
_CONTEST_ORDER = ("presiden", "gubernur", "bupati", "walikota")

_Row = Sequence[object]

_DESA_TEXT = re.compile(r"[0-9]{10}")
_SCIENTIFIC = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
# A whole number as text; "1.0" or "1,00" are accepted, "1.000" is not (a thousands separator?).
_INT_TEXT = re.compile(r"([+-]?[0-9]+)(?:[.,]0{1,2})?")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:[.,][0-9]{3})+")
_CONTEST_ID = re.compile(r"[a-z][a-z0-9_]*")
_HEADER_SPACE = re.compile(r"[\s\-]+")


@dataclass(frozen=True, slots=True)
class MasterProblem:
    """One thing wrong in a master, located as the user sees it in a spreadsheet."""

    sheet: str
    row: int | None
    column: str | None
    code: str
    text: str


class MasterError(CodedError):
    """A master that cannot be used; ``problems`` holds every problem found, not just the first,
    each coded with its sheet, row and column (the screens word each by its code; its English
    ``text`` is the command line's). The refusal itself is ``MASTER_PROBLEMS``."""

    def __init__(self, problems: Iterable[MasterProblem]) -> None:
        self.problems: tuple[MasterProblem, ...] = tuple(problems)
        first = self.problems[0].text if self.problems else ""
        super().__init__("MASTER_PROBLEMS", count=len(self.problems), first=first)

    def __str__(self) -> str:
        return "\n".join(p.text for p in self.problems)


@dataclass(frozen=True, slots=True)
class MasterData:
    """A valid master: one kabupaten, its kecamatan, desa and TPS, and the contests with paslon."""

    provinsi: Region
    kabupaten: Region
    kecamatan: tuple[Region, ...]
    desa: tuple[Region, ...]
    tps: tuple[Tps, ...]
    contests: tuple[Contest, ...]


# --------------------------------------------------------------------------------------- helpers


class _Problems:
    """Problems collected while reading one master."""

    def __init__(self, initial: Iterable[MasterProblem] = ()) -> None:
        self.items: list[MasterProblem] = list(initial)

    def add(self, sheet: str, row: int | None, column: str | None, code: str, text: str) -> None:
        self.items.append(MasterProblem(sheet, row, column, code, text))

    def cell(self, sheet: str, label: str, row: int, column: str, code: str, reason: str) -> None:
        self.add(sheet, row, column, code, f"{label}, row {row}, column {column}: {reason}.")

    def sorted(self) -> list[MasterProblem]:
        """By sheet, then row, then column in the order of the sheet's columns."""
        rank = {TPS_SHEET: 1, PASLON_SHEET: 2}
        order = {c: i for i, c in enumerate((*TPS_COLUMNS, *PASLON_COLUMNS))}
        return sorted(
            self.items,
            key=lambda p: (rank.get(p.sheet, 0), p.row or 0, order.get(p.column or "", -1)),
        )


class _CellError(Exception):
    """A cell value that cannot be used: a problem code and the reason in words."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _show(value: object) -> str:
    """A cell value as quoted in a message."""
    if isinstance(value, str):
        s = value.strip()
        return "'" + (s if len(s) <= 40 else s[:37] + "...") + "'"
    return repr(value)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _get(row: _Row, index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


def _header_name(value: object) -> str:
    """A header cell as a column name: trimmed, lower case, spaces and dashes as underscores."""
    if value is None:
        return ""
    return _HEADER_SPACE.sub("_", str(value).strip()).lower()


def _squash(text: str) -> str:
    """A name with its inner whitespace collapsed."""
    return " ".join(text.split())


def _text(value: object) -> str:
    """A name cell as text (a number keeps no useless ``.0``); raises _CellError when empty."""
    if _blank(value):
        raise _CellError("empty_value", "the value is empty")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _squash(str(value))


def _int(value: object) -> int:
    """A whole-number cell (``1``, ``1.0``, ``"001"``); raises _CellError when empty or not whole."""
    if _blank(value):
        raise _CellError("empty_value", "the value is empty")
    if isinstance(value, bool):
        raise _CellError("not_a_number", f"{_show(value)} is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _CellError("not_a_number", f"{_show(value)} is not a whole number")
    if isinstance(value, str):
        s = value.strip()
        m = _INT_TEXT.fullmatch(s)
        if m:
            return int(m.group(1))
        try:
            float(s.replace(",", "."))
        except ValueError:
            raise _CellError("not_a_number", f"{_show(value)} is not a number") from None
        if _THOUSANDS.fullmatch(s):
            raise _CellError(
                "not_a_number",
                f"{_show(value)} is ambiguous (a decimal point or a thousands separator?); "
                "write the whole number without separators",
            )
        raise _CellError("not_a_number", f"{_show(value)} is not a whole number")
    raise _CellError("not_a_number", f"{_show(value)} is not a number")


def _code_fault(code: str) -> str | None:
    """What makes a 10-digit string impossible as a desa code, or None."""
    if int(code[:2]) < MIN_PROVINCE_CODE:
        return f"province {code[:2]} does not exist (province codes run from 11 to 99)"
    if code[2:4] == "00" or code[4:6] == "00" or code[6:] == "0000":
        return "a part of the code is all zeros"
    return None


def _desa_code(value: object) -> str:
    """The 10-digit desa code of a cell (text, dotted text, or a number with no digit lost)."""
    if _blank(value):
        raise _CellError("empty_value", "the value is empty")
    if isinstance(value, bool):
        raise _CellError("bad_desa_code", f"{_show(value)} is not a desa code")
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise _CellError(
                "ambiguous_code",
                f"the number {value!r} is not a whole number, so it cannot be a desa code; "
                "format the column as text and type the code again",
            )
        value = int(value)
    if isinstance(value, int):
        code = str(value)
        if value <= 0 or len(code) != DESA_LEN:
            raise _CellError(
                "ambiguous_code",
                f"the number {value} has {len(code.lstrip('-'))} digits where a desa code has 10; "
                "format the column as text and type the code again",
            )
        fault = _code_fault(code)
        if fault:
            raise _CellError(
                "ambiguous_code",
                f"the number {value} cannot be a desa code ({fault}), its digits may have been "
                "rounded; format the column as text and type the code again",
            )
        return code
    if isinstance(value, str):
        s = value.strip()
        if _SCIENTIFIC.fullmatch(s):
            raise _CellError(
                "ambiguous_code",
                f"{_show(value)} is a number in scientific notation that has lost digits; "
                "write the desa code as text",
            )
        code = undot(s)
        if not _DESA_TEXT.fullmatch(code):
            raise _CellError(
                "bad_desa_code",
                f"{_show(value)} is not a desa code of 10 digits (dots allowed: 35.78.01.1001)",
            )
        fault = _code_fault(code)
        if fault:
            raise _CellError("bad_desa_code", f"{_show(value)} is not a desa code: {fault}")
        return code
    raise _CellError("bad_desa_code", f"{_show(value)} is not a desa code")


def _rows_summary(rows: Sequence[int]) -> str:
    """``row 7``, ``rows 7 and 9``, ``rows 7, 9, 12 and 40 more``."""
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) <= 4:
        return "rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
    return "rows " + ", ".join(map(str, rows[:3])) + f" and {len(rows) - 3} more"


# ------------------------------------------------------------------------------------ the tables


@dataclass(slots=True)
class _Table:
    """One sheet after its header row was found: column positions and the non-blank data rows."""

    columns: dict[str, int | None]
    rows: list[tuple[int, _Row]]


def _find_header(head: list[tuple[int, _Row]], wanted: Sequence[str]) -> int:
    """Index in ``head`` of the header row: the first with two known column names, else the first."""
    known = set(wanted)
    for i, (_, row) in enumerate(head):
        if sum(1 for v in row if _header_name(v) in known) >= min(2, len(known)):
            return i
    return 0


def _read_table(
    rows: Iterable[_Row] | None,
    sheet: str,
    label: str,
    wanted: Sequence[str],
    problems: _Problems,
) -> _Table | None:
    """The header and data rows of one sheet; problems of its shape go to ``problems``."""
    if rows is None:
        # Unless the caller already said what is wrong with it (missing, unreadable).
        if not any(p.sheet == sheet for p in problems.items):
            problems.add(sheet, None, None, "missing_sheet", f"{label} is missing.")
        return None
    numbered: Iterator[tuple[int, _Row]] = enumerate(rows, start=1)
    head: list[tuple[int, _Row]] = []
    for number, row in numbered:
        if any(not _blank(v) for v in row):
            head.append((number, row))
            if len(head) == _HEADER_SEARCH:
                break
    if not head:
        problems.add(sheet, None, None, "empty", f"{label} is empty: it has no header row.")
        return None
    h = _find_header(head, wanted)
    header_number, header = head[h]
    columns: dict[str, int | None] = dict.fromkeys(wanted)
    for i, v in enumerate(header):
        name = _header_name(v)
        if name not in columns:
            continue
        if columns[name] is None:
            columns[name] = i
        else:
            problems.add(
                sheet,
                header_number,
                name,
                "duplicate_column",
                f"{label}, row {header_number}: column {name} appears twice; "
                "only the first one is read.",
            )
    found = [_header_name(v) for v in header if not _blank(v)]
    for name, index in columns.items():
        if index is None:
            problems.add(
                sheet,
                header_number,
                name,
                "missing_column",
                f"{label}, row {header_number}: there is no column {name} "
                f"(the header row has: {', '.join(found) or 'nothing'}).",
            )
    indexes = [i for i in columns.values() if i is not None]
    data: list[tuple[int, _Row]] = []
    for number, row in [*head[h + 1 :], *numbered]:
        if any(not _blank(_get(row, i)) for i in indexes):
            data.append((number, row))
    if not data and indexes:
        problems.add(
            sheet,
            None,
            None,
            "no_rows",
            f"{label} has a header row (row {header_number}) but no data rows.",
        )
    return _Table(columns, data)


@dataclass(slots=True)
class _TpsRow:
    row: int
    code: str | None
    names: dict[str, str]
    number: int | None
    dpt_l: int | None
    dpt_p: int | None


_NAME_LEVELS = (
    ("provinsi", 2, Level.PROVINSI),
    ("kabupaten", 4, Level.KABUPATEN),
    ("kecamatan", 6, Level.KECAMATAN),
    ("desa", 10, Level.DESA),
)


def _tps_rows(table: _Table, label: str, problems: _Problems) -> list[_TpsRow]:
    """Each TPS row with its cells parsed; a bad cell is a problem and leaves None."""
    c = table.columns
    out: list[_TpsRow] = []
    for number, row in table.rows:

        def bad(column: str, e: _CellError, number: int = number) -> None:
            problems.cell(TPS_SHEET, label, number, column, e.code, e.reason)

        code: str | None = None
        if c["kode_desa"] is not None:
            try:
                code = _desa_code(_get(row, c["kode_desa"]))
            except _CellError as e:
                bad("kode_desa", e)
        names: dict[str, str] = {}
        for column, _, _ in _NAME_LEVELS:
            if c[column] is not None:
                try:
                    names[column] = _text(_get(row, c[column]))
                except _CellError as e:
                    bad(column, e)
        tps_number: int | None = None
        if c["nomor_tps"] is not None:
            try:
                tps_number = _int(_get(row, c["nomor_tps"]))
                if not 1 <= tps_number <= MAX_TPS_NUMBER:
                    tps_number = None
                    raise _CellError(
                        "bad_tps_number",
                        f"{_show(_get(row, c['nomor_tps']))} is not a TPS number "
                        f"(1 to {MAX_TPS_NUMBER})",
                    )
            except _CellError as e:
                bad("nomor_tps", e)
        dpt: dict[str, int | None] = {}
        for column in ("dpt_l", "dpt_p"):
            dpt[column] = None
            if c[column] is not None:
                try:
                    n = _int(_get(row, c[column]))
                    if n < 0:
                        raise _CellError("negative", f"{_show(_get(row, c[column]))} is negative")
                    if n > MAX_DPT:
                        # Unbounded, 2**63 passed here and crashed create_workspace (SQLite
                        # OverflowError; found by bench/fuzz.py master). No existing code says
                        # "too large", and a new one needs words in qt/i18n.py first.
                        raise _CellError(
                            "not_a_number",
                            f"{_show(_get(row, c[column]))} is too large for a DPT "
                            f"(at most {MAX_DPT:,})",
                        )
                    dpt[column] = n
                except _CellError as e:
                    bad(column, e)
        out.append(_TpsRow(number, code, names, tps_number, dpt["dpt_l"], dpt["dpt_p"]))
    return out


def _check_one_kabupaten(rows: list[_TpsRow], label: str, problems: _Problems) -> None:
    """Every desa code must lie in the same kabupaten (the one most rows are in)."""
    by_kab: dict[str, list[int]] = {}
    for r in rows:
        if r.code is not None:
            by_kab.setdefault(r.code[:4], []).append(r.row)
    if len(by_kab) < 2:
        return
    main = max(by_kab, key=lambda k: len(by_kab[k]))  # the first one wins a tie
    main_row = by_kab[main][0]
    for kab, numbers in by_kab.items():
        if kab == main:
            continue
        problems.cell(
            TPS_SHEET,
            label,
            numbers[0],
            "kode_desa",
            "two_kabupaten",
            f"the desa code is in kabupaten {kab[:2]}.{kab[2:]} ({_rows_summary(numbers)}), but a "
            f"master holds one kabupaten and the others are in {main[:2]}.{main[2:]} "
            f"(first at row {main_row})",
        )


def _consistent_names(
    rows: list[_TpsRow], label: str, problems: _Problems
) -> dict[str, dict[str, str]]:
    """The name of every region code, by level column; differing names are problems.

    The name most rows give wins (the first one on a tie); each other spelling is reported once,
    at its first row. Names compare case-insensitively with inner whitespace collapsed.
    """
    result: dict[str, dict[str, str]] = {}
    for column, length, _ in _NAME_LEVELS:
        # code -> folded name -> (first spelling, rows)
        seen: dict[str, dict[str, tuple[str, list[int]]]] = {}
        for r in rows:
            name = r.names.get(column)
            if r.code is None or name is None:
                continue
            spellings = seen.setdefault(r.code[:length], {})
            entry = spellings.setdefault(name.casefold(), (name, []))
            entry[1].append(r.row)
        names: dict[str, str] = {}
        for code, spellings in seen.items():
            main_name, main_rows = max(spellings.values(), key=lambda e: len(e[1]))
            names[code] = main_name
            for name, numbers in spellings.values():
                if name is main_name:
                    continue
                problems.cell(
                    TPS_SHEET,
                    label,
                    numbers[0],
                    column,
                    "inconsistent_name",
                    f"{column} {code} is named {_show(name)} on {_rows_summary(numbers)} but "
                    f"{_show(main_name)} on {_rows_summary(main_rows)}",
                )
        result[column] = names
    return result


def _check_tps(
    table: _Table, label: str, problems: _Problems
) -> tuple[list[_TpsRow], dict[str, dict[str, str]]]:
    rows = _tps_rows(table, label, problems)
    _check_one_kabupaten(rows, label, problems)
    names = _consistent_names(rows, label, problems)
    first: dict[tuple[str, int], int] = {}
    for r in rows:
        if r.code is None or r.number is None:
            continue
        key = (r.code, r.number)
        if key in first:
            problems.cell(
                TPS_SHEET,
                label,
                r.row,
                "nomor_tps",
                "duplicate_tps",
                f"TPS {r.number:03d} of desa {r.code} is already on row {first[key]}",
            )
        else:
            first[key] = r.row
    return rows, names


def _check_paslon(table: _Table, label: str, problems: _Problems) -> list[Paslon]:
    c = table.columns
    out: list[Paslon] = []
    first: dict[tuple[str, int], int] = {}
    kk_rows: dict[str, list[int]] = {}
    for number, row in table.rows:

        def bad(column: str, e: _CellError, number: int = number) -> None:
            problems.cell(PASLON_SHEET, label, number, column, e.code, e.reason)

        contest: str | None = None
        if c["pemilihan"] is not None:
            try:
                contest = "".join(_text(_get(row, c["pemilihan"])).split()).lower()
                if not _CONTEST_ID.fullmatch(contest):
                    raise _CellError(
                        "bad_contest",
                        f"{_show(_get(row, c['pemilihan']))} is not a contest id "
                        "(such as gubernur, bupati or walikota)",
                    )
            except _CellError as e:
                contest = None
                bad("pemilihan", e)
        nomor: int | None = None
        if c["nomor_urut"] is not None:
            try:
                nomor = _int(_get(row, c["nomor_urut"]))
                if not 1 <= nomor <= MAX_PASLON_NUMBER:
                    raise _CellError(
                        "bad_paslon_number",
                        f"{_show(_get(row, c['nomor_urut']))} is not a ballot number "
                        f"(1 to {MAX_PASLON_NUMBER})",
                    )
            except _CellError as e:
                nomor = None
                bad("nomor_urut", e)
        calon: str | None = None
        if c["nama_calon"] is not None:
            try:
                calon = _text(_get(row, c["nama_calon"]))
            except _CellError as e:
                bad("nama_calon", e)
        wakil_value = _get(row, c["nama_wakil"])
        wakil = "" if _blank(wakil_value) else _text(wakil_value)
        if contest is None or nomor is None:
            continue
        key = (contest, nomor)
        if key in first:
            problems.cell(
                PASLON_SHEET,
                label,
                number,
                "nomor_urut",
                "duplicate_paslon",
                f"paslon {nomor} of {contest} is already on row {first[key]}",
            )
            continue
        first[key] = number
        if calon is not None and is_kolom_kosong(calon):
            if wakil:
                problems.cell(
                    PASLON_SHEET,
                    label,
                    number,
                    "nama_wakil",
                    "kolom_kosong",
                    f"the empty column (KOLOM KOSONG) of {contest} has no running mate, "
                    f"but {wakil!r} is given",
                )
                continue
            calon = KOLOM_KOSONG
            kk_rows.setdefault(contest, []).append(number)
        if calon is not None:
            out.append(Paslon(contest, nomor, calon, wakil))
    # A single-candidate contest: exactly one pair against exactly one empty column.
    for contest, rows in kk_rows.items():
        pairs = [p for p in out if p.contest == contest and not p.is_kolom_kosong]
        if len(rows) > 1:
            problems.cell(
                PASLON_SHEET,
                label,
                rows[1],
                "nama_calon",
                "kolom_kosong",
                f"{contest} has more than one KOLOM KOSONG row (the first is row {rows[0]})",
            )
        elif len(pairs) != 1:
            problems.cell(
                PASLON_SHEET,
                label,
                rows[0],
                "nama_calon",
                "kolom_kosong",
                f"KOLOM KOSONG stands against a single candidate pair, but {contest} has "
                f"{len(pairs)} pairs",
            )
    return out


def _contest_key(contest_id: str) -> tuple[int, str]:
    if contest_id in _CONTEST_ORDER:
        return (_CONTEST_ORDER.index(contest_id), "")
    return (len(_CONTEST_ORDER), contest_id)


def read_master_rows(
    tps_rows: Iterable[_Row] | None,
    paslon_rows: Iterable[_Row] | None,
    *,
    tps_label: str = "Sheet TPS",
    paslon_label: str = "Sheet PASLON",
    problems: Iterable[MasterProblem] = (),
) -> MasterData:
    """Validate the rows of the sheets TPS and PASLON and build the master; the one path for both.

    Each sheet is given as its rows of cell values, in order from the top of the sheet (the first
    row is row 1), header included, as ``iter_rows(values_only=True)`` or ``csv.reader`` yield them;
    ``None`` means the sheet is missing or unreadable: a ``missing_sheet`` problem, unless
    ``problems`` already has one about that sheet. The header row is the first non-blank row, or, when titles
    sit above it, the first of the top ten non-blank rows that names two of the columns. Rows whose
    known columns are all blank are skipped. ``tps_label`` and ``paslon_label`` name the sheets in
    messages (``"File TPS.csv"``). ``problems`` are problems the caller found already (a missing
    file, an unreadable one); they are raised together with those found here.

    Raises :class:`MasterError` with every problem found.
    """
    found = _Problems(problems)
    tps_table = _read_table(tps_rows, TPS_SHEET, tps_label, TPS_COLUMNS, found)
    paslon_table = _read_table(paslon_rows, PASLON_SHEET, paslon_label, PASLON_COLUMNS, found)
    tps_parsed: list[_TpsRow] = []
    names: dict[str, dict[str, str]] = {}
    if tps_table is not None:
        tps_parsed, names = _check_tps(tps_table, tps_label, found)
    paslon = _check_paslon(paslon_table, paslon_label, found) if paslon_table is not None else []
    if found.items:
        raise MasterError(found.sorted())

    tps: list[Tps] = []
    for r in tps_parsed:
        # No problem was found, so every cell of every row was read.
        assert r.code is not None and r.number is not None
        assert r.dpt_l is not None and r.dpt_p is not None
        tps.append(Tps(tps_id(r.code, r.number), r.code, r.number, r.dpt_l, r.dpt_p))
    tps.sort(key=lambda t: t.id)

    def regions(column: str, level: Level) -> list[Region]:
        return [Region(code, name, level) for code, name in sorted(names[column].items())]

    (provinsi,) = regions("provinsi", Level.PROVINSI)
    (kabupaten,) = regions("kabupaten", Level.KABUPATEN)
    by_contest: dict[str, list[Paslon]] = {}
    for p in paslon:
        by_contest.setdefault(p.contest, []).append(p)
    contests = tuple(
        Contest(
            cid,
            contest_name(cid),
            default_template_for(cid),
            tuple(sorted(by_contest[cid], key=lambda p: p.nomor_urut)),
        )
        for cid in sorted(by_contest, key=_contest_key)
    )
    return MasterData(
        provinsi=provinsi,
        kabupaten=kabupaten,
        kecamatan=tuple(regions("kecamatan", Level.KECAMATAN)),
        desa=tuple(regions("desa", Level.DESA)),
        tps=tuple(tps),
        contests=contests,
    )


# ----------------------------------------------------------------------------------- the readers


def read_master(path: Path | str) -> MasterData:
    """Read a master: an xlsx workbook, or a folder holding ``TPS.csv`` and ``PASLON.csv``.

    Raises :class:`MasterError` with every problem found.
    """
    path = Path(path)
    if path.is_dir():
        return _read_csv_folder(path)
    if not path.exists():
        raise MasterError(
            [MasterProblem(path.name, None, None, "not_found", f"File {path} does not exist.")]
        )
    return _read_xlsx(path)


# Zip-bomb limits, checked on the central directory before openpyxl inflates anything (issue 12:
# a 4 MB workbook inflating to 4 GB took 4.3 GB of memory). zipfile itself stops a member at its
# declared size (and then fails its CRC), so the declared sizes are the ones that count. A
# 25,000-TPS master inflates to about 10 MB; real sheets compress 5 to 30 times.
MAX_XLSX_MEMBER = 128 << 20
MAX_XLSX_TOTAL = 256 << 20
MAX_XLSX_RATIO = 200
"""Largest inflated/compressed ratio for a member above :data:`RATIO_FLOOR` bytes."""
RATIO_FLOOR = 1 << 20
MAX_XLSX_MEMBERS = 10_000


def zip_bomb_reason(z: zipfile.ZipFile) -> str | None:
    """Why a workbook's archive inflates too much to be read (sizes and ratios), or None."""
    infos = z.infolist()
    if len(infos) > MAX_XLSX_MEMBERS:
        return f"it holds {len(infos):,} parts (at most {MAX_XLSX_MEMBERS:,})"
    total = 0
    for i in infos:
        total += i.file_size
        if i.file_size > MAX_XLSX_MEMBER:
            return (
                f"its part {i.filename} inflates to {i.file_size / 1e6:,.0f} MB "
                f"(at most {MAX_XLSX_MEMBER / 1e6:,.0f} MB): a zip bomb or not a master"
            )
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_XLSX_RATIO * max(1, i.compress_size):
            return (
                f"its part {i.filename} inflates {i.file_size / max(1, i.compress_size):,.0f} "
                f"times (at most {MAX_XLSX_RATIO}): a zip bomb"
            )
    if total > MAX_XLSX_TOTAL:
        return (
            f"it inflates to {total / 1e6:,.0f} MB in all (at most {MAX_XLSX_TOTAL / 1e6:,.0f} MB)"
        )
    return None


def _not_xlsx(path: Path) -> MasterProblem | None:
    """Why a file cannot be an xlsx workbook, judged by its bytes, or None."""
    name = path.name
    with path.open("rb") as f:
        start = f.read(8)
    if not start:
        return MasterProblem(name, None, None, "empty", f"File {name} is empty (0 bytes).")
    reason: str | None = None
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        reason = "it is an old Excel 97-2003 (.xls) file; save it as Excel Workbook (.xlsx)"
    elif not zipfile.is_zipfile(path):
        reason = "it is not an Excel workbook (.xlsx) but some other file"
        if path.suffix.lower() in (".csv", ".txt"):
            reason += "; for CSV, give the folder holding TPS.csv and PASLON.csv"
    else:
        try:
            with zipfile.ZipFile(path) as z:
                members = set(z.namelist())
                bomb = zip_bomb_reason(z)
        except Exception as e:
            # Not only BadZipFile: one flipped bit in the central directory makes zipfile raise
            # NotImplementedError ("zip file version 8.4"), and others raise ValueError or
            # EOFError. Every one of them means a damaged file (found by bench/fuzz.py master).
            reason = f"it is a damaged ZIP archive ({type(e).__name__}: {e})"
        else:
            if bomb is not None:
                reason = bomb
            elif "mimetype" in members and "content.xml" in members:
                reason = "it is an OpenDocument spreadsheet (.ods); save it as .xlsx"
            elif "[Content_Types].xml" not in members:
                reason = "it is a ZIP archive that holds no Excel workbook"
    if reason is None:
        return None
    return MasterProblem(name, None, None, "not_xlsx", f"File {name} cannot be read: {reason}.")


# Excel's own row limit, and far more cells than a kabupaten's master holds. A row number beyond
# the limit only comes from a damaged or crafted file: openpyxl fills the gap before it with empty
# rows, so one `<row r="2000000000">` in a 16 KB workbook took minutes and gigabytes here (found
# by bench/fuzz.py master); a few wide rows repeated are the same in the other direction.
_MAX_ROWS = 1_048_576
_MAX_CELLS = 50_000_000


def _bounded_rows(rows: Iterable[_Row], title: str) -> list[_Row]:
    """The rows of a sheet, refusing (ValueError) one larger than any real master."""
    out: list[_Row] = []
    cells = 0
    for row in rows:
        out.append(row)
        cells += len(row)
        if len(out) > _MAX_ROWS or cells > _MAX_CELLS:
            raise ValueError(
                f"sheet {title} has more than {_MAX_ROWS:,} rows or {_MAX_CELLS:,} cells"
            )
    return out


def _read_xlsx(path: Path) -> MasterData:
    name = path.name
    problem = _not_xlsx(path)
    if problem is not None:
        raise MasterError([problem])
    sheets: dict[str, list[_Row]] = {}
    titles: list[str] = []
    try:
        # Workbooks from Excel and other tools carry parts openpyxl only warns about (data
        # validation extensions, missing styles...); none of them matters for the values.
        with warnings.catch_warnings(), path.open("rb") as f:
            warnings.simplefilter("ignore")
            # A file object, so that openpyxl does not refuse a file named other than *.xlsx.
            # Imported here: openpyxl costs a third of a second, and the GUI starts without it.
            from openpyxl import load_workbook

            wb = load_workbook(f, read_only=True, data_only=True)
            try:
                for ws in wb.worksheets:
                    titles.append(ws.title)
                    key = ws.title.strip().upper()
                    if key in (TPS_SHEET, PASLON_SHEET) and key not in sheets:
                        ws.reset_dimensions()
                        sheets[key] = _bounded_rows(ws.iter_rows(values_only=True), ws.title)
            finally:
                wb.close()
    except Exception as e:  # openpyxl raises many kinds on a damaged file
        raise MasterError(
            [
                MasterProblem(
                    name,
                    None,
                    None,
                    "not_xlsx",
                    f"File {name} cannot be read as an Excel workbook ({type(e).__name__}: {e}).",
                )
            ]
        ) from e
    problems = [
        MasterProblem(
            sheet,
            None,
            None,
            "missing_sheet",
            f"Workbook {name} has no sheet {sheet} (its sheets: {', '.join(titles) or 'none'}).",
        )
        for sheet in (TPS_SHEET, PASLON_SHEET)
        if sheet not in sheets
    ]
    return read_master_rows(sheets.get(TPS_SHEET), sheets.get(PASLON_SHEET), problems=problems)


def _sniff_delimiter(text: str, wanted: Sequence[str]) -> str:
    """The delimiter (``,``, ``;`` from an Indonesian-locale Excel, or tab) naming most columns."""
    lines = text.splitlines()[:_HEADER_SEARCH]
    known = set(wanted)

    def score(delimiter: str) -> int:
        return max(
            (sum(1 for v in line.split(delimiter) if _header_name(v.strip('"')) in known))
            for line in lines
        )

    if not lines:
        return ","
    return max((",", ";", "\t"), key=score)


def _read_csv_folder(folder: Path) -> MasterData:
    problems: list[MasterProblem] = []
    files: dict[str, list[Path]] = {}
    for p in sorted(folder.iterdir()):
        if p.is_file():
            files.setdefault(p.name.lower(), []).append(p)
    rows: dict[str, list[_Row] | None] = {}
    labels: dict[str, str] = {}
    for sheet, wanted in ((TPS_SHEET, TPS_COLUMNS), (PASLON_SHEET, PASLON_COLUMNS)):
        rows[sheet] = None
        labels[sheet] = f"File {sheet}.csv"
        candidates = files.get(f"{sheet.lower()}.csv", [])
        if not candidates:
            problems.append(
                MasterProblem(
                    sheet,
                    None,
                    None,
                    "missing_sheet",
                    f"Folder {folder} has no file {sheet}.csv.",
                )
            )
            continue
        if len(candidates) > 1:
            problems.append(
                MasterProblem(
                    sheet,
                    None,
                    None,
                    "duplicate_file",
                    f"Folder {folder} has more than one {sheet}.csv: "
                    f"{', '.join(p.name for p in candidates)}.",
                )
            )
            continue
        file = candidates[0]
        labels[sheet] = f"File {file.name}"
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as e:
            problems.append(
                MasterProblem(
                    sheet,
                    None,
                    None,
                    "not_utf8",
                    f"File {file.name} is not UTF-8 text (byte 0x{e.object[e.start]:02x} at "
                    f"offset {e.start}); save it as CSV UTF-8.",
                )
            )
            continue
        try:
            delimiter = _sniff_delimiter(text, wanted)
            rows[sheet] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as e:
            problems.append(
                MasterProblem(
                    sheet, None, None, "bad_csv", f"File {file.name} is not valid CSV ({e})."
                )
            )
    return read_master_rows(
        rows[TPS_SHEET],
        rows[PASLON_SHEET],
        tps_label=labels[TPS_SHEET],
        paslon_label=labels[PASLON_SHEET],
        problems=problems,
    )


# ---------------------------------------------------------------------------------- the template

_TEMPLATE_TPS: tuple[object, ...] = (
    "3578011001",
    "JAWA TIMUR",
    "KOTA SURABAYA",
    "KARANG PILANG",
    "WARU GUNUNG",
    1,
    142,
    151,
)
_TEMPLATE_PASLON: tuple[object, ...] = ("walikota", 1, "Budi Santoso", "Siti Rahmawati")
_TEMPLATE_WIDTHS = {
    "kode_desa": 16,
    "provinsi": 18,
    "kabupaten": 20,
    "kecamatan": 20,
    "desa": 20,
    "nomor_tps": 11,
    "dpt_l": 9,
    "dpt_p": 9,
    "pemilihan": 14,
    "nomor_urut": 12,
    "nama_calon": 30,
    "nama_wakil": 30,
}


def write_master_template(path: Path | str) -> None:
    """Write an empty master workbook: sheets TPS and PASLON, their headers and one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    bold = Font(bold=True)
    for index, (sheet, columns, example) in enumerate(
        (
            (TPS_SHEET, TPS_COLUMNS, _TEMPLATE_TPS),
            (PASLON_SHEET, PASLON_COLUMNS, _TEMPLATE_PASLON),
        )
    ):
        ws = wb.active if index == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = sheet
        ws.append(list(columns))
        ws.append(list(example))
        for cell in ws[1]:
            cell.font = bold
        for i, column in enumerate(columns, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = _TEMPLATE_WIDTHS[column]
            if column == "kode_desa":
                # Text, so that Excel keeps the code as typed and never rounds it.
                ws.column_dimensions[letter].number_format = "@"
                ws.cell(row=2, column=i).number_format = "@"
        ws.freeze_panes = "A2"
    wb.save(Path(path))
