"""The room's figure: a simulated room of stations keying at 10× human pace on one host.

A demo workspace becomes a room on 127.0.0.1; ``KAMARHITUNG_BENCH_STATIONS`` stations (default 50)
join it with codes, each with its own operator, its own TLS connection through the gateway and
its own pool, spread over a few processes (threads inside each). Every station takes its next
form, "reads" it for 4.5 s (45 s an entry, 10× faster than a person) and finishes it. Measured:
each save's time (p50, p95; target p95 ≤ 50 ms), errors reaching an operator (must be 0),
throughput, and the host's database CPU and memory. Afterwards the audit chain and every record
must verify. Bounded: ``KAMARHITUNG_BENCH_ROOM_S`` seconds (default 60) and 50,000 saves.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Result

WORKER = r"""
import json, sys, threading, time
from pathlib import Path
args = json.loads(sys.argv[1])
from kamarhitung.services import accounts, entry
from kamarhitung.services.workspace import open_workspace
deadline = time.monotonic() + args["seconds"]
go = Path(args["go"])
lat, errors, lock = [], [], threading.Lock()

def station(sdir, user, password, contest, think):
    ws = open_workspace(Path(sdir))
    actor = accounts.authenticate(ws, user, password)
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    n = 0
    while time.monotonic() < deadline and n < 1000:
        try:
            form = entry.next_form(ws, actor, contest)
            if form is None:
                break
            time.sleep(think)
            values = dict.fromkeys(ws.form_spec(contest).field_ids, 1)
            t0 = time.perf_counter()
            entry.finish_entry(ws, actor, form.tps.tps_id, contest, values)
            dt = time.perf_counter() - t0
            with lock:
                lat.append(dt)
        except Exception as e:
            with lock:
                errors.append(f"{type(e).__name__}: {e}")
        n += 1
    ws.close()

threads = [threading.Thread(target=station, args=s) for s in args["stations"]]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"lat": lat, "errors": errors}))
"""


def run() -> list[Result]:
    os.environ.setdefault("KAMARHITUNG_FAST_HASH", "1")  # 50 operators' logins, not the figure
    import psutil

    from kamarhitung.core.model import Role
    from kamarhitung.services import accounts, room
    from kamarhitung.services.demo import create_demo
    from kamarhitung.services.integrity import verify_workspace
    from kamarhitung.services.workspace import open_workspace
    from kamarhitung.store.pgcluster import free_port

    n_stations = int(os.environ.get("KAMARHITUNG_BENCH_STATIONS", "50"))
    seconds = float(os.environ.get("KAMARHITUNG_BENCH_ROOM_S", "60"))
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-room-"))
    ws_dir = tmp / "ws"
    try:
        create_demo(ws_dir, n_tps=600, seed=5)
        creds = json.loads((ws_dir / "demo-credentials.json").read_text())
        admin_pw = next(u["password"] for u in creds["users"] if u["name"] == "admin")
        ws = open_workspace(ws_dir)
        contests = [c.id for c in ws.contests()]
        admin = accounts.authenticate(ws, "admin", admin_pw)
        users = [(f"bench_op{i:02d}", f"Sandi-rahasia-{i:02d}!x") for i in range(n_stations)]
        for name, pw in users:
            accounts.add_user(ws, admin, name, Role.OPERATOR, pw)
        ws.close()
        port = free_port()
        t0 = time.perf_counter()
        room.make_host(ws_dir, "admin", admin_pw, port=port)
        room.serve_detached(ws_dir)
        host_s = time.perf_counter() - t0
        stations = []
        for i, (name, pw) in enumerate(users):
            code = room.new_code(ws_dir, "admin", admin_pw).code
            sdir = tmp / f"st{i:02d}"
            room.join(sdir, "127.0.0.1", port, code, name=f"st{i:02d}")
            stations.append([str(sdir), name, pw, contests[i % len(contests)], 4.5])
        go = tmp / "go"
        per = int(os.environ.get("KAMARHITUNG_BENCH_THREADS", "5"))  # stations per process
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    WORKER,
                    json.dumps(
                        {"stations": stations[i : i + per], "seconds": seconds, "go": str(go)}
                    ),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(0, len(stations), per)
        ]
        time.sleep(5)  # every station has connected and logged in
        pg = psutil.Process(room.cluster_of(ws_dir).pid() or 0)
        tree = [pg, *pg.children(recursive=True)]
        cpu0 = sum(p.cpu_times().user + p.cpu_times().system for p in tree)
        w0 = time.perf_counter()
        go.touch()
        rss = 0
        while any(p.poll() is None for p in procs) and time.perf_counter() - w0 < seconds + 60:
            with contextlib.suppress(psutil.Error):
                tree = [pg, *pg.children(recursive=True)]
                rss = max(rss, sum(p.memory_info().rss for p in tree))
            time.sleep(1)
        wall = time.perf_counter() - w0
        cpu1 = 0.0
        for p in [pg, *pg.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                cpu1 += p.cpu_times().user + p.cpu_times().system
        lat: list[float] = []
        errors: list[str] = []
        for p in procs:
            out, err = p.communicate(timeout=120)
            if p.returncode != 0:
                errors.append(err.strip().splitlines()[-1] if err.strip() else "worker failed")
                continue
            data = json.loads(out)
            lat += data["lat"]
            errors += data["errors"]
        ws = open_workspace(ws_dir)
        try:
            intact = verify_workspace(ws).intact
        finally:
            ws.close()
        room.stop(ws_dir, "admin", admin_pw)
        lat.sort()
        p95 = lat[int(0.95 * (len(lat) - 1))] if lat else float("inf")
        note = (
            f"{n_stations} stations, {len(lat)} saves in {wall:.0f} s "
            f"({len(lat) / wall:.1f}/s), p50 {statistics.median(lat or [0.0]) * 1e3:.1f} ms, "
            f"errors {len(errors)}, host db CPU {100 * (cpu1 - cpu0) / wall:.0f}% of a core, "
            f"RSS {rss / 2**20:.0f} MB, audit+records {'intact' if intact else 'BROKEN'}"
        )
        if errors:
            note += f"; first error: {errors[0][:120]}"
        return [
            Result("room: entry save p95 (stations at 10× pace, via TLS)", p95, 0.050, note),
            Result("room: `room host` to accepting stations (600 TPS demo)", host_s, 10.0),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
