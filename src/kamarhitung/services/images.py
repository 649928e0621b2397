"""Form images: intake (import), matching to a TPS, ordering, reassignment, and the demo's photos.

Storage is content-addressed: a file is stored once under ``images/ab/abcdef….ext`` named by the
SHA-256 of its bytes, written atomically (a temporary file in the same folder, fsync, rename), and
never changed; a JPEG, PNG or TIFF is kept byte for byte (the bytes are the evidence; the viewer
honours EXIF orientation itself). A PDF (or a multi-page TIFF) is kept too, and each of its pages is
rendered to an image that is stored and shown (see :mod:`kamarhitung.core.imagecheck`).

A ``form_image`` row places one stored image (one page) at a TPS, or nowhere yet (``tps_id`` NULL:
unmatched, waiting for someone to assign it), for one contest or for every contest of the TPS
(``contest_id`` NULL), in an order (``position``), with its provenance.

Roles (decided here, enforced here):

- importing, assigning an *unmatched* image to a TPS and reordering a TPS's images: operator,
  supervisor or admin (the intake desk of a counting room is often an operator; these only add
  evidence or arrange it, never change a counted value, and every one is audited);
- moving an image that is already at a TPS (to another TPS, another contest, or back to
  unmatched): supervisor only, because it changes which paper an operator keys from.

Every import of a file is one transaction with its ``image.import`` audit event, refused files
included; a failure leaves no half-imported file and the rest of the batch goes on. A blob written
before a transaction that then failed stays unreferenced in the store (harmless: it is reused if
the same bytes come again).

Demo workspaces hold a ``synthetic_image`` row per TPS and contest instead of a photo:
:func:`images_for` renders and stores it the first time it is asked for (user ``demo``), and
:func:`render_pending` renders any that are left in a process pool.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from kamarhitung.core.c1image import C1Header
from kamarhitung.core.imagecheck import (
    MAX_FILE_BYTES,
    CheckedFile,
    ImageRefused,
    SyntheticPhoto,
    check_file,
    check_size,
    contest_in_name,
    corrected_in_name,
    page_in_name,
    render_synthetic,
    sheet_in_name,
    tps_ids_in_name,
)
from kamarhitung.core.model import Role
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    NotFoundError,
    require_role,
)
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import (
    FormImageRow,
    ImageRow,
    RegionRow,
    SyntheticImageRow,
    TpsRow,
)
from kamarhitung.store.workspace import ReadOnlyWorkspaceError

IMPORT_ROLES: tuple[Role, ...] = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)
"""Who may import, assign an unmatched image, and reorder a TPS's images."""

MOVE_ROLES: tuple[Role, ...] = (Role.SUPERVISOR,)
"""Who may move an image that is already placed at a TPS."""

DEMO_USER = "demo"
"""The name recorded as importer of the demo's rendered photos."""

SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini"})
"""Files a folder walk skips silently (with any name starting with a dot: ``.DS_Store``,
``._IMG_0001.jpg``); a file named explicitly is always checked."""

ProgressFn = Callable[[int, int], None]


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormImage:
    """One page of a TPS's form (or an unmatched image) with its provenance and stored file."""

    id: int
    tps_id: str | None
    contest_id: str | None
    sha256: str
    ext: str
    page: int
    position: int
    file_name: str
    imported_at: str
    imported_by: str
    exif_time: str | None
    exif_device: str | None
    width: int
    height: int
    path: Path
    missing: bool = False
    form_page: int | None = None
    """The page of the form the image shows (1 to 3 on the plano), when known."""
    sheet: str = "plano"
    corrected: bool = False
    """The form as corrected after the plenary (shown, and turned to, before the original)."""

    def listing(self) -> dict[str, object]:
        """``images list``: ``{"contest", "page", "sha256", …}`` (INTERFACES.md)."""
        return {
            "contest": self.contest_id,
            "page": self.form_page,
            "sha256": self.sha256,
            "sheet": self.sheet,
            "corrected": self.corrected,
            "file_name": self.file_name,
            "id": self.id,
        }

    def to_json(self) -> dict[str, object]:
        return {
            "form_page": self.form_page,
            "sheet": self.sheet,
            "corrected": self.corrected,
            "id": self.id,
            "tps": self.tps_id,
            "contest": self.contest_id,
            "sha256": self.sha256,
            "ext": self.ext,
            "page": self.page,
            "position": self.position,
            "file_name": self.file_name,
            "imported_at": self.imported_at,
            "imported_by": self.imported_by,
            "exif_time": self.exif_time,
            "exif_device": self.exif_device,
            "width": self.width,
            "height": self.height,
            "path": str(self.path),
            "missing": self.missing,
        }


@dataclass(frozen=True, slots=True)
class ImportedImage:
    """A page stored at a TPS (or one of its contests). ``shared_with`` names other TPS that hold the
    same bytes (suspicious: one photo filed for two polling stations); ``note`` says when an
    unmatched copy was placed by this import."""

    file: str
    page: int
    tps: str
    contest: str | None
    sha256: str
    form_image_id: int
    shared_with: tuple[str, ...] = ()
    note: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "page": self.page,
            "tps": self.tps,
            "contest": self.contest,
            "sha256": self.sha256,
            "form_image_id": self.form_image_id,
            "shared_with": list(self.shared_with),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class DuplicateImage:
    """A page already stored at that place: nothing new was written. ``tps`` is where it is."""

    file: str
    page: int
    tps: str | None
    contest: str | None
    sha256: str
    form_image_id: int

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "page": self.page,
            "tps": self.tps,
            "contest": self.contest,
            "sha256": self.sha256,
            "form_image_id": self.form_image_id,
        }


@dataclass(frozen=True, slots=True)
class UnmatchedImage:
    """A page stored without a TPS, and why no TPS was found."""

    file: str
    page: int
    sha256: str
    form_image_id: int
    reason: str

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "page": self.page,
            "sha256": self.sha256,
            "form_image_id": self.form_image_id,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class RefusedFile:
    """A file not stored: a stable ``code`` (see ``core.imagecheck.CODES``) and an English reason."""

    file: str
    code: str
    reason: str

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "code": self.code, "reason": self.reason}


@dataclass
class ImportReport:
    """What an import did, per page (imported, duplicates, unmatched) and per file (refused)."""

    files: int = 0
    imported: list[ImportedImage] = field(default_factory=list)
    duplicates: list[DuplicateImage] = field(default_factory=list)
    unmatched: list[UnmatchedImage] = field(default_factory=list)
    refused: list[RefusedFile] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """No file was refused (unmatched and duplicate files are fine)."""
        return not self.refused

    def to_json(self) -> dict[str, object]:
        return {
            "files": self.files,
            "imported": [x.to_json() for x in self.imported],
            "duplicates": [x.to_json() for x in self.duplicates],
            "unmatched": [x.to_json() for x in self.unmatched],
            "refused": [x.to_json() for x in self.refused],
            "cancelled": self.cancelled,
        }


# --- the content-addressed store -----------------------------------------------------------------


def stored_path(ws: Workspace, sha256: str, ext: str) -> Path:
    """Where the image with this hash is (or would be) stored."""
    return ws.store.images_dir / sha256[:2] / f"{sha256}.{ext}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _intact_copy(target: Path, sha: str) -> bool:
    """Whether ``target`` holds exactly the bytes of ``sha`` (a missing, damaged or unreadable
    copy is written again)."""
    try:
        return target.is_file() and _sha(target.read_bytes()) == sha
    except OSError:
        return False


def _shared(ws: Workspace) -> bool:
    """Whether photos are shared through a room's database (a host or a station)."""
    room = ws.store.room
    return room is not None and room.role in ("host", "station")


def _store_blob(ws: Workspace, data: bytes, ext: str) -> str:
    """Write ``data`` under its hash unless an intact copy is there; return the hash. In a room,
    the photo is also given to the room's database, for every station."""
    sha = _sha(data)
    if _shared(ws):
        from kamarhitung.store.roomdb import put_blob

        put_blob(ws.store.engine, sha, ext, data)
    _write_local(ws, sha, ext, data)
    return sha


def _fetch_shared(ws: Workspace, sha: str, ext: str) -> None:
    """A photo another PC of the room imported: fetched once into the local cache, and only if
    its bytes have its hash."""
    from kamarhitung.store.roomdb import get_blob

    data = get_blob(ws.store.engine, sha)
    if data is not None and _sha(data) == sha:
        _write_local(ws, sha, ext, data)


def _write_local(ws: Workspace, sha: str, ext: str, data: bytes) -> None:
    target = stored_path(ws, sha, ext)
    if _intact_copy(target, sha):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=f".{ext}", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _ensure_image_row(
    s: Session, sha: str, ext: str, size: int, width: int, height: int, now: str
) -> None:
    if s.get(ImageRow, sha) is None:
        s.add(ImageRow(sha256=sha, ext=ext, size=size, width=width, height=height, created_at=now))
        s.flush()


def _next_position(s: Session, tps_id: str | None) -> int:
    where = FormImageRow.tps_id.is_(None) if tps_id is None else FormImageRow.tps_id == tps_id
    top = s.execute(select(func.max(FormImageRow.position)).where(where)).scalar_one()
    return 0 if top is None else int(top) + 1


def _form_image(ws: Workspace, fi: FormImageRow, img: ImageRow) -> FormImage:
    path = stored_path(ws, img.sha256, img.ext)
    if _shared(ws) and not _intact_copy(path, img.sha256):
        _fetch_shared(ws, img.sha256, img.ext)
    return FormImage(
        id=fi.id,
        tps_id=fi.tps_id,
        contest_id=fi.contest_id,
        sha256=fi.sha256,
        ext=img.ext,
        page=fi.page,
        position=fi.position,
        file_name=fi.file_name,
        imported_at=fi.imported_at,
        imported_by=fi.imported_by,
        exif_time=fi.exif_time,
        exif_device=fi.exif_device,
        width=img.width,
        height=img.height,
        path=path,
        missing=not path.is_file(),
        form_page=fi.form_page,
        sheet=fi.sheet,
        corrected=bool(fi.corrected),
    )


def _joined() -> Select[FormImageRow, ImageRow]:
    return select(FormImageRow, ImageRow).join(ImageRow, ImageRow.sha256 == FormImageRow.sha256)


# --- import ----------------------------------------------------------------------------------------


def _expand(paths: Sequence[Path]) -> Iterator[tuple[Path, Path | None]]:
    """Each file to import with the folder it was found under (None for a file named directly)."""
    for p in paths:
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.startswith(".") or name.lower() in SKIPPED_NAMES:
                        continue
                    yield Path(dirpath) / name, p
        else:
            yield p, None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or the refusal that says why they cannot be had."""
    try:
        if not path.exists():
            raise ImageRefused("not_found", "no such file or folder")
        if not path.is_file():
            raise ImageRefused("unreadable", "not a regular file")
        check_size(path.stat().st_size)
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise ImageRefused("unreadable", f"the file cannot be read ({e.strerror or e})") from None
    check_size(len(data))
    return data


@dataclass(frozen=True, slots=True)
class _Match:
    tps: str | None
    contest: str | None
    reason: str | None


def _names_to_search(path: Path, root: Path | None) -> list[str]:
    """The file's own name, then (for a file found in a folder) each folder up to that folder."""
    names = [path.name]  # not the stem: "35.78.01.1001.001" has no extension to drop
    if root is not None:
        folder = path.parent
        while True:
            names.append(folder.name)
            if folder == root or folder == folder.parent:
                break
            folder = folder.parent
    return names


def _match(
    s: Session,
    path: Path,
    root: Path | None,
    contest_id: str | None,
    contest_ids: Sequence[str],
) -> _Match:
    names = _names_to_search(path, root)
    contest = contest_id
    if contest is None:
        for n in names:
            contest = contest_in_name(n, contest_ids)
            if contest is not None:
                break
    for n in names:
        candidates = tps_ids_in_name(n)
        if not candidates:
            continue
        known = [t for t in candidates if s.get(TpsRow, t) is not None]
        if len(known) == 1:
            return _Match(known[0], contest, None)
        if len(known) > 1:
            return _Match(None, contest, f"several TPS ids in the name: {', '.join(known)}")
        which = ", ".join(candidates)
        return _Match(None, contest, f"TPS id {which} is not in this workspace")
    return _Match(None, contest, "no TPS id in the file name")


def import_images(
    ws: Workspace,
    actor: Actor,
    paths: Sequence[Path],
    *,
    contest_id: str | None = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import form images (files, or folders walked recursively): JPEG, PNG, TIFF and PDF.

    Each file is checked completely (see ``core.imagecheck``), stored by content, matched to a
    TPS by the TPS id in its name (else in the names of the folders it was found in, up to the one
    given), and to a contest by ``contest_id`` or else a contest id in its name. Each file is one
    transaction with its audit event; a refused file is reported (and audited) and the batch goes
    on. ``progress(done, total)`` is called after every file; ``cancelled()`` is asked before each
    file, and a cancelled import keeps what it already imported.
    """
    require_role(actor, *IMPORT_ROLES)
    if ws.store.read_only:
        raise ReadOnlyWorkspaceError("READ_ONLY", path=str(ws.path))
    contest_ids = [c.id for c in ws.contests()]
    if contest_id is not None and contest_id not in contest_ids:
        raise NotFoundError("UNKNOWN_CONTEST", contest=contest_id)
    files = list(_expand(paths))
    report = ImportReport()
    if progress is not None:
        progress(0, len(files))
    for done, (path, root) in enumerate(files, 1):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        report.files += 1
        _import_file(ws, actor, path, root, contest_id, contest_ids, report)
        if progress is not None:
            progress(done, len(files))
    return report


def _refuse(
    ws: Workspace, actor: Actor, path: Path, r: ImageRefused, report: ImportReport, sha: str | None
) -> None:
    report.refused.append(RefusedFile(str(path), r.code, r.reason))
    with ws.store.unit_of_work() as s:
        append_event(
            s,
            ws.now(),
            actor,
            "image.import",
            target=None,
            outcome="refused",
            details={
                "file": path.name,
                "path": str(path),
                "sha256": sha,
                "outcome": "refused",
                "code": r.code,
                "reason": r.reason,
            },
        )


def _import_file(
    ws: Workspace,
    actor: Actor,
    path: Path,
    root: Path | None,
    contest_id: str | None,
    contest_ids: Sequence[str],
    report: ImportReport,
) -> None:
    sha: str | None = None
    try:
        data = _read_bytes(path)
        sha = _sha(data)
        checked = check_file(data)
    except ImageRefused as r:
        _refuse(ws, actor, path, r, report, sha)
        return
    try:
        page_shas = [_store_blob(ws, p.data, p.ext) for p in checked.pages]
        if checked.rendered:
            _store_blob(ws, data, checked.ext)
    except OSError as e:
        failed = ImageRefused("store_failed", f"the image could not be stored ({e.strerror or e})")
        _refuse(ws, actor, path, failed, report, sha)
        return
    with ws.store.unit_of_work() as s:
        match = _match(s, path, root, contest_id, contest_ids)
        _place(
            s,
            ws.now(),
            actor.name,
            path,
            data,
            sha,
            checked,
            page_shas,
            match,
            report,
            lambda outcome, details: append_event(
                s,
                ws.now(),
                actor,
                "image.import",
                target=match.tps,
                outcome=outcome,
                details=details,
            ),
        )


def _place(
    s: Session,
    now: str,
    user: str,
    path: Path,
    data: bytes,
    sha: str,
    checked: CheckedFile,
    page_shas: Sequence[str],
    match: _Match,
    report: ImportReport,
    audit: Callable[[str, dict[str, object]], object],
) -> None:
    """Record one checked, stored file in the open transaction, with its audit event."""
    if checked.rendered:
        _ensure_image_row(s, sha, checked.ext, len(data), checked.width, checked.height, now)
    pages_out: list[dict[str, object]] = []
    outcomes: set[str] = set()
    for page_no, (page, psha) in enumerate(zip(checked.pages, page_shas, strict=True)):
        _ensure_image_row(s, psha, page.ext, len(page.data), page.width, page.height, now)
        outcome, fid = _place_page(s, now, user, path, page_no, psha, checked, match, report)
        outcomes.add(outcome)
        pages_out.append(
            {"page": page_no, "sha256": psha, "form_image_id": fid, "outcome": outcome}
        )
    overall = (
        "imported"
        if "imported" in outcomes
        else "unmatched"
        if "unmatched" in outcomes
        else "duplicate"
    )
    details: dict[str, object] = {
        "file": path.name,
        "path": str(path),
        "sha256": sha,
        "size": len(data),
        "type": checked.ext,
        "tps": match.tps,
        "contest": match.contest,
        "outcome": overall,
        "pages": pages_out,
    }
    if match.reason is not None and overall == "unmatched":
        details["reason"] = match.reason
    audit(overall, details)


def _place_page(
    s: Session,
    now: str,
    user: str,
    path: Path,
    page_no: int,
    psha: str,
    checked: CheckedFile,
    match: _Match,
    report: ImportReport,
) -> tuple[str, int]:
    """Place one page: a duplicate, a new row, the placing of an unmatched copy, or unmatched."""
    file = str(path)
    same_bytes = (
        s.execute(select(FormImageRow).where(FormImageRow.sha256 == psha).order_by(FormImageRow.id))
        .scalars()
        .all()
    )
    if match.tps is not None:
        here = next((r for r in same_bytes if r.tps_id == match.tps), None)
        if here is not None:
            report.duplicates.append(
                DuplicateImage(file, page_no, here.tps_id, here.contest_id, psha, here.id)
            )
            return "duplicate", here.id
        pending = next((r for r in same_bytes if r.tps_id is None), None)
        others = tuple(sorted({r.tps_id for r in same_bytes if r.tps_id is not None}))
        if pending is not None:
            pending.tps_id = match.tps
            pending.contest_id = match.contest
            pending.position = _next_position(s, match.tps)
            s.flush()
            report.imported.append(
                ImportedImage(
                    file,
                    page_no,
                    match.tps,
                    match.contest,
                    psha,
                    pending.id,
                    others,
                    f"placed the unmatched copy imported as {pending.file_name!r}",
                )
            )
            return "imported", pending.id
        row = _new_row(s, now, user, path, page_no, psha, checked, match.tps, match.contest)
        report.imported.append(
            ImportedImage(file, page_no, match.tps, match.contest, psha, row.id, others)
        )
        return "imported", row.id
    if same_bytes:
        first = same_bytes[0]
        report.duplicates.append(
            DuplicateImage(file, page_no, first.tps_id, first.contest_id, psha, first.id)
        )
        return "duplicate", first.id
    row = _new_row(s, now, user, path, page_no, psha, checked, None, match.contest)
    report.unmatched.append(
        UnmatchedImage(file, page_no, psha, row.id, match.reason or "no TPS id in the file name")
    )
    return "unmatched", row.id


def _new_row(
    s: Session,
    now: str,
    user: str,
    path: Path,
    page_no: int,
    psha: str,
    checked: CheckedFile,
    tps: str | None,
    contest: str | None,
) -> FormImageRow:
    # The form page: ``p<N>`` in the name, else a multi-page file's own page.
    form_page = page_in_name(path.name)
    if form_page is None and len(checked.pages) > 1:
        form_page = page_no + 1
    row = FormImageRow(
        tps_id=tps,
        contest_id=contest,
        sha256=psha,
        page=page_no,
        form_page=form_page,
        sheet=sheet_in_name(path.name),
        corrected=int(corrected_in_name(path.name)),
        position=_next_position(s, tps),
        file_name=path.name,
        imported_at=now,
        imported_by=user,
        exif_time=checked.exif_time,
        exif_device=checked.exif_device,
    )
    s.add(row)
    s.flush()
    return row


# --- reading ---------------------------------------------------------------------------------------


def images_for(ws: Workspace, tps_id: str, contest_id: str) -> list[FormImage]:
    """The images of one form, in order: those for ``contest_id`` and those for any contest.

    In a demo workspace the synthetic photo of the form is rendered and stored on the first call
    (about a third of a second), so a demo of any size costs nothing up front (not in a workspace
    open read-only). A row whose file is gone is returned with ``missing=True``; it never raises
    for that.
    """
    rows = _images_for(ws, tps_id, contest_id)
    if not ws.store.read_only and not any(r.contest_id == contest_id for r in rows):
        with ws.store.reading() as s:
            syn = s.get(SyntheticImageRow, (tps_id, contest_id))
        if syn is not None:
            job = _jobs(ws, [syn])[0]
            _store_synthetic(ws, job, render_synthetic(job))
            rows = _images_for(ws, tps_id, contest_id)
    return rows


def _images_for(ws: Workspace, tps_id: str, contest_id: str) -> list[FormImage]:
    with ws.store.reading() as s:
        res = s.execute(
            _joined()
            .where(
                FormImageRow.tps_id == tps_id,
                or_(FormImageRow.contest_id == contest_id, FormImageRow.contest_id.is_(None)),
            )
            .order_by(
                FormImageRow.form_page.is_(None),
                FormImageRow.form_page,
                FormImageRow.corrected,
                FormImageRow.position,
                FormImageRow.page,
                FormImageRow.id,
            )
        ).all()
    return [_form_image(ws, fi, img) for fi, img in res]


def tps_exists(ws: Workspace, tps_id: str) -> bool:
    with ws.store.reading() as s:
        return s.get(TpsRow, tps_id) is not None


def tps_images(ws: Workspace, tps_id: str) -> list[FormImage]:
    """Every image placed at a TPS, whatever its contest, in order (no rendering)."""
    with ws.store.reading() as s:
        res = s.execute(
            _joined()
            .where(FormImageRow.tps_id == tps_id)
            .order_by(
                FormImageRow.contest_id,
                FormImageRow.form_page.is_(None),
                FormImageRow.form_page,
                FormImageRow.corrected,
                FormImageRow.position,
                FormImageRow.page,
                FormImageRow.id,
            )
        ).all()
    return [_form_image(ws, fi, img) for fi, img in res]


def get_image(ws: Workspace, form_image_id: int) -> FormImage:
    with ws.store.reading() as s:
        res = s.execute(_joined().where(FormImageRow.id == form_image_id)).first()
    if res is None:
        raise NotFoundError("UNKNOWN_FORM_IMAGE", image=form_image_id)
    return _form_image(ws, res[0], res[1])


def unmatched_images(ws: Workspace) -> list[FormImage]:
    """Images stored without a TPS, oldest first: they wait for someone to assign them."""
    with ws.store.reading() as s:
        res = s.execute(
            _joined()
            .where(FormImageRow.tps_id.is_(None))
            .order_by(FormImageRow.position, FormImageRow.page, FormImageRow.id)
        ).all()
    return [_form_image(ws, fi, img) for fi, img in res]


def missing_image_files(ws: Workspace) -> list[FormImage]:
    """Form images whose stored file is gone or unreadable: a fault the supervisor must see."""
    with ws.store.reading() as s:
        res = s.execute(_joined().order_by(FormImageRow.id)).all()
    out = []
    for fi, img in res:
        image = _form_image(ws, fi, img)
        if image.missing:
            out.append(image)
    return out


# --- arranging -------------------------------------------------------------------------------------


def assign_image(
    ws: Workspace,
    actor: Actor,
    form_image_id: int,
    tps_id: str | None,
    contest_id: str | None = None,
) -> FormImage:
    """Place an image at a TPS (``contest_id`` None: for every contest of it), or, with ``tps_id``
    None, take it back to the unmatched list. Placing an unmatched image is intake work (operator,
    supervisor or admin); changing where a placed image is needs a supervisor. Audited with from/to.
    """
    require_role(actor, *IMPORT_ROLES)
    if tps_id is not None:
        tps_id = tps_id.replace(".", "").strip()
    with ws.store.unit_of_work() as s:
        row = s.get(FormImageRow, form_image_id)
        if row is None:
            raise NotFoundError("UNKNOWN_FORM_IMAGE", image=form_image_id)
        before = {"tps": row.tps_id, "contest": row.contest_id}
        if row.tps_id == tps_id and row.contest_id == contest_id:
            img = s.get(ImageRow, row.sha256)
            assert img is not None
            return _form_image(ws, row, img)
        if row.tps_id is not None:
            require_role(actor, *MOVE_ROLES)
        if tps_id is None and contest_id is not None:
            raise InputError("CONTEST_WITHOUT_TPS")
        if tps_id is not None and s.get(TpsRow, tps_id) is None:
            raise NotFoundError("UNKNOWN_TPS", tps=tps_id)
        if contest_id is not None and contest_id not in {c.id for c in ws.contests()}:
            raise NotFoundError("UNKNOWN_CONTEST", contest=contest_id)
        if tps_id is not None and row.tps_id != tps_id:
            clash = s.execute(
                select(FormImageRow.id).where(
                    FormImageRow.tps_id == tps_id, FormImageRow.sha256 == row.sha256
                )
            ).scalar_one_or_none()
            if clash is not None:
                raise ConflictError("IMAGE_ALREADY_THERE", tps=tps_id, image=int(clash))
        if row.tps_id != tps_id:
            row.position = _next_position(s, tps_id)
        row.tps_id = tps_id
        row.contest_id = contest_id
        s.flush()
        append_event(
            s,
            ws.now(),
            actor,
            "image.assign",
            target=tps_id,
            details={
                "form_image_id": row.id,
                "sha256": row.sha256,
                "file": row.file_name,
                "from": before,
                "to": {"tps": tps_id, "contest": contest_id},
            },
        )
        img = s.get(ImageRow, row.sha256)
        assert img is not None
        return _form_image(ws, row, img)


def reorder_images(ws: Workspace, actor: Actor, tps_id: str, ids_in_order: Sequence[int]) -> None:
    """Put some or all of a TPS's images in the given order.

    The given images take the places they held between them, in the new order; images not given
    keep theirs (so a screen showing one contest's images can reorder just those). Audited.
    """
    require_role(actor, *IMPORT_ROLES)
    wanted = list(ids_in_order)
    if len(set(wanted)) != len(wanted):
        raise InputError("IMAGE_TWICE")
    with ws.store.unit_of_work() as s:
        rows = (
            s.execute(
                select(FormImageRow)
                .where(FormImageRow.tps_id == tps_id)
                .order_by(FormImageRow.position, FormImageRow.page, FormImageRow.id)
            )
            .scalars()
            .all()
        )
        by_id = {r.id: r for r in rows}
        strangers = [i for i in wanted if i not in by_id]
        if strangers:
            raise InputError(
                "NOT_AN_IMAGE_OF_TPS", images=", ".join(f"#{i}" for i in strangers), tps=tps_id
            )
        before = [r.id for r in rows]
        given = set(wanted)
        slots = [k for k, r in enumerate(rows) if r.id in given]
        order = list(before)
        for k, fid in zip(slots, wanted, strict=True):
            order[k] = fid
        if order == before:
            return
        for pos, fid in enumerate(order):
            by_id[fid].position = pos
        append_event(
            s,
            ws.now(),
            actor,
            "image.reorder",
            target=tps_id,
            details={"from": before, "to": order},
        )


# --- the demo's synthetic photos -------------------------------------------------------------------


def _jobs(ws: Workspace, rows: Iterable[SyntheticImageRow]) -> list[SyntheticPhoto]:
    contests = {c.id: c for c in ws.contests()}
    with ws.store.reading() as s:
        names = {code: name for code, name in s.execute(select(RegionRow.code, RegionRow.name))}
        numbers = {tid: n for tid, n in s.execute(select(TpsRow.id, TpsRow.number))}
    out = []
    for r in rows:
        c = contests[r.contest_id]
        t = r.tps_id
        header = C1Header(
            provinsi=names.get(t[:2], ""),
            kabupaten=names.get(t[:4], ""),
            kecamatan=names.get(t[:6], ""),
            desa=names.get(t[:10], ""),
            tps_number=numbers.get(t, int(t[10:])),
            tps_id=t,
            contest_title=c.name,
        )
        values = {str(k): int(v) for k, v in json.loads(r.values_json).items()}
        out.append(SyntheticPhoto(t, c.id, c.template_id, c.paslon, header, values, r.seed))
    return out


def _store_synthetic(ws: Workspace, job: SyntheticPhoto, photos: Sequence[bytes]) -> bool:
    """Store a form's rendered photos (one per page) as user ``demo``, audited as
    ``image.demo_render`` (not as an import), named ``C1-<tps>-<contest>-p<N>.jpg`` when there
    are several; False if the form had photos."""
    files = []
    for data in photos:
        checked = check_file(data)
        files.append((data, checked, _store_blob(ws, data, checked.ext)))
    with ws.store.unit_of_work() as s:
        taken = s.execute(
            select(
                exists().where(
                    FormImageRow.tps_id == job.tps_id, FormImageRow.contest_id == job.contest_id
                )
            )
        ).scalar_one()
        if taken:
            return False
        now = ws.now()
        report = ImportReport()
        for n, (data, checked, sha) in enumerate(files, start=1):
            suffix = f"-p{n}" if len(files) > 1 else ""
            name = Path(f"C1-{job.tps_id}-{job.contest_id}{suffix}.jpg")
            _place(
                s,
                now,
                DEMO_USER,
                name,
                data,
                sha,
                checked,
                [sha],
                _Match(job.tps_id, job.contest_id, None),
                report,
                # Its own action: rendering a demo photo the first time a form is opened is not a
                # user's import (the audit screen words it "Foto demo dibuat").
                lambda outcome, details: append_event(
                    s,
                    now,
                    None,
                    "image.demo_render",
                    target=job.tps_id,
                    outcome=outcome,
                    details={**details, "synthetic": True},
                    user_name=DEMO_USER,
                ),
            )
        return bool(report.imported)


def render_pending(
    ws: Workspace,
    tps_ids: Iterable[str] | None = None,
    workers: int = 2,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Render and store every synthetic photo not rendered yet (of ``tps_ids``, or all), using
    ``workers`` processes (1: in this process). Returns how many were stored."""
    wanted = None if tps_ids is None else {t.replace(".", "").strip() for t in tps_ids}
    with ws.store.reading() as s:
        rows = (
            s.execute(
                select(SyntheticImageRow)
                .where(
                    ~exists().where(
                        and_(
                            FormImageRow.tps_id == SyntheticImageRow.tps_id,
                            FormImageRow.contest_id == SyntheticImageRow.contest_id,
                        )
                    )
                )
                .order_by(SyntheticImageRow.tps_id, SyntheticImageRow.contest_id)
            )
            .scalars()
            .all()
        )
    if wanted is not None:
        rows = [r for r in rows if r.tps_id in wanted]
    jobs = _jobs(ws, rows)
    total = len(jobs)
    stored = 0
    if progress is not None:
        progress(0, total)
    if total == 0:
        return 0
    if workers <= 1 or total == 1:
        results: Iterable[list[bytes]] = (render_synthetic(j) for j in jobs)
        stored = _store_all(ws, jobs, results, progress, cancelled)
    else:
        # spawn: safe beside Qt's threads, and the only way on Windows; a worker imports only
        # kamarhitung.core (render_synthetic lives there), not the database layers.
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            results = pool.map(render_synthetic, jobs, chunksize=4)
            try:
                stored = _store_all(ws, jobs, results, progress, cancelled)
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    return stored


def _store_all(
    ws: Workspace,
    jobs: Sequence[SyntheticPhoto],
    results: Iterable[list[bytes]],
    progress: ProgressFn | None,
    cancelled: Callable[[], bool] | None,
) -> int:
    stored = 0
    for done, (job, data) in enumerate(zip(jobs, results, strict=False), 1):
        stored += _store_synthetic(ws, job, data)
        if progress is not None:
            progress(done, len(jobs))
        if cancelled is not None and cancelled():
            break
    return stored
