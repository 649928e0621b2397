"""The province's certificate authority.

**CA folder** (``province ca-init PDIR``; the demo's ``DIR/demo-province/``)::

    ca.pem         self-signed CA (ECDSA P-256, CA:TRUE)
    ca-key.age     its key, PKCS#8 wrapped with age's passphrase mode (KAMARHITUNG_CA_PASSPHRASE)
    crl.pem        the revocation list (re-signed by ``province revoke`` and ``province crl``)
    identity.age   the age X25519 identity that opens bundles, passphrase-wrapped
                   (KAMARHITUNG_KEY_PASSPHRASE); the demo's is plain text marked as a demo key
    recipient.txt  its recipient (``age1…``), given to every kabupaten
    issued/        a copy of every certificate issued, named by serial
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from kamarhitung.core import keys as k
from kamarhitung.services.common import (
    ConflictError,
    InputError,
    ServiceError,
)
from kamarhitung.services.keys import (
    KeyServiceError,
    as_service_error,
    read_file,
)
from kamarhitung.store.files import atomic_write
from kamarhitung.store.workspace import DB_NAME

CA_CERT = "ca.pem"
CA_KEY = "ca-key.age"
CRL = "crl.pem"
IDENTITY = "identity.age"
RECIPIENT = "recipient.txt"
ISSUED = "issued"


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
            raise ConflictError("PROVINCE_CA_EXISTS", folder=str(pdir), file=f)
    try:
        k.check_passphrase_policy(ca_passphrase)
        if identity_passphrase is not None:
            k.check_passphrase_policy(identity_passphrase)
    except k.KeyFileError as e:
        raise as_service_error(e) from None
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
        raise KeyServiceError(
            "PROVINCE_CA_KEY_MISMATCH", key=str(pdir / CA_KEY), cert=str(pdir / CA_CERT)
        )
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
        raise as_service_error(e) from None
    if not 1 <= days <= 3660:
        raise InputError("PROVINCE_CERT_DAYS", days=days)
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
            cert = k.load_certificate(target, what="cert.pem")
        except k.KeyFileError as e:
            raise as_service_error(e) from None
        if not k.issued_by(cert, ca):
            raise KeyServiceError("PROVINCE_NOT_OUR_CERT", cert=k.describe(cert))
        serial = cert.serial_number
        subject = cert.subject.rfc4514_string()
    else:
        try:
            serial = int(target.strip().replace(":", ""), 16)
        except ValueError:
            raise InputError("PROVINCE_REVOKE_TARGET", target=repr(target)) from None
    try:
        old = k.load_crl(read_file(pdir / CRL), what=str(pdir / CRL))
        k.check_crl(old, ca, what=str(pdir / CRL))
    except k.KeyFileError as e:
        raise as_service_error(e) from None
    entries = k.revoked_entries(old)
    if any(s == serial for s, _ in entries):
        raise ConflictError("PROVINCE_ALREADY_REVOKED", serial=f"{serial:x}")
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
        raise as_service_error(e) from None
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


# === what a CA folder holds (for the screens) ================================================


@dataclass(frozen=True, slots=True)
class CaState:
    """What a CA folder holds (public parts)."""

    folder: Path
    subject: str | None
    not_after: str | None
    crl_number: int | None
    crl_next_update: str | None
    revoked: int
    recipients: tuple[str, ...]
    identity_wrapped: bool | None
    issued: int


def read_ca_state(folder: Path) -> CaState:
    """The CA folder's state; missing or damaged files read as absent."""
    subject = not_after = crl_next = None
    crl_number: int | None = None
    revoked = 0
    recipients: tuple[str, ...] = ()
    wrapped: bool | None = None
    try:
        ca = k.load_certificate(read_file(folder / CA_CERT), what="ca.pem")
        subject = ca.subject.rfc4514_string()
        not_after = ca.not_valid_after_utc.isoformat(timespec="seconds")
    except (k.KeyFileError, ServiceError):
        pass
    try:
        crl = k.load_crl(read_file(folder / CRL), what="crl.pem")
        crl_number = k.crl_number(crl)
        revoked = len(k.revoked_entries(crl))
        crl_next = (
            crl.next_update_utc.isoformat(timespec="seconds") if crl.next_update_utc else None
        )
    except (k.KeyFileError, ServiceError):
        pass
    with contextlib.suppress(k.KeyFileError, ServiceError):
        recipients = tuple(
            k.parse_recipients(
                read_file(folder / RECIPIENT).decode("utf-8", "replace"),
                what="recipient.txt",
            )
        )
    try:
        wrapped = k.is_wrapped(read_file(folder / IDENTITY))
    except ServiceError:
        wrapped = None
    issued_dir = folder / ISSUED
    issued = len(list(issued_dir.glob("*.pem"))) if issued_dir.is_dir() else 0
    return CaState(
        folder, subject, not_after, crl_number, crl_next, revoked, recipients, wrapped, issued
    )
