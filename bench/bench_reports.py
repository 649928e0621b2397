"""Report figures on a 25,000-TPS kabupaten, every form final: one kecamatan's recap report
≤ 1 s, and the signed report set (every kecamatan's recap, the kabupaten's recap and the TPS annex
of all 25,000 TPS) ≤ 30 s, with the parts measured beside them (render, sign, verify).

The workspace is :func:`bench.bench_recap.build`'s (``demo_master`` + ``create_workspace``, every
record made final by bulk SQL), with the demo's keys (``services.demo_keys.create_demo_keys``: the key
is wrapped at the demo work factor, so opening it costs milliseconds here; a real key's scrypt
costs about a second, once per set) and one supervisor. ``python -m bench reports`` prints it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.bench_recap import build
from bench.common import Result, median_time, print_table
from kamarhitung.core.model import Level, Role
from kamarhitung.core.report import ReportKind, render
from kamarhitung.services import accounts, reports
from kamarhitung.services.demo_keys import create_demo_keys
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.signing import verify_pdf
from kamarhitung.services.workspace import open_workspace

PASSWORD = "bench-pass-123"


def run() -> list[Result]:
    out: list[Result] = []
    tmp = Path(tempfile.mkdtemp(prefix="kh-bench-reports-"))
    os.environ.setdefault("KAMARHITUNG_FAST_HASH", "1")
    try:
        path = tmp / "ws"
        _, t_build = build(path)
        ws = open_workspace(path)
        creds = create_demo_keys(ws, tmp)
        admin = accounts.create_first_admin(ws, "admin", PASSWORD)
        accounts.add_user(ws, admin, "sup", Role.SUPERVISOR, PASSWORD)
        sup = accounts.authenticate(ws, "sup", PASSWORD)
        contest = ws.contests()[-1].id
        cache = RecapCache(ws)
        states = reports.region_states(ws, contest, cache=cache)
        kecs = [s for s in states if s.level == Level.KECAMATAN]
        tree = cache.recap(contest).tree
        desa_per_kec = {
            k.code: sum(1 for d in tree.desa if d.code.startswith(k.code)) for k in kecs
        }
        widest = max(kecs, key=lambda s: (desa_per_kec[s.code], s.code))
        req = reports.make_request(ws, ReportKind.RECAP, contest, "kecamatan", widest.code)

        t_cold = median_time(lambda: reports.make_report(ws, sup, req), repeat=5)
        t_warm = median_time(lambda: reports.make_report(ws, sup, req, cache=cache), repeat=5)
        one = reports.make_report(ws, sup, req, cache=cache)
        out.append(
            Result(
                "one kecamatan recap report (25,000-TPS workspace, recap loaded)",
                t_cold,
                1.0,
                f"{widest.name}: {desa_per_kec[widest.code]} desa, {one.rendered.pages} pages; "
                f"{t_warm * 1e3:.0f} ms with the recap already in memory",
            )
        )
        signer = reports.load_signer(ws, creds["key_passphrase"])
        t_sign = median_time(lambda: reports.sign_report(ws, sup, one, signer=signer), repeat=5)
        signed = reports.sign_report(ws, sup, one, signer=signer)
        ca = signer.ca
        t_verify = median_time(lambda: verify_pdf(signed.pdf, [ca], signer.crl), repeat=5)
        out.append(Result("sign one report (PAdES, pyHanko)", t_sign, None, "audited"))
        out.append(Result("verify one signed report (with the CRL)", t_verify, None, ""))

        annex_req = reports.make_request(ws, ReportKind.ANNEX, contest, "kabupaten")
        annex = reports.build_report(ws, sup, annex_req, cache=cache)
        t0 = time.perf_counter()
        rendered = render(annex)
        t_annex = time.perf_counter() - t0
        out.append(
            Result(
                "render the TPS annex of 25,000 TPS",
                t_annex,
                None,
                f"{rendered.pages} pages, {len(rendered.pdf) / 1e6:.1f} MB",
            )
        )

        requests = reports.set_requests(ws, contest)
        folder = tmp / "set"
        t0 = time.perf_counter()
        paths = reports.make_set(ws, sup, requests, folder, passphrase=creds["key_passphrase"])
        t_set = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in paths)
        out.append(
            Result(
                "signed report set of a 25,000-TPS kabupaten",
                t_set,
                30.0,
                f"{len(kecs)} kecamatan + kabupaten + annex = {len(paths)} PDFs, "
                f"{size / 1e6:.1f} MB (workspace built in {t_build:.0f} s)",
            )
        )
        ws.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


if __name__ == "__main__":
    print_table(run())
