"""Official per-TPS numbers (the election body's) and their differences from ours (SELISIH).

Only the numbers the election body publishes per TPS are compared: each candidate pair's votes
(``IV.<n>``) and the valid, invalid and total votes (``V.A``, ``V.B``, ``V.C``). A number missing
from the file is not compared. Three file shapes are read, all into :class:`OfficialRow`:

CSV or xlsx
    One row per TPS (and contest). Columns, matched case-insensitively, in any order, extra
    columns ignored: ``tps`` (or ``kode_tps``, ``kode``, ``tps_id``; 13 digits, dots allowed),
    ``pemilihan`` (or ``contest``; optional when a default contest is given), and the fields
    by id (``IV.1``, ``V.A``...) or by name (``paslon_1``, ``suara_sah``, ``suara_tidak_sah``,
    ``suara_total``). A blank cell is a number not given. The header may sit below title rows.
JSON shaped like SIREKAP's public per-TPS files
    ``{"chart": {"100025": 88, "100026": 120, "null": null}, "administrasi": {"suara_sah": 208,
    "suara_tidak_sah": 4, "suara_total": 212, ...}, "images": [...], "ts": ...}``: ``chart`` maps
    SIREKAP's candidate-pair ids to votes; ``administrasi`` gives ``V.A``, ``V.B``, ``V.C``; a
    ``null`` is a number not entered yet. A file may hold one TPS (its id in a ``kode`` or
    ``tps`` key, else in the file name as SIREKAP names it: ``3578011001001.json``), an object
    mapping TPS ids to such objects, or a list of them each with ``kode``/``tps`` (or a
    ``{"url": ..., "data": {...}}`` wrapper whose URL ends in the TPS id). SIREKAP ids map to
    ballot numbers through a given map (``100025=1,100026=2``, or SIREKAP's own paslon file
    ``{"100025": {"nomor_urut": 1, ...}}``), else by ascending id, which needs as many distinct
    ids in the file as the contest has candidate pairs. Objects may also be ``{"tps": ...,
    "contest": ..., "values": {"IV.1": 88, "V.A": ...}}``.

A bad file is refused whole: :class:`OfficialFileError` lists every problem, each naming the row
or item and the column or field, and nothing of it is to be imported.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
import zipfile
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np
from openpyxl import load_workbook

from kamarhitung.core.model import TPS_LEN, Level, undot
from kamarhitung.core.recap import Recap, group_sums
from kamarhitung.core.refusal import CodedError, CodedText, Param

FORMATS = ("csv", "xlsx", "json")
VOTE_FIELDS = ("V.A", "V.B", "V.C")
_PASLON_FIELD = re.compile(r"^IV\.([1-9])$")
_PASLON_HEADER = re.compile(
    r"^(?:iv\.|paslon_?|suara_paslon_?|paslon_nomor_?|nomor_urut_?)([0-9]+)$"
)
_HEADER_SPACE = re.compile(r"[\s\-]+")
_INT_TEXT = re.compile(r"^[+-]?[0-9]+$")
_HEADER_SEARCH = 10

TPS_HEADERS = frozenset({"tps", "kode_tps", "kode", "tps_id", "id_tps", "kode_tps_13"})
CONTEST_HEADERS = frozenset({"pemilihan", "contest", "jenis_pemilihan"})
FIELD_HEADERS: dict[str, str] = {
    "v.a": "V.A",
    "suara_sah": "V.A",
    "jumlah_suara_sah": "V.A",
    "v.b": "V.B",
    "suara_tidak_sah": "V.B",
    "jumlah_suara_tidak_sah": "V.B",
    "v.c": "V.C",
    "suara_total": "V.C",
    "total_suara": "V.C",
    "jumlah_suara": "V.C",
    "jumlah_suara_sah_dan_tidak_sah": "V.C",
}
SIREKAP_ADMIN: dict[str, str] = {"suara_sah": "V.A", "suara_tidak_sah": "V.B", "suara_total": "V.C"}
JSON_TPS_KEYS = ("kode", "tps", "kode_tps", "tps_id")
JSON_CONTEST_KEYS = ("contest", "pemilihan")


@dataclass(frozen=True, slots=True)
class OfficialRow:
    """The official numbers of one form (TPS × contest), with where they were read."""

    tps: str
    contest: str
    values: dict[str, int]
    where: str
    flags: dict[str, object] = field(default_factory=dict)
    """SIREKAP's own flags of the TPS (``psu``, ``status_suara``, ``status_adm``, ``images``)."""


KOLOM_KOSONG_ID = -1
"""In a candidate map, the SIREKAP id of the empty column when its file gives no ballot number:
it maps to the contest's KOLOM KOSONG row."""


@dataclass(frozen=True, slots=True)
class OfficialContext:
    """What a file is checked against: the workspace's TPS and each contest's ballot numbers."""

    tps_ids: Container[str]
    contests: Mapping[str, tuple[int, ...]]
    default_contest: str | None = None
    paslon_map: Mapping[str, int] | None = None
    fields: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Each contest's form fields: official numbers of any of them are compared."""
    admin_maps: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Each contest's SIREKAP ``administrasi`` key → field id (from its template)."""
    kolom_kosong: Mapping[str, int] = field(default_factory=dict)
    """Each single-candidate contest's ballot number of the empty column."""


@dataclass(frozen=True, slots=True)
class OfficialFile:
    format: str
    rows: tuple[OfficialRow, ...]

    @property
    def value_count(self) -> int:
        return sum(len(r.values) for r in self.rows)


class OfficialFileError(CodedError, ValueError):
    """A file that cannot be imported: code ``OFFICIAL_FILE`` (the file, its first problem and
    how many more); ``problems`` holds every problem, each a coded sentence naming its row, item
    or sheet (``CodedText``: its English text for the command line, its code for the screens)."""

    def __init__(self, name: str, problems: Sequence[CodedText]) -> None:
        self.name = name
        self.problems = list(problems)
        more = len(self.problems) - 1
        tail: CodedText | str = ""
        if more == 1:
            tail = CodedText("OFFICIAL_ONE_MORE")
        elif more > 1:
            tail = CodedText("OFFICIAL_MORE", count=more)
        super().__init__("OFFICIAL_FILE", file=name, problem=self.problems[0], more=tail)


class _Problems:
    def __init__(self) -> None:
        self.items: list[CodedText] = []

    def add(self, code: str, /, **params: Param) -> None:
        self.items.append(CodedText(code, **params))


def _show(value: object) -> str:
    if isinstance(value, str):
        s = value.strip()
        return "'" + (s if len(s) <= 30 else s[:27] + "...") + "'"
    return repr(value)


class _BadValueError(Exception):
    """A cell or value that is not what it should be; ``reason`` says why, coded."""

    def __init__(self, code: str, /, **params: Param) -> None:
        self.reason = CodedText(code, **params)
        super().__init__(str(self.reason))


def _count(value: object) -> int | None:
    """A vote count from a cell or JSON value: None when blank or null; _BadValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _BadValueError("VALUE_NOT_NUMBER", value=_show(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and _INT_TEXT.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, int):
        if value < 0:
            raise _BadValueError("VALUE_NEGATIVE", value=value)
        return value
    raise _BadValueError("VALUE_NOT_VOTES", value=_show(value))


def _tps_code(value: object) -> str:
    if isinstance(value, bool) or value is None:
        raise _BadValueError("VALUE_NO_TPS_ID")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    code = undot(str(value))
    if len(code) != TPS_LEN or not code.isdigit():
        raise _BadValueError("VALUE_NOT_TPS_ID", value=_show(str(value)))
    return code


def _header(value: object) -> str:
    if value is None:
        return ""
    return _HEADER_SPACE.sub("_", str(value).strip()).lower()


def parse_paslon_map(text: str) -> dict[str, int]:
    """A SIREKAP id → ballot number map: ``100025=1,100026=2``, or the JSON of SIREKAP's paslon
    file (``{"100025": {"nomor_urut": 1, ...}}``) or of a plain ``{"100025": 1}`` object."""
    s = text.strip()
    out: dict[str, int] = {}
    if s.startswith("{"):
        try:
            data = json.loads(s)
        except json.JSONDecodeError as e:
            raise ValueError(f"the paslon map is not valid JSON ({e.msg})") from None
        if not isinstance(data, dict):
            raise ValueError("the paslon map must be a JSON object")
        for k, v in data.items():
            n = v.get("nomor_urut") if isinstance(v, dict) else v
            name = str(v.get("nama", "")) if isinstance(v, dict) else ""
            if (n is None or n == 0) and " ".join(name.upper().split()) == "KOLOM KOSONG":
                n = KOLOM_KOSONG_ID
            if isinstance(n, bool) or not isinstance(n, int):
                raise ValueError(f"the paslon map gives no ballot number for id {k}")
            out[str(k)] = n
        return out
    for part in s.split(","):
        if not part.strip():
            continue
        key, sep, val = part.partition("=")
        if not sep or not key.strip() or not val.strip().isdigit():
            raise ValueError(f"paslon map entry {part.strip()!r} is not ID=NOMOR (100025=1)")
        out[key.strip()] = int(val.strip())
    if not out:
        raise ValueError("the paslon map is empty")
    return out


def candidate_map(data: bytes) -> dict[str, int] | None:
    """SIREKAP's candidate file (``{"100025": {"nama": …, "nomor_urut": 1}, …}``, KOLOM KOSONG
    included) as an id → ballot number map, or None when ``data`` is not such a file."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(obj, dict) or not obj:
        return None
    if not all(
        str(k).isdigit() and isinstance(v, dict) and ("nomor_urut" in v or "nama" in v)
        for k, v in obj.items()
    ):
        return None
    try:
        return parse_paslon_map(json.dumps(obj))
    except ValueError:
        return None


def detect_format(name: str, data: bytes) -> str:
    """``csv``, ``xlsx`` or ``json``, by the file's extension, else by its first bytes."""
    ext = PurePath(name).suffix.lower()
    if ext in (".csv", ".txt", ".tsv"):
        return "csv"
    if ext in (".xlsx", ".xlsm"):
        return "xlsx"
    if ext == ".json":
        return "json"
    if data.startswith(b"PK"):
        return "xlsx"
    if data.lstrip()[:1] in (b"{", b"["):
        return "json"
    return "csv"


def parse_official(
    name: str, data: bytes, ctx: OfficialContext, fmt: str | None = None
) -> OfficialFile:
    """Read and check an official numbers file; :class:`OfficialFileError` if anything is wrong."""
    kind = fmt or detect_format(name, data)
    if kind not in FORMATS:
        raise OfficialFileError(
            name,
            [CodedText("OFFICIAL_FORMAT", format=repr(kind), formats=", ".join(FORMATS))],
        )
    if not data.strip():
        raise OfficialFileError(name, [CodedText("OFFICIAL_EMPTY")])
    problems = _Problems()
    if kind == "json":
        rows = _parse_json(name, data, ctx, problems)
    else:
        table = _csv_rows(data) if kind == "csv" else _xlsx_rows(data, problems)
        rows = _parse_table(table, ctx, problems) if table is not None else []
    if not problems.items:
        seen: dict[tuple[str, str], str] = {}
        for r in rows:
            key = (r.tps, r.contest)
            if key in seen:
                problems.add(
                    "OFFICIAL_TWICE", where=r.where, tps=r.tps, contest=r.contest, other=seen[key]
                )
            seen[key] = r.where
    if not problems.items and not rows:
        problems.add("OFFICIAL_NO_NUMBERS")
    if problems.items:
        raise OfficialFileError(name, problems.items)
    return OfficialFile(kind, tuple(rows))


# --- tables (csv, xlsx) ----------------------------------------------------------------------

_Table = list[tuple[int, list[object]]]


def _csv_rows(data: bytes) -> _Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = text.splitlines()[:_HEADER_SEARCH]

    def score(delimiter: str) -> int:
        return max(
            (
                sum(1 for v in line.split(delimiter) if _known_header(v.strip('"')))
                for line in lines
            ),
            default=0,
        )

    delimiter = max((",", ";", "\t"), key=score)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(i, list(row)) for i, row in enumerate(reader, 1)]


def _xlsx_rows(data: bytes, problems: _Problems) -> _Table | None:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        problems.add("OFFICIAL_NOT_XLSX")
        return None
    from kamarhitung.core.master import zip_bomb_reason

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            bomb = zip_bomb_reason(z)
    except Exception as e:  # a damaged central directory raises many kinds
        problems.add("OFFICIAL_BAD_ZIP", detail=f"{type(e).__name__}: {e}")
        return None
    if bomb is not None:
        problems.add("OFFICIAL_ZIP_BOMB", detail=bomb)
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                ws = wb.worksheets[0]
                ws.reset_dimensions()
                return [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), 1)]
            finally:
                wb.close()
    except Exception as e:  # openpyxl raises many kinds on a damaged file
        problems.add("OFFICIAL_XLSX_UNREADABLE", detail=f"{type(e).__name__}: {e}")
        return None


def _known_header(value: object) -> bool:
    h = _header(value)
    return (
        h in TPS_HEADERS
        or h in CONTEST_HEADERS
        or h in FIELD_HEADERS
        or bool(_PASLON_HEADER.match(h))
    )


def _column_field(header: str) -> str | None:
    if header in FIELD_HEADERS:
        return FIELD_HEADERS[header]
    m = _PASLON_HEADER.match(header)
    if m:
        return f"IV.{int(m.group(1))}"
    return None


def _parse_table(table: _Table, ctx: OfficialContext, problems: _Problems) -> list[OfficialRow]:
    rows = [(n, r) for n, r in table if any(v is not None and str(v).strip() for v in r)]
    header_at = None
    for pos, (_, r) in enumerate(rows[:_HEADER_SEARCH]):
        if any(_header(v) in TPS_HEADERS for v in r):
            header_at = pos
            break
    if header_at is None:
        problems.add("OFFICIAL_NO_HEADER", rows=_HEADER_SEARCH)
        return []
    header_row, header = rows[header_at]
    names = [_header(v) for v in header]
    tps_col = next(i for i, h in enumerate(names) if h in TPS_HEADERS)
    contest_col = next((i for i, h in enumerate(names) if h in CONTEST_HEADERS), None)
    field_cols: list[tuple[int, str, str]] = []
    seen_fields: dict[str, str] = {}
    for i, h in enumerate(names):
        f = _column_field(h)
        if f is None:
            continue
        label = str(header[i]).strip()
        if f in seen_fields:
            problems.add(
                "OFFICIAL_COLUMNS_SAME_FIELD", row=header_row, a=seen_fields[f], b=label, field=f
            )
        seen_fields[f] = label
        field_cols.append((i, label, f))
    if not field_cols:
        problems.add("OFFICIAL_NO_VOTE_COLUMN", row=header_row)
        return []
    if contest_col is None and ctx.default_contest is None:
        problems.add("OFFICIAL_NO_CONTEST_COLUMN", row=header_row)
        return []
    out = []
    for n, r in rows[header_at + 1 :]:
        where = CodedText("AT_ROW", row=n)

        def cell(i: int, r: list[object] = r) -> object:
            return r[i] if i < len(r) else None

        try:
            tps = _tps_code(cell(tps_col))
        except _BadValueError as e:
            problems.add(
                "OFFICIAL_BAD_CELL",
                where=where,
                column=str(header[tps_col]).strip(),
                reason=e.reason,
            )
            continue
        if tps not in ctx.tps_ids:
            problems.add("OFFICIAL_UNKNOWN_TPS", where=where, tps=tps)
            continue
        contest = ctx.default_contest
        if contest_col is not None and cell(contest_col) not in (None, ""):
            contest = str(cell(contest_col)).strip().lower()
        assert contest is not None
        if contest not in ctx.contests:
            problems.add("OFFICIAL_UNKNOWN_CONTEST", where=where, contest=contest)
            continue
        values: dict[str, int] = {}
        for i, label, f in field_cols:
            try:
                v = _count(cell(i))
            except _BadValueError as e:
                problems.add(
                    "OFFICIAL_BAD_CELL_FIELD", where=where, column=label, field=f, reason=e.reason
                )
                continue
            if v is None:
                continue
            if not _on_form(f, ctx.contests[contest], ctx.fields.get(contest)):
                problems.add(
                    "OFFICIAL_NO_PAIR",
                    where=where,
                    column=label,
                    contest=contest,
                    number=f.split(".")[1],
                )
                continue
            values[f] = v
        if values:
            out.append(OfficialRow(tps, contest, values, where))
    return out


def _on_form(f: str, numbers: tuple[int, ...], fields: frozenset[str] | None = None) -> bool:
    m = _PASLON_FIELD.match(f)
    if m:
        return int(m.group(1)) in numbers
    return f in fields if fields else f in VOTE_FIELDS


# --- JSON ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    where: CodedText
    tps_hint: object
    obj: dict[str, object]
    contest: str | None = None
    chart: dict[str, object] = field(default_factory=dict)


def _json_items(name: str, data: object, problems: _Problems) -> Iterator[_Item]:
    stem = PurePath(name).stem

    def unwrap(where: CodedText, hint: object, obj: object) -> _Item | None:
        if not isinstance(obj, dict):
            problems.add("OFFICIAL_NOT_OBJECT", where=where)
            return None
        tungsura = obj.get("tungsura")
        if isinstance(tungsura, dict):
            # SIREKAP's Pilkada TPS file: the numbers under "tungsura", the flags beside them.
            merged = {k: v for k, v in obj.items() if k != "tungsura"}
            for k in ("chart", "administrasi"):
                if k in tungsura:
                    merged[k] = tungsura[k]
            obj = merged
        inner = obj.get("data")
        if isinstance(inner, dict) and ("chart" in inner or "administrasi" in inner):
            url = obj.get("url")
            if hint is None and isinstance(url, str):
                hint = PurePath(url.split("?")[0]).stem
            merged = dict(inner)
            for k in (*JSON_TPS_KEYS, *JSON_CONTEST_KEYS):
                if k in obj and k not in merged:
                    merged[k] = obj[k]
            obj = merged
        for k in JSON_TPS_KEYS:
            if obj.get(k) is not None:
                hint = obj[k]
                break
        return _Item(where, hint, obj)

    if isinstance(data, list):
        for i, obj in enumerate(data, 1):
            item = unwrap(CodedText("AT_ITEM", item=i), None, obj)
            if item:
                yield item
    elif isinstance(data, dict):
        if any(k in data for k in ("chart", "administrasi", "values", "data", "tungsura")):
            item = unwrap(
                CodedText("AT_WHOLE_FILE"), stem if stem.replace(".", "").isdigit() else None, data
            )
            if item:
                yield item
        else:
            for key, obj in data.items():
                item = unwrap(CodedText("AT_KEY", key=key), key, obj)
                if item:
                    yield item
    else:
        problems.add("OFFICIAL_JSON_SHAPE")


def _parse_json(
    name: str, raw: bytes, ctx: OfficialContext, problems: _Problems
) -> list[OfficialRow]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        if isinstance(e, json.JSONDecodeError):
            problems.add("OFFICIAL_NOT_JSON_AT", line=e.lineno, column=e.colno)
        else:
            problems.add("OFFICIAL_NOT_JSON")
        return []
    items: list[_Item] = []
    for item in _json_items(name, data, problems):
        try:
            tps = _tps_code(item.tps_hint)
        except _BadValueError as e:
            problems.add("OFFICIAL_BAD_VALUE", where=item.where, reason=e.reason)
            continue
        if tps not in ctx.tps_ids:
            problems.add("OFFICIAL_UNKNOWN_TPS", where=item.where, tps=tps)
            continue
        item.tps_hint = tps
        contest = next(
            (str(item.obj[k]).strip().lower() for k in JSON_CONTEST_KEYS if item.obj.get(k)),
            ctx.default_contest,
        )
        if contest is None:
            problems.add("OFFICIAL_NO_CONTEST", where=item.where)
            continue
        if contest not in ctx.contests:
            problems.add("OFFICIAL_UNKNOWN_CONTEST", where=item.where, contest=contest)
            continue
        item.contest = contest
        chart = item.obj.get("chart")
        if isinstance(chart, dict):
            item.chart = {str(k): v for k, v in chart.items() if str(k).isdigit()}
        elif chart is not None:
            problems.add("OFFICIAL_PART_NOT_OBJECT", where=item.where, part="chart")
        items.append(item)
    id_maps = _paslon_maps(items, ctx, problems)
    out = []
    for item in items:
        assert item.contest is not None and isinstance(item.tps_hint, str)
        values = _item_values(item, ctx, id_maps.get(item.contest, {}), problems)
        flags = _flags(item.obj)
        if values or flags:
            out.append(OfficialRow(item.tps_hint, item.contest, values, item.where, flags))
    return out


def _flags(obj: Mapping[str, object]) -> dict[str, object]:
    """SIREKAP's own flags of a TPS: repeat vote, whether its votes and its administration
    were verified, and how many form images it published."""
    out: dict[str, object] = {}
    for k in ("psu", "status_suara", "status_adm", "status_progress"):
        v = obj.get(k)
        if v is not None and isinstance(v, (str, int, bool)):
            out[k] = v
    images = obj.get("images")
    if isinstance(images, list):
        out["images"] = sum(1 for x in images if x)
    return out


def _paslon_maps(
    items: Sequence[_Item], ctx: OfficialContext, problems: _Problems
) -> dict[str, dict[str, int]]:
    """Per contest, SIREKAP id → ballot number: the given map, else ids in ascending order."""
    ids: dict[str, set[str]] = {}
    for item in items:
        assert item.contest is not None
        ids.setdefault(item.contest, set()).update(item.chart)
    out: dict[str, dict[str, int]] = {}
    for contest, found in ids.items():
        if not found:
            continue
        numbers = ctx.contests[contest]
        if ctx.paslon_map is not None:
            unknown = sorted(i for i in found if i not in ctx.paslon_map)
            if unknown:
                problems.add("OFFICIAL_UNMAPPED_ID", id=unknown[0])
                continue
            empty = ctx.kolom_kosong.get(contest)
            resolved = {
                i: (empty if ctx.paslon_map[i] == KOLOM_KOSONG_ID else ctx.paslon_map[i])
                for i in found
            }
            if any(n is None for n in resolved.values()):
                problems.add("OFFICIAL_NO_KOLOM_KOSONG", contest=contest)
                continue
            bad = sorted({n for n in resolved.values() if n is not None} - set(numbers))
            if bad:
                problems.add("OFFICIAL_MAP_NUMBER", number=bad[0], contest=contest)
                continue
            out[contest] = {i: n for i, n in resolved.items() if n is not None}
            continue
        ordered = sorted(found, key=int)
        if len(ordered) != len(numbers):
            problems.add(
                "OFFICIAL_ID_COUNT",
                count=len(ordered),
                ids=", ".join(ordered),
                contest=contest,
                pairs=len(numbers),
            )
            continue
        out[contest] = dict(zip(ordered, numbers, strict=True))
    return out


def _item_values(
    item: _Item, ctx: OfficialContext, id_map: Mapping[str, int], problems: _Problems
) -> dict[str, int]:
    assert item.contest is not None
    numbers = ctx.contests[item.contest]
    values: dict[str, int] = {}

    fields = ctx.fields.get(item.contest)

    def put(f: str, raw: object, label: str) -> None:
        try:
            v = _count(raw)
        except _BadValueError as e:
            problems.add("OFFICIAL_BAD_LABELLED", where=item.where, label=label, reason=e.reason)
            return
        if v is None:
            return
        if not _on_form(f, numbers, fields):
            problems.add(
                "OFFICIAL_NO_FIELD",
                where=item.where,
                label=label,
                contest=str(item.contest),
                field=f,
            )
            return
        values[f] = v

    for pid, raw in item.chart.items():
        if pid in id_map:
            put(f"IV.{id_map[pid]}", raw, f"chart {pid}")
    admin = item.obj.get("administrasi")
    if isinstance(admin, dict):
        # Every row SIREKAP gives that the contest's form prints (the template's map); other
        # keys SIREKAP adds (totals of its own) are not form fields and are not compared.
        for key, target in (ctx.admin_maps.get(item.contest) or SIREKAP_ADMIN).items():
            if key in admin:
                put(target, admin[key], f"administrasi.{key}")
    elif admin is not None:
        problems.add("OFFICIAL_PART_NOT_OBJECT", where=item.where, part="administrasi")
    own = item.obj.get("values")
    if isinstance(own, dict):
        for key, raw in own.items():
            name = str(key)
            known = name in fields if fields else name in VOTE_FIELDS
            fid = name if (_PASLON_FIELD.match(name) or known) else None
            fid = fid or _column_field(_header(name))
            if fid is None:
                problems.add("OFFICIAL_VALUES_KEY", where=item.where, key=repr(key))
                continue
            put(fid, raw, f"values.{key}")
    elif own is not None:
        problems.add("OFFICIAL_PART_NOT_OBJECT", where=item.where, part="values")
    return values


# --- comparison ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    """One number where the official figure and ours differ (``ours`` None: not final yet)."""

    tps: str
    field: str
    official: int
    ours: int | None

    def to_json(self) -> dict[str, object]:
        return {"tps": self.tps, "field": self.field, "official": self.official, "ours": self.ours}


@dataclass(frozen=True, slots=True)
class SelisihReport:
    """The comparison of a contest: differences, and what could not be compared yet."""

    contest: str
    differences: tuple[Difference, ...]
    compared: int
    """Final TPS with official numbers (compared)."""
    pending: tuple[str, ...]
    """TPS with official numbers that are not final yet (not compared)."""
    without_official: int
    """Final TPS with no official numbers."""
    tps_total: int = 0
    """Every TPS of the kabupaten (coverage: TPS with official numbers out of these)."""


def compare(
    recap: Recap, official: Mapping[str, Mapping[str, int]], *, include_pending: bool = False
) -> SelisihReport:
    """Every official number of a final TPS that differs from ours, in TPS and field order.

    A TPS that is not final yet has no number of ours: it is not a difference but ``pending``
    (with ``include_pending``, each of its official numbers is listed with ``ours`` None)."""
    index = recap.tree.tps_index
    pos = {f: j for j, f in enumerate(recap.fields)}
    big = len(pos)
    final = recap.final_mask
    diffs: list[Difference] = []
    pending: list[str] = []
    compared = 0
    for tps in sorted(official):
        i = index.get(tps)
        if i is None:
            continue
        numbers = official[tps]
        ordered = sorted(numbers, key=lambda f: pos.get(f, big))
        if not final[i]:
            pending.append(tps)
            if include_pending:
                diffs.extend(Difference(tps, f, numbers[f], None) for f in ordered)
            continue
        compared += 1
        for f in ordered:
            j = pos.get(f)
            if j is None:
                continue
            ours = int(recap.values[i, j])
            if ours != numbers[f]:
                diffs.append(Difference(tps, f, numbers[f], ours))
    with_official = {index[t] for t in official if t in index}
    without = int(np.count_nonzero(final)) - sum(1 for i in with_official if final[i])
    return SelisihReport(
        recap.contest, tuple(diffs), compared, tuple(pending), without, recap.tree.n_tps
    )


@dataclass(frozen=True, slots=True)
class RegionSelisih:
    """Official numbers against ours summed over a region's compared TPS."""

    code: str
    name: str
    tps_official: int
    """TPS of the region with official numbers."""
    tps_compared: int
    """Of those, the final ones (compared)."""
    tps_different: int
    """Of those, the ones with at least one difference."""
    official: dict[str, int]
    ours: dict[str, int]
    difference: dict[str, int]
    """ours − official, per field, over the numbers compared."""

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "tps_official": self.tps_official,
            "tps_compared": self.tps_compared,
            "tps_different": self.tps_different,
            "official": self.official,
            "ours": self.ours,
            "difference": self.difference,
        }


def summarize(
    recap: Recap, official: Mapping[str, Mapping[str, int]], level: Level
) -> list[RegionSelisih]:
    """Per region of a level: how many TPS were compared and differ, and the sums compared."""
    tree = recap.tree
    given = {f for numbers in official.values() for f in numbers}
    fields = [f for f in recap.fields if f.startswith("IV.") or f in VOTE_FIELDS or f in given]
    cols = [recap.fields.index(f) for f in fields]
    n, k = tree.n_tps, len(fields)
    off = np.zeros((n, k), dtype=np.int64)
    present = np.zeros((n, k), dtype=bool)
    has = np.zeros(n, dtype=bool)
    for tps, numbers in official.items():
        i = tree.tps_index.get(tps)
        if i is None:
            continue
        has[i] = True
        for j, f in enumerate(fields):
            if f in numbers:
                off[i, j] = numbers[f]
                present[i, j] = True
    final = recap.final_mask
    compared = has & final
    mask = present & compared[:, None]
    ours = np.where(mask, recap.values[:, cols], 0)
    off = np.where(mask, off, 0)
    differs = (ours != off).any(axis=1) & compared
    counts = np.stack([has, compared, differs], axis=1).astype(np.int64)
    bounds = tree.tps_bounds(level)
    codes, names = tree.regions(level)
    c = group_sums(counts, bounds).tolist()
    o = group_sums(off, bounds).tolist()
    u = group_sums(ours, bounds).tolist()
    return [
        RegionSelisih(
            code,
            names[g],
            c[g][0],
            c[g][1],
            c[g][2],
            dict(zip(fields, o[g], strict=True)),
            dict(zip(fields, u[g], strict=True)),
            {f: u[g][j] - o[g][j] for j, f in enumerate(fields)},
        )
        for g, code in enumerate(codes)
    ]


# --- region totals: SIREKAP's region files, a keyed D.HASIL ----------------------------------


@dataclass(frozen=True, slots=True)
class RegionTotal:
    """The official totals of one region (a desa or kecamatan column) for one contest."""

    code: str
    contest: str
    values: dict[str, int]
    where: str


_REGION_LENGTHS = (4, 6, 10)
_FIELD_LIKE = re.compile(r"^(?:I\.[AB]\.\d+\.[LPJ]|II\.\d+|III\.\d+\.[LPJ]|IV\.\d+|V\.[A-C])$")


def is_region_file(data: bytes) -> bool:
    """Whether a JSON file is SIREKAP's region file (its ``table`` of child regions)."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(obj, dict) and isinstance(obj.get("table"), dict) and "tungsura" not in obj


def parse_region_json(
    name: str, data: bytes, ctx: OfficialContext, regions: Container[str]
) -> list[RegionTotal]:
    """SIREKAP's Pemilu region file: ``{"table": {"<child code>": {"<candidate id>": votes, "psu":
    …, "persen": …, "status_progress": …}}, "chart": …, "progres": …}``. Each child region's
    votes by candidate id (mapped by the candidate file) become its ``IV.<n>`` totals."""
    problems = _Problems()
    obj = json.loads(data.decode("utf-8-sig"))
    table = obj["table"]
    contest = ctx.default_contest
    if contest is None:
        raise OfficialFileError(name, [CodedText("OFFICIAL_NEEDS_CONTEST")])
    numbers = ctx.contests[contest]
    id_map = ctx.paslon_map or {}
    empty = ctx.kolom_kosong.get(contest)
    out: list[RegionTotal] = []
    for code_raw, row in table.items():
        code = undot(str(code_raw))
        where = CodedText("AT_TABLE", key=str(code_raw))
        if len(code) not in _REGION_LENGTHS or not code.isdigit() or code not in regions:
            problems.add("OFFICIAL_NOT_REGION", where=where, code=repr(code_raw))
            continue
        if not isinstance(row, dict):
            problems.add("OFFICIAL_ROW_NOT_OBJECT", where=where)
            continue
        values: dict[str, int] = {}
        for key, raw in row.items():
            if not str(key).isdigit():
                continue  # psu, persen, status_progress: SIREKAP's own, not numbers of the form
            if str(key) not in id_map:
                problems.add("OFFICIAL_UNMAPPED_ID_AT", where=where, id=str(key))
                continue
            n = id_map[str(key)]
            n = empty if n == KOLOM_KOSONG_ID and empty is not None else n
            if n not in numbers:
                problems.add("OFFICIAL_NUMBER_NOT_IN", where=where, number=n, contest=contest)
                continue
            try:
                v = _count(raw)
            except _BadValueError as e:
                problems.add("OFFICIAL_BAD_LABELLED", where=where, label=str(key), reason=e.reason)
                continue
            if v is not None:
                values[f"IV.{n}"] = v
        if values:
            out.append(RegionTotal(code, contest, values, where))
    if not problems.items and not out:
        problems.add("OFFICIAL_TABLE_EMPTY")
    if problems.items:
        raise OfficialFileError(name, problems.items)
    return out


def parse_dhasil_xlsx(
    name: str, data: bytes, ctx: OfficialContext, regions: Container[str]
) -> list[RegionTotal]:
    """A keyed D.HASIL (the PPK's paper recap, one column per desa or kecamatan), laid out like
    the form and like the room's own recap workbook (``recap --format xlsx``): a row whose first
    cell is ``KODE`` holds the regions' codes, each row whose first cell is a field id
    (``I.A.1.L`` … ``V.C``) their numbers; the JUMLAH column and other rows are not read."""
    problems = _Problems()
    contest = ctx.default_contest
    if contest is None:
        raise OfficialFileError(name, [CodedText("OFFICIAL_NEEDS_CONTEST")])
    fields = ctx.fields.get(contest, frozenset())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise OfficialFileError(
            name, [CodedText("OFFICIAL_NOT_XLSX_DETAIL", detail=str(e))]
        ) from None
    out: list[RegionTotal] = []
    try:
        for sheet in wb.worksheets:
            codes: dict[int, str] = {}
            found: dict[str, dict[str, int]] = {}
            for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if not row:
                    continue
                key = str(row[0]).strip() if row[0] is not None else ""
                if key.upper() == "KODE":
                    for c, cell in enumerate(row[3:], start=3):
                        text = undot(str(cell).strip()) if cell is not None else ""
                        if text.isdigit() and len(text) in _REGION_LENGTHS:
                            if text not in regions:
                                problems.add(
                                    "OFFICIAL_REGION_OUTSIDE", sheet=sheet.title, row=r, region=text
                                )
                            codes[c] = text
                    continue
                if key in fields and codes:
                    for c, code in codes.items():
                        cell = row[c] if c < len(row) else None
                        try:
                            v = _count(cell)
                        except _BadValueError as e:
                            problems.add(
                                "OFFICIAL_SHEET_BAD",
                                sheet=sheet.title,
                                row=r,
                                field=key,
                                region=code,
                                reason=e.reason,
                            )
                            continue
                        if v is not None:
                            found.setdefault(code, {})[key] = v
                elif codes and _FIELD_LIKE.match(key) and key not in fields:
                    problems.add(
                        "OFFICIAL_SHEET_NOT_FIELD",
                        sheet=sheet.title,
                        row=r,
                        field=key,
                        contest=contest,
                    )
            out.extend(
                RegionTotal(code, contest, vals, CodedText("AT_SHEET", sheet=sheet.title))
                for code, vals in found.items()
            )
    finally:
        wb.close()
    if not problems.items and not out:
        problems.add("OFFICIAL_NO_KODE")
    if problems.items:
        raise OfficialFileError(name, problems.items)
    return out


def compare_regions(
    recap: Recap, totals: Mapping[str, Mapping[str, int]], level: Level
) -> list[tuple[str, str, int, int]]:
    """(region, field, official, ours) for every official region total of ``level`` that
    differs from our sum over the region's final TPS."""
    table = recap.table(level)
    pos = {c: i for i, c in enumerate(table.codes)}
    fpos = {f: j for j, f in enumerate(recap.fields)}
    out: list[tuple[str, str, int, int]] = []
    for code in sorted(totals):
        i = pos.get(code)
        if i is None:
            continue
        for f in sorted(totals[code], key=lambda f: fpos.get(f, len(fpos))):
            j = fpos.get(f)
            if j is None:
                continue
            ours = int(table.values[i, j])
            if ours != totals[code][f]:
                out.append((code, f, totals[code][f], ours))
    return out
