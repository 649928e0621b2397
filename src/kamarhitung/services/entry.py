"""Double-entry use cases: the work queue, drafts, finishing, comparison and supervisor resolution.

Blindness is enforced here, not in the screens: no function an operator may call returns the
values of an entry made by someone else. Every function is one transaction (``BEGIN IMMEDIATE``)
and appends its audit event in that same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, object_session

from kamarhitung.core.entry import (
    MAX_INPUT,
    Problem,
    State,
    attribute,
    check_transition,
    decide,
    differences,
    missing_fields,
)
from kamarhitung.core.model import Paslon, Role
from kamarhitung.core.template import FormSpec
from kamarhitung.core.validation import Finding, has_errors, validate
from kamarhitung.services import quality
from kamarhitung.services.audit import append_event, find_event
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    IntegrityError,
    NotFoundError,
    PermissionDeniedError,
    canonical_json,
    require_role,
)
from kamarhitung.services.freeze import ensure_not_frozen
from kamarhitung.services.hashes import record_hash, resolution_hash, version_hash
from kamarhitung.services.keying import CLAIM_TTL as CLAIM_TTL
from kamarhitung.services.keying import EntryResult as EntryResult
from kamarhitung.services.keying import KeyingForm as KeyingForm
from kamarhitung.services.keying import TpsInfo as TpsInfo
from kamarhitung.services.keying import Values as Values
from kamarhitung.services.keying import tps_info as tps_info
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.dialect import POSTGRESQL, dialect_of
from kamarhitung.store.models import (
    AuditKeyingRow,
    EntryRow,
    EntryVersionRow,
    PaslonRow,
    RecordRow,
    RegionRow,
    ResolutionRow,
    TpsRow,
    UserRow,
)

# The keying types (CLAIM_TTL, TpsInfo, KeyingForm, EntryResult, tps_info) live in
# services/keying.py, shared with services/quality.py without an import cycle.


def _entries(s: Session, tps_id: str, contest_id: str) -> dict[int, EntryRow]:
    rows = s.execute(
        select(EntryRow).where(EntryRow.tps_id == tps_id, EntryRow.contest_id == contest_id)
    ).scalars()
    return {e.slot: e for e in rows}


def _record(s: Session, tps_id: str, contest_id: str, *, lock: bool = False) -> RecordRow:
    # ``lock``: held for the transaction on a room (a no-op on SQLite, whose writer holds the
    # file), so two stations claiming one form are serialised on its row.
    rec = s.get(
        RecordRow, (tps_id, contest_id), with_for_update=lock or None, populate_existing=lock
    )
    if rec is None:
        if s.get(TpsRow, tps_id) is None:
            raise NotFoundError("UNKNOWN_TPS", tps=tps_id)
        raise NotFoundError("UNKNOWN_CONTEST_FOR_TPS", contest=contest_id, tps=tps_id)
    return rec


def _lock_form(s: Session, tps_id: str, contest_id: str) -> None:
    """A keying transaction on a room runs beside other stations' (``unit_of_work(keying=True)``):
    it locks its form's record row before it reads the form (its entries, its audit keying), so
    two stations on one form take turns. Nothing on SQLite, whose writer holds the file."""
    if dialect_of(s) == POSTGRESQL:
        # Held by the session too: its identity map keeps only weak references, and the save
        # reads the record again.
        s.info.setdefault("kh_locked_records", []).append(_record(s, tps_id, contest_id, lock=True))


def _try_lock_form(s: Session, tps_id: str, contest_id: str) -> bool:
    """:func:`_lock_form` for ``next_form``'s candidates: False (and no wait) when another station
    holds the form right now; the operator gets another form."""
    if dialect_of(s) != POSTGRESQL:
        return True
    found = s.execute(
        select(RecordRow.tps_id)
        .where(RecordRow.tps_id == tps_id, RecordRow.contest_id == contest_id)
        .with_for_update(skip_locked=True)
    ).first()
    return found is not None


def _set_state(rec: RecordRow, new: State, now: str) -> None:
    check_transition(State(rec.state), new)
    _ensure_not_frozen(rec)
    rec.state = new.value
    rec.updated_at = now


def _ensure_not_frozen(rec: RecordRow) -> None:
    """Region finalisation (services/freeze.py, services/reports.py, migration 0004): no record
    of a finalised kecamatan or kabupaten may change. Every state change passes through
    ``_set_state``, and ``save_draft`` calls this too; the trigger ``record_frozen`` backs it up
    in the database."""
    session = object_session(rec)
    assert session is not None
    ensure_not_frozen(session, rec.tps_id, rec.contest_id)


def _paslon(s: Session, contest_id: str) -> tuple[Paslon, ...]:
    """The contest's candidate pairs, read in the caller's transaction (``ws.contest`` would open
    a second one: another connection, and on a room more round trips)."""
    rows = s.execute(
        select(PaslonRow).where(PaslonRow.contest_id == contest_id).order_by(PaslonRow.nomor_urut)
    ).scalars()
    return tuple(Paslon(p.contest_id, p.nomor_urut, p.nama_calon, p.nama_wakil) for p in rows)


def _keying_form(ws: Workspace, s: Session, e: EntryRow) -> KeyingForm:
    return KeyingForm(
        tps=tps_info(s, e.tps_id),
        contest_id=e.contest_id,
        slot=e.slot,
        values={k: int(v) for k, v in json.loads(e.values_json).items()},
        problems=tuple(json.loads(e.problems_json)),
        keystrokes=e.keystrokes,
        paslon=_paslon(s, e.contest_id),
    )


def _next_version(s: Session, tps_id: str, contest_id: str, slot: int) -> int:
    v = s.execute(
        select(func.max(EntryVersionRow.version)).where(
            EntryVersionRow.tps_id == tps_id,
            EntryVersionRow.contest_id == contest_id,
            EntryVersionRow.slot == slot,
        )
    ).scalar()
    return (v or 0) + 1


def _version_row(e: EntryRow, event: str, now: str) -> EntryVersionRow:
    row = EntryVersionRow(
        tps_id=e.tps_id,
        contest_id=e.contest_id,
        slot=e.slot,
        version=e.version,
        user_id=e.user_id,
        event=event,
        values_json=e.values_json,
        problems_json=e.problems_json,
        findings_json=e.findings_json,
        keystrokes=e.keystrokes,
        started_at=e.started_at,
        created_at=now,
        hash="",
    )
    row.hash = version_hash(row)
    return row


def _chained(s: Session, e: EntryRow) -> tuple[Values, list[str]]:
    """The values and problems of a finished entry as the audit chain recorded them.

    Agreement, resolution and acceptance decide from these, never from the mutable ``entry``
    row: the row must equal its finished version, the version must match its content hash, and
    an intact ``entry.finish`` event must have recorded that hash. Otherwise the database was
    changed outside the application, and nothing is decided (:class:`IntegrityError`)."""
    where: dict[str, str | int] = {"tps": e.tps_id, "contest": e.contest_id, "slot": e.slot}
    v = s.execute(
        select(EntryVersionRow).where(
            EntryVersionRow.tps_id == e.tps_id,
            EntryVersionRow.contest_id == e.contest_id,
            EntryVersionRow.slot == e.slot,
            EntryVersionRow.version == e.version,
            EntryVersionRow.event == "finished",
        )
    ).scalar_one_or_none()
    if v is None or e.status != "done" or e.hash is None or v.hash != e.hash:
        raise IntegrityError("ENTRY_NO_VERSION", **where)
    if version_hash(v) != v.hash:
        raise IntegrityError("ENTRY_VERSION_CHANGED", **where)
    if (e.values_json, e.problems_json, e.user_id) != (v.values_json, v.problems_json, v.user_id):
        raise IntegrityError("ENTRY_ROW_CHANGED", **where)
    if find_event(s, "entry.finish", f"{e.tps_id}/{e.contest_id}", "hash", v.hash) is None:
        raise IntegrityError("ENTRY_NOT_CHAINED", **where)
    values = {k: int(x) for k, x in json.loads(v.values_json).items()}
    return values, list(json.loads(v.problems_json))


def _chained_pair(
    s: Session, form: FormSpec, tps_id: str, contest_id: str, expected: State
) -> tuple[Values, Values]:
    """Both finished entries of a form as the chain recorded them, and proof that they put the
    form where its state says: a ``different`` or ``janggal`` state is re-derived from them
    (``core.entry.decide``), so a state changed with sqlite3 cannot open a form to a resolution
    or an acceptance it never needed."""
    entries = _entries(s, tps_id, contest_id)
    if 1 not in entries or 2 not in entries:
        raise IntegrityError(
            "STATE_WITHOUT_ENTRIES", tps=tps_id, contest=contest_id, state=expected.value
        )
    v1, p1 = _chained(s, entries[1])
    v2, p2 = _chained(s, entries[2])
    found = decide(form, v1, p1, v2, p2).state
    if found != expected:
        raise IntegrityError(
            "STATE_NOT_DERIVED",
            tps=tps_id,
            contest=contest_id,
            state=expected.value,
            derived=found.value,
        )
    return v1, v2


def _expired(e: EntryRow, now: datetime) -> bool:
    return datetime.fromisoformat(e.updated_at) + CLAIM_TTL < now


def _abandon(s: Session, e: EntryRow, now: str) -> str:
    """Keep a lapsed or released draft as a version, then free the slot. Returns the version's
    hash, which the caller's audit event records (so the chain covers every version)."""
    e.version = _next_version(s, e.tps_id, e.contest_id, e.slot)
    version = _version_row(e, "abandoned", now)
    s.add(version)
    s.delete(e)
    s.flush()
    return version.hash


def _claim(
    ws: Workspace, s: Session, actor: Actor, tps_id: str, contest_id: str, *, flush: bool = True
) -> EntryRow:
    """Take (or resume) the entry the actor may make on a form, or refuse saying why.

    ``flush=False``: the caller reads what it shows first and lets COMMIT write the claim, so
    that on a room the order lock (taken by the record's change counter) is held only for the
    writes and the commit."""
    require_role(actor, Role.OPERATOR)
    now_dt = ws.clock.now()
    now = ws.now()
    rec = _record(s, tps_id, contest_id, lock=True)
    entries = _entries(s, tps_id, contest_id)
    for e in entries.values():
        if e.user_id == actor.user_id and e.status == "in_progress":
            return e
    state = State(rec.state)
    slot: int
    if state in (State.EMPTY, State.FIRST_IN_PROGRESS):
        slot = 1
    elif state in (State.FIRST_DONE, State.SECOND_IN_PROGRESS):
        slot = 2
        if entries[1].user_id == actor.user_id:
            raise ConflictError("SAME_USER", tps=tps_id, contest=contest_id)
    else:
        raise ConflictError("NO_ENTRY_NEEDED", tps=tps_id, contest=contest_id, state=state.value)
    held = entries.get(slot)
    if held is not None:
        if not _expired(held, now_dt):
            holder = s.get(UserRow, held.user_id)
            raise ConflictError(
                "HELD_BY_OTHER", tps=tps_id, contest=contest_id, user=holder.name if holder else "?"
            )
        lapsed_hash = _abandon(s, held, now)
        append_event(
            s,
            now,
            actor,
            "entry.claim_lapsed",
            target=f"{tps_id}/{contest_id}",
            details={"slot": slot, "hash": lapsed_hash},
        )
    else:
        claimed = State.FIRST_IN_PROGRESS if slot == 1 else State.SECOND_IN_PROGRESS
        check_transition(state, claimed)
        _ensure_not_frozen(rec)
    e = EntryRow(
        tps_id=tps_id,
        contest_id=contest_id,
        slot=slot,
        user_id=actor.user_id,
        status="in_progress",
        version=_next_version(s, tps_id, contest_id, slot),
        values_json="{}",
        problems_json="[]",
        findings_json="[]",
        keystrokes=0,
        started_at=now,
        updated_at=now,
    )
    s.add(e)
    if held is None:
        # On a room the record's UPDATE takes the order lock (its change counter), held to
        # COMMIT: the new entry is written first, outside it (bench/bench_room.py).
        # (The transition was checked above, before anything was written.)
        s.flush()
        rec.state = claimed.value
        rec.updated_at = now
    if flush:
        s.flush()
    return e


def claim_form(ws: Workspace, actor: Actor, tps_id: str, contest_id: str) -> KeyingForm:
    """Open a given form for keying (resuming the actor's own draft if there is one); a form
    sampled for the audit is opened for its audit keying (services/quality.py)."""
    with ws.store.unit_of_work(keying=True) as s:
        _lock_form(s, tps_id, contest_id)
        audit = quality.open_audit(s, tps_id, contest_id)
        if audit is not None:
            return quality.keying_form(ws, s, quality.claim_audit_in(ws, s, actor, audit))
        return _keying_form(ws, s, _claim(ws, s, actor, tps_id, contest_id, flush=False))


def _second_entry_candidates(
    contest_id: str,
    actor: Actor,
    exclude: Sequence[str] = (),
    prefer: Sequence[int] = (),
    *,
    lock: bool = False,
) -> Select[str]:
    """Forms whose first entry is done by someone else: the actor may make their second entry.
    ``prefer``: first keyers whose forms come first (the quality pairing, services/quality.py)."""
    e1 = EntryRow
    order = (e1.user_id.in_(list(prefer)).desc(),) if prefer else ()
    q = (
        select(RecordRow.tps_id)
        .join(
            e1,
            and_(
                e1.tps_id == RecordRow.tps_id,
                e1.contest_id == RecordRow.contest_id,
                e1.slot == 1,
            ),
        )
        .where(
            RecordRow.contest_id == contest_id,
            RecordRow.state == State.FIRST_DONE.value,
            e1.user_id != actor.user_id,
            RecordRow.tps_id.not_in(list(exclude)),
        )
        .order_by(*order, RecordRow.tps_id)
        .limit(1)
    )
    # On a room, a form another station is claiming right now is skipped, not waited for
    # (SQLite ignores the clause: its writers are serialised by BEGIN IMMEDIATE).
    return q.with_for_update(skip_locked=True, of=RecordRow) if lock else q


def _first_entry_candidates(
    contest_id: str, exclude: Sequence[str] = (), *, lock: bool = False
) -> Select[str]:
    """Forms nobody has started."""
    q = (
        select(RecordRow.tps_id)
        .where(
            RecordRow.contest_id == contest_id,
            RecordRow.state == State.EMPTY.value,
            RecordRow.tps_id.not_in(list(exclude)),
        )
        .order_by(RecordRow.tps_id)
        .limit(1)
    )
    return q.with_for_update(skip_locked=True, of=RecordRow) if lock else q


def next_form(ws: Workspace, actor: Actor, contest_id: str) -> KeyingForm | None:
    """The next form the actor may key in a contest: their own draft first, then second entries
    (so forms become final early), then audit keyings of sampled forms (services/quality.py),
    then new forms, in TPS order. None when nothing is left."""
    require_role(actor, Role.OPERATOR)
    ws.form_spec(contest_id)
    now_dt = ws.clock.now()
    stale = (now_dt - CLAIM_TTL).isoformat(timespec="seconds")
    with ws.store.unit_of_work(keying=True) as s:
        if dialect_of(s) == POSTGRESQL:
            # One operator on two stations: one next_form at a time, so the second finds the
            # draft the first took ("their own draft first") instead of claiming another form.
            s.execute(
                select(UserRow.id)
                .where(UserRow.id == actor.user_id)
                .with_for_update(key_share=True)
            )
        own = s.execute(
            select(EntryRow)
            .where(
                EntryRow.user_id == actor.user_id,
                EntryRow.status == "in_progress",
                EntryRow.contest_id == contest_id,
            )
            .order_by(EntryRow.tps_id)
            .limit(1)
        ).scalar_one_or_none()
        if own is not None:
            return _keying_form(ws, s, own)
        own_audit = quality.own_audit_any(s, actor, contest_id)
        if own_audit is not None:
            return quality.keying_form(ws, s, own_audit)
        prefer = quality.pairing_partners(ws, s, actor)
        second = s.execute(
            _second_entry_candidates(contest_id, actor, prefer=prefer, lock=True)
        ).scalar_one_or_none()
        if second is not None:
            try:
                return _keying_form(ws, s, _claim(ws, s, actor, second, contest_id, flush=False))
            except ConflictError:
                pass
        for tps_id in quality.audit_candidates(ws, s, actor, contest_id):
            if not _try_lock_form(s, tps_id, contest_id):
                continue
            audit = quality.open_audit(s, tps_id, contest_id)
            if audit is None:
                continue
            try:
                return quality.keying_form(ws, s, quality.claim_audit_in(ws, s, actor, audit))
            except ConflictError:
                continue
        candidates: list[str] = []
        first = s.execute(_first_entry_candidates(contest_id, lock=True)).scalar_one_or_none()
        if first is not None:
            candidates.append(first)
        lapsed = s.execute(
            select(EntryRow.tps_id)
            .where(
                EntryRow.contest_id == contest_id,
                EntryRow.status == "in_progress",
                EntryRow.updated_at < stale,
                EntryRow.user_id != actor.user_id,
            )
            .order_by(EntryRow.tps_id)
            .limit(5)
        ).scalars()
        candidates.extend(lapsed)
        for tps_id in candidates:
            if not _try_lock_form(s, tps_id, contest_id):
                continue
            try:
                e = _claim(ws, s, actor, tps_id, contest_id, flush=False)
            except ConflictError:
                continue
            return _keying_form(ws, s, e)
    return None


def peek_next_form(
    ws: Workspace, actor: Actor, contest_id: str, exclude: Sequence[str] = ()
) -> str | None:
    """The TPS that ``next_form`` would most likely give next, without claiming it: the entry
    screen decodes its image in the background while the current form is keyed."""
    require_role(actor, Role.OPERATOR)
    with ws.store.reading() as s:
        found = s.execute(_second_entry_candidates(contest_id, actor, exclude)).scalar_one_or_none()
        if found is not None:
            return found
        audit = quality.audit_candidates(ws, s, actor, contest_id, exclude, limit=1)
        if audit:
            return audit[0]
        return s.execute(_first_entry_candidates(contest_id, exclude)).scalar_one_or_none()


def _parse_values(form: FormSpec, values: Mapping[str, object]) -> Values:
    out: Values = {}
    for k, v in values.items():
        if k not in form.field_index:
            raise InputError("UNKNOWN_FIELD", field=k, form=form.template.form_code)
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, int):
            raise InputError("NOT_A_NUMBER", field=k, value=repr(v))
        if not 0 <= v <= MAX_INPUT:
            raise InputError("BAD_VALUE", field=k, value=v, max=MAX_INPUT)
        out[k] = v
    return out


def _parse_problems(problems: Sequence[object]) -> list[str]:
    out = []
    for p in problems:
        try:
            out.append(Problem(str(p)).value)
        except ValueError:
            allowed = ", ".join(x.value for x in Problem)
            raise InputError("NOT_ONE_OF", what="problem", value=str(p), allowed=allowed) from None
    return sorted(set(out))


def _own_open_entry(s: Session, actor: Actor, tps_id: str, contest_id: str) -> EntryRow:
    e = _own_open_entry_or_none(s, actor, tps_id, contest_id)
    if e is None:
        raise ConflictError("NO_ENTRY_HELD", tps=tps_id, contest=contest_id)
    return e


def _own_open_entry_or_none(
    s: Session, actor: Actor, tps_id: str, contest_id: str
) -> EntryRow | None:
    require_role(actor, Role.OPERATOR)
    _lock_form(s, tps_id, contest_id)
    for e in _entries(s, tps_id, contest_id).values():
        if e.user_id == actor.user_id and e.status == "in_progress":
            return e
    _record(s, tps_id, contest_id)
    return None


def _own_audit(s: Session, actor: Actor, tps_id: str, contest_id: str) -> AuditKeyingRow:
    """The actor's audit keying of the form (services/quality.py), when they hold no entry."""
    row = quality.own_audit(s, actor, tps_id, contest_id)
    if row is None:
        raise ConflictError("NO_ENTRY_HELD", tps=tps_id, contest=contest_id)
    return row


def save_draft(
    ws: Workspace,
    actor: Actor,
    tps_id: str,
    contest_id: str,
    values: Mapping[str, object],
    problems: Sequence[object] = (),
    keystrokes: int = 0,
) -> None:
    """Save the entry as typed so far (called as each field is left): a crash loses at most the
    field in progress. ``keystrokes`` is the running total for this entry."""
    form = ws.form_spec(contest_id)
    vals = _parse_values(form, values)
    probs = _parse_problems(problems)
    with ws.store.unit_of_work(keying=True) as s:
        e = _own_open_entry_or_none(s, actor, tps_id, contest_id)
        if e is None:
            quality.save_audit_draft_in(
                ws, _own_audit(s, actor, tps_id, contest_id), vals, probs, keystrokes
            )
            return
        _ensure_not_frozen(_record(s, tps_id, contest_id))  # region finalisation (see above)
        e.values_json = canonical_json(vals)
        e.problems_json = canonical_json(probs)
        e.keystrokes = max(e.keystrokes, keystrokes)
        e.updated_at = ws.now()


def _make_final(
    rec: RecordRow,
    values: Mapping[str, int],
    findings: Sequence[Finding],
    source: str,
    by: str,
    now: str,
    note: str | None = None,
) -> None:
    _set_state(rec, State.FINAL, now)
    rec.final_values = canonical_json(dict(values))
    rec.final_findings = canonical_json([f.to_json() for f in findings])
    rec.final_source = source
    rec.finalized_at = now
    rec.finalized_by = by
    rec.note = note
    rec.hash = record_hash(rec)
    # Recap storage (migration 0002, services/recap.py): the same values as an int32 vector in
    # the form's field order, written in this transaction so a recap never parses JSON. Imported
    # here to keep this addition self-contained.
    from sqlalchemy.orm import object_session

    from kamarhitung.services.recap import final_vector_for

    session = object_session(rec)
    assert session is not None
    rec.final_vector = final_vector_for(session, rec.contest_id, values)


def _finish(
    ws: Workspace,
    s: Session,
    actor: Actor,
    e: EntryRow,
    form: FormSpec,
    vals: Values,
    probs: list[str],
    keystrokes: int,
) -> EntryResult:
    missing = missing_fields(form, vals)
    if missing and not probs:
        raise InputError(
            "FIELDS_NOT_KEYED",
            tps=e.tps_id,
            contest=e.contest_id,
            count=len(missing),
            first=missing[0],
        )
    now = ws.now()
    findings = validate(form, vals)
    e.values_json = canonical_json(vals)
    e.problems_json = canonical_json(probs)
    e.findings_json = canonical_json([f.to_json() for f in findings])
    e.keystrokes = max(e.keystrokes, keystrokes)
    e.status = "done"
    e.updated_at = now
    e.finished_at = now
    version = _version_row(e, "finished", now)
    e.hash = version.hash
    s.add(version)
    # On a room the record's UPDATE takes the order lock (its change counter), held to COMMIT:
    # the entry and its version are written first, outside it (bench/bench_room.py).
    s.flush()
    rec = _record(s, e.tps_id, e.contest_id)
    state: State
    if e.slot == 1:
        _set_state(rec, State.FIRST_DONE, now)
        state = State.FIRST_DONE
    else:
        other_values, other_problems = _chained(s, _entries(s, e.tps_id, e.contest_id)[1])
        d = decide(form, other_values, other_problems, vals, probs)
        state = d.state
        if state == State.FINAL:
            _make_final(rec, vals, d.findings, "agreed", "double-entry", now)
        else:
            _set_state(rec, state, now)
    s.flush()
    append_event(
        s,
        now,
        actor,
        "entry.finish",
        target=f"{e.tps_id}/{e.contest_id}",
        details={
            "slot": e.slot,
            "version": e.version,
            "hash": version.hash,
            "state": state.value,
            "record_hash": rec.hash,
        },
    )
    return EntryResult(e.tps_id, e.contest_id, e.slot, state, tuple(findings))


def finish_entry(
    ws: Workspace,
    actor: Actor,
    tps_id: str,
    contest_id: str,
    values: Mapping[str, object],
    problems: Sequence[object] = (),
    keystrokes: int = 0,
) -> EntryResult:
    """Finish the actor's entry: every field keyed or a problem raised; findings do not block."""
    form = ws.form_spec(contest_id)
    vals = _parse_values(form, values)
    probs = _parse_problems(problems)
    with ws.store.unit_of_work(keying=True) as s:
        e = _own_open_entry_or_none(s, actor, tps_id, contest_id)
        if e is None:
            if quality.own_audit(s, actor, tps_id, contest_id) is None:
                again = _finished_already(s, actor, tps_id, contest_id, form, vals, probs)
                if again is not None:
                    return again
            row = _own_audit(s, actor, tps_id, contest_id)
            return quality.finish_audit_in(ws, s, actor, row, form, vals, probs, keystrokes)
        return _finish(ws, s, actor, e, form, vals, probs, keystrokes)


def _finished_already(
    s: Session,
    actor: Actor,
    tps_id: str,
    contest_id: str,
    form: FormSpec,
    vals: Values,
    probs: list[str],
) -> EntryResult | None:
    """A finish asked again for an entry the actor has already finished with exactly these
    numbers and problems: a station whose connection dropped after the host committed but before
    the reply arrived retries the finish (qt/models/station.py). That finish happened: its result
    is given again and nothing is written (no second version, no second audit event). Any other
    difference is still a refusal (NO_ENTRY_HELD)."""
    for e in _entries(s, tps_id, contest_id).values():
        if (
            e.user_id == actor.user_id
            and e.status == "done"
            and e.values_json == canonical_json(vals)
            and e.problems_json == canonical_json(probs)
        ):
            rec = _record(s, tps_id, contest_id)
            return EntryResult(
                tps_id, contest_id, e.slot, State(rec.state), tuple(validate(form, vals))
            )
    return None


def submit_entry(ws: Workspace, actor: Actor, entry: Mapping[str, object]) -> EntryResult:
    """Claim and finish one entry in one action (the command line's ``entry submit``)."""
    tps = entry.get("tps")
    contest = entry.get("contest")
    if not isinstance(tps, str) or not isinstance(contest, str):
        raise InputError("ENTRY_NEEDS_TPS")
    tps = tps.replace(".", "")
    if not (tps.isascii() and tps.isdigit()):
        # A TPS id is digits. Anything else is unknown, and is refused before SQLite sees it: a
        # lone surrogate ("\ud800" in the JSON) crashed the lookup with UnicodeEncodeError
        # (found by bench/fuzz.py entry).
        raise NotFoundError("UNKNOWN_TPS", tps=repr(tps))
    raw_values = entry.get("values", {})
    raw_problems = entry.get("problems", [])
    if not isinstance(raw_values, dict) or not isinstance(raw_problems, list):
        raise InputError("ENTRY_BAD_SHAPE")
    require_role(actor, Role.OPERATOR)
    form = ws.form_spec(contest)
    vals = _parse_values(form, raw_values)
    probs = _parse_problems(raw_problems)
    with ws.store.unit_of_work(keying=True) as s:
        _lock_form(s, tps, contest)
        audit = quality.open_audit(s, tps, contest)
        if audit is not None:  # a sampled form: this is its audit keying (services/quality.py)
            row = quality.claim_audit_in(ws, s, actor, audit)
            return quality.finish_audit_in(ws, s, actor, row, form, vals, probs, 0)
        e = _claim(ws, s, actor, tps, contest)
        return _finish(ws, s, actor, e, form, vals, probs, 0)


def give_back(ws: Workspace, actor: Actor, tps_id: str, contest_id: str) -> None:
    """An operator hands an unfinished form back to the queue (the draft is kept as a version)."""
    with ws.store.unit_of_work(keying=True) as s:
        e = _own_open_entry_or_none(s, actor, tps_id, contest_id)
        if e is None:
            quality.give_back_audit_in(ws, s, actor, _own_audit(s, actor, tps_id, contest_id))
            return
        _release(ws, s, actor, e, "entry.give_back")


def _release(ws: Workspace, s: Session, actor: Actor, e: EntryRow, action: str) -> None:
    now = ws.now()
    rec = _record(s, e.tps_id, e.contest_id)
    slot = e.slot
    target = f"{e.tps_id}/{e.contest_id}"
    version_hash = _abandon(s, e, now)
    _set_state(rec, State.EMPTY if slot == 1 else State.FIRST_DONE, now)
    append_event(s, now, actor, action, target=target, details={"slot": slot, "hash": version_hash})


def release_claim(ws: Workspace, actor: Actor, tps_id: str, contest_id: str) -> None:
    """A supervisor frees a form an operator holds (e.g. who went home); the draft is kept."""
    require_role(actor, Role.SUPERVISOR)
    with ws.store.unit_of_work() as s:
        held = [e for e in _entries(s, tps_id, contest_id).values() if e.status == "in_progress"]
        if not held:
            raise ConflictError("NOBODY_HOLDS", tps=tps_id, contest=contest_id)
        _release(ws, s, actor, held[0], "entry.release")


# --- the supervisor's side -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryView:
    slot: int
    user: str
    version: int
    values: Values
    problems: tuple[str, ...]
    findings: tuple[Finding, ...]
    finished_at: str | None


@dataclass(frozen=True, slots=True)
class ResolutionView:
    """What a supervisor sees to resolve a form: both entries, the differences, the findings."""

    tps: TpsInfo
    contest_id: str
    state: State
    entries: tuple[EntryView, ...]
    differing_fields: tuple[str, ...]
    final_values: Values | None = None
    note: str | None = None


def _entry_view(s: Session, e: EntryRow) -> EntryView:
    user = s.get(UserRow, e.user_id)
    return EntryView(
        e.slot,
        user.name if user else "?",
        e.version,
        {k: int(v) for k, v in json.loads(e.values_json).items()},
        tuple(json.loads(e.problems_json)),
        tuple(Finding.from_json(f) for f in json.loads(e.findings_json)),
        e.finished_at,
    )


def resolution_view(ws: Workspace, actor: Actor, tps_id: str, contest_id: str) -> ResolutionView:
    """Both entries of a form: for supervisors only (operators never see another entry)."""
    require_role(actor, Role.SUPERVISOR)
    form = ws.form_spec(contest_id)
    with ws.store.reading() as s:
        rec = _record(s, tps_id, contest_id)
        entries = _entries(s, tps_id, contest_id)
        views = tuple(_entry_view(s, entries[k]) for k in sorted(entries))
        diff: tuple[str, ...] = ()
        if 1 in entries and 2 in entries and entries[2].status == "done":
            diff = tuple(differences(form, views[0].values, views[1].values))
        return ResolutionView(
            tps_info(s, tps_id),
            contest_id,
            State(rec.state),
            views,
            diff,
            json.loads(rec.final_values) if rec.final_values else None,
            rec.note,
        )


@dataclass(frozen=True, slots=True)
class FieldDecision:
    """A supervisor's choice for one field: keep_first, keep_second, or typed (with value)."""

    action: str
    value: int | None = None
    attributed_to: str | None = None


@dataclass(frozen=True, slots=True)
class QueueItem:
    tps_id: str
    contest_id: str
    state: State
    desa: str
    kecamatan: str
    number: int
    updated_at: str


def queue(
    ws: Workspace, actor: Actor, contest_id: str | None, states: Sequence[State]
) -> list[QueueItem]:
    """The supervisor's queues: forms in the given states (different, janggal...)."""
    require_role(actor, Role.SUPERVISOR)
    with ws.store.reading() as s:
        q = (
            select(RecordRow, TpsRow, RegionRow.name)
            .join(TpsRow, TpsRow.id == RecordRow.tps_id)
            .join(RegionRow, RegionRow.code == TpsRow.desa_code)
            .where(RecordRow.state.in_([x.value for x in states]))
            .order_by(RecordRow.tps_id, RecordRow.contest_id)
        )
        if contest_id:
            q = q.where(RecordRow.contest_id == contest_id)
        kec = {
            r.code: r.name
            for r in s.execute(select(RegionRow).where(RegionRow.level == "kecamatan")).scalars()
        }
        return [
            QueueItem(
                rec.tps_id,
                rec.contest_id,
                State(rec.state),
                desa,
                kec.get(t.desa_code[:6], ""),
                t.number,
                rec.updated_at,
            )
            for rec, t, desa in s.execute(q).all()
        ]


def resolve(
    ws: Workspace,
    actor: Actor,
    tps_id: str,
    contest_id: str,
    decisions: Mapping[str, FieldDecision],
    reason: str,
    *,
    accept_findings_note: str | None = None,
) -> EntryResult:
    """Resolve a ``different`` form field by field against the image. Every differing field needs a
    decision; the reason is required. If the resolved form still fails an identity the supervisor
    must accept it as janggal (``accept_findings_note``), else the form goes to the janggal queue."""
    require_role(actor, Role.SUPERVISOR)
    if not reason.strip():
        raise InputError("RESOLUTION_NEEDS_REASON")
    form = ws.form_spec(contest_id)
    with ws.store.unit_of_work() as s:
        rec = _record(s, tps_id, contest_id)
        if rec.state != State.DIFFERENT.value:
            raise ConflictError(
                "WRONG_STATE", tps=tps_id, contest=contest_id, state=rec.state, expected="different"
            )
        v1, v2 = _chained_pair(s, form, tps_id, contest_id, State.DIFFERENT)
        diff = differences(form, v1, v2)
        missing = [f for f in diff if f not in decisions]
        if missing:
            raise InputError("NO_DECISION", count=len(missing), first=missing[0])
        result = dict(v1)
        now = ws.now()
        resolutions: list[ResolutionRow] = []
        for fid, dec in decisions.items():
            if fid not in form.field_index:
                raise InputError("UNKNOWN_FIELD", field=fid, form=form.template.form_code)
            if dec.action == "keep_first":
                value = v1.get(fid)
            elif dec.action == "keep_second":
                value = v2.get(fid)
            elif dec.action == "typed":
                value = dec.value
            else:
                raise InputError("UNKNOWN_DECISION", decision=dec.action, field=fid)
            if value is None or not 0 <= value <= MAX_INPUT:
                raise InputError("DECISION_NO_VALUE", field=fid)
            result[fid] = value
            who = dec.attributed_to or attribute(v1.get(fid), v2.get(fid), value)
            if who not in ("first", "second", "both", "form"):
                raise InputError("BAD_ATTRIBUTION", field=fid, value=str(who))
            resolutions.append(
                ResolutionRow(
                    tps_id=tps_id,
                    contest_id=contest_id,
                    field=fid,
                    value_1=v1.get(fid),
                    value_2=v2.get(fid),
                    value=value,
                    action=dec.action,
                    attributed_to=who,
                    reason=reason,
                    reference=None,
                    user_id=actor.user_id,
                    created_at=now,
                )
            )
            s.add(resolutions[-1])
        still_missing = missing_fields(form, result)
        if still_missing:
            raise InputError(
                "RESOLVED_LACKS_FIELDS", count=len(still_missing), first=still_missing[0]
            )
        findings = validate(form, result)
        # Test fix: a blank note is no note (accept_janggal refuses one too); before, "" or " "
        # let a form failing an identity become final with no written acceptance.
        if has_errors(findings) and not (accept_findings_note or "").strip():
            codes = sorted({f.code for f in findings if f.level == "E"})
            raise ConflictError("RESOLVED_FAILS_CHECKS", checks=", ".join(codes))
        _make_final(
            rec, result, findings, "resolved", actor.name, now, note=accept_findings_note or reason
        )
        s.flush()
        append_event(
            s,
            now,
            actor,
            "entry.resolve",
            target=f"{tps_id}/{contest_id}",
            details={
                "fields": sorted(decisions),
                "record_hash": rec.hash,
                "reason": reason,
                "resolution_hashes": [resolution_hash(r) for r in resolutions],
            },
        )
        return EntryResult(tps_id, contest_id, 0, State.FINAL, tuple(findings))


def accept_janggal(
    ws: Workspace, actor: Actor, tps_id: str, contest_id: str, note: str, reference: str = ""
) -> EntryResult:
    """Accept a janggal form as keyed (the paper is inconsistent), with a note and a reference to
    the incident form (Kejadian Khusus)."""
    require_role(actor, Role.SUPERVISOR)
    if not note.strip():
        raise InputError("JANGGAL_NEEDS_NOTE")
    form = ws.form_spec(contest_id)
    with ws.store.unit_of_work() as s:
        rec = _record(s, tps_id, contest_id)
        if rec.state != State.JANGGAL.value:
            raise ConflictError(
                "WRONG_STATE", tps=tps_id, contest=contest_id, state=rec.state, expected="janggal"
            )
        values = _chained_pair(s, form, tps_id, contest_id, State.JANGGAL)[0]
        missing = missing_fields(form, values)
        if missing:
            raise ConflictError(
                "JANGGAL_NOT_KEYED", tps=tps_id, contest=contest_id, count=len(missing)
            )
        findings = validate(form, values)
        now = ws.now()
        full_note = f"{note} [{reference}]" if reference else note
        accepted = ResolutionRow(
            tps_id=tps_id,
            contest_id=contest_id,
            field=None,
            value_1=None,
            value_2=None,
            value=None,
            action="accept_janggal",
            attributed_to="form",
            reason=note,
            reference=reference or None,
            user_id=actor.user_id,
            created_at=now,
        )
        s.add(accepted)
        _make_final(rec, values, findings, "accepted", actor.name, now, note=full_note)
        s.flush()
        append_event(
            s,
            now,
            actor,
            "entry.accept_janggal",
            target=f"{tps_id}/{contest_id}",
            details={
                "record_hash": rec.hash,
                "note": note,
                "reference": reference,
                "resolution_hashes": [resolution_hash(accepted)],
            },
        )
        return EntryResult(tps_id, contest_id, 0, State.FINAL, tuple(findings))


def send_back(
    ws: Workspace,
    actor: Actor,
    tps_id: str,
    contest_id: str,
    reason: str,
    *,
    second_only: bool = False,
) -> State:
    """Send a different or janggal form back for re-keying: both entries (or only the second)
    are kept as versions and the form returns to the queue."""
    require_role(actor, Role.SUPERVISOR)
    if not reason.strip():
        raise InputError("SEND_BACK_NEEDS_REASON")
    with ws.store.unit_of_work() as s:
        rec = _record(s, tps_id, contest_id)
        if rec.state not in (State.DIFFERENT.value, State.JANGGAL.value):
            raise ConflictError(
                "NOTHING_TO_SEND_BACK", tps=tps_id, contest=contest_id, state=rec.state
            )
        now = ws.now()
        entries = _entries(s, tps_id, contest_id)
        slots = (2,) if second_only else (1, 2)
        hashes = []
        for slot in slots:
            e = entries[slot]
            e.version = _next_version(s, tps_id, contest_id, slot)
            version = _version_row(e, "sent_back", now)
            hashes.append(version.hash)
            s.add(version)
            s.delete(e)
        s.flush()
        sent = ResolutionRow(
            tps_id=tps_id,
            contest_id=contest_id,
            field=None,
            value_1=None,
            value_2=None,
            value=None,
            action="send_back",
            attributed_to=None,
            reason=reason,
            reference=None,
            user_id=actor.user_id,
            created_at=now,
        )
        s.add(sent)
        new = State.FIRST_DONE if second_only else State.EMPTY
        _set_state(rec, new, now)
        append_event(
            s,
            now,
            actor,
            "entry.send_back",
            target=f"{tps_id}/{contest_id}",
            details={
                "slots": list(slots),
                "reason": reason,
                "hashes": hashes,
                "resolution_hashes": [resolution_hash(sent)],
            },
        )
        return new


# --- status and statistics -------------------------------------------------------------------


def status(ws: Workspace) -> dict[str, dict[str, object]]:
    """Per contest: TPS total and the count of forms in every state (all states present)."""
    with ws.store.reading() as s:
        rows = s.execute(
            select(RecordRow.contest_id, RecordRow.state, func.count()).group_by(
                RecordRow.contest_id, RecordRow.state
            )
        ).all()
        tps_total = s.execute(select(func.count()).select_from(TpsRow)).scalar_one()
    out: dict[str, dict[str, object]] = {}
    for c in ws.contests():
        states = {st.value: 0 for st in State}
        for cid, st, n in rows:
            if cid == c.id:
                states[st] = n
        out[c.id] = {"tps_total": tps_total, "states": states}
    return out


@dataclass(frozen=True, slots=True)
class OperatorStats:
    user: str
    forms: int
    fields: int
    hours: float
    forms_per_hour: float
    keystrokes_per_hour: float
    mismatches: int
    mismatch_per_10k_fields: float
    extra: dict[str, int] = field(default_factory=dict)


def operator_stats(ws: Workspace, actor: Actor) -> list[OperatorStats]:
    """Per operator: finished forms, speed, and differences attributed to them by supervisors."""
    require_role(actor, Role.SUPERVISOR, Role.ADMIN)
    with ws.store.reading() as s:
        users = {u.id: u.name for u in s.execute(select(UserRow)).scalars()}
        versions = s.execute(
            select(EntryVersionRow).where(EntryVersionRow.event == "finished")
        ).scalars()
        per: dict[int, dict[str, float]] = {}
        slot_user: dict[tuple[str, str, int], int] = {}
        for v in versions:
            d = per.setdefault(v.user_id, {"forms": 0, "fields": 0, "secs": 0.0, "keys": 0})
            d["forms"] += 1
            d["fields"] += len(json.loads(v.values_json))
            d["keys"] += v.keystrokes
            secs = (
                datetime.fromisoformat(v.created_at) - datetime.fromisoformat(v.started_at)
            ).total_seconds()
            d["secs"] += max(secs, 1.0)
            slot_user[(v.tps_id, v.contest_id, v.slot)] = v.user_id
        blame: dict[int, int] = {}
        for r in s.execute(select(ResolutionRow).where(ResolutionRow.field.is_not(None))).scalars():
            targets = {"first": (1,), "second": (2,), "both": (1, 2)}.get(r.attributed_to or "", ())
            for slot in targets:
                uid = slot_user.get((r.tps_id, r.contest_id, slot))
                if uid is not None:
                    blame[uid] = blame.get(uid, 0) + 1
    out = []
    for uid, d in sorted(per.items(), key=lambda kv: users.get(kv[0], "")):
        hours = d["secs"] / 3600
        mism = blame.get(uid, 0)
        out.append(
            OperatorStats(
                users.get(uid, "?"),
                int(d["forms"]),
                int(d["fields"]),
                round(hours, 3),
                round(d["forms"] / hours, 1) if hours else 0.0,
                round(d["keys"] / hours, 0) if hours else 0.0,
                mism,
                round(10_000 * mism / d["fields"], 2) if d["fields"] else 0.0,
            )
        )
    return out


def ensure_operator_cannot(actor: Actor) -> None:
    """Guard used by read paths that reveal entries: operators are refused."""
    if actor.role == Role.OPERATOR:
        raise PermissionDeniedError("OTHERS_ENTRIES")
