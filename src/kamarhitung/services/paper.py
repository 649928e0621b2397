"""The paper check of a bundle (BUNDLE.md, "Paper binding"), for the province screen and the
command line (``province import --paper``, ``bundle verify --paper``).

:func:`preview_bundle` decrypts and verifies a bundle up to its recap files (the manifest's
signature against the province CA and CRL, every member read against its SHA-256 in the signed
manifest) and returns the fingerprints a paper may carry (``core/paper.py``); nothing is
written. :func:`check_paper` compares the typed groups with them and refuses with a code when
they match neither. :func:`imported_paper_fingerprint` recomputes the report's fingerprint from
what the province imported, to confirm the import gives the paper's numbers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kamarhitung.core.bundle import BundleError, FileEntry, Manifest, MemberWriter
from kamarhitung.core.model import Level
from kamarhitung.core.paper import (
    MemberCapture,
    PaperFingerprints,
    paper_match,
    report_fingerprint_of_recap,
)
from kamarhitung.core.report import recap_fingerprint
from kamarhitung.services import province
from kamarhitung.services.bundle import VerifiedBundle, verify_bundle
from kamarhitung.services.common import ConflictError, NotFoundError
from kamarhitung.services.province import ProvinceKeys, RecapRowJson
from kamarhitung.services.workspace import Workspace

MAX_RECAP_BYTES = 256 << 20
"""The largest ``recap-<contest>.json`` the paper check reads into memory."""


@dataclass(frozen=True, slots=True)
class BundlePreview:
    """A bundle verified up to its recap files (or whole): its signed manifest and its
    fingerprints."""

    file: Path
    manifest: Manifest
    contests: tuple[PaperFingerprints, ...]
    verified: VerifiedBundle | None = None
    """The whole bundle's verification, when :func:`preview_bundle` was asked to read it all."""

    def contest(self, contest_id: str) -> PaperFingerprints | None:
        return next((c for c in self.contests if c.contest == contest_id), None)


@dataclass(frozen=True, slots=True)
class PaperMatch:
    """Typed groups that matched: the contest and which fingerprint (``report`` or
    ``manifest``)."""

    contest: PaperFingerprints
    kind: str


class _EnoughRead(BundleError):  # noqa: N818  (a stop signal, not an error)
    """Raised from ``open_member`` once the recap files are read: the rest is read again by the
    import itself, so the preview stops decrypting there."""

    def __init__(self) -> None:
        super().__init__("PAPER_READ_ENOUGH", "preview")


def preview_bundle(
    path: Path, keys: ProvinceKeys, now: dt.datetime, *, whole: bool = False
) -> BundlePreview:
    """Decrypt and verify ``path`` up to its ``recap-<contest>.json`` members (every member with
    ``whole``) and return its fingerprints (no change anywhere). The manifest's signature is
    checked first (CA, CRL, ``OU``, recipient), then each member read matches its size and
    SHA-256 in the manifest. Raises :class:`BundleError` (one sentence) for a bundle the
    importer would refuse there."""
    seen: list[Manifest] = []
    wanted: set[str] = set()
    docs: dict[str, bytes] = {}

    def check_more(manifest: Manifest) -> None:
        seen.append(manifest)
        wanted.update(
            f"data/recap-{c}.json"
            for c in manifest.summary
            if manifest.file(f"data/recap-{c}.json") is not None
        )
        if manifest.file("data/contests.json") is not None:
            wanted.add("data/contests.json")

    def open_member(entry: FileEntry) -> MemberWriter | None:
        if not whole and wanted <= docs.keys():
            raise _EnoughRead
        if entry.path in wanted:
            return MemberCapture(docs, entry.path, MAX_RECAP_BYTES)
        return None

    verified: VerifiedBundle | None = None
    try:
        verified = verify_bundle(
            path,
            keys.identities,
            keys.ca,
            keys.crl,
            now=now.astimezone(dt.UTC),
            open_member=open_member,
            check_more=check_more,
        )
        manifest = verified.manifest
    except _EnoughRead:
        manifest = seen[0]
    names: dict[str, str] = {}
    try:
        raw = json.loads(docs.get("data/contests.json", b"[]").decode("utf-8"))
        if isinstance(raw, list):
            names = {
                str(c["id"]): str(c.get("name") or c["id"])
                for c in raw
                if isinstance(c, dict) and "id" in c
            }
    except (UnicodeDecodeError, ValueError):
        names = {}
    contests: list[PaperFingerprints] = []
    order = [c for c in names if c in manifest.summary]  # the kabupaten's own order
    order += sorted(set(manifest.summary) - set(order))
    for cid in order:
        summary = manifest.summary[cid]
        report: str | None = None
        data = docs.get(f"data/recap-{cid}.json")
        if data is not None:
            try:
                report = report_fingerprint_of_recap(cid, manifest.kabupaten, json.loads(data))
            except (UnicodeDecodeError, ValueError, RecursionError):
                report = None
        contests.append(
            PaperFingerprints(
                cid,
                names.get(cid, cid),
                summary.tps_total,
                summary.tps_final,
                report,
                summary.fingerprint,
            )
        )
    return BundlePreview(path, manifest, tuple(contests), verified)


def check_paper(
    preview: BundlePreview,
    positions: Sequence[int],
    typed: Sequence[str],
    contest: str | None = None,
) -> PaperMatch:
    """The contest and fingerprint the typed groups (at 1-based ``positions``) belong to: of
    ``contest`` when given, else of any contest of the bundle. Refuses with ``PAPER_MISMATCH``
    (nothing may be imported) or ``PAPER_NO_CONTEST``."""
    if contest is not None:
        fps = preview.contest(contest)
        if fps is None:
            raise NotFoundError(
                "PAPER_NO_CONTEST",
                file=preview.file.name,
                contest=contest,
                contests=", ".join(c.contest for c in preview.contests),
            )
        candidates: Sequence[PaperFingerprints] = (fps,)
    else:
        candidates = preview.contests
    for fps in candidates:
        kind = paper_match(fps, positions, typed)
        if kind is not None:
            return PaperMatch(fps, kind)
    raise ConflictError(
        "PAPER_MISMATCH",
        file=preview.file.name,
        a=positions[0] if positions else 0,
        b=positions[-1] if positions else 0,
        contest=contest or ", ".join(c.contest for c in preview.contests),
    )


def _report_row(r: RecapRowJson) -> dict[str, object]:
    """A province recap row in the shape a recap report hashes (INTERFACES.md "Recap JSON")."""
    return {
        "code": r["code"],
        "name": r["name"],
        "tps_total": r["tps_total"],
        "tps_final": r["tps_final"],
        "values": r["values"],
    }


def imported_paper_fingerprint(ws: Workspace, kabupaten: str, contest: str) -> str | None:
    """The kabupaten recap report's fingerprint recomputed from what the province imported (its
    totals at kecamatan and kabupaten level, computed by the importer from the per-TPS lines)."""
    kec = province.province_recap(ws, contest, "kecamatan")
    kab = province.province_recap(ws, contest, "kabupaten")
    columns = [_report_row(r) for r in kec["rows"] if r["kabupaten"] == kabupaten]
    total = [_report_row(r) for r in kab["rows"] if r["code"] == kabupaten]
    if len(total) != 1:
        return None
    return recap_fingerprint(contest, Level.KABUPATEN.value, kabupaten, columns, total[0])
