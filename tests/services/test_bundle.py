"""services/keys.py and the export side of services/bundle.py, on the real demo workspaces:
the bundle opens with the standard tools exactly as BUNDLE.md shows, the export is audited and
sequenced, atomic on a full drive, and refuses what it must."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import pytest
from sqlalchemy import select

from kamarhitung.core import keys as k
from kamarhitung.services import bundle, keys, province
from kamarhitung.services.audit import verify_chain
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
)
from kamarhitung.services.recap import summary
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import AuditEventRow


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def login(self, name: str) -> Actor: ...


def key_pw(d: Demo) -> str:
    return str(d.credentials["key_passphrase"])


def export(d: Demo, out: Path, **kw: Any) -> bundle.ExportResult:
    out.mkdir(exist_ok=True)
    return bundle.export_bundle(d.ws, d.login("supervisor1"), out, key_pw(d), **kw)


def events(d: Demo, action: str) -> list[AuditEventRow]:
    with d.ws.store.reading() as s:
        return list(
            s.execute(select(AuditEventRow).where(AuditEventRow.action == action)).scalars()
        )


def test_the_demo_has_its_keys_and_the_province_side(demo: Demo) -> None:
    pdir = demo.path / "demo-province"
    assert {p.name for p in pdir.iterdir()} >= {
        "ca.pem",
        "ca-key.age",
        "crl.pem",
        "identity.age",
        "recipient.txt",
    }
    assert (pdir / "identity.age").read_text().startswith("# DEMO KEY")
    assert (pdir / "ca-key.age").read_bytes().startswith(k.AGE_MAGIC)
    kdir = demo.path / "keys"
    assert {p.name for p in kdir.iterdir()} == {
        "key.age",
        "request.csr",
        "cert.pem",
        "ca.pem",
        "crl.pem",
        "recipient.txt",
    }
    assert (kdir / "key.age").read_bytes().startswith(k.AGE_MAGIC)
    for f in kdir.iterdir():
        assert b"PRIVATE KEY" not in f.read_bytes()
    st = keys.key_status(demo.ws)
    assert st.has_key and st.certificate is not None and not st.certificate.revoked
    assert st.certificate.kabupaten == demo.ws.meta()["kabupaten_code"]
    ident = keys.load_signing_identity(demo.ws, key_pw(demo))
    assert k.cert_matches_key(ident.cert, ident.key)
    assert {"key_passphrase", "province_ca_passphrase"} <= set(demo.credentials)


def test_export_writes_a_named_sequenced_audited_bundle(mixed: Demo, tmp_path: Path) -> None:
    r1 = export(mixed, tmp_path / "a")
    r2 = export(mixed, tmp_path / "b")
    code = mixed.ws.meta()["kabupaten_code"]
    assert r1.path.parent == tmp_path / "a"
    assert r1.path.name.startswith(f"{code}-") and r1.path.suffix == ".khb"
    assert len(r1.path.stem) == len("3578-20261209-210000")
    assert (r1.sequence, r2.sequence) == (1, 2)
    assert r1.sha256 == hashlib.sha256(r1.path.read_bytes()).hexdigest()
    assert r1.size == r1.path.stat().st_size
    ev = events(mixed, "bundle.export")
    details = [json.loads(e.details_json) for e in ev]
    assert [(x["bundle_id"], x["sequence"], x["sha256"]) for x in details] == [
        (r1.bundle_id, 1, r1.sha256),
        (r2.bundle_id, 2, r2.sha256),
    ]
    with mixed.ws.store.reading() as s:
        assert verify_chain(s).intact
    assert not list(mixed.path.glob(".export-*"))
    assert not list((tmp_path / "a").glob(".*"))


def test_a_bundle_opens_with_the_standard_tools(mixed: Demo, tmp_path: Path) -> None:
    res = export(mixed, tmp_path / "out")
    pdir = mixed.path / "demo-province"
    x = tmp_path / "x"
    x.mkdir()
    # age -d -i identity.age FILE | tar -x
    subprocess.run(
        f"age -d -i {pdir / 'identity.age'} {res.path} | tar -x",
        shell=True,
        cwd=x,
        check=True,
    )
    # openssl cms -verify ... -CAfile ca.pem -purpose any
    r = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "MANIFEST.json.p7s",
            "-content",
            "MANIFEST.json",
            "-CAfile",
            str(pdir / "ca.pem"),
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
        cwd=x,
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "Verification successful" in r.stderr
    manifest = json.loads((x / "MANIFEST.json").read_text())
    # sha256sum <every file listed>
    listed = [f["path"] for f in manifest["files"]]
    out = subprocess.run(["sha256sum", *listed], cwd=x, capture_output=True, text=True, check=True)
    sums = {name: digest for digest, name in (ln.split("  ", 1) for ln in out.stdout.splitlines())}
    assert {p: sums[p] for p in listed} == {f["path"]: f["sha256"] for f in manifest["files"]}
    on_disk = {str(p.relative_to(x)) for p in x.rglob("*") if p.is_file()}
    assert on_disk == {*listed, "MANIFEST.json", "MANIFEST.json.p7s"}
    # the manifest as BUNDLE.md describes it
    text = (x / "MANIFEST.json").read_text()
    assert json.loads(text) == manifest and list(manifest) == sorted(manifest)
    assert manifest["format"] == "kamarhitung-bundle/1"
    assert manifest["recipient"] == (pdir / "recipient.txt").read_text().strip()
    assert manifest["summary"] == summary(mixed.ws)
    assert listed[:3] == ["data/contests.json", "data/regions.jsonl", "data/results.jsonl"]
    assert listed[-1] == "audit/audit.jsonl"
    # the payload
    results = [json.loads(line) for line in (x / "data/results.jsonl").read_text().splitlines()]
    n_tps = manifest["summary"]["gubernur"]["tps_total"]
    assert len(results) == n_tps * len(manifest["summary"])
    final = [r for r in results if r["state"] == "final"]
    assert final and all(isinstance(r["values"]["V.A"], int) for r in final)
    assert {r["state"] for r in results} >= {"final", "different", "first_done", "empty"}
    entries = (x / "data/entries.jsonl").read_text().splitlines()
    first = json.loads(entries[0])
    assert {"user", "slot", "created_at", "values", "version"} <= set(first)
    recap = json.loads((x / "data/recap-gubernur.json").read_text())
    assert set(recap["levels"]) == {"tps", "desa", "kecamatan", "kabupaten"}
    kab = recap["levels"]["kabupaten"]
    assert set(kab) == {"contest", "level", "generated_at", "fingerprint", "rows"}
    assert kab["fingerprint"] == manifest["summary"]["gubernur"]["fingerprint"]
    audit = [json.loads(a) for a in (x / "audit/audit.jsonl").read_text().splitlines()]
    assert [a["seq"] for a in audit] == list(range(1, len(audit) + 1))
    with mixed.ws.store.reading() as s:
        last = s.execute(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).scalars().first()
    assert last is not None and last.action == "bundle.export" and last.seq == len(audit) + 1
    # a POSIX tar of regular files only
    plain = subprocess.run(
        ["age", "-d", "-i", str(pdir / "identity.age"), str(res.path)],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        assert all(m.isreg() for m in tar.getmembers())
        assert tar.getmembers()[0].name == "MANIFEST.json"


def test_with_images_carries_every_stored_image(mixed: Demo, tmp_path: Path) -> None:
    from kamarhitung.services import images

    with mixed.ws.store.reading() as s:
        from kamarhitung.store.models import TpsRow

        some = list(s.execute(select(TpsRow.id).order_by(TpsRow.id).limit(2)).scalars())
    assert images.render_pending(mixed.ws, some, workers=1) >= 2
    res = export(mixed, tmp_path / "out", with_images=True, render_images=False)
    assert res.images >= 2 and not res.missing_images
    ident = k.parse_identities(
        (mixed.path / "demo-province/identity.age").read_text(), what="identity"
    )
    ca = k.load_certificate((mixed.path / "demo-province/ca.pem").read_bytes(), what="ca")
    vb = bundle.verify_bundle(res.path, ident, ca, None, now=dt.datetime.now(dt.UTC))
    imgs = [f for f in vb.manifest.files if f.path.startswith("images/")]
    assert len(imgs) == res.images
    for f in imgs:
        sha, ext = f.path.removeprefix("images/").split(".")
        assert f.sha256 == sha
        stored = mixed.ws.store.images_dir / sha[:2] / f"{sha}.{ext}"
        assert stored.stat().st_size == f.size
    # an image missing from the store is left out and said so
    victim = mixed.ws.store.images_dir / imgs[0].sha256[:2] / imgs[0].path.split("/")[1]
    victim.unlink()
    res2 = export(mixed, tmp_path / "out2", with_images=True, render_images=False)
    assert res2.missing_images == (imgs[0].path.split("/")[1],)


class FullDrive:
    """The temporary output file on a drive that fills up after ``room`` bytes."""

    def __init__(self, f: BinaryIO, room: int) -> None:
        self._f = f
        self.room = room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self._f.write(data)

    def flush(self) -> None:
        self._f.flush()

    def fileno(self) -> int:
        return self._f.fileno()

    def __enter__(self) -> FullDrive:
        return self

    def __exit__(self, *exc: object) -> None:
        self._f.close()


def test_a_full_drive_removes_the_partial_file_and_says_so(
    mixed: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = bundle._open_output
    monkeypatch.setattr(bundle, "_open_output", lambda p: FullDrive(real(p), 100_000))
    out = tmp_path / "usb"
    with pytest.raises(bundle.ExportError, match=r"is full .* the partial file was removed"):
        export(mixed, out)
    assert list(out.iterdir()) == []
    (failed,) = events(mixed, "bundle.export")
    assert failed.outcome == "failed"
    assert json.loads(failed.details_json)["sequence"] == 1
    monkeypatch.setattr(bundle, "_open_output", real)
    assert export(mixed, out).sequence == 2  # the number of a failed export is not reused


def test_export_refusals(mixed: Demo, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    sup = mixed.login("supervisor1")
    with pytest.raises(keys.WrongPassphrase, match=r"^wrong passphrase for keys/key\.age$"):
        bundle.export_bundle(mixed.ws, sup, out, "not the passphrase")
    with pytest.raises(PermissionDeniedError):
        bundle.export_bundle(mixed.ws, mixed.login("operator1"), out, key_pw(mixed))
    taken = out / "taken.khb"
    taken.write_bytes(b"keep me")
    with pytest.raises(bundle.ExportError, match="already exists"):
        bundle.export_bundle(mixed.ws, sup, taken, key_pw(mixed))
    assert taken.read_bytes() == b"keep me"
    assert events(mixed, "bundle.export") == []  # refused before anything was reserved
    (mixed.path / "keys/cert.pem").unlink()
    with pytest.raises(NotFoundError, match="keys install"):
        bundle.export_bundle(mixed.ws, sup, out, key_pw(mixed))


def test_a_revoked_workspace_certificate_stops_the_export(mixed: Demo, tmp_path: Path) -> None:
    pdir = mixed.path / "demo-province"
    ca_pw = str(mixed.credentials["province_ca_passphrase"])
    cert = (mixed.path / "keys/cert.pem").read_bytes()
    province.revoke(pdir, cert, ca_pw, now=dt.datetime.now(dt.UTC))
    with pytest.raises(keys.KeyServiceError, match="revoked in that CRL"):
        keys.install_certificate(
            mixed.ws,
            mixed.login("admin"),
            cert_pem=cert,
            ca_pem=(pdir / "ca.pem").read_bytes(),
            crl_pem=(pdir / "crl.pem").read_bytes(),
            recipient_text=(pdir / "recipient.txt").read_text(),
        )
    shutil.copy(pdir / "crl.pem", mixed.path / "keys/crl.pem")
    with pytest.raises(keys.KeyServiceError, match="revoked by the province"):
        export(mixed, tmp_path / "out")


# --- keys -------------------------------------------------------------------------------------


def test_generate_refuses_to_overwrite_and_replace_keeps_the_old_key(demo: Demo) -> None:
    admin = demo.login("admin")
    with pytest.raises(ConflictError, match="already exists"):
        keys.generate_key(demo.ws, admin, "a long passphrase", work_factor=k.DEMO_WORK_FACTOR)
    with pytest.raises(PermissionDeniedError):
        keys.generate_key(
            demo.ws, demo.login("operator1"), "a long passphrase", replace=True, work_factor=10
        )
    with pytest.raises(InputError, match="at least 10"):
        keys.generate_key(demo.ws, admin, "short", replace=True, work_factor=10)
    old_key = (demo.path / "keys/key.age").read_bytes()
    req = keys.generate_key(
        demo.ws, admin, "a long passphrase", replace=True, work_factor=k.DEMO_WORK_FACTOR
    )
    (old,) = demo.path.joinpath("keys").glob("old-*")
    assert (old / "key.age").read_bytes() == old_key
    assert not (demo.path / "keys/cert.pem").exists()  # bound to the old key
    csr = k.load_csr(req.csr_path.read_bytes())
    assert k.kabupaten_of(csr.subject) == demo.ws.meta()["kabupaten_code"]
    (ev,) = events(demo, "keys.generate")[-1:]
    assert json.loads(ev.details_json)["public_key_sha256"] == req.fingerprint
    assert "a long passphrase" not in ev.details_json


def test_install_checks_the_certificate(demo: Demo, tmp_path: Path) -> None:
    pdir = demo.path / "demo-province"
    ca_pw = str(demo.credentials["province_ca_passphrase"])
    admin = demo.login("admin")
    now = dt.datetime.now(dt.UTC)
    ca_pem = (pdir / "ca.pem").read_bytes()
    crl_pem = (pdir / "crl.pem").read_bytes()
    recipient = (pdir / "recipient.txt").read_text()

    def install(cert: bytes, recipient_text: str = recipient) -> keys.CertInfo:
        return keys.install_certificate(
            demo.ws,
            admin,
            cert_pem=cert,
            ca_pem=ca_pem,
            crl_pem=crl_pem,
            recipient_text=recipient_text,
        )

    # a certificate for another key
    other = province.issue(
        pdir,
        k.make_csr(k.generate_signing_key(), demo.ws.meta()["kabupaten_code"], "X"),
        ca_pw,
        now=now,
    )
    with pytest.raises(keys.KeyServiceError, match="not for this workspace's key"):
        install(other.pem)
    # a certificate from another CA, for this key
    csr = (demo.path / "keys/request.csr").read_bytes()
    ca_key = k.generate_signing_key()
    ca2 = k.make_ca(ca_key, "ELSEWHERE", now)
    foreign = k.pem(k.issue_certificate(k.load_csr(csr), ca2, ca_key, now))
    with pytest.raises(keys.KeyServiceError, match="not issued by that CA"):
        install(foreign)
    with pytest.raises(keys.KeyServiceError, match="not an age X25519 recipient"):
        install((demo.path / "keys/cert.pem").read_bytes(), "age1notarecipient")
    info = install((demo.path / "keys/cert.pem").read_bytes())
    assert info.kabupaten == demo.ws.meta()["kabupaten_code"]


def test_signed_reports_kept_in_the_workspace_travel_in_the_bundle(
    demo: Demo, tmp_path: Path
) -> None:
    reports = demo.path / "reports"
    reports.mkdir()
    (reports / "Rekap Kecamatan (final).pdf").write_bytes(b"%PDF-1.7 one")
    (reports / "rekap-kabupaten.pdf").write_bytes(b"%PDF-1.7 two")
    (reports / "notes.txt").write_bytes(b"not a report")
    res = export(demo, tmp_path / "out")
    ident = k.parse_identities(
        (demo.path / "demo-province/identity.age").read_text(), what="identity"
    )
    ca = k.load_certificate((demo.path / "demo-province/ca.pem").read_bytes(), what="ca")
    vb = bundle.verify_bundle(res.path, ident, ca, None, now=dt.datetime.now(dt.UTC))
    listed = {f.path: f.sha256 for f in vb.manifest.files if f.path.startswith("reports/")}
    assert listed == {
        "reports/Rekap_Kecamatan_final.pdf": hashlib.sha256(b"%PDF-1.7 one").hexdigest(),
        "reports/rekap-kabupaten.pdf": hashlib.sha256(b"%PDF-1.7 two").hexdigest(),
    }
