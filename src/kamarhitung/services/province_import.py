"""A province workspace and the import of the kabupaten bundles.

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

**Import** follows BUNDLE.md "What the importer does": decrypt as a stream; verify manifest and
signature first (CA, CRL, ``OU``, format, recipient, sequence) before anything is written; stage
every member in ``PDIR/.staging-*`` with its size and hash checked; parse and cross-check the
data; then one transaction, after which the staging folder becomes the bundle's folder. Any
failure removes the staging folder and leaves the database as it was, with one sentence.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
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
from kamarhitung.core.province_payload import (
    Payload,
    jsonl_objects,
    parse_payload,
    reject_constant,
)
from kamarhitung.core.refusal import CodedText
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
from kamarhitung.services.province_ca import CA_CERT, CRL, IDENTITY, RECIPIENT, _utc
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.files import atomic_write
from kamarhitung.store.models import (
    BundleCurrentRow,
    BundleImportRow,
    Meta,
    ProvinceContestRow,
    ProvinceResultRow,
    ProvinceTotalRow,
)
from kamarhitung.store.workspace import DB_NAME, WorkspaceStore

KIND = "province"
BUNDLES_DIR = "bundles"
REQUIRED_MEMBERS = ("data/contests.json", "data/regions.jsonl", "data/results.jsonl", AUDIT_FILE)


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
        raise ConflictError("PROVINCE_WORKSPACE_EXISTS", folder=str(pdir))
    accounts.check_password_policy(password, admin)
    try:
        ca = k.load_certificate(ca_pem, what="ca.pem")
        k.check_ca(ca, what="ca.pem")
        crl = k.load_crl(crl_pem, what="crl.pem") if crl_pem is not None else None
        if crl is not None:
            k.check_crl(crl, ca, what="crl.pem")
    except k.KeyFileError as e:
        raise as_service_error(e) from None
    identities = load_identities(identity_data, identity_passphrase, what="identity.age")
    recipients = tuple(i.recipient for i in identities)
    store = WorkspaceStore.create(pdir, sqlite_only=True)
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
        raise ConflictError("NOT_PROVINCE_WORKSPACE", folder=str(ws.path), kind=kind)


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
            given = k.load_crl(crl_pem, what="crl.pem")
            k.check_crl(given, ca, what="crl.pem")
            crl, written = _newer_crl(kdir, kept, given)
    except k.KeyFileError as e:
        raise as_service_error(e) from None
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
            raise BundleError("MEMBER_OUTSIDE_STAGING", "name", name=entry.path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            raise BundleError("MEMBER_TWICE", "twice", name=entry.path) from None
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
            "BUNDLE_ALREADY_IMPORTED",
            "replay",
            bundle=manifest.bundle_id,
            kabupaten=manifest.kabupaten,
            sequence=manifest.sequence,
            at=same.imported_at,
        )
    last = _last_import(s, manifest.kabupaten)
    if last is not None and manifest.sequence <= last.sequence:
        raise BundleError(
            "BUNDLE_NOT_NEWER",
            "replay",
            sequence=manifest.sequence,
            last=last.sequence,
            kabupaten=manifest.kabupaten,
        )
    return last


def _json_file(path: Path, name: str, limit: int = 64 << 20) -> Any:
    if path.stat().st_size > limit:
        raise BundleError("DATA_FILE_TOO_LARGE", "data", file=name)
    try:
        return json.loads(path.read_bytes().decode("utf-8"), parse_constant=reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleError("DATA_FILE_NOT_JSON", "data", file=name) from None


def _jsonl(path: Path, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with open(path, encoding="utf-8", errors="strict") as f:
            yield from jsonl_objects(f, name)
    except UnicodeDecodeError:
        raise BundleError("DATA_FILE_BAD_ENCODING", "data", file=name) from None


def _parse_payload(root: Path, manifest: Manifest) -> Payload:
    """Read the staged data and check it (core/province_payload.py)."""
    return parse_payload(
        manifest,
        lambda rel, name: _json_file(root / rel, name),
        lambda rel, name: _jsonl(root / rel, name),
    )


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
            CodedText("CHAIN_ENDS_AT", seq=trail.head[0] if trail.head else 0)
            if trail.hash_at is None
            else CodedText("CHAIN_EVENT_DIFFERS", seq=old[0])
        )
        raise BundleError(
            "BUNDLE_CHAIN_NOT_EXTENDED",
            "chain",
            kabupaten=manifest.kabupaten,
            head=f"{old[0]}:{old[1][:16]}",
            where=where,
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
                raise BundleError("BUNDLE_LACKS", "missing", name=req)
        free = shutil.disk_usage(ws.path).free
        if manifest.total_size + (64 << 20) > free:
            raise BundleError(
                "BUNDLE_NO_SPACE",
                "space",
                mb=f"{manifest.total_size / 1e6:,.0f}",
                free=f"{free / 1e6:,.0f}",
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
    payload: Payload,
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


def province_overview(ws: Workspace) -> list[dict[str, object]]:
    """Every kabupaten's audit figures, from the manifest of its current bundle (province
    workspaces): ``[{"kabupaten", "kabupaten_name", "sequence", "quality": {contest: figures}}]``;
    ``quality`` is empty for a kabupaten that has not audited."""
    out: list[dict[str, object]] = []
    for imp in list_imports(ws, with_manifest=True):
        if not imp["current"]:
            continue
        manifest = imp["manifest"]
        assert isinstance(manifest, dict)
        figures = manifest.get("quality")
        out.append(
            {
                "kabupaten": imp["kabupaten"],
                "kabupaten_name": imp["kabupaten_name"],
                "sequence": imp["sequence"],
                "quality": figures if isinstance(figures, dict) else {},
            }
        )
    return sorted(out, key=lambda d: str(d["kabupaten"]))
