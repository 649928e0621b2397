"""Whether a final record may be built on: its hash, and the chain's last word on that hash
(issue 12). Used by services/integrity.py (the whole check) and services/quality.py (a correction
after the re-key audit); here so that neither imports the other for it."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from kamarhitung.services.audit import event_intact, linked
from kamarhitung.services.common import IntegrityError
from kamarhitung.services.hashes import record_hash
from kamarhitung.store.models import AuditEventRow, RecordRow


def details_of(text: str | None) -> dict[str, object]:
    """An audit event's details as a dict (empty when absent or not an object)."""
    if not text or text == "{}":
        return {}
    try:
        d = json.loads(text)
    except ValueError:
        return {}
    return d if isinstance(d, dict) else {}


def check_record(session: Session, rec: RecordRow) -> None:
    """Refuse to build on a final record that does not match its hash, or whose hash is not the
    one the chain last recorded for it (a correction would otherwise launder a value changed
    with sqlite3 into a new, chained hash)."""
    target = f"{rec.tps_id}/{rec.contest_id}"
    ok = rec.hash is not None and record_hash(rec) == rec.hash
    if ok:
        ok = False
        for ev in session.execute(
            select(AuditEventRow)
            .where(AuditEventRow.target == target)
            .order_by(AuditEventRow.seq.desc())
        ).scalars():
            d = details_of(ev.details_json)
            if "record_hash" in d:
                ok = d["record_hash"] == rec.hash and event_intact(ev) and linked(session, ev)
                break
    if not ok:
        raise IntegrityError("RECORD_TAMPERED", target=target)
