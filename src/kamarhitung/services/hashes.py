"""Content hashes of entry versions and final records, which the audit chain records.

Recomputed from the stored columns by ``audit verify`` (services/integrity.py), so a value edited
outside the application no longer matches the hash its audit event holds.
"""

from __future__ import annotations

import json

from kamarhitung.services.common import canonical_json, sha256_hex
from kamarhitung.store.models import EntryVersionRow, RecordRow, ResolutionRow, UserRow


def version_hash(v: EntryVersionRow) -> str:
    """The content hash of an entry version, from its columns."""
    body = {
        "tps": v.tps_id,
        "contest": v.contest_id,
        "slot": v.slot,
        "version": v.version,
        "user_id": v.user_id,
        "event": v.event,
        "values": json.loads(v.values_json),
        "problems": json.loads(v.problems_json),
        "started_at": v.started_at,
        "created_at": v.created_at,
    }
    return sha256_hex(canonical_json(body))


def record_hash(rec: RecordRow) -> str:
    """The content hash of a final record, from its columns."""
    return sha256_hex(
        canonical_json(
            {
                "tps": rec.tps_id,
                "contest": rec.contest_id,
                "values": json.loads(rec.final_values or "null"),
                "source": rec.final_source,
                "findings": json.loads(rec.final_findings or "[]"),
                "at": rec.finalized_at,
                "by": rec.finalized_by,
                "note": rec.note,
            }
        )
    )


def user_hash(u: UserRow) -> str:
    """The content hash of what a user may do: name, role, password hash and whether active.

    Recorded by every audit event that creates or changes one of them (``user_hash``), so a role
    or a password hash changed with sqlite3 no longer matches the chain."""
    return sha256_hex(
        canonical_json(
            {
                "name": u.name,
                "role": u.role,
                "password_hash": u.password_hash,
                "active": int(u.active),
            }
        )
    )


def resolution_hash(r: ResolutionRow) -> str:
    """The content hash of a supervisor's resolution row (recorded as ``resolution_hashes``)."""
    return sha256_hex(
        canonical_json(
            {
                "tps": r.tps_id,
                "contest": r.contest_id,
                "field": r.field,
                "value_1": r.value_1,
                "value_2": r.value_2,
                "value": r.value,
                "action": r.action,
                "attributed_to": r.attributed_to,
                "reason": r.reason,
                "reference": r.reference,
                "user_id": r.user_id,
                "created_at": r.created_at,
            }
        )
    )
