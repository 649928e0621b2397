"""Foundation figures: init from a 25,000-TPS master workbook (≤ 10 s), demo creation rate,
saving one entry in a 25,000-TPS workspace (≤ 30 ms), against baselines measured in the same run."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from bench.common import Result, median_time
from kamarhitung.core.master import read_master
from kamarhitung.core.model import Role
from kamarhitung.services import accounts, entry
from kamarhitung.services.demo import create_demo, demo_master
from kamarhitung.services.workspace import create_workspace, open_workspace

N_TPS = 25_000


def write_master_xlsx(path: Path, n_tps: int, seed: int = 3) -> None:
    """A realistic master workbook: a real kabupaten's regions scaled to ``n_tps`` TPS."""
    m = demo_master(n_tps, seed)
    names = {r.code: r.name for r in (*m.kecamatan, *m.desa)}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("TPS")
    ws.append(
        ["kode_desa", "provinsi", "kabupaten", "kecamatan", "desa", "nomor_tps", "dpt_l", "dpt_p"]
    )
    for t in m.tps:
        ws.append(
            [
                t.desa_code,
                m.provinsi.name,
                m.kabupaten.name,
                names[t.desa_code[:6]],
                names[t.desa_code],
                t.number,
                t.dpt_l,
                t.dpt_p,
            ]
        )
    ps = wb.create_sheet("PASLON")
    ps.append(["pemilihan", "nomor_urut", "nama_calon", "nama_wakil"])
    for c in m.contests:
        for p in c.paslon:
            ps.append([c.id, p.nomor_urut, p.nama_calon, p.nama_wakil])
    wb.save(path)


def run() -> list[Result]:
    out: list[Result] = []
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-"))
    try:
        xlsx = tmp / "master.xlsx"
        write_master_xlsx(xlsx, N_TPS)

        def read_floor() -> None:
            wb = load_workbook(xlsx, read_only=True, data_only=True)
            for _row in wb["TPS"].iter_rows(values_only=True):
                pass
            wb.close()

        floor = median_time(read_floor, repeat=3)
        n = [0]

        def init() -> None:
            n[0] += 1
            ws = create_workspace(tmp / f"ws{n[0]}", read_master(xlsx), election="bench")
            ws.close()

        t_init = median_time(init, repeat=3)
        out.append(
            Result(
                "init from a 25,000-TPS master workbook",
                t_init,
                10.0,
                f"{t_init / floor:.1f}× openpyxl merely reading the sheet ({floor:.2f} s)",
            )
        )

        t0 = time.perf_counter()
        create_demo(tmp / "demo2000", n_tps=2000, seed=2, entries="none")
        t_demo = time.perf_counter() - t0
        out.append(
            Result(
                "demo creation, 2,000 TPS (images lazy)", t_demo, None, f"{2000 / t_demo:.0f} TPS/s"
            )
        )

        # Entry save latency in a 25,000-TPS workspace, against a bare fsync'd SQLite commit.
        big = tmp / "ws1"
        demo_ws = open_workspace(big)
        pw = "bench-pass-1"
        os.environ.setdefault("KAMARHITUNG_FAST_HASH", "1")
        admin = accounts.create_first_admin(demo_ws, "admin", pw)
        accounts.add_user(demo_ws, admin, "op1", Role.OPERATOR, pw)
        accounts.add_user(demo_ws, admin, "op2", Role.OPERATOR, pw)
        op1 = accounts.authenticate(demo_ws, "op1", pw)
        contest = demo_ws.contests()[0].id
        form = demo_ws.form_spec(contest)
        values = {f: 1 for f in form.field_ids}
        drafts: list[float] = []
        finishes: list[float] = []
        nexts: list[float] = []
        for _ in range(15):
            t0 = time.perf_counter()
            kf = entry.next_form(demo_ws, op1, contest)
            nexts.append(time.perf_counter() - t0)
            assert kf is not None
            t0 = time.perf_counter()
            entry.save_draft(demo_ws, op1, kf.tps.tps_id, contest, {"I.A.1.L": 1}, keystrokes=2)
            drafts.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            entry.finish_entry(demo_ws, op1, kf.tps.tps_id, contest, values)
            finishes.append(time.perf_counter() - t0)
        demo_ws.close()

        con = sqlite3.connect(tmp / "fsync.sqlite", isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE t (x)")
        base = median_time(lambda: con.execute("INSERT INTO t VALUES (1)"), repeat=15)
        con.close()
        import statistics

        for name, xs, target in (
            ("save a draft field (25,000-TPS workspace)", drafts, 0.030),
            ("finish an entry (25,000-TPS workspace)", finishes, 0.030),
            ("next form claimed (25,000-TPS workspace)", nexts, None),
        ):
            med = statistics.median(xs)
            out.append(
                Result(
                    name,
                    med,
                    target,
                    f"{med / base:.1f}× a bare fsync'd commit ({base * 1e3:.1f} ms)",
                )
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
