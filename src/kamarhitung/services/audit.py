"""The hash-chained audit trail: every event holds the hash of the one before.

An event's hash is SHA-256 over the previous hash and the canonical JSON of the event. Entry versions
and final records carry their own content hash, which the event that created them includes, so the
chain also covers the data. ``verify_chain`` names the first event that does not fit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kamarhitung.core.refusal import CodedText
from kamarhitung.services.common import Actor, canonical_json, iso, sha256_hex
from kamarhitung.store.dialect import keying_on_room
from kamarhitung.store.models import AuditEventRow

GENESIS = "0" * 64


def event_hash(prev_hash: str, body: Mapping[str, object]) -> str:
    return sha256_hex(prev_hash + canonical_json(body))


def _body(row: AuditEventRow) -> dict[str, object]:
    return {
        "seq": row.seq,
        "at": row.at,
        "user": row.user_name,
        "role": row.role,
        "action": row.action,
        "target": row.target,
        "outcome": row.outcome,
        "details": row.details_json,
    }


def append_event(
    session: Session,
    at: str | object,
    actor: Actor | None,
    action: str,
    *,
    target: str | None = None,
    outcome: str = "ok",
    details: Mapping[str, object] | None = None,
    user_name: str | None = None,
) -> AuditEventRow:
    """Append one event in the caller's transaction (the caller owns the commit). On a room, a
    keying transaction appends through ``kh_append_event()`` (store/dialect.py): the order lock,
    the chain's head and the insert in one round trip, the hash checked here."""
    row = AuditEventRow(
        seq=0,
        at=at if isinstance(at, str) else iso(at),  # type: ignore[arg-type]  # datetime or str
        user_name=actor.name if actor else user_name,
        role=actor.role.value if actor else None,
        action=action,
        target=target,
        outcome=outcome,
        details_json=canonical_json(dict(details or {})),
        prev_hash="",
        hash="",
    )
    if keying_on_room(session):
        session.flush()  # what the transaction did so far, before the event that records it
        text0 = canonical_json(_body(row))
        marker = ',"seq":0,"target":'
        if text0.count(marker) != 1:  # pragma: no cover - the keys are fixed, values escaped
            raise ValueError("cannot place the sequence number in the event")
        prefix, suffix = text0.split(marker)
        seq, prev, digest = session.execute(
            text(
                "SELECT new_seq, new_prev, new_hash FROM kh_append_event(:at, :user, :role, "
                ":action, :target, :outcome, :details, :prefix, :suffix)"
            ),
            {
                "at": row.at,
                "user": row.user_name,
                "role": row.role,
                "action": row.action,
                "target": row.target,
                "outcome": row.outcome,
                "details": row.details_json,
                "prefix": prefix + ',"seq":',
                "suffix": ',"target":' + suffix,
            },
        ).one()
        row.seq, row.prev_hash, row.hash = int(seq), str(prev), str(digest)
        if event_hash(row.prev_hash, _body(row)) != row.hash:  # the two must never differ
            raise RuntimeError(f"the room's audit event {row.seq} was hashed differently")
        return row
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1)
    ).first()
    row.seq = 1 if last is None else last[0] + 1
    row.prev_hash = GENESIS if last is None else last[1]
    row.hash = event_hash(row.prev_hash, _body(row))
    session.add(row)
    session.flush()
    return row


def event_intact(row: AuditEventRow) -> bool:
    """Whether the event's own hash still holds (its link is checked by :func:`verify_chain`)."""
    return event_hash(row.prev_hash, _body(row)) == row.hash


def linked(session: Session, row: AuditEventRow) -> bool:
    """Whether the events on either side of ``row`` still link to it (a rewritten event would
    have to be followed by a rewrite of the whole rest of the chain)."""
    before = session.execute(
        select(AuditEventRow.hash).where(AuditEventRow.seq == row.seq - 1)
    ).scalar_one_or_none()
    if (before if row.seq > 1 else GENESIS) != row.prev_hash:
        return False
    after = session.execute(
        select(AuditEventRow.prev_hash).where(AuditEventRow.seq == row.seq + 1)
    ).scalar_one_or_none()
    return after is None or after == row.hash


def find_event(
    session: Session, action: str, target: str, key: str, value: object
) -> AuditEventRow | None:
    """The newest event of ``action`` on ``target`` whose details hold ``key`` = ``value`` and
    whose own hash still holds (an edited event does not count). Uses the index on ``target``."""
    import json

    rows = session.execute(
        select(AuditEventRow)
        .where(AuditEventRow.target == target, AuditEventRow.action == action)
        .order_by(AuditEventRow.seq.desc())
    ).scalars()
    for row in rows:
        if not event_intact(row) or not linked(session, row):
            continue
        try:
            details = json.loads(row.details_json)
        except ValueError:
            continue
        if isinstance(details, dict) and details.get(key) == value:
            return row
    return None


def chain_head(session: Session) -> tuple[int, str] | None:
    """The last event's sequence number and hash: what reports print and bundles carry."""
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1)
    ).first()
    return None if last is None else (int(last[0]), str(last[1]))


def format_head(head: tuple[int, str] | None) -> str:
    """``SEQ:HASH`` (``0:`` and the genesis hash for an empty chain)."""
    return f"{head[0]}:{head[1]}" if head else f"0:{GENESIS}"


@dataclass(frozen=True, slots=True)
class ChainReport:
    events: int
    first_bad: int | None
    reason: str | None

    @property
    def intact(self) -> bool:
        return self.first_bad is None


def verify_chain(session: Session) -> ChainReport:
    """Walk the chain from the start; report the first event whose link or hash does not hold."""
    prev = GENESIS
    expected_seq = 1
    n = 0
    e = AuditEventRow
    rows = session.execute(
        select(
            e.seq, e.at, e.user_name, e.role, e.action, e.target, e.outcome, e.details_json,
            e.prev_hash, e.hash,
        ).order_by(e.seq)
    )  # fmt: skip
    for seq, at, user, role, action, target, outcome, details, prev_hash, h in rows:
        n += 1
        if seq != expected_seq:
            return ChainReport(n, seq, CodedText("EVENT_MISSING", missing=expected_seq, seq=seq))
        if prev_hash != prev:
            return ChainReport(n, seq, CodedText("EVENT_UNLINKED", seq=seq))
        body = {
            "seq": seq,
            "at": at,
            "user": user,
            "role": role,
            "action": action,
            "target": target,
            "outcome": outcome,
            "details": details,
        }
        if event_hash(prev, body) != h:
            return ChainReport(n, seq, CodedText("EVENT_CHANGED", seq=seq))
        prev = h
        expected_seq += 1
    return ChainReport(n, None, None)
