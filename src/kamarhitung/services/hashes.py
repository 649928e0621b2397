"""Content hashes of entry versions and final records, which the audit chain records.

Recomputed from the stored columns by ``audit verify`` (services/integrity.py), so a value edited
outside the application no longer matches the hash its audit event holds.
"""

from __future__ import annotations

import json

from kamarhitung.services.common import canonical_json, sha256_hex
from kamarhitung.store.models import EntryVersionRow, RecordRow


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
