"""The province: CA folder services, province workspace, import (BUNDLE.md "What the importer
does") and the province recap.

Malicious bundles are forged with the demo's real keys: a valid signature over bad content, so
each refusal is the importer's own check, not a signature failure. Every refusal must leave the
province database (compared by a dump) and folder exactly as they were."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import sqlite3
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import pyrage  # type: ignore[import-untyped]  # pyrage ships no type information
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from openpyxl import load_workbook

from kamarhitung.core import bundle as b
from kamarhitung.core import keys as k
from kamarhitung.core.model import Level
from kamarhitung.services import accounts, bundle, province
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    FixedClock,
    InputError,
    NotFoundError,
)
from kamarhitung.services.keys import WrongPassphrase
from kamarhitung.services.recap import load_recap
from kamarhitung.services.workspace import Workspace, open_workspace


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def login(self, name: str) -> Actor: ...


@dataclass
class Kit:
    """The demo's keys, as a kabupaten and its province hold them."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    ca: x509.Certificate
    ca_key: ec.EllipticCurvePrivateKey
    ident: k.AgeIdentity
    pdir: Path
    key_pw: str
    ca_pw: str


def kit_of(d: Demo) -> Kit:
    key_pw = str(d.credentials["key_passphrase"])
    ca_pw = str(d.credentials["province_ca_passphrase"])
    pdir = d.path / "demo-province"
    key = k.load_private_key(
        k.unwrap_secret((d.path / "keys/key.age").read_bytes(), key_pw, what="k"), what="k"
    )
    ca_key = k.load_private_key(
        k.unwrap_secret((pdir / "ca-key.age").read_bytes(), ca_pw, what="c"), what="c"
    )
    return Kit(
        key,
        k.load_certificate((d.path / "keys/cert.pem").read_bytes(), what="cert"),
        k.load_certificate((pdir / "ca.pem").read_bytes(), what="ca"),
        ca_key,
        k.parse_identities((pdir / "identity.age").read_text(), what="id")[0],
        pdir,
        key_pw,
        ca_pw,
    )


def unpack(data: bytes, ident: k.AgeIdentity) -> list[tuple[str, bytes]]:
    plain = bytes(pyrage.decrypt(data, [ident.raw]))
    out = []
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        for m in tar.getmembers():
            f = tar.extractfile(m)
            assert f is not None
            out.append((m.name, f.read()))
    return out


def reg(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    return ti, data


def pack(members: list[tuple[tarfile.TarInfo, bytes]], recipient: str) -> bytes:
    """A ustar stream written by hand (so that a header may lie about its size), encrypted."""
    out = bytearray()
    for ti, data in members:
        out += ti.tobuf(tarfile.USTAR_FORMAT) + data + b"\0" * (-len(data) % 512)
    out += b"\0" * 1024
    out += b"\0" * (-len(out) % 10240)
    return bytes(pyrage.encrypt(bytes(out), [pyrage.x25519.Recipient.from_str(recipient)]))


def entry(path: str, data: bytes) -> dict[str, object]:
    return {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


@dataclass
class Forge:
    """A bundle taken apart: change what you like, then :meth:`build` signs and encrypts it."""

    kit: Kit
    manifest: dict[str, object]
    payload: list[tuple[str, bytes]]

    def build(
        self,
        *,
        rehash: bool = True,
        key: ec.EllipticCurvePrivateKey | None = None,
        cert: x509.Certificate | None = None,
        recipient: str | None = None,
        members: Callable[[list[tuple[tarfile.TarInfo, bytes]]], None] | None = None,
        manifest_bytes: Callable[[bytes], bytes] | None = None,
    ) -> bytes:
        if rehash:
            self.manifest["files"] = [entry(p, d) for p, d in self.payload]
        raw = (json.dumps(self.manifest, sort_keys=True, indent=1) + "\n").encode()
        sig = b.sign_manifest(raw, key or self.kit.key, cert or self.kit.cert)
        if manifest_bytes is not None:
            raw = manifest_bytes(raw)
        tar = [reg(b.MANIFEST_NAME, raw), reg(b.SIGNATURE_NAME, sig)]
        tar += [reg(p, d) for p, d in self.payload]
        if members is not None:
            members(tar)
        return pack(tar, recipient or self.kit.ident.recipient)

    def set(self, path: str, data: bytes) -> None:
        self.payload = [(p, data if p == path else d) for p, d in self.payload]


def forge(kit: Kit, data: bytes) -> Forge:
    parts = unpack(data, kit.ident)
    assert [p for p, _ in parts[:2]] == [b.MANIFEST_NAME, b.SIGNATURE_NAME]
    return Forge(kit, json.loads(parts[0][1]), parts[2:])


@dataclass
class Setup:
    d: Demo
    kit: Kit
    khb: Path
    pdir: Path
    pws: Workspace
    keys: province.ProvinceKeys
    tmp: Path

    def export(self, **kw: object) -> Path:
        sup = self.d.login("supervisor1")
        out = self.tmp / f"export-{len(list(self.tmp.iterdir()))}"
        out.mkdir()  # two exports in one second would have the same name
        res = bundle.export_bundle(self.d.ws, sup, out, self.kit.key_pw, **kw)  # type: ignore[arg-type]  # keyword flags
        return res.path

    def write(self, name: str, data: bytes) -> Path:
        p = self.tmp / name
        p.write_bytes(data)
        return p

    def import_(self, f: Path, **kw: object) -> province.ImportResult:
        return province.import_bundle(self.pws, self.keys, f, actor=None, user_name="test", **kw)  # type: ignore[arg-type]  # limits


def make_province(d: Demo, pdir: Path) -> tuple[Workspace, province.ProvinceKeys]:
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


def copy_workspace(src: Path, dst: Path) -> None:
    """Checkpoint the WAL first, so that a plain copy is the complete database."""
    if (src / "room.json").exists():  # --engine=postgresql
        from kamarhitung.store.roomdb import copy_test_workspace

        copy_test_workspace(src, dst)
        return
    con = sqlite3.connect(src / "kamarhitung.sqlite")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copytree(src, dst)


@dataclass
class _Kabupaten:
    """The Demo protocol over a workspace this module opened itself."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def login(self, name: str) -> Actor:
        users = self.credentials["users"]
        assert isinstance(users, list)
        pw = next(u["password"] for u in users if u["name"] == name)
        return accounts.authenticate(self.ws, name, pw)


@dataclass
class Base:
    d: _Kabupaten
    kit: Kit
    khb: Path
    prov: Path


@pytest.fixture(scope="module")
def base(mixed_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Base]:
    """Built once for the module: a mixed demo, its first bundle and an empty province
    workspace, each test then working on copies (the kabupaten is only read)."""
    root = tmp_path_factory.mktemp("province-base")
    copy_workspace(mixed_template, root / "ws")
    ws = open_workspace(root / "ws")
    d = _Kabupaten(root / "ws", json.loads((root / "ws/demo-credentials.json").read_text()), ws)
    kit = kit_of(d)
    (root / "out").mkdir()
    khb = bundle.export_bundle(ws, d.login("supervisor1"), root / "out", kit.key_pw).path
    pws, _ = make_province(d, root / "prov")
    pws.close()
    try:
        yield Base(d, kit, khb, root / "prov")
    finally:
        ws.close()


def _setup(d: Demo, kit: Kit, khb: Path, prov: Path, tmp_path: Path) -> Setup:
    copy_workspace(prov, tmp_path / "prov")
    shutil.copytree(kit.pdir, tmp_path / "demo-province")  # the CA folder may be changed
    kit = replace(kit, pdir=tmp_path / "demo-province")
    pws = open_workspace(tmp_path / "prov")
    (tmp_path / "files").mkdir()
    return Setup(
        d,
        kit,
        khb,
        tmp_path / "prov",
        pws,
        province.load_province_keys(pws, None),
        tmp_path / "files",
    )


@pytest.fixture
def setup(base: Base, tmp_path: Path) -> Iterator[Setup]:
    s = _setup(base.d, base.kit, base.khb, base.prov, tmp_path)
    try:
        yield s
    finally:
        s.pws.close()


@pytest.fixture
def own(mixed: Demo, base: Base, tmp_path: Path) -> Iterator[Setup]:
    """A setup with its own kabupaten copy, for tests that export again."""
    kit = kit_of(mixed)
    (tmp_path / "first").mkdir()
    khb = bundle.export_bundle(
        mixed.ws, mixed.login("supervisor1"), tmp_path / "first", kit.key_pw
    ).path
    s = _setup(mixed, kit, khb, base.prov, tmp_path)
    try:
        yield s
    finally:
        s.pws.close()


def state(pdir: Path) -> tuple[str, list[str]]:
    """The province database's content (a dump) and the folder's files."""
    con = sqlite3.connect(f"file:{pdir / 'kamarhitung.sqlite'}?mode=ro", uri=True)
    try:
        dump = "\n".join(con.iterdump())
    finally:
        con.close()
    files = sorted(
        str(p.relative_to(pdir)) for p in pdir.rglob("*") if not p.name.endswith(("-wal", "-shm"))
    )
    return hashlib.sha256(dump.encode()).hexdigest(), files


# --- the round trip ---------------------------------------------------------------------------


def test_export_verify_import_and_the_province_recap_equals_the_kabupaten(setup: Setup) -> None:
    s = setup
    vb = bundle.verify_bundle(
        s.khb, s.keys.identities, s.keys.ca, s.keys.crl, now=dt.datetime.now(dt.UTC)
    )
    assert vb.revocation_checked
    r = s.import_(s.khb)
    assert r.kabupaten == s.d.ws.meta()["kabupaten_code"]
    assert r.sequence == 1 and r.supersedes is None and r.audit_intact
    assert (s.pdir / r.storage / "MANIFEST.json").read_bytes() == vb.manifest_bytes
    for contest in ("gubernur", s.d.ws.contests()[1].id):
        own = load_recap(s.d.ws, contest)
        assert 0 < own.tps_final < own.tps_total  # the mixed demo: some final, some not
        rec = province.province_recap(s.pws, contest, "kabupaten")
        (row,) = rec["rows"]
        kab = own.total()
        assert row["values"] == kab.values
        assert (row["tps_total"], row["tps_final"]) == (kab.tps_total, kab.tps_final)
        assert rec["bundles"][0]["fingerprint"] == own.fingerprint
        kec = province.province_recap(s.pws, contest, "kecamatan")
        own_kec = own.table(Level.KECAMATAN).rows_json()
        assert [(x["code"], x["values"], x["tps_final"]) for x in kec["rows"]] == [
            (x["code"], x["values"], x["tps_final"]) for x in own_kec
        ]
    hist = province.list_imports(s.pws, with_manifest=True)
    assert len(hist) == 1 and hist[0]["current"] and hist[0]["imported_by"] == "test"
    assert hist[0]["manifest"]["bundle_id"] == r.bundle_id  # type: ignore[index]


def test_a_newer_bundle_supersedes_and_the_history_is_kept(own: Setup) -> None:
    s = own
    first = s.import_(s.khb)
    second_path = s.export()
    second = s.import_(second_path)
    assert second.sequence == first.sequence + 1 and second.supersedes == first.sequence
    hist = province.list_imports(s.pws)
    assert [(h["sequence"], h["current"]) for h in hist] == [(1, False), (2, True)]
    rec = province.province_recap(s.pws, "gubernur", "kabupaten")
    assert rec["bundles"][0]["bundle_id"] == second.bundle_id
    before = state(s.pdir)
    with pytest.raises(b.BundleError, match="already imported"):
        s.import_(s.khb)
    assert state(s.pdir) == before


def test_an_older_bundle_after_a_newer_one_is_refused(own: Setup) -> None:
    s = own
    newer = s.export()
    s.import_(newer)
    before = state(s.pdir)
    with pytest.raises(b.BundleError, match="sequence 1, not newer than sequence 2"):
        s.import_(s.khb)
    assert state(s.pdir) == before


def test_recap_files(setup: Setup, tmp_path: Path) -> None:
    s = setup
    s.import_(s.khb)
    for fmt in ("json", "csv", "xlsx"):
        out = tmp_path / f"rekap.{fmt}"
        rec = province.write_province_recap(s.pws, None, "gubernur", "kecamatan", fmt, out)
        assert out.exists()
        rows = rec["rows"]
        assert isinstance(rows, list)
        if fmt == "json":
            assert json.loads(out.read_text())["fingerprint"] == rec["fingerprint"]
        elif fmt == "csv":
            got = list(csv.DictReader(out.read_text().splitlines()))
            assert [g["code"] for g in got] == [r["code"] for r in rows]
            assert int(got[0]["IV.1"]) == rows[0]["values"]["IV.1"]
        else:
            wb = load_workbook(out, read_only=True)
            assert wb.sheetnames == ["REKAP", "BUNDEL"]
            wb.close()
    with pytest.raises(InputError, match="level"):
        province.province_recap(s.pws, "gubernur", "desa")
    with pytest.raises(NotFoundError, match="no imported bundle holds contest"):
        province.province_recap(s.pws, "presiden", "kabupaten")


# --- refusals ---------------------------------------------------------------------------------


def _other_ca_cert(kit: Kit) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A certificate with the right subject, from a CA the province does not trust."""
    now = dt.datetime.now(dt.UTC)
    ca_key = k.generate_signing_key()
    ca = k.make_ca(ca_key, "PROVINSI PALSU", now)
    key = k.generate_signing_key()
    code = k.kabupaten_of(kit.cert.subject)
    assert code is not None
    csr = k.load_csr(k.make_csr(key, code, k.organization_of(kit.cert.subject)))
    return key, k.issue_certificate(csr, ca, ca_key, now)


def _flip(data: bytes, pos: int) -> bytes:
    out = bytearray(data)
    out[pos] ^= 0x01
    return bytes(out)


def _symlink(tar: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    ti = tarfile.TarInfo("data/entries.jsonl")
    ti.type = tarfile.SYMTYPE
    ti.linkname = "/etc/passwd"
    tar[:] = [(ti, b"") if t.name == "data/entries.jsonl" else (t, d) for t, d in tar]


def _rename(old: str, new: str) -> Callable[[list[tuple[tarfile.TarInfo, bytes]]], None]:
    def change(tar: list[tuple[tarfile.TarInfo, bytes]]) -> None:
        for t, _ in tar:
            if t.name == old:
                t.name = new

    return change


def _huge_header(tar: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    for i, (t, _) in enumerate(tar):
        if t.name == "data/entries.jsonl":
            t.size = 6 * 1024**3  # the header claims 6 GiB; the manifest far less
            tar[:] = [*tar[:i], (t, b"A" * 65536)]
            return


def _tamper_results(f: Forge) -> None:
    lines = dict(f.payload)["data/results.jsonl"].decode().splitlines()
    for i, line in enumerate(lines):
        obj = json.loads(line)
        if obj["state"] == "final":
            obj["values"]["IV.1"] += 100
            lines[i] = json.dumps(obj)
            break
    f.set("data/results.jsonl", ("\n".join(lines) + "\n").encode())


Case = Callable[[Setup, Forge], bytes]
OTHER_IDENTITY = k.AgeIdentity.generate()


def _manifest_says(**changes: object) -> Case:
    def make(_s: Setup, f: Forge) -> bytes:
        f.manifest.update(changes)
        return f.build()

    return make


def _flipped(where: Callable[[bytes], int]) -> Case:
    def make(s: Setup, _f: Forge) -> bytes:
        data = s.khb.read_bytes()
        return _flip(data, where(data))

    return make


def _members(change: Callable[[list[tuple[tarfile.TarInfo, bytes]]], None]) -> Case:
    return lambda _s, f: f.build(members=change)


def _truncated(s: Setup, _f: Forge) -> bytes:
    data = s.khb.read_bytes()
    return data[: len(data) * 2 // 3]


def _other_ca(s: Setup, f: Forge) -> bytes:
    key, cert = _other_ca_cert(s.kit)
    return f.build(key=key, cert=cert)


def _changed_after_signing(_s: Setup, f: Forge) -> bytes:
    return f.build(manifest_bytes=lambda raw: raw.replace(b'"sequence": 1', b'"sequence": 7'))


def _last_member_changed(tar: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    name, data = tar[-1][0].name, tar[-1][1]
    tar[-1] = reg(name, data.replace(b'"', b"'", 1))


def _drop_fourth(tar: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    del tar[3]


def _extra(tar: list[tuple[tarfile.TarInfo, bytes]]) -> None:
    tar.append(reg("data/extra.txt", b"x"))


def _listed_dotdot(_s: Setup, f: Forge) -> bytes:
    f.payload.append(("../evil", b"x"))
    return f.build()


def _bad_results(_s: Setup, f: Forge) -> bytes:
    _tamper_results(f)
    return f.build()


def _replay_new_id(s: Setup, f: Forge) -> bytes:
    s.import_(s.khb)
    f.manifest["bundle_id"] = "00000000-0000-4000-8000-000000000000"
    return f.build()


def _same_again(s: Setup, _f: Forge) -> bytes:
    s.import_(s.khb)
    return s.khb.read_bytes()


CASES: dict[str, tuple[Case, str]] = {
    "a flipped byte in the age header": (
        _flipped(lambda _d: 40),
        "not encrypted for this identity|header is damaged",
    ),
    "a flipped byte in the manifest area": (
        _flipped(lambda d: d.index(b"\n---") + 300),
        "truncated or damaged",
    ),
    "a flipped byte in the payload": (_flipped(lambda d: len(d) // 2), "truncated or damaged"),
    "a flipped byte at the end": (_flipped(lambda d: len(d) - 1), "truncated or damaged"),
    "a truncated file": (_truncated, "truncated|damaged"),
    "the wrong identity": (
        lambda _s, f: f.build(recipient=OTHER_IDENTITY.recipient),
        "not encrypted for this identity",
    ),
    "a certificate from another CA": (_other_ca, "not issued by the province CA"),
    "a manifest changed after signing": (_changed_after_signing, "does not match its signature"),
    "a member that does not match the manifest": (
        _members(_last_member_changed),
        "does not match its SHA-256",
    ),
    "a listed file missing": (
        _members(_drop_fourth),
        "listed in MANIFEST.json, is missing|comes out of the order",
    ),
    "an unlisted member": (_members(_extra), "member data/extra.txt is not listed"),
    "a member named with ..": (
        _members(_rename("data/entries.jsonl", "../../evil.jsonl")),
        r"climbs out",
    ),
    "a manifest listing a name with ..": (_listed_dotdot, r"climbs out"),
    "an absolute name": (
        _members(_rename("data/entries.jsonl", "/etc/cron.d/evil")),
        "absolute name",
    ),
    "a symlink member": (_members(_symlink), "symbolic link"),
    "a decompression bomb in the payload": (
        _members(_huge_header),
        "is larger .* than MANIFEST.json declares",
    ),
    "a kabupaten that does not match the certificate": (
        _manifest_says(kabupaten="3578"),
        "is for kabupaten 3578 but it was signed by KAB-",
    ),
    "a format this version does not know": (
        _manifest_says(format="kamarhitung-bundle/9"),
        "does not know",
    ),
    "a recipient that is not ours": (
        _manifest_says(recipient=OTHER_IDENTITY.recipient),
        "made for recipient",
    ),
    "results that do not give the signed recap": (
        _bad_results,
        "do not give the recap the manifest states",
    ),
    "the same sequence again (a replay with a new id)": (
        _replay_new_id,
        "sequence 1, not newer than sequence 1",
    ),
    "the same bundle again": (_same_again, "already imported"),
}


VERIFY_REFUSES = [c for c in CASES if "again" not in c and "results" not in c]
"""``bundle verify`` checks all but the history (replays) and the data's own consistency."""


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_bundle_is_refused_and_changes_nothing(setup: Setup, case: str) -> None:
    s = setup
    make, message = CASES[case]
    data = make(s, forge(s.kit, s.khb.read_bytes()))
    bad = s.write("bad.khb", data)
    before = state(s.pdir)
    with pytest.raises(b.BundleError, match=message) as e:
        s.import_(bad)
    text = str(e.value)
    assert "\n" not in text and text.count(". ") == 0, text  # one sentence
    assert state(s.pdir) == before
    assert not list(s.pdir.glob(".staging-*"))
    if case in VERIFY_REFUSES:  # the same refusal from `bundle verify`, without a workspace
        with pytest.raises(b.BundleError, match=message):
            bundle.verify_bundle(
                bad, s.keys.identities, s.keys.ca, s.keys.crl, now=dt.datetime.now(dt.UTC)
            )


def test_a_declared_bomb_is_refused_before_staging(setup: Setup) -> None:
    s = setup
    f = forge(s.kit, s.khb.read_bytes())
    f.payload.append(("images/" + "a" * 64 + ".jpg", b"x"))
    f.manifest["files"] = [entry(p, d) for p, d in f.payload]
    f.manifest["files"][-1]["size"] = 8**11 - 1  # type: ignore[index]  # 8 GiB declared
    bad = s.write("bomb.khb", f.build(rehash=False))
    before = state(s.pdir)
    with pytest.raises(b.BundleError, match="more than the limit"):
        s.import_(bad, limits=b.Limits(max_total_bytes=1 << 30))
    assert state(s.pdir) == before


def test_a_revoked_certificate_is_refused_with_the_crl(setup: Setup) -> None:
    s = setup
    upd = province.revoke(
        s.kit.pdir,
        k.pem(s.kit.cert),
        s.kit.ca_pw,
        now=dt.datetime.now(dt.UTC),
    )
    assert upd.revoked == 1 and upd.crl_number == 2
    crl_pem = (s.kit.pdir / "crl.pem").read_bytes()
    crl = k.load_crl(crl_pem, what="crl")
    with pytest.raises(b.BundleError, match="is revoked") as e:
        bundle.verify_bundle(s.khb, s.keys.identities, s.keys.ca, crl, now=dt.datetime.now(dt.UTC))
    assert e.value.kind == "revoked"
    keys = province.load_province_keys(s.pws, None, crl_pem=crl_pem)
    before = state(s.pdir)
    with pytest.raises(b.BundleError, match="is revoked"):
        province.import_bundle(s.pws, keys, s.khb, actor=None, user_name="t")
    assert state(s.pdir) == before
    # without a CRL the revocation cannot be known: verified, and said so
    vb = bundle.verify_bundle(
        s.khb, s.keys.identities, s.keys.ca, None, now=dt.datetime.now(dt.UTC)
    )
    assert not vb.revocation_checked


def test_an_expired_crl_is_named(setup: Setup) -> None:
    s = setup
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    with pytest.raises(b.BundleError, match="revocation list expired"):
        bundle.verify_bundle(s.khb, s.keys.identities, s.keys.ca, s.keys.crl, now=later)


# --- the CA folder and the province workspace -------------------------------------------------


def test_issue_revoke_and_refresh_in_the_ca_folder(setup: Setup) -> None:
    s = setup
    now = dt.datetime.now(dt.UTC)
    key = k.generate_signing_key()
    issued = province.issue(
        s.kit.pdir, k.make_csr(key, "3578", "KOTA SURABAYA"), s.kit.ca_pw, now=now
    )
    assert issued.kabupaten == "3578"
    assert (s.kit.pdir / "issued" / f"{issued.serial}.pem").read_bytes() == issued.pem
    with pytest.raises(WrongPassphrase):
        province.issue(s.kit.pdir, k.make_csr(key, "3578", "X"), "not the passphrase", now=now)
    upd = province.revoke(s.kit.pdir, issued.serial, s.kit.ca_pw, now=now)
    assert upd.serial == issued.serial
    with pytest.raises(ConflictError, match="already revoked"):
        province.revoke(s.kit.pdir, issued.serial, s.kit.ca_pw, now=now)
    again = province.refresh_crl(s.kit.pdir, s.kit.ca_pw, now=now)
    assert again.revoked == 1 and again.crl_number == upd.crl_number + 1
    with pytest.raises(ConflictError, match="already holds a province CA"):
        province.ca_init(
            s.kit.pdir,
            name="X",
            ca_passphrase="long passphrase 1",
            identity_passphrase=None,
            now=now,
        )


def test_a_province_workspace_refuses_kabupaten_work_and_vice_versa(setup: Setup) -> None:
    s = setup
    with pytest.raises(ConflictError, match="not a province workspace"):
        province.import_bundle(s.d.ws, s.keys, s.khb, actor=None)
    assert s.pws.meta()["kind"] == "province"
    with pytest.raises(ConflictError):
        province.init_province(
            s.pdir,
            admin="x",
            password="province-pass-1",
            ca_pem=s.kit.ca.public_bytes(Encoding.PEM),
            identity_data=b"",
            identity_passphrase=None,
            crl_pem=None,
        )


def test_a_wrapped_identity_needs_its_passphrase(setup: Setup, tmp_path: Path) -> None:
    s = setup
    wrapped = k.wrap_secret(
        (s.kit.pdir / "identity.age").read_bytes(), "identity passphrase", work_factor=10
    )
    idf = tmp_path / "identity.age"
    idf.write_bytes(wrapped)
    with pytest.raises(WrongPassphrase):
        province.init_province(
            tmp_path / "p2",
            admin="padmin",
            password="province-pass-1",
            ca_pem=(s.kit.pdir / "ca.pem").read_bytes(),
            identity_data=wrapped,
            identity_passphrase="wrong passphrase",
            crl_pem=None,
        )
    assert not (tmp_path / "p2" / "kamarhitung.sqlite").exists()
    province.init_province(
        tmp_path / "p2",
        admin="padmin",
        password="province-pass-1",
        ca_pem=(s.kit.pdir / "ca.pem").read_bytes(),
        identity_data=wrapped,
        identity_passphrase="identity passphrase",
        crl_pem=None,
        clock=FixedClock(dt.datetime.now(dt.UTC)),
    )
    p2 = open_workspace(tmp_path / "p2")
    try:
        assert province.identity_is_wrapped(p2)
        with pytest.raises(InputError, match="passphrase-protected"):
            province.load_province_keys(p2, None)
        keys = province.load_province_keys(p2, "identity passphrase")
        r = province.import_bundle(p2, keys, s.khb, actor=None, user_name="t")
        assert not r.revocation_checked  # this province got no CRL
    finally:
        p2.close()
