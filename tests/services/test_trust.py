"""Issue 12, "Trust holes": each attack an insider with the workspace's files made, replayed on
real workspace files with the real sqlite3 tool (never a mocked database). Each test failed on
the code before the fix: a changed row steered a result, or signed output came from a database
that fails ``audit verify``, or ``audit verify`` said intact."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information
import pytest
from sqlalchemy import select as sa_select
from sqlalchemy import text as text_

from kamarhitung.cli import main as cli_main
from kamarhitung.core.bundle import BundleError
from kamarhitung.core.model import Role
from kamarhitung.services import accounts, bundle, entry, province, reports
from kamarhitung.services.common import ConflictError, InputError, IntegrityError
from kamarhitung.services.integrity import verify_workspace

# Each attack edits the SQLite file with the sqlite3 tool: the SQLite pass only. On a room the
# same rows sit on the host's PostgreSQL, where station credentials cannot UPDATE or DELETE
# them (tests/cli/test_room_cli.py); the checks themselves are the same code on both engines.
pytestmark = pytest.mark.sqlite_only

C = "gubernur"


def sql(d: Any, *statements: str) -> None:
    """Edit the workspace's database as an insider would, with the sqlite3 library directly."""
    d.ws.close()
    con = sqlite3.connect(d.path / "kamarhitung.sqlite")
    for st in statements:
        con.execute(st)
    con.commit()
    con.close()


def one(d: Any, query: str) -> Any:
    con = sqlite3.connect(d.path / "kamarhitung.sqlite")
    try:
        return con.execute(query).fetchone()
    finally:
        con.close()


def cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    d: Any,
    user: str | None,
    *argv: str,
    stdin: str | None = None,
) -> tuple[int, str, str]:
    if user is not None:
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", d.password(user))
    monkeypatch.setenv("KAMARHITUNG_KEY_PASSPHRASE", str(d.credentials["key_passphrase"]))
    if stdin is not None:
        import io

        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli_main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def make_province(d: Any, pdir: Path) -> tuple[Any, province.ProvinceKeys]:
    from kamarhitung.services.workspace import open_workspace

    src = d.path / "demo-province"
    province.init_province(
        pdir,
        admin="padmin",
        password="province-pass-1",
        ca_pem=(src / "ca.pem").read_bytes(),
        identity_data=(src / "identity.age").read_bytes(),
        identity_passphrase=None,
        crl_pem=(src / "crl.pem").read_bytes(),
    )
    pws = open_workspace(pdir)
    return pws, province.load_province_keys(pws, None)


def verify(capsys: pytest.CaptureFixture[str], d: Any, *extra: str) -> tuple[int, str]:
    code = cli_main(["audit", "verify", str(d.path), *extra])
    out, err = capsys.readouterr()
    return code, out + err


# --- 1. the mutable entry row decided agreement --------------------------------------------------


def test_a_first_entry_swapped_with_sqlite3_cannot_make_a_form_final(
    mixed: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tps, user_id, values_json = one(
        mixed,
        "SELECT e.tps_id, e.user_id, e.values_json FROM entry e JOIN record r ON "
        "r.tps_id = e.tps_id AND r.contest_id = e.contest_id WHERE r.state = 'first_done' "
        f"AND e.slot = 1 AND e.contest_id = '{C}' ORDER BY e.tps_id LIMIT 1",
    )
    first = one(mixed, f"SELECT name FROM user WHERE id = {user_id}")[0]
    second = next(f"operator{i}" for i in range(1, 5) if f"operator{i}" != first)
    values = json.loads(values_json)
    assert values["IV.1"] != values["IV.2"]
    values["IV.1"], values["IV.2"] = values["IV.2"], values["IV.1"]
    swapped = json.dumps(values, sort_keys=True, separators=(",", ":"))
    sql(mixed, f"UPDATE entry SET values_json = '{swapped}' WHERE tps_id = '{tps}' AND slot = 1")
    # The second operator keys the swapped values: they agree with the row, not with the chain.
    item = {"tps": tps, "contest": C, "values": values, "problems": []}
    code, out, _err = cli(
        capsys, monkeypatch, mixed, second, "entry", "submit", str(mixed.path), "-",
        "--user", second, "--json", stdin=json.dumps(item),
    )  # fmt: skip
    assert code == 2
    assert "changed outside the application" in out
    assert one(mixed, f"SELECT state FROM record WHERE tps_id = '{tps}' AND contest_id = '{C}'")[
        0
    ] in ("first_done", "second_in_progress")
    code, text = verify(capsys, mixed)
    assert code == 1 and f"entry 1 of TPS {tps} {C} differs from its recorded version" in text


# --- 2. signed output from a database that fails audit verify ------------------------------------


def test_a_changed_final_value_stops_signing_report_sets_and_bundle_export(
    mixed: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sql(
        mixed,
        "UPDATE record SET final_values = replace(final_values, '\"IV.1\":', '\"IV.1\":1') "
        "WHERE rowid = (SELECT min(rowid) FROM record WHERE state = 'final')",
    )
    assert verify(capsys, mixed)[0] == 1
    ws = str(mixed.path)
    code, _out, err = cli(
        capsys, monkeypatch, mixed, "supervisor1", "report", ws, "--contest", C,
        "--level", "kabupaten", "--out", str(tmp_path / "r.pdf"), "--sign",
        "--user", "supervisor1",
    )  # fmt: skip
    assert code == 2 and "signing the report refused" in err and "final record" in err
    assert not (tmp_path / "r.pdf").exists()
    code, _out, err = cli(
        capsys, monkeypatch, mixed, "supervisor1", "report-set", ws, "--contest", C,
        "--out", str(tmp_path / "set"), "--sign", "--user", "supervisor1",
    )  # fmt: skip
    assert code == 2 and "refused" in err and "final record" in err
    code, _out, err = cli(
        capsys, monkeypatch, mixed, "supervisor1", "bundle", "export", ws,
        "--out", str(tmp_path), "--user", "supervisor1",
    )  # fmt: skip
    assert code == 2 and "exporting the bundle refused" in err and "final record" in err
    assert not list(tmp_path.glob("*.khb"))
    # Finalising a kecamatan whose every TPS is final is refused too (it would freeze the change).
    kec = one(
        mixed,
        f"SELECT substr(tps_id, 1, 6) FROM record WHERE contest_id = '{C}' "
        "GROUP BY 1 HAVING sum(state != 'final') = 0 ORDER BY 1 LIMIT 1",
    )
    assert kec is not None
    code, _out, err = cli(
        capsys, monkeypatch, mixed, "supervisor1", "region", "finalise", ws,
        "--contest", C, "--region", kec[0], "--user", "supervisor1",
    )  # fmt: skip
    assert code == 2 and "refused" in err and "final record" in err
    assert one(mixed, "SELECT count(*) FROM region_final")[0] == 0


def test_a_changed_recap_vector_alone_stops_the_export(mixed: Any, tmp_path: Path) -> None:
    sql(
        mixed,
        "UPDATE record SET final_vector = zeroblob(length(final_vector)) "
        "WHERE rowid = (SELECT min(rowid) FROM record WHERE state = 'final')",
    )
    from kamarhitung.services.workspace import open_workspace

    ws = open_workspace(mixed.path)
    try:
        sup = accounts.authenticate(ws, "supervisor1", mixed.password("supervisor1"))
        with pytest.raises(IntegrityError, match="recap vector"):
            bundle.export_bundle(ws, sup, tmp_path, str(mixed.credentials["key_passphrase"]))
    finally:
        ws.close()


# --- 3. what audit verify did not cover -----------------------------------------------------------


def test_an_operator_made_admin_with_sqlite3_is_named_and_cannot_act(
    demo: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sql(demo, "UPDATE user SET role = 'admin' WHERE name = 'operator1'")
    code, text = verify(capsys, demo)
    assert code == 1 and "user operator1 does not match audit event" in text
    monkeypatch.setenv("KAMARHITUNG_NEW_PASSWORD", "sandi-baru-42")
    code, _out, err = cli(
        capsys, monkeypatch, demo, "operator1", "users", "add", str(demo.path),
        "--user", "operator1", "--name", "boss2", "--role", "admin",
    )  # fmt: skip
    assert code == 2 and "account operator1 does not match its audit record" in err
    assert one(demo, "SELECT count(*) FROM user WHERE name = 'boss2'")[0] == 0


def test_a_swapped_password_hash_is_named_and_refused(
    demo: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(
        demo,
        "UPDATE user SET password_hash = (SELECT password_hash FROM user WHERE name = "
        "'operator1') WHERE name = 'admin'",
    )
    code, text = verify(capsys, demo)
    assert code == 1 and "user admin does not match audit event" in text
    from kamarhitung.services.workspace import open_workspace

    ws = open_workspace(demo.path)
    try:
        with pytest.raises(IntegrityError, match="admin does not match its audit record"):
            accounts.authenticate(ws, "admin", demo.password("operator1"))
    finally:
        ws.close()


def test_a_user_inserted_with_sqlite3_is_named(
    demo: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(
        demo,
        "INSERT INTO user (name, full_name, role, password_hash, active, failed_logins, "
        "created_at, password_changed_at) SELECT 'ghost', '', 'admin', password_hash, 1, 0, "
        "created_at, created_at FROM user WHERE name = 'admin'",
    )
    code, text = verify(capsys, demo)
    assert code == 1 and "user ghost has no audit event" in text


def resolve_one(d: Any) -> str:
    """A supervisor resolves a differing form through the service; returns its TPS."""
    from kamarhitung.core.entry import State

    sup = d.login("supervisor1")
    item = entry.queue(d.ws, sup, C, [State.DIFFERENT])[0]
    view = entry.resolution_view(d.ws, sup, item.tps_id, C)
    decisions = {f: entry.FieldDecision("keep_first") for f in view.differing_fields}
    entry.resolve(
        d.ws, sup, item.tps_id, C, decisions, "dibaca dari foto", accept_findings_note="ok"
    )
    return item.tps_id


def test_resolutions_edited_or_deleted_are_named(
    mixed: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    resolve_one(mixed)
    assert verify(capsys, mixed)[0] == 0
    assert one(mixed, "SELECT count(*) FROM resolution WHERE field IS NOT NULL")[0] > 0
    backup = tmp_path / "copy"
    mixed.ws.close()
    shutil.copytree(mixed.path, backup)
    sql(
        mixed,
        "DROP TRIGGER IF EXISTS resolution_no_update",
        "UPDATE resolution SET attributed_to = 'form' WHERE id = "
        "(SELECT min(id) FROM resolution WHERE field IS NOT NULL AND attributed_to != 'form')",
    )
    code, text = verify(capsys, mixed)
    assert code == 1 and "resolution" in text and "changed" in text
    con = sqlite3.connect(backup / "kamarhitung.sqlite")
    con.execute("DROP TRIGGER IF EXISTS resolution_no_delete")
    con.execute("DELETE FROM resolution WHERE id = (SELECT max(id) FROM resolution)")
    con.commit()
    con.close()
    assert cli_main(["audit", "verify", str(backup)]) == 1
    assert "missing or was changed" in capsys.readouterr().err


def test_a_region_finalisation_inserted_with_sqlite3_prints_no_final_report(
    mixed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    sup = mixed.login("supervisor1")
    kec = one(
        mixed,
        f"SELECT substr(tps_id, 1, 6) FROM record WHERE contest_id = '{C}' "
        "GROUP BY 1 HAVING sum(state != 'final') > 0 ORDER BY 1 LIMIT 1",
    )[0]
    req = reports.make_request(mixed.ws, "recap", C, "kecamatan", kec)
    fp = reports.make_report(mixed.ws, sup, req).fingerprint  # printed on every draft page
    at = "2026-12-06T10:00:00+07:00"
    sql(
        mixed,
        "INSERT INTO region_final (contest_id, region_code, finalized_at, finalized_by, "
        f"fingerprint) VALUES ('{C}', '{kec}', '{at}', 'supervisor1', '{fp}')",
    )
    code, text = verify(capsys, mixed)
    assert code == 1 and f"region {C}/{kec} is marked finalised with no audit event" in text
    from kamarhitung.services.workspace import open_workspace

    ws = open_workspace(mixed.path)
    try:
        sup = accounts.authenticate(ws, "supervisor1", mixed.password("supervisor1"))
        with pytest.raises(IntegrityError, match="matches no audit event"):
            reports.make_report(ws, sup, req)
    finally:
        ws.close()


def test_a_deleted_entry_version_is_named(mixed: Any, capsys: pytest.CaptureFixture[str]) -> None:
    sql(
        mixed,
        "DROP TRIGGER IF EXISTS entry_version_no_delete",
        "DELETE FROM entry_version WHERE id = (SELECT min(v.id) FROM entry_version v JOIN "
        "record r ON r.tps_id = v.tps_id AND r.contest_id = v.contest_id "
        "WHERE r.state = 'first_done')",
    )
    code, text = verify(capsys, mixed)
    assert code == 1 and "entry version recorded by audit event" in text and "missing" in text


def report_head(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    m = re.search(r"Kepala rantai audit: (\d+:[0-9a-f]{64})", text)
    assert m, text
    return m.group(1)


def test_a_chain_cut_at_its_tail_fails_against_the_head_printed_on_a_report(
    mixed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    sup = mixed.login("supervisor1")
    res = reports.make_report(
        mixed.ws, sup, reports.make_request(mixed.ws, "recap", C, "kabupaten")
    )
    head = report_head(res.pdf)
    seq = int(head.split(":")[0])
    assert verify(capsys, mixed, "--head", head)[0] == 0
    assert verify(capsys, mixed, "--head", head[: head.index(":") + 17])[0] == 0
    # Cut the events from the head on (log-ins and the report's own events: no data).
    sql(
        mixed,
        "DROP TRIGGER IF EXISTS audit_event_no_delete",
        f"DELETE FROM audit_event WHERE seq >= {seq}",
    )
    code, text = verify(capsys, mixed)
    assert code == 0, text  # the trail alone cannot tell...
    code, text = verify(capsys, mixed, "--head", head)
    assert code == 1 and "events were cut off the end of the trail" in text  # ...the paper can
    assert cli_main(["audit", "verify", str(mixed.path), "--head", "12:xyz"]) == 2


# --- the bundle carries the head; the province keeps it ------------------------------------------


def test_the_province_refuses_a_bundle_whose_chain_does_not_extend_the_last_head(
    mixed: Any, tmp_path: Path
) -> None:
    key_pw = str(mixed.credentials["key_passphrase"])
    pws, pkeys = make_province(mixed, tmp_path / "prov")
    try:
        sup = mixed.login("supervisor1")
        out1 = tmp_path / "b1"
        out1.mkdir()
        first = bundle.export_bundle(mixed.ws, sup, out1, key_pw)
        r1 = province.import_bundle(pws, pkeys, first.path, actor=None, user_name="t")
        assert r1.audit_intact
        manifest = province.list_imports(pws, with_manifest=True)[0]["manifest"]
        assert isinstance(manifest, dict)
        head1 = manifest["audit_head"]
        assert head1["seq"] > 0 and len(head1["hash"]) == 64
        assert r1.audit_head == f"{head1['seq']}:{head1['hash']}"
        # The kabupaten's trail is cut back before that head (only events without data).
        sql(
            mixed,
            "DROP TRIGGER IF EXISTS audit_event_no_delete",
            f"DELETE FROM audit_event WHERE seq >= {head1['seq']}",
        )
        from kamarhitung.services.workspace import open_workspace

        ws = open_workspace(mixed.path)
        try:
            assert verify_workspace(ws).intact  # nothing in the workspace itself shows it
            accounts.authenticate(ws, "admin", mixed.password("admin"))  # a new event there
            sup = accounts.authenticate(ws, "supervisor1", mixed.password("supervisor1"))
            out2 = tmp_path / "b2"
            out2.mkdir()
            second = bundle.export_bundle(ws, sup, out2, key_pw)
        finally:
            ws.close()
        with pytest.raises(BundleError, match="does not extend the one imported before"):
            province.import_bundle(pws, pkeys, second.path, actor=None, user_name="t")
    finally:
        pws.close()


# --- 5. CRLs only move forward and are kept -------------------------------------------------------


def test_an_older_crl_is_refused_and_a_newer_one_is_kept(mixed: Any, tmp_path: Path) -> None:
    import datetime as dt

    from kamarhitung.services.keys import KeyServiceError

    key_pw = str(mixed.credentials["key_passphrase"])
    ca_pw = str(mixed.credentials["province_ca_passphrase"])
    pdir = mixed.path / "demo-province"
    old_crl = (pdir / "crl.pem").read_bytes()
    pws, _keys = make_province(mixed, tmp_path / "prov")
    try:
        sup = mixed.login("supervisor1")
        khb = bundle.export_bundle(mixed.ws, sup, tmp_path, key_pw).path
        # The CA revokes the kabupaten's certificate: a newer CRL, passed once.
        cert = (mixed.path / "keys/cert.pem").read_bytes()
        province.revoke(pdir, cert, ca_pw, now=dt.datetime.now(dt.UTC))
        new_crl = (pdir / "crl.pem").read_bytes()
        keys_new = province.load_province_keys(pws, None, crl_pem=new_crl)
        with pytest.raises(BundleError, match="revoked"):
            province.import_bundle(pws, keys_new, khb, actor=None, user_name="t")
        # The next import without --crl still knows: the newer CRL was kept (and audited).
        assert (tmp_path / "prov" / "keys" / "crl.pem").read_bytes() != old_crl
        with pws.store.reading() as s:
            kept = s.execute(
                text_("SELECT details_json FROM audit_event WHERE action = 'province.crl'")
            ).scalar_one()
        assert json.loads(kept)["revoked"] == 1
        keys_later = province.load_province_keys(pws, None)
        with pytest.raises(BundleError, match="revoked"):
            province.import_bundle(pws, keys_later, khb, actor=None, user_name="t")
        # An older CRL (which does not list the certificate) cannot override the newer one.
        with pytest.raises(KeyServiceError, match="older than the one this province keeps"):
            province.load_province_keys(pws, None, crl_pem=old_crl)
        with pytest.raises(BundleError, match="revoked"):
            province.import_bundle(
                pws, province.load_province_keys(pws, None), khb, actor=None, user_name="t"
            )
    finally:
        pws.close()


# --- 6. verify-pdf's kabupaten check ----------------------------------------------------------------


def test_a_report_with_blanked_keywords_signed_by_another_kabupaten_is_not_valid(
    demo: Any,
) -> None:
    import datetime as dt

    from kamarhitung.core import keys as k
    from kamarhitung.services.signing import SignerKey, sign_pdf, verify_pdf

    sup = demo.login("supervisor1")
    res = reports.make_report(demo.ws, sup, reports.make_request(demo.ws, "recap", C, "kabupaten"))
    code = demo.ws.meta()["kabupaten_code"]
    blank = res.pdf.replace(f"kabupaten:{code}".encode(), b"kabupaten:----")
    assert blank != res.pdf and len(blank) == len(res.pdf)
    pdir = demo.path / "demo-province"
    ca = k.load_certificate((pdir / "ca.pem").read_bytes(), what="ca")
    ca_key = k.load_private_key(
        k.unwrap_secret(
            (pdir / "ca-key.age").read_bytes(),
            str(demo.credentials["province_ca_passphrase"]),
            what="ca-key.age",
        ),
        what="ca-key.age",
    )
    now = dt.datetime.now(dt.UTC)
    key = k.generate_signing_key()
    other = "9999" if code != "9999" else "9998"
    cert = k.issue_certificate(k.load_csr(k.make_csr(key, other, "LAIN")), ca, ca_key, now)
    signed = sign_pdf(
        blank,
        SignerKey(key, cert, ca),
        res.rendered.signature_fields,
        fingerprint=res.fingerprint,
        reason="uji",
        location="uji",
        now=now,
    )
    check = verify_pdf(signed, [ca])
    assert not check.ok
    assert check.report_kabupaten == code  # from the printed, signed header
    (sig,) = check.signatures
    assert (
        sig.trusted and sig.problem is not None and "but the report is of kabupaten" in sig.problem
    )
    # The genuine report, signed with its own kabupaten's key, still verifies.
    own = reports.sign_report(demo.ws, sup, res, str(demo.credentials["key_passphrase"]))
    assert verify_pdf(own.pdf, [ca]).ok


# --- 4. restore -----------------------------------------------------------------------------------


def test_restore_needs_an_admin_the_same_kabupaten_and_the_lock(
    demo: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from kamarhitung.services.backup import backup_now, restore
    from kamarhitung.services.common import PermissionDeniedError
    from kamarhitung.services.demo import create_demo
    from kamarhitung.store.workspace import WorkspaceLock, WorkspaceLockedError

    info = backup_now(demo.ws, demo.login("admin"))
    demo.ws.close()
    ws_dir = str(demo.path)
    monkeypatch.delenv("KAMARHITUNG_PASSWORD", raising=False)
    assert cli_main(["restore", str(info.path), ws_dir]) == 2
    assert "needs --user NAME (an admin)" in capsys.readouterr().err
    with pytest.raises(PermissionDeniedError, match="needs admin"):
        restore(info.path, demo.path, user="supervisor1", password=demo.password("supervisor1"))
    # Another kabupaten's backup (a demo of another seed and code).
    other = tmp_path / "other"
    create_demo(other, n_tps=5, seed=99, entries="none")
    other_backup = tmp_path / "other.sqlite"
    con = sqlite3.connect(other / "kamarhitung.sqlite")
    con.execute("UPDATE meta SET value = '9999' WHERE key = 'kabupaten_code'")
    con.commit()
    con.execute(f"VACUUM INTO '{other_backup}'")
    con.close()
    before = one(demo, "SELECT count(*) FROM audit_event")[0]
    code, _out, err = cli(
        capsys, monkeypatch, demo, "admin", "restore", str(other_backup), ws_dir, "--user", "admin"
    )
    assert code == 2 and "is a backup of kabupaten 9999" in err and "nothing was restored" in err
    # A window holds the workspace: refused.
    lock = WorkspaceLock(demo.path)
    lock.acquire("a window")
    try:
        with pytest.raises(WorkspaceLockedError):
            restore(info.path, demo.path, user="admin", password=demo.password("admin"))
    finally:
        lock.release()
    assert one(demo, "SELECT count(*) FROM audit_event")[0] >= before
    code, _out, err = cli(
        capsys, monkeypatch, demo, "admin", "restore", str(info.path), ws_dir, "--user", "admin"
    )
    assert code == 0, err
    row = one(demo, "SELECT user_name, role FROM audit_event WHERE action = 'restore'")
    assert row == ("admin", "admin")


def test_a_process_still_connected_writes_into_the_restored_database(
    demo: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kamarhitung.services.backup import backup_now
    from kamarhitung.services.workspace import open_workspace

    info = backup_now(demo.ws, demo.login("admin"))
    keyer = open_workspace(demo.path)  # another process keying, connected across the restore
    op = accounts.authenticate(keyer, "operator1", demo.password("operator1"))
    demo.ws.close()
    code, _out, err = cli(
        capsys, monkeypatch, demo, "admin", "restore", str(info.path), str(demo.path),
        "--user", "admin",
    )  # fmt: skip
    assert code == 0, err
    form = entry.next_form(keyer, op, C)
    assert form is not None
    entry.save_draft(keyer, op, form.tps.tps_id, C, {"I.A.1.L": 1}, keystrokes=1)
    keyer.close()
    # The acknowledged draft is in the workspace's database, not in the file kept aside.
    got = one(demo, f"SELECT count(*) FROM entry WHERE tps_id = '{form.tps.tps_id}'")[0]
    assert got == 1


# --- 7. an xlsx zip bomb ----------------------------------------------------------------------------


def test_an_xlsx_zip_bomb_is_refused_before_openpyxl_inflates_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    book = tmp_path / "master.xlsx"
    assert cli_main(["master-template", str(book)]) == 0
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("xl/bomb.xml", "w") as f:  # 134 MB of XML in about 330 KB
            chunk = b"<si><t>aaaaaaaa</t></si>" * 40_000
            for _ in range(140):
                f.write(chunk)
    assert bomb.stat().st_size < 1 << 20
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "sandi-admin-1")
    code = cli_main(["init", str(tmp_path / "ws"), "--master", str(bomb), "--admin", "ketua"])
    err = capsys.readouterr().err
    assert code == 2 and "xl/bomb.xml" in err and "zip bomb" in err
    assert not (tmp_path / "ws").exists()
    # A ratio bomb under the size limit too.
    ratio = tmp_path / "ratio.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(ratio, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/zeros.xml", b"\0" * (8 << 20))
    code = cli_main(["init", str(tmp_path / "ws"), "--master", str(ratio), "--admin", "ketua"])
    assert code == 2 and "times" in capsys.readouterr().err


# --- 8. user names, init, input, full disks, leftovers ---------------------------------------------


def test_user_names_that_only_look_different_are_one_name(demo: Any) -> None:
    admin = demo.login("admin")
    for name in ("Operator1", "OPERATOR1", "ｏｐｅｒａｔｏｒ１", " operator1 "):
        with pytest.raises(ConflictError, match="already exists"):
            accounts.add_user(demo.ws, admin, name, Role.OPERATOR, "sandi-rahasia-9")
    with pytest.raises(InputError, match="look-alikes"):
        accounts.add_user(
            demo.ws, admin, "оperator1", Role.OPERATOR, "sandi-rahasia-9"
        )  # Cyrillic о
    info = accounts.add_user(demo.ws, admin, "Saksi.Dua", Role.OPERATOR, "sandi-rahasia-9")
    assert info.name == "saksi.dua"
    # Logging in with another case or width is the same account, never a second one.
    assert accounts.authenticate(demo.ws, "OPERATOR1", demo.password("operator1")).name == (
        "operator1"
    )
    assert (
        accounts.authenticate(demo.ws, "Ｓａｋｓｉ.Ｄｕａ", "sandi-rahasia-9").name == "saksi.dua"
    )


def test_the_same_operator_under_another_case_cannot_make_the_second_entry(demo: Any) -> None:
    op = demo.login("operator1")
    contest = demo.ws.contests()[0].id
    kf = entry.next_form(demo.ws, op, contest)
    assert kf is not None
    values = {f: 5 for f in demo.ws.form_spec(contest).field_ids}
    entry.finish_entry(demo.ws, op, kf.tps.tps_id, contest, values)
    same = accounts.authenticate(demo.ws, "Operator1", demo.password("operator1"))
    assert same.user_id == op.user_id
    with pytest.raises(ConflictError, match="second must be made by another operator"):
        entry.submit_entry(
            demo.ws, same, {"tps": kf.tps.tps_id, "contest": contest, "values": values}
        )


def test_an_admin_deactivates_a_user(
    demo: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = str(demo.path)
    demo.ws.close()
    code, out, err = cli(
        capsys, monkeypatch, demo, "admin", "users", "deactivate", ws, "--user", "admin",
        "--name", "operator2",
    )  # fmt: skip
    assert code == 0 and "disabled" in out, err
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("operator2"))
    code = cli_main(["status", ws, "--user", "operator2"])
    assert code == 2 and accounts.REFUSED in capsys.readouterr().err
    code, out, err = cli(
        capsys, monkeypatch, demo, "admin", "users", "deactivate", ws, "--user", "admin",
        "--name", "admin",
    )  # fmt: skip
    assert code == 2 and "your own account" in err
    assert verify(capsys, demo)[0] == 0  # the change is in the chain
    code, out, err = cli(
        capsys, monkeypatch, demo, "admin", "users", "activate", ws, "--user", "admin",
        "--name", "operator2",
    )  # fmt: skip
    assert code == 0 and "activated" in out
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("operator2"))
    assert cli_main(["status", ws, "--user", "operator2"]) == 0


def test_a_sigkill_during_init_leaves_nothing_or_a_whole_workspace(tmp_path: Path) -> None:
    """``init`` is killed the moment a database file appears: at the target (before the fix,
    long before the admin existed), or in its hidden staging folder (after the fix)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    book = tmp_path / "master.xlsx"
    assert cli_main(["master-template", str(book)]) == 0
    env = {**os.environ, "KAMARHITUNG_PASSWORD": "sandi-admin-1", "KAMARHITUNG_FAST_HASH": "1"}
    argv = [sys.executable, "-m", "kamarhitung", "init"]
    for i, where in enumerate(("target", "staging")):
        target = tmp_path / f"ws{i}"

        def appeared(target: Path = target, where: str = where) -> bool:
            if where == "target":
                return (target / "kamarhitung.sqlite").exists()
            staging = tmp_path.glob(f".{target.name}.init-*")
            return any((p / "kamarhitung.sqlite").exists() for p in staging)

        p = subprocess.Popen(
            [*argv, str(target), "--master", str(book), "--admin", "ketua"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while p.poll() is None and not appeared() and time.monotonic() < deadline:
            time.sleep(0.002)
        p.send_signal(signal.SIGKILL)
        p.wait()
        if (target / "kamarhitung.sqlite").exists():
            # Complete: it opens, and its admin logs in.
            from kamarhitung.services.workspace import open_workspace

            ws = open_workspace(target)
            try:
                assert accounts.authenticate(ws, "ketua", "sandi-admin-1").role == Role.ADMIN
            finally:
                ws.close()
        else:
            # Nothing half-made: init simply runs again, and cleans what the killed one left.
            r = subprocess.run(
                [*argv, str(target), "--master", str(book), "--admin", "ketua"],
                env=env,
                capture_output=True,
                text=True,
            )
            assert r.returncode == 0, r.stderr
            assert not list(tmp_path.glob(f".ws{i}.init-*"))


def test_entry_json_deeply_nested_or_with_a_key_twice_is_a_clean_refusal(
    demo: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = str(demo.path)
    demo.ws.close()
    deep = "[" * 100_000 + "]" * 100_000
    code, _out, err = cli(
        capsys, monkeypatch, demo, "operator1", "entry", "submit", ws, "-", "--user", "operator1",
        stdin=deep,
    )  # fmt: skip
    assert code == 2 and "nested too deeply" in err
    twice = '{"tps": "1", "contest": "x", "values": {"V.A": 1, "V.A": 2}}'
    code, _out, err = cli(
        capsys, monkeypatch, demo, "operator1", "entry", "submit", ws, "-", "--user", "operator1",
        stdin=twice,
    )  # fmt: skip
    assert code == 2 and "names the key 'V.A' twice" in err


def test_a_batch_stopped_by_a_full_disk_says_exactly_what_was_saved(
    demo: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import Engine, event

    contest = demo.ws.contests()[0].id
    values = {f: 3 for f in demo.ws.form_spec(contest).field_ids}
    with demo.ws.store.reading() as s:
        tps = [t for (t,) in s.execute(text_("SELECT id FROM tps ORDER BY id")).all()]
    with demo.ws.store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    demo.ws.close()
    items = [{"tps": t, "contest": contest, "values": values} for t in tps]

    def cap(dbapi_conn: Any, _rec: Any) -> None:  # a real SQLite limit: "database or disk is full"
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 6}")

    event.listen(Engine, "connect", cap)
    try:
        code, out, _err = cli(
            capsys, monkeypatch, demo, "operator1", "entry", "submit", str(demo.path), "-",
            "--user", "operator1", "--json", stdin=json.dumps(items),
        )  # fmt: skip
    finally:
        event.remove(Engine, "connect", cap)
    assert code == 2
    results = json.loads(out)
    assert len(results) == len(items)
    saved = [r["tps"] for r in results if "error" not in r]
    failed = [r for r in results if "error" in r]
    assert saved and failed and "full" in failed[0]["error"]
    assert all(r["error"].startswith("not submitted") for r in failed[1:])
    n_done = one(
        demo, f"SELECT count(*) FROM record WHERE contest_id = '{contest}' AND state = 'first_done'"
    )
    assert n_done[0] == len(saved)


def test_bundle_export_on_a_full_workspace_drive_is_a_clean_refusal(
    mixed: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import errno

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bundle, "_write_contests", full)  # the first file the staging writes
    mixed.ws.close()
    out = tmp_path / "out"
    out.mkdir()
    code, _out, err = cli(
        capsys, monkeypatch, mixed, "supervisor1", "bundle", "export", str(mixed.path),
        "--out", str(out), "--user", "supervisor1",
    )  # fmt: skip
    assert code == 2 and "is full" in err and "Traceback" not in err
    assert not list(mixed.path.glob(".export-*")) and not list(out.iterdir())


def test_partial_files_a_killed_export_left_are_cleaned(mixed: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    left = out / ".3578-20261206-101010.khb.partial-0badf00d"
    left.write_bytes(b"half a bundle")
    sup = mixed.login("supervisor1")
    res = bundle.export_bundle(mixed.ws, sup, out, str(mixed.credentials["key_passphrase"]))
    assert not left.exists()
    assert [p.name for p in out.iterdir()] == [res.path.name]


def test_audit_intact_recomputes_each_final_result_against_the_chain(
    mixed: Any, tmp_path: Path
) -> None:
    """A bundle signed with the kabupaten's real key whose final result no longer gives the
    hash the chain recorded (here its attribution, rewritten by a modified exporter) imports
    with ``audit_intact`` false; an honest one with true."""
    import hashlib
    import io
    import tarfile

    import pyrage  # type: ignore[import-untyped]  # no type information

    from kamarhitung.core import bundle as b
    from kamarhitung.core import keys as k

    key_pw = str(mixed.credentials["key_passphrase"])
    pdir = mixed.path / "demo-province"
    ident = k.parse_identities((pdir / "identity.age").read_text(), what="id")[0]
    key = k.load_private_key(
        k.unwrap_secret((mixed.path / "keys/key.age").read_bytes(), key_pw, what="k"), what="k"
    )
    cert = k.load_certificate((mixed.path / "keys/cert.pem").read_bytes(), what="cert")
    sup = mixed.login("supervisor1")
    honest = bundle.export_bundle(mixed.ws, sup, tmp_path, key_pw).path
    plain = bytes(pyrage.decrypt(honest.read_bytes(), [ident.raw]))
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        parts = []
        for m in tar.getmembers():
            member = tar.extractfile(m)
            assert member is not None
            parts.append((m.name, member.read()))
    manifest = json.loads(parts[0][1])
    lines = dict(parts)["data/results.jsonl"].decode().splitlines()
    i = next(n for n, ln in enumerate(lines) if json.loads(ln)["state"] == "final")
    row = json.loads(lines[i])
    row["finalized_by"] = "someone-else"
    lines[i] = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    payload = [
        (p, ("\n".join(lines) + "\n").encode() if p == "data/results.jsonl" else d)
        for p, d in parts[2:]
    ]
    manifest["files"] = [
        {"path": p, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for p, d in payload
    ]
    manifest["bundle_id"] = "00000000-0000-4000-8000-000000000001"
    raw = (json.dumps(manifest, sort_keys=True, indent=1) + "\n").encode()
    out = bytearray()
    for name, data in [(b.MANIFEST_NAME, raw), (b.SIGNATURE_NAME, b.sign_manifest(raw, key, cert))]:
        ti = tarfile.TarInfo(name)
        ti.size = len(data)
        out += ti.tobuf(tarfile.USTAR_FORMAT) + data + b"\0" * (-len(data) % 512)
    for name, data in payload:
        ti = tarfile.TarInfo(name)
        ti.size = len(data)
        out += ti.tobuf(tarfile.USTAR_FORMAT) + data + b"\0" * (-len(data) % 512)
    out += b"\0" * 1024
    forged = tmp_path / "forged.khb"
    forged.write_bytes(
        bytes(pyrage.encrypt(bytes(out), [pyrage.x25519.Recipient.from_str(ident.recipient)]))
    )
    for khb, intact in ((forged, False), (honest, True)):
        pws, pkeys = make_province(mixed, tmp_path / f"prov-{khb.stem}")
        try:
            r = province.import_bundle(pws, pkeys, khb, actor=None, user_name="t")
            assert r.audit_intact is intact, khb
        finally:
            pws.close()


def test_a_quality_correction_cannot_launder_a_final_value_changed_with_sqlite3(
    demo: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A correction after the blind re-key audit (issue 16) rewrites a record's hash: it must
    refuse a record whose values were changed outside the app, or the change would be chained."""
    from kamarhitung.services import quality
    from kamarhitung.store.models import SyntheticImageRow

    with demo.ws.store.reading() as s:
        truth = {
            r.tps_id: json.loads(r.values_json)
            for r in s.execute(
                sa_select(SyntheticImageRow).where(SyntheticImageRow.contest_id == C)
            ).scalars()
        }
    op1, op2, op3 = (demo.login(f"operator{i}") for i in (1, 2, 3))
    for tps in sorted(truth)[:4]:
        entry.submit_entry(demo.ws, op1, {"tps": tps, "contest": C, "values": truth[tps]})
        entry.submit_entry(demo.ws, op2, {"tps": tps, "contest": C, "values": truth[tps]})
    sup = demo.login("supervisor1")
    smp = quality.draw(demo.ws, sup, C, "1 2 3", 1)
    (tps,) = smp.tps
    wrong = {**truth[tps], "IV.2": 0}
    entry.submit_entry(demo.ws, op3, {"tps": tps, "contest": C, "values": wrong})
    # The insider adds 50 to IV.1 of the sampled record with sqlite3 (vector included).
    sql(
        demo,
        "UPDATE record SET final_values = replace(final_values, '\"IV.1\":', '\"IV.1\":5') "
        f"WHERE tps_id = '{tps}' AND contest_id = '{C}'",
    )
    from kamarhitung.services.workspace import open_workspace

    ws = open_workspace(demo.path)
    try:
        sup = accounts.authenticate(ws, "supervisor1", demo.password("supervisor1"))
        with pytest.raises(IntegrityError, match="does not match its audit record"):
            quality.decide(
                ws,
                sup,
                tps,
                C,
                {"IV.2": truth[tps]["IV.2"] + 1},
                "dibaca",
                accept_findings_note="x",
            )
    finally:
        ws.close()
    code, text = verify(capsys, demo)
    assert code == 1 and f"final record {tps}/{C}" in text


def test_partial_copies_a_killed_backup_left_are_cleaned(demo: Any) -> None:
    import os
    import time

    from kamarhitung.services.backup import backup_now

    folder = demo.path / "backups"
    folder.mkdir(exist_ok=True)
    stale = folder / "kamarhitung-20261206-101010.partial"
    stale.write_bytes(b"half a copy")
    hour_ago = time.time() - 3700
    os.utime(stale, (hour_ago, hour_ago))
    fresh = folder / "kamarhitung-20261206-101011.partial"  # perhaps a backup running now
    fresh.write_bytes(b"being written")
    backup_now(demo.ws, demo.login("admin"))
    assert not stale.exists() and fresh.exists()


def test_a_state_changed_with_sqlite3_opens_no_acceptance_or_resolution(
    mixed: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A first_done form made ``janggal`` (or ``different``) by hand would let a supervisor make
    one operator's entry final: the state is re-derived from the recorded entries first."""
    con = sqlite3.connect(mixed.path / "kamarhitung.sqlite")
    first_done = [
        t
        for (t,) in con.execute(
            f"SELECT tps_id FROM record WHERE state = 'first_done' AND contest_id = '{C}' "
            "ORDER BY tps_id LIMIT 2"
        )
    ]
    con.close()
    assert len(first_done) == 2
    a, b = first_done
    sql(
        mixed,
        f"UPDATE record SET state = 'janggal' WHERE tps_id = '{a}' AND contest_id = '{C}'",
        f"UPDATE record SET state = 'different' WHERE tps_id = '{b}' AND contest_id = '{C}'",
    )
    code, text = verify(capsys, mixed)
    assert code == 1 and f"record {a}/{C} is janggal, but its recorded entries make it" in text
    assert f"record {b}/{C} is different" in text
    from kamarhitung.services.workspace import open_workspace

    ws = open_workspace(mixed.path)
    try:
        sup = accounts.authenticate(ws, "supervisor1", mixed.password("supervisor1"))
        with pytest.raises(IntegrityError, match="without two finished entries"):
            entry.accept_janggal(ws, sup, a, C, "kertas memang begitu")
        with pytest.raises(IntegrityError, match="without two finished entries"):
            entry.resolve(ws, sup, b, C, {}, "dibaca dari foto")
    finally:
        ws.close()
    assert (
        one(
            mixed, f"SELECT count(*) FROM record WHERE state = 'final' AND tps_id IN ('{a}', '{b}')"
        )[0]
        == 0
    )
