"""SIREKAP's published files for a 15,000-TPS kabupaten: importing one Pilkada TPS JSON per TPS
(``tungsura`` with ``chart`` and ``administrasi``, the flags, the images) with a candidate file,
≤ 30 s with progress; selisih at TPS level and summed per kecamatan and desa ≤ 1 s.

The workspace is :func:`bench.bench_recap.build`'s (every form final) at 15,000 TPS; the files
carry the final numbers with a difference planted in every 50th TPS.
``python -m bench.bench_official`` prints the table.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from bench import bench_recap
from bench.common import Result, median_time, print_table
from kamarhitung.core.model import Level, Role
from kamarhitung.services.common import Actor
from kamarhitung.services.official import import_official_files, selisih, selisih_summary

N_TPS = 15_000


def _files(ws_path: Path, out: Path, contest: str) -> tuple[list[Path], int]:
    """One SIREKAP TPS JSON per final TPS, and the candidate file; the count of planted diffs."""
    import sqlite3

    con = sqlite3.connect(ws_path / "kamarhitung.sqlite")
    rows = con.execute(
        "SELECT tps_id, final_values FROM record WHERE contest_id = ? AND state = 'final'",
        (contest,),
    ).fetchall()
    numbers = [n for (n,) in con.execute(
        "SELECT nomor_urut FROM paslon WHERE contest_id = ? ORDER BY nomor_urut", (contest,)
    )]  # fmt: skip
    con.close()
    ids = {n: str(500_000 + n) for n in numbers}
    out.mkdir()
    cand = out / "paslon.json"
    cand.write_text(json.dumps({ids[n]: {"nama": f"PASLON {n}", "nomor_urut": n} for n in numbers}))
    files = [cand]
    planted = 0
    for i, (tps, text) in enumerate(rows):
        v = json.loads(text)
        if i % 50 == 0:
            v["IV.1"] += 1
            planted += 1
        admin = {
            "suara_sah": v["V.A"],
            "suara_tidak_sah": v["V.B"],
            "suara_total": v["V.C"],
            "pemilih_dpt_l": v["I.A.1.L"],
            "pemilih_dpt_p": v["I.A.1.P"],
            "pemilih_dpt_j": v["I.A.1.J"],
            "pengguna_total_j": v["I.B.4.J"],
            "surat_diterima": v["II.1"],
            "surat_digunakan": v["II.2"],
        }
        doc = {
            "ts": "2024-11-28 10:00:00",
            "psu": None,
            "status_suara": True,
            "status_adm": i % 7 != 0,
            "images": [f"https://sirekap.invalid/{tps}-{k}.jpg" for k in (1, 2)],
            "tungsura": {
                "chart": {ids[n]: v[f"IV.{n}"] for n in numbers},
                "administrasi": admin,
            },
        }
        f = out / f"{tps}.json"
        f.write_text(json.dumps(doc))
        files.append(f)
    return files, planted


def run() -> list[Result]:
    out: list[Result] = []
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-official-"))
    saved = bench_recap.N_TPS
    try:
        bench_recap.N_TPS = N_TPS
        path = tmp / "ws"
        _spare, built = bench_recap.build(path)
        ws = bench_recap.new_workspace(path)
        contest = "gubernur"
        files, planted = _files(path, tmp / "sirekap", contest)
        actor = Actor(0, "bench", Role.SUPERVISOR)
        seen: list[int] = []
        t0 = time.perf_counter()
        batch = import_official_files(
            ws, actor, files, contest=contest, progress=lambda d, _t: seen.append(d)
        )
        took = time.perf_counter() - t0
        out.append(
            Result(
                f"import {N_TPS:,} SIREKAP TPS files (one transaction)",
                took,
                30.0,
                f"{batch.forms:,} forms, {batch.values:,} numbers, {len(seen)} progress calls; "
                f"workspace built in {built:.0f} s",
            )
        )
        rep = selisih(ws, contest)
        assert len({d.tps for d in rep.differences}) == planted, (len(rep.differences), planted)
        out.append(
            Result(
                "selisih at TPS level",
                median_time(lambda: selisih(ws, contest), 5),
                1.0,
                f"{len(rep.differences)} differences over {rep.compared:,} TPS",
            )
        )
        for level in (Level.KECAMATAN, Level.DESA):

            def summary(lv: Level = level) -> None:
                selisih_summary(ws, contest, lv)

            out.append(Result(f"selisih summed per {level.value}", median_time(summary, 5), 1.0))
        ws.close()
    finally:
        bench_recap.N_TPS = saved
        shutil.rmtree(tmp, ignore_errors=True)
    return out


if __name__ == "__main__":
    print_table(run())
