"""A kabupaten workspace's keys (BUNDLE.md "Keys"): generate, install the certificate, load.

Files in ``DIR/keys/``::

    key.age        the ECDSA P-256 key, PKCS#8 PEM wrapped with age's passphrase mode (scrypt)
    request.csr    the certificate request to carry to the province (public)
    cert.pem       the certificate the province issued for it
    ca.pem         the province's CA certificate
    crl.pem        the province's revocation list
    recipient.txt  the province's age recipient(s): bundles are encrypted to them

The passphrase comes from the caller (the command line reads ``KAMARHITUNG_KEY_PASSPHRASE`` or
prompts) and is never stored or logged. Installing checks the certificate against the request's
key (so without the passphrase), its chain to the CA, the CRL's signature, that it is not
revoked, and that its ``OU`` is this workspace's kabupaten. The same key signs the PDF reports:
:func:`load_signing_identity` gives key, certificate and CA to both.

The demo's keys are :func:`kamarhitung.services.demo_keys.create_demo_keys` (its scrypt work
factor is low on purpose: the demo's passphrases are written in ``demo-credentials.json``).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from kamarhitung.core import keys as k
from kamarhitung.core.model import Role
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import (
    Actor,
    AuthError,
    ConflictError,
    InputError,
    NotFoundError,
    ServiceError,
    require_role,
)
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.files import atomic_write as atomic_write
from kamarhitung.store.files import fsync_dir as fsync_dir

KEY_FILE = "key.age"
CSR_FILE = "request.csr"
CERT_FILE = "cert.pem"
CA_FILE = "ca.pem"
CRL_FILE = "crl.pem"
RECIPIENT_FILE = "recipient.txt"

KEY_PASSPHRASE_ENV = "KAMARHITUNG_KEY_PASSPHRASE"
CA_PASSPHRASE_ENV = "KAMARHITUNG_CA_PASSPHRASE"


class KeyServiceError(InputError):
    """A key file missing, damaged or not fitting; the message names the file."""


class WrongPassphrase(AuthError):  # noqa: N818  (mirrors AuthError: a refusal, exit code 2)
    """The passphrase does not open the key."""


def as_service_error(e: k.KeyFileError) -> ServiceError:
    """A core key-file refusal as the service's, keeping its code and parameters."""
    if isinstance(e, k.WrongPassphraseError):
        return WrongPassphrase(e.code, **e.params)
    return KeyServiceError(e.code, **e.params)


# --- files ------------------------------------------------------------------------------------


def read_file(path: Path, *, what: str | None = None, limit: int = 1 << 20) -> bytes:
    name = what or str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise NotFoundError("NO_FILE", file=name) from None
    except OSError as e:
        raise KeyServiceError("FILE_UNREADABLE", file=name, reason=str(e.strerror or e)) from None
    if len(data) > limit:
        raise KeyServiceError("KEY_FILE_TOO_LARGE", file=name)
    return data


def _kabupaten(ws: Workspace) -> tuple[str, str]:
    meta = ws.meta()
    if meta.get("kind", "kabupaten") != "kabupaten":
        raise ConflictError(
            "NOT_KABUPATEN_WORKSPACE", path=str(ws.path), kind=str(meta.get("kind"))
        )
    return meta["kabupaten_code"], meta.get("kabupaten_name", "")


def _audit(
    ws: Workspace, actor: Actor | None, action: str, target: str, details: dict[str, object]
) -> None:
    with ws.store.unit_of_work() as s:
        append_event(
            s,
            ws.now(),
            actor,
            action,
            target=target,
            details=details,
            user_name=None if actor else "demo",
        )


def _file_hashes(kdir: Path, *names: str) -> dict[str, str]:
    """The SHA-256 of each key file, recorded in the audit chain: ``audit verify`` checks that
    the files in ``keys/`` are still the ones generated and installed."""
    import hashlib

    return {n: hashlib.sha256((kdir / n).read_bytes()).hexdigest() for n in names}


# --- generate ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyRequest:
    """A new key and the request to take to the province."""

    csr_path: Path
    key_path: Path
    fingerprint: str
    subject: str


def generate_key(
    ws: Workspace,
    actor: Actor | None,
    passphrase: str,
    *,
    replace: bool = False,
    work_factor: int | None = None,
) -> KeyRequest:
    """Make the workspace's signing key (``keys/key.age``) and its request (``keys/request.csr``).

    Supervisors and admins only. An existing key is kept unless ``replace``: then the old key,
    request and certificate move to ``keys/old-<time>/`` (a certificate is bound to its key).
    ``actor`` None is the demo's own call."""
    if actor is not None:
        require_role(actor, Role.SUPERVISOR, Role.ADMIN)
    try:
        k.check_passphrase_policy(passphrase)
    except k.KeyFileError as e:
        raise as_service_error(e) from None
    code, name = _kabupaten(ws)
    kdir = ws.store.keys_dir
    kdir.mkdir(exist_ok=True)
    key_path = kdir / KEY_FILE
    if key_path.exists():
        if not replace:
            raise ConflictError("KEY_EXISTS", file=str(key_path))
        old = kdir / f"old-{ws.clock.now():%Y%m%d-%H%M%S}"
        old.mkdir()
        for name_ in (KEY_FILE, CSR_FILE, CERT_FILE):
            if (kdir / name_).exists():
                os.replace(kdir / name_, old / name_)
    key = k.generate_signing_key()
    wrapped = k.wrap_secret(k.private_key_pem(key), passphrase, work_factor=work_factor)
    csr = k.make_csr(key, code, name)
    atomic_write(key_path, wrapped, mode=0o600)
    atomic_write(kdir / CSR_FILE, csr)
    fp = k.key_fingerprint(key)
    subject = k.kabupaten_subject(code, name).rfc4514_string()
    _audit(
        ws,
        actor,
        "keys.generate",
        code,
        {
            "public_key_sha256": fp,
            "subject": subject,
            "files": _file_hashes(kdir, KEY_FILE, CSR_FILE),
            "removed": [CERT_FILE],
        },
    )
    return KeyRequest(kdir / CSR_FILE, key_path, fp, subject)


# --- install ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CertInfo:
    subject: str
    kabupaten: str | None
    serial: str
    not_before: str
    not_after: str
    ca_subject: str
    recipients: tuple[str, ...]
    revoked: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "subject": self.subject,
            "kabupaten": self.kabupaten,
            "serial": self.serial,
            "not_before": self.not_before,
            "not_after": self.not_after,
            "ca": self.ca_subject,
            "recipients": list(self.recipients),
            "revoked": self.revoked,
        }


def _cert_info(
    cert: x509.Certificate, ca: x509.Certificate, recipients: list[str], revoked: bool = False
) -> CertInfo:
    return CertInfo(
        cert.subject.rfc4514_string(),
        k.kabupaten_of(cert.subject),
        k.serial_hex(cert),
        cert.not_valid_before_utc.isoformat(timespec="seconds"),
        cert.not_valid_after_utc.isoformat(timespec="seconds"),
        ca.subject.rfc4514_string(),
        tuple(recipients),
        revoked,
    )


def install_certificate(
    ws: Workspace,
    actor: Actor | None,
    *,
    cert_pem: bytes,
    ca_pem: bytes,
    crl_pem: bytes,
    recipient_text: str,
) -> CertInfo:
    """Install what the province sent back: certificate, CA, CRL and recipient, all checked."""
    if actor is not None:
        require_role(actor, Role.SUPERVISOR, Role.ADMIN)
    code, _name = _kabupaten(ws)
    kdir = ws.store.keys_dir
    now = ws.clock.now().astimezone(dt.UTC)
    try:
        cert = k.load_certificate(cert_pem, what="cert.pem")
        ca = k.load_certificate(ca_pem, what="ca.pem")
        crl = k.load_crl(crl_pem, what="crl.pem")
        recipients = k.parse_recipients(recipient_text, what="recipient.txt")
        k.check_ca(ca, what="ca.pem")
        k.check_crl(crl, ca, what="crl.pem")
    except k.KeyFileError as e:
        raise as_service_error(e) from None
    csr_path = kdir / CSR_FILE
    if not (kdir / KEY_FILE).exists() or not csr_path.exists():
        raise NotFoundError("NO_KEY_YET", folder=str(kdir))
    try:
        csr = k.load_csr(read_file(csr_path), what=str(csr_path))
    except k.KeyFileError as e:
        raise as_service_error(e) from None
    pub = csr.public_key()
    assert isinstance(pub, ec.EllipticCurvePublicKey)
    if not k.cert_matches_key(cert, pub):
        raise KeyServiceError("CERT_NOT_FOR_KEY")
    if not k.issued_by(cert, ca):
        raise KeyServiceError("CERT_NOT_FROM_THAT_CA")
    if k.kabupaten_of(cert.subject) != code:
        raise KeyServiceError("CERT_OTHER_KABUPATEN", cert=k.describe(cert), code=code)
    if now > cert.not_valid_after_utc:
        raise KeyServiceError("CERT_EXPIRED", date=f"{cert.not_valid_after_utc:%Y-%m-%d}")
    if k.is_revoked(cert, crl):
        raise KeyServiceError("CERT_REVOKED_IN_CRL", cert=k.describe(cert))
    atomic_write(kdir / CA_FILE, k.pem(ca))
    atomic_write(kdir / CRL_FILE, k.pem(crl))
    atomic_write(kdir / RECIPIENT_FILE, ("\n".join(recipients) + "\n").encode("ascii"))
    atomic_write(kdir / CERT_FILE, k.pem(cert))
    info = _cert_info(cert, ca, recipients)
    # The CRL is not recorded: it is signed by the CA and may be replaced by a newer one.
    details = info.to_json() | {"files": _file_hashes(kdir, CA_FILE, RECIPIENT_FILE, CERT_FILE)}
    _audit(ws, actor, "keys.install", code, details)
    return info


# --- loading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SigningIdentity:
    """What signs bundles and reports: the key, its certificate, the CA and the recipients."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    ca: x509.Certificate
    crl: x509.CertificateRevocationList | None
    recipients: tuple[str, ...]


def key_paths(ws: Workspace) -> dict[str, Path]:
    kdir = ws.store.keys_dir
    return {
        n: kdir / f
        for n, f in (
            ("key", KEY_FILE),
            ("csr", CSR_FILE),
            ("cert", CERT_FILE),
            ("ca", CA_FILE),
            ("crl", CRL_FILE),
            ("recipient", RECIPIENT_FILE),
        )
    }


def load_signing_identity(ws: Workspace, passphrase: str) -> SigningIdentity:
    """Open the workspace's key with ``passphrase`` and check it against its certificate.

    Refuses (one sentence) a missing file, a wrong passphrase, a certificate for another key,
    not from the installed CA, expired, or revoked by the installed CRL."""
    code, _ = _kabupaten(ws)
    p = key_paths(ws)
    for name in ("key", "cert", "ca", "recipient"):
        if not p[name].exists():
            missing = "KEY_FILE_MISSING" if name == "key" else "PROVINCE_FILE_MISSING"
            raise NotFoundError(missing, file=str(p[name]))
    try:
        key = k.load_private_key(
            k.unwrap_secret(read_file(p["key"]), passphrase, what=f"keys/{KEY_FILE}"),
            what=f"keys/{KEY_FILE}",
        )
        cert = k.load_certificate(read_file(p["cert"]), what=f"keys/{CERT_FILE}")
        ca = k.load_certificate(read_file(p["ca"]), what=f"keys/{CA_FILE}")
        recipients = k.parse_recipients(
            read_file(p["recipient"]).decode("utf-8", "replace"), what=f"keys/{RECIPIENT_FILE}"
        )
        crl = (
            k.load_crl(read_file(p["crl"]), what=f"keys/{CRL_FILE}") if p["crl"].exists() else None
        )
    except k.KeyFileError as e:
        raise as_service_error(e) from None
    if not k.cert_matches_key(cert, key):
        raise KeyServiceError(
            "CERT_NOT_OF_WORKSPACE_KEY", cert=f"keys/{CERT_FILE}", key=f"keys/{KEY_FILE}"
        )
    if not k.issued_by(cert, ca):
        raise KeyServiceError(
            "CERT_NOT_FROM_INSTALLED_CA", cert=f"keys/{CERT_FILE}", ca=f"keys/{CA_FILE}"
        )
    if k.kabupaten_of(cert.subject) != code:
        raise KeyServiceError(
            "CERT_FILE_OTHER_KABUPATEN", file=f"keys/{CERT_FILE}", cert=k.describe(cert), code=code
        )
    now = ws.clock.now().astimezone(dt.UTC)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise KeyServiceError(
            "CERT_NOT_VALID_NOW",
            file=f"keys/{CERT_FILE}",
            start=f"{cert.not_valid_before_utc:%Y-%m-%d}",
            end=f"{cert.not_valid_after_utc:%Y-%m-%d}",
        )
    if crl is not None and k.is_revoked(cert, crl):
        raise KeyServiceError(
            "CERT_REVOKED_BY_PROVINCE", file=f"keys/{CERT_FILE}", cert=k.describe(cert)
        )
    return SigningIdentity(key, cert, ca, crl, tuple(recipients))


@dataclass(frozen=True, slots=True)
class KeyStatus:
    has_key: bool
    has_request: bool
    certificate: CertInfo | None

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.has_key,
            "request": self.has_request,
            "certificate": self.certificate.to_json() if self.certificate else None,
        }


def key_status(ws: Workspace) -> KeyStatus:
    """What the workspace holds (public parts only: no passphrase needed)."""
    p = key_paths(ws)
    info: CertInfo | None = None
    if p["cert"].exists() and p["ca"].exists():
        try:
            cert = k.load_certificate(read_file(p["cert"]), what="cert")
            ca = k.load_certificate(read_file(p["ca"]), what="ca")
            recips = (
                k.parse_recipients(read_file(p["recipient"]).decode(), what="recipient")
                if p["recipient"].exists()
                else []
            )
            crl = k.load_crl(read_file(p["crl"]), what="crl") if p["crl"].exists() else None
            info = _cert_info(cert, ca, recips, crl is not None and k.is_revoked(cert, crl))
        except (k.KeyFileError, ServiceError):
            info = None
    return KeyStatus(p["key"].exists(), p["csr"].exists(), info)


def crl_dates(ws: Workspace) -> tuple[dt.datetime | None, dt.datetime | None] | None:
    """When the installed revocation list was issued and when it must be replaced; None when
    there is none or it cannot be read."""
    path = key_paths(ws)["crl"]
    if not path.exists():
        return None
    try:
        crl = k.load_crl(read_file(path), what="keys/crl.pem")
    except (k.KeyFileError, ServiceError):
        return None
    return crl.last_update_utc, crl.next_update_utc
