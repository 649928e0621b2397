"""A room's backup: ``pg_dump -Fc`` of the room's database and its check (``pg_restore`` into a
scratch cluster made by ``initdb`` for it, every table counted, the audit chain verified), for a
demo room and for a 25,000-TPS one. The sizes of the dumps are in the notes.

A demo workspace (SQLite, ``entries="mixed"``) becomes a room on 127.0.0.1 (``room host``); then
``backup_now`` runs as the GUI's 15-minute timer runs it, three times. ``KAMARHITUNG_BENCH_BACKUP_TPS``
(default ``60,25000``) sets the sizes measured, ``KAMARHITUNG_BENCH_BACKUP_ENTRIES`` the demo's
entries (``mixed``, the default, or ``none``: keying a 25,000-TPS demo through the services takes
over 40 minutes on a loaded 2-core machine).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import Result


def _one(n_tps: int, tmp: Path) -> list[Result]:
    from kamarhitung.services import backup_room, room
    from kamarhitung.services.backup import backup_now
    from kamarhitung.services.demo import create_demo
    from kamarhitung.services.workspace import open_workspace
    from kamarhitung.store.pgcluster import free_port

    ws_dir = tmp / f"ws{n_tps}"
    t0 = time.perf_counter()
    entries = os.environ.get("KAMARHITUNG_BENCH_BACKUP_ENTRIES", "mixed")
    create_demo(ws_dir, n_tps=n_tps, seed=5, entries=entries)
    built = time.perf_counter() - t0
    creds = json.loads((ws_dir / "demo-credentials.json").read_text())
    admin = next(u["password"] for u in creds["users"] if u["name"] == "admin")
    room.make_host(ws_dir, "admin", admin, listen="127.0.0.1", port=free_port())
    try:
        ws = open_workspace(ws_dir)
        try:
            totals, dumps, checks = [], [], []
            for _ in range(3):
                t0 = time.perf_counter()
                info = backup_now(ws, None, reason="bench")
                totals.append(time.perf_counter() - t0)
                side = json.loads(backup_room.sidecar(info.path).read_text())
                dumps.append(float(side["dump_seconds"]))
                checks.append(float(side["check_seconds"]))
            rows = sum(side["counts"].values())
            size_mb = info.size / 1e6
        finally:
            ws.close()
    finally:
        room.cluster_of(ws_dir).stop()
    label = f"{n_tps:,} TPS, entries {entries}"
    note = (
        f"{rows:,} rows, dump {size_mb:.1f} MB; pg_dump {statistics.median(dumps):.2f} s, "
        f"check (initdb + pg_restore + counts + chain) {statistics.median(checks):.2f} s; "
        f"demo built in {built:.0f} s"
    )
    return [
        Result(
            f"room backup (pg_dump + check in a scratch cluster), {label}",
            statistics.median(totals),
            60.0 if n_tps >= 25_000 else 15.0,
            note,
        )
    ]


def run() -> list[Result]:
    sizes = [int(s) for s in os.environ.get("KAMARHITUNG_BENCH_BACKUP_TPS", "60,25000").split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-backup-"))
    os.environ.pop("KAMARHITUNG_TEST_POSTGRES", None)
    try:
        out: list[Result] = []
        for n in sizes:
            out.extend(_one(n, tmp))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
