"""Report use cases: finalise and reopen a region, make, save, sign and print the PDF reports.

Finalising (supervisors only) is per contest and region: a kecamatan when every TPS of it is
final for that contest, the kabupaten when every kecamatan is finalised. It stores the data
fingerprint of the region's recap report at that moment, takes the DRAF watermark off its reports,
and **freezes** the region's records: :func:`kamarhitung.services.freeze.ensure_not_frozen`
(re-exported here; called by :mod:`kamarhitung.services.entry` before any change of a record's
state, and before saving a draft) refuses with one sentence, and the database trigger ``record_frozen`` (migration 0004)
refuses any other path. Reopening needs a supervisor and a written reason; a kecamatan cannot be
reopened while its kabupaten is finalised. Both are kept in ``region_final_event`` and audited.

A final region's recap is checked when a report is made: if its data fingerprint is no longer the
one stored at finalisation, the report is refused (something changed a frozen record).

Every report made, saved, signed and printed appends an audit event carrying the PDF's SHA-256
and the data fingerprint. Reports are rendered by :mod:`kamarhitung.core.report` and signed by
:mod:`kamarhitung.services.signing` with the workspace key (:mod:`kamarhitung.services.keys`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import kamarhitung
from kamarhitung.core import report as rpt
from kamarhitung.core.model import KABUPATEN_LEN, KECAMATAN_LEN, Level, Role, dotted, undot
from kamarhitung.core.official import compare
from kamarhitung.core.recap import Recap
from kamarhitung.core.report import (
    Finalisation,
    OperatorLine,
    Place,
    RenderedReport,
    ReportHeader,
    ReportKind,
)
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    IntegrityError,
    NotFoundError,
    require_role,
)
from kamarhitung.services.freeze import ensure_not_frozen as ensure_not_frozen  # re-exported
from kamarhitung.services.integrity import require_intact
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import (
    AuditEventRow,
    RecordRow,
    RegionFinalEventRow,
    RegionFinalRow,
    RegionRow,
)

if TYPE_CHECKING:  # pyHanko takes ~0.5 s to import: only when signing (entry imports this module)
    from kamarhitung.services.signing import SignerKey

GENERATE_ROLES = (Role.SUPERVISOR, Role.ADMIN)
"""Who may make (draft or final) reports; finalising, reopening and signing are supervisors'."""


class ReportCancelled(Exception):  # noqa: N818  (a user's choice, not an error)
    """Raised by a progress callback to stop making a report set."""


# --- regions and their finalisation ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegionState:
    """A region a report covers: coverage of a contest and whether it is finalised."""

    contest: str
    code: str
    name: str
    level: Level
    tps_total: int
    tps_final: int
    finalisation: Finalisation | None

    @property
    def complete(self) -> bool:
        return self.tps_final == self.tps_total

    def to_json(self) -> dict[str, object]:
        fin = self.finalisation
        return {
            "contest": self.contest,
            "code": self.code,
            "name": self.name,
            "level": self.level.value,
            "tps_total": self.tps_total,
            "tps_final": self.tps_final,
            "finalised": None if fin is None else {"at": fin.at, "by": fin.by},
        }


def _finalisations(session: Session, contest_id: str) -> dict[str, RegionFinalRow]:
    rows = session.execute(
        select(RegionFinalRow).where(RegionFinalRow.contest_id == contest_id)
    ).scalars()
    return {r.region_code: r for r in rows}


def region_states(
    ws: Workspace, contest_id: str, *, cache: RecapCache | None = None
) -> list[RegionState]:
    """The kabupaten, then every kecamatan in code order, with coverage and finalisation."""
    ws.form_spec(contest_id)
    recap = (cache or RecapCache(ws)).recap(contest_id)
    with ws.store.reading() as s:
        fins = _finalisations(s, contest_id)
    out = []
    for level in (Level.KABUPATEN, Level.KECAMATAN):
        t = recap.table(level)
        finals = t.tps_final.tolist()
        totals = t.tps_total.tolist()
        for i, code in enumerate(t.codes):
            f = fins.get(code)
            out.append(
                RegionState(
                    contest_id,
                    code,
                    t.names[i],
                    level,
                    totals[i],
                    finals[i],
                    None if f is None else Finalisation(f.finalized_at, f.finalized_by),
                )
            )
    return out


def _level_of_region(code: str) -> Level:
    if len(code) == KECAMATAN_LEN:
        return Level.KECAMATAN
    if len(code) == KABUPATEN_LEN:
        return Level.KABUPATEN
    raise InputError("BAD_REGION_CODE", region=code)


def _check_region(session: Session, code: str) -> Level:
    level = _level_of_region(code)
    row = session.get(RegionRow, code)
    if row is None or row.level != level.value:
        raise NotFoundError("UNKNOWN_REGION", level=level.value, region=dotted(code))
    return level


def _state_of(ws: Workspace, contest_id: str, code: str, cache: RecapCache | None) -> RegionState:
    for r in region_states(ws, contest_id, cache=cache):
        if r.code == code:
            return r
    raise NotFoundError("UNKNOWN_REGION", level="region", region=dotted(code))


def finalise_region(
    ws: Workspace,
    actor: Actor,
    contest_id: str,
    region: str,
    *,
    cache: RecapCache | None = None,
) -> RegionState:
    """Finalise a kecamatan (all its TPS final) or the kabupaten (all its kecamatan finalised)
    for a contest: its reports stop being drafts and its records are frozen."""
    require_role(actor, Role.SUPERVISOR)
    ws.form_spec(contest_id)
    code = undot(region)
    # Finalisation freezes what the chain recorded, nothing else: a record, vector or entry
    # changed outside the application stops it here, named.
    require_intact(ws, "FINALISE_NOT_INTACT", region=dotted(code))
    now = ws.now()
    with ws.store.unit_of_work() as s:
        # The first statement takes the write lock (BEGIN IMMEDIATE): nothing can become
        # final or change between the checks below and the insert.
        level = _check_region(s, code)
        if s.get(RegionFinalRow, (contest_id, code)) is not None:
            raise ConflictError(
                "ALREADY_FINALISED", level=level.value, region=dotted(code), contest=contest_id
            )
        if level == Level.KECAMATAN:
            pending, first = s.execute(
                select(func.count(), func.min(RecordRow.tps_id)).where(
                    RecordRow.contest_id == contest_id,
                    RecordRow.tps_id.startswith(code),
                    RecordRow.state != "final",
                )
            ).one()
            if pending:
                raise ConflictError(
                    "TPS_NOT_FINAL",
                    region=dotted(code),
                    count=int(pending),
                    contest=contest_id,
                    first=dotted(str(first)),
                )
        else:
            kecs = set(
                s.execute(
                    select(RegionRow.code).where(
                        RegionRow.level == "kecamatan", RegionRow.code.startswith(code)
                    )
                ).scalars()
            )
            done = set(_finalisations(s, contest_id))
            missing = sorted(kecs - done)
            if missing:
                raise ConflictError(
                    "KECAMATAN_NOT_FINALISED",
                    count=len(missing),
                    contest=contest_id,
                    first=dotted(missing[0]),
                )
        # A fresh recap, read after the lock was taken: what is frozen is what was checked.
        recap = (cache or RecapCache(ws)).recap(contest_id)
        fp = rpt.fingerprint_of(_recap_data_report(ws, recap, contest_id, level, code))
        s.add(
            RegionFinalRow(
                contest_id=contest_id,
                region_code=code,
                finalized_at=now,
                finalized_by=actor.name,
                fingerprint=fp,
            )
        )
        s.add(
            RegionFinalEventRow(
                contest_id=contest_id,
                region_code=code,
                action="finalise",
                at=now,
                user_name=actor.name,
                reason=None,
                fingerprint=fp,
            )
        )
        append_event(
            s,
            now,
            actor,
            "region.finalise",
            target=f"{contest_id}/{code}",
            details={"level": level.value, "fingerprint": fp, "tps_final": recap.tps_final},
        )
    return _state_of(ws, contest_id, code, cache)


def reopen_region(
    ws: Workspace,
    actor: Actor,
    contest_id: str,
    region: str,
    reason: str,
    *,
    cache: RecapCache | None = None,
) -> RegionState:
    """Reopen a finalised region (supervisors, with a reason): its records may change again and
    its reports are drafts again."""
    require_role(actor, Role.SUPERVISOR)
    if not reason.strip():
        raise InputError("REASON_NEEDED")
    ws.form_spec(contest_id)
    code = undot(region)
    now = ws.now()
    with ws.store.unit_of_work() as s:
        level = _check_region(s, code)
        row = s.get(RegionFinalRow, (contest_id, code))
        if row is None:
            raise ConflictError(
                "NOT_FINALISED", level=level.value, region=dotted(code), contest=contest_id
            )
        if level == Level.KECAMATAN and s.get(RegionFinalRow, (contest_id, code[:4])) is not None:
            raise ConflictError("KABUPATEN_FINALISED", contest=contest_id, region=dotted(code))
        fp = row.fingerprint
        s.delete(row)
        s.add(
            RegionFinalEventRow(
                contest_id=contest_id,
                region_code=code,
                action="reopen",
                at=now,
                user_name=actor.name,
                reason=reason.strip(),
                fingerprint=fp,
            )
        )
        append_event(
            s,
            now,
            actor,
            "region.reopen",
            target=f"{contest_id}/{code}",
            details={"level": level.value, "reason": reason.strip(), "fingerprint": fp},
        )
    return _state_of(ws, contest_id, code, cache)


@dataclass(frozen=True, slots=True)
class FinalisationEvent:
    contest: str
    region: str
    action: str
    at: str
    user: str
    reason: str | None


def finalisation_history(ws: Workspace, contest_id: str) -> list[FinalisationEvent]:
    """Every finalisation and reopening of a contest's regions, oldest first."""
    with ws.store.reading() as s:
        rows = s.execute(
            select(RegionFinalEventRow)
            .where(RegionFinalEventRow.contest_id == contest_id)
            .order_by(RegionFinalEventRow.id)
        ).scalars()
        return [
            FinalisationEvent(r.contest_id, r.region_code, r.action, r.at, r.user_name, r.reason)
            for r in rows
        ]


# --- making reports ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """A report to make: kind, contest, region (a kecamatan or the kabupaten) and paper."""

    kind: ReportKind
    contest: str
    region: str
    paper: str = "a4"

    @property
    def level(self) -> Level:
        return _level_of_region(self.region)

    def file_name(self) -> str:
        """``bupati-rekap-kecamatan-357801.pdf``."""
        kind = {
            ReportKind.RECAP: "rekap",
            ReportKind.ANNEX: "lampiran-tps",
            ReportKind.ANOMALIES: "anomali",
            ReportKind.PROGRESS: "kemajuan",
            ReportKind.QUALITY: "mutu-data",
        }[self.kind]
        return f"{self.contest}-{kind}-{self.level.value}-{self.region}.pdf"


def make_request(
    ws: Workspace,
    kind: str | ReportKind,
    contest_id: str,
    level: str | Level,
    region: str | None = None,
    paper: str = "a4",
) -> ReportRequest:
    """Check and complete a request: the kabupaten level defaults to the workspace's kabupaten;
    a kecamatan level needs the kecamatan's code (dots allowed)."""
    try:
        kind_v = ReportKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in ReportKind)
        raise InputError("NOT_ONE_OF", what="report kind", value=kind, allowed=allowed) from None
    try:
        lv = Level(level)
    except ValueError:
        lv = Level.PROVINSI
    if lv not in rpt.REPORT_LEVELS:
        raise InputError("BAD_REPORT_LEVEL", level=level)
    if paper not in rpt.PAPERS:
        raise InputError("NOT_ONE_OF", what="paper", value=paper, allowed=", ".join(rpt.PAPERS))
    ws.form_spec(contest_id)
    kab = ws.meta().get("kabupaten_code", "")
    if lv == Level.KABUPATEN:
        code = undot(region) if region else kab
        if code != kab:
            raise InputError("NOT_THIS_KABUPATEN", region=region or "", kabupaten=dotted(kab))
    else:
        if not region:
            raise InputError("KECAMATAN_NEEDED")
        code = undot(region)
        if len(code) != KECAMATAN_LEN:
            raise InputError("NOT_A_KECAMATAN_CODE", region=region)
    with ws.store.reading() as s:
        _check_region(s, code)
    return ReportRequest(kind_v, contest_id, code, paper)


def _header(
    ws: Workspace, recap: Recap, contest_id: str, level: Level, code: str, fin: Finalisation | None
) -> ReportHeader:
    meta = ws.meta()
    contest = ws.contest(contest_id)
    form = ws.form_spec(contest_id)
    tree = recap.tree
    if level == Level.KABUPATEN:
        region = Place(tree.kabupaten.code, tree.kabupaten.name)
    else:
        names = {r.code: r.name for r in tree.kecamatan}
        region = Place(code, names.get(code, ""))
    return ReportHeader(
        election=meta.get("election", ""),
        contest_id=contest_id,
        contest_name=contest.name,
        form_code=form.template.form_code,
        provinsi=Place(meta.get("provinsi_code", ""), meta.get("provinsi_name", "")),
        kabupaten=Place(tree.kabupaten.code, tree.kabupaten.name),
        region=region,
        level=level,
        generated_at=ws.clock.now(),
        software=f"kamarhitung {kamarhitung.__version__}",
        finalisation=fin,
        audit_head=_head(ws),
    )


def _head(ws: Workspace) -> str:
    from kamarhitung.services.audit import chain_head, format_head

    with ws.store.reading() as s:
        return format_head(chain_head(s))


def _check_chained_finalisation(session: Session, row: RegionFinalRow) -> None:
    """A finalisation is FINAL on a report only if the audit chain finalised the region last,
    with this fingerprint (a row inserted with sqlite3 would otherwise print FINAL)."""
    from kamarhitung.services.audit import event_intact

    target = f"{row.contest_id}/{row.region_code}"
    last = session.execute(
        select(AuditEventRow)
        .where(
            AuditEventRow.target == target,
            AuditEventRow.action.in_(("region.finalise", "region.reopen")),
        )
        .order_by(AuditEventRow.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    ok = (
        last is not None
        and last.action == "region.finalise"
        and event_intact(last)
        and json.loads(last.details_json).get("fingerprint") == row.fingerprint
        and (last.at, last.user_name) == (row.finalized_at, row.finalized_by)
    )
    if not ok:
        raise IntegrityError(
            "FINALISATION_NOT_CHAINED", region=dotted(row.region_code), contest=row.contest_id
        )


def _recap_data_report(
    ws: Workspace,
    recap: Recap,
    contest_id: str,
    level: Level,
    code: str,
    fin: Finalisation | None = None,
) -> rpt.RecapReport:
    contest = ws.contest(contest_id)
    header = _header(ws, recap, contest_id, level, code, fin)
    return rpt.recap_report(recap, ws.form_spec(contest_id), contest.paslon, header)


def _repeat_lines(ws: Workspace, contest_id: str, code: str) -> list[rpt.RepeatLine]:
    """The repeat votes of a region, the latest per TPS, with the new form's state."""
    from kamarhitung.services.repeat import repeat_votes

    latest = {r.tps_id: r for r in repeat_votes(ws, contest_id, code)}
    if not latest:
        return []
    with ws.store.reading() as s:
        states: dict[str, str] = {
            t: st
            for t, st in s.execute(
                select(RecordRow.tps_id, RecordRow.state).where(
                    RecordRow.contest_id == contest_id, RecordRow.tps_id.in_(list(latest))
                )
            )
        }
    return [
        rpt.RepeatLine(t, r.kind, r.reference, r.reason, r.marked_at, states.get(t, ""))
        for t, r in sorted(latest.items())
    ]


def build_report(
    ws: Workspace,
    actor: Actor,
    request: ReportRequest,
    *,
    cache: RecapCache | None = None,
) -> rpt.Report:
    """The report's data (not rendered): what it prints and its fingerprint."""
    require_role(actor, *GENERATE_ROLES)
    cache = cache or RecapCache(ws)
    recap = cache.recap(request.contest)
    code, level = request.region, request.level
    with ws.store.reading() as s:
        row = s.get(RegionFinalRow, (request.contest, code))
        if row is not None:
            _check_chained_finalisation(s, row)
        stored_fp = row.fingerprint if row else None
        fin = Finalisation(row.finalized_at, row.finalized_by) if row else None
    contest = ws.contest(request.contest)
    form = ws.form_spec(request.contest)
    header = _header(ws, recap, request.contest, level, code, fin)
    recap_report = rpt.recap_report(
        recap, form, contest.paslon, header, _repeat_lines(ws, request.contest, code)
    )
    if stored_fp is not None:
        # Whatever the kind, FINAL must mean frozen: the region's data is what was finalised.
        _check_frozen_data(recap_report, stored_fp, level, code)
    if request.kind == ReportKind.RECAP:
        return recap_report
    if request.kind == ReportKind.ANNEX:
        from kamarhitung.services.anomalies import form_findings

        notes = {t: [f.code for f in fs] for t, fs in form_findings(ws, request.contest).items()}
        return rpt.annex_report(recap, form, contest.paslon, header, notes)
    if request.kind == ReportKind.ANOMALIES:
        from kamarhitung.services.anomalies import scan_anomalies
        from kamarhitung.services.official import official_values

        found = scan_anomalies(ws, request.contest, cache=cache)
        official = official_values(ws, request.contest)
        sel = compare(recap, official)
        return rpt.anomaly_report(
            recap,
            header,
            found,
            sel.differences,
            official_loaded=bool(official),
            compared=sel.compared,
            pending=sel.pending,
        )
    if request.kind == ReportKind.QUALITY:
        return _quality_report(ws, actor, request.contest, header)
    from kamarhitung.services.entry import operator_stats

    ops = [
        OperatorLine(
            o.user,
            o.forms,
            o.fields,
            o.hours,
            o.forms_per_hour,
            o.keystrokes_per_hour,
            o.mismatches,
            o.mismatch_per_10k_fields,
        )
        for o in operator_stats(ws, actor)
    ]
    return rpt.progress_report(recap, header, ops)


def _quality_report(
    ws: Workspace, actor: Actor, contest_id: str, header: ReportHeader
) -> rpt.QualityReport:
    """The "Mutu data" page (services/quality.py): supervisors only, as it prints values."""
    from kamarhitung.core.quality import redraw_instructions
    from kamarhitung.services import quality

    rep = quality.report(ws, actor, contest_id)
    lo, hi = rep.rate.ci95
    return rpt.QualityReport(
        header,
        rep.forms,
        rep.fields,
        rep.errors,
        rep.undecided,
        round(rep.rate.per_10000, 4),
        (round(lo, 4), round(hi, 4)),
        tuple(
            rpt.QualityLine(d.tps_id, d.field, d.final, d.audit, d.same_way, d.verdict, d.image)
            for d in rep.differences
        ),
        tuple(
            rpt.QualityDraw(
                smp.seed,
                smp.fingerprint,
                len(smp.tps),
                smp.drawn_at,
                smp.drawn_by,
                redraw_instructions(smp.seed, smp.fingerprint, len(smp.tps), "id"),
            )
            for smp in rep.samples
        ),
    )


def _check_frozen_data(report: rpt.Report, stored: str, level: Level, code: str) -> None:
    if rpt.fingerprint_of(report) != stored:
        raise ConflictError(
            "CHANGED_AFTER_FINALISED",
            level=level.value,
            region=dotted(code),
            fingerprint=stored[:16],
        )


@dataclass(frozen=True)
class ReportResult:
    """A made report: the request, the PDF and, once signed, who signed it."""

    request: ReportRequest
    rendered: RenderedReport
    pdf: bytes
    signer: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()

    @property
    def fingerprint(self) -> str:
        return self.rendered.fingerprint

    @property
    def draft(self) -> bool:
        return self.rendered.draft

    @property
    def signed(self) -> bool:
        return self.signer is not None

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.request.kind.value,
            "contest": self.request.contest,
            "level": self.request.level.value,
            "region": self.request.region,
            "paper": self.request.paper,
            "pages": self.rendered.pages,
            "draft": self.draft,
            "fingerprint": self.fingerprint,
            "sha256": self.sha256,
            "signed_by": self.signer,
        }


def _audit(ws: Workspace, actor: Actor, action: str, result: ReportResult, **extra: object) -> None:
    if ws.store.read_only:
        return
    with ws.store.unit_of_work() as s:
        append_event(
            s,
            ws.now(),
            actor,
            action,
            target=f"{result.request.contest}/{result.request.region}",
            details={
                "kind": result.request.kind.value,
                "level": result.request.level.value,
                "paper": result.request.paper,
                "pages": result.rendered.pages,
                "draft": result.draft,
                "fingerprint": result.fingerprint,
                "sha256": result.sha256,
                **extra,
            },
        )


def make_report(
    ws: Workspace,
    actor: Actor,
    request: ReportRequest,
    *,
    cache: RecapCache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReportResult:
    """Make (render) a report and audit it (``report.generate``, with the PDF's SHA-256)."""
    report = build_report(ws, actor, request, cache=cache)
    rendered = rpt.render(report, request.paper, progress=progress)
    result = ReportResult(request, rendered, rendered.pdf)
    _audit(ws, actor, "report.generate", result)
    return result


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file beside ``path``, then rename: never a half-written PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_report(ws: Workspace, actor: Actor, result: ReportResult, path: Path) -> Path:
    """Write the report's PDF to ``path`` and audit it (``report.save``)."""
    try:
        write_atomic(path, result.pdf)
    except OSError as e:
        raise InputError("CANNOT_WRITE", path=str(path), reason=e.strerror or "?") from None
    _audit(ws, actor, "report.save", result, file=path.name, signed_by=result.signer)
    return path


def record_print(ws: Workspace, actor: Actor, result: ReportResult, printer: str) -> None:
    """Audit that the report was sent to a printer (``report.print``)."""
    require_role(actor, *GENERATE_ROLES)
    _audit(ws, actor, "report.print", result, printer=printer, signed_by=result.signer)


def load_signer(ws: Workspace, passphrase: str) -> SignerKey:
    """The workspace key opened with ``passphrase``, with its certificate, CA and CRL (refused
    in one sentence: a wrong passphrase, a certificate not from the CA, expired or revoked)."""
    from kamarhitung.services.keys import load_signing_identity
    from kamarhitung.services.signing import SignerKey

    ident = load_signing_identity(ws, passphrase)
    return SignerKey(ident.key, ident.cert, ident.ca, ident.crl)


def sign_report(
    ws: Workspace,
    actor: Actor,
    result: ReportResult,
    passphrase: str | None = None,
    *,
    signer: SignerKey | None = None,
    verified: bool = False,
) -> ReportResult:
    """Sign the report with the workspace key (supervisors) and audit it (``report.sign``).

    Give the ``passphrase``, or a ``signer`` opened once with :func:`load_signer` (a set of
    reports: unwrapping the key costs about a second each time). The workspace must pass
    ``audit verify`` first (:class:`IntegrityError` names the first problem); ``verified``
    says the caller checked it already (a set checks once)."""
    from kamarhitung.core import keys as k
    from kamarhitung.services.signing import sign_pdf

    require_role(actor, Role.SUPERVISOR)
    if result.signed:
        raise ConflictError("ALREADY_SIGNED")
    if not verified:
        require_intact(ws, "SIGN_NOT_INTACT")
    if signer is None:
        if passphrase is None:
            raise InputError("PASSPHRASE_NEEDED")
        signer = load_signer(ws, passphrase)
    what = {
        ReportKind.RECAP: "Rekapitulasi",
        ReportKind.ANNEX: "Lampiran per TPS",
        ReportKind.ANOMALIES: "Laporan anomali dan selisih",
        ReportKind.PROGRESS: "Laporan kemajuan entri",
        ReportKind.QUALITY: "Laporan mutu data",
    }[result.request.kind]
    status = "draf" if result.draft else "final"
    signed = sign_pdf(
        result.pdf,
        signer,
        result.rendered.signature_fields,
        fingerprint=result.fingerprint,
        reason=f"{what} {status}, disetujui {actor.name}",
        location=ws.meta().get("kabupaten_name", ""),
        now=ws.clock.now(),
    )
    out = replace(result, pdf=signed, signer=k.describe(signer.cert))
    _audit(
        ws,
        actor,
        "report.sign",
        out,
        unsigned_sha256=result.sha256,
        signer=out.signer,
        certificate_serial=k.serial_hex(signer.cert),
    )
    return out


# --- a whole set -------------------------------------------------------------------------------


def set_requests(ws: Workspace, contest_id: str, paper: str = "a4") -> list[ReportRequest]:
    """The report set of a contest: every kecamatan's recap, the kabupaten's recap and the
    kabupaten's TPS annex."""
    ws.form_spec(contest_id)
    kab = ws.meta().get("kabupaten_code", "")
    with ws.store.reading() as s:
        kecs = s.execute(
            select(RegionRow.code).where(RegionRow.level == "kecamatan").order_by(RegionRow.code)
        ).scalars()
        out = [ReportRequest(ReportKind.RECAP, contest_id, c, paper) for c in kecs]
    out.append(ReportRequest(ReportKind.RECAP, contest_id, kab, paper))
    out.append(ReportRequest(ReportKind.ANNEX, contest_id, kab, paper))
    return out


def make_set(
    ws: Workspace,
    actor: Actor,
    requests: Sequence[ReportRequest],
    out_dir: Path,
    *,
    passphrase: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """Make (and with ``passphrase``, sign) every report of ``requests`` into ``out_dir``.

    ``progress(done, total, name)`` after each report; ``cancelled()`` is asked between pages
    and reports: files already written stay, the one in progress is not written."""
    signer: SignerKey | None = None
    if passphrase is not None:
        require_role(actor, Role.SUPERVISOR)
        require_intact(ws, "SIGN_SET_NOT_INTACT")
        signer = load_signer(ws, passphrase)  # opened once; a wrong passphrase stops it all
    cache = RecapCache(ws)
    written: list[Path] = []

    def page_done(_done: int, _total: int) -> None:
        if cancelled is not None and cancelled():
            raise ReportCancelled

    for i, req in enumerate(requests):
        if cancelled is not None and cancelled():
            raise ReportCancelled
        result = make_report(ws, actor, req, cache=cache, progress=page_done)
        if signer is not None:
            result = sign_report(ws, actor, result, signer=signer, verified=True)
        written.append(save_report(ws, actor, result, out_dir / req.file_name()))
        if progress is not None:
            progress(i + 1, len(requests), req.file_name())
    return written
