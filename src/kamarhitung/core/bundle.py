"""The export bundle format ``kamarhitung-bundle/1`` (BUNDLE.md): manifest, names, tar and age.

A bundle is an age file (X25519, to the province) whose plaintext is a POSIX ustar stream:
``MANIFEST.json``, its detached CMS signature ``MANIFEST.json.p7s``, then exactly the files the
manifest lists, in its order. This module is pure (files and bytes, no database):

* :func:`build_manifest` / :func:`parse_manifest`: the manifest, validated strictly on reading
  (every field typed, names safe and unique, sizes within :class:`Limits`);
* :func:`sign_manifest` / :func:`verify_manifest_signature`: the CMS SignedData (SHA-256, ECDSA),
  made with cryptography and checked with pyHanko against the province CA only, offline, with the
  CRL when one is given (``revocation_mode="require"``);
* :func:`write_bundle`: streams the tar into pyrage's ``encrypt_io`` through an OS pipe (pyrage
  holds the GIL in ``encrypt_file``; through a pipe the worst stall is milliseconds), the member
  data going from disk to the pipe with ``sendfile``, so memory stays flat whatever the size;
* :func:`read_bundle`: the reverse with ``decrypt_io``, reading the tar headers itself (ustar
  regular files only) so that order, names, types and sizes are checked before a byte of a member
  is accepted, and every member is hashed as it streams.

age authenticates each 64 KiB chunk but reports a truncated or changed file only when it reaches
that chunk, after earlier plaintext was released: a reader must stage what it receives and use it
only once :func:`read_bundle` has returned (the decryption then has completed without error).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import errno
import hashlib
import json
import logging
import os
import queue
import re
import stat
import tarfile
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, Protocol

import pyrage  # type: ignore[import-untyped]  # pyrage ships no type information
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7

from kamarhitung.core.keys import (
    AgeIdentity,
    KeyFileError,
    check_crl,
    crl_is_current,
    describe,
    issued_by,
    kabupaten_of,
    parse_recipients,
    recipient_objects,
)
from kamarhitung.core.refusal import CodedError, Param

FORMAT = "kamarhitung-bundle/1"
MANIFEST_NAME = "MANIFEST.json"
SIGNATURE_NAME = "MANIFEST.json.p7s"
EXTENSION = ".khb"
BLOCK = 512
RECORD = 20 * BLOCK
"""tar pads the archive to a multiple of this (as tarfile and GNU tar do)."""
USTAR_MAX_SIZE = 8**11 - 1
"""The largest member a ustar header can describe (11 octal digits): 8 GiB - 1."""
USTAR_MAX_NAME = 100
COPY_CHUNK = 1 << 20
PIPE_SIZE = 1 << 20

_NAME_PART = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_NAME = re.compile(rf"{_NAME_PART}(?:/{_NAME_PART}){{0,3}}")
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)
_CONTEST = re.compile(r"[a-z][a-z0-9_]{0,31}")
_HEX64 = re.compile(r"[0-9a-f]{64}")

for _name in ("pyhanko", "pyhanko_certvalidator"):
    # pyHanko logs whole tracebacks for expected failures (an untrusted or revoked signer):
    # the refusal is reported in one sentence instead.
    _lg = logging.getLogger(_name)
    if _lg.level == logging.NOTSET:
        _lg.setLevel(logging.CRITICAL)


class BundleError(CodedError):
    """A bundle refused: a refusal code of ``core/refusal.py`` and its parameters (one sentence
    saying why), and ``kind``, the family of the fault (``replay``, ``signature``, ``truncated``,
    ``name``, …), stable for programs that group refusals."""

    def __init__(self, code: str, kind: str = "invalid", /, **params: Param) -> None:
        super().__init__(code, **params)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Limits:
    """What a reader accepts before it stages a byte: the defence against oversized bundles."""

    max_manifest_bytes: int = 64 << 20
    max_signature_bytes: int = 1 << 20
    max_files: int = 1_000_000
    max_total_bytes: int = 256 << 30
    max_trailing_bytes: int = 1 << 20


DEFAULT_LIMITS = Limits()


# --- names ------------------------------------------------------------------------------------


def check_member_name(name: str) -> None:
    """Refuse a member name that is not a short, relative POSIX path of plain components.

    Allowed: ``data/results.jsonl``, ``images/<sha256>.jpg``. Refused: absolute paths, ``..``,
    ``.``, empty components, backslashes, hidden or odd characters, Windows device names."""
    if not isinstance(name, str) or not name:
        raise BundleError("MEMBER_NAME_EMPTY", "name")
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise BundleError("MEMBER_NAME_ABSOLUTE", "name", name=name)
    parts = name.split("/")
    if ".." in parts or "\\" in name:
        raise BundleError("MEMBER_NAME_CLIMBS", "name", name=name)
    if len(name.encode("utf-8")) > USTAR_MAX_NAME or not _NAME.fullmatch(name):
        raise BundleError("MEMBER_NAME_NOT_PLAIN", "name", name=name)
    if any(p.split(".")[0].upper() in _WINDOWS_RESERVED for p in parts):
        raise BundleError("MEMBER_NAME_DEVICE", "name", name=name)


# --- the manifest -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One payload member as the manifest lists it."""

    path: str
    size: int
    sha256: str

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class ContestSummary:
    tps_total: int
    tps_final: int
    fingerprint: str

    def to_json(self) -> dict[str, object]:
        return {
            "tps_total": self.tps_total,
            "tps_final": self.tps_final,
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True)
class Manifest:
    """A parsed, validated manifest."""

    bundle_id: str
    sequence: int
    kabupaten: str
    kabupaten_name: str
    election: str
    created_at: str
    software: Mapping[str, str]
    recipient: str
    summary: Mapping[str, ContestSummary]
    files: tuple[FileEntry, ...]
    format: str = FORMAT
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)

    def file(self, path: str) -> FileEntry | None:
        for f in self.files:
            if f.path == path:
                return f
        return None

    def to_json(self) -> dict[str, object]:
        return {
            **self.extra,
            "format": self.format,
            "bundle_id": self.bundle_id,
            "sequence": self.sequence,
            "kabupaten": self.kabupaten,
            "kabupaten_name": self.kabupaten_name,
            "election": self.election,
            "created_at": self.created_at,
            "software": dict(self.software),
            "recipient": self.recipient,
            "summary": {c: s.to_json() for c, s in sorted(self.summary.items())},
            "files": [f.to_json() for f in self.files],
        }

    def to_bytes(self) -> bytes:
        """UTF-8 JSON, keys sorted, one key per line (readable after ``tar -x``)."""
        text = json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False, indent=1)
        return (text + "\n").encode("utf-8")


def build_manifest(
    *,
    sequence: int,
    kabupaten: str,
    kabupaten_name: str,
    election: str,
    created_at: str,
    software: Mapping[str, str],
    recipient: str,
    summary: Mapping[str, ContestSummary],
    files: Sequence[FileEntry],
    bundle_id: str | None = None,
    extra: Mapping[str, object] | None = None,
) -> Manifest:
    """A new manifest (validated by a round trip through :func:`parse_manifest`). ``extra``
    holds further top-level keys (``audit_head``: the chain head the bundle's trail ends at)."""
    m = Manifest(
        bundle_id=bundle_id or str(uuid.uuid4()),
        sequence=sequence,
        kabupaten=kabupaten,
        kabupaten_name=kabupaten_name,
        election=election,
        created_at=created_at,
        software=dict(software),
        recipient=recipient,
        summary=dict(summary),
        files=tuple(files),
        extra=dict(extra or {}),
    )
    parse_manifest(m.to_bytes())
    return m


AUDIT_HEAD_KEY = "audit_head"


def audit_head(m: Manifest) -> tuple[int, str] | None:
    """The audit chain head a manifest carries (``{"seq": N, "hash": H}``), None if it carries
    none (a bundle older than the key); :class:`BundleError` if it is malformed."""
    raw = m.extra.get(AUDIT_HEAD_KEY)
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"seq", "hash"}:
        raise BundleError(
            "MANIFEST_FIELD_SHAPE", "manifest", field="audit_head", shape="{seq, hash}"
        )
    seq = _int(raw["seq"], "audit_head.seq", 0)
    h = _str(raw["hash"], "audit_head.hash", 64)
    if not re.fullmatch(r"[0-9a-f]{64}", h):
        raise BundleError("MANIFEST_NOT_HASH", "manifest", field="audit_head.hash")
    return seq, h


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise BundleError("MANIFEST_KEY_TWICE", "manifest", key=k)
        out[k] = v
    return out


def _bad_constant(name: str) -> Any:
    raise BundleError("MANIFEST_NON_NUMBER", "manifest", name=name)


def _int(v: object, what: str, lo: int = 0, hi: int = 2**53) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
        raise BundleError("MANIFEST_NOT_INTEGER", "manifest", field=what, lo=lo, hi=hi)
    return v


def _str(v: object, what: str, max_len: int = 500) -> str:
    if not isinstance(v, str) or len(v) > max_len:
        raise BundleError("MANIFEST_NOT_TEXT", "manifest", field=what, max=max_len)
    return v


REQUIRED_KEYS = (
    "format",
    "bundle_id",
    "sequence",
    "kabupaten",
    "kabupaten_name",
    "election",
    "created_at",
    "software",
    "recipient",
    "summary",
    "files",
)


def parse_manifest(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Manifest:
    """The manifest of ``data``, every field checked; :class:`BundleError` names the first fault."""
    if len(data) > limits.max_manifest_bytes:
        raise BundleError("MANIFEST_TOO_LARGE", "manifest")
    try:
        text = data.decode("utf-8")
        obj = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_bad_constant)
    except UnicodeDecodeError:
        raise BundleError("MANIFEST_BAD_ENCODING", "manifest") from None
    except json.JSONDecodeError as e:
        raise BundleError("MANIFEST_NOT_JSON", "manifest", line=e.lineno) from None
    except RecursionError:
        raise BundleError("MANIFEST_TOO_DEEP", "manifest") from None
    if not isinstance(obj, dict):
        raise BundleError("MANIFEST_NOT_OBJECT", "manifest")
    fmt = obj.get("format")
    if fmt != FORMAT:
        raise BundleError("MANIFEST_UNKNOWN_FORMAT", "format", format=repr(fmt), known=FORMAT)
    missing = [k for k in REQUIRED_KEYS if k not in obj]
    if missing:
        raise BundleError("MANIFEST_LACKS", "manifest", keys=", ".join(missing))
    bundle_id = _str(obj["bundle_id"], "bundle_id", 36)
    try:
        if str(uuid.UUID(bundle_id)) != bundle_id:
            raise ValueError
    except ValueError:
        raise BundleError(
            "MANIFEST_FIELD_SHAPE", "manifest", field="bundle_id", shape="UUID"
        ) from None
    sequence = _int(obj["sequence"], "sequence", 1)
    kabupaten = _str(obj["kabupaten"], "kabupaten", 4)
    if not re.fullmatch(r"\d{4}", kabupaten):
        raise BundleError("MANIFEST_FIELD_SHAPE", "manifest", field="kabupaten", shape="NNNN")
    created_at = _str(obj["created_at"], "created_at", 40)
    try:
        if dt.datetime.fromisoformat(created_at).tzinfo is None:
            raise ValueError
    except ValueError:
        raise BundleError(
            "MANIFEST_FIELD_SHAPE", "manifest", field="created_at", shape="ISO 8601 + offset"
        ) from None
    software = obj["software"]
    if (
        not isinstance(software, dict)
        or not all(isinstance(v, str) and len(v) <= 100 for v in software.values())
        or not isinstance(software.get("name"), str)
    ):
        raise BundleError(
            "MANIFEST_FIELD_SHAPE", "manifest", field="software", shape="{name, version}"
        )
    recipient = _str(obj["recipient"], "recipient", 200)
    try:
        parse_recipients(recipient, what="recipient")
    except KeyFileError:
        raise BundleError(
            "MANIFEST_FIELD_SHAPE", "manifest", field="recipient", shape="age1…"
        ) from None
    summary = _parse_summary(obj["summary"])
    files = _parse_files(obj["files"], limits)
    extra = {k: v for k, v in obj.items() if k not in REQUIRED_KEYS}
    m = Manifest(
        bundle_id=bundle_id,
        sequence=sequence,
        kabupaten=kabupaten,
        kabupaten_name=_str(obj["kabupaten_name"], "kabupaten_name", 200),
        election=_str(obj["election"], "election"),
        created_at=created_at,
        software=software,
        recipient=recipient,
        summary=summary,
        files=files,
        extra=extra,
    )
    audit_head(m)
    return m


def _parse_summary(raw: object) -> dict[str, ContestSummary]:
    if not isinstance(raw, dict) or len(raw) > 16:
        raise BundleError("MANIFEST_FIELD_SHAPE", "manifest", field="summary", shape="{contest: …}")
    out: dict[str, ContestSummary] = {}
    for cid, s in raw.items():
        if not _CONTEST.fullmatch(cid) or not isinstance(s, dict):
            raise BundleError("MANIFEST_FIELD_MALFORMED", "manifest", field=f"summary.{cid}")
        total = _int(s.get("tps_total"), f"summary.{cid}.tps_total")
        final = _int(s.get("tps_final"), f"summary.{cid}.tps_final", 0, total)
        fp = s.get("fingerprint")
        if not isinstance(fp, str) or not _HEX64.fullmatch(fp):
            raise BundleError("MANIFEST_NOT_HASH", "manifest", field=f"summary.{cid}.fingerprint")
        out[cid] = ContestSummary(total, final, fp)
    return out


def _parse_files(raw: object, limits: Limits) -> tuple[FileEntry, ...]:
    if not isinstance(raw, list):
        raise BundleError("MANIFEST_FIELD_SHAPE", "manifest", field="files", shape="[…]")
    if len(raw) > limits.max_files:
        raise BundleError("MANIFEST_TOO_MANY_FILES", "limit", count=len(raw), max=limits.max_files)
    out: list[FileEntry] = []
    seen: set[str] = set()
    dirs: set[str] = set()
    total = 0
    for i, f in enumerate(raw, 1):
        if not isinstance(f, dict) or set(f) != {"path", "size", "sha256"}:
            raise BundleError(
                "MANIFEST_FIELD_SHAPE", "manifest", field=f"file {i}", shape="{path, size, sha256}"
            )
        path = f["path"]
        if not isinstance(path, str):
            raise BundleError(
                "MANIFEST_FIELD_SHAPE", "manifest", field=f"file {i}", shape="{path, size, sha256}"
            )
        check_member_name(path)
        if path in (MANIFEST_NAME, SIGNATURE_NAME):
            raise BundleError("MANIFEST_LISTS_ITSELF", "manifest", path=path)
        key = path.casefold()
        if key in seen:
            raise BundleError("MANIFEST_LISTS_TWICE", "manifest", path=path)
        seen.add(key)
        parents = key.split("/")
        for n in range(1, len(parents)):
            dirs.add("/".join(parents[:n]))
        size = _int(f["size"], f"files[{path}].size", 0, USTAR_MAX_SIZE)
        sha = f["sha256"]
        if not isinstance(sha, str) or not _HEX64.fullmatch(sha):
            raise BundleError("MANIFEST_NOT_HASH", "manifest", field=f"files[{path}].sha256")
        total += size
        out.append(FileEntry(path, size, sha))
    clash = seen & dirs
    if clash:
        raise BundleError("MANIFEST_FILE_AND_FOLDER", "manifest", path=sorted(clash)[0])
    if total > limits.max_total_bytes:
        raise BundleError(
            "MANIFEST_TOO_MANY_BYTES",
            "limit",
            total=f"{total:,}",
            max=f"{limits.max_total_bytes:,}",
        )
    return tuple(out)


# --- the signature ----------------------------------------------------------------------------


def sign_manifest(
    manifest: bytes, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate
) -> bytes:
    """A detached CMS SignedData (DER, SHA-256) over the exact bytes, carrying ``cert``."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(manifest)
        .add_signer(cert, key, hashes.SHA256())
        .sign(
            serialization.Encoding.DER,
            [
                pkcs7.PKCS7Options.DetachedSignature,
                pkcs7.PKCS7Options.Binary,
                pkcs7.PKCS7Options.NoCapabilities,
            ],
        )
    )


def _run_coroutine(factory: Callable[[], Any]) -> Any:
    """Run ``factory()``'s coroutine to completion: pyHanko's API is async; a caller inside an
    event loop gets it run on a worker thread instead of a nested ``asyncio.run``."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(factory())
    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        return ex.submit(lambda: asyncio.run(factory())).result()


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    """Who signed a manifest, once the signature is verified."""

    signer: x509.Certificate
    kabupaten: str | None
    revocation_checked: bool


def verify_manifest_signature(
    manifest: bytes,
    p7s: bytes,
    ca: x509.Certificate,
    crl: x509.CertificateRevocationList | None,
    now: dt.datetime,
) -> SignatureInfo:
    """Check the detached signature of ``manifest`` and chain its signer to ``ca`` (offline).

    With ``crl`` the signer must be covered by it and not revoked (pyHanko ``require``); without
    one, revocation is not checked (``revocation_checked`` is False). Raises :class:`BundleError`
    with one sentence: not a signature, manifest changed, signer not from this CA, revoked..."""
    from asn1crypto import cms as a_cms  # type: ignore[import-untyped]  # no type information
    from asn1crypto import x509 as a_x509
    from pyhanko.sign.validation import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    try:
        info = a_cms.ContentInfo.load(p7s, strict=True)
        if info["content_type"].native != "signed_data":
            raise ValueError
        signed = info["content"]
        n_signers = len(signed["signer_infos"])
        certs = [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
    except Exception:  # asn1crypto raises ValueError, TypeError... on malformed DER
        raise BundleError("SIGNATURE_NOT_CMS", "signature") from None
    if n_signers != 1 or not certs:
        raise BundleError("SIGNATURE_NOT_ONE_SIGNER", "signature")
    if crl is not None:
        try:
            check_crl(crl, ca, what="crl.pem")
        except KeyFileError as e:
            raise BundleError(e.code, "crl", **e.params) from None
        if not crl_is_current(crl, now):
            raise BundleError("CRL_EXPIRED", "crl", date=f"{crl.next_update_utc:%Y-%m-%d}")
    vc = ValidationContext(
        trust_roots=[a_x509.Certificate.load(ca.public_bytes(serialization.Encoding.DER))],
        allow_fetching=False,
        crls=[crl.public_bytes(serialization.Encoding.DER)] if crl is not None else [],
        revocation_mode="require" if crl is not None else "soft-fail",
        moment=now,
    )
    try:
        status = _run_coroutine(
            lambda: async_validate_detached_cms(manifest, signed, signer_validation_context=vc)
        )
    except Exception:  # pyHanko raises on structurally odd signatures
        raise BundleError("SIGNATURE_UNREADABLE", "signature") from None
    signer_asn1 = status.signing_cert
    if signer_asn1 is None:
        raise BundleError("SIGNATURE_NO_CERTIFICATE", "signature")
    try:
        # A damaged certificate inside the signature surfaces here as ValueError or TypeError
        # (found by bench/fuzz.py): a refusal like any other, not a crash.
        signer = x509.load_der_x509_certificate(signer_asn1.dump())
        who = describe(signer)
        valid_from, valid_to = signer.not_valid_before_utc, signer.not_valid_after_utc
        from_this_ca = issued_by(signer, ca)
    except (ValueError, TypeError):
        raise BundleError("SIGNATURE_DAMAGED_CERTIFICATE", "signature") from None
    if not status.intact:
        raise BundleError("SIGNATURE_MISMATCH", "signature")
    if not status.valid:
        raise BundleError("SIGNATURE_INVALID", "signature")
    if not from_this_ca:
        raise BundleError("SIGNER_NOT_FROM_CA", "untrusted", signer=who)
    if getattr(status, "revoked", False):
        raise BundleError("SIGNER_REVOKED", "revoked", signer=who)
    if not status.trusted:
        if now > valid_to or now < valid_from:
            raise BundleError(
                "SIGNER_NOT_VALID_NOW",
                "untrusted",
                signer=who,
                start=f"{valid_from:%Y-%m-%d}",
                end=f"{valid_to:%Y-%m-%d}",
            )
        problem = getattr(status.trust_problem_indic, "name", "unknown")
        raise BundleError(
            "SIGNER_NOT_TRUSTED", "untrusted", signer=who, problem=problem.lower().replace("_", " ")
        )
    return SignatureInfo(signer, kabupaten_of(signer.subject), crl is not None)


# --- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberSource:
    """A payload member to stream from a file on disk, hashed beforehand (:func:`stage_file`)."""

    path: str
    file: Path
    size: int
    sha256: str
    stamp: tuple[int, int, int]
    """(inode, size, mtime_ns) when hashed: a file that changes before it is streamed is refused."""

    @property
    def entry(self) -> FileEntry:
        return FileEntry(self.path, self.size, self.sha256)


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def stage_file(path: str, file: Path) -> MemberSource:
    """Hash a file by streaming it; the member that will carry it."""
    check_member_name(path)
    h = hashlib.sha256()
    with open(file, "rb", buffering=0) as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise BundleError("SOURCE_NOT_REGULAR", "source", file=str(file))
        buf = bytearray(COPY_CHUNK)
        view = memoryview(buf)
        size = 0
        while n := f.readinto(buf):
            h.update(view[:n])
            size += n
    if size != st.st_size or size > USTAR_MAX_SIZE:
        raise BundleError("SOURCE_CHANGED_OR_LARGE", "source", file=str(file))
    return MemberSource(path, file, size, h.hexdigest(), _stamp(st))


def _set_pipe_size(fd: int) -> None:
    fcntl_setpipe = 1031  # F_SETPIPE_SZ (Linux); elsewhere the default size is kept
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl_setpipe, PIPE_SIZE)
    except (ImportError, OSError):
        pass


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _header(name: str, size: int, mtime: int) -> bytes:
    ti = tarfile.TarInfo(name)
    ti.size = size
    ti.mtime = mtime
    ti.mode = 0o644
    ti.type = tarfile.REGTYPE
    ti.uname = ti.gname = ""
    return ti.tobuf(tarfile.USTAR_FORMAT, "utf-8", "strict")


def _send_file(fd: int, src: MemberSource) -> None:
    """Copy a member's bytes into the pipe (``sendfile`` where the OS allows it)."""
    with open(src.file, "rb", buffering=0) as f:
        if _stamp(os.fstat(f.fileno())) != src.stamp:
            raise BundleError("SOURCE_CHANGED_AFTER_HASH", "source", file=str(src.file))
        left = src.size
        offset = 0
        use_sendfile = hasattr(os, "sendfile")
        buf = bytearray(COPY_CHUNK)
        while left > 0:
            if use_sendfile:
                try:
                    n = os.sendfile(fd, f.fileno(), offset, min(left, 1 << 30))
                except OSError as e:
                    if e.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
                        raise
                    use_sendfile = False
                    continue
            else:
                f.seek(offset)
                n = f.readinto(buf[: min(left, COPY_CHUNK)])
                if n:
                    _write_all(fd, memoryview(buf)[:n])
            if n == 0:
                raise BundleError("SOURCE_SHORTER", "source", file=str(src.file))
            offset += n
            left -= n
        if _stamp(os.fstat(f.fileno())) != src.stamp:
            raise BundleError("SOURCE_CHANGED_WRITING", "source", file=str(src.file))


class _HashingWriter:
    """The output file as pyrage sees it. It counts what is written and keeps the first OS
    error (a full drive), so that it can be reported as such rather than as pyrage's wrapper.
    It also hashes the output on a thread of its own: hashlib releases the GIL, and the hash
    then stays off the encrypting thread's path."""

    def __init__(self, f: BinaryIO) -> None:
        self._f = f
        self._sha = hashlib.sha256()
        self.size = 0
        self.error: OSError | None = None
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=64)
        self._hasher = threading.Thread(target=self._hash, name="bundle-hash", daemon=True)
        self._hasher.start()

    def _hash(self) -> None:
        while (data := self._queue.get()) is not None:
            self._sha.update(data)

    def write(self, data: bytes) -> int:
        try:
            n = self._f.write(data)
        except OSError as e:
            self.error = self.error or e
            raise
        self._queue.put(bytes(data))  # pyrage passes bytes: no copy then
        self.size += len(data)
        return n

    def flush(self) -> None:
        try:
            self._f.flush()
        except OSError as e:
            self.error = self.error or e
            raise

    def digest(self) -> str:
        """The SHA-256 of everything written (ends the hashing thread)."""
        self._queue.put(None)
        self._hasher.join()
        return self._sha.hexdigest()


@dataclass(frozen=True, slots=True)
class WrittenBundle:
    sha256: str
    size: int
    plaintext_size: int


def write_bundle(
    out: BinaryIO,
    recipients: Sequence[str],
    manifest: bytes,
    signature: bytes,
    members: Sequence[MemberSource],
    *,
    mtime: int,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> WrittenBundle:
    """Stream the bundle into ``out``: tar (manifest, signature, members in order) → age.

    The tar is written into an OS pipe whose other end a thread hands to ``pyrage.encrypt_io``;
    member bytes go from disk to the pipe without passing through Python objects. On any error
    the pipe is closed, the thread joined, and the error raised (the caller removes ``out``)."""
    writer = _HashingWriter(out)
    rfd, wfd = os.pipe()
    _set_pipe_size(wfd)
    errors: list[BaseException] = []
    recips = recipient_objects(recipients)

    def encrypt() -> None:
        reader = os.fdopen(rfd, "rb", buffering=PIPE_SIZE)
        try:
            pyrage.encrypt_io(reader, writer, recips)
        except BaseException as e:  # reported by the main thread
            errors.append(e)
        finally:
            reader.close()

    thread = threading.Thread(target=encrypt, name="bundle-encrypt", daemon=True)
    thread.start()
    total = len(manifest) + len(signature) + sum(m.size for m in members)
    done = 0
    plain = 0
    failure: BaseException | None = None
    try:
        for name, data in ((MANIFEST_NAME, manifest), (SIGNATURE_NAME, signature)):
            chunk = _header(name, len(data), mtime) + data + b"\0" * (-len(data) % BLOCK)
            _write_all(wfd, chunk)
            plain += len(chunk)
            done += len(data)
        for m in members:
            if cancelled is not None and cancelled():
                raise BundleError("EXPORT_CANCELLED", "cancelled")
            _write_all(wfd, _header(m.path, m.size, mtime))
            _send_file(wfd, m)
            pad = -m.size % BLOCK
            if pad:
                _write_all(wfd, b"\0" * pad)
            plain += BLOCK + m.size + pad
            done += m.size
            if progress is not None:
                progress(done, total)
        end = 2 * BLOCK
        end += -(plain + end) % RECORD
        _write_all(wfd, b"\0" * end)
        plain += end
    except BaseException as e:
        failure = e
    finally:
        os.close(wfd)
        thread.join()
    digest = writer.digest()
    if writer.error is not None:
        raise writer.error
    if errors:
        err = errors[0]
        if isinstance(err, OSError):
            raise err
        raise OSError(errno.EIO, f"encryption failed: {err}")
    if failure is not None:
        raise failure
    return WrittenBundle(digest, writer.size, plain)


# --- reading ----------------------------------------------------------------------------------


class MemberWriter(Protocol):
    def write(self, data: bytes | memoryview, /) -> object: ...

    def close(self) -> None: ...


OpenMember = Callable[[FileEntry], MemberWriter | None]
CheckManifest = Callable[[Manifest, bytes, bytes], None]


class _HashingReader:
    """The bundle file as pyrage reads it, hashed on a thread of its own (see _HashingWriter)."""

    def __init__(self, f: BinaryIO) -> None:
        self._f = f
        self._sha = hashlib.sha256()
        self.size = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=256)
        self._hasher = threading.Thread(target=self._hash, name="bundle-hash", daemon=True)
        self._hasher.start()

    def _hash(self) -> None:
        while (data := self._queue.get()) is not None:
            self._sha.update(data)

    def read(self, n: int = -1) -> bytes:
        data = self._f.read(n)
        self._queue.put(data)
        self.size += len(data)
        return data

    def digest(self) -> str:
        """The SHA-256 of everything read (ends the hashing thread)."""
        self._queue.put(None)
        self._hasher.join()
        return self._sha.hexdigest()


class _PipeWriter:
    """The decrypting thread's output: remembers whether the reader went away (a refusal of
    ours), which makes the thread's own error a consequence rather than the cause."""

    def __init__(self, fd: int) -> None:
        self._f = os.fdopen(fd, "wb", buffering=PIPE_SIZE)
        self.reader_gone = False

    def write(self, data: bytes) -> int:
        try:
            return self._f.write(data)
        except BrokenPipeError:
            self.reader_gone = True
            raise

    def flush(self) -> None:
        try:
            self._f.flush()
        except BrokenPipeError:
            self.reader_gone = True
            raise

    def close(self) -> None:
        try:
            self._f.close()
        except BrokenPipeError:
            self.reader_gone = True


_TYPE_WORDS = {
    tarfile.SYMTYPE: "a symbolic link",
    tarfile.LNKTYPE: "a hard link",
    tarfile.CHRTYPE: "a character device",
    tarfile.BLKTYPE: "a block device",
    tarfile.FIFOTYPE: "a pipe",
    tarfile.DIRTYPE: "a folder",
    tarfile.CONTTYPE: "a contiguous file",
    tarfile.XHDTYPE: "an extended (pax) header",
    tarfile.XGLTYPE: "a global extended header",
    tarfile.SOLARIS_XHDTYPE: "an extended header",
    tarfile.GNUTYPE_LONGNAME: "a GNU long name",
    tarfile.GNUTYPE_LONGLINK: "a GNU long link",
    tarfile.GNUTYPE_SPARSE: "a sparse file",
}


class _TarReader:
    """A strict ustar reader: regular files only, headers checked before their data is read."""

    def __init__(self, f: BinaryIO) -> None:
        self._f = f
        self.offset = 0
        self._buf = bytearray(COPY_CHUNK)

    def _read_exact(self, n: int, what: str) -> bytes:
        data = self._f.read(n)
        if len(data) != n:
            raise BundleError("BUNDLE_ENDS_IN", "truncated", what=what)
        self.offset += n
        return data

    def next_header(self) -> tarfile.TarInfo | None:
        """The next member's header, or None at the end-of-archive marker."""
        at = self.offset
        block = self._read_exact(BLOCK, "the archive (no end marker)")
        if block.count(0) == BLOCK:
            if self._read_exact(BLOCK, "the end marker").count(0) != BLOCK:
                raise BundleError("TAR_END_DAMAGED", "tar")
            return None
        try:
            ti = tarfile.TarInfo.frombuf(block, "utf-8", "strict")
        except (tarfile.HeaderError, UnicodeDecodeError, ValueError):
            raise BundleError("TAR_HEADER_DAMAGED", "tar", at=at) from None
        if ti.type not in (tarfile.REGTYPE, tarfile.AREGTYPE):
            word = _TYPE_WORDS.get(ti.type, f"type {ti.type!r}")
            raise BundleError("MEMBER_NOT_REGULAR", "member-type", name=ti.name, type=word)
        if block[257:263] != b"ustar\x00":
            raise BundleError("TAR_NOT_USTAR", "tar", at=at)
        return ti

    def copy(self, size: int, name: str, sink: MemberWriter | None) -> str:
        """Read ``size`` bytes of member data (and its padding); its SHA-256, hex."""
        h = hashlib.sha256()
        left = size
        view = memoryview(self._buf)
        while left:
            want = min(left, COPY_CHUNK)
            n = self._f.readinto(view[:want])  # type: ignore[attr-defined]  # buffered reader
            if not n:
                raise BundleError("BUNDLE_ENDS_IN", "truncated", what=name)
            chunk = view[:n]
            h.update(chunk)
            if sink is not None:
                try:
                    sink.write(chunk)
                except OSError as e:
                    raise BundleError(
                        "MEMBER_NOT_STAGED", "space", name=name, detail=str(e.strerror or e)
                    ) from None
            left -= n
            self.offset += n
        pad = -size % BLOCK
        if pad:
            self._read_exact(pad, name)
        return h.hexdigest()

    def read_small(self, size: int, name: str) -> bytes:
        data = self._read_exact(size, name)
        pad = -size % BLOCK
        if pad:
            self._read_exact(pad, name)
        return data

    def drain(self, limit: int) -> None:
        """What follows the end marker: zero padding only, and not much of it."""
        seen = 0
        while True:
            data = self._f.read(COPY_CHUNK)
            if not data:
                return
            seen += len(data)
            if data.count(0) != len(data):
                raise BundleError("TAR_TRAILING_DATA", "tar")
            if seen > limit:
                raise BundleError("TAR_TOO_MUCH_PADDING", "tar")


@dataclass(frozen=True)
class ReadBundle:
    """A bundle read to the end without a fault."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    sha256: str
    size: int


def _decrypt_refusal(err: BaseException) -> BundleError:
    # pyrage says what went wrong only in its message: read here, once, and turned into a code.
    text = str(err)
    if "No matching keys" in text:
        return BundleError("BUNDLE_NOT_FOR_IDENTITY", "recipient")
    if "truncated" in text:
        return BundleError("BUNDLE_TRUNCATED", "truncated")
    if isinstance(err, OSError) or "decryption error" in text:
        # A cut inside a chunk fails that chunk's authentication: it cannot be told from damage.
        return BundleError("BUNDLE_DAMAGED", "damaged")
    return BundleError("BUNDLE_NOT_AGE", "damaged")


def read_bundle(
    src: BinaryIO,
    identities: Sequence[AgeIdentity],
    *,
    check_manifest: CheckManifest,
    open_member: OpenMember | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ReadBundle:
    """Decrypt and read a bundle as a stream, refusing at the first fault.

    ``check_manifest(manifest, manifest_bytes, signature)`` runs once the manifest and its
    signature are read and before any payload byte is handed out: it verifies them and raises
    :class:`BundleError` to refuse. ``open_member(entry)`` gives where each member's bytes go
    (None: hashed only). Raises :class:`BundleError`; only when this returns has the whole file
    decrypted and authenticated, so what was handed out may then be used."""
    hashing = _HashingReader(src)
    rfd, wfd = os.pipe()
    _set_pipe_size(wfd)
    pipe_out = _PipeWriter(wfd)
    errors: list[BaseException] = []
    idents = [i.raw for i in identities]

    def decrypt() -> None:
        try:
            pyrage.decrypt_io(hashing, pipe_out, idents)
        except BaseException as e:  # reported by the main thread
            errors.append(e)
        finally:
            pipe_out.close()

    thread = threading.Thread(target=decrypt, name="bundle-decrypt", daemon=True)
    thread.start()
    reader = os.fdopen(rfd, "rb", buffering=PIPE_SIZE)
    refusal: BundleError | None = None
    result: tuple[Manifest, bytes, bytes] | None = None
    try:
        result = _read_members(_TarReader(reader), check_manifest, open_member, limits)
    except BundleError as e:
        refusal = e
    finally:
        reader.close()  # a refusal leaves the decrypting thread writing to nobody: release it
        thread.join()
    digest = hashing.digest()
    if errors and not pipe_out.reader_gone:
        raise _decrypt_refusal(errors[0])
    if refusal is not None:
        raise refusal
    if errors:
        raise _decrypt_refusal(errors[0])
    assert result is not None
    manifest, manifest_bytes, signature = result
    return ReadBundle(manifest, manifest_bytes, signature, digest, hashing.size)


def _expect(tar: _TarReader, name: str, limit: int) -> bytes:
    ti = tar.next_header()
    if ti is None:
        raise BundleError("BUNDLE_HOLDS_NO", "missing", name=name)
    if ti.name != name:
        raise BundleError("BUNDLE_STARTS_WITH", "order", found=ti.name, name=name)
    if ti.size > limit:
        raise BundleError("MEMBER_OVER_LIMIT", "limit", name=name, limit=f"{limit:,}")
    return tar.read_small(ti.size, name)


def _read_members(
    tar: _TarReader,
    check_manifest: CheckManifest,
    open_member: OpenMember | None,
    limits: Limits,
) -> tuple[Manifest, bytes, bytes]:
    manifest_bytes = _expect(tar, MANIFEST_NAME, limits.max_manifest_bytes)
    signature = _expect(tar, SIGNATURE_NAME, limits.max_signature_bytes)
    manifest = parse_manifest(manifest_bytes, limits)
    check_manifest(manifest, manifest_bytes, signature)
    listed = {f.path: i for i, f in enumerate(manifest.files)}
    for i, entry in enumerate(manifest.files):
        ti = tar.next_header()
        if ti is None:
            raise BundleError("MEMBER_MISSING", "missing", name=entry.path)
        if ti.name != entry.path:
            _wrong_member(ti.name, entry.path, listed, i)
        if ti.size > entry.size:
            raise BundleError(
                "MEMBER_LARGER",
                "size",
                name=entry.path,
                size=f"{ti.size:,}",
                declared=f"{entry.size:,}",
            )
        if ti.size < entry.size:
            raise BundleError(
                "MEMBER_SMALLER",
                "size",
                name=entry.path,
                size=f"{ti.size:,}",
                declared=f"{entry.size:,}",
            )
        try:
            sink = open_member(entry) if open_member is not None else None
        except OSError as e:
            raise BundleError(
                "MEMBER_NOT_STAGED", "space", name=entry.path, detail=str(e.strerror or e)
            ) from None
        try:
            digest = tar.copy(entry.size, entry.path, sink)
        finally:
            if sink is not None:
                sink.close()
        if digest != entry.sha256:
            raise BundleError("MEMBER_HASH_MISMATCH", "hash", name=entry.path)
    ti = tar.next_header()
    if ti is not None:
        _wrong_member(ti.name, None, listed, len(manifest.files))
    tar.drain(limits.max_trailing_bytes)
    return manifest, manifest_bytes, signature


def _wrong_member(name: str, expected: str | None, listed: Mapping[str, int], at: int) -> NoReturn:
    if name in (MANIFEST_NAME, SIGNATURE_NAME) or (name in listed and listed[name] < at):
        raise BundleError("MEMBER_TWICE", "twice", name=name)
    if name in listed:
        raise BundleError("MEMBER_OUT_OF_ORDER", "order", name=name, expected=str(expected))
    try:
        check_member_name(name)
    except BundleError as e:
        raise BundleError(e.code, "name", **e.params) from None
    raise BundleError("MEMBER_UNLISTED", "unlisted", name=name)
