"""Bundle figures (issue 6), each against its target and a baseline measured in the same run:

* export of a 25,000-TPS workspace without images (target ≤ 10 s): a 25,000-TPS demo made to
  look keyed (90% of the forms final, two entry versions and two audit events per final form);
* export with images, at ≥ 50% of the throughput of age alone encrypting the same bytes: age as
  the export uses it (pyrage ``encrypt_io``, file to file) is the target's baseline; the Go
  ``age`` binary, whose ChaCha20 is about four times cheaper in CPU here, is shown beside it. On
  a 300-TPS demo carrying ``KAMARHITUNG_BENCH_IMAGES_MB`` of synthetic image files (default 300;
  3072 for the 3 GB figure), three runs of each interleaved, medians;
* peak memory of the export (target ≤ 300 MB): ``kamarhitung bundle export`` run as a child of a
  fresh process that reads ``getrusage(RUSAGE_CHILDREN).ru_maxrss``, for both exports above;
* province import of 30 bundles (target ≤ 60 s for 150,000 TPS) and the province recap (≤ 1 s).
  By default 30 bundles × 1,000 TPS (30,000 TPS, the recap figures), plus 3 bundles of the
  target's size (5,000 TPS) whose mean import time × 30 is the 150,000-TPS figure; set
  ``KAMARHITUNG_BENCH_PROVINCE_FULL=1`` to run 30 × 5,000 TPS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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

import pyrage  # type: ignore[import-untyped]  # pyrage ships no type information
from sqlalchemy import delete, insert, select

from bench.common import Result, median_time
from kamarhitung.core import keys as corekeys
from kamarhitung.core.master import MasterData
from kamarhitung.core.model import (
    Contest,
    Level,
    Paslon,
    Region,
    Role,
    Tps,
    contest_name,
    default_template_for,
    tps_id,
)
from kamarhitung.core.recap import encode_vector
from kamarhitung.core.regions import desa_of, kabupaten_totals, scale_counts
from kamarhitung.core.synth import draw_shares, synth_result
from kamarhitung.services import accounts, bundle, keys, province
from kamarhitung.services.audit import event_hash
from kamarhitung.services.common import Actor, canonical_json
from kamarhitung.services.demo import create_demo
from kamarhitung.services.hashes import record_hash_of, version_hash_of
from kamarhitung.services.workspace import Workspace, create_workspace, open_workspace
from kamarhitung.store.models import AuditEventRow, ImageRow, SyntheticImageRow, UserRow

N_TPS = 25_000
IMAGES_MB = int(os.environ.get("KAMARHITUNG_BENCH_IMAGES_MB", "300"))
PROVINCE_FULL = os.environ.get("KAMARHITUNG_BENCH_PROVINCE_FULL") == "1"
PARTS = set(os.environ.get("KAMARHITUNG_BENCH_BUNDLE_PARTS", "export,images,province").split(","))
"""Which parts to run (``export``, ``images``, ``province``): all by default."""
PROVINCE_BUNDLES = 30
PROVINCE_TPS_EACH = 5_000 if PROVINCE_FULL else 1_000
PROVINCE_TARGET_TPS = 150_000
KEY_PW = "bench key passphrase"
CA_PW = "bench ca passphrase"
PW = "bench-pass-1"


# --- making a workspace look keyed ------------------------------------------------------------


def _finalize(ws: Workspace, truth: dict[tuple[str, str], dict[str, int]], share: float) -> int:
    """Make ``share`` of the forms final, as double entry would have: the record with its values
    and vector, two entry versions, two audit events each (a valid chain). Returns how many."""
    rng = random.Random(5)
    now = ws.now()
    fields = {c.id: ws.form_spec(c.id).field_ids for c in ws.contests()}
    with ws.store.unit_of_work() as s:
        ops = list(
            s.execute(
                select(UserRow.id, UserRow.name).where(UserRow.role == "operator").limit(2)
            ).all()
        )
        last = s.execute(
            select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc())
        ).first()
        seq, prev = (last[0], last[1]) if last else (0, "0" * 64)
        records, versions, audit = [], [], []
        for (tps, cid), values in truth.items():
            if rng.random() >= share:
                continue
            vj = canonical_json(values)
            # Real content hashes, recorded by the events as the services record them: the
            # workspace passes `audit verify`, which export and signing now run first.
            h = record_hash_of(tps, cid, vj, "agreed", None, now, "double-entry", None)
            records.append((vj, encode_vector(fields[cid], values), now, h, tps, cid))
            for slot, (uid, uname) in enumerate(ops, 1):
                vh = version_hash_of(tps, cid, slot, 1, uid, "finished", vj, "[]", now, now)
                versions.append((tps, cid, slot, uid, vj, now, now, vh))
                seq += 1
                d: dict[str, object] = {"slot": slot, "version": 1, "hash": vh}
                if slot == len(ops):
                    d |= {"state": "final", "record_hash": h}
                details = canonical_json(d)
                body = {
                    "seq": seq,
                    "at": now,
                    "user": uname,
                    "role": "operator",
                    "action": "entry.finish",
                    "target": f"{tps}/{cid}",
                    "outcome": "ok",
                    "details": details,
                }
                new = event_hash(prev, body)
                audit.append((seq, now, uname, "entry.finish", f"{tps}/{cid}", details, prev, new))
                prev = new
        conn = s.connection()
        conn.exec_driver_sql(
            "UPDATE record SET state = 'final', final_values = ?, final_vector = ?, "
            "final_source = 'agreed', finalized_at = ?, finalized_by = 'double-entry', hash = ? "
            "WHERE tps_id = ? AND contest_id = ?",
            records,
        )
        conn.exec_driver_sql(
            "INSERT INTO entry_version (tps_id, contest_id, slot, version, user_id, event, "
            "values_json, problems_json, findings_json, keystrokes, started_at, created_at, hash) "
            "VALUES (?, ?, ?, 1, ?, 'finished', ?, '[]', '[]', 60, ?, ?, ?)",
            versions,
        )
        conn.exec_driver_sql(
            "INSERT INTO audit_event (seq, at, user_name, role, action, target, outcome, "
            "details_json, prev_hash, hash) VALUES (?, ?, ?, 'operator', ?, ?, 'ok', ?, ?, ?)",
            audit,
        )
    return len(records)


def _demo_truth(ws: Workspace) -> dict[tuple[str, str], dict[str, int]]:
    with ws.store.reading() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT tps_id, contest_id, values_json FROM synthetic_image"
        )
        return {(t, c): json.loads(v) for t, c, v in rows}


def _add_images(ws: Workspace, total_mb: int) -> int:
    """Synthetic 'photos' (random bytes, 0.5 to 1.5 MB) in the image store; returns the bytes."""
    rng = random.Random(9)
    left = total_mb << 20
    written = 0
    rows = []
    while left > 0:
        size = min(left, rng.randint(1 << 19, 3 << 19))
        data = os.urandom(size)
        sha = hashlib.sha256(data).hexdigest()
        p = ws.store.images_dir / sha[:2] / f"{sha}.jpg"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        rows.append(
            {
                "sha256": sha,
                "ext": "jpg",
                "size": size,
                "width": 2000,
                "height": 2800,
                "created_at": ws.now(),
            }
        )
        left -= size
        written += size
    with ws.store.unit_of_work() as s:
        s.execute(insert(ImageRow), rows)
    return written


def _login(path: Path, name: str) -> tuple[Workspace, Actor]:
    ws = open_workspace(path)
    creds = json.loads((path / "demo-credentials.json").read_text())
    pw = next(u["password"] for u in creds["users"] if u["name"] == name)
    return ws, accounts.authenticate(ws, name, pw)


def _child_peak_mb(argv: list[str], env: dict[str, str]) -> float:
    """Peak RSS of ``argv`` run as the only child of a fresh process (RUSAGE_CHILDREN)."""
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "assert r.returncode == 0, r.stderr\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return int(out.stdout.strip()) / 1024  # KiB on Linux


def _cli_export_env(path: Path, user: str) -> dict[str, str]:
    creds = json.loads((path / "demo-credentials.json").read_text())
    pw = next(u["password"] for u in creds["users"] if u["name"] == user)
    return {"KAMARHITUNG_PASSWORD": pw, "KAMARHITUNG_KEY_PASSPHRASE": creds["key_passphrase"]}


def _export_cli(path: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kamarhitung",
        "bundle",
        "export",
        str(path),
        "--out",
        str(out),
        "--user",
        "supervisor1",
        *extra,
    ]


# --- the province -----------------------------------------------------------------------------


def _master_for(code: str, n_tps: int, seed: int) -> MasterData:
    """A real kabupaten's regions with its desa's TPS counts scaled to ``n_tps``."""
    rng = random.Random(seed)
    desa = desa_of(code)
    counts = scale_counts([d.jumlah_tps for d in desa], n_tps)
    kecs: dict[str, Region] = {}
    desas: list[Region] = []
    tps: list[Tps] = []
    for d, n in zip(desa, counts, strict=True):
        if n == 0:
            continue
        kecs.setdefault(d.kode_desa[:6], Region(d.kode_desa[:6], d.kecamatan, Level.KECAMATAN))
        desas.append(Region(d.kode_desa, d.desa, Level.DESA))
        for i in range(1, n + 1):
            dpt = rng.randint(200, 560)
            dpt_l = dpt // 2 + rng.randint(-15, 15)
            tps.append(Tps(tps_id(d.kode_desa, i), d.kode_desa, i, dpt_l, dpt - dpt_l))
    kab = Region(code, desa[0].kabupaten, Level.KABUPATEN)
    local = "walikota" if kab.name.startswith("KOTA ") else "bupati"
    contests = tuple(
        Contest(
            cid,
            contest_name(cid),
            default_template_for(cid),
            tuple(Paslon(cid, i, f"CALON {i}", f"WAKIL {i}") for i in range(1, n + 1)),
        )
        for cid, n in (("gubernur", 3), (local, 2 + seed % 3))
    )
    return MasterData(
        provinsi=Region(code[:2], desa[0].provinsi, Level.PROVINSI),
        kabupaten=kab,
        kecamatan=tuple(sorted(kecs.values(), key=lambda r: r.code)),
        desa=tuple(sorted(desas, key=lambda r: r.code)),
        tps=tuple(tps),
        contests=contests,
    )


def _province_bundle(root: Path, ca_dir: Path, code: str, n_tps: int, seed: int, out: Path) -> Path:
    master = _master_for(code, n_tps, seed)
    ws = create_workspace(root / code, master, election="Pilkada bench")
    try:
        admin = accounts.create_first_admin(ws, "admin", PW)
        accounts.add_user(ws, admin, "op1", Role.OPERATOR, PW)
        accounts.add_user(ws, admin, "op2", Role.OPERATOR, PW)
        rng = random.Random(seed)
        truth: dict[tuple[str, str], dict[str, int]] = {}
        for c in master.contests:
            form = ws.form_spec(c.id)
            shares = draw_shares(len(c.paslon), rng)
            for t in master.tps:
                truth[(t.id, c.id)] = synth_result(
                    form, t.dpt_l, t.dpt_p, rng, shares=shares
                ).values
        _finalize(ws, truth, 0.9)
        req = keys.generate_key(ws, None, KEY_PW, work_factor=corekeys.DEMO_WORK_FACTOR)
        issued = province.issue(
            ca_dir, req.csr_path.read_bytes(), CA_PW, now=dt.datetime.now(dt.UTC)
        )
        keys.install_certificate(
            ws,
            None,
            cert_pem=issued.pem,
            ca_pem=(ca_dir / "ca.pem").read_bytes(),
            crl_pem=(ca_dir / "crl.pem").read_bytes(),
            recipient_text=(ca_dir / "recipient.txt").read_text(),
        )
        return bundle.export_bundle(ws, admin, out, KEY_PW).path
    finally:
        ws.close()


def _import_all(pdir: Path, ca_dir: Path, files: list[Path]) -> tuple[float, Workspace]:
    province.init_province(
        pdir,
        admin="padmin",
        password=PW,
        ca_pem=(ca_dir / "ca.pem").read_bytes(),
        identity_data=(ca_dir / "identity.age").read_bytes(),
        identity_passphrase=None,
        crl_pem=(ca_dir / "crl.pem").read_bytes(),
    )
    pws = open_workspace(pdir)
    pkeys = province.load_province_keys(pws, None)
    t0 = time.perf_counter()
    for f in files:
        province.import_bundle(pws, pkeys, f, actor=None, user_name="bench")
    return time.perf_counter() - t0, pws


def _province_figures(tmp: Path) -> list[Result]:
    ca_dir = tmp / "ca"
    province.ca_init(
        ca_dir,
        name="PROVINSI JAWA TIMUR (BENCH)",
        ca_passphrase=CA_PW,
        identity_passphrase=None,
        now=dt.datetime.now(dt.UTC),
        work_factor=corekeys.DEMO_WORK_FACTOR,
    )
    totals = kabupaten_totals()
    codes = sorted(c for c in totals if c.startswith("35") and totals[c] >= 300)
    codes = codes[:PROVINCE_BUNDLES]
    out = tmp / "bundles"
    out.mkdir()
    t0 = time.perf_counter()
    files = [
        _province_bundle(tmp / "kab", ca_dir, code, PROVINCE_TPS_EACH, i, out)
        for i, code in enumerate(codes)
    ]
    t_make = time.perf_counter() - t0
    t_import, pws = _import_all(tmp / "prov", ca_dir, files)
    try:
        n = len(files) * PROVINCE_TPS_EACH
        size_mb = sum(f.stat().st_size for f in files) / 1e6
        t_kab = median_time(lambda: province.province_recap(pws, "gubernur", "kabupaten"), 5)
        t_kec = median_time(lambda: province.province_recap(pws, "gubernur", "kecamatan"), 5)
        rows = len(province.province_recap(pws, "gubernur", "kecamatan")["rows"])
    finally:
        pws.close()
    results = [
        Result(
            f"province import, {len(files)} bundles × {PROVINCE_TPS_EACH:,} TPS",
            t_import,
            60.0 if n >= PROVINCE_TARGET_TPS else None,
            f"{n:,} TPS, {size_mb:,.0f} MB of bundles, {n / t_import:,.0f} TPS/s "
            f"(bundles made in {t_make:.0f} s, untimed)",
        )
    ]
    if n < PROVINCE_TARGET_TPS:
        # Bundles of the target's size (5,000 TPS each), a few of them, timed one by one: the
        # 150,000-TPS figure is 30 times their mean (each import is its own transaction, and
        # the bundles already imported cost nothing but their rows in the database).
        big_out = tmp / "bundles-5000"
        big_out.mkdir()
        big = [
            _province_bundle(tmp / "kab5000", ca_dir, code, 5_000, 100 + i, big_out)
            for i, code in enumerate(codes[:3])
        ]
        t_big, pws2 = _import_all(tmp / "prov5000", ca_dir, big)
        pws2.close()
        per = t_big / len(big)
        results.append(
            Result(
                "province import of 150,000 TPS (30 × 5,000), extrapolated",
                per * PROVINCE_BUNDLES,
                60.0,
                f"30 × the mean of {len(big)} bundles of 5,000 TPS measured ({per:.2f} s each, "
                f"{5_000 / per:,.0f} TPS/s); KAMARHITUNG_BENCH_PROVINCE_FULL=1 measures it all",
            )
        )
    results += [
        Result(
            f"province recap by kabupaten ({len(files)} kabupaten)",
            t_kab,
            1.0,
            "reads the recap rows computed at import: independent of the TPS count",
        ),
        Result(
            f"province recap by kecamatan ({rows} kecamatan)",
            t_kec,
            1.0,
            f"{n:,} TPS imported",
        ),
    ]
    return results


# --- run --------------------------------------------------------------------------------------


def run() -> list[Result]:
    os.environ.setdefault("KAMARHITUNG_FAST_HASH", "1")
    out: list[Result] = []
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-bundle-"))
    try:
        if "export" in PARTS:
            out += _export_figures(tmp)
        if "images" in PARTS:
            out += _image_figures(tmp)
        if "province" in PARTS:
            out += _province_figures(tmp / "province")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _export_figures(tmp: Path) -> list[Result]:
    """1. export of a 25,000-TPS workspace, no images, and its peak memory."""
    out: list[Result] = []
    big = tmp / "big"
    create_demo(big, n_tps=N_TPS, seed=3, entries="none")
    ws, sup = _login(big, "supervisor1")
    finals = _finalize(ws, _demo_truth(ws), 0.9)
    pw = json.loads((big / "demo-credentials.json").read_text())["key_passphrase"]
    n = [0]

    def export_big() -> None:
        n[0] += 1
        dest = tmp / f"x{n[0]}"
        dest.mkdir()
        bundle.export_bundle(ws, sup, dest, pw)

    t_big = median_time(export_big, repeat=3)
    size = next((tmp / "x1").iterdir()).stat().st_size
    db_mb = (big / "kamarhitung.sqlite").stat().st_size / 1e6
    ws.close()
    out.append(
        Result(
            f"bundle export, {N_TPS:,} TPS, no images",
            t_big,
            10.0,
            f"{finals:,} final forms, {size / 1e6:,.0f} MB bundle from a {db_mb:,.0f} MB "
            "database (the demo key's scrypt is the demo's; a real key adds ~1.4 s)",
        )
    )
    (tmp / "mem1").mkdir()
    peak_big = _child_peak_mb(_export_cli(big, tmp / "mem1"), _cli_export_env(big, "supervisor1"))
    out.append(
        Result(
            f"peak memory of the export, {N_TPS:,} TPS [MB, not s]",
            peak_big,
            300.0,
            "max RSS of `kamarhitung bundle export` as a child process",
        )
    )
    shutil.rmtree(big)

    return out


def _image_figures(tmp: Path) -> list[Result]:
    """2. export with images against age alone on the same bytes, and its peak memory."""
    out: list[Result] = []
    small = tmp / "small"
    create_demo(small, n_tps=300, seed=4, entries="none")
    ws, sup = _login(small, "supervisor1")
    with ws.store.unit_of_work() as s:  # no demo photos to render: only the files below
        s.execute(delete(SyntheticImageRow))
    img_bytes = _add_images(ws, IMAGES_MB)
    pw = json.loads((small / "demo-credentials.json").read_text())["key_passphrase"]
    src = tmp / "same-bytes.bin"
    with open(src, "wb") as f:
        for p in sorted((small / "images").rglob("*.jpg")):
            with open(p, "rb") as g:
                shutil.copyfileobj(g, f, 1 << 20)
    os.sync()  # the images just written are not flushed during the timed runs
    recipient = (small / "keys/recipient.txt").read_text().strip()
    runs: dict[str, list[float]] = {"export": [], "pyrage": [], "age": []}
    plain = 0
    for i in range(3):  # interleaved, so that both meet the same load on the machine
        dest = tmp / f"img{i}"
        dest.mkdir()
        t0 = time.perf_counter()
        res = bundle.export_bundle(ws, sup, dest, pw, with_images=True, render_images=False)
        runs["export"].append(time.perf_counter() - t0)
        plain = res.payload_bytes
        shutil.rmtree(dest)
        t0 = time.perf_counter()
        with open(src, "rb") as i_, open(tmp / "same.age", "wb") as o_:
            pyrage.encrypt_io(i_, o_, [pyrage.x25519.Recipient.from_str(recipient)])
        runs["pyrage"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run(["age", "-r", recipient, "-o", str(tmp / "same2.age"), str(src)], check=True)
        runs["age"].append(time.perf_counter() - t0)
    ws.close()
    t_img = statistics.median(runs["export"])
    t_py = statistics.median(runs["pyrage"])
    t_cli = statistics.median(runs["age"])
    size = src.stat().st_size
    thr_export = plain / t_img
    thr_py = size / t_py
    thr_cli = size / t_cli
    out.append(
        Result(
            f"bundle export with {img_bytes / 1e6:,.0f} MB of images",
            t_img,
            2 * t_py * plain / size,
            f"{thr_export / 1e6:,.0f} MB/s = {thr_export / thr_py:.0%} of age alone in pyrage "
            f"(encrypt_io file to file, {thr_py / 1e6:,.0f} MB/s; target ≥ 50%), "
            f"{thr_export / thr_cli:.0%} of the Go age binary ({thr_cli / 1e6:,.0f} MB/s)",
        )
    )
    (tmp / "mem2").mkdir()
    peak_img = _child_peak_mb(
        _export_cli(small, tmp / "mem2", "--with-images"), _cli_export_env(small, "supervisor1")
    )
    out.append(
        Result(
            f"peak memory of the export with {img_bytes / 1e6:,.0f} MB of images [MB, not s]",
            peak_img,
            300.0,
            "max RSS of `kamarhitung bundle export --with-images` as a child process",
        )
    )
    shutil.rmtree(small)
    for p in (src, tmp / "same.age", tmp / "same2.age"):
        p.unlink(missing_ok=True)
    shutil.rmtree(tmp / "mem2")
    return out
