"""Content hashes of entry versions and final records, which the audit chain records.

Recomputed from the stored columns by ``audit verify`` (services/integrity.py), so a value edited
outside the application no longer matches the hash its audit event holds.
"""

from __future__ import annotations

import json
import re

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


_ESCAPE = re.compile(r'[\x00-\x1f"\\]')


def _s(v: object) -> str:
    """``json.dumps(v, ensure_ascii=False)``, without the encoder for the common cases (a text
    needing no escape, a whole number, null): a third of ``audit verify`` went to the encoder."""
    if type(v) is str and not _ESCAPE.search(v):
        return f'"{v}"'
    if type(v) is int:
        return str(v)
    if v is None:
        return "null"
    return json.dumps(v, ensure_ascii=False)


def version_hash_of(
    tps: str,
    contest: str,
    slot: int,
    version: int,
    user_id: int,
    event: str,
    values_json: str,
    problems_json: str,
    started_at: str,
    created_at: str,
) -> str:
    """:func:`version_hash` from the stored columns, without parsing the stored JSON: the
    application stores it canonical, so splicing it gives the same text (``audit verify`` reads
    every version: at 25,000 TPS, parsing and re-encoding was most of its time). A row whose
    text is not canonical any more (edited by hand) is recomputed the slow way by the caller."""
    text = (
        f'{{"contest":{_s(contest)},"created_at":{_s(created_at)},"event":{_s(event)},'
        f'"problems":{problems_json},"slot":{_s(slot)},"started_at":{_s(started_at)},'
        f'"tps":{_s(tps)},"user_id":{_s(user_id)},"values":{values_json},"version":{_s(version)}}}'
    )
    return sha256_hex(text)


def record_hash_of(
    tps: str,
    contest: str,
    final_values: str | None,
    source: str | None,
    final_findings: str | None,
    at: str | None,
    by: str | None,
    note: str | None,
) -> str:
    """:func:`record_hash` from the stored columns, splicing the stored canonical JSON."""
    text = (
        f'{{"at":{_s(at)},"by":{_s(by)},"contest":{_s(contest)},'
        f'"findings":{final_findings or "[]"},"note":{_s(note)},"source":{_s(source)},'
        f'"tps":{_s(tps)},"values":{final_values or "null"}}}'
    )
    return sha256_hex(text)
