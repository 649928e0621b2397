"""Issue 16, end to end: a supervisor draws a sample before witnesses, a third operator keys it
blind, every field both original operators keyed the same wrong way inside the sample is listed,
the recap is untouched until a supervisor confirms, and the report states the rate with its
interval (JSON, the Mutu data PDF, and the bundle's manifest)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import select

from kamarhitung import cli
from kamarhitung.core.quality import clopper_pearson
from kamarhitung.services import entry
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import RecordRow, SyntheticImageRow

C = "gubernur"
SEED = "12 07 88 31"


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def as_user(d: Demo, monkeypatch: pytest.MonkeyPatch, name: str) -> str:
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", d.password(name))
    return name


def fingerprint(d: Demo, capsys: pytest.CaptureFixture[str], tmp: Path) -> str:
    out = tmp / "recap.json"
    code, _, err = run(
        capsys, "recap", d.path, "--contest", C, "--level", "kabupaten", "--format", "json",
        "--out", out,
    )  # fmt: skip
    assert code == 0, err
    return str(json.loads(out.read_text())["fingerprint"])


def same_way(truth: dict[str, int], i: int) -> dict[str, int]:
    """What both original operators key for a form they misread the same way: rows IV.1 and
    IV.2 transposed (V.A still sums), or a shared misread of III.1.L and III.1.J."""
    v = dict(truth)
    if i % 2 == 0 and v["IV.1"] != v["IV.2"]:
        v["IV.1"], v["IV.2"] = v["IV.2"], v["IV.1"]
    else:
        v["III.1.L"] += 1
        v["III.1.J"] += 1
    return v


def test_blind_reaudit_end_to_end(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ws = demo.ws
    with ws.store.reading() as s:
        truth = {
            r.tps_id: json.loads(r.values_json)
            for r in s.execute(
                select(SyntheticImageRow).where(SyntheticImageRow.contest_id == C)
            ).scalars()
        }
    op1, op2 = demo.login("operator1"), demo.login("operator2")
    wrong: dict[str, dict[str, int]] = {}
    for i, (tps, values) in enumerate(sorted(truth.items())):
        keyed = same_way(values, i) if i % 4 == 1 else values
        if keyed != values:
            wrong[tps] = keyed
        entry.submit_entry(ws, op1, {"tps": tps, "contest": C, "values": keyed})
        entry.submit_entry(ws, op2, {"tps": tps, "contest": C, "values": keyed})
    with ws.store.reading() as s:
        finals = sorted(
            s.execute(
                select(RecordRow.tps_id).where(
                    RecordRow.contest_id == C, RecordRow.state == "final"
                )
            ).scalars()
        )
    assert len(finals) >= 30 and len(set(wrong) & set(finals)) >= 6
    fp_before = fingerprint(demo, capsys, tmp_path)

    # An operator may not draw; a supervisor draws 20 forms from the seed read aloud.
    code, _, err = run(
        capsys, "quality", "sample", demo.path, "--contest", C, "--forms", "20", "--seed", SEED,
        "--user", as_user(demo, monkeypatch, "operator3"),
    )  # fmt: skip
    assert code == 2 and "supervisor" in err
    code, out, err = run(
        capsys, "quality", "sample", demo.path, "--contest", C, "--forms", "20", "--seed", SEED,
        "--user", as_user(demo, monkeypatch, "supervisor1"), "--json",
    )  # fmt: skip
    assert code == 0, err
    drawn = json.loads(out)
    assert drawn["seed"] == SEED and drawn["fingerprint"] == fp_before
    sample = drawn["tps"]
    # Anyone redraws it as the report says: sha256 of "seed|fingerprint|tps", sorted.
    by_hand = sorted(
        finals, key=lambda t: hashlib.sha256(f"{SEED}|{fp_before}|{t}".encode()).hexdigest()
    )
    assert sample == by_hand[:20]
    assert "sha256sum" in drawn["redraw"]
    expected = {
        (t, f) for t in sample if t in wrong for f in truth[t] if wrong[t][f] != truth[t][f]
    }
    assert expected, "the seed must put some same-way errors in the sample"

    # The original keyers get no audit work; a third operator keys the sample blind.
    assert entry.next_form(ws, op1, C) is None
    op3 = demo.login("operator3")
    audited = []
    while (kf := entry.next_form(ws, op3, C)) is not None:
        assert kf.audit and kf.slot == 3 and kf.values == {} and kf.problems == ()
        tps = kf.tps.tps_id
        entry.save_draft(ws, op3, tps, C, {"IV.1": truth[tps]["IV.1"]}, keystrokes=3)
        again = entry.next_form(ws, op3, C)  # resumes the draft, its own values only
        assert again is not None and again.values == {"IV.1": truth[tps]["IV.1"]}
        res = entry.finish_entry(ws, op3, tps, C, truth[tps])
        assert res.audit and res.state.value == "final"  # nothing about the comparison
        audited.append(tps)
        if len(audited) == 15:
            break
    # ... and a fourth operator submits the rest from the command line.
    rest = [t for t in sample if t not in audited]
    batch = tmp_path / "audit.json"
    batch.write_text(json.dumps([{"tps": t, "contest": C, "values": truth[t]} for t in rest]))
    code, out, err = run(
        capsys, "entry", "submit", demo.path, batch, "--json",
        "--user", as_user(demo, monkeypatch, "operator4"),
    )  # fmt: skip
    assert code == 0, err
    assert all(r["audit"] is True and r["slot"] == 3 for r in json.loads(out))
    assert entry.next_form(ws, op3, C) is None

    # The audit changed nothing the recap counts.
    assert fingerprint(demo, capsys, tmp_path) == fp_before
    sup = as_user(demo, monkeypatch, "supervisor1")
    code, out, err = run(
        capsys, "quality", "report", demo.path, "--contest", C, "--json", "--user", sup
    )
    assert code == 0, err
    rep = json.loads(out)
    assert rep["forms"] == 20 and rep["fields"] == 20 * 40
    listed = {(d["tps"], d["field"]) for d in rep["differences"]}
    assert listed == expected
    assert all(d["same_way"] and d["decision"] is None for d in rep["differences"])
    for d in rep["differences"]:
        assert (
            d["final"] == wrong[d["tps"]][d["field"]] and d["audit"] == truth[d["tps"]][d["field"]]
        )
    assert rep["errors"] == 0 and rep["undecided"] == len(expected)

    # Operators never see the audit.
    code, _, err = run(
        capsys, "quality", "report", demo.path, "--contest", C, "--json",
        "--user", as_user(demo, monkeypatch, "operator3"),
    )  # fmt: skip
    assert code == 2
    sup = as_user(demo, monkeypatch, "supervisor1")

    # A finalised kecamatan is reopened by the correction, with the reason.
    first = sorted({t for t, _ in expected})[0]
    kec = first[:6]
    with ws.store.reading() as s:
        kec_final = all(
            st == "final"
            for st in s.execute(
                select(RecordRow.state).where(
                    RecordRow.contest_id == C, RecordRow.tps_id.startswith(kec)
                )
            ).scalars()
        )
    if kec_final:
        code, _, err = run(
            capsys, "region", "finalise", demo.path, "--contest", C, "--region", kec, "--user", sup
        )
        assert code == 0, err

    # A bad decision changes nothing: a missing field, no reason.
    fields = sorted(f for t, f in expected if t == first)
    code, _, err = run(
        capsys, "quality", "decide", demo.path, "--contest", C, "--tps", first,
        "--value", f"{fields[0]}={truth[first][fields[0]]}", "--reason", "C1 dibaca ulang",
        "--user", sup,
    )  # fmt: skip
    assert (code == 2 and "no value" in err) or len(fields) == 1
    code, _, err = run(
        capsys, "quality", "decide", demo.path, "--contest", C, "--tps", first,
        *[x for f in fields for x in ("--value", f"{f}={truth[first][f]}")], "--user", sup,
    )  # fmt: skip
    assert code == 2 and "reason" in err
    assert fingerprint(demo, capsys, tmp_path) == fp_before

    # The supervisor confirms every difference against the image (the true values).
    for tps in sorted({t for t, _ in expected}):
        fields = sorted(f for t, f in expected if t == tps)
        code, out, err = run(
            capsys, "quality", "decide", demo.path, "--contest", C, "--tps", tps,
            *[x for f in fields for x in ("--value", f"{f}={truth[tps][f]}")],
            "--reason", "C1 dibaca ulang di depan saksi", "--user", sup, "--json",
        )  # fmt: skip
        assert code == 0, err
        res = json.loads(out)
        assert set(res["verdicts"].values()) == {"final_wrong"}
        assert res["corrected"] == fields
        if tps == first and kec_final:
            assert res["reopened"] == [kec]
    with ws.store.reading() as s:
        for tps in {t for t, _ in expected}:
            rec = s.get(RecordRow, (tps, C))
            assert rec is not None and rec.state == "final"
            assert json.loads(rec.final_values or "{}") == truth[tps]
    assert fingerprint(demo, capsys, tmp_path) != fp_before

    pdf = tmp_path / "mutu.pdf"
    code, out, err = run(
        capsys,
        "quality",
        "report",
        demo.path,
        "--contest",
        C,
        "--json",
        "--pdf",
        pdf,
        "--user",
        sup,
    )
    assert code == 0, err
    rep = json.loads(out)
    n_err = len(expected)
    lo, hi = clopper_pearson(n_err, 800)
    assert rep["errors"] == n_err and rep["undecided"] == 0
    assert rep["rate_per_10000"] == pytest.approx(10_000 * n_err / 800, abs=1e-4)
    assert rep["ci95"] == [pytest.approx(lo * 1e4, abs=1e-4), pytest.approx(hi * 1e4, abs=1e-4)]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "MUTU DATA" in text and SEED in text and "Clopper" in text
    shown = f"{hi * 1e4:.2f}".replace(".", ",")
    assert f"Galat sisa paling tinggi {shown} per 10.000 isian (95%)" in text
    assert "Data final salah" in text and "sha256sum" in text and "Cara mengulang" in text

    # Per operator: the same-way errors are attributed to both original keyers.
    code, out, err = run(capsys, "quality", "operators", demo.path, "--json", "--user", sup)
    assert code == 0, err
    ops = {o["user"]: o for o in json.loads(out)}
    assert ops["operator1"]["errors_resolution"] == n_err == ops["operator2"]["errors_resolution"]
    assert ops["operator3"]["errors"] == 0 and ops["operator3"]["fields"] == 15 * 40
    code, _, err = run(
        capsys, "quality", "operators", demo.path, "--json",
        "--user", as_user(demo, monkeypatch, "operator1"),
    )  # fmt: skip
    assert code == 2

    code, out, err = run(capsys, "audit", "verify", demo.path)
    assert code == 0, out + err
