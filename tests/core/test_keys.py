"""core/keys.py: passphrase wrapping (age scrypt), CSR, CA, issuing, CRL, identities."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pyrage  # type: ignore[import-untyped]  # pyrage ships no type information
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from kamarhitung.core import keys as k

NOW = dt.datetime(2026, 12, 9, 13, 0, tzinfo=dt.UTC)
PW = "correct horse battery"


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 200_000])
def test_low_work_factor_files_open_with_pyrage(size: int) -> None:
    data = bytes(i % 251 for i in range(size))
    wrapped = k.wrap_secret(data, PW, work_factor=k.DEMO_WORK_FACTOR)
    assert wrapped.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert f" {k.DEMO_WORK_FACTOR}\n".encode() in wrapped[:100]
    assert pyrage.passphrase.decrypt(wrapped, PW) == data
    assert k.unwrap_secret(wrapped, PW, what="x") == data


def test_a_wrong_passphrase_is_a_clear_refusal() -> None:
    wrapped = k.wrap_secret(b"secret", PW, work_factor=k.DEMO_WORK_FACTOR)
    with pytest.raises(k.WrongPassphraseError, match=r"^wrong passphrase for keys/key\.age$"):
        k.unwrap_secret(wrapped, "not the passphrase", what="keys/key.age")


def test_the_default_work_factor_is_pyrage_s_own() -> None:
    # ~3.5 s here: pyrage calibrates scrypt to about a second of this machine (a wrong
    # passphrase, refused the same way as above, would cost as much again).
    wrapped = k.wrap_secret(b"secret", PW)
    log_n = int(wrapped.split(b"\n")[1].split()[-1])
    assert log_n > k.DEMO_WORK_FACTOR + 4
    assert k.unwrap_secret(wrapped, PW, what="key.age") == b"secret"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"-----BEGIN PRIVATE KEY-----\n", "is not an age-encrypted file"),
        (b"age-encryption.org/v1\n-> scrypt AAAA 10\ngarbage\n--- x\n", "damaged"),
    ],
)
def test_a_damaged_wrapped_file_is_named(data: bytes, message: str) -> None:
    with pytest.raises(k.KeyFileError, match=message):
        k.unwrap_secret(data, PW, what="keys/key.age")


def test_passphrase_policy() -> None:
    with pytest.raises(k.KeyFileError, match="at least 10"):
        k.check_passphrase_policy("short")
    k.check_passphrase_policy("long enough passphrase")


def test_the_low_work_factor_file_opens_with_age_itself(tmp_path: Path) -> None:
    """The age binary (Go) reads a passphrase from a terminal only: give it one."""
    import os
    import pty
    import time

    src = tmp_path / "w.age"
    out = tmp_path / "w.txt"
    src.write_bytes(k.wrap_secret(b"opened by age\n", PW, work_factor=k.DEMO_WORK_FACTOR))
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvp("age", ["age", "-d", "-o", str(out), str(src)])
    seen = b""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        seen += chunk
        if b"passphrase" in seen.lower():
            os.write(fd, PW.encode() + b"\n")
            seen = b""
    _, status = os.waitpid(pid, 0)
    assert status == 0
    assert out.read_bytes() == b"opened by age\n"


def _ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = k.generate_signing_key()
    return k.make_ca(key, "PROVINSI JAWA TIMUR", NOW), key


def test_ca_certificate() -> None:
    ca, key = _ca()
    k.check_ca(ca, what="ca.pem")
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    ku = ca.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.key_cert_sign and ku.crl_sign
    assert ca.not_valid_after_utc - ca.not_valid_before_utc > dt.timedelta(days=3000)
    assert k.cert_matches_key(ca, key)


def test_issue_a_kabupaten_certificate_from_a_request() -> None:
    ca, ca_key = _ca()
    key = k.generate_signing_key()
    csr = k.load_csr(k.make_csr(key, "3578", "KOTA SURABAYA"))
    assert k.check_request(csr) == "3578"
    cert = k.issue_certificate(csr, ca, ca_key, NOW)
    assert k.issued_by(cert, ca)
    assert k.cert_matches_key(cert, key)
    assert k.kabupaten_of(cert.subject) == "3578"
    assert k.organization_of(cert.subject) == "KOTA SURABAYA"
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical and ku.value.digital_signature and ku.value.content_commitment
    assert not ku.value.key_cert_sign
    dp = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert dp[0].full_name is not None
    assert dp[0].full_name[0].value == k.CRL_DISTRIBUTION_URI
    assert not k.is_ca(cert)
    days = (cert.not_valid_after_utc - cert.not_valid_before_utc).days
    assert 729 <= days <= 731
    assert "KAB-3578 KOTA SURABAYA" in k.describe(cert)


def test_a_request_without_a_kabupaten_is_refused() -> None:
    key = k.generate_signing_key()
    with pytest.raises(k.KeyFileError, match="4 digits"):
        k.make_csr(key, "35", "X")
    ca, ca_key = _ca()
    other = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "someone")])
    )
    csr = other.sign(key, hashes.SHA256())
    with pytest.raises(k.KeyFileError, match="OU=KAB-"):
        k.issue_certificate(csr, ca, ca_key, NOW)


def test_crl_revokes_and_is_checked_against_its_ca() -> None:
    ca, ca_key = _ca()
    key = k.generate_signing_key()
    cert = k.issue_certificate(k.load_csr(k.make_csr(key, "3578", "X")), ca, ca_key, NOW)
    empty = k.make_crl(ca, ca_key, NOW, 1)
    assert len(empty) == 0  # an empty CRL is falsy: never test it with `if crl`
    k.check_crl(empty, ca, what="crl.pem")
    assert not k.is_revoked(cert, empty)
    revoked = k.make_crl(ca, ca_key, NOW, 2, [(cert.serial_number, NOW)])
    assert k.is_revoked(cert, revoked)
    assert k.crl_number(revoked) == 2
    assert k.crl_is_current(revoked, NOW)
    assert not k.crl_is_current(revoked, NOW + dt.timedelta(days=400))
    other_ca, _ = _ca()
    with pytest.raises(k.KeyFileError, match="not signed by the CA"):
        k.check_crl(revoked, other_ca, what="crl.pem")


def test_key_round_trip_through_pem_and_wrapping() -> None:
    key = k.generate_signing_key()
    wrapped = k.wrap_secret(k.private_key_pem(key), PW, work_factor=k.DEMO_WORK_FACTOR)
    back = k.load_private_key(k.unwrap_secret(wrapped, PW, what="key.age"), what="key.age")
    assert k.key_fingerprint(back) == k.key_fingerprint(key)
    assert b"PRIVATE KEY" not in wrapped


def test_openssl_reads_an_unwrapped_key(tmp_path: Path) -> None:
    key = k.generate_signing_key()
    p = tmp_path / "k.pem"
    p.write_bytes(k.private_key_pem(key))
    r = subprocess.run(
        ["openssl", "pkey", "-in", str(p), "-noout", "-text"], capture_output=True, check=False
    )
    assert r.returncode == 0
    assert b"prime256v1" in r.stdout or b"P-256" in r.stdout


def test_identity_files_and_recipients() -> None:
    ident = k.AgeIdentity.generate()
    text = k.identity_file_text(ident, NOW, demo=True)
    assert text.startswith("# DEMO KEY")
    parsed = k.parse_identities(text, what="identity.age")
    assert [i.recipient for i in parsed] == [ident.recipient]
    assert k.parse_recipients(f"# comment\n{ident.recipient}\n", what="r") == [ident.recipient]
    with pytest.raises(k.KeyFileError, match="line 1: not an age X25519 recipient"):
        k.parse_recipients("age1nonsense\n", what="recipient.txt")
    with pytest.raises(k.KeyFileError, match="no age identity"):
        k.parse_identities("# nothing\n", what="identity.age")
    with pytest.raises(k.KeyFileError, match="line 2"):
        k.parse_identities("# x\nAGE-SECRET-KEY-1BAD\n", what="identity.age")
