"""Keys, certificates and the province's CA, as pure functions over bytes (BUNDLE.md "Keys").

* Signing keys are ECDSA P-256. A kabupaten workspace makes its key and a certificate request
  (CSR) whose subject carries ``O=<kabupaten name>``, ``OU=KAB-<4-digit code>``; the province's
  CA (self-signed, ``CA:TRUE``) issues the certificate with key usage digitalSignature +
  nonRepudiation and a CRL distribution point (never fetched: without one, validators silently
  skip revocation), and revokes by re-signing its CRL.
* At rest every private key is a PKCS#8 PEM wrapped with **age's passphrase mode** (scrypt), the
  ``*.age`` files: ``age -d key.age | openssl pkey`` opens one with standard tools. cryptography's
  own encrypted PKCS#8 (2,048 PBKDF2 rounds) and its PKCS#12 MAC are too weak for that job.
* The province decrypts bundles with an **age X25519 identity** (``identity.age``, an age identity
  file, itself passphrase-wrapped: ``age -d -i identity.age`` asks for the passphrase) whose
  recipient (``recipient.txt``, ``age1…``) every kabupaten encrypts to.

age's passphrase mode, as pyrage implements it, calibrates scrypt to about one second on the
machine (log2 N = 19 here: 2 s to wrap, 1.4 s to unwrap) and offers no parameter to lower it.
:func:`wrap_secret` takes an explicit ``work_factor`` for demo and test keys only (whose
passphrase is written beside them in ``demo-credentials.json``, so scrypt protects nothing there):
it then writes the same age v1 scrypt format itself (C2SP age spec) with that log2 N. Unwrapping
always goes through pyrage, the reference implementation, so a file this module writes is checked
by the reader everyone else uses. Passphrases are never stored, logged or put in an exception.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyrage  # type: ignore[import-untyped]  # pyrage ships no type information
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import NameOID

from kamarhitung.core.refusal import CodedError

CERT_DAYS = 730
"""Validity of a kabupaten certificate: two years, an election cycle's preparation and count."""
CA_DAYS = 3650
CRL_DAYS = 365
"""A CRL is valid for a year; ``province revoke`` re-signs it (validators refuse a stale one)."""
BACKDATE = dt.timedelta(minutes=5)
"""Start validity a little in the past: the machines of a counting room have drifting clocks."""
CRL_DISTRIBUTION_URI = "urn:kamarhitung:province-crl"
"""The CRL distribution point: a name, never fetched (the CRL travels as ``crl.pem``)."""
MIN_PASSPHRASE = 10
DEMO_WORK_FACTOR = 10
"""log2 N of scrypt for demo and test keys (~1 ms): their passphrase is stored beside them."""
MAX_WRAPPED_SIZE = 1 << 20

OU_PATTERN = re.compile(r"KAB-(\d{4})")
AGE_MAGIC = b"age-encryption.org/v1\n"
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_CHUNK = 64 * 1024


class KeyFileError(CodedError):
    """A key, certificate or CRL that cannot be used; the message says why (never a secret)."""


class WrongPassphraseError(KeyFileError):
    """The passphrase does not open the wrapped key."""


# --- passphrase wrapping (age scrypt) ---------------------------------------------------------


def check_passphrase_policy(passphrase: str) -> None:
    """At least :data:`MIN_PASSPHRASE` characters: a stolen ``*.age`` file is attacked offline."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileError("PASSPHRASE_TOO_SHORT", min=MIN_PASSPHRASE)


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(ikm: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _age_scrypt_encrypt(plaintext: bytes, passphrase: str, log_n: int) -> bytes:
    """age v1 with a single scrypt stanza of work factor ``log_n`` (C2SP age specification)."""
    if not 1 <= log_n <= 30:
        raise ValueError("scrypt work factor out of range")
    file_key = os.urandom(16)
    salt = os.urandom(16)
    wrap_key = Scrypt(salt=_SCRYPT_LABEL + salt, length=32, n=1 << log_n, r=8, p=1).derive(
        passphrase.encode("utf-8")
    )
    body = ChaCha20Poly1305(wrap_key).encrypt(b"\x00" * 12, file_key, None)
    lines = [AGE_MAGIC, b"-> scrypt " + _b64(salt) + b" " + str(log_n).encode() + b"\n"]
    encoded = _b64(body)
    for i in range(0, len(encoded) + 1, 64):  # the last body line is always shorter than 64
        lines.append(encoded[i : i + 64] + b"\n")
    header = b"".join(lines) + b"---"
    mac = hmac.new(_hkdf(file_key, None, b"header"), header, hashlib.sha256).digest()
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    out = [header, b" " + _b64(mac) + b"\n", nonce]
    chunks = [plaintext[i : i + _CHUNK] for i in range(0, len(plaintext), _CHUNK)] or [b""]
    for n, chunk in enumerate(chunks):
        last = n == len(chunks) - 1
        out.append(
            aead.encrypt(n.to_bytes(11, "big") + (b"\x01" if last else b"\x00"), chunk, None)
        )
    return b"".join(out)


def wrap_secret(plaintext: bytes, passphrase: str, *, work_factor: int | None = None) -> bytes:
    """``plaintext`` wrapped with age's passphrase mode.

    ``work_factor`` None: pyrage's own choice (calibrated to about a second). An explicit value
    is for demo and test keys only (see the module docstring)."""
    if work_factor is None:
        return bytes(pyrage.passphrase.encrypt(plaintext, passphrase))
    return _age_scrypt_encrypt(plaintext, passphrase, work_factor)


def unwrap_secret(wrapped: bytes, passphrase: str, *, what: str) -> bytes:
    """The plaintext of an age passphrase file; :class:`WrongPassphraseError` if it does not open.

    ``what`` names the file in the message (``keys/key.age``)."""
    if not wrapped.startswith(AGE_MAGIC):
        raise KeyFileError("NOT_AGE_FILE", file=what)
    if len(wrapped) > MAX_WRAPPED_SIZE:
        raise KeyFileError("WRAPPED_KEY_TOO_LARGE", file=what)
    try:
        return bytes(pyrage.passphrase.decrypt(wrapped, passphrase))
    except Exception as e:  # pyrage.DecryptError for both; its text tells them apart
        # "Decryption failed" is what a wrong passphrase gives (the header MAC of a damaged
        # stanza fails the same way: that case cannot be told apart).
        if isinstance(e, pyrage.DecryptError) and str(e) == "Decryption failed":
            raise WrongPassphraseError("WRONG_PASSPHRASE", file=what) from None
        raise KeyFileError("WRAPPED_KEY_DAMAGED", file=what) from None


def is_wrapped(data: bytes) -> bool:
    return data.startswith(AGE_MAGIC)


# --- ECDSA keys -------------------------------------------------------------------------------


def generate_signing_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def private_key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    """Unencrypted PKCS#8 PEM: only ever handed to :func:`wrap_secret`, never written as is."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_private_key(pem: bytes, *, what: str) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise KeyFileError("NOT_A_PRIVATE_KEY", file=what) from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise KeyFileError("NOT_ECDSA_KEY", file=what)
    return key


def public_der(key: ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey) -> bytes:
    pub = key.public_key() if isinstance(key, ec.EllipticCurvePrivateKey) else key
    return pub.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_fingerprint(key: ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey) -> str:
    """SHA-256 of the SubjectPublicKeyInfo, hex: names a key in audit events."""
    return hashlib.sha256(public_der(key)).hexdigest()


# --- names --------------------------------------------------------------------------------


def kabupaten_subject(code: str, name: str) -> x509.Name:
    if not re.fullmatch(r"\d{4}", code):
        raise KeyFileError("BAD_KABUPATEN_CODE", code=code)
    name = name.strip() or f"KABUPATEN {code}"
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name[:64]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"KAB-{code}"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"kamar hitung {name}"[:64]),
        ]
    )


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    if len(values) != 1:
        return None
    v = values[0].value
    return v if isinstance(v, str) else None


def kabupaten_of(name: x509.Name) -> str | None:
    """The 4-digit kabupaten code of a subject (``OU=KAB-3578``), or None."""
    ou = _attr(name, NameOID.ORGANIZATIONAL_UNIT_NAME)
    m = OU_PATTERN.fullmatch(ou or "")
    return m.group(1) if m else None


def organization_of(name: x509.Name) -> str:
    return _attr(name, NameOID.ORGANIZATION_NAME) or ""


# --- CSR, CA, certificates, CRL --------------------------------------------------------------


def make_csr(key: ec.EllipticCurvePrivateKey, code: str, name: str) -> bytes:
    """A PEM certificate request for a kabupaten workspace's key."""
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(kabupaten_subject(code, name))
        .sign(key, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.PEM)


def load_csr(pem: bytes, *, what: str = "the request") -> x509.CertificateSigningRequest:
    try:
        csr = x509.load_pem_x509_csr(pem)
    except ValueError:
        try:
            csr = x509.load_der_x509_csr(pem)
        except ValueError:
            raise KeyFileError("NOT_A_REQUEST", file=what) from None
    if not csr.is_signature_valid:
        raise KeyFileError("NOT_SELF_SIGNED_REQUEST", file=what)
    return csr


def make_ca(
    key: ec.EllipticCurvePrivateKey, name: str, now: dt.datetime, days: int = CA_DAYS
) -> x509.Certificate:
    """The province's self-signed CA certificate (CA:TRUE, path length 0)."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{name} kamarhitung CA"[:64]),
        ]
    )
    pub = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(pub)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
        .sign(key, hashes.SHA256())
    )


def issue_certificate(
    csr: x509.CertificateSigningRequest,
    ca: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    now: dt.datetime,
    days: int = CERT_DAYS,
) -> x509.Certificate:
    """A kabupaten certificate for a checked request (see :func:`check_request`)."""
    code = check_request(csr)
    pub = csr.public_key()
    assert isinstance(pub, ec.EllipticCurvePublicKey)
    subject = kabupaten_subject(code, organization_of(csr.subject))
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.subject)
        .public_key(pub)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(min(now + dt.timedelta(days=days), ca.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(CRL_DISTRIBUTION_URI)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_public_key(ca)), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def check_request(csr: x509.CertificateSigningRequest) -> str:
    """Refuse a request the CA must not sign; return its kabupaten code."""
    if not csr.is_signature_valid:
        raise KeyFileError("NOT_SELF_SIGNED_REQUEST", file="the request")
    pub = csr.public_key()
    if not isinstance(pub, ec.EllipticCurvePublicKey) or pub.curve.name != "secp256r1":
        raise KeyFileError("NOT_ECDSA_KEY", file="the request's key")
    code = kabupaten_of(csr.subject)
    if code is None:
        raise KeyFileError("REQUEST_NO_KABUPATEN")
    if not organization_of(csr.subject).strip():
        raise KeyFileError("REQUEST_NO_NAME")
    return code


def ca_public_key(ca: x509.Certificate) -> ec.EllipticCurvePublicKey:
    pub = ca.public_key()
    if not isinstance(pub, ec.EllipticCurvePublicKey):
        raise KeyFileError("NOT_ECDSA_KEY", file="the CA certificate's key")
    return pub


def make_crl(
    ca: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    now: dt.datetime,
    number: int,
    revoked: Iterable[tuple[int, dt.datetime]] = (),
    days: int = CRL_DAYS,
) -> x509.CertificateRevocationList:
    """A CRL signed by the CA listing ``revoked`` (serial, revocation time) pairs."""
    b = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)
        .last_update(now - BACKDATE)
        .next_update(now + dt.timedelta(days=days))
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_public_key(ca)), critical=False
        )
    )
    for serial, when in revoked:
        b = b.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return b.sign(ca_key, hashes.SHA256())


def crl_number(crl: x509.CertificateRevocationList) -> int:
    try:
        ext = crl.extensions.get_extension_for_class(x509.CRLNumber)
    except x509.ExtensionNotFound:
        return 0
    return int(ext.value.crl_number)


def revoked_entries(crl: x509.CertificateRevocationList) -> list[tuple[int, dt.datetime]]:
    return [(r.serial_number, r.revocation_date_utc) for r in crl]


def pem(obj: x509.Certificate | x509.CertificateRevocationList) -> bytes:
    return obj.public_bytes(serialization.Encoding.PEM)


def load_certificate(data: bytes, *, what: str) -> x509.Certificate:
    try:
        certs = x509.load_pem_x509_certificates(data)
    except ValueError:
        try:
            return x509.load_der_x509_certificate(data)
        except ValueError:
            raise KeyFileError("NOT_A_CERTIFICATE", file=what) from None
    if len(certs) != 1:
        raise KeyFileError("NOT_ONE_CERTIFICATE", file=what, count=len(certs))
    return certs[0]


def load_crl(data: bytes, *, what: str) -> x509.CertificateRevocationList:
    try:
        return x509.load_pem_x509_crl(data)
    except ValueError:
        try:
            return x509.load_der_x509_crl(data)
        except ValueError:
            raise KeyFileError("NOT_A_CRL", file=what) from None


def is_ca(cert: x509.Certificate) -> bool:
    try:
        bc = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    return bool(bc.ca)


def check_ca(ca: x509.Certificate, *, what: str) -> None:
    """A usable trust anchor: self-signed, CA:TRUE, ECDSA P-256."""
    if not is_ca(ca):
        raise KeyFileError("NOT_A_CA", file=what)
    if ca.issuer != ca.subject:
        raise KeyFileError("CA_NOT_SELF_SIGNED", file=what)
    try:
        ca.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        raise KeyFileError("CA_DOES_NOT_VERIFY", file=what) from None


def issued_by(cert: x509.Certificate, ca: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def check_crl(crl: x509.CertificateRevocationList, ca: x509.Certificate, *, what: str) -> None:
    if crl.issuer != ca.subject or not crl.is_signature_valid(ca_public_key(ca)):
        raise KeyFileError("NOT_SIGNED_BY_CA", file=what)


def crl_is_current(crl: x509.CertificateRevocationList, now: dt.datetime) -> bool:
    nxt = crl.next_update_utc
    return nxt is None or now <= nxt


def is_revoked(cert: x509.Certificate, crl: x509.CertificateRevocationList) -> bool:
    return crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None


def cert_matches_key(
    cert: x509.Certificate, key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey
) -> bool:
    pub = cert.public_key()
    return isinstance(pub, ec.EllipticCurvePublicKey) and public_der(pub) == public_der(key)


def serial_hex(cert: x509.Certificate) -> str:
    return format(cert.serial_number, "x")


def describe(cert: x509.Certificate) -> str:
    """``KAB-3578 KOTA SURABAYA (serial 1a2b…)`` for messages."""
    code = kabupaten_of(cert.subject)
    org = organization_of(cert.subject)
    who = f"KAB-{code} {org}".strip() if code else cert.subject.rfc4514_string()
    return f"{who} (serial {serial_hex(cert)[:16]})"


# --- age identities and recipients -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgeIdentity:
    """An age X25519 identity (typed wrapper over pyrage's object)."""

    raw: Any
    recipient: str

    @classmethod
    def generate(cls) -> AgeIdentity:
        ident = pyrage.x25519.Identity.generate()
        return cls(ident, str(ident.to_public()))

    @classmethod
    def parse(cls, line: str) -> AgeIdentity:
        try:
            ident = pyrage.x25519.Identity.from_str(line.strip())
        except Exception:  # pyrage.IdentityError, or a ValueError for odd text
            raise KeyFileError("NOT_AN_IDENTITY", file="the text given") from None
        return cls(ident, str(ident.to_public()))

    @property
    def secret(self) -> str:
        return str(self.raw)


def identity_file_text(ident: AgeIdentity, created: dt.datetime, *, demo: bool = False) -> str:
    """An age identity file (the format of ``age-keygen``), with a demo warning if asked."""
    lines = []
    if demo:
        lines.append("# DEMO KEY, written unencrypted by `kamarhitung demo`: never use it for a")
        lines.append("# real election (a real identity.age is passphrase-wrapped).")
    lines.append(f"# created: {created.isoformat(timespec='seconds')}")
    lines.append(f"# public key: {ident.recipient}")
    lines.append(ident.secret)
    return "\n".join(lines) + "\n"


def parse_identities(text: str, *, what: str) -> list[AgeIdentity]:
    """The identities of an age identity file (comments and blank lines ignored)."""
    out: list[AgeIdentity] = []
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        try:
            out.append(AgeIdentity.parse(s))
        except KeyFileError:
            raise KeyFileError("NOT_AN_IDENTITY", file=f"{what}, line {n}") from None
    if not out:
        raise KeyFileError("NO_IDENTITY", file=what)
    return out


def parse_recipients(text: str, *, what: str) -> list[str]:
    """The ``age1…`` X25519 recipients of a recipients file, checked."""
    out: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        try:
            pyrage.x25519.Recipient.from_str(s)
        except Exception:  # pyrage.RecipientError
            raise KeyFileError("NOT_A_RECIPIENT", file=f"{what}, line {n}") from None
        out.append(s)
    if not out:
        raise KeyFileError("NO_RECIPIENT", file=what)
    return out


def recipient_objects(recipients: Sequence[str]) -> list[Any]:
    return [pyrage.x25519.Recipient.from_str(r) for r in recipients]
