"""PAdES signatures of the reports with pyHanko: sign with the workspace key, check against the
province's CA (BUNDLE.md "Library facts").

Signing: every signature field of the report (:class:`kamarhitung.core.report.SignatureField`:
the counting room's visible one on the last page and the province's invisible one) is created
first, then the workspace key certifies the document in its field with
``existing_fields_only=True`` and DocMDP "fill forms": a later signature in the province's
field stays valid, any other change breaks this one. The signature is PAdES baseline B
(``ETSI.CAdES.detached``, SHA-256) carrying the certificate and the CA, and covers the whole
file: revocation data is not added afterwards (a DSS revision would leave bytes outside the
signature, so one changed byte there would go unnoticed). Before signing, the certificate is
checked against the key, the CA and the workspace's CRL.

Checking: every embedded signature is validated with the trust anchors given, never fetching
anything (``allow_fetching=False``). With a CRL, revocation is required (``revocation_mode=
"require"``); without one, what the file embeds (a DSS, if another tool added one) is used and
missing revocation data is not an error ("soft-fail"). The kabupaten check reads only what
the signature covers: the kabupaten printed in the first page's header of the signed revision,
against the signing certificate's subject. ``/Info /Keywords`` is never trusted for it (a signer
can blank it before signing; pyHanko treats an /Info change in a later incremental update as
allowed validation data). A signature by another kabupaten's certificate is refused.

pyHanko's sync API calls ``asyncio.run``; :func:`_run` calls the async API in a worker thread
when an event loop is already running. pyHanko logs whole tracebacks for expected failures (a
certificate from another CA, a revoked one): its loggers get their own level.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import re
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from asn1crypto import crl as asn1_crl  # type: ignore[import-untyped]  # no type information
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields as sig_fields
from pyhanko.sign import signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from kamarhitung.core import keys as k
from kamarhitung.core.report import SIGNATURE_FIELD, SignatureField
from kamarhitung.services.common import ConflictError, InputError

T = TypeVar("T")

PYHANKO_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
PYHANKO_LOG_LEVEL = logging.CRITICAL
"""pyHanko logs expected validation failures (untrusted, revoked) with tracebacks at WARNING and
ERROR; the result objects say the same in one sentence, so only critical messages pass."""


def quiet_pyhanko() -> None:
    for name in PYHANKO_LOGGERS:
        logging.getLogger(name).setLevel(PYHANKO_LOG_LEVEL)


quiet_pyhanko()


def _run(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a pyHanko coroutine to the end, from any thread (see the module docstring)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(1, thread_name_prefix="pyhanko") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_crl(crl: x509.CertificateRevocationList) -> asn1_crl.CertificateList:
    return asn1_crl.CertificateList.load(crl.public_bytes(serialization.Encoding.DER))


# --- signing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignerKey:
    """What signs: the key, its certificate, the CA that issued it and (if any) the CA's CRL."""

    key: Any
    cert: x509.Certificate
    ca: x509.Certificate
    crl: x509.CertificateRevocationList | None = None


STAMP_TEXT = (
    "Ditandatangani secara digital oleh\n%(signer)s\n%(ts)s\nSidik data: %(fp)s\n%(reason)s"
)


def check_signer(signer: SignerKey, now: datetime) -> None:
    """Refuse a certificate that does not fit the key, was not issued by the CA, is not valid
    now, or is revoked by the CRL (one sentence, naming the certificate)."""
    if not k.cert_matches_key(signer.cert, signer.key):
        raise InputError("CERT_NOT_OF_KEY")
    if not k.issued_by(signer.cert, signer.ca):
        raise InputError("CERT_NOT_FROM_CA", cert=k.describe(signer.cert))
    t = now.astimezone(UTC)
    if not signer.cert.not_valid_before_utc <= t <= signer.cert.not_valid_after_utc:
        raise InputError("CERT_NOT_VALID", cert=k.describe(signer.cert), at=f"{t:%Y-%m-%d %H:%M}")
    if signer.crl is not None and k.is_revoked(signer.cert, signer.crl):
        raise InputError("CERT_REVOKED", cert=k.describe(signer.cert))


def sign_pdf(
    pdf: bytes,
    signer: SignerKey,
    fields: Sequence[SignatureField],
    *,
    fingerprint: str,
    reason: str,
    location: str,
    now: datetime,
) -> bytes:
    """``pdf`` with every field of ``fields`` created and the workspace key's signature in the
    :data:`SIGNATURE_FIELD` (see the module docstring)."""
    check_signer(signer, now)
    if not any(f.name == SIGNATURE_FIELD for f in fields):
        raise InputError("NO_SIGNATURE_FIELD", field=SIGNATURE_FIELD)
    key_der = signer.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    cms_signer = signers.SimpleSigner(
        signing_cert=_asn1_cert(signer.cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]  # untyped in pyhanko-certvalidator
            [_asn1_cert(signer.ca)]
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=sig_fields.SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=sig_fields.MDPPerm.FILL_FORMS,
        reason=reason,
        location=location,
        name=k.describe(signer.cert),
    )
    style = TextStampStyle(
        stamp_text=STAMP_TEXT,
        border_width=1,
        timestamp_format="%d-%m-%Y %H:%M:%S %Z",
    )

    async def go() -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        existing = {name for name, _, _ in sig_fields.enumerate_sig_fields(writer.prev)}
        for f in fields:
            if f.name in existing:
                continue
            # pyHanko types the box as ints; PDF coordinates are numbers (whole points here).
            box = None if f.box is None else tuple(round(v) for v in f.box)
            sig_fields.append_signature_field(
                writer,
                sig_fields.SigFieldSpec(f.name, on_page=f.page, box=box),  # type: ignore[arg-type]  # a 4-tuple
            )
        pdf_signer = signers.PdfSigner(meta, cms_signer, stamp_style=style)
        out = await pdf_signer.async_sign_pdf(
            writer,
            existing_fields_only=True,
            appearance_text_params={
                "fp": f"{fingerprint[:16]}…",
                "reason": reason[:60],
            },
        )
        data: bytes = out.getvalue()
        return data

    try:
        return _run(go)
    except (SigningError, PdfError) as e:
        raise ConflictError("SIGNING_FAILED", detail=str(e)) from None


# --- checking -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """One embedded signature, judged."""

    field: str
    signer: str
    """``KAB-3578 KOTA SURABAYA (serial …)`` (or the subject of a foreign certificate)."""
    subject: str
    kabupaten: str | None
    signed_at: str | None
    """The signing time the signer claims (ISO 8601); there is no trusted timestamp."""
    intact: bool
    """The signed bytes hash to what was signed."""
    valid: bool
    """The signature value verifies with the certificate's key."""
    trusted: bool
    """The certificate chains to a trust anchor and is valid (not revoked when checked)."""
    revoked: bool
    revocation_checked: bool
    whole_file: bool
    """Nothing was added to the file after this signature."""
    changes_after: str
    """What was added after signing: ``none``, ``form filling`` (e.g. a later signature),
    ``validation data``, or ``other``."""
    changes_allowed: bool
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return (
            self.intact
            and self.valid
            and self.trusted
            and not self.revoked
            and self.changes_allowed
            and self.problem is None
        )

    def to_json(self) -> dict[str, object]:
        return {
            "field": self.field,
            "signer": self.signer,
            "subject": self.subject,
            "kabupaten": self.kabupaten,
            "signed_at": self.signed_at,
            "intact": self.intact,
            "valid": self.valid,
            "trusted": self.trusted,
            "revoked": self.revoked,
            "revocation_checked": self.revocation_checked,
            "whole_file": self.whole_file,
            "changes_after": self.changes_after,
            "changes_allowed": self.changes_allowed,
            "problem": self.problem,
            "ok": self.ok,
        }


@dataclass(frozen=True)
class PdfCheck:
    """Every signature of a PDF judged against the trust anchors (and CRL) given."""

    sha256: str
    signatures: tuple[SignatureCheck, ...]
    empty_fields: tuple[str, ...]
    report_kabupaten: str | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.signatures) and all(s.ok for s in self.signatures)

    def to_json(self) -> dict[str, object]:
        return {
            "valid": self.ok,
            "sha256": self.sha256,
            "signatures": [s.to_json() for s in self.signatures],
            "empty_fields": list(self.empty_fields),
            "report_kabupaten": self.report_kabupaten,
            "error": self.error,
        }


_CHANGES = {
    "NONE": "none",
    "LTA_UPDATES": "validation data",
    "FORM_FILLING": "form filling",
    "ANNOTATIONS": "annotations",
    "OTHER": "other",
}


HEADER_KABUPATEN = re.compile(r"KABUPATEN/KOTA\s*:\s*[^\n]*\((\d{2})\.(\d{2})\)")
"""The kabupaten line every page's header prints: ``KABUPATEN/KOTA : KOTA SURABAYA (35.78)``."""


def _signed_revision(data: bytes, sig: Any) -> bytes | None:
    """The bytes a signature covers up to its end: the revision it signed (a later incremental
    update, such as a changed /Info, is not part of it)."""
    try:
        br = [int(x) for x in sig.sig_object["/ByteRange"]]
    except (KeyError, TypeError, ValueError, PdfError):
        return None
    if len(br) != 4 or min(br) < 0 or br[2] + br[3] > len(data):
        return None
    return data[: br[2] + br[3]]


def _page_kabupaten(revision: bytes) -> str | None:
    """The kabupaten named in the first page's printed header of a signed revision: the page
    content is covered by the signature, unlike /Info /Keywords, which a signer can blank and
    an incremental update can change as "allowed" validation data."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information

    try:
        doc = pdfium.PdfDocument(revision)
    except (pdfium.PdfiumError, ValueError):
        return None
    try:
        if len(doc) == 0:
            return None
        page = doc[0]
        text = page.get_textpage().get_text_range()
    except (pdfium.PdfiumError, ValueError, IndexError):
        return None
    finally:
        doc.close()
    m = HEADER_KABUPATEN.search(text)
    return m.group(1) + m.group(2) if m else None


def verify_pdf(
    data: bytes,
    trust: Sequence[x509.Certificate],
    crl: x509.CertificateRevocationList | None = None,
) -> PdfCheck:
    """Judge every signature of ``data`` (see the module docstring); never raises for a bad
    file: :attr:`PdfCheck.error` says what is wrong with it."""
    digest = hashlib.sha256(data).hexdigest()
    if not trust:
        raise InputError("NO_TRUST_ANCHOR")
    roots = [_asn1_cert(c) for c in trust]
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
        empty = tuple(
            name for name, value, _ in sig_fields.enumerate_sig_fields(reader) if value is None
        )
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as e:
        return PdfCheck(digest, (), (), None, f"not a readable PDF ({e})")
    if not embedded:
        return PdfCheck(digest, (), empty, None, "the file carries no digital signature")
    # The report's kabupaten comes from the first signature's signed revision, as printed.
    first_rev = _signed_revision(data, embedded[0])
    report_kab = _page_kabupaten(first_rev) if first_rev is not None else None

    def context() -> ValidationContext:
        if crl is not None:
            return ValidationContext(
                trust_roots=roots,
                crls=[_asn1_crl(crl)],
                allow_fetching=False,
                revocation_mode="require",
            )
        kwargs: dict[str, Any] = {
            "trust_roots": roots,
            "allow_fetching": False,
            "revocation_mode": "soft-fail",
        }
        try:
            return DocumentSecurityStore.read_dss(reader).as_validation_context(kwargs)
        except NoDSSFoundError:
            return ValidationContext(**kwargs)

    checks: list[SignatureCheck] = []
    for sig in embedded:
        name = sig.field_name
        try:
            status = _run(lambda sig=sig: async_validate_pdf_signature(sig, context()))  # type: ignore[misc]  # a default argument binds the loop variable
        except Exception as e:  # pyHanko raises many types for a damaged signature
            checks.append(
                SignatureCheck(
                    name,
                    "?",
                    "?",
                    None,
                    None,
                    False,
                    False,
                    False,
                    False,
                    crl is not None,
                    False,
                    "other",
                    False,
                    f"the signature cannot be read ({type(e).__name__}: {e})",
                )
            )
            continue
        cert = x509.load_der_x509_certificate(status.signing_cert.dump())
        kab = k.kabupaten_of(cert.subject)
        problem = None
        revision = _signed_revision(data, sig)
        signed_kab = _page_kabupaten(revision) if revision is not None else None
        if signed_kab is None:
            problem = "the signed revision names no kabupaten in its printed header"
        elif kab != signed_kab:
            problem = f"signed by {k.describe(cert)}, but the report is of kabupaten {signed_kab}"
        level = status.modification_level
        when = status.signer_reported_dt
        checks.append(
            SignatureCheck(
                field=name,
                signer=k.describe(cert),
                subject=cert.subject.rfc4514_string(),
                kabupaten=kab,
                signed_at=when.isoformat(timespec="seconds") if when else None,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                revoked=bool(status.revoked),
                revocation_checked=crl is not None,
                whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                changes_after=_CHANGES.get(level.name, level.name.lower()) if level else "none",
                changes_allowed=status.docmdp_ok is not False
                and status.coverage
                in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION),
                problem=problem,
            )
        )
    return PdfCheck(digest, tuple(checks), empty, report_kab)
