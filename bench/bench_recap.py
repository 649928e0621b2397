"""Recap figures on a 25,000-TPS kabupaten with two contests, every form final: a full recap from
the database (cold: a new Workspace and engine) ≤ 200 ms, the recap updated after one more final
form ≤ 20 ms, an anomaly scan of 25,000 TPS ≤ 1 s; with the plain way (``json.loads`` of every
``final_values``) measured beside them as the baseline the stored vectors avoid.

The workspace is built once: ``demo_master`` + ``create_workspace``, synthetic results for every
TPS (core.synth), then every record made final with direct bulk SQL writing ``final_values``,
``final_vector`` and the vector layout exactly as ``services.entry._make_final`` does.
``python -m bench.bench_recap`` prints the table.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.common import Result, median_time, print_table
from kamarhitung.core.recap import RECAP_LEVELS, encode_vector
from kamarhitung.core.synth import draw_shares, synth_result
from kamarhitung.services.anomalies import scan_anomalies
from kamarhitung.services.audit import event_hash
from kamarhitung.services.common import canonical_json
from kamarhitung.services.demo import demo_master
from kamarhitung.services.hashes import record_hash_of
from kamarhitung.services.recap import LAYOUT_KEY, RecapCache, verify_vectors
from kamarhitung.services.workspace import Workspace, create_workspace
from kamarhitung.store.engine import make_engine
from kamarhitung.store.workspace import DB_NAME, WorkspaceStore

N_TPS = 25_000
SEED = 7
SPARE = 40
"""Records per contest left not final, made final one by one by the incremental figure."""


def build(path: Path) -> tuple[dict[str, list[tuple[str, str, bytes]]], float]:
    """The bench workspace; returns, per contest, the spare records (tps, json, vector) still
    to be made final, and the build time."""
    t0 = time.perf_counter()
    master = demo_master(N_TPS, SEED)
    ws = create_workspace(path, master, election="bench")
    rng = random.Random(SEED)
    spare: dict[str, list[tuple[str, str, bytes]]] = {}
    rows: list[tuple[str, bytes, str, str]] = []
    layouts: list[tuple[str, str]] = []
    for c in master.contests:
        form = ws.form_spec(c.id)
        fields = form.field_ids
        layouts.append((LAYOUT_KEY + c.id, json.dumps(list(fields), separators=(",", ":"))))
        shares = draw_shares(len(c.paslon), rng)
        spare[c.id] = []
        for i, t in enumerate(master.tps):
            values = synth_result(form, t.dpt_l, t.dpt_p, rng, 0.0, shares=shares).values
            item = (t.id, canonical_json(values), encode_vector(fields, values))
            if i % (N_TPS // SPARE) == 0 and len(spare[c.id]) < SPARE:
                spare[c.id].append(item)
            else:
                rows.append((item[1], item[2], t.id, c.id))
    ws.close()
    con = sqlite3.connect(path / DB_NAME, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            "UPDATE record SET state = 'final', final_values = ?, final_vector = ?, "
            "final_findings = '[]', final_source = 'agreed', finalized_at = updated_at, "
            "finalized_by = 'bench' WHERE tps_id = ? AND contest_id = ?",
            rows,
        )
        con.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", layouts)
        chain_finals(con)
        con.execute("COMMIT")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    return spare, time.perf_counter() - t0


def chain_finals(con: sqlite3.Connection) -> int:
    """Give every final record without one its content hash and an audit event recording it,
    as ``services.entry._make_final`` and its event do: the bench workspace then passes
    ``audit verify``, which finalising, signing and exporting run first (issue 12)."""
    rows = con.execute(
        "SELECT tps_id, contest_id, final_values, final_source, final_findings, finalized_at, "
        "finalized_by, note FROM record WHERE state = 'final' AND hash IS NULL "
        "ORDER BY contest_id, tps_id"
    ).fetchall()
    last = con.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(last[0]), str(last[1])) if last else (0, "0" * 64)
    hashes, events = [], []
    for tps, cid, fv, src, ff, fat, fby, note in rows:
        h = record_hash_of(tps, cid, fv, src, ff, fat, fby, note)
        hashes.append((h, tps, cid))
        seq += 1
        details = canonical_json({"record_hash": h, "state": "final"})
        target = f"{tps}/{cid}"
        body = {
            "seq": seq,
            "at": fat,
            "user": "bench",
            "role": None,
            "action": "bench.finalise",
            "target": target,
            "outcome": "ok",
            "details": details,
        }
        new = event_hash(prev, body)
        events.append((seq, fat, "bench", "bench.finalise", target, details, prev, new))
        prev = new
    con.executemany("UPDATE record SET hash = ? WHERE tps_id = ? AND contest_id = ?", hashes)
    con.executemany(
        "INSERT INTO audit_event (seq, at, user_name, role, action, target, outcome, "
        "details_json, prev_hash, hash) VALUES (?, ?, ?, NULL, ?, ?, 'ok', ?, ?, ?)",
        events,
    )
    return len(rows)


def new_workspace(path: Path) -> Workspace:
    """A new Workspace object on a new engine (no connection, cache or parsed schema reused);
    the schema version check of ``open_workspace`` is left out (measured apart)."""
    return Workspace(WorkspaceStore(path, make_engine(path / DB_NAME)))


def full_recap(ws: Workspace) -> None:
    cache = RecapCache(ws)
    for cid in cache.contests():
        r = cache.recap(cid)
        for level in RECAP_LEVELS:
            r.table(level)


def json_baseline(path: Path) -> None:
    """The plain way: read every final record's JSON values (what the vectors avoid)."""
    con = sqlite3.connect(path / DB_NAME)
    try:
        for (text,) in con.execute("SELECT final_values FROM record WHERE state = 'final'"):
            json.loads(text)
    finally:
        con.close()


def run() -> list[Result]:
    out: list[Result] = []
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-recap-"))
    try:
        path = tmp / "ws"
        spare, built = build(path)
        size = (path / DB_NAME).stat().st_size / 2**20
        note = f"{N_TPS:,} TPS × 2 contests final; built in {built:.0f} s, {size:.0f} MiB"

        def cold() -> None:
            ws = new_workspace(path)
            try:
                full_recap(ws)
            finally:
                ws.close()

        out.append(Result("full recap from the database (cold)", median_time(cold, 7), 0.2, note))
        out.append(
            Result(
                "baseline: json.loads of every final_values",
                median_time(lambda: json_baseline(path), 3),
                None,
                "what a plain recap would spend on parsing alone",
            )
        )

        ws = new_workspace(path)
        cache = RecapCache(ws)
        contest = cache.contests()[-1]
        cache.recap(contest).table("kecamatan")
        pending = list(spare[contest])

        def finalize_one() -> None:
            tps, values, vector = pending.pop()
            with ws.store.unit_of_work() as s:
                s.connection().exec_driver_sql(
                    "UPDATE record SET state = 'final', final_values = ?, final_vector = ?, "
                    "final_findings = '[]', final_source = 'agreed', finalized_at = updated_at, "
                    "finalized_by = 'bench' WHERE tps_id = ? AND contest_id = ?",
                    (values, vector, tps, contest),
                )

        def refreshed() -> None:
            cache.recap(contest).table("kecamatan")

        before = cache.recap(contest).tps_final
        t_inc = median_time(refreshed, 21, setup=finalize_one)
        assert cache.recap(contest).tps_final == before + 21
        out.append(
            Result(
                "recap updated after one more final form",
                t_inc,
                0.02,
                "cache refresh (records whose change_seq moved) + recap + kecamatan level",
            )
        )
        out.append(
            Result(
                "  of which: refresh with nothing changed",
                median_time(cache.refresh, 21),
                None,
                "max(change_seq), count(*)",
            )
        )

        def scan_cold() -> None:
            w = new_workspace(path)
            try:
                scan_anomalies(w, contest)
            finally:
                w.close()

        out.append(
            Result(
                "anomaly scan of 25,000 TPS (cold, from the database)",
                median_time(scan_cold, 5),
                1.0,
                "loading included; stored form findings merged",
            )
        )
        warm = RecapCache(ws)
        warm.recap(contest)
        out.append(
            Result(
                "  anomaly scan on a loaded recap",
                median_time(lambda: scan_anomalies(ws, contest, cache=warm), 5),
                None,
                "",
            )
        )
        r = warm.recap(contest)
        out.append(
            Result(
                "  recap JSON, desa level (one contest)",
                median_time(lambda: json.dumps(r.to_json("desa", "t")), 5),
                None,
                f"{len(r.table('desa'))} desa",
            )
        )
        out.append(
            Result(
                "  verify every stored vector against its JSON",
                median_time(lambda: verify_vectors(ws), 3),
                None,
                "the integrity check to run before signing or exporting",
            )
        )
        ws.close()
        out.append(time_xlsx(path, contest))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def time_xlsx(path: Path, contest: str) -> Result:
    from kamarhitung.core.recap_export import write_xlsx
    from kamarhitung.services.recap import recap_info

    ws = new_workspace(path)
    try:
        r = RecapCache(ws).recap(contest)
        info = recap_info(ws, contest, "2026-12-09T21:00:00+07:00")
        target = path.parent / "r.xlsx"

        def write() -> None:
            write_xlsx(r, "desa", target, info)

        t = median_time(write, 3)
        return Result(
            "  recap xlsx, desa level and above", t, None, f"{target.stat().st_size // 1024} KiB"
        )
    finally:
        ws.close()


if __name__ == "__main__":
    print_table(run())
