"""The province's side: its CA folder, and a province workspace that imports bundles.

**CA folder** (``province ca-init PDIR``; the demo's ``DIR/demo-province/``)::

    ca.pem         self-signed CA (ECDSA P-256, CA:TRUE)
    ca-key.age     its key, PKCS#8 wrapped with age's passphrase mode (KAMARHITUNG_CA_PASSPHRASE)
    crl.pem        the revocation list (re-signed by ``province revoke`` and ``province crl``)
    identity.age   the age X25519 identity that opens bundles, passphrase-wrapped
                   (KAMARHITUNG_KEY_PASSPHRASE); the demo's is plain text marked as a demo key
    recipient.txt  its recipient (``age1…``), given to every kabupaten
    issued/        a copy of every certificate issued, named by serial

**Province workspace** (``province init PDIR``): an ordinary workspace folder whose ``meta`` has
``kind=province``, with the CA, the identity and the CRL it uses in ``keys/``. It may share the
CA folder. Storage (migrations 0003 and 0005):

* ``bundle_import``: every bundle imported, never changed: its exact manifest and signature,
  the file's SHA-256, the signer, who imported it and when, whether its audit chain is intact;
* ``bundle_current``: per kabupaten, the newest import (a newer bundle supersedes the older
  one; the older stays listed);
* ``province_contest`` / ``province_total`` / ``province_result``: per import, the contests
  (fields, coverage, recap fingerprint), the recap rows at kabupaten and kecamatan level
  (computed at import with ``core.recap`` from the per-TPS lines, and checked against the
  manifest's fingerprint), and the per-TPS state, final values (an int32 vector in the
  contest's field order, as ``record.final_vector``) and findings;
* ``bundles/<kabupaten>/<sequence>-<bundle id>/``: the members as received, with
  ``MANIFEST.json`` and ``MANIFEST.json.p7s`` (checkable again with openssl and sha256sum).

The province recap reads ``province_total`` of the current imports only: a few rows per
kecamatan whatever the number of TPS, so it is instant at 150,000 TPS.

**Import** follows BUNDLE.md "What the importer does": decrypt as a stream; verify manifest and
signature first (CA, CRL, ``OU``, format, recipient, sequence) before anything is written; stage
every member in ``PDIR/.staging-*`` with its size and hash checked; parse and cross-check the
data; then one transaction, after which the staging folder becomes the bundle's folder. Any
failure removes the staging folder and leaves the database as it was, with one sentence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypedDict

import numpy as np
import numpy.typing as npt
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import insert, select

from kamarhitung.core import keys as k
from kamarhitung.core.bundle import (
    DEFAULT_LIMITS,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    BundleError,
    ContestSummary,
    FileEntry,
    Limits,
    Manifest,
    MemberWriter,
    parse_manifest,
)
from kamarhitung.core.bundle import audit_head as k_audit_head
from kamarhitung.core.model import Level, Region, is_code
from kamarhitung.core.recap import EMPTY, FINAL, STATE_CODE, STATES, RegionTree, aggregate_arrays
from kamarhitung.services import accounts
from kamarhitung.services.audit import GENESIS, append_event, event_hash
from kamarhitung.services.bundle import (
    AUDIT_FILE,
    VerifiedBundle,
    load_identities,
    verify_bundle,
)
from kamarhitung.services.common import (
    Actor,
    Clock,
    ConflictError,
    InputError,
    NotFoundError,
    SystemClock,
    canonical_json,
    sha256_hex,
)
from kamarhitung.services.hashes import record_hash_of
from kamarhitung.services.keys import (
    KeyServiceError,
    as_service_error,
    read_file,
)
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.files import atomic_write, atomic_write_with
from kamarhitung.store.models import (
    BundleCurrentRow,
    BundleImportRow,
    Meta,
    ProvinceContestRow,
    ProvinceResultRow,
    ProvinceTotalRow,
)
from kamarhitung.store.workspace import DB_NAME, WorkspaceStore

CA_CERT = "ca.pem"
CA_KEY = "ca-key.age"
CRL = "crl.pem"
IDENTITY = "identity.age"
RECIPIENT = "recipient.txt"
ISSUED = "issued"
KIND = "province"
BUNDLES_DIR = "bundles"
REQUIRED_MEMBERS = ("data/contests.json", "data/regions.jsonl", "data/results.jsonl", AUDIT_FILE)
PROVINCE_RECAP_FORMAT = "kamarhitung-province-recap/1"
RECAP_LEVELS = ("kabupaten", "kecamatan")
MAX_VALUE = 10_000_000
_FIELD = re.compile(r"[A-Za-z0-9._-]{1,32}")
_CONTEST = re.compile(r"[a-z][a-z0-9_]{0,31}")


def _utc(t: dt.datetime) -> dt.datetime:
    return t.astimezone(dt.UTC)


# === the CA folder ============================================================================


@dataclass(frozen=True, slots=True)
class CaInfo:
    path: Path
    subject: str
    recipient: str
    identity_wrapped: bool
    not_after: str

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "subject": self.subject,
            "recipient": self.recipient,
            "identity_wrapped": self.identity_wrapped,
            "not_after": self.not_after,
        }


def ca_init(
    pdir: Path,
    *,
    name: str,
    ca_passphrase: str,
    identity_passphrase: str | None,
    now: dt.datetime,
    work_factor: int | None = None,
) -> CaInfo:
    """Create the province's CA, CRL and age identity in ``pdir``.

    ``identity_passphrase`` None writes the identity unencrypted, marked as a demo key (the
    demo only; the command line always wraps it)."""
    for f in (CA_CERT, CA_KEY, IDENTITY, CRL):
        if (pdir / f).exists():
            raise ConflictError(f"{pdir} already holds a province CA ({f}); nothing was changed")
    try:
        k.check_passphrase_policy(ca_passphrase)
        if identity_passphrase is not None:
            k.check_passphrase_policy(identity_passphrase)
    except k.KeyFileError as e:
        raise InputError(str(e)) from None
    name = " ".join(name.split()) or "PROVINSI"
    pdir.mkdir(parents=True, exist_ok=True)
    t = _utc(now)
    key = k.generate_signing_key()
    ca = k.make_ca(key, name, t)
    crl = k.make_crl(ca, key, t, 1)
    ident = k.AgeIdentity.generate()
    id_text = k.identity_file_text(ident, now, demo=identity_passphrase is None).encode("utf-8")
    written: list[Path] = []
    try:
        for fname, data, mode in (
            (
                CA_KEY,
                k.wrap_secret(k.private_key_pem(key), ca_passphrase, work_factor=work_factor),
                0o600,
            ),
            (
                IDENTITY,
                id_text
                if identity_passphrase is None
                else k.wrap_secret(id_text, identity_passphrase, work_factor=work_factor),
                0o600,
            ),
            (CA_CERT, k.pem(ca), 0o644),
            (CRL, k.pem(crl), 0o644),
            (RECIPIENT, (ident.recipient + "\n").encode("ascii"), 0o644),
        ):
            atomic_write(pdir / fname, data, mode=mode)
            written.append(pdir / fname)
        (pdir / ISSUED).mkdir(exist_ok=True)
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return CaInfo(
        pdir,
        ca.subject.rfc4514_string(),
        ident.recipient,
        identity_passphrase is not None,
        ca.not_valid_after_utc.isoformat(timespec="seconds"),
    )


def _open_ca(pdir: Path, ca_passphrase: str) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    try:
        ca = k.load_certificate(read_file(pdir / CA_CERT), what=str(pdir / CA_CERT))
        key = k.load_private_key(
            k.unwrap_secret(read_file(pdir / CA_KEY), ca_passphrase, what=str(pdir / CA_KEY)),
            what=str(pdir / CA_KEY),
        )
    except k.KeyFileError as e:
        raise as_service_error(e) from None
    if not k.cert_matches_key(ca, key):
        raise KeyServiceError(f"{pdir / CA_KEY} is not the key of {pdir / CA_CERT}")
    return ca, key


@dataclass(frozen=True, slots=True)
class IssuedCert:
    pem: bytes
    serial: str
    kabupaten: str
    subject: str
    not_after: str

    def to_json(self) -> dict[str, object]:
        return {
            "serial": self.serial,
            "kabupaten": self.kabupaten,
            "subject": self.subject,
            "not_after": self.not_after,
        }


def issue(
    pdir: Path, csr_pem: bytes, ca_passphrase: str, *, now: dt.datetime, days: int = k.CERT_DAYS
) -> IssuedCert:
    """Issue a kabupaten certificate for a request (``OU=KAB-<code>``, ``O=<name>``)."""
    try:
        csr = k.load_csr(csr_pem)
        code = k.check_request(csr)
    except k.KeyFileError as e:
        raise KeyServiceError(str(e)) from None
    if not 1 <= days <= 3660:
        raise InputError("a certificate is valid for 1 to 3,660 days")
    ca, key = _open_ca(pdir, ca_passphrase)
    cert = k.issue_certificate(csr, ca, key, _utc(now), days)
    data = k.pem(cert)
    (pdir / ISSUED).mkdir(exist_ok=True)
    atomic_write(pdir / ISSUED / f"{k.serial_hex(cert)}.pem", data)
    return IssuedCert(
        data,
        k.serial_hex(cert),
        code,
        cert.subject.rfc4514_string(),
        cert.not_valid_after_utc.isoformat(timespec="seconds"),
    )


@dataclass(frozen=True, slots=True)
class CrlUpdate:
    serial: str | None
    subject: str | None
    crl_number: int
    revoked: int
    next_update: str
    workspace_updated: bool

    def to_json(self) -> dict[str, object]:
        return {
            "serial": self.serial,
            "subject": self.subject,
            "crl_number": self.crl_number,
            "revoked": self.revoked,
            "next_update": self.next_update,
            "workspace_updated": self.workspace_updated,
        }


def _write_crl(pdir: Path, ca: x509.Certificate, crl: x509.CertificateRevocationList) -> bool:
    """Write ``crl.pem``, and the copy of a province workspace in the same folder that trusts
    this CA. Returns whether that copy was updated."""
    atomic_write(pdir / CRL, k.pem(crl))
    ws_ca = pdir / "keys" / CA_CERT
    if (pdir / DB_NAME).exists() and ws_ca.exists():
        try:
            same = k.load_certificate(ws_ca.read_bytes(), what="keys/ca.pem") == ca
        except k.KeyFileError:
            same = False
        if same:
            atomic_write(pdir / "keys" / CRL, k.pem(crl))
            return True
    return False


def revoke(pdir: Path, target: bytes | str, ca_passphrase: str, *, now: dt.datetime) -> CrlUpdate:
    """Revoke a certificate (its PEM, or its serial in hex) by re-signing ``crl.pem``."""
    ca, key = _open_ca(pdir, ca_passphrase)
    subject: str | None = None
    if isinstance(target, bytes):
        try:
            cert = k.load_certificate(target, what="the certificate to revoke")
        except k.KeyFileError as e:
            raise KeyServiceError(str(e)) from None
        if not k.issued_by(cert, ca):
            raise KeyServiceError(f"{k.describe(cert)} was not issued by this CA")
        serial = cert.serial_number
        subject = cert.subject.rfc4514_string()
    else:
        try:
            serial = int(target.strip().replace(":", ""), 16)
        except ValueError:
            raise InputError(f"{target!r} is neither a certificate file nor a serial") from None
    try:
        old = k.load_crl(read_file(pdir / CRL), what=str(pdir / CRL))
        k.check_crl(old, ca, what=str(pdir / CRL))
    except k.KeyFileError as e:
        raise KeyServiceError(str(e)) from None
    entries = k.revoked_entries(old)
    if any(s == serial for s, _ in entries):
        raise ConflictError(f"certificate serial {serial:x} is already revoked")
    t = _utc(now)
    new = k.make_crl(ca, key, t, k.crl_number(old) + 1, [*entries, (serial, t)])
    updated = _write_crl(pdir, ca, new)
    return CrlUpdate(
        format(serial, "x"),
        subject,
        k.crl_number(new),
        len(entries) + 1,
        new.next_update_utc.isoformat(timespec="seconds") if new.next_update_utc else "",
        updated,
    )


def refresh_crl(pdir: Path, ca_passphrase: str, *, now: dt.datetime) -> CrlUpdate:
    """Re-sign ``crl.pem`` with the same entries and a new validity (before it expires)."""
    ca, key = _open_ca(pdir, ca_passphrase)
    try:
        old = k.load_crl(read_file(pdir / CRL), what=str(pdir / CRL))
        k.check_crl(old, ca, what=str(pdir / CRL))
    except k.KeyFileError as e:
        raise KeyServiceError(str(e)) from None
    entries = k.revoked_entries(old)
    new = k.make_crl(ca, key, _utc(now), k.crl_number(old) + 1, entries)
    updated = _write_crl(pdir, ca, new)
    return CrlUpdate(
        None,
        None,
        k.crl_number(new),
        len(entries),
        new.next_update_utc.isoformat(timespec="seconds") if new.next_update_utc else "",
        updated,
    )


# === the province workspace ===================================================================


@dataclass(frozen=True, slots=True)
class ProvinceInfo:
    path: Path
    ca_subject: str
    recipients: tuple[str, ...]
    crl: bool

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "ca": self.ca_subject,
            "recipients": list(self.recipients),
            "crl": self.crl,
        }


def init_province(
    pdir: Path,
    *,
    admin: str,
    password: str,
    ca_pem: bytes,
    identity_data: bytes,
    identity_passphrase: str | None,
    crl_pem: bytes | None,
    clock: Clock | None = None,
) -> ProvinceInfo:
    """A province workspace in ``pdir`` trusting ``ca_pem`` and decrypting with the identity.

    A wrapped identity is opened once with ``identity_passphrase`` to check it (and learn its
    recipient); it is stored as given."""
    if (pdir / DB_NAME).exists():
        raise ConflictError(f"{pdir} already holds a workspace")
    accounts.check_password_policy(password, admin)
    try:
        ca = k.load_certificate(ca_pem, what="the CA certificate")
        k.check_ca(ca, what="the CA certificate")
        crl = k.load_crl(crl_pem, what="the revocation list") if crl_pem is not None else None
        if crl is not None:
            k.check_crl(crl, ca, what="the revocation list")
    except k.KeyFileError as e:
        raise KeyServiceError(str(e)) from None
    identities = load_identities(identity_data, identity_passphrase, what="the identity file")
    recipients = tuple(i.recipient for i in identities)
    store = WorkspaceStore.create(pdir)
    ws = Workspace(store, clock or SystemClock())
    created_keys = not any(store.keys_dir.iterdir())
    try:
        kdir = store.keys_dir
        atomic_write(kdir / CA_CERT, k.pem(ca))
        atomic_write(kdir / IDENTITY, identity_data, mode=0o600)
        atomic_write(kdir / RECIPIENT, ("\n".join(recipients) + "\n").encode("ascii"))
        if crl is not None:
            atomic_write(kdir / CRL, k.pem(crl))
        now = ws.now()
        with store.unit_of_work() as s:
            for key, value in {
                "kind": KIND,
                "created_at": now,
                "ca_subject": ca.subject.rfc4514_string(),
                "ca_sha256": sha256_hex(ca.public_bytes(Encoding.DER)),
                "recipients": " ".join(recipients),
            }.items():
                s.add(Meta(key=key, value=value))
        accounts.create_first_admin(ws, admin, password)
        with store.unit_of_work() as s:
            append_event(
                s,
                now,
                None,
                "province.init",
                target=ca.subject.rfc4514_string(),
                details={"recipients": list(recipients), "crl": crl is not None},
                user_name=admin,
            )
    except BaseException:
        store.close()
        for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
            (pdir / name).unlink(missing_ok=True)
        for sub in ("images", "backups", *(["keys"] if created_keys else [])):
            shutil.rmtree(pdir / sub, ignore_errors=True)
        raise
    ws.close()
    return ProvinceInfo(pdir, ca.subject.rfc4514_string(), recipients, crl is not None)


def require_province(ws: Workspace) -> None:
    kind = ws.meta().get("kind", "kabupaten")
    if kind != KIND:
        raise ConflictError(f"{ws.path} is a {kind} workspace, not a province workspace")


@dataclass(frozen=True)
class ProvinceKeys:
    """What a province workspace verifies and decrypts with."""

    ca: x509.Certificate
    crl: x509.CertificateRevocationList | None
    identities: tuple[k.AgeIdentity, ...]


def identity_is_wrapped(ws: Workspace) -> bool:
    p = ws.store.keys_dir / IDENTITY
    return p.exists() and k.is_wrapped(read_file(p))


def load_province_keys(
    ws: Workspace, passphrase: str | None, *, crl_pem: bytes | None = None
) -> ProvinceKeys:
    """The CA, CRL (``crl_pem`` overrides ``keys/crl.pem``) and identities of a province."""
    require_province(ws)
    kdir = ws.store.keys_dir
    written = False
    try:
        ca = k.load_certificate(read_file(kdir / CA_CERT), what=f"keys/{CA_CERT}")
        kept: x509.CertificateRevocationList | None = None
        if (kdir / CRL).exists():
            try:
                kept = k.load_crl(read_file(kdir / CRL), what=f"keys/{CRL}")
                k.check_crl(kept, ca, what=f"keys/{CRL}")
            except k.KeyFileError:
                if crl_pem is None:
                    raise
                kept = None  # a damaged kept CRL is replaced by the valid one given
        crl = kept
        if crl_pem is not None:
            given = k.load_crl(crl_pem, what="the CRL")
            k.check_crl(given, ca, what="the revocation list")
            crl, written = _newer_crl(kdir, kept, given)
    except k.KeyFileError as e:
        raise KeyServiceError(str(e)) from None
    if written and crl is not None and not ws.store.read_only:
        with ws.store.unit_of_work() as s:
            append_event(
                s,
                ws.now(),
                None,
                "province.crl",
                target=CRL,
                details={
                    "crl_number": k.crl_number(crl),
                    "issued": crl.last_update_utc.isoformat(),
                    "revoked": len(list(crl)),
                },
                user_name="system",
            )
    identities = load_identities(read_file(kdir / IDENTITY), passphrase, what=f"keys/{IDENTITY}")
    return ProvinceKeys(ca, crl, tuple(identities))


def _newer_crl(
    kdir: Path,
    kept: x509.CertificateRevocationList | None,
    given: x509.CertificateRevocationList,
) -> tuple[x509.CertificateRevocationList, bool]:
    """CRLs only move forward: a CRL older than the one kept is refused (it could un-revoke a
    signer), a newer one is kept in ``keys/crl.pem`` for the imports after this one (True)."""
    if kept is not None:
        old_n, new_n = k.crl_number(kept), k.crl_number(given)
        if (new_n, given.last_update_utc) < (old_n, kept.last_update_utc):
            raise KeyServiceError(
                "CRL_OLDER",
                given=new_n,
                given_at=f"{given.last_update_utc:%Y-%m-%d %H:%M}",
                kept=old_n,
                kept_at=f"{kept.last_update_utc:%Y-%m-%d %H:%M}",
            )
        if (new_n, given.last_update_utc) == (old_n, kept.last_update_utc):
            return kept, False
    atomic_write(kdir / CRL, k.pem(given))
    return given, True


# --- import -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    file: str
    bundle_id: str
    kabupaten: str
    kabupaten_name: str
    sequence: int
    supersedes: int | None
    contests: Mapping[str, ContestSummary]
    audit_intact: bool
    revocation_checked: bool
    storage: str
    sha256: str
    audit_head: str | None = None
    """``SEQ:HASH``: the kabupaten's chain head this bundle carries (kept for the next import)."""

    def to_json(self) -> dict[str, object]:
        return {
            "audit_head": self.audit_head,
            "file": self.file,
            "bundle_id": self.bundle_id,
            "kabupaten": self.kabupaten,
            "kabupaten_name": self.kabupaten_name,
            "sequence": self.sequence,
            "supersedes": self.supersedes,
            "contests": {c: s.to_json() for c, s in self.contests.items()},
            "audit_intact": self.audit_intact,
            "revocation_checked": self.revocation_checked,
            "storage": self.storage,
            "sha256": self.sha256,
        }


class _Staging:
    """Where a bundle's members land while it is read: files created new, never followed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved = root.resolve()

    def open(self, entry: FileEntry) -> MemberWriter:
        target = self.root.joinpath(*entry.path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.parent.resolve().is_relative_to(self._resolved):
            raise BundleError(f"member {entry.path} would be written outside the staging area")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            raise BundleError(f"member {entry.path} appears twice in the bundle", "twice") from None
        return os.fdopen(fd, "wb", buffering=1 << 20)


def _last_import(s: Any, kabupaten: str) -> BundleImportRow | None:
    row: BundleImportRow | None = s.execute(
        select(BundleImportRow)
        .where(BundleImportRow.kabupaten == kabupaten)
        .order_by(BundleImportRow.sequence.desc())
        .limit(1)
    ).scalar_one_or_none()
    return row


def _check_new(s: Any, manifest: Manifest) -> BundleImportRow | None:
    """Refuse a bundle already imported, or not newer than the last one of its kabupaten."""
    same = s.execute(
        select(BundleImportRow).where(BundleImportRow.bundle_id == manifest.bundle_id)
    ).scalar_one_or_none()
    if same is not None:
        raise BundleError(
            f"bundle {manifest.bundle_id} (KAB-{manifest.kabupaten}, sequence "
            f"{manifest.sequence}) was already imported on {same.imported_at}",
            "replay",
        )
    last = _last_import(s, manifest.kabupaten)
    if last is not None and manifest.sequence <= last.sequence:
        raise BundleError(
            f"the bundle has sequence {manifest.sequence}, not newer than sequence "
            f"{last.sequence} already imported from KAB-{manifest.kabupaten}",
            "replay",
        )
    return last


@dataclass
class _Contest:
    """A contest's lines as read: every TPS's state and, for the final ones, the values."""

    id: str
    name: str
    fields: tuple[str, ...]
    ids: list[str] = field(default_factory=list)
    states: list[int] = field(default_factory=list)
    rows: list[list[int]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


def _nth_final(c: _Contest, n: int) -> int:
    """The line index of the ``n``-th final TPS of a contest."""
    seen = -1
    for i, code in enumerate(c.states):
        if code == FINAL:
            seen += 1
            if seen == n:
                return i
    raise IndexError(n)


@dataclass
class _Payload:
    contests: dict[str, _Contest]
    results: list[dict[str, object]]
    totals: list[dict[str, object]]
    summaries: dict[str, ContestSummary]
    audit_intact: bool


def _json_file(path: Path, name: str, limit: int = 64 << 20) -> Any:
    if path.stat().st_size > limit:
        raise BundleError(f"{name} is too large", "data")
    try:
        return json.loads(path.read_bytes().decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleError(f"{name} is not valid JSON", "data") from None


def _reject_constant(c: str) -> Any:
    """``NaN`` and ``Infinity`` are not JSON numbers a count may be."""
    raise ValueError(c)


def _jsonl(path: Path, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with open(path, encoding="utf-8", errors="strict") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                if len(line) > 1 << 20:
                    raise BundleError(f"{name}, line {n}: too long", "data")
                try:
                    obj = json.loads(line, parse_constant=_reject_constant)
                except (ValueError, RecursionError):
                    raise BundleError(f"{name}, line {n}: not valid JSON", "data") from None
                if not isinstance(obj, dict):
                    raise BundleError(f"{name}, line {n}: not a JSON object", "data")
                yield n, obj
    except UnicodeDecodeError:
        raise BundleError(f"{name} is not UTF-8", "data") from None


def _bad(name: str, n: int, what: str) -> BundleError:
    return BundleError(f"{name}, line {n}: {what}", "data")


def _is_count(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_VALUE


def _parse_payload(root: Path, manifest: Manifest) -> _Payload:
    """Read the staged data, check it against itself and the manifest, and recompute the recap."""
    raw = _json_file(root / "data" / "contests.json", "data/contests.json")
    if not isinstance(raw, list) or not raw:
        raise BundleError("data/contests.json is not a list of contests", "data")
    contests: dict[str, _Contest] = {}
    for c in raw:
        if (
            not isinstance(c, dict)
            or not isinstance(c.get("id"), str)
            or not _CONTEST.fullmatch(c["id"])
            or not isinstance(c.get("fields"), list)
            or not all(isinstance(f, str) and _FIELD.fullmatch(f) for f in c["fields"])
            or len(set(c["fields"])) != len(c["fields"])
            or not c["fields"]
        ):
            raise BundleError("data/contests.json: a contest is malformed", "data")
        name = c.get("name") if isinstance(c.get("name"), str) else c["id"]
        contests[c["id"]] = _Contest(c["id"], str(name)[:200], tuple(c["fields"]))
    if set(contests) != set(manifest.summary):
        raise BundleError(
            "data/contests.json and the manifest's summary do not name the same contests", "data"
        )
    kab: Region | None = None
    kecs: list[Region] = []
    desas: list[Region] = []
    levels = {"kabupaten": Level.KABUPATEN, "kecamatan": Level.KECAMATAN, "desa": Level.DESA}
    for n, r in _jsonl(root / "data" / "regions.jsonl", "data/regions.jsonl"):
        code, level, name = r.get("code"), r.get("level"), r.get("name")
        if (
            not isinstance(code, str)
            or not isinstance(name, str)
            or level not in (*levels, "provinsi")
        ):
            raise _bad("data/regions.jsonl", n, "not {code, level, name}")
        if level == "provinsi":
            continue
        lv = levels[level]
        if not is_code(code, lv) or not code.startswith(manifest.kabupaten):
            raise _bad(
                "data/regions.jsonl", n, f"{code!r} is not a {level} of KAB-{manifest.kabupaten}"
            )
        region = Region(code, name[:200], lv)
        if lv == Level.KABUPATEN:
            if kab is not None:
                raise _bad("data/regions.jsonl", n, "a second kabupaten")
            kab = region
        else:
            (kecs if lv == Level.KECAMATAN else desas).append(region)
    if kab is None or kab.code != manifest.kabupaten:
        raise BundleError(
            f"data/regions.jsonl does not hold kabupaten {manifest.kabupaten}", "data"
        )
    name = "data/results.jsonl"
    dpt: dict[str, int] = {}
    lines: list[tuple[_Contest, str, int, int, str, int]] = []
    for n, r in _jsonl(root / "data" / "results.jsonl", name):
        tps, cid, state, values = r.get("tps"), r.get("contest"), r.get("state"), r.get("values")
        if type(tps) is not str or not is_code(tps, Level.TPS):
            raise _bad(name, n, "no 13-digit TPS id")
        if not tps.startswith(manifest.kabupaten):
            raise _bad(name, n, f"TPS {tps} is not in KAB-{manifest.kabupaten}")
        contest = contests.get(cid) if type(cid) is str else None
        if contest is None:
            raise _bad(name, n, f"unknown contest {cid!r}")
        code = STATE_CODE.get(state) if type(state) is str else None
        if code is None:
            raise _bad(name, n, f"unknown state {state!r}")
        dl, dp = r.get("dpt_l"), r.get("dpt_p")
        if not _is_count(dl) or not _is_count(dp):
            raise _bad(name, n, "DPT is not a count")
        assert isinstance(dl, int) and isinstance(dp, int)
        if dpt.setdefault(tps, dl + dp) != dl + dp:
            raise _bad(name, n, f"TPS {tps} has two different DPT")
        if tps in contest.seen:
            raise _bad(name, n, f"TPS {tps} appears twice for contest {contest.id}")
        contest.seen.add(tps)
        findings = r.get("findings", [])
        if type(findings) is not list:
            raise _bad(name, n, "findings is not a list")
        row = -1
        if code == FINAL:
            if type(values) is not dict:
                raise _bad(name, n, f"TPS {tps} is final without values")
            try:
                vector = [values[f] for f in contest.fields]
            except KeyError:
                raise _bad(name, n, f"TPS {tps} is final without every field") from None
            # type(), not isinstance(): a bool or a float is not a count
            if len(values) != len(contest.fields) or not all(type(v) is int for v in vector):
                raise _bad(name, n, f"TPS {tps} is final with values not on the form")
            row = len(contest.rows)
            contest.rows.append(vector)
        elif values is not None:
            raise _bad(name, n, f"TPS {tps} is not final but carries values")
        contest.ids.append(tps)
        contest.states.append(code)
        lines.append(
            (contest, tps, code, row, canonical_json(findings) if findings else "[]", dl + dp)
        )
    try:
        tree = RegionTree.build(kab, kecs, desas, dpt.items())
    except ValueError as e:
        raise BundleError(
            f"data/regions.jsonl and data/results.jsonl do not fit: {e}", "data"
        ) from None
    totals: list[dict[str, object]] = []
    summaries: dict[str, ContestSummary] = {}
    vectors: dict[str, npt.NDArray[np.int32]] = {}
    for c in contests.values():
        k_ = len(c.fields)
        final = np.array(c.rows, dtype=np.int64).reshape(len(c.rows), k_)
        bad = np.flatnonzero(((final < 0) | (final > MAX_VALUE)).any(axis=1))
        if bad.size:
            tps = c.ids[_nth_final(c, int(bad[0]))]
            raise BundleError(f"{name}: TPS {tps} has a value out of range", "data")
        where = np.array([tree.tps_index[t] for t in c.ids], dtype=np.intp)
        states = np.full(tree.n_tps, EMPTY, dtype=np.int8)
        states[where] = np.array(c.states, dtype=np.int8)
        matrix = np.zeros((tree.n_tps, k_), dtype=np.int64)
        matrix[where[np.array(c.states) == FINAL]] = final
        recap = aggregate_arrays(tree, c.id, c.fields, matrix, states)
        vectors[c.id] = final.astype("<i4")
        got = ContestSummary(recap.tps_total, recap.tps_final, recap.fingerprint)
        if got != manifest.summary[c.id]:
            raise BundleError(
                f"the results of contest {c.id} do not give the recap the manifest states "
                f"({got.tps_final}/{got.tps_total} final, fingerprint {got.fingerprint[:16]}…)",
                "data",
            )
        recap_file = manifest.file(f"data/recap-{c.id}.json")
        if recap_file is not None:
            doc = _json_file(root / "data" / f"recap-{c.id}.json", recap_file.path)
            if not isinstance(doc, dict) or doc.get("fingerprint") != recap.fingerprint:
                raise BundleError(f"{recap_file.path} does not match the results", "data")
            # Every level's rows too, not only the fingerprint: a screen or a person reads those
            # rows, and a re-signed bundle could alter them while keeping the fingerprint.
            recap_levels = doc.get("levels")
            if not isinstance(recap_levels, dict) or not recap_levels:
                raise BundleError(f"{recap_file.path} holds no recap levels", "data")
            for level_name, level_doc in recap_levels.items():
                try:
                    expected = recap.table(Level(level_name)).rows_json()
                except ValueError:
                    raise BundleError(
                        f"{recap_file.path}: unknown level {level_name!r}", "data"
                    ) from None
                if not isinstance(level_doc, dict) or level_doc.get("rows") != expected:
                    raise BundleError(
                        f"{recap_file.path}: the {level_name} rows do not match the results",
                        "data",
                    )
        summaries[c.id] = got
        for lv in (Level.KABUPATEN, Level.KECAMATAN):
            for row_json in recap.table(lv).rows_json():
                totals.append(
                    {
                        "contest_id": c.id,
                        "level": lv.value,
                        "code": row_json["code"],
                        "name": row_json["name"],
                        "tps_total": row_json["tps_total"],
                        "tps_final": row_json["tps_final"],
                        "values_json": canonical_json(row_json["values"]),
                    }
                )
    results = [
        {
            "tps_id": tps,
            "contest_id": c.id,
            "state": STATES[code],
            "final_vector": vectors[c.id][row].tobytes() if row >= 0 else None,
            "findings_json": findings_text,
            "dpt": dpt_,
        }
        for c, tps, code, row, findings_text, dpt_ in lines
    ]
    return _Payload(contests, results, totals, summaries, False)


@dataclass(frozen=True, slots=True)
class _Trail:
    """What a bundle's ``audit/audit.jsonl`` shows."""

    intact: bool
    """It links and hashes from the genesis, reaches the manifest's head, and records every
    final result and entry version the bundle carries."""
    head: tuple[int, str] | None
    hash_at: str | None
    """The hash of the event at the sequence asked for (the last import's head), if present."""


def _audit_trail(root: Path, manifest: Manifest, want_seq: int | None) -> _Trail:
    """Walk the bundle's chain as the kabupaten's own ``audit verify`` does, then check the data
    against it: every final result's hash is the one its last event recorded, every entry
    version's hash was recorded. A manifest head that the chain does not end at is not intact."""
    prev = GENESIS
    seq = 1
    hash_at: str | None = None
    records: dict[str, object] = {}
    versions: set[str] = set()
    head: tuple[int, str] | None = None
    intact = True
    try:
        for _n, e in _jsonl(root / AUDIT_FILE, AUDIT_FILE):
            body = {
                "seq": e.get("seq"),
                "at": e.get("at"),
                "user": e.get("user"),
                "role": e.get("role"),
                "action": e.get("action"),
                "target": e.get("target"),
                "outcome": e.get("outcome"),
                "details": e.get("details_json"),
            }
            if body["seq"] != seq or e.get("prev_hash") != prev:
                intact = False
                break
            if event_hash(prev, body) != e.get("hash"):
                intact = False
                break
            prev = str(e["hash"])
            head = (seq, prev)
            if seq == want_seq:
                hash_at = prev
            details = json.loads(str(body["details"]) or "{}")
            if isinstance(details, dict):
                target = body["target"]
                if "record_hash" in details and isinstance(target, str):
                    records[target] = details["record_hash"]
                if str(body["action"]).startswith("entry."):
                    for h in [details.get("hash"), *(details.get("hashes") or ())]:
                        if isinstance(h, str):
                            versions.add(h)
            seq += 1
        claimed = k_audit_head(manifest)
        if intact and claimed is not None and claimed != (head or (0, GENESIS)):
            intact = False
        if intact:
            for _n, r in _jsonl(root / "data" / "results.jsonl", "data/results.jsonl"):
                target = f"{r.get('tps')}/{r.get('contest')}"
                if r.get("state") == "final" and (
                    records.get(target) != r.get("hash") or not _result_matches(r)
                ):
                    intact = False
                    break
        if intact:
            for _n, v in _jsonl(root / "data" / "entries.jsonl", "data/entries.jsonl"):
                if v.get("hash") not in versions:
                    intact = False
                    break
    except (BundleError, UnicodeEncodeError, TypeError, ValueError, RecursionError):
        # Text that cannot be hashed (a lone surrogate: found by bench/fuzz.py) breaks the chain.
        intact = False
    return _Trail(intact, head, hash_at)


def _result_matches(r: Mapping[str, Any]) -> bool:
    """Whether a final result line's values, findings and attribution give the hash it carries
    (the record hash the kabupaten's chain recorded). A line without ``note`` comes from an
    exporter older than issue 12: only its hash can be compared with the chain."""
    if "note" not in r:
        return True
    try:
        return bool(
            record_hash_of(
                str(r.get("tps")),
                str(r.get("contest")),
                canonical_json(r.get("values")),
                r.get("source"),
                canonical_json(r.get("findings", [])),
                r.get("finalized_at"),
                r.get("finalized_by"),
                r.get("note"),
            )
            == r.get("hash")
        )
    except (TypeError, ValueError):
        return False


def _last_head(last: BundleImportRow | None) -> tuple[int, str] | None:
    """The chain head the kabupaten's last imported bundle carried (kept in its manifest)."""
    if last is None:
        return None
    try:
        return k_audit_head(parse_manifest(last.manifest_json.encode("utf-8")))
    except BundleError:
        return None


def _check_extends(manifest: Manifest, trail: _Trail, old: tuple[int, str] | None) -> None:
    """Refuse a bundle whose audit chain does not extend the head of the last one imported
    from its kabupaten: the trail was cut or rewritten in between."""
    if old is None or old[0] == 0:
        return
    if trail.hash_at != old[1]:
        where = (
            f"its chain ends at event {trail.head[0] if trail.head else 0}"
            if trail.hash_at is None
            else f"its event {old[0]} differs"
        )
        raise BundleError(
            f"the bundle's audit chain does not extend the one imported before from "
            f"KAB-{manifest.kabupaten} (head {old[0]}:{old[1][:16]}…): {where}; the kabupaten's "
            "trail was cut or rewritten",
            "chain",
        )


def import_bundle(
    ws: Workspace,
    keys: ProvinceKeys,
    file: Path,
    *,
    actor: Actor | None,
    user_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Verify and import one bundle (BUNDLE.md "What the importer does"); see the module doc.

    ``actor`` None: the import is attributed to ``user_name`` (the command line's local user
    when no ``--user`` was given). Raises :class:`BundleError` (one sentence) and changes
    nothing when the bundle is refused."""
    require_province(ws)
    now = ws.clock.now()
    _clean_old_staging(ws.path)
    staging = ws.path / f".staging-{uuid.uuid4().hex}"
    staging.mkdir()
    stage = _Staging(staging)
    previous: list[tuple[int, str] | None] = [None]

    def check_more(manifest: Manifest) -> None:
        with ws.store.reading() as s:
            previous[0] = _last_head(_check_new(s, manifest))
        for req in REQUIRED_MEMBERS:
            if manifest.file(req) is None:
                raise BundleError(f"the bundle lacks {req}", "missing")
        free = shutil.disk_usage(ws.path).free
        if manifest.total_size + (64 << 20) > free:
            raise BundleError(
                f"the bundle holds {manifest.total_size / 1e6:,.0f} MB and only "
                f"{free / 1e6:,.0f} MB are free beside the province workspace",
                "space",
            )

    try:
        vb = verify_bundle(
            file,
            keys.identities,
            keys.ca,
            keys.crl,
            now=_utc(now),
            limits=limits,
            open_member=stage.open,
            check_more=check_more,
        )
        payload = _parse_payload(staging, vb.manifest)
        old = previous[0]
        trail = _audit_trail(staging, vb.manifest, old[0] if old else None)
        _check_extends(vb.manifest, trail, old)
        payload.audit_intact = trail.intact
        (staging / MANIFEST_NAME).write_bytes(vb.manifest_bytes)
        (staging / SIGNATURE_NAME).write_bytes(vb.signature)
        return _commit(ws, vb, payload, staging, file, actor, user_name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _clean_old_staging(path: Path) -> None:
    """Remove staging folders that an interrupted import left (older than an hour)."""
    limit = time.time() - 3600
    for p in path.glob(".staging-*"):
        try:
            if p.is_dir() and p.stat().st_mtime < limit:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            continue


def _commit(
    ws: Workspace,
    vb: VerifiedBundle,
    payload: _Payload,
    staging: Path,
    file: Path,
    actor: Actor | None,
    user_name: str | None,
) -> ImportResult:
    m = vb.manifest
    rel = f"{BUNDLES_DIR}/{m.kabupaten}/{m.sequence:06d}-{m.bundle_id}"
    final = ws.path / rel
    moved = False
    who = actor.name if actor else (user_name or "unknown")
    try:
        with ws.store.unit_of_work() as s:
            last = _check_new(s, m)
            row = BundleImportRow(
                bundle_id=m.bundle_id,
                kabupaten=m.kabupaten,
                kabupaten_name=m.kabupaten_name,
                sequence=m.sequence,
                election=m.election,
                created_at=m.created_at,
                imported_at=ws.now(),
                imported_by=who,
                file_name=file.name,
                file_sha256=vb.sha256,
                file_size=vb.size,
                manifest_json=vb.manifest_bytes.decode("utf-8"),
                signature=vb.signature,
                signer=k.describe(vb.signer),
                signer_serial=k.serial_hex(vb.signer),
                revocation_checked=int(vb.revocation_checked),
                audit_intact=int(payload.audit_intact),
                storage=rel,
            )
            s.add(row)
            s.flush()
            for c in payload.contests.values():
                summ = payload.summaries[c.id]
                s.add(
                    ProvinceContestRow(
                        import_id=row.id,
                        contest_id=c.id,
                        name=c.name,
                        fields_json=json.dumps(list(c.fields)),
                        tps_total=summ.tps_total,
                        tps_final=summ.tps_final,
                        fingerprint=summ.fingerprint,
                    )
                )
            s.flush()
            conn = s.connection()
            conn.execute(
                insert(ProvinceTotalRow), [{**t, "import_id": row.id} for t in payload.totals]
            )
            conn.execute(
                insert(ProvinceResultRow), [{**r, "import_id": row.id} for r in payload.results]
            )
            current = s.get(BundleCurrentRow, m.kabupaten)
            if current is None:
                s.add(BundleCurrentRow(kabupaten=m.kabupaten, import_id=row.id))
            else:
                current.import_id = row.id
            append_event(
                s,
                ws.now(),
                actor,
                "province.import",
                target=m.kabupaten,
                details={
                    "bundle_id": m.bundle_id,
                    "sequence": m.sequence,
                    "file": file.name,
                    "sha256": vb.sha256,
                    "supersedes": last.sequence if last else None,
                    "signer": k.describe(vb.signer),
                    "revocation_checked": vb.revocation_checked,
                    "audit_intact": payload.audit_intact,
                    "summary": {c: v.to_json() for c, v in payload.summaries.items()},
                },
                user_name=None if actor else who,
            )
            s.flush()
            if final.exists():  # left by an import that crashed before its commit
                shutil.rmtree(final)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging, final)
            moved = True
    except BaseException:
        if moved:
            shutil.rmtree(final, ignore_errors=True)
        raise
    return ImportResult(
        file.name,
        m.bundle_id,
        m.kabupaten,
        m.kabupaten_name,
        m.sequence,
        last.sequence if last else None,
        payload.summaries,
        payload.audit_intact,
        vb.revocation_checked,
        rel,
        vb.sha256,
        _head_text(k_audit_head(m)),
    )


def _head_text(head: tuple[int, str] | None) -> str | None:
    return None if head is None else f"{head[0]}:{head[1]}"


# --- history ----------------------------------------------------------------------------------


def list_imports(ws: Workspace, *, with_manifest: bool = False) -> list[dict[str, object]]:
    """Every bundle imported, oldest first, marking the current one of each kabupaten."""
    require_province(ws)
    with ws.store.reading() as s:
        current = {r.import_id for r in s.execute(select(BundleCurrentRow)).scalars()}
        rows = s.execute(select(BundleImportRow).order_by(BundleImportRow.id)).scalars().all()
    out: list[dict[str, object]] = []
    for r in rows:
        d: dict[str, object] = {
            "bundle_id": r.bundle_id,
            "kabupaten": r.kabupaten,
            "kabupaten_name": r.kabupaten_name,
            "sequence": r.sequence,
            "created_at": r.created_at,
            "imported_at": r.imported_at,
            "imported_by": r.imported_by,
            "file": r.file_name,
            "sha256": r.file_sha256,
            "signer": r.signer,
            "revocation_checked": bool(r.revocation_checked),
            "audit_intact": bool(r.audit_intact),
            "current": r.id in current,
            "storage": r.storage,
        }
        if with_manifest:
            d["manifest"] = json.loads(r.manifest_json)
        out.append(d)
    return out


# --- the province recap -----------------------------------------------------------------------


class RecapRowJson(TypedDict):
    code: str
    name: str
    kabupaten: str
    tps_total: int
    tps_final: int
    coverage: float
    values: dict[str, int]


class RecapBundleJson(TypedDict):
    kabupaten: str
    name: str
    bundle_id: str
    sequence: int
    created_at: str
    imported_at: str
    tps_total: int
    tps_final: int
    coverage: float
    fingerprint: str


class RecapTotalJson(TypedDict):
    tps_total: int
    tps_final: int
    coverage: float
    values: dict[str, int]


class ProvinceRecapJson(TypedDict):
    """The province recap (``province recap --format json``)."""

    contest: str
    level: str
    generated_at: str
    fingerprint: str
    fields: list[str]
    rows: list[RecapRowJson]
    total: RecapTotalJson
    bundles: list[RecapBundleJson]


def province_recap(ws: Workspace, contest_id: str, level: str) -> ProvinceRecapJson:
    """The recap of a contest over the current bundle of every kabupaten.

    ``rows``: one per kabupaten (or kecamatan) with TPS total, TPS final, coverage and every
    field summed; ``bundles``: per kabupaten, the bundle counted and its coverage; ``total``:
    the province. ``fingerprint`` covers rows and bundles (not the time)."""
    require_province(ws)
    if level not in RECAP_LEVELS:
        raise InputError(f"level {level!r} is not one of: {', '.join(RECAP_LEVELS)}")
    with ws.store.reading() as s:
        bundles = s.execute(
            select(BundleImportRow, ProvinceContestRow)
            .join(BundleCurrentRow, BundleCurrentRow.import_id == BundleImportRow.id)
            .join(ProvinceContestRow, ProvinceContestRow.import_id == BundleImportRow.id)
            .where(ProvinceContestRow.contest_id == contest_id)
            .order_by(BundleImportRow.kabupaten)
        ).all()
        ids = [b.id for b, _ in bundles]
        totals = (
            s.execute(
                select(ProvinceTotalRow)
                .where(
                    ProvinceTotalRow.import_id.in_(ids),
                    ProvinceTotalRow.contest_id == contest_id,
                    ProvinceTotalRow.level == level,
                )
                .order_by(ProvinceTotalRow.code)
            )
            .scalars()
            .all()
        )
    if not bundles:
        raise NotFoundError(f"no imported bundle holds contest {contest_id!r}")
    fields: list[str] = []
    for _b, c in bundles:
        fields += [f for f in json.loads(c.fields_json) if f not in fields]
    kab_of = {b.id: b.kabupaten for b, _ in bundles}
    rows: list[RecapRowJson] = []
    total_values = dict.fromkeys(fields, 0)
    for t in totals:
        values: dict[str, int] = json.loads(t.values_json)
        for f, v in values.items():
            total_values[f] += int(v)
        rows.append(
            {
                "code": t.code,
                "name": t.name,
                "kabupaten": kab_of[t.import_id],
                "tps_total": t.tps_total,
                "tps_final": t.tps_final,
                "coverage": _coverage(t.tps_final, t.tps_total),
                "values": values,
            }
        )
    bundle_list: list[RecapBundleJson] = [
        {
            "kabupaten": b.kabupaten,
            "name": b.kabupaten_name,
            "bundle_id": b.bundle_id,
            "sequence": b.sequence,
            "created_at": b.created_at,
            "imported_at": b.imported_at,
            "tps_total": c.tps_total,
            "tps_final": c.tps_final,
            "coverage": _coverage(c.tps_final, c.tps_total),
            "fingerprint": c.fingerprint,
        }
        for b, c in bundles
    ]
    tps_total = sum(c.tps_total for _, c in bundles)
    tps_final = sum(c.tps_final for _, c in bundles)
    fingerprint = sha256_hex(
        canonical_json(
            {
                "format": PROVINCE_RECAP_FORMAT,
                "contest": contest_id,
                "level": level,
                "rows": [[r["code"], r["tps_total"], r["tps_final"], r["values"]] for r in rows],
                "bundles": [
                    [b["kabupaten"], b["bundle_id"], b["fingerprint"]] for b in bundle_list
                ],
            }
        )
    )
    return {
        "contest": contest_id,
        "level": level,
        "generated_at": ws.now(),
        "fingerprint": fingerprint,
        "fields": fields,
        "rows": rows,
        "total": {
            "tps_total": tps_total,
            "tps_final": tps_final,
            "coverage": _coverage(tps_final, tps_total),
            "values": total_values,
        },
        "bundles": bundle_list,
    }


def _coverage(final: int, total: int) -> float:
    return round(final / total, 4) if total else 0.0


def write_province_recap(
    ws: Workspace,
    actor: Actor | None,
    contest_id: str,
    level: str,
    fmt: str,
    out: Path | TextIO,
    *,
    user_name: str | None = None,
) -> ProvinceRecapJson:
    """Write the province recap as json, csv or xlsx (``out`` a path, or a text stream for json
    and csv) and audit it; returns the recap."""
    if fmt not in ("json", "csv", "xlsx"):
        raise InputError(f"format {fmt!r} is not one of: json, csv, xlsx")
    recap = province_recap(ws, contest_id, level)
    if fmt == "xlsx":
        if not isinstance(out, Path):
            raise InputError("an xlsx recap needs a file: give --out FILE.xlsx")
        atomic_write_with(out, lambda p: _write_xlsx(recap, p))
    else:
        buf = io.StringIO(newline="")
        if fmt == "json":
            json.dump(recap, buf, ensure_ascii=False, indent=1)
            buf.write("\n")
        else:
            _write_csv(recap, buf)
        if isinstance(out, Path):
            text = buf.getvalue()
            atomic_write_with(out, lambda p: _write_text(p, text))
        else:
            out.write(buf.getvalue())
    with ws.store.unit_of_work() as s:
        append_event(
            s,
            ws.now(),
            actor,
            "province.recap",
            target=contest_id,
            details={
                "level": level,
                "format": fmt,
                "file": out.name if isinstance(out, Path) else "-",
                "fingerprint": recap["fingerprint"],
            },
            user_name=None if actor else (user_name or "unknown"),
        )
    return recap


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")


def _table(recap: ProvinceRecapJson) -> tuple[list[str], list[list[object]]]:
    fields = recap["fields"]
    header = ["code", "name", "kabupaten", "tps_total", "tps_final", "coverage", *fields]
    body: list[list[object]] = [
        [
            r["code"],
            r["name"],
            r["kabupaten"],
            r["tps_total"],
            r["tps_final"],
            r["coverage"],
            *(r["values"].get(f, 0) for f in fields),
        ]
        for r in recap["rows"]
    ]
    return header, body


def _write_csv(recap: ProvinceRecapJson, out: TextIO) -> None:
    header, body = _table(recap)
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(body)


def _write_xlsx(recap: ProvinceRecapJson, path: Path) -> None:
    from openpyxl import Workbook

    header, body = _table(recap)
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("REKAP")
    sheet.append(["Pemilihan", recap["contest"]])
    sheet.append(["Tingkat", recap["level"]])
    sheet.append(["Dibuat", recap["generated_at"]])
    sheet.append(["Sidik data", recap["fingerprint"]])
    sheet.append([])
    sheet.append(header)
    for row in body:
        sheet.append(row)
    total = recap["total"]
    sheet.append(
        [
            "JUMLAH",
            "",
            "",
            total["tps_total"],
            total["tps_final"],
            total["coverage"],
            *(total["values"].get(f, 0) for f in recap["fields"]),
        ]
    )
    bundles = wb.create_sheet("BUNDEL")
    bundles.append(list(RecapBundleJson.__annotations__))
    for b in recap["bundles"]:
        bundles.append(list(b.values()))
    wb.save(path)
