"""Recap use cases: the recap cache over the store, recap files, and the stored final vectors.

Storage (migration 0002): each final record carries ``final_vector``, its values as little-endian
int32 in the form's field order (:func:`kamarhitung.core.recap.encode_vector`), written by
:func:`final_vector_for` in the transaction that makes the record final. A full recap therefore
loads with one query per contest, answered from the covering index ``ix_record_recap``, and no
JSON parsing (``json.loads`` of 50,000 records alone takes 0.35 to 0.5 s), and is summed with
numpy. The field order the vectors of a contest were written
in is kept in ``meta`` (``recap.vector_layout.<contest>``); if the form's order ever differs
(a changed template), the vectors are not trusted and the JSON ``final_values`` are read instead,
until :func:`rebuild_vectors` rewrites them. A record whose vector is missing (or was nulled by
the trigger that guards against a stale one) is read from its JSON too: the vectors make the
recap fast, never different.

:class:`RecapCache` keeps the TPS × field matrix of every contest in memory. A trigger bumps
``record.change_seq`` on every change of a record's state or values; :meth:`RecapCache.refresh`
reads only the records whose ``change_seq`` is above the last one seen, so a dashboard refreshes
in milliseconds after each final form. Hold one cache per open workspace (the GUI) or use
:func:`load_recap` for a one-off recap (the command line).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np
from sqlalchemy import select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from kamarhitung.core.model import Level, Region
from kamarhitung.core.recap import (
    FINAL,
    RECAP_LEVELS,
    STATES,
    IntArray,
    Recap,
    RegionTree,
    StateArray,
    aggregate_arrays,
    decode_vectors,
    encode_vector,
    level_of_name,
)
from kamarhitung.core.recap_export import FORMATS, RecapInfo, write_csv, write_json, write_xlsx
from kamarhitung.core.template import load_template
from kamarhitung.core.timezones import local_time
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import Actor, InputError, NotFoundError, iso
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.dialect import POSTGRESQL, Cursor, comma_join_sql, dialect_of, upsert
from kamarhitung.store.files import atomic_write_with
from kamarhitung.store.models import ContestRow, Meta, PaslonRow, RecordRow

LAYOUT_KEY = "recap.vector_layout."
"""Meta key prefix (+ contest id): the field order the contest's vectors are written in."""

_STATE_SQL = (
    "CASE state " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STATES)) + " ELSE -1 END"
)
_FULL_RELOAD_SHARE = 4
"""Reload everything instead of applying changes when more than 1/4 of the records moved."""


# --- writing vectors (called by services.entry when a record becomes final) -----------------


def _contest_fields(session: Session, contest_id: str) -> tuple[str, ...]:
    template_id = session.execute(
        select(ContestRow.template_id).where(ContestRow.id == contest_id)
    ).scalar_one_or_none()
    if template_id is None:
        raise NotFoundError("UNKNOWN_CONTEST", contest=contest_id)
    numbers = tuple(
        session.execute(
            select(PaslonRow.nomor_urut)
            .where(PaslonRow.contest_id == contest_id)
            .order_by(PaslonRow.nomor_urut)
        ).scalars()
    )
    return load_template(template_id).form(numbers).field_ids


def _layout_json(fields: tuple[str, ...]) -> str:
    return json.dumps(list(fields), separators=(",", ":"))


def _rewrite_vectors(session: Session, contest_id: str, fields: tuple[str, ...]) -> int:
    rows = session.execute(
        select(RecordRow.tps_id, RecordRow.final_values).where(
            RecordRow.contest_id == contest_id,
            RecordRow.state == "final",
            RecordRow.final_values.is_not(None),
        )
    ).all()
    conn = session.connection()
    params = [
        {"v": encode_vector(fields, json.loads(values)), "t": tps, "c": contest_id}
        for tps, values in rows
        if values is not None
    ]
    if params:
        conn.execute(
            sql_text("UPDATE record SET final_vector = :v WHERE tps_id = :t AND contest_id = :c"),
            params,
        )
    return len(params)


def _ensure_layout(session: Session, contest_id: str, fields: tuple[str, ...]) -> None:
    key = LAYOUT_KEY + contest_id
    want = _layout_json(fields)
    row = session.get(Meta, key)
    if row is None and dialect_of(session) == POSTGRESQL:
        # On a room two stations may finish a contest's first forms at once (keying runs side
        # by side): the first insert wins and the other finds the same layout, instead of a
        # duplicate key reaching an operator.
        session.execute(
            upsert(Meta.__table__, POSTGRESQL)
            .values(key=key, value=want)
            .on_conflict_do_nothing(index_elements=["key"])
        )
    elif row is None:
        session.add(Meta(key=key, value=want))
        session.flush()
    elif row.value != want:
        # The form's field order changed since the vectors were written: rewrite them all.
        _rewrite_vectors(session, contest_id, fields)
        row.value = want
        session.flush()


def final_vector_for(session: Session, contest_id: str, values: Mapping[str, int]) -> bytes:
    """The ``final_vector`` of a record becoming final, in the caller's transaction."""
    fields = _contest_fields(session, contest_id)
    _ensure_layout(session, contest_id, fields)
    return encode_vector(fields, values)


def rebuild_vectors(ws: Workspace) -> int:
    """Rewrite every final record's vector from its JSON values (maintenance); returns how many."""
    n = 0
    with ws.store.unit_of_work() as s:
        for (cid,) in s.execute(select(ContestRow.id)).all():
            fields = _contest_fields(s, cid)
            n += _rewrite_vectors(s, cid, fields)
            key = LAYOUT_KEY + cid
            row = s.get(Meta, key)
            if row is None:
                s.add(Meta(key=key, value=_layout_json(fields)))
            else:
                row.value = _layout_json(fields)
        append_event(
            s, ws.now(), None, "recap.rebuild_vectors", details={"records": n}, user_name="system"
        )
    return n


def verify_vectors(ws: Workspace) -> list[tuple[str, str]]:
    """The final records whose stored vector differs from their JSON values, as (TPS, contest).

    The JSON values are what the audit chain covers; the vector is a copy for speed. The
    trigger keeps the application from leaving a stale vector, but a hand edit of the file
    could change a vector alone: run this before signing or exporting (0.4 to 0.6 s at
    25,000 TPS × 2 contests). A missing vector is not a difference (the recap reads the JSON).
    """
    bad: list[tuple[str, str]] = []
    with _no_gc(), ws.store.raw_reading() as cur:
        for (cid,) in cur.execute("SELECT id FROM contest").fetchall():
            fields = tuple(ws.form_spec(cid).field_ids)
            rows = cur.execute(
                "SELECT tps_id, final_values, final_vector FROM record "
                "WHERE contest_id = ? AND state = 'final' AND final_vector IS NOT NULL",
                (cid,),
            ).fetchall()
            for tps, text_, vector in rows:
                try:
                    same = encode_vector(fields, json.loads(text_)) == vector
                except (ValueError, TypeError):
                    same = False
                if not same:
                    bad.append((tps, cid))
    return bad


# --- reading ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of row tuples are created:
    otherwise a full collection lands in the middle of the load (measured: 55 of 75 ms of the
    second contest's fetch). Nothing of what is created here is cyclic garbage."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _load_tree(cur: Cursor) -> RegionTree:
    regions = cur.execute(
        "SELECT code, level, name FROM region WHERE level IN ('kabupaten', 'kecamatan', 'desa')"
    ).fetchall()
    kabs = [Region(c, n, Level.KABUPATEN) for c, lv, n in regions if lv == "kabupaten"]
    if len(kabs) != 1:
        raise InputError("ONE_KABUPATEN", count=len(kabs))
    kecs = [Region(c, n, Level.KECAMATAN) for c, lv, n in regions if lv == "kecamatan"]
    desas = [Region(c, n, Level.DESA) for c, lv, n in regions if lv == "desa"]
    tps = cur.execute("SELECT id, dpt_l + dpt_p FROM tps").fetchall()
    return RegionTree.build(kabs[0], kecs, desas, tps)


@dataclass
class _ContestData:
    """The mutable per-TPS matrix of one contest, and its recap once computed."""

    fields: tuple[str, ...]
    trusted_vectors: bool
    values: IntArray
    states: StateArray
    recap: Recap | None = None


def _decode_values(fields: tuple[str, ...], text: str) -> list[int]:
    values = json.loads(text)
    return [int(values[f]) for f in fields]


class RecapCache:
    """The recap of every contest of a workspace, kept in memory and refreshed incrementally.

    Thread-safe. :meth:`recap` refreshes first, so it always reflects the committed database.
    """

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self._lock = threading.RLock()
        self._tree: RegionTree | None = None
        self._data: dict[str, _ContestData] = {}
        self._order: tuple[str, ...] = ()
        self._seq = -1
        self._count = -1

    @property
    def tree(self) -> RegionTree:
        with self._lock:
            if self._tree is None:
                self.refresh()
            assert self._tree is not None
            return self._tree

    def contests(self) -> tuple[str, ...]:
        """The contest ids, in the workspace's order."""
        with self._lock:
            if self._tree is None:
                self.refresh()
            return self._order

    def invalidate(self) -> None:
        """Forget everything: the next call reloads from the database."""
        with self._lock:
            self._tree = None
            self._data = {}
            self._seq = self._count = -1

    def refresh(self) -> frozenset[str]:
        """Apply what changed in the database since the last call; returns the contests changed."""
        with self._lock, _no_gc(), self._ws.store.raw_reading() as cur:
            # Two queries: SQLite answers a lone max() from the index, and count(*) from the
            # smallest index; together in one SELECT they cost a full scan.
            (seq,) = cur.execute("SELECT coalesce(max(change_seq), 0) FROM record").fetchone()
            (count,) = cur.execute("SELECT count(*) FROM record").fetchone()
            if self._tree is not None and count == self._count and seq == self._seq:
                return frozenset()
            if self._tree is None or count != self._count or seq < self._seq:
                self._full_load(cur)
            else:
                changed = cur.execute(
                    f"SELECT contest_id, tps_id, {_STATE_SQL}, final_vector, "
                    "CASE WHEN final_vector IS NULL THEN final_values END "
                    "FROM record WHERE change_seq > ?",
                    (self._seq,),
                ).fetchall()
                if len(changed) * _FULL_RELOAD_SHARE > max(1, count) or not self._apply(
                    cur, changed
                ):
                    self._full_load(cur)
                else:
                    self._seq, self._count = seq, count
                    return frozenset(c for c, *_ in changed)
            self._seq, self._count = seq, count
            return frozenset(self._data)

    def recap(self, contest_id: str) -> Recap:
        """The current recap of a contest."""
        with self._lock:
            self.refresh()
            d = self._data.get(contest_id)
            if d is None:
                raise NotFoundError("UNKNOWN_CONTEST", contest=contest_id)
            if d.recap is None:
                assert self._tree is not None
                d.recap = aggregate_arrays(self._tree, contest_id, d.fields, d.values, d.states)
            return d.recap

    # -- loading --------------------------------------------------------------------------

    def _full_load(self, cur: Cursor) -> None:
        tree = _load_tree(cur)
        contests = cur.execute(
            f"SELECT c.id, c.template_id, {comma_join_sql('p.nomor_urut', cur.dialect)} FROM contest c "
            "LEFT JOIN (SELECT contest_id, nomor_urut FROM paslon ORDER BY nomor_urut) p "
            "ON p.contest_id = c.id GROUP BY c.id ORDER BY c.position"
        ).fetchall()
        layouts = dict(
            cur.execute("SELECT key, value FROM meta WHERE key LIKE ?", (LAYOUT_KEY + "%",))
        )
        data: dict[str, _ContestData] = {}
        for cid, template_id, numbers_text in contests:
            numbers = tuple(sorted(int(x) for x in (numbers_text or "").split(",") if x))
            fields = load_template(template_id).form(numbers).field_ids
            stored = layouts.get(LAYOUT_KEY + cid)
            trusted = stored is None or stored == _layout_json(fields)
            data[cid] = self._load_contest(cur, tree, cid, fields, trusted)
        self._tree = tree
        self._data = data
        self._order = tuple(c for c, *_ in contests)

    @staticmethod
    def _load_contest(
        cur: Cursor,
        tree: RegionTree,
        cid: str,
        fields: tuple[str, ...],
        trusted: bool,
    ) -> _ContestData:
        n, k = tree.n_tps, len(fields)
        states = np.full(n, STATES.index("empty"), dtype=np.int8)
        values = np.zeros((n, k), dtype=np.int64)
        (count,) = cur.execute(
            "SELECT count(*) FROM record WHERE contest_id = ?", (cid,)
        ).fetchone()
        # One record per TPS (primary key) of a master TPS (foreign key): with as many records
        # as TPS, the records in TPS order are exactly the tree's TPS, so ids need not be read.
        aligned = count == n
        columns = f"{_STATE_SQL}, final_vector" + ("" if aligned else ", tps_id")
        rows = cur.execute(
            f"SELECT {columns} FROM record WHERE contest_id = ? ORDER BY tps_id", (cid,)
        ).fetchall()  # the covering index ix_record_recap: no wide row is read
        if not rows:
            return _ContestData(fields, trusted, values, states)
        if aligned:
            codes, vectors = zip(*rows, strict=True)
            ids: tuple[str, ...] = tree.tps_ids
            where = np.arange(n)
        else:
            codes, vectors, ids = zip(*rows, strict=True)
            try:
                where = np.array([tree.tps_index[t] for t in ids], dtype=np.intp)
            except KeyError as e:
                raise InputError("RECORD_UNKNOWN_TPS", tps=str(e.args[0])) from None
        code_arr = np.array(codes, dtype=np.int8)
        if int(code_arr.min()) < 0:
            raise InputError("RECORD_UNKNOWN_STATE", contest=cid)
        states[where] = code_arr
        final_rows = np.flatnonzero(code_arr == FINAL).tolist()
        size = 4 * k
        blobs = [vectors[r] for r in final_rows]
        if trusted and all(b is not None and len(b) == size for b in blobs):
            good = final_rows
        else:
            good = [
                r
                for r in final_rows
                if trusted and vectors[r] is not None and len(vectors[r]) == size
            ]
            blobs = [vectors[r] for r in good]
        if good:
            values[where[good]] = decode_vectors(blobs, k)
        if len(good) != len(final_rows):
            # Vectors missing, stale or of another layout: read those records' JSON values.
            good_set = set(good)
            need = {ids[r]: int(where[r]) for r in final_rows if r not in good_set}
            for tps, text in cur.execute(
                "SELECT tps_id, final_values FROM record WHERE contest_id = ? AND state = 'final'",
                (cid,),
            ):
                i = need.get(tps)
                if i is not None:
                    values[i] = _decode_values(fields, text)
        return _ContestData(fields, trusted, values, states)

    def _apply(self, cur: Cursor, changed: list[tuple[object, ...]]) -> bool:
        """Apply changed records in place; False when only a full reload can (unknown ids)."""
        assert self._tree is not None
        index = self._tree.tps_index
        touched: set[str] = set()
        for cid, tps, code, vector, text in changed:
            d = self._data.get(str(cid))
            i = index.get(str(tps))
            if d is None or i is None or not isinstance(code, int) or code < 0:
                return False
            d.states[i] = code
            if code != FINAL:
                d.values[i] = 0
            elif (
                d.trusted_vectors and isinstance(vector, bytes) and len(vector) == 4 * len(d.fields)
            ):
                d.values[i] = np.frombuffer(vector, dtype="<i4")
            else:
                if text is None:
                    text = cur.execute(
                        "SELECT final_values FROM record WHERE tps_id = ? AND contest_id = ?",
                        (tps, cid),
                    ).fetchone()[0]
                d.values[i] = _decode_values(d.fields, str(text))
            touched.add(str(cid))
        for cid in touched:
            self._data[cid].recap = None
        return True


def load_recap(ws: Workspace, contest_id: str) -> Recap:
    """A one-off recap of a contest straight from the database."""
    return RecapCache(ws).recap(contest_id)


def summary(ws: Workspace, cache: RecapCache | None = None) -> dict[str, dict[str, object]]:
    """Per contest: TPS total, TPS final and the recap fingerprint (for bundles and dashboards)."""
    c = cache or RecapCache(ws)
    out: dict[str, dict[str, object]] = {}
    for cid in c.contests():
        r = c.recap(cid)
        out[cid] = {
            "tps_total": r.tps_total,
            "tps_final": r.tps_final,
            "fingerprint": r.fingerprint,
        }
    return out


# --- files -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecapExport:
    """What an export wrote."""

    path: str
    contest: str
    level: str
    format: str
    fingerprint: str
    rows: int
    generated_at: str
    sha256: str | None
    sheets: tuple[str, ...] = ()


def recap_info(ws: Workspace, contest_id: str, generated_at: str) -> RecapInfo:
    """The labels a workbook needs: election, contest name, province, form and candidate pairs."""
    meta = ws.meta()
    contest = ws.contest(contest_id)
    return RecapInfo(
        election=meta.get("election", ""),
        contest_name=contest.name,
        provinsi=meta.get("provinsi_name", ""),
        generated_at=generated_at,
        form=ws.form_spec(contest_id),
        paslon=contest.paslon,
    )


def _atomic_write(path: Path, write: Callable[[Path], object]) -> bytes:
    """Write ``path`` whole or not at all (``store/files.py``) and return the bytes written."""
    written: list[bytes] = []

    def fill(tmp: Path) -> None:
        write(tmp)
        written.append(tmp.read_bytes())

    atomic_write_with(path, fill)
    return written[0]


def export_recap(
    ws: Workspace,
    actor: Actor | None,
    contest_id: str,
    level: str,
    fmt: str,
    out: Path | TextIO,
    *,
    cache: RecapCache | None = None,
) -> RecapExport:
    """Write the recap of a contest at a level as json, csv or xlsx, and audit the export.

    ``out`` is a file path, or a text stream for json and csv (the command line's ``-``)."""
    try:
        lv = level_of_name(level)
    except ValueError:
        allowed = ", ".join(x.value for x in RECAP_LEVELS)
        raise InputError("NOT_ONE_OF", what="level", value=level, allowed=allowed) from None
    if fmt not in FORMATS:
        raise InputError("NOT_ONE_OF", what="format", value=fmt, allowed=", ".join(FORMATS))
    recap = (cache or RecapCache(ws)).recap(contest_id)
    # In the region's own zone (WIB, WITA or WIT), as the reports give it.
    prov = ws.meta().get("provinsi_code", "")
    generated_at = iso(local_time(ws.clock.now(), prov)) if prov else ws.now()
    sheets: tuple[str, ...] = ()
    digest: str | None = None
    if isinstance(out, Path):
        if fmt == "xlsx":
            info = recap_info(ws, contest_id, generated_at)
            names: list[str] = []

            def write(p: Path) -> None:
                names.extend(write_xlsx(recap, lv, p, info))

            data = _atomic_write(out, write)
            sheets = tuple(names)
        else:
            buf = io.StringIO(newline="")
            if fmt == "json":
                write_json(recap, lv, generated_at, buf)
            else:
                write_csv(recap, lv, buf)
            text = buf.getvalue()
            data = _atomic_write(out, lambda p: p.write_text(text, encoding="utf-8", newline=""))
        digest = hashlib.sha256(data).hexdigest()
        where = str(out)
    else:
        if fmt == "xlsx":
            raise InputError("XLSX_NEEDS_FILE")
        if fmt == "json":
            write_json(recap, lv, generated_at, out)
        else:
            write_csv(recap, lv, out)
        where = "-"
    result = RecapExport(
        where,
        contest_id,
        lv.value,
        fmt,
        recap.fingerprint,
        len(recap.table(lv)),
        generated_at,
        digest,
        sheets,
    )
    if not ws.store.read_only:
        with ws.store.unit_of_work() as s:
            append_event(
                s,
                generated_at,
                actor,
                "recap.export",
                target=contest_id,
                details={
                    "level": lv.value,
                    "format": fmt,
                    "file": Path(where).name if where != "-" else "-",
                    "sha256": digest,
                    "fingerprint": recap.fingerprint,
                    "tps_final": recap.tps_final,
                },
                user_name=None if actor else "anonymous",
            )
    return result
