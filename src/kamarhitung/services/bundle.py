"""The export bundle for the province (BUNDLE.md): export from a kabupaten workspace, verify.

Export, in three passes so that memory stays flat whatever the size:

1. **staging**: in one read snapshot of the database, the data files are written to a staging
   folder inside the workspace (plaintext that the workspace already holds, never on the target
   drive), and hashed; images are hashed by streaming them from the image store (each must
   match its content address);
2. **manifest**: sizes and SHA-256 of every member, the per-contest summary (TPS total, TPS
   final, recap fingerprint), the sequence (reserved in ``meta`` in its own transaction so two
   exports never share one), signed with the workspace key (detached CMS);
3. **streaming**: MANIFEST.json, MANIFEST.json.p7s, then the members in order, as a tar written
   into age through an OS pipe (:func:`kamarhitung.core.bundle.write_bundle`), into a temporary
   file beside the target that is renamed into place only when complete and synced; any
   failure (a full drive: ENOSPC) removes it and says so.

Payload (see :data:`DATA_FILES`): ``data/contests.json`` (contests, their form's fields in order,
candidate pairs), ``data/regions.jsonl``, ``data/results.jsonl`` (one line per TPS and contest:
state, final values, findings, DPT), ``data/entries.jsonl`` (every entry version with its user,
slot and time), ``data/resolutions.jsonl``, ``data/images.jsonl`` (form images and their
provenance), ``data/recap-<contest>.json`` (INTERFACES.md "Recap JSON" at every level, under
``levels``), ``reports/*.pdf`` (the signed reports found in ``DIR/reports/``),
``audit/audit.jsonl`` (the audit chain, verifiable) and, with images, ``images/<sha256>.<ext>``.

The recap is computed with ``core.recap`` from the same snapshot as ``results.jsonl`` (see
:func:`_recap_payload`), so the fingerprint in the manifest is always the one the province
recomputes from the per-TPS lines; on a quiescent workspace it equals ``services.recap``'s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from cryptography import x509

from kamarhitung import __version__
from kamarhitung.core import keys as k
from kamarhitung.core.bundle import (
    AUDIT_HEAD_KEY,
    DEFAULT_LIMITS,
    EXTENSION,
    BundleError,
    ContestSummary,
    Limits,
    Manifest,
    MemberSource,
    OpenMember,
    build_manifest,
    read_bundle,
    sign_manifest,
    stage_file,
    verify_manifest_signature,
    write_bundle,
)
from kamarhitung.core.model import Level, Region, Role
from kamarhitung.core.recap import (
    EMPTY,
    RECAP_LEVELS,
    STATE_CODE,
    IntArray,
    Recap,
    RegionTree,
    StateArray,
    aggregate_arrays,
)
from kamarhitung.services.audit import GENESIS, append_event
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    ServiceError,
    iso,
    require_role,
)
from kamarhitung.services.integrity import require_intact
from kamarhitung.services.keys import load_signing_identity
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.dialect import Cursor
from kamarhitung.store.files import fsync_dir
from kamarhitung.store.models import Meta

SEQUENCE_KEY = "bundle.sequence"
RECAP_FORMAT = "kamarhitung-recap/1"
DATA_FILES = (
    "data/contests.json",
    "data/regions.jsonl",
    "data/results.jsonl",
    "data/entries.jsonl",
    "data/resolutions.jsonl",
    "data/images.jsonl",
)
AUDIT_FILE = "audit/audit.jsonl"
SPACE_MARGIN = 16 << 20
HASH_THREADS = min(4, os.cpu_count() or 1)
RESOLUTION_KEYS = (
    *("tps", "contest", "field", "value_1", "value_2", "value", "action", "attributed_to"),
    *("reason", "reference", "user", "created_at"),
)
IMAGE_KEYS = (
    *("tps", "contest", "sha256", "ext", "size", "width", "height", "page", "position"),
    *("file_name", "imported_at", "imported_by", "exif_time", "exif_device"),
)
ENTRY_KEYS = (
    *("tps", "contest", "slot", "version", "user", "event", "keystrokes", "started_at"),
    *("created_at", "hash"),
)
ENTRY_RAW_KEYS = ("values", "problems", "findings")
AUDIT_KEYS = (
    *("seq", "at", "user", "role", "action", "target", "outcome", "details_json"),
    *("prev_hash", "hash"),
)


class ExportError(ServiceError):
    """An export that could not be completed; the partial file was removed."""


def bundle_file_name(kabupaten: str, now: dt.datetime) -> str:
    """``<kode>-<YYYYMMDD-HHMMSS>.khb`` in the workspace clock's local time."""
    return f"{kabupaten}-{now:%Y%m%d-%H%M%S}{EXTENSION}"


# --- staging ----------------------------------------------------------------------------------


@dataclass
class _Staged:
    members: list[MemberSource]
    summary: dict[str, ContestSummary]
    images: int
    missing_images: list[str]
    head: tuple[int, str] | None = None
    """The last event of ``audit/audit.jsonl``: the chain head the manifest carries."""


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _dumps(obj: object) -> str:
    """One compact JSON text, keys sorted (the C encoder: ``json.dump`` to a file is the slow
    pure-Python one)."""
    return _ENCODER.encode(obj)


def _splice(head: dict[str, object], raw: dict[str, str | None]) -> str:
    """``head`` as JSON with ``raw`` JSON texts added as they are: the app's own canonical JSON
    (entry values, findings), copied without a parse and a re-encode per line."""
    text = _dumps(head)
    extra = ",".join(f'"{k}":{v if v is not None else "null"}' for k, v in raw.items())
    return f"{text[:-1]},{extra}}}\n" if head else f"{{{extra}}}\n"


@dataclass
class _ContestMatrix:
    """One contest's final values as the recap takes them: TPS × fields, in the tree's order."""

    fields: tuple[str, ...]
    values: IntArray
    states: StateArray


def _recap_payload(
    contest_id: str, tree: RegionTree, m: _ContestMatrix, out: Path, generated_at: str
) -> ContestSummary:
    """Write ``data/recap-<contest>.json`` and return the manifest's summary of the contest.

    The single place the bundle takes its recap from: ``core.recap`` over the export's own
    snapshot (``services.recap.RecapCache`` reads in a snapshot of its own, which could differ
    from ``results.jsonl`` by a form finalised in between; on a quiescent workspace both give
    the same fingerprint). The file is INTERFACES.md "Recap JSON" at every level, under
    ``levels``; rows are written one by one so that a 25,000-TPS level never sits in memory."""
    recap: Recap = aggregate_arrays(tree, contest_id, m.fields, m.values, m.states)
    with open(out, "w", encoding="utf-8") as f:
        f.write(
            _dumps(
                {
                    "contest": contest_id,
                    "fingerprint": recap.fingerprint,
                    "format": RECAP_FORMAT,
                    "generated_at": generated_at,
                }
            )[:-1]
        )
        f.write(',"levels":{')
        for n, lv in enumerate(sorted(RECAP_LEVELS, key=lambda x: x.value)):
            t = recap.table(lv)
            head = {
                "contest": contest_id,
                "fingerprint": recap.fingerprint,
                "generated_at": generated_at,
                "level": lv.value,
            }
            f.write(("," if n else "") + f'"{lv.value}":' + _dumps(head)[:-1] + ',"rows":[')
            totals, finals = t.tps_total.tolist(), t.tps_final.tolist()
            for i in range(len(t)):
                row = {
                    "code": t.codes[i],
                    "name": t.names[i],
                    "tps_final": finals[i],
                    "tps_total": totals[i],
                    "values": dict(zip(t.fields, t.values[i].tolist(), strict=True)),
                }
                f.write(("," if i else "") + _dumps(row))
            f.write("]}")
        f.write("}}\n")
    return ContestSummary(recap.tps_total, recap.tps_final, recap.fingerprint)


def _write_contests(ws: Workspace, path: Path) -> None:
    doc = [
        {
            "id": c.id,
            "name": c.name,
            "template_id": c.template_id,
            "fields": list(ws.form_spec(c.id).field_ids),
            "paslon": [
                {"nomor_urut": p.nomor_urut, "nama_calon": p.nama_calon, "nama_wakil": p.nama_wakil}
                for p in c.paslon
            ],
        }
        for c in ws.contests()
    ]
    path.write_text(
        json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def _write_results(
    cur: Cursor, path: Path, tree: RegionTree, matrices: dict[str, _ContestMatrix]
) -> None:
    """``data/results.jsonl``, filling each contest's matrix from the same lines."""
    index = tree.tps_index
    rows = cur.execute(
        "SELECT r.contest_id, r.tps_id, r.state, r.final_values, r.final_findings, "
        "r.final_source, r.finalized_at, r.finalized_by, r.hash, t.desa_code, t.dpt_l, "
        "t.dpt_p, r.note FROM record r JOIN tps t ON t.id = r.tps_id "
        "ORDER BY r.contest_id, r.tps_id"
    )
    with open(path, "w", encoding="utf-8") as f:
        for cid, tps, state, fv, ff, src, fat, fby, h, desa, dl, dp, note in rows:
            m = matrices.get(cid)
            i = index.get(tps)
            if m is not None and i is not None:
                m.states[i] = STATE_CODE.get(state, EMPTY)
                if state == "final" and fv is not None:
                    values = json.loads(fv)  # also proves the text spliced below is JSON
                    m.values[i] = [int(values[x]) for x in m.fields]
            head = {
                "tps": tps,
                "contest": cid,
                "desa": desa,
                "state": state,
                "source": src,
                "finalized_at": fat,
                "finalized_by": fby,
                "hash": h,
                "dpt_l": dl,
                "dpt_p": dp,
                # Issue 12: with the note, the province recomputes each final record's hash.
                "note": note,
            }
            if ff is not None:
                json.loads(ff)
            f.write(_splice(head, {"values": fv, "findings": ff or "[]"}))


def _stage(ws: Workspace, staging: Path, generated_at: str, *, with_images: bool) -> _Staged:
    data = staging / "data"
    data.mkdir(parents=True)
    (staging / "audit").mkdir()
    contests = ws.contests()
    kab_code = ws.meta()["kabupaten_code"]
    summary: dict[str, ContestSummary] = {}
    images: list[tuple[str, str]] = []
    _write_contests(ws, data / "contests.json")
    with ws.store.raw_reading() as cur, ThreadPoolExecutor(max_workers=HASH_THREADS) as pool:
        if with_images:
            # Hashed on threads while the data files below are written (hashlib releases the
            # GIL): for gigabytes of images the data costs no extra time.
            images = [
                (str(sha), str(ext))
                for sha, ext in cur.execute("SELECT sha256, ext FROM image ORDER BY sha256")
            ]
        hashing = _hash_images(ws, images, pool)
        regions = cur.execute(
            "SELECT code, level, name, parent_code FROM region ORDER BY code"
        ).fetchall()
        with open(data / "regions.jsonl", "w", encoding="utf-8") as f:
            for code, level, name, parent in regions:
                f.write(_dumps({"code": code, "level": level, "name": name, "parent": parent}))
                f.write("\n")
        kab = [Region(c, n, Level.KABUPATEN) for c, lv, n, _ in regions if lv == "kabupaten"]
        if len(kab) != 1 or kab[0].code != kab_code:
            raise ExportError("REGIONS_NOT_ONE_KABUPATEN", code=kab_code)
        tree = RegionTree.build(
            kab[0],
            [Region(c, n, Level.KECAMATAN) for c, lv, n, _ in regions if lv == "kecamatan"],
            [Region(c, n, Level.DESA) for c, lv, n, _ in regions if lv == "desa"],
            cur.execute("SELECT id, dpt_l + dpt_p FROM tps").fetchall(),
        )
        matrices = {
            c.id: _ContestMatrix(
                ws.form_spec(c.id).field_ids,
                np.zeros((tree.n_tps, len(ws.form_spec(c.id).field_ids)), dtype=np.int64),
                np.full(tree.n_tps, EMPTY, dtype=np.int8),
            )
            for c in contests
        }
        _write_results(cur, data / "results.jsonl", tree, matrices)
        for c in contests:
            summary[c.id] = _recap_payload(
                c.id, tree, matrices.pop(c.id), data / f"recap-{c.id}.json", generated_at
            )
        with open(data / "entries.jsonl", "w", encoding="utf-8") as f:
            for row in cur.execute(
                "SELECT v.tps_id, v.contest_id, v.slot, v.version, u.name, v.event, "
                "v.keystrokes, v.started_at, v.created_at, v.hash, v.values_json, "
                "v.problems_json, v.findings_json FROM entry_version v "
                'JOIN "user" u ON u.id = v.user_id ORDER BY v.id'
            ):
                head = dict(zip(ENTRY_KEYS, row[:10], strict=True))
                f.write(_splice(head, dict(zip(ENTRY_RAW_KEYS, row[10:], strict=True))))
        with open(data / "resolutions.jsonl", "w", encoding="utf-8") as f:
            for row in cur.execute(
                "SELECT r.tps_id, r.contest_id, r.field, r.value_1, r.value_2, r.value, r.action, "
                "r.attributed_to, r.reason, r.reference, u.name, r.created_at FROM resolution r "
                'JOIN "user" u ON u.id = r.user_id ORDER BY r.id'
            ):
                f.write(_dumps(dict(zip(RESOLUTION_KEYS, row, strict=True))) + "\n")
        with open(data / "images.jsonl", "w", encoding="utf-8") as f:
            for row in cur.execute(
                "SELECT fi.tps_id, fi.contest_id, fi.sha256, i.ext, i.size, i.width, i.height, "
                "fi.page, fi.position, fi.file_name, fi.imported_at, fi.imported_by, "
                "fi.exif_time, fi.exif_device FROM form_image fi "
                "JOIN image i ON i.sha256 = fi.sha256 ORDER BY fi.tps_id, fi.position, fi.id"
            ):
                f.write(_dumps(dict(zip(IMAGE_KEYS, row, strict=True))) + "\n")
        last: tuple[int, str] | None = None
        with open(staging / AUDIT_FILE, "w", encoding="utf-8") as f:
            for row in cur.execute(
                "SELECT seq, at, user_name, role, action, target, outcome, details_json, "
                "prev_hash, hash FROM audit_event ORDER BY seq"
            ):
                f.write(_dumps(dict(zip(AUDIT_KEYS, row, strict=True))) + "\n")
                last = (int(row[0]), str(row[9]))
        members = [stage_file(p, staging / p) for p in DATA_FILES]
        members += [
            stage_file(f"data/recap-{c.id}.json", data / f"recap-{c.id}.json") for c in contests
        ]
        members += _stage_reports(ws)
        members.append(stage_file(AUDIT_FILE, staging / AUDIT_FILE))
        staged_images, missing = hashing.result()
    return _Staged(members + staged_images, summary, len(staged_images), missing, last)


@dataclass
class _ImageHashing:
    """Images being hashed on a pool; :meth:`result` waits for them, in manifest order."""

    present: list[tuple[str, Path, Future[MemberSource]]]
    missing: list[str]

    def result(self) -> tuple[list[MemberSource], list[str]]:
        staged = []
        for sha, path, fut in self.present:
            m = fut.result()
            if m.sha256 != sha:
                raise ExportError("IMAGE_STORE_DAMAGED", path=str(path))
            staged.append(m)
        return staged, self.missing


def _hash_images(
    ws: Workspace, images: Sequence[tuple[str, str]], pool: ThreadPoolExecutor
) -> _ImageHashing:
    """Start hashing every image by streaming it; each must match its content address. Files
    missing from the store are left out and named."""
    present: list[tuple[str, Path, Future[MemberSource]]] = []
    missing: list[str] = []
    for sha, ext in images:
        path = ws.store.images_dir / sha[:2] / f"{sha}.{ext}"
        if path.is_file():
            present.append((sha, path, pool.submit(stage_file, f"images/{sha}.{ext}", path)))
        else:
            missing.append(f"{sha}.{ext}")
    return _ImageHashing(present, missing)


def _report_name(name: str, taken: set[str]) -> str:
    """A member name for a report file: plain characters only, short, unique."""
    stem, _, _ext = name.rpartition(".")
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")[:60] or "report"
    out, n = f"reports/{clean}.pdf", 1
    while out.casefold() in taken:
        n += 1
        out = f"reports/{clean}-{n}.pdf"
    taken.add(out.casefold())
    return out


def _stage_reports(ws: Workspace) -> list[MemberSource]:
    """The signed reports the workspace keeps in ``DIR/reports/`` (none until reports are kept
    there), under plain member names (``Rekap Kecamatan.pdf`` → ``reports/Rekap_Kecamatan.pdf``)."""
    folder = ws.path / "reports"
    if not folder.is_dir():
        return []
    taken: set[str] = set()
    return [
        stage_file(_report_name(p.name, taken), p)
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink() and p.suffix.lower() == ".pdf"
    ]


# --- export -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    bundle_id: str
    sequence: int
    sha256: str
    size: int
    files: int
    payload_bytes: int
    images: int
    missing_images: tuple[str, ...]
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "bundle_id": self.bundle_id,
            "sequence": self.sequence,
            "sha256": self.sha256,
            "size": self.size,
            "files": self.files,
            "payload_bytes": self.payload_bytes,
            "images": self.images,
            "missing_images": list(self.missing_images),
        }


def _reserve_sequence(ws: Workspace) -> int:
    with ws.store.unit_of_work() as s:
        row = s.get(Meta, SEQUENCE_KEY)
        if row is None:
            s.add(Meta(key=SEQUENCE_KEY, value="1"))
            return 1
        n = int(row.value) + 1
        row.value = str(n)
        return n


def _open_output(path: Path) -> BinaryIO:
    """The temporary output file (a seam for tests that simulate a full drive), locked while
    it is written so that :func:`_clean_partials` leaves a running export's file alone."""
    f = open(path, "xb", buffering=1 << 20)  # noqa: SIM115  (returned to the caller's with)
    _lock(f.fileno())
    return f


def _lock(fd: int) -> bool:
    """An exclusive advisory lock on ``fd`` without waiting (False if another process holds
    it; True where there are no advisory locks)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; partial files are aged out instead
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


PARTIAL_PATTERN = ".*.partial-*"


def _clean_partials(folder: Path) -> None:
    """Remove the hidden ``.<name>.partial-<hex>`` files that killed exports left in ``folder``:
    those no running export holds locked (where there are no locks: older than an hour)."""
    try:
        import fcntl  # noqa: F401  (whether advisory locks exist here)

        locks = True
    except ImportError:
        locks = False
    old = time.time() - 3600
    for p in folder.glob(PARTIAL_PATTERN):
        try:
            if not locks:
                if p.stat().st_mtime < old:
                    p.unlink(missing_ok=True)
                continue
            fd = os.open(p, os.O_RDONLY)
        except OSError:
            continue
        try:
            if _lock(fd):
                p.unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            os.close(fd)


def _place(tmp: Path, target: Path) -> None:
    """Move the finished file into place without overwriting one that appeared meanwhile."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise ExportError("NOT_OVERWRITTEN", path=str(target)) from None
    except OSError:
        # No hard links (FAT/exFAT USB sticks): check, then rename.
        if target.exists():
            raise ExportError("NOT_OVERWRITTEN", path=str(target)) from None
        os.replace(tmp, target)
    else:
        tmp.unlink()
    fsync_dir(target.parent)


def _os_error_refusal(e: OSError, target: Path, needed: int) -> ExportError:
    if e.errno == errno.ENOSPC:
        return ExportError("EXPORT_DRIVE_FULL", path=str(target), mb=f"{needed / 1e6:,.0f}")
    if e.errno == errno.EFBIG:
        return ExportError("EXPORT_FILE_TOO_LARGE", path=str(target))
    return ExportError("EXPORT_WRITE_FAILED", path=str(target), detail=str(e.strerror or e))


def _with_quality(ws: Workspace, manifest: Manifest) -> Manifest:
    """The blind re-key audit's figures per contest (services/quality.py) under ``quality``, so
    the province sees every kabupaten's residual error rate; absent when nothing was sampled."""
    from kamarhitung.services.quality import manifest_figures

    figures = manifest_figures(ws)
    if not figures:
        return manifest
    return dataclasses.replace(manifest, extra={**manifest.extra, "quality": figures})


def export_bundle(
    ws: Workspace,
    actor: Actor,
    out: Path,
    passphrase: str,
    *,
    with_images: bool = False,
    render_images: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the workspace's bundle to ``out`` (a file, or a folder to name it in).

    Supervisors and admins only; ``passphrase`` opens ``keys/key.age``. Audited as
    ``bundle.export`` (with the bundle id, sequence and SHA-256 of the file), also when it fails."""
    require_role(actor, Role.SUPERVISOR, Role.ADMIN)
    t0 = time.perf_counter()
    meta = ws.meta()
    if meta.get("kind", "kabupaten") != "kabupaten":
        raise ConflictError("NO_BUNDLE_HERE", path=str(ws.path), kind=str(meta.get("kind")))
    # Nothing leaves a workspace that fails `audit verify` (issue 12): the first problem is named.
    require_intact(ws, "EXPORT_NOT_INTACT")
    ident = load_signing_identity(ws, passphrase)
    now = ws.clock.now()
    target = out / bundle_file_name(meta["kabupaten_code"], now) if out.is_dir() else out
    if target.exists():
        raise ExportError("NOT_OVERWRITTEN", path=str(target))
    if not target.parent.is_dir():
        raise InputError("NOT_A_FOLDER_TO_WRITE", path=str(target.parent))
    if with_images and render_images:
        _render_pending(ws)
    _clean_old_staging(ws)
    _clean_partials(target.parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=ws.path))
    except OSError as e:
        raise ExportError(
            "STAGING_FAILED", folder=str(ws.path), detail=str(e.strerror or e)
        ) from None
    sequence = 0
    bundle_id = ""
    tmp = target.parent / f".{target.name}.partial-{secrets.token_hex(4)}"
    try:
        try:
            staged = _stage(ws, staging, iso(now), with_images=with_images)
        except OSError as e:
            if e.errno == errno.ENOSPC:
                raise ExportError("STAGING_FULL", folder=str(ws.path)) from None
            raise ExportError(
                "STAGING_FAILED", folder=str(ws.path), detail=str(e.strerror or e)
            ) from None
        sequence = _reserve_sequence(ws)
        manifest = build_manifest(
            sequence=sequence,
            kabupaten=meta["kabupaten_code"],
            kabupaten_name=meta.get("kabupaten_name", ""),
            election=meta.get("election", ""),
            created_at=iso(now),
            software={"name": "kamarhitung", "version": __version__},
            recipient=ident.recipients[0],
            summary=staged.summary,
            files=[m.entry for m in staged.members],
            extra={
                AUDIT_HEAD_KEY: {
                    "seq": staged.head[0] if staged.head else 0,
                    "hash": staged.head[1] if staged.head else GENESIS,
                }
            },
        )
        manifest = _with_quality(ws, manifest)
        bundle_id = manifest.bundle_id
        manifest_bytes = manifest.to_bytes()
        signature = sign_manifest(manifest_bytes, ident.key, ident.cert)
        needed = manifest.total_size + len(manifest_bytes) + len(signature)
        needed += (len(staged.members) + 4) * 1024 + needed // 4096 + (1 << 16)
        free = shutil.disk_usage(target.parent).free
        if needed + SPACE_MARGIN > free:
            raise ExportError(
                "EXPORT_NO_SPACE",
                path=str(target),
                mb=f"{needed / 1e6:,.0f}",
                free=f"{free / 1e6:,.0f}",
            )
        try:
            f = _open_output(tmp)
        except OSError as e:
            raise ExportError(
                "EXPORT_CANNOT_WRITE", path=str(tmp), detail=str(e.strerror or e)
            ) from None
        try:
            with f:
                written = write_bundle(
                    f,
                    ident.recipients,
                    manifest_bytes,
                    signature,
                    staged.members,
                    mtime=int(now.timestamp()),
                    progress=progress,
                    cancelled=cancelled,
                )
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            raise _os_error_refusal(e, target, needed) from None
        except BundleError as e:
            raise ExportError("EXPORT_STOPPED", reason=e.coded_text()) from None
        _place(tmp, target)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if sequence:
            _audit_failure(ws, actor, bundle_id, sequence, e)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = ExportResult(
        target,
        bundle_id,
        sequence,
        written.sha256,
        written.size,
        len(staged.members),
        manifest.total_size,
        staged.images,
        tuple(staged.missing_images),
        time.perf_counter() - t0,
    )
    with ws.store.unit_of_work() as s:
        append_event(
            s,
            ws.now(),
            actor,
            "bundle.export",
            target=meta["kabupaten_code"],
            details={
                "bundle_id": bundle_id,
                "sequence": sequence,
                "sha256": written.sha256,
                "size": written.size,
                "file": target.name,
                "files": len(staged.members),
                "with_images": with_images,
                "missing_images": len(staged.missing_images),
                "summary": {c: v.to_json() for c, v in staged.summary.items()},
            },
        )
    return result


def _audit_failure(
    ws: Workspace, actor: Actor, bundle_id: str, sequence: int, e: BaseException
) -> None:
    try:
        with ws.store.unit_of_work() as s:
            append_event(
                s,
                ws.now(),
                actor,
                "bundle.export",
                target=ws.meta().get("kabupaten_code"),
                outcome="failed",
                details={"bundle_id": bundle_id, "sequence": sequence, "reason": str(e)[:300]},
            )
    except Exception:  # the export's own error is what the user must see
        pass


def _render_pending(ws: Workspace) -> None:
    """Render the demo's synthetic photos not rendered yet, so that the bundle carries them."""
    try:
        from kamarhitung.services import images
    except ImportError:  # the images service not there: nothing synthetic to render
        return
    render = getattr(images, "render_pending", None)
    if callable(render):
        render(ws)


def _clean_old_staging(ws: Workspace) -> None:
    """Remove staging folders an interrupted export left (older than an hour)."""
    limit = time.time() - 3600
    for p in ws.path.glob(".export-*"):
        try:
            if p.is_dir() and p.stat().st_mtime < limit:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            continue


# --- verify -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle that decrypted completely, with a signed manifest that every member matches."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    signer: x509.Certificate
    revocation_checked: bool
    sha256: str
    size: int

    def to_json(self) -> dict[str, object]:
        m = self.manifest
        return {
            "valid": True,
            "bundle_id": m.bundle_id,
            "sequence": m.sequence,
            "kabupaten": m.kabupaten,
            "kabupaten_name": m.kabupaten_name,
            "election": m.election,
            "created_at": m.created_at,
            "files": len(m.files),
            "payload_bytes": m.total_size,
            "summary": {c: s.to_json() for c, s in m.summary.items()},
            "signer": k.describe(self.signer),
            "revocation_checked": self.revocation_checked,
            "sha256": self.sha256,
            "size": self.size,
        }


def load_identities(data: bytes, passphrase: str | None, *, what: str) -> list[k.AgeIdentity]:
    """The age identities of an identity file, plain or passphrase-wrapped."""
    try:
        if k.is_wrapped(data):
            if passphrase is None:
                raise InputError("IDENTITY_NEEDS_PASSPHRASE", file=what)
            data = k.unwrap_secret(data, passphrase, what=what)
        return k.parse_identities(data.decode("utf-8", "replace"), what=what)
    except k.KeyFileError as e:
        from kamarhitung.services.keys import as_service_error

        raise as_service_error(e) from None


def verify_bundle(
    path: Path,
    identities: Sequence[k.AgeIdentity],
    ca: x509.Certificate,
    crl: x509.CertificateRevocationList | None,
    *,
    now: dt.datetime,
    limits: Limits = DEFAULT_LIMITS,
    open_member: OpenMember | None = None,
    check_more: Callable[[Manifest], None] | None = None,
) -> VerifiedBundle:
    """Decrypt and verify a bundle as BUNDLE.md's importer does, without importing it.

    The manifest and its signature are checked first (chain to ``ca``, offline, with ``crl``
    if given; ``OU`` = ``kabupaten``; format; recipient among ``identities``'), then
    ``check_more(manifest)``, then every member streams through its size and SHA-256 check
    (into ``open_member`` if given). Raises :class:`BundleError` with one sentence."""
    ours = {i.recipient for i in identities}
    signed: list[x509.Certificate | bool] = []

    def check(manifest: Manifest, manifest_bytes: bytes, signature: bytes) -> None:
        info = verify_manifest_signature(manifest_bytes, signature, ca, crl, now)
        if info.kabupaten != manifest.kabupaten:
            raise BundleError(
                "BUNDLE_SIGNER_OTHER_KABUPATEN",
                "kabupaten",
                kabupaten=manifest.kabupaten,
                signer=k.describe(info.signer),
            )
        if manifest.recipient not in ours:
            raise BundleError("BUNDLE_OTHER_RECIPIENT", "recipient", recipient=manifest.recipient)
        if check_more is not None:
            check_more(manifest)
        signed.extend([info.signer, info.revocation_checked])

    try:
        f = open(path, "rb", buffering=1 << 20)  # noqa: SIM115  (closed below)
    except OSError as e:
        raise InputError("CANNOT_READ", path=str(path), reason=str(e.strerror or e)) from None
    with f:
        read = read_bundle(
            f, identities, check_manifest=check, open_member=open_member, limits=limits
        )
    signer, checked = signed
    assert isinstance(signer, x509.Certificate) and isinstance(checked, bool)
    return VerifiedBundle(
        read.manifest,
        read.manifest_bytes,
        read.signature,
        signer,
        checked,
        read.sha256,
        read.size,
    )
