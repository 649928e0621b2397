"""Repeat votes (PSU, PSL, PSS): a TPS's result replaced by a new form.

A supervisor marks a TPS and contest with the kind, a reason and the decision's reference (the
KPU or Bawaslu letter). In one transaction: the record as it was (state, final values, hash) is
kept in ``repeat_vote`` (append-only), a draft in progress is kept as an ``abandoned`` entry
version (finished entries are versions already), the entries are cleared and the record returns
to ``empty``, so the new form is keyed double-blind as a fresh record; until it is final the TPS
does not count in the recap. The audit trail records it. Refused in a finalised region.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from kamarhitung.core.entry import State
from kamarhitung.core.model import Role
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import Actor, InputError, require_role
from kamarhitung.services.entry import _abandon, _record
from kamarhitung.services.freeze import ensure_not_frozen
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import EntryRow, RepeatVoteRow, UserRow

REPEAT_KINDS = {
    "PSU": "Pemungutan Suara Ulang",
    "PSL": "Pemungutan Suara Lanjutan",
    "PSS": "Pemungutan Suara Susulan",
}


@dataclass(frozen=True, slots=True)
class RepeatVote:
    tps_id: str
    contest_id: str
    kind: str
    reason: str
    reference: str
    previous_state: str
    previous_values: dict[str, int] | None
    marked_at: str
    marked_by: str

    def to_json(self) -> dict[str, object]:
        return {
            "tps": self.tps_id,
            "contest": self.contest_id,
            "kind": self.kind,
            "reason": self.reason,
            "reference": self.reference,
            "previous_state": self.previous_state,
            "previous_values": self.previous_values,
            "marked_at": self.marked_at,
            "marked_by": self.marked_by,
        }


def mark_repeat_vote(
    ws: Workspace,
    actor: Actor,
    tps_id: str,
    contest_id: str,
    kind: str,
    reason: str,
    reference: str,
) -> RepeatVote:
    """Mark a repeat vote at a TPS for a contest; the form is then keyed again from empty."""
    require_role(actor, Role.SUPERVISOR)
    kind = kind.strip().upper()
    if kind not in REPEAT_KINDS:
        raise InputError(
            "NOT_ONE_OF", what="repeat vote kind", value=kind, allowed=", ".join(REPEAT_KINDS)
        )
    if not reason.strip():
        raise InputError("REPEAT_NEEDS_REASON")
    if not reference.strip():
        raise InputError("REPEAT_NEEDS_REFERENCE")
    ws.form_spec(contest_id)  # an unknown contest is refused here
    with ws.store.unit_of_work() as s:
        rec = _record(s, tps_id, contest_id)
        ensure_not_frozen(s, tps_id, contest_id)
        busy = [
            e
            for e in s.execute(
                select(EntryRow).where(EntryRow.tps_id == tps_id, EntryRow.contest_id == contest_id)
            ).scalars()
        ]
        hashes = []
        for e in busy:
            if e.status == "in_progress":
                hashes.append(_abandon(s, e, ws.now()))
            else:
                s.delete(e)
        s.flush()
        now = ws.now()
        row = RepeatVoteRow(
            tps_id=tps_id,
            contest_id=contest_id,
            kind=kind,
            reason=reason.strip(),
            reference=reference.strip(),
            previous_state=rec.state,
            previous_values=rec.final_values,
            previous_hash=rec.hash,
            marked_at=now,
            user_id=actor.user_id,
        )
        s.add(row)
        # Any state to empty: the new form is a fresh record (the old one is in repeat_vote).
        rec.state = State.EMPTY.value
        rec.final_values = None
        rec.final_vector = None
        rec.final_findings = None
        rec.final_source = None
        rec.finalized_at = None
        rec.finalized_by = None
        rec.hash = None
        rec.note = None
        rec.updated_at = now
        append_event(
            s,
            now,
            actor,
            "entry.repeat_vote",
            target=f"{tps_id}/{contest_id}",
            details={
                "kind": kind,
                "reason": reason.strip(),
                "reference": reference.strip(),
                "previous_state": row.previous_state,
                "previous_hash": row.previous_hash,
                "abandoned": hashes,
            },
        )
    return repeat_votes(ws, contest_id, tps_id)[-1]


def repeat_votes(
    ws: Workspace, contest_id: str | None = None, tps_prefix: str = ""
) -> list[RepeatVote]:
    """The repeat votes marked, oldest first (of one contest, in one region, if given)."""
    with ws.store.reading() as s:
        q = select(RepeatVoteRow, UserRow.name).join(UserRow, UserRow.id == RepeatVoteRow.user_id)
        if contest_id is not None:
            q = q.where(RepeatVoteRow.contest_id == contest_id)
        if tps_prefix:
            q = q.where(RepeatVoteRow.tps_id.startswith(tps_prefix))
        rows = s.execute(q.order_by(RepeatVoteRow.id)).all()
    return [
        RepeatVote(
            r.tps_id,
            r.contest_id,
            r.kind,
            r.reason,
            r.reference,
            r.previous_state,
            json.loads(r.previous_values) if r.previous_values else None,
            r.marked_at,
            name,
        )
        for r, name in rows
    ]
