"""The room's figures, each beside a same-run baseline.

1. Keying: a demo workspace becomes a room on 127.0.0.1; ``KAMARHITUNG_BENCH_STATIONS`` stations
   (default 50) join it with codes, each with its own operator, its own TLS connection through
   the gateway and its own pool, spread over processes (``KAMARHITUNG_BENCH_THREADS`` threads in
   each, default 1). Every station takes its next form, "reads" it for 4.5 s ± 20 % (45 s an
   entry, 10× faster than a person) and finishes it; the stations start at random instants within
   the first 4.5 s (``KAMARHITUNG_BENCH_LOCKSTEP=1``: all at once, exactly 4.5 s, so the saves
   arrive in bursts of one a station and queue on the order lock). Measured: each save's time (p50, p95; target p95 ≤
   50 ms), each claim's, errors reaching an operator (must be 0), throughput, the host's CPU
   (the whole machine, the database, the serving process with its TLS gateway), memory and load
   average. Afterwards the audit chain and every record must verify. Baselines in the same run:
   the same save on the SQLite workspace before it moved, and one station alone on the room.
   Bounded: ``KAMARHITUNG_BENCH_ROOM_S`` seconds (default 60), 1,000 saves a station.
2. Recap and move: the 25,000-TPS × 2 contests workspace of bench_recap (every form final) on
   SQLite: full recap (cold) and recap after one more final form; then ``room host`` moves it into
   a room (≤ 60 s), the room opens to stations, and the same recaps run from PostgreSQL (≤ 200 ms,
   ≤ 20 ms), on the host and from a station through the gateway. Then the room is stopped and
   hosted again: ``room host`` to accepting stations (≤ 10 s). ``KAMARHITUNG_BENCH_ROOM_PARTS``
   (``keying``, ``recap``; default both) picks the parts.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Result, median_time

WORKER = r"""
import json, sys, threading, time
from pathlib import Path
args = json.loads(sys.argv[1])
from kamarhitung.services import accounts, entry
from kamarhitung.services.workspace import open_workspace
deadline = time.monotonic() + args["seconds"] + 180  # 180 s to start and log in
go = Path(args["go"])
lat, claim, errors, lock = [], [], [], threading.Lock()

def station(sdir, user, password, contest, think, limit, start=0.0, jitter=0.0, seed=0):
    import random
    rng = random.Random(seed)
    ws = open_workspace(Path(sdir))
    actor = accounts.authenticate(ws, user, password)
    (go.parent / f"ready-{user}").touch()
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(start)  # operators do not all press Enter at the same instant
    stop = time.monotonic() + args["seconds"]
    n = 0
    while time.monotonic() < stop and n < limit:
        try:
            t0 = time.perf_counter()
            form = entry.next_form(ws, actor, contest)
            if form is None:
                break
            t1 = time.perf_counter()
            time.sleep(think * rng.uniform(1 - jitter, 1 + jitter))
            values = dict.fromkeys(ws.form_spec(contest).field_ids, 1)
            t2 = time.perf_counter()
            entry.finish_entry(ws, actor, form.tps.tps_id, contest, values)
            dt = time.perf_counter() - t2
            with lock:
                lat.append(dt)
                claim.append(t1 - t0)
        except Exception as e:
            with lock:
                errors.append(f"{type(e).__name__}: {e}")
        n += 1
    ws.close()

import resource

def used():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime

threads = [threading.Thread(target=station, args=s) for s in args["stations"]]
for t in threads:
    t.start()
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.01)
cpu0 = used()  # the keying only: not the imports and logins before the start
for t in threads:
    t.join()
cpu = used() - cpu0
print(json.dumps({"lat": lat, "claim": claim, "errors": errors, "cpu": cpu}))
"""


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[int(q * (len(xs) - 1))] if xs else float("inf")


def _ms(x: float) -> str:
    return f"{x * 1e3:.1f} ms"


def _load() -> str:
    return "load " + "/".join(f"{x:.1f}" for x in os.getloadavg())


def _spawn(stations: list[list[Any]], seconds: float, go: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            WORKER,
            json.dumps({"stations": stations, "seconds": seconds, "go": str(go)}),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _collect(
    procs: list[subprocess.Popen[str]], cpu: list[float] | None = None
) -> tuple[list[float], list[float], list[str]]:
    lat: list[float] = []
    claim: list[float] = []
    errors: list[str] = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        if p.returncode != 0:
            errors.append(err.strip().splitlines()[-1] if err.strip() else "worker failed")
            continue
        data = json.loads(out)
        lat += data["lat"]
        claim += data["claim"]
        if cpu is not None:
            cpu.append(data["cpu"])
        errors += data["errors"]
    return lat, claim, errors


def _alone(sdir: Path, user: str, pw: str, contest: str, n: int, tmp: Path) -> list[float]:
    """One station keying alone, no pause: the baseline of a save."""
    go = tmp / f"go-alone-{sdir.name}"
    go.touch()
    lat, _claim, errors = _collect([_spawn([[str(sdir), user, pw, contest, 0.0, n]], 120, go)])
    if errors:
        raise RuntimeError(errors[0])
    return lat


def keying() -> list[Result]:
    import psutil

    from kamarhitung.core.model import Role
    from kamarhitung.services import accounts, room
    from kamarhitung.services.demo import create_demo
    from kamarhitung.services.integrity import verify_workspace
    from kamarhitung.services.workspace import open_workspace
    from kamarhitung.store.pgcluster import free_port

    n_stations = int(os.environ.get("KAMARHITUNG_BENCH_STATIONS", "50"))
    seconds = float(os.environ.get("KAMARHITUNG_BENCH_ROOM_S", "60"))
    lockstep = os.environ.get("KAMARHITUNG_BENCH_LOCKSTEP") == "1"
    rng = random.Random(13)
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
        for name, pw in [*users, ("bench_alone", "Sandi-rahasia-a1!x")]:
            accounts.add_user(ws, admin, name, Role.OPERATOR, pw)
        ws.close()
        # Baseline 1: the same save on the SQLite workspace, before it moves.
        sqlite_lat = _alone(ws_dir, "bench_alone", "Sandi-rahasia-a1!x", contests[0], 30, tmp)
        port = free_port()
        t0 = time.perf_counter()
        room.make_host(ws_dir, "admin", admin_pw, port=port)
        serving = room.serve_detached(ws_dir)
        host_s = time.perf_counter() - t0
        stations = []
        for i, (name, pw) in enumerate(users):
            code = room.new_code(ws_dir, "admin", admin_pw).code
            sdir = tmp / f"st{i:02d}"
            room.join(sdir, "127.0.0.1", port, code, name=f"st{i:02d}")
            # Staggered (default): each station starts at a random instant within one form's
            # time and its pace varies ±20 %, as in a room; KAMARHITUNG_BENCH_LOCKSTEP=1: every
            # station starts at once and keeps an exact 4.5 s (the saves arrive in bursts).
            start, jitter = (0.0, 0.0) if lockstep else (rng.uniform(0, 4.5), 0.2)
            stations.append(
                [str(sdir), name, pw, contests[i % len(contests)], 4.5, 1000, start, jitter, i]
            )
        code = room.new_code(ws_dir, "admin", admin_pw).code
        room.join(tmp / "st_alone", "127.0.0.1", port, code, name="st_alone")
        # Baseline 2: one station alone on the room, through the gateway.
        alone = _alone(tmp / "st_alone", "bench_alone", "Sandi-rahasia-a1!x", contests[0], 30, tmp)
        go = tmp / "go"
        # One station a process by default, as in a room (threads of one process share its GIL).
        per = int(os.environ.get("KAMARHITUNG_BENCH_THREADS", "1"))
        procs = [_spawn(stations[i : i + per], seconds, go) for i in range(0, len(stations), per)]
        # Every station has connected and logged in (bounded): then they start together.
        ready_by = time.monotonic() + 180
        while time.monotonic() < ready_by and len(list(tmp.glob("ready-bench_op*"))) < len(users):
            time.sleep(0.5)
        pg = psutil.Process(room.cluster_of(ws_dir).pid() or 0)
        gw = psutil.Process(serving)

        def db_tree() -> list[psutil.Process]:
            return [pg, *pg.children(recursive=True)]

        seen: dict[int, float] = {}  # database process → CPU seconds when last seen

        def sample_db() -> None:
            for p in db_tree():
                with contextlib.suppress(psutil.Error):
                    t = p.cpu_times()
                    seen[p.pid] = t.user + t.system

        def cpu(ps: list[psutil.Process]) -> float:
            total = 0.0
            for p in ps:
                with contextlib.suppress(psutil.Error):
                    t = p.cpu_times()
                    total += t.user + t.system
            return total

        load0 = _load()
        sample_db()
        before = dict(seen)
        gw0 = cpu([gw])
        psutil.cpu_percent(None)
        w0 = time.perf_counter()
        go.touch()
        rss = gw_rss = used = 0
        machine: list[float] = []
        while any(p.poll() is None for p in procs) and time.perf_counter() - w0 < seconds + 60:
            with contextlib.suppress(psutil.Error):
                rss = max(rss, sum(p.memory_info().rss for p in db_tree()))
                gw_rss = max(gw_rss, gw.memory_info().rss)
            used = max(used, psutil.virtual_memory().used)
            sample_db()
            time.sleep(1)
            machine.append(psutil.cpu_percent(None))
        wall = time.perf_counter() - w0
        sample_db()
        db_cpu = sum(t - before.get(pid, 0.0) for pid, t in seen.items())
        gw_cpu = cpu([gw]) - gw0
        load1 = _load()
        station_cpu: list[float] = []
        lat, claim, errors = _collect(procs, station_cpu)
        ws = open_workspace(ws_dir)
        try:
            intact = verify_workspace(ws).intact
        finally:
            ws.close()
        keep = os.environ.get("KAMARHITUNG_BENCH_KEEP_LOG")
        if keep:  # the database server's log (e.g. with KAMARHITUNG_PG_EXTRA_CONF's lock waits)
            shutil.copyfile(room.cluster_of(ws_dir).log, keep)
        room.stop(ws_dir, "admin", admin_pw)
        p95 = _pct(lat, 0.95)
        note = (
            f"{n_stations} stations {'in lockstep' if lockstep else 'staggered'} ({len(procs)} processes × {per} threads), {len(lat)} saves "
            f"in {wall:.0f} s ({len(lat) / wall:.1f}/s), p50 {_ms(_pct(lat, 0.5))}, "
            f"claim p50/p95 {_ms(_pct(claim, 0.5))}/{_ms(_pct(claim, 0.95))}, "
            f"errors {len(errors)}, audit+records {'intact' if intact else 'BROKEN'}; "
            f"machine CPU {statistics.mean(machine or [0.0]):.0f}% of {psutil.cpu_count()} cores "
            f"(stations {100 * sum(station_cpu) / wall:.0f}%, database {100 * db_cpu / wall:.0f}%, "
            f"gateway+serve {100 * gw_cpu / wall:.0f}% of a core), database RSS {rss / 2**20:.0f} MB, gateway RSS {gw_rss / 2**20:.0f} MB, "
            f"machine memory used {used / 2**30:.1f} GiB; {load0} before, {load1} after"
        )
        if errors:
            note += f"; first error: {errors[0][:120]}"
        return [
            Result("room: entry save p95 (stations at 10× pace, via TLS)", p95, 0.050, note),
            Result(
                "  baseline: one station alone on the room, save p95",
                _pct(alone, 0.95),
                None,
                f"p50 {_ms(_pct(alone, 0.5))}, {len(alone)} saves through the gateway",
            ),
            Result(
                "  baseline: the same save on SQLite (one PC), p95",
                _pct(sqlite_lat, 0.95),
                None,
                f"p50 {_ms(_pct(sqlite_lat, 0.5))}, {len(sqlite_lat)} saves",
            ),
            Result(
                "room: `room host` to accepting stations (600-TPS demo, first time: move)",
                host_s,
                10.0,
            ),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _finalize_sql() -> str:
    return (
        "UPDATE record SET state = 'final', final_values = :v, final_vector = :b, "
        "final_findings = '[]', final_source = 'agreed', finalized_at = updated_at, "
        "finalized_by = 'bench' WHERE tps_id = :t AND contest_id = :c"
    )


def _recaps(
    label: str, open_ws: Any, pending: list[tuple[str, str, bytes]], writer: Any, contest: str
) -> list[Result]:
    """Full recap (cold: a new Workspace and engine each time) and the recap after one more final
    form, on one engine; ``writer`` opens the workspace the final forms are written through."""
    from sqlalchemy import text

    from bench.bench_recap import full_recap
    from kamarhitung.services.recap import RecapCache

    def cold() -> None:
        ws = open_ws()
        try:
            full_recap(ws)
        finally:
            ws.close()

    full = median_time(cold, 5)
    ws = open_ws()
    w = writer()
    try:
        cache = RecapCache(ws)
        cache.recap(contest).table("kecamatan")

        def finalize_one() -> None:
            tps, values, vector = pending.pop()
            with w.store.unit_of_work() as s:
                s.execute(text(_finalize_sql()), {"v": values, "b": vector, "t": tps, "c": contest})

        def refreshed() -> None:
            cache.recap(contest).table("kecamatan")

        before = cache.recap(contest).tps_final
        inc = median_time(refreshed, 11, setup=finalize_one)
        assert cache.recap(contest).tps_final == before + 11
    finally:
        ws.close()
        w.close()
    return [
        Result(f"{label}: full recap, 25,000 TPS × 2 contests (cold)", full, 0.2),
        Result(f"{label}: recap after one more final form", inc, 0.02),
    ]


def recap_and_move() -> list[Result]:
    from bench.bench_recap import build, new_workspace
    from kamarhitung.services import accounts, room
    from kamarhitung.services.workspace import Workspace, open_workspace
    from kamarhitung.store.engine import make_pg_engine
    from kamarhitung.store.pgcluster import free_port
    from kamarhitung.store.room_config import RoomConfig
    from kamarhitung.store.workspace import WorkspaceStore

    def room_workspace(folder: Path) -> Any:
        """A new Workspace on a new engine on the room (as ``new_workspace`` on SQLite)."""
        cfg = RoomConfig.load(folder)
        engine = make_pg_engine(
            host=cfg.host,
            port=cfg.port,
            dbname=cfg.dbname,
            user=cfg.user,
            password=cfg.password,
            sslrootcert=(folder / cfg.sslrootcert) if cfg.sslrootcert else None,
        )
        return Workspace(WorkspaceStore(folder, engine, room=cfg))

    out: list[Result] = []
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-room-recap-"))
    path = tmp / "ws"
    try:
        spare, built = build(path)
        load0 = _load()
        pw = "Sandi-rahasia-admin-9!x"
        ws = open_workspace(path)
        accounts.create_first_admin(ws, "admin", pw)
        contests = [c.id for c in ws.contests()]
        ws.close()
        contest = contests[-1]
        pending = list(spare[contest])
        print(f"  built the 25,000-TPS workspace in {built:.0f} s; {load0}", file=sys.stderr)
        out += _recaps(
            "SQLite (baseline)",
            lambda: new_workspace(path),
            pending,
            lambda: new_workspace(path),
            contest,
        )
        port = free_port()
        load = _load()
        t0 = time.perf_counter()
        hosted = room.make_host(path, "admin", pw, port=port)
        moved_s = time.perf_counter() - t0
        room.serve_detached(path)
        open_s = time.perf_counter() - t0
        out.append(
            Result(
                "room: moving a 25,000-TPS SQLite workspace into a room (`room host`)",
                moved_s,
                60.0,
                f"{hosted.moved_rows or 0:,} rows, chain verified before and after; open to stations "
                f"{open_s:.1f} s after the start; {load}",
            )
        )
        code = room.new_code(path, "admin", pw).code
        sdir = tmp / "station"
        room.join(sdir, "127.0.0.1", port, code, name="st")
        host_ws = lambda: room_workspace(path)  # noqa: E731
        out += _recaps("room, on the host", host_ws, pending, host_ws, contest)
        st_ws = lambda: room_workspace(sdir)  # noqa: E731
        out += _recaps("room, from a station (TLS)", st_ws, pending, host_ws, contest)
        room.stop(path, "admin", pw)
        # Hosting again (the PC restarted): database up, gateway open, a station's first query.
        load = _load()
        t0 = time.perf_counter()
        room.make_host(path, "admin", pw, port=port)
        room.serve_detached(path)
        ws = open_workspace(sdir)
        try:
            ws.contests()
        finally:
            ws.close()
        again = time.perf_counter() - t0
        out.append(
            Result(
                "room: `room host` to accepting stations (25,000 TPS, hosted before)",
                again,
                10.0,
                f"the database started, the gateway open, a station's first query answered; {load}",
            )
        )
        room.stop(path, "admin", pw)
    finally:
        with contextlib.suppress(Exception):
            if (path / "room").exists():
                room.cluster_of(path).stop(mode="immediate")
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def run() -> list[Result]:
    os.environ.setdefault("KAMARHITUNG_FAST_HASH", "1")  # 50 operators' logins, not the figure
    parts = os.environ.get("KAMARHITUNG_BENCH_ROOM_PARTS", "keying,recap").split(",")
    out: list[Result] = []
    if "keying" in parts:
        out += keying()
    if "recap" in parts:
        out += recap_and_move()
    return out


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
