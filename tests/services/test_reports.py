"""Report use cases on real workspaces: finalising freezes a region (services and database),
reopening needs a reason, reports are audited with their SHA-256, and a signed report validates
against the province CA (pyHanko and poppler's pdfsig) until a byte changes, the certificate is
revoked, or the key was never certified by that CA."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Protocol

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information
import pytest
from cryptography import x509
from sqlalchemy import exc, select, text

from kamarhitung.core import keys as k
from kamarhitung.core.entry import State
from kamarhitung.core.model import Level
from kamarhitung.core.report import ReportKind, number
from kamarhitung.services import entry, reports
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    PermissionDeniedError,
    ServiceError,
)
from kamarhitung.services.recap import load_recap
from kamarhitung.services.signing import SignerKey, sign_pdf, verify_pdf
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import AuditEventRow, RegionFinalEventRow, SyntheticImageRow

C = "gubernur"


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def kecamatan_codes(d: Demo) -> list[str]:
    return [r.code for r in reports.region_states(d.ws, C) if r.level == Level.KECAMATAN]


def smallest_kecamatan(d: Demo) -> str:
    states = [r for r in reports.region_states(d.ws, C) if r.level == Level.KECAMATAN]
    return min(states, key=lambda r: (r.tps_total, r.code)).code


def key_final(d: Demo, kec: str, contest: str = C) -> None:
    """Double-key every TPS of a kecamatan with its true values (accepting a janggal paper)."""
    with d.ws.store.reading() as s:
        rows = s.execute(
            select(SyntheticImageRow.tps_id, SyntheticImageRow.values_json).where(
                SyntheticImageRow.contest_id == contest,
                SyntheticImageRow.tps_id.startswith(kec),
            )
        ).all()
    op1, op2, sup = d.login("operator1"), d.login("operator2"), d.login("supervisor1")
    for tps, values_json in sorted(rows):
        item = {"tps": tps, "contest": contest, "values": json.loads(values_json)}
        entry.submit_entry(d.ws, op1, item)
        res = entry.submit_entry(d.ws, op2, item)
        if res.state == State.JANGGAL:
            entry.accept_janggal(d.ws, sup, tps, contest, "kertas sendiri tidak konsisten")


def key_passphrase(d: Demo) -> str:
    return str(d.credentials["key_passphrase"])


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def audit_events(d: Demo, action: str) -> list[dict[str, object]]:
    with d.ws.store.reading() as s:
        rows = s.execute(
            select(AuditEventRow.details_json).where(AuditEventRow.action == action)
        ).scalars()
        return [json.loads(r) for r in rows]


# --- finalising and the freeze -------------------------------------------------------------------


def test_a_kecamatan_with_forms_not_final_cannot_be_finalised(demo: Demo) -> None:
    sup = demo.login("supervisor1")
    kec = smallest_kecamatan(demo)
    with pytest.raises(ConflictError, match="not final"):
        reports.finalise_region(demo.ws, sup, C, kec)


def test_finalising_takes_off_the_draft_and_freezes_the_region(demo: Demo) -> None:
    sup = demo.login("supervisor1")
    kec = smallest_kecamatan(demo)
    key_final(demo, kec)
    req = reports.make_request(demo.ws, "recap", C, "kecamatan", kec)
    before = reports.make_report(demo.ws, sup, req)
    assert before.draft and all("DRAF" in t for t in page_texts(before.pdf))

    st = reports.finalise_region(demo.ws, sup, C, kec)
    assert st.finalisation is not None and st.finalisation.by == "supervisor1"
    after = reports.make_report(demo.ws, sup, req)
    assert not after.draft
    assert all("DRAF" not in t and "FINAL" in t for t in page_texts(after.pdf))
    assert after.fingerprint == before.fingerprint

    # The services refuse, with one sentence naming the region...
    tps = next(t for t in load_recap(demo.ws, C).tree.tps_ids if t.startswith(kec))
    with demo.ws.store.unit_of_work() as s, pytest.raises(ConflictError, match="finalised"):
        reports.ensure_not_frozen(s, tps, C)
    # ...and so does the database, for any other path.
    with (
        pytest.raises(exc.IntegrityError, match="finalised region"),
        demo.ws.store.engine.begin() as conn,
    ):
        conn.execute(
            text("UPDATE record SET state = 'empty', final_values = NULL WHERE tps_id = :t"),
            {"t": tps},
        )
    # Other contests and other kecamatan are not frozen.
    other = next(t for t in load_recap(demo.ws, C).tree.tps_ids if not t.startswith(kec))
    with demo.ws.store.unit_of_work() as s:
        reports.ensure_not_frozen(s, other, C)
        reports.ensure_not_frozen(s, tps, "bupati" if C != "bupati" else "walikota")
    assert audit_events(demo, "region.finalise")[0]["fingerprint"] == before.fingerprint


def test_entry_changes_are_refused_in_a_frozen_region(demo: Demo) -> None:
    """The hook in services.entry: even a form not final yet (a region frozen behind the
    service's back) cannot be keyed, drafted or resolved."""
    kec = smallest_kecamatan(demo)
    tps = next(t for t in load_recap(demo.ws, C).tree.tps_ids if t.startswith(kec))
    op1 = demo.login("operator1")
    form = entry.claim_form(demo.ws, op1, tps, C)
    with demo.ws.store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO region_final VALUES (:c, :r, '2026-01-01T00:00:00+07:00', 'x', :f)"),
            {"c": C, "r": kec, "f": "0" * 64},
        )
    with pytest.raises(ConflictError, match="finalised"):
        entry.save_draft(demo.ws, op1, form.tps.tps_id, C, {"I.A.1.L": 1})
    with pytest.raises(ConflictError, match="finalised"):
        entry.give_back(demo.ws, op1, tps, C)
    other = next(t for t in load_recap(demo.ws, C).tree.tps_ids if t.startswith(kec) and t != tps)
    with pytest.raises(ConflictError, match="finalised"):
        entry.submit_entry(
            demo.ws, demo.login("operator2"), {"tps": other, "contest": C, "values": {}}
        )


@pytest.mark.sqlite_only
def test_reopening_needs_a_supervisor_and_a_reason(demo: Demo) -> None:
    sup = demo.login("supervisor1")
    kec = smallest_kecamatan(demo)
    key_final(demo, kec)
    reports.finalise_region(demo.ws, sup, C, kec)
    for reason in ("", "   "):
        with pytest.raises(InputError, match="reason"):
            reports.reopen_region(demo.ws, sup, C, kec, reason)
    with pytest.raises(PermissionDeniedError):
        reports.reopen_region(demo.ws, demo.login("admin"), C, kec, "salah ketik")
    with pytest.raises(PermissionDeniedError):
        reports.finalise_region(demo.ws, demo.login("operator1"), C, kec)
    st = reports.reopen_region(demo.ws, sup, C, kec, "formulir TPS 003 dikoreksi pleno")
    assert st.finalisation is None
    with pytest.raises(ConflictError, match="not finalised"):
        reports.reopen_region(demo.ws, sup, C, kec, "lagi")
    history = reports.finalisation_history(demo.ws, C)
    assert [(e.action, e.reason) for e in history] == [
        ("finalise", None),
        ("reopen", "formulir TPS 003 dikoreksi pleno"),
    ]
    assert audit_events(demo, "region.reopen")[0]["reason"] == "formulir TPS 003 dikoreksi pleno"
    req = reports.make_request(demo.ws, "recap", C, "kecamatan", kec)
    assert reports.make_report(demo.ws, sup, req).draft
    # The history is append-only.
    con = sqlite3.connect(demo.path / "kamarhitung.sqlite")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), con:
        con.execute("DELETE FROM region_final_event")
    con.close()


def test_the_kabupaten_is_finalised_after_every_kecamatan(demo: Demo) -> None:
    sup = demo.login("supervisor1")
    kab = demo.ws.meta()["kabupaten_code"]
    kecs = kecamatan_codes(demo)
    key_final(demo, kecs[0])
    reports.finalise_region(demo.ws, sup, C, kecs[0])
    with pytest.raises(ConflictError, match="not finalised"):
        reports.finalise_region(demo.ws, sup, C, kab)
    for kec in kecs[1:]:
        key_final(demo, kec)
        reports.finalise_region(demo.ws, sup, C, kec)
    reports.finalise_region(demo.ws, sup, C, kab)
    with pytest.raises(ConflictError, match="reopen it before"):
        reports.reopen_region(demo.ws, sup, C, kecs[0], "koreksi")
    req = reports.make_request(demo.ws, "recap", C, "kabupaten")
    res = reports.make_report(demo.ws, sup, req)
    assert not res.draft
    reports.reopen_region(demo.ws, sup, C, kab, "koreksi kecamatan pertama")
    reports.reopen_region(demo.ws, sup, C, kecs[0], "koreksi kecamatan pertama")


@pytest.mark.sqlite_only
def test_a_finalised_region_whose_data_changed_is_refused(demo: Demo) -> None:
    """FINAL must mean frozen: data changed behind the trigger's back (a hand edit with the
    trigger dropped) makes the report refuse to print."""
    sup = demo.login("supervisor1")
    kec = smallest_kecamatan(demo)
    key_final(demo, kec)
    reports.finalise_region(demo.ws, sup, C, kec)
    con = sqlite3.connect(demo.path / "kamarhitung.sqlite")
    with con:
        con.execute("DROP TRIGGER record_frozen")
        con.execute(
            "UPDATE record SET final_vector = NULL, final_values = replace(final_values, "
            "'\"V.B\":', '\"V.B\":1') WHERE contest_id = ? AND tps_id LIKE ?",
            (C, kec + "%"),
        )
    con.close()
    req = reports.make_request(demo.ws, "annex", C, "kecamatan", kec)
    with pytest.raises(ConflictError, match="changed after it was finalised"):
        reports.make_report(demo.ws, sup, req)


# --- making reports ------------------------------------------------------------------------------


def test_requests_are_checked(demo: Demo) -> None:
    kec = kecamatan_codes(demo)[0]
    dotted = f"{kec[:2]}.{kec[2:4]}.{kec[4:]}"
    assert reports.make_request(demo.ws, "recap", C, "kecamatan", dotted).region == kec
    assert (
        reports.make_request(demo.ws, "annex", C, "kabupaten").region
        == demo.ws.meta()["kabupaten_code"]
    )
    for args, match in [
        (("recap", C, "kecamatan", None), "needs the kecamatan"),
        (("recap", C, "desa", kec), "kecamatan or kabupaten"),
        (("chart", C, "kecamatan", kec), "kind"),
        (("recap", C, "kecamatan", "99.99.99"), "no kecamatan"),
        (("recap", C, "kabupaten", "9999"), "not this workspace's kabupaten"),
    ]:
        with pytest.raises(ServiceError, match=match):
            reports.make_request(demo.ws, *args)
    with pytest.raises(InputError, match="paper"):
        reports.make_request(demo.ws, "recap", C, "kecamatan", kec, "letter")


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_kind_is_made_and_audited_with_its_sha256(mixed: Demo, kind: ReportKind) -> None:
    sup = mixed.login("supervisor1")
    req = reports.make_request(mixed.ws, kind, C, "kabupaten")
    res = reports.make_report(mixed.ws, sup, req)
    assert res.pdf.startswith(b"%PDF-")
    (event,) = audit_events(mixed, "report.generate")
    assert event["sha256"] == hashlib.sha256(res.pdf).hexdigest()
    assert event["fingerprint"] == res.fingerprint and event["kind"] == kind.value
    with pytest.raises(PermissionDeniedError):
        reports.make_report(mixed.ws, mixed.login("operator1"), req)


def test_kecamatan_recap_totals_printed_equal_the_recap(mixed: Demo) -> None:
    sup = mixed.login("supervisor1")
    recap = load_recap(mixed.ws, C)
    kec = recap.table(Level.KECAMATAN)
    i = max(range(len(kec)), key=lambda j: int(kec.tps_final[j]))
    row = kec.row(i)
    res = reports.make_report(
        mixed.ws, sup, reports.make_request(mixed.ws, "recap", C, "kecamatan", row.code)
    )
    lines = [ln.strip() for t in page_texts(res.pdf) if "JUMLAH" in t for ln in t.splitlines()]
    form = mixed.ws.form_spec(C)
    for sec in form.template.sections:
        if sec.kind != "j":
            continue
        for r in sec.rows:
            line = next(ln for ln in lines if ln.startswith(r.label + " "))
            assert line.split()[-1] == number(row.values[r.id])
    tps_line = next(ln for ln in lines if ln.startswith("TPS yang masuk rekapitulasi (final) "))
    assert tps_line.split()[-1] == number(row.tps_final)


def test_annex_total_equals_the_kabupaten_recap(mixed: Demo) -> None:
    sup = mixed.login("supervisor1")
    res = reports.make_report(
        mixed.ws, sup, reports.make_request(mixed.ws, "annex", C, "kabupaten")
    )
    total = load_recap(mixed.ws, C).total()
    last = page_texts(res.pdf)
    line = next(ln for t in last for ln in t.splitlines() if ln.startswith("JUMLAH "))
    assert line.split()[-1] == number(total.values["V.C"])
    assert f"{number(total.tps_final)}/{number(total.tps_total)} final" in line


def test_save_and_print_are_audited(mixed: Demo, tmp_path: Path) -> None:
    sup = mixed.login("supervisor1")
    res = reports.make_report(
        mixed.ws, sup, reports.make_request(mixed.ws, "recap", C, "kabupaten")
    )
    path = reports.save_report(mixed.ws, sup, res, tmp_path / "out" / "rekap.pdf")
    assert path.read_bytes() == res.pdf
    reports.record_print(mixed.ws, sup, res, "HP LaserJet")
    (saved,) = audit_events(mixed, "report.save")
    (printed,) = audit_events(mixed, "report.print")
    assert saved["sha256"] == printed["sha256"] == res.sha256
    assert saved["file"] == "rekap.pdf" and printed["printer"] == "HP LaserJet"


# --- signatures ------------------------------------------------------------------------------------


def ca_of(d: Demo) -> x509.Certificate:
    return k.load_certificate((d.path / "demo-province" / "ca.pem").read_bytes(), what="ca")


def signed_recap(d: Demo) -> reports.ReportResult:
    sup = d.login("supervisor1")
    res = reports.make_report(d.ws, sup, reports.make_request(d.ws, "recap", C, "kabupaten"))
    return reports.sign_report(d.ws, sup, res, key_passphrase(d))


def test_a_signed_report_validates_against_the_province_ca(demo: Demo, tmp_path: Path) -> None:
    res = signed_recap(demo)
    assert res.signed and res.signer is not None and "KAB-" in res.signer
    check = verify_pdf(res.pdf, [ca_of(demo)])
    assert check.ok, check.to_json()
    (sig,) = check.signatures
    assert sig.intact and sig.valid and sig.trusted and sig.whole_file
    assert sig.kabupaten == demo.ws.meta()["kabupaten_code"] == check.report_kabupaten
    assert check.empty_fields == ("provinsi",)
    (event,) = audit_events(demo, "report.sign")
    assert event["sha256"] == res.sha256 and event["unsigned_sha256"] != res.sha256
    if shutil.which("pdfsig"):
        path = tmp_path / "signed.pdf"
        path.write_bytes(res.pdf)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        assert "Signature is Valid." in out and "Total document signed" in out


def test_one_changed_byte_makes_it_invalid(demo: Demo) -> None:
    res = signed_recap(demo)
    data = bytearray(res.pdf)
    start = data.index(b"/ByteRange")
    data[200] ^= 0x01  # inside the first signed range (page content)
    assert start > 200
    broken = verify_pdf(bytes(data), [ca_of(demo)])
    assert not broken.ok and not broken.signatures[0].intact


def test_a_revoked_certificate_is_invalid_with_the_crl(demo: Demo) -> None:
    res = signed_recap(demo)
    ca = ca_of(demo)
    crl_ok = k.load_crl((demo.path / "demo-province" / "crl.pem").read_bytes(), what="crl")
    assert verify_pdf(res.pdf, [ca], crl_ok).ok
    ca_key = k.load_private_key(
        k.unwrap_secret(
            (demo.path / "demo-province" / "ca-key.age").read_bytes(),
            str(demo.credentials["province_ca_passphrase"]),
            what="ca-key.age",
        ),
        what="ca-key.age",
    )
    cert = k.load_certificate((demo.path / "keys" / "cert.pem").read_bytes(), what="cert")
    now = dt.datetime.now(dt.UTC)
    revoked = k.make_crl(ca, ca_key, now, 2, [(cert.serial_number, now)])
    check = verify_pdf(res.pdf, [ca], revoked)
    assert not check.ok and check.signatures[0].revoked
    # Without a CRL the signature embeds none: not checked, still valid.
    soft = verify_pdf(res.pdf, [ca])
    assert soft.ok and not soft.signatures[0].revocation_checked


def _rogue(now: dt.datetime) -> tuple[x509.Certificate, object, x509.Certificate]:
    rogue_key = k.generate_signing_key()
    rogue_ca = k.make_ca(rogue_key, "PROVINSI PALSU", now)
    key = k.generate_signing_key()
    cert = k.issue_certificate(
        k.load_csr(k.make_csr(key, "3578", "PALSU")), rogue_ca, rogue_key, now
    )
    return cert, key, rogue_ca


def test_a_key_the_ca_did_not_certify_is_refused(demo: Demo) -> None:
    sup = demo.login("supervisor1")
    res = reports.make_report(demo.ws, sup, reports.make_request(demo.ws, "recap", C, "kabupaten"))
    now = dt.datetime.now(dt.UTC)
    cert, key, rogue_ca = _rogue(now)
    # Signing refuses a certificate from another CA than the one given...
    with pytest.raises(InputError, match="not issued by"):
        sign_pdf(
            res.pdf,
            SignerKey(key, cert, ca_of(demo)),
            res.rendered.signature_fields,
            fingerprint=res.fingerprint,
            reason="uji",
            location="uji",
            now=now,
        )
    # ...and a report signed under a rogue CA does not verify against the province's.
    forged = sign_pdf(
        res.pdf,
        SignerKey(key, cert, rogue_ca),
        res.rendered.signature_fields,
        fingerprint=res.fingerprint,
        reason="uji",
        location="uji",
        now=now,
    )
    check = verify_pdf(forged, [ca_of(demo)])
    assert not check.ok
    (sig,) = check.signatures
    assert sig.intact and sig.valid and not sig.trusted


def test_a_report_signed_by_another_kabupaten_is_refused(demo: Demo) -> None:
    """A genuine certificate of the same province, but for another kabupaten than the report's."""
    sup = demo.login("supervisor1")
    res = reports.make_report(demo.ws, sup, reports.make_request(demo.ws, "recap", C, "kabupaten"))
    ca = ca_of(demo)
    ca_key = k.load_private_key(
        k.unwrap_secret(
            (demo.path / "demo-province" / "ca-key.age").read_bytes(),
            str(demo.credentials["province_ca_passphrase"]),
            what="ca-key.age",
        ),
        what="ca-key.age",
    )
    now = dt.datetime.now(dt.UTC)
    key = k.generate_signing_key()
    other = "9999" if demo.ws.meta()["kabupaten_code"] != "9999" else "9998"
    cert = k.issue_certificate(k.load_csr(k.make_csr(key, other, "LAIN")), ca, ca_key, now)
    signed = sign_pdf(
        res.pdf,
        SignerKey(key, cert, ca),
        res.rendered.signature_fields,
        fingerprint=res.fingerprint,
        reason="uji",
        location="uji",
        now=now,
    )
    check = verify_pdf(signed, [ca])
    (sig,) = check.signatures
    assert not check.ok and sig.trusted and sig.kabupaten == other
    assert sig.problem is not None and "but the report is of kabupaten" in sig.problem


def test_a_wrong_passphrase_is_refused(demo: Demo) -> None:
    from kamarhitung.services.common import AuthError

    sup = demo.login("supervisor1")
    res = reports.make_report(demo.ws, sup, reports.make_request(demo.ws, "recap", C, "kabupaten"))
    with pytest.raises(AuthError):
        reports.sign_report(demo.ws, sup, res, "salah-sekali-123")
    with pytest.raises(PermissionDeniedError):
        reports.sign_report(demo.ws, demo.login("admin"), res, key_passphrase(demo))


def test_a_report_set_is_made_signed_and_cancellable(demo: Demo, tmp_path: Path) -> None:
    sup = demo.login("supervisor1")
    requests = reports.set_requests(demo.ws, C)
    assert [r.kind for r in requests[-2:]] == [ReportKind.RECAP, ReportKind.ANNEX]
    assert len(requests) == len(kecamatan_codes(demo)) + 2
    seen: list[str] = []
    paths = reports.make_set(
        demo.ws,
        sup,
        requests,
        tmp_path / "set",
        passphrase=key_passphrase(demo),
        progress=lambda done, total, name: seen.append(name),
    )
    assert len(paths) == len(requests) == len(seen)
    for p in paths:
        assert verify_pdf(p.read_bytes(), [ca_of(demo)]).ok, p
    with pytest.raises(reports.ReportCancelled):
        reports.make_set(demo.ws, sup, requests, tmp_path / "none", cancelled=lambda: True)
    assert not (tmp_path / "none").exists()
    with demo.ws.store.reading() as s:
        assert s.execute(select(RegionFinalEventRow)).first() is None


def test_the_same_data_and_clock_give_the_same_pdf(mixed: Demo) -> None:
    from kamarhitung.core import report as rpt
    from kamarhitung.services.common import FixedClock

    at = dt.datetime(2026, 12, 9, 21, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    ws = Workspace(mixed.ws.store, FixedClock(at))
    sup = mixed.login("supervisor1")
    for kind in ReportKind:
        req = reports.make_request(ws, kind, C, "kabupaten")
        # The same data, clock and audit chain head: making a report appends an event (so the
        # head printed on the next one moves on), rendering alone does not.
        a = rpt.render(reports.build_report(ws, sup, req), req.paper)
        b = rpt.render(reports.build_report(ws, sup, req), req.paper)
        assert hashlib.sha256(a.pdf).hexdigest() == hashlib.sha256(b.pdf).hexdigest(), kind
