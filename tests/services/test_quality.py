"""services/quality.py on real demo workspaces: blindness of the audit keying, refusals that
change nothing, the three verdicts, claims, accuracy per operator and the pairing, and the
figures travelling in the bundle's manifest to the province."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import func, select, update

from kamarhitung import cli
from kamarhitung.services import bundle, entry, quality
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    FixedClock,
    InputError,
    PermissionDeniedError,
)
from kamarhitung.services.integrity import verify_workspace
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import (
    AuditDecisionRow,
    AuditEventRow,
    AuditKeyingRow,
    QualitySampleRow,
    RecordRow,
    SyntheticImageRow,
)

C = "gubernur"


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def truths(ws: Workspace) -> dict[str, dict[str, int]]:
    with ws.store.reading() as s:
        return {
            r.tps_id: json.loads(r.values_json)
            for r in s.execute(
                select(SyntheticImageRow).where(SyntheticImageRow.contest_id == C)
            ).scalars()
        }


def key_all(d: Demo, n: int = 12) -> dict[str, dict[str, int]]:
    """Operators 1 and 2 key the first n forms correctly; returns the true values."""
    truth = truths(d.ws)
    op1, op2 = d.login("operator1"), d.login("operator2")
    for tps in sorted(truth)[:n]:
        entry.submit_entry(d.ws, op1, {"tps": tps, "contest": C, "values": truth[tps]})
        entry.submit_entry(d.ws, op2, {"tps": tps, "contest": C, "values": truth[tps]})
    return truth


def count(ws: Workspace, table: type) -> int:
    with ws.store.reading() as s:
        return int(s.execute(select(func.count()).select_from(table)).scalar_one())


def test_draw_refusals_change_nothing_and_a_target_sets_the_size(demo: Demo) -> None:
    sup, op = demo.login("supervisor1"), demo.login("operator3")
    with pytest.raises(ConflictError, match="no final form"):
        quality.draw(demo.ws, sup, C, "1 2 3", 3)
    key_all(demo, 12)
    with pytest.raises(PermissionDeniedError):
        quality.draw(demo.ws, op, C, "1 2 3", 3)
    with pytest.raises(InputError, match="seed is empty"):
        quality.draw(demo.ws, sup, C, "   ", 3)
    with pytest.raises(InputError, match="only 12 final"):
        quality.draw(demo.ws, sup, C, "1 2 3", 13)
    with pytest.raises(InputError, match="not both"):
        quality.draw(demo.ws, sup, C, "1 2 3", 3, target=5.0)
    assert count(demo.ws, QualitySampleRow) == 0
    assert quality.size_for_target(demo.ws, C, 0.5) == 1845  # 73,776 fields / 40 per form
    smp = quality.draw(demo.ws, sup, C, "9 9 9", target=0.5)  # capped at what is final
    assert len(smp.tps) == 12 and smp.target == 0.5 and smp.population == 12
    with pytest.raises(ConflictError, match="no final form is left"):
        quality.draw(demo.ws, sup, C, "4 5 6", 1)


def test_audit_keying_is_blind_and_never_changes_the_record(demo: Demo) -> None:
    truth = key_all(demo, 6)
    sup = demo.login("supervisor1")
    smp = quality.draw(demo.ws, sup, C, "31 4 15", 3)
    tps = smp.tps[0]
    with demo.ws.store.reading() as s:
        rec = s.get(RecordRow, (tps, C))
        assert rec is not None
        before = (rec.final_values, rec.hash, rec.change_seq)
    op1, op3 = demo.login("operator1"), demo.login("operator3")
    with pytest.raises(ConflictError, match="keyed neither entry"):
        entry.claim_form(demo.ws, op1, tps, C)
    with pytest.raises(ConflictError, match="keyed neither entry"):
        entry.submit_entry(demo.ws, op1, {"tps": tps, "contest": C, "values": truth[tps]})
    kf = entry.claim_form(demo.ws, op3, tps, C)
    assert kf.audit and kf.values == {}
    # Operators may not see the other side, whatever they call.
    for call in (
        lambda: quality.report(demo.ws, op3, C),
        lambda: quality.differences(demo.ws, op3, C),
        lambda: quality.operator_accuracy(demo.ws, op3),
        lambda: entry.resolution_view(demo.ws, op3, tps, C),
        lambda: quality.decide(demo.ws, op3, tps, C, {}, "x"),
    ):
        with pytest.raises(PermissionDeniedError):
            call()
    wrong = dict(truth[tps])
    wrong["IV.1"] += 1
    res = entry.finish_entry(demo.ws, op3, tps, C, wrong)
    assert res.audit and res.state.value == "final" and res.to_json()["audit"] is True
    with demo.ws.store.reading() as s:
        rec = s.get(RecordRow, (tps, C))
        assert rec is not None and (rec.final_values, rec.hash, rec.change_seq) == before
        k = s.execute(select(AuditKeyingRow).where(AuditKeyingRow.tps_id == tps)).scalar_one()
        assert k.status == "done" and k.final_hash == rec.hash
    # A finished audit keying cannot be changed, not even by hand.
    with demo.ws.store.unit_of_work() as s, pytest.raises(Exception, match="cannot change"):
        s.execute(update(AuditKeyingRow).values(values_json="{}"))
    assert verify_workspace(demo.ws).intact


def test_verdicts_claims_and_accuracy(demo: Demo) -> None:
    truth = key_all(demo, 8)
    sup = demo.login("supervisor1")
    smp = quality.draw(demo.ws, sup, C, "7 7 7", 3)
    a, b, c = smp.tps
    op3, op4 = demo.login("operator3"), demo.login("operator4")

    # A claim is held, given back, and taken by another operator.
    kf = entry.next_form(demo.ws, op3, C)
    assert kf is not None and kf.tps.tps_id == a and kf.audit
    with pytest.raises(ConflictError, match="being keyed for the audit by operator3"):
        entry.claim_form(demo.ws, op4, a, C)
    entry.save_draft(demo.ws, op3, a, C, {"IV.1": 5})
    entry.give_back(demo.ws, op3, a, C)
    kf = entry.claim_form(demo.ws, op4, a, C)
    assert kf.values == {}  # op3's draft is not shown to op4

    # a: the audit keyer slipped (the final record was right).
    slip = dict(truth[a])
    slip["V.B"] += 10
    entry.finish_entry(demo.ws, op4, a, C, slip)
    # b: both were wrong in different ways (the record takes the image's value).
    entry.submit_entry(demo.ws, op3, {"tps": b, "contest": C, "values": {**truth[b], "IV.2": 0}})
    # c: a problem raised: only the keyed fields are compared.
    part = {f: v for f, v in truth[c].items() if not f.startswith("I.")}
    entry.submit_entry(
        demo.ws, op3, {"tps": c, "contest": C, "values": part, "problems": ["illegible"]}
    )
    rep = quality.report(demo.ws, sup, C)
    assert rep.forms == 3 and rep.fields == 40 + 40 + len(part)
    assert [(d.tps_id, d.field) for d in rep.differences] == [(a, "V.B"), (b, "IV.2")] or [
        (d.tps_id, d.field) for d in rep.differences
    ] == [(b, "IV.2"), (a, "V.B")]
    assert quality.pending_decisions(demo.ws, sup, C) == sorted([a, b])

    with pytest.raises(InputError, match="not a difference"):
        quality.decide(demo.ws, sup, a, C, {"V.B": truth[a]["V.B"], "IV.1": 3}, "cek")
    res = quality.decide(demo.ws, sup, a, C, {"V.B": truth[a]["V.B"]}, "dibaca dari gambar")
    assert (
        res.verdicts == {"V.B": "audit_wrong"} and res.corrected == () and res.record_hash is None
    )
    with pytest.raises(ConflictError, match="no difference waits"):
        quality.decide(demo.ws, sup, a, C, {"V.B": 1}, "lagi")

    # b: the image says neither (a value the record's identities reject needs a note).
    true_iv2 = truth[b]["IV.2"]
    with pytest.raises(ConflictError, match="SAH-SUM"):
        quality.decide(demo.ws, sup, b, C, {"IV.2": true_iv2 + 1}, "dibaca dari gambar")
    assert count(demo.ws, AuditDecisionRow) == 1  # the refusal wrote nothing
    res = quality.decide(
        demo.ws,
        sup,
        b,
        C,
        {"IV.2": true_iv2 + 1},
        "dibaca dari gambar",
        accept_findings_note="kertas memang tidak konsisten",
    )
    assert res.verdicts == {"IV.2": "both_wrong"} and res.corrected == ("IV.2",)
    with demo.ws.store.reading() as s:
        rec = s.get(RecordRow, (b, C))
        assert rec is not None and json.loads(rec.final_values or "{}")["IV.2"] == true_iv2 + 1
        assert rec.final_source == "resolved"
    rep = quality.report(demo.ws, sup, C)
    assert rep.errors == 1 and rep.undecided == 0
    acc = {o.user: o for o in quality.operator_accuracy(demo.ws, sup)}
    assert acc["operator4"].audit_errors == 1 and acc["operator3"].audit_errors == 1
    assert acc["operator1"].resolution_errors == 1 == acc["operator2"].resolution_errors
    assert acc["operator1"].fields == 8 * 40
    assert [o.user for o in quality.operator_accuracy(demo.ws, sup)] == sorted(acc)  # by name
    with demo.ws.store.reading() as s:
        actions = set(s.execute(select(AuditEventRow.action)).scalars())
    assert {"quality.sample", "quality.audit_claim", "quality.audit_finish"} <= actions
    assert {"quality.decide", "quality.audit_give_back"} <= actions
    assert verify_workspace(demo.ws).intact


def test_pairing_puts_a_high_rate_operator_with_a_low_rate_one(demo: Demo) -> None:
    truth = truths(demo.ws)
    forms = sorted(truth)
    ops = {n: demo.login(n) for n in ("operator1", "operator2", "operator3", "operator4")}
    sup = demo.login("supervisor1")
    # History: operator1 slips on two forms (resolved against them), operator2 keys them right.
    for tps in forms[:4]:
        slip = dict(truth[tps])
        if tps in forms[:2]:
            slip["V.B"] += 1
        entry.submit_entry(demo.ws, ops["operator1"], {"tps": tps, "contest": C, "values": slip})
        entry.submit_entry(
            demo.ws, ops["operator2"], {"tps": tps, "contest": C, "values": truth[tps]}
        )
    for tps in forms[:2]:
        entry.resolve(
            demo.ws, sup, tps, C, {"V.B": entry.FieldDecision("keep_second")}, "dari gambar"
        )
    # Operator3 (low: no error) and operator4... first entries by operator1 and operator2.
    entry.submit_entry(
        demo.ws, ops["operator2"], {"tps": forms[4], "contest": C, "values": truth[forms[4]]}
    )
    entry.submit_entry(
        demo.ws, ops["operator1"], {"tps": forms[5], "contest": C, "values": truth[forms[5]]}
    )
    with pytest.raises(PermissionDeniedError):
        quality.set_pairing(demo.ws, ops["operator2"], True)
    with demo.ws.store.reading() as s:
        assert quality.pairing_partners(demo.ws, s, ops["operator2"]) == []  # off
    kf = entry.next_form(demo.ws, ops["operator3"], C)
    assert kf is not None and kf.tps.tps_id == forms[4]  # off: TPS order
    entry.give_back(demo.ws, ops["operator3"], forms[4], C)
    quality.set_pairing(demo.ws, sup, True)
    with demo.ws.store.reading() as s:
        high = quality.pairing_partners(demo.ws, s, ops["operator2"])
    assert high == [ops["operator1"].user_id]  # operator2 (low) checks operator1 (high)
    # operator1 is high: it is offered operator2's first entry before anything else.
    kf = entry.next_form(demo.ws, ops["operator1"], C)
    assert kf is not None and kf.tps.tps_id == forms[4] and kf.slot == 2
    entry.give_back(demo.ws, ops["operator1"], forms[4], C)
    # operator2 (low) is offered operator1's form first.
    kf = entry.next_form(demo.ws, ops["operator2"], C)
    assert kf is not None and kf.tps.tps_id == forms[5] and kf.slot == 2


def test_the_manifest_carries_the_rate_and_the_province_sees_it(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    truth = key_all(demo, 6)
    sup = demo.login("supervisor1")
    smp = quality.draw(demo.ws, sup, C, "1 1 2 3 5", 2)
    op3 = demo.login("operator3")
    for tps in smp.tps:
        entry.submit_entry(demo.ws, op3, {"tps": tps, "contest": C, "values": truth[tps]})
    out = tmp_path / "out"
    out.mkdir()
    res = bundle.export_bundle(demo.ws, sup, out, str(demo.credentials["key_passphrase"]))
    pdir = demo.path / "demo-province"
    prov = tmp_path / "prov"
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "province-admin-1")
    init = ["province", "init", str(prov), "--admin", "padmin", "--ca", str(pdir / "ca.pem")]
    assert cli.main([*init, "--identity", str(pdir / "identity.age")]) == 0
    assert cli.main(["province", "import", str(prov), str(res.path)]) == 0
    capsys.readouterr()
    assert cli.main(["quality", "province", str(prov), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    fig = row["quality"][C]
    assert fig["forms"] == 2 and fig["fields"] == 80 and fig["errors"] == 0
    assert fig["differences"] == 0 and fig["ci95"][0] == 0.0
    assert fig["ci95"][1] == pytest.approx(1e4 * (1 - 0.025 ** (1 / 80)), abs=1e-3)
    assert fig["samples"][0]["seed"] == "1 1 2 3 5"


@pytest.mark.sqlite_only
def test_audit_verify_names_a_changed_sample_keying_or_decision(demo: Demo) -> None:
    truth = key_all(demo, 4)
    sup = demo.login("supervisor1")
    smp = quality.draw(demo.ws, sup, C, "2 7 1 8", 1, target=None)
    (tps,) = smp.tps
    op3 = demo.login("operator3")
    entry.submit_entry(demo.ws, op3, {"tps": tps, "contest": C, "values": {**truth[tps], "V.B": 0}})
    quality.decide(demo.ws, sup, tps, C, {"V.B": truth[tps]["V.B"]}, "dari gambar")
    assert verify_workspace(demo.ws).intact
    db = demo.path / "kamarhitung.sqlite"

    for table, column, value, says in (
        ("quality_sample", "seed", "'0 0 0'", "quality sample 1 was changed"),
        ("audit_keying", "values_json", "'{}'", "was changed after it was finished"),
        ("audit_decision", "verdict", "'final_wrong'", "does not match its audit event"),
    ):
        con = sqlite3.connect(db)
        con.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        con.execute(f"DROP TRIGGER IF EXISTS {table}_done_no_update")
        con.execute(f"UPDATE {table} SET {column} = {value}")
        con.commit()
        con.close()
        problems = verify_workspace(demo.ws).problems
        assert any(says in p for p in problems), problems


def test_a_lapsed_audit_claim_passes_on_and_the_cli_sizes_and_refuses(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key_all(demo, 3)
    sup = demo.login("supervisor1")
    (tps,) = quality.draw(demo.ws, sup, C, "8 8", 1).tps
    clock = FixedClock(demo.ws.clock.now())
    demo.ws.clock = clock
    op3, op4 = demo.login("operator3"), demo.login("operator4")
    kf = entry.next_form(demo.ws, op3, C)
    assert kf is not None and kf.audit
    entry.save_draft(demo.ws, op3, tps, C, {"IV.1": 1})
    other = entry.next_form(demo.ws, op4, C)  # held by operator3: op4 gets new work instead
    assert other is not None and not other.audit
    entry.give_back(demo.ws, op4, other.tps.tps_id, C)
    clock.advance(16 * 60)
    kf = entry.claim_form(demo.ws, op4, tps, C)
    assert kf.audit and kf.values == {}  # the lapsed draft is not handed on
    with pytest.raises(ConflictError, match="no entry"):
        entry.save_draft(demo.ws, op3, tps, C, {"IV.1": 2})
    with demo.ws.store.reading() as s:
        lapsed = s.execute(
            select(AuditEventRow).where(AuditEventRow.action == "quality.audit_lapsed")
        ).scalar_one()
        assert '"IV.1":1' in json.loads(lapsed.details_json)["values"]

    assert (
        cli.main(["quality", "size", str(demo.path), "--contest", C, "--target", "0.5", "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["forms"] == 1845
    assert (
        cli.main(
            [
                "quality",
                "size",
                str(demo.path),
                "--contest",
                C,
                "--target",
                "0.5",
                "--expect",
                "0.2",
            ]
        )
        == 0
    )
    assert "0.2 errors per 10,000" in capsys.readouterr().out
    assert (
        cli.main(
            [
                "quality",
                "size",
                str(demo.path),
                "--contest",
                C,
                "--target",
                "0.5",
                "--expect",
                "0.5",
            ]
        )
        == 2
    )
    assert "no sample bounds" in capsys.readouterr().err
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("supervisor1"))
    argv = [
        "quality",
        "decide",
        str(demo.path),
        "--contest",
        C,
        "--tps",
        tps,
        "--user",
        "supervisor1",
    ]
    assert cli.main([*argv, "--value", "IV.1:5", "--reason", "x"]) == 2
    assert "FIELD=NUMBER" in capsys.readouterr().err
    assert cli.main([*argv, "--value", "IV.1=5", "--reason", "x"]) == 2
    assert "not done" in capsys.readouterr().err
    assert (
        cli.main(
            [
                "quality",
                "sample",
                str(demo.path),
                "--contest",
                C,
                "--seed",
                "1",
                "--user",
                "supervisor1",
            ]
        )
        == 2
    )
    assert "--forms N or --target" in capsys.readouterr().err
