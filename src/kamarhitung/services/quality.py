"""The blind re-key audit: draw a sample, key it blind, decide differences, report the rate.

INTERFACES.md, "Data quality". A supervisor draws final forms at random from a seed typed before
witnesses and the recap fingerprint (:func:`draw`); each sampled form then comes, in the normal
work queue and entry screen, to an operator who keyed neither of its entries (the hooks in
:mod:`kamarhitung.services.entry` call the ``*_in`` functions here). The operator sees nothing of
the entries or the final record, and the audit keying never changes the final record: it is
compared with it when finished, and kept. Every difference goes to a supervisor, who types the
value read from the image (:func:`decide`): if it proves the final record wrong, the record is
corrected through the resolution path (a field resolution attributed to the keyers who typed
the wrong value, the record re-hashed and audited, its finalised kecamatan and kabupaten
reopened with the supervisor's reason) and the error is counted. :func:`report` states the rate
per 10,000 fields with its exact 95% interval; the bundle's manifest carries the same figures
(:func:`manifest_figures`).

Accuracy per operator (:func:`operator_accuracy`, supervisors only) counts errors attributed by
resolutions (the audit's corrections included) and audit keyings a supervisor found wrong, over
the fields keyed (finished entries and audit keyings times the form's fields). With pairing on
(:func:`set_pairing`), the queue offers an operator the second entry of a form whose first entry
was made by an operator on the other side of the median rate.

Every action is one transaction with its audit event; samples and decisions are append-only,
and a finished audit keying cannot change (triggers, migration 0007).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from kamarhitung.core import quality as q
from kamarhitung.core.entry import MAX_INPUT, State, attribute, missing_fields
from kamarhitung.core.model import KABUPATEN_LEN, KECAMATAN_LEN, Role, dotted, undot
from kamarhitung.core.refusal import CodedText, Param
from kamarhitung.core.validation import has_errors, validate
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    canonical_json,
    require_role,
    sha256_hex,
)
from kamarhitung.services.hashes import record_hash, resolution_hash
from kamarhitung.services.keying import CLAIM_TTL, EntryResult, KeyingForm, tps_info
from kamarhitung.services.record_check import check_record
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import (
    AuditDecisionRow,
    AuditEventRow,
    AuditKeyingRow,
    EntryRow,
    EntryVersionRow,
    Meta,
    QualitySampleRow,
    RecordRow,
    RegionFinalEventRow,
    RegionFinalRow,
    ResolutionRow,
    UserRow,
)

if TYPE_CHECKING:
    from kamarhitung.core.template import FormSpec

AUDIT_SLOT = 3
"""The slot an audit keying shows as (entries are 1 and 2)."""

PAIRING_KEY = "quality.pairing"
MAX_SAMPLE = 100_000

Values = dict[str, int]


def _values(text: str | None) -> Values:
    return {k: int(v) for k, v in json.loads(text or "{}").items()}


# --- the draw ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sample:
    id: int
    contest_id: str
    seed: str
    fingerprint: str
    population: int
    tps: tuple[str, ...]
    drawn_at: str
    drawn_by: str
    target: float | None

    @property
    def instructions(self) -> str:
        return q.redraw_instructions(self.seed, self.fingerprint, len(self.tps))

    def to_json(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "fingerprint": self.fingerprint,
            "contest": self.contest_id,
            "population": self.population,
            "forms": len(self.tps),
            "target_per_10000": self.target,
            "tps": list(self.tps),
            "drawn_at": self.drawn_at,
            "drawn_by": self.drawn_by,
            "redraw": self.instructions,
        }


def _sample_of(row: QualitySampleRow) -> Sample:
    return Sample(
        row.id,
        row.contest_id,
        row.seed,
        row.fingerprint,
        row.population,
        tuple(json.loads(row.tps_json)),
        row.drawn_at,
        row.drawn_by,
        float(row.target) if row.target is not None else None,
    )


def size_for_target(
    ws: Workspace, contest_id: str, target_per_10000: float, expected_per_10000: float = 0.0
) -> int:
    """Forms to audit so that the room can state a residual rate of at most ``target_per_10000``
    (the upper end of the exact 95% interval), if the audit finds errors at the expected rate
    (by default none)."""
    try:
        return q.forms_needed(
            target_per_10000, len(ws.form_spec(contest_id).field_ids), expected_per_10000
        )
    except ValueError as e:
        raise InputError("BAD_TARGET", target=target_per_10000, detail=str(e)) from None


def draw(
    ws: Workspace,
    actor: Actor,
    contest_id: str,
    seed: str,
    forms: int | None = None,
    *,
    target: float | None = None,
) -> Sample:
    """Draw ``forms`` final forms (or as many as ``target`` needs, capped at what is final and
    not yet sampled) and queue them for audit keying. Supervisors only."""
    require_role(actor, Role.SUPERVISOR)
    ws.form_spec(contest_id)
    seed = q.normalise_seed(seed)
    if not seed:
        raise InputError("SEED_EMPTY")
    if len(seed) > 200:
        raise InputError("SEED_TOO_LONG", max=200)
    if (forms is None) == (target is None):
        raise InputError("FORMS_OR_TARGET")
    if target is not None:
        forms = size_for_target(ws, contest_id, target)
    assert forms is not None
    if not 1 <= forms <= MAX_SAMPLE:
        raise InputError("SAMPLE_SIZE", max=MAX_SAMPLE, forms=forms)
    from kamarhitung.services.recap import RecapCache

    now = ws.now()
    with ws.store.unit_of_work() as s:
        finals = list(
            s.execute(
                select(RecordRow.tps_id).where(
                    RecordRow.contest_id == contest_id, RecordRow.state == State.FINAL.value
                )
            ).scalars()
        )
        taken = set(
            s.execute(
                select(AuditKeyingRow.tps_id).where(AuditKeyingRow.contest_id == contest_id)
            ).scalars()
        )
        available = [t for t in finals if t not in taken]
        if not available:
            raise ConflictError(
                "NOTHING_TO_SAMPLE", contest=contest_id, final=len(finals), taken=len(taken)
            )
        if forms > len(available) and target is None:
            raise InputError(
                "TOO_FEW_TO_SAMPLE", contest=contest_id, forms=forms, available=len(available)
            )
        forms = min(forms, len(available))
        # The recap read after the write lock was taken: what is sampled is what was hashed.
        fingerprint = RecapCache(ws).recap(contest_id).fingerprint
        chosen = q.draw_sample(seed, fingerprint, finals, forms, exclude=taken)
        body = {
            "contest": contest_id,
            "seed": seed,
            "fingerprint": fingerprint,
            "population": len(available),
            "tps": chosen,
            "target": None if target is None else float(target),
            "drawn_at": now,
            "drawn_by": actor.name,
        }
        h = sha256_hex(canonical_json(body))
        row = QualitySampleRow(
            contest_id=contest_id,
            seed=seed,
            fingerprint=fingerprint,
            population=len(available),
            size=len(chosen),
            target=None if target is None else repr(float(target)),
            tps_json=canonical_json(chosen),
            drawn_at=now,
            drawn_by=actor.name,
            hash=h,
        )
        s.add(row)
        s.flush()
        for i, tps in enumerate(chosen):
            s.add(
                AuditKeyingRow(
                    sample_id=row.id,
                    tps_id=tps,
                    contest_id=contest_id,
                    position=i,
                    status="pending",
                    user_id=None,
                    values_json="{}",
                    problems_json="[]",
                    keystrokes=0,
                )
            )
        s.flush()
        append_event(
            s,
            now,
            actor,
            "quality.sample",
            target=contest_id,
            details={
                "sample": row.id,
                "sample_hash": h,
                "seed": seed,
                "fingerprint": fingerprint,
                "forms": len(chosen),
            },
        )
        return _sample_of(row)


def samples(ws: Workspace, contest_id: str | None = None) -> list[Sample]:
    """Every draw, oldest first."""
    with ws.store.reading() as s:
        stmt = select(QualitySampleRow).order_by(QualitySampleRow.id)
        if contest_id:
            stmt = stmt.where(QualitySampleRow.contest_id == contest_id)
        return [_sample_of(r) for r in s.execute(stmt).scalars()]


# --- audit keying (called from services/entry.py inside its transactions) ----------------------


def _keyers(s: Session, tps_id: str, contest_id: str) -> set[int]:
    """The users who keyed an entry of the form (current entries and finished versions)."""
    users = set(
        s.execute(
            select(EntryRow.user_id).where(
                EntryRow.tps_id == tps_id, EntryRow.contest_id == contest_id
            )
        ).scalars()
    )
    users.update(
        s.execute(
            select(EntryVersionRow.user_id).where(
                EntryVersionRow.tps_id == tps_id,
                EntryVersionRow.contest_id == contest_id,
                EntryVersionRow.event == "finished",
            )
        ).scalars()
    )
    return users


def _lapsed(row: AuditKeyingRow, now: datetime) -> bool:
    return (
        row.updated_at is not None and datetime.fromisoformat(row.updated_at) + _claim_ttl() < now
    )


def own_audit(s: Session, actor: Actor, tps_id: str, contest_id: str) -> AuditKeyingRow | None:
    """The actor's open audit keying of a form, if they hold one."""
    return s.execute(
        select(AuditKeyingRow).where(
            AuditKeyingRow.tps_id == tps_id,
            AuditKeyingRow.contest_id == contest_id,
            AuditKeyingRow.user_id == actor.user_id,
            AuditKeyingRow.status == "in_progress",
        )
    ).scalar_one_or_none()


def own_audit_any(s: Session, actor: Actor, contest_id: str) -> AuditKeyingRow | None:
    return s.execute(
        select(AuditKeyingRow)
        .where(
            AuditKeyingRow.contest_id == contest_id,
            AuditKeyingRow.user_id == actor.user_id,
            AuditKeyingRow.status == "in_progress",
        )
        .order_by(AuditKeyingRow.position)
        .limit(1)
    ).scalar_one_or_none()


def open_audit(s: Session, tps_id: str, contest_id: str) -> AuditKeyingRow | None:
    """The audit keying of a form that is still to be made (pending or in progress)."""
    return s.execute(
        select(AuditKeyingRow).where(
            AuditKeyingRow.tps_id == tps_id,
            AuditKeyingRow.contest_id == contest_id,
            AuditKeyingRow.status != "done",
        )
    ).scalar_one_or_none()


def audit_candidates(
    ws: Workspace,
    s: Session,
    actor: Actor,
    contest_id: str,
    exclude: Sequence[str] = (),
    limit: int = 5,
) -> list[str]:
    """Sampled forms the actor may key for the audit, in draw order: not held by someone else
    (unless their claim lapsed), and not keyed by the actor in either entry. One query, so that
    an operator who keyed most of the sample is not slowed down."""
    stale = (ws.clock.now() - _claim_ttl()).isoformat(timespec="seconds")
    k = AuditKeyingRow
    keyed_entry = select(EntryRow.id).where(
        EntryRow.tps_id == k.tps_id,
        EntryRow.contest_id == k.contest_id,
        EntryRow.user_id == actor.user_id,
    )
    keyed_version = select(EntryVersionRow.id).where(
        EntryVersionRow.tps_id == k.tps_id,
        EntryVersionRow.contest_id == k.contest_id,
        EntryVersionRow.user_id == actor.user_id,
        EntryVersionRow.event == "finished",
    )
    return list(
        s.execute(
            select(k.tps_id)
            .where(
                k.contest_id == contest_id,
                or_(k.status == "pending", and_(k.status == "in_progress", k.updated_at < stale)),
                or_(k.user_id.is_(None), k.user_id != actor.user_id),
                k.tps_id.not_in(list(exclude)),
                ~keyed_entry.exists(),
                ~keyed_version.exists(),
            )
            .order_by(k.sample_id, k.position)
            .limit(limit)
        ).scalars()
    )


def _claim_ttl() -> timedelta:
    return CLAIM_TTL


def claim_audit_in(ws: Workspace, s: Session, actor: Actor, row: AuditKeyingRow) -> AuditKeyingRow:
    """Take (or resume) the audit keying of a sampled form, or refuse saying why."""
    require_role(actor, Role.OPERATOR)
    target = f"{row.tps_id}/{row.contest_id}"
    if row.user_id == actor.user_id and row.status == "in_progress":
        return row
    if actor.user_id in _keyers(s, row.tps_id, row.contest_id):
        raise ConflictError("AUDIT_SAME_USER", tps=row.tps_id, contest=row.contest_id)
    rec = s.get(RecordRow, (row.tps_id, row.contest_id))
    if rec is None or rec.state != State.FINAL.value:
        raise ConflictError("NOT_FINAL_TO_AUDIT", tps=row.tps_id, contest=row.contest_id)
    now = ws.now()
    if row.status == "in_progress":
        if not _lapsed(row, ws.clock.now()):
            holder = s.get(UserRow, row.user_id)
            raise ConflictError(
                "AUDIT_HELD_BY_OTHER",
                tps=row.tps_id,
                contest=row.contest_id,
                user=holder.name if holder else "?",
            )
        append_event(
            s,
            now,
            actor,
            "quality.audit_lapsed",
            target=target,
            details={"keying": row.id, "user_id": row.user_id, "values": row.values_json},
        )
    row.status = "in_progress"
    row.user_id = actor.user_id
    row.values_json = "{}"
    row.problems_json = "[]"
    row.keystrokes = 0
    row.started_at = now
    row.updated_at = now
    s.flush()
    append_event(s, now, actor, "quality.audit_claim", target=target, details={"keying": row.id})
    return row


def keying_form(ws: Workspace, s: Session, row: AuditKeyingRow) -> KeyingForm:
    """What the audit keyer sees: their own draft only (never the entries or the final)."""
    return KeyingForm(
        tps=tps_info(s, row.tps_id),
        contest_id=row.contest_id,
        slot=AUDIT_SLOT,
        values=_values(row.values_json),
        problems=tuple(json.loads(row.problems_json)),
        keystrokes=row.keystrokes,
        paslon=ws.contest(row.contest_id).paslon,
        audit=True,
    )


def save_audit_draft_in(
    ws: Workspace, row: AuditKeyingRow, vals: Values, probs: list[str], keystrokes: int
) -> None:
    row.values_json = canonical_json(vals)
    row.problems_json = canonical_json(probs)
    row.keystrokes = max(row.keystrokes, keystrokes)
    row.updated_at = ws.now()


def _keying_hash(row: AuditKeyingRow) -> str:
    return sha256_hex(
        canonical_json(
            {
                "keying": row.id,
                "sample": row.sample_id,
                "tps": row.tps_id,
                "contest": row.contest_id,
                "user_id": row.user_id,
                "values": json.loads(row.values_json),
                "problems": json.loads(row.problems_json),
                "started_at": row.started_at,
                "finished_at": row.finished_at,
                "final_values": json.loads(row.final_values or "null"),
                "final_hash": row.final_hash,
            }
        )
    )


def finish_audit_in(
    ws: Workspace,
    s: Session,
    actor: Actor,
    row: AuditKeyingRow,
    form: FormSpec,
    vals: Values,
    probs: list[str],
    keystrokes: int,
) -> EntryResult:
    """Finish an audit keying: kept, compared with the final record, which it never changes.
    The result tells the operator nothing of the comparison."""
    missing = missing_fields(form, vals)
    if missing and not probs:
        raise InputError(
            "FIELDS_NOT_KEYED",
            tps=row.tps_id,
            contest=row.contest_id,
            count=len(missing),
            first=missing[0],
        )
    rec = s.get(RecordRow, (row.tps_id, row.contest_id))
    if rec is None or rec.state != State.FINAL.value or rec.final_values is None:
        raise ConflictError("NOT_FINAL_TO_AUDIT", tps=row.tps_id, contest=row.contest_id)
    now = ws.now()
    findings = validate(form, vals)
    row.values_json = canonical_json(vals)
    row.problems_json = canonical_json(probs)
    row.keystrokes = max(row.keystrokes, keystrokes)
    row.updated_at = now
    row.finished_at = now
    row.final_values = rec.final_values
    row.final_hash = rec.hash
    row.status = "done"
    row.hash = _keying_hash(row)
    s.flush()
    compared, diffs = q.compare(form.field_ids, _values(rec.final_values), vals)
    append_event(
        s,
        now,
        actor,
        "quality.audit_finish",
        target=f"{row.tps_id}/{row.contest_id}",
        details={
            "keying": row.id,
            "hash": row.hash,
            "fields": compared,
            "differences": len(diffs),
            "record_hash": rec.hash,
        },
    )
    return EntryResult(row.tps_id, row.contest_id, AUDIT_SLOT, State.FINAL, tuple(findings), True)


def give_back_audit_in(ws: Workspace, s: Session, actor: Actor, row: AuditKeyingRow) -> None:
    now = ws.now()
    append_event(
        s,
        now,
        actor,
        "quality.audit_give_back",
        target=f"{row.tps_id}/{row.contest_id}",
        details={"keying": row.id, "values": row.values_json},
    )
    row.status = "pending"
    row.user_id = None
    row.values_json = "{}"
    row.problems_json = "[]"
    row.keystrokes = 0
    row.started_at = row.updated_at = None


# --- the supervisor's side --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuditDifference:
    """A field where the audit keying and the final record differ, and what was decided."""

    tps_id: str
    contest_id: str
    field: str
    final: int | None
    audit: int | None
    same_way: bool
    """Both original entries held the final value: if it is wrong, both keyed it the same way."""
    verdict: str | None
    image: int | None

    def to_json(self) -> dict[str, object]:
        return {
            "tps": self.tps_id,
            "field": self.field,
            "final": self.final,
            "audit": self.audit,
            "same_way": self.same_way,
            "decision": self.verdict,
            "image": self.image,
        }


def _done_keyings(s: Session, contest_id: str) -> list[AuditKeyingRow]:
    return list(
        s.execute(
            select(AuditKeyingRow)
            .where(AuditKeyingRow.contest_id == contest_id, AuditKeyingRow.status == "done")
            .order_by(AuditKeyingRow.tps_id)
        ).scalars()
    )


def _differences(
    ws: Workspace, s: Session, contest_id: str, keyings: Sequence[AuditKeyingRow]
) -> tuple[int, list[AuditDifference]]:
    form = ws.form_spec(contest_id)
    decided: dict[tuple[int, str], AuditDecisionRow] = {
        (d.keying_id, d.field): d
        for d in s.execute(
            select(AuditDecisionRow).where(AuditDecisionRow.contest_id == contest_id)
        ).scalars()
    }
    fields = 0
    out: list[AuditDifference] = []
    for k in keyings:
        n, diffs = q.compare(form.field_ids, _values(k.final_values), _values(k.values_json))
        fields += n
        if not diffs:
            continue
        entries = {
            e.slot: _values(e.values_json)
            for e in s.execute(
                select(EntryRow).where(
                    EntryRow.tps_id == k.tps_id, EntryRow.contest_id == k.contest_id
                )
            ).scalars()
        }
        for d in diffs:
            dec = decided.get((k.id, d.field))
            same = all(entries.get(slot, {}).get(d.field) == d.final for slot in (1, 2))
            out.append(
                AuditDifference(
                    k.tps_id,
                    k.contest_id,
                    d.field,
                    d.final,
                    d.audit,
                    same and len(entries) == 2,
                    dec.verdict if dec else None,
                    dec.image_value if dec else None,
                )
            )
    return fields, out


def differences(ws: Workspace, actor: Actor, contest_id: str) -> list[AuditDifference]:
    """Every difference between an audit keying and the final record it was compared with."""
    require_role(actor, Role.SUPERVISOR)
    with ws.store.reading() as s:
        return _differences(ws, s, contest_id, _done_keyings(s, contest_id))[1]


def pending_decisions(ws: Workspace, actor: Actor, contest_id: str) -> list[str]:
    """The TPS whose audit differences wait for a supervisor, in TPS order."""
    return sorted({d.tps_id for d in differences(ws, actor, contest_id) if d.verdict is None})


@dataclass(frozen=True, slots=True)
class DecisionResult:
    tps_id: str
    contest_id: str
    verdicts: dict[str, str]
    corrected: tuple[str, ...]
    reopened: tuple[str, ...]
    record_hash: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "tps": self.tps_id,
            "contest": self.contest_id,
            "verdicts": self.verdicts,
            "corrected": list(self.corrected),
            "reopened": list(self.reopened),
        }


def _reopen_for_correction(
    s: Session, actor: Actor, now: str, tps_id: str, contest_id: str, reason: str
) -> list[str]:
    """Reopen the finalised kabupaten and kecamatan of a record the audit corrects."""
    reopened = []
    for code in (tps_id[:KABUPATEN_LEN], tps_id[:KECAMATAN_LEN]):
        row = s.get(RegionFinalRow, (contest_id, code))
        if row is None:
            continue
        fp = row.fingerprint
        s.delete(row)
        s.add(
            RegionFinalEventRow(
                contest_id=contest_id,
                region_code=code,
                action="reopen",
                at=now,
                user_name=actor.name,
                reason=reason,
                fingerprint=fp,
            )
        )
        s.flush()
        level = "kabupaten" if len(code) == KABUPATEN_LEN else "kecamatan"
        append_event(
            s,
            now,
            actor,
            "region.reopen",
            target=f"{contest_id}/{code}",
            details={"level": level, "reason": reason, "fingerprint": fp},
        )
        reopened.append(code)
    return reopened


def decide(
    ws: Workspace,
    actor: Actor,
    tps_id: str,
    contest_id: str,
    image_values: Mapping[str, int],
    reason: str,
    *,
    accept_findings_note: str | None = None,
) -> DecisionResult:
    """Decide every difference of a form's audit keying with the value read from the image.

    A value equal to the audit keying's proves the final record wrong: the record is corrected
    (a field resolution, the record re-hashed, its finalised regions reopened) and the error is
    counted. Equal to the final value, the audit keying was wrong and nothing else changes.
    Neither: both were wrong, and the record takes the image's value."""
    require_role(actor, Role.SUPERVISOR)
    tps_id = undot(tps_id)
    reason = reason.strip()
    if not reason:
        raise InputError("DECISION_NEEDS_REASON")
    form = ws.form_spec(contest_id)
    with ws.store.unit_of_work() as s:
        k = s.execute(
            select(AuditKeyingRow).where(
                AuditKeyingRow.tps_id == tps_id, AuditKeyingRow.contest_id == contest_id
            )
        ).scalar_one_or_none()
        if k is None:
            raise NotFoundError("NOT_SAMPLED", tps=dotted(tps_id), contest=contest_id)
        if k.status != "done":
            raise ConflictError("AUDIT_KEYING_NOT_DONE", tps=dotted(tps_id), contest=contest_id)
        _n, diffs = q.compare(form.field_ids, _values(k.final_values), _values(k.values_json))
        done = set(
            s.execute(
                select(AuditDecisionRow.field).where(AuditDecisionRow.keying_id == k.id)
            ).scalars()
        )
        todo = [d for d in diffs if d.field not in done]
        if not todo:
            raise ConflictError("NO_DIFFERENCE_WAITS", tps=dotted(tps_id), contest=contest_id)
        unknown = sorted(set(image_values) - {d.field for d in todo})
        if unknown:
            raise InputError("NOT_A_WAITING_DIFFERENCE", field=unknown[0])
        missing = [d.field for d in todo if d.field not in image_values]
        if missing:
            raise InputError("NO_IMAGE_VALUE", count=len(missing), first=missing[0])
        for fid, val in image_values.items():
            if isinstance(val, bool) or not isinstance(val, int) or not 0 <= val <= MAX_INPUT:
                raise InputError("BAD_VALUE", field=fid, value=repr(val), max=MAX_INPUT)
        rec = s.get(RecordRow, (tps_id, contest_id))
        assert rec is not None
        if rec.state != State.FINAL.value or rec.final_values is None:
            raise ConflictError("NO_LONGER_FINAL", tps=dotted(tps_id), contest=contest_id)
        # Issue 12: a correction rewrites the record's hash, so it must start from a record
        # the chain vouches for, never from values changed with sqlite3.
        check_record(s, rec)
        current = _values(rec.final_values)
        now = ws.now()
        verdicts: dict[str, str] = {}
        corrections: dict[str, int] = {}
        for d in todo:
            image = image_values[d.field]
            v = q.verdict(d.final, d.audit, image)
            verdicts[d.field] = v
            s.add(
                AuditDecisionRow(
                    keying_id=k.id,
                    tps_id=tps_id,
                    contest_id=contest_id,
                    field=d.field,
                    final_value=d.final,
                    audit_value=d.audit,
                    image_value=image,
                    verdict=v,
                    reason=reason,
                    user_id=actor.user_id,
                    created_at=now,
                )
            )
            if q.is_error_of_final(v) and current.get(d.field) != image:
                corrections[d.field] = image
        reopened: list[str] = []
        resolutions: list[ResolutionRow] = []
        if corrections:
            entries = {
                e.slot: _values(e.values_json)
                for e in s.execute(
                    select(EntryRow).where(
                        EntryRow.tps_id == tps_id, EntryRow.contest_id == contest_id
                    )
                ).scalars()
            }
            result = dict(current)
            result.update(corrections)
            findings = validate(form, result)
            if has_errors(findings) and not (accept_findings_note or "").strip():
                codes = sorted({f.code for f in findings if f.level == "E"})
                raise ConflictError("CORRECTED_FAILS_CHECKS", checks=", ".join(codes))
            reopened = _reopen_for_correction(
                s, actor, now, tps_id, contest_id, f"audit mutu data: {reason}"
            )
            for f, value in sorted(corrections.items()):
                v1, v2 = entries.get(1, {}).get(f), entries.get(2, {}).get(f)
                resolutions.append(
                    ResolutionRow(
                        tps_id=tps_id,
                        contest_id=contest_id,
                        field=f,
                        value_1=v1,
                        value_2=v2,
                        value=value,
                        action="typed",
                        attributed_to=attribute(v1, v2, value),
                        reason=f"audit mutu data: {reason}",
                        reference=f"audit:{k.id}",
                        user_id=actor.user_id,
                        created_at=now,
                    )
                )
                s.add(resolutions[-1])
            from kamarhitung.services.recap import final_vector_for

            rec.final_values = canonical_json(result)
            rec.final_findings = canonical_json([f.to_json() for f in findings])
            rec.final_source = "resolved"
            rec.finalized_at = now
            rec.finalized_by = actor.name
            rec.note = (accept_findings_note or "").strip() or f"audit mutu data: {reason}"
            rec.updated_at = now
            rec.hash = record_hash(rec)
            rec.final_vector = final_vector_for(s, contest_id, result)
        s.flush()
        details: dict[str, object] = {
            "keying": k.id,
            "verdicts": verdicts,
            "corrected": sorted(corrections),
            "reason": reason,
        }
        if corrections:
            details["record_hash"] = rec.hash
            # Issue 12: the resolution rows are chained too (``audit verify`` names an edit).
            details["resolution_hashes"] = [resolution_hash(r) for r in resolutions]
        append_event(
            s, now, actor, "quality.decide", target=f"{tps_id}/{contest_id}", details=details
        )
        return DecisionResult(
            tps_id,
            contest_id,
            verdicts,
            tuple(sorted(corrections)),
            tuple(reopened),
            rec.hash if corrections else None,
        )


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QualityReport:
    contest_id: str
    forms: int
    fields: int
    differences: tuple[AuditDifference, ...]
    errors: int
    undecided: int
    samples: tuple[Sample, ...]
    sampled: int

    @property
    def rate(self) -> q.Rate:
        return q.Rate(self.errors, self.fields)

    def to_json(self) -> dict[str, object]:
        lo, hi = self.rate.ci95
        return {
            "contest": self.contest_id,
            "forms": self.forms,
            "fields": self.fields,
            "differences": [d.to_json() for d in self.differences],
            "errors": self.errors,
            "undecided": self.undecided,
            "rate_per_10000": round(self.rate.per_10000, 4),
            "ci95": [round(lo, 4), round(hi, 4)],
            "sampled": self.sampled,
            "samples": [
                {k: v for k, v in smp.to_json().items() if k != "tps"} for smp in self.samples
            ],
        }

    def figures(self) -> dict[str, object]:
        """The figures without the list of differences (the bundle manifest's)."""
        d = self.to_json()
        d.pop("differences")
        d["differences"] = len(self.differences)
        d["samples"] = [
            {"seed": smp.seed, "fingerprint": smp.fingerprint, "forms": len(smp.tps)}
            for smp in self.samples
        ]
        return d


def _report(ws: Workspace, s: Session, contest_id: str) -> QualityReport:
    keyings = _done_keyings(s, contest_id)
    fields, diffs = _differences(ws, s, contest_id, keyings)
    smp = tuple(
        _sample_of(r)
        for r in s.execute(
            select(QualitySampleRow)
            .where(QualitySampleRow.contest_id == contest_id)
            .order_by(QualitySampleRow.id)
        ).scalars()
    )
    return QualityReport(
        contest_id,
        len(keyings),
        fields,
        tuple(diffs),
        sum(1 for d in diffs if d.verdict is not None and q.is_error_of_final(d.verdict)),
        sum(1 for d in diffs if d.verdict is None),
        smp,
        sum(len(x.tps) for x in smp),
    )


def report(ws: Workspace, actor: Actor, contest_id: str) -> QualityReport:
    """The audit's figures for a contest (supervisors only: it lists values of entries)."""
    require_role(actor, Role.SUPERVISOR)
    ws.form_spec(contest_id)
    with ws.store.reading() as s:
        return _report(ws, s, contest_id)


def manifest_figures(ws: Workspace) -> dict[str, object]:
    """Per contest with a sample: the report's figures, for the bundle's manifest."""
    out: dict[str, object] = {}
    with ws.store.reading() as s:
        contests = sorted(set(s.execute(select(QualitySampleRow.contest_id)).scalars()))
        for c in contests:
            out[c] = _report(ws, s, c).figures()
    return out


# --- accuracy per operator --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OperatorAccuracy:
    user: str
    fields: int
    resolution_errors: int
    audit_errors: int

    @property
    def rate(self) -> q.Rate:
        return q.Rate(self.resolution_errors + self.audit_errors, self.fields)

    def to_json(self) -> dict[str, object]:
        return {
            "user": self.user,
            "fields": self.fields,
            "errors_resolution": self.resolution_errors,
            "errors_audit": self.audit_errors,
            **{k: v for k, v in self.rate.to_json().items() if k not in ("fields",)},
        }


def _accuracy(ws: Workspace, s: Session) -> dict[int, tuple[str, int, int, int]]:
    """user id → (name, fields keyed, errors by resolutions, errors in audit keyings)."""
    per_form = {c.id: len(ws.form_spec(c.id).field_ids) for c in ws.contests()}
    names = dict(
        s.execute(select(UserRow.id, UserRow.name).where(UserRow.role == "operator")).all()
    )
    fields: dict[int, int] = {}
    for uid, cid, n in s.execute(
        select(EntryVersionRow.user_id, EntryVersionRow.contest_id, func.count())
        .where(EntryVersionRow.event == "finished")
        .group_by(EntryVersionRow.user_id, EntryVersionRow.contest_id)
    ).all():
        fields[uid] = fields.get(uid, 0) + n * per_form.get(cid, 0)
    for auid, acid, an in s.execute(
        select(AuditKeyingRow.user_id, AuditKeyingRow.contest_id, func.count())
        .where(AuditKeyingRow.status == "done")
        .group_by(AuditKeyingRow.user_id, AuditKeyingRow.contest_id)
    ).all():
        if auid is not None:
            fields[auid] = fields.get(auid, 0) + an * per_form.get(acid, 0)
    r, e = ResolutionRow, EntryRow
    blamed = dict(
        s.execute(
            select(e.user_id, func.count())
            .select_from(r)
            .join(
                e,
                and_(
                    e.tps_id == r.tps_id,
                    e.contest_id == r.contest_id,
                    or_(
                        and_(e.slot == 1, r.attributed_to.in_(("first", "both"))),
                        and_(e.slot == 2, r.attributed_to.in_(("second", "both"))),
                    ),
                ),
            )
            .where(r.field.is_not(None))
            .group_by(e.user_id)
        ).all()
    )
    audit_wrong = dict(
        s.execute(
            select(AuditKeyingRow.user_id, func.count())
            .select_from(AuditDecisionRow)
            .join(AuditKeyingRow, AuditKeyingRow.id == AuditDecisionRow.keying_id)
            .where(AuditDecisionRow.verdict.in_(("audit_wrong", "both_wrong")))
            .group_by(AuditKeyingRow.user_id)
        ).all()
    )
    return {
        uid: (name, fields.get(uid, 0), blamed.get(uid, 0), audit_wrong.get(uid, 0))
        for uid, name in names.items()
    }


def operator_accuracy(ws: Workspace, actor: Actor) -> list[OperatorAccuracy]:
    """Errors per 10,000 fields keyed, with intervals, per operator, in name order (never ranked):
    for supervisors only."""
    require_role(actor, Role.SUPERVISOR)
    with ws.store.reading() as s:
        acc = _accuracy(ws, s)
    return sorted(
        (OperatorAccuracy(name, f, r, a) for name, f, r, a in acc.values()), key=lambda x: x.user
    )


def pairing_enabled(s: Session) -> bool:
    row = s.get(Meta, PAIRING_KEY)
    return row is not None and row.value == "on"


def pairing(ws: Workspace) -> bool:
    """Whether the queue pairs high-rate with low-rate operators (for screens: no session)."""
    with ws.store.reading() as s:
        return pairing_enabled(s)


def set_pairing(ws: Workspace, actor: Actor, on: bool) -> None:
    """Turn on or off the pairing of high-rate with low-rate operators for second entries."""
    require_role(actor, Role.SUPERVISOR)
    with ws.store.unit_of_work() as s:
        row = s.get(Meta, PAIRING_KEY)
        value = "on" if on else "off"
        if row is None:
            s.add(Meta(key=PAIRING_KEY, value=value))
        else:
            row.value = value
        append_event(s, ws.now(), actor, "quality.pairing", details={"pairing": value})


def pairing_partners(ws: Workspace, s: Session, actor: Actor) -> list[int]:
    """With pairing on: the operators whose first entries the actor's second entry should check
    first (rate on the other side of the median from the actor's). Empty when off or unknown."""
    if not pairing_enabled(s):
        return []
    acc = _accuracy(ws, s)
    rates = {uid: (r + a) / f for uid, (_n, f, r, a) in acc.items() if f > 0}
    if actor.user_id not in rates or len(rates) < 2:
        return []
    median = statistics.median(rates.values())
    mine_high = rates[actor.user_id] > median
    return sorted(
        uid
        for uid, rate in rates.items()
        if uid != actor.user_id and ((rate <= median) if mine_high else (rate > median))
    )


def ensure_supervisor(actor: Actor) -> None:
    if actor.role != Role.SUPERVISOR:
        raise PermissionDeniedError(
            "WRONG_ROLE", user=actor.name, role=actor.role.value, needs=Role.SUPERVISOR.value
        )


# --- the province's view ----------------------------------------------------------------------


# --- integrity (audit verify) -----------------------------------------------------------------


def verify(s: Session, max_problems: int = 20) -> list[str]:
    """Every sample and finished audit keying against the hash its audit event recorded, and
    every decision against its event: what ``audit verify`` adds for the audit's tables."""
    chained: dict[str, set[str]] = {"quality.sample": set(), "quality.audit_finish": set()}
    decided: dict[tuple[str, str], dict[str, str]] = {}
    for action, target, details_json in s.execute(
        select(AuditEventRow.action, AuditEventRow.target, AuditEventRow.details_json).where(
            AuditEventRow.action.in_(("quality.sample", "quality.audit_finish", "quality.decide"))
        )
    ):
        details = json.loads(details_json or "{}")
        if action == "quality.sample":
            chained[action].add(str(details.get("sample_hash")))
        elif action == "quality.audit_finish":
            chained[action].add(str(details.get("hash")))
        else:
            verdicts = details.get("verdicts") or {}
            decided.setdefault((str(target), str(details.get("keying"))), {}).update(verdicts)
    problems: list[str] = []
    for smp in s.execute(select(QualitySampleRow).order_by(QualitySampleRow.id)).scalars():
        body = {
            "contest": smp.contest_id,
            "seed": smp.seed,
            "fingerprint": smp.fingerprint,
            "population": smp.population,
            "tps": json.loads(smp.tps_json),
            "target": None if smp.target is None else float(smp.target),
            "drawn_at": smp.drawn_at,
            "drawn_by": smp.drawn_by,
        }
        if sha256_hex(canonical_json(body)) != smp.hash:
            problems.append(CodedText("SAMPLE_CHANGED", id=smp.id))
        elif smp.hash not in chained["quality.sample"]:
            problems.append(CodedText("SAMPLE_UNRECORDED", id=smp.id))
    for k in s.execute(
        select(AuditKeyingRow).where(AuditKeyingRow.status == "done").order_by(AuditKeyingRow.id)
    ).scalars():
        where: dict[str, Param] = {"id": k.id, "tps": k.tps_id, "contest": k.contest_id}
        if _keying_hash(k) != k.hash:
            problems.append(CodedText("AUDIT_KEYING_CHANGED", **where))
        elif k.hash not in chained["quality.audit_finish"]:
            problems.append(CodedText("AUDIT_KEYING_UNRECORDED", **where))
    for d in s.execute(select(AuditDecisionRow).order_by(AuditDecisionRow.id)).scalars():
        logged = decided.get((f"{d.tps_id}/{d.contest_id}", str(d.keying_id)), {})
        if logged.get(d.field) != d.verdict:
            problems.append(
                CodedText("AUDIT_DECISION_MISMATCH", id=d.id, tps=d.tps_id, field=d.field)
            )
    return problems[:max_problems]
