"""Integrity of the data against the audit trail: what ``kamarhitung audit verify`` checks.

Beyond the hash chain itself (:func:`services.audit.verify_chain`), every stored entry version
and every final record is recomputed and must match the hash that the chain recorded when it was
written. So a value changed with the sqlite3 tool is caught even when the chain is untouched, and
so is a final record whose audit event was removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kamarhitung.services.audit import verify_chain
from kamarhitung.services.hashes import record_hash, version_hash
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import AuditEventRow, EntryVersionRow, RecordRow


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    events: int
    versions: int
    final_records: int
    problems: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_integrity(session: Session, *, max_problems: int = 20) -> IntegrityReport:
    """The chain, then every entry version and final record against it; the first problems."""
    problems: list[str] = []
    chain = verify_chain(session)
    if not chain.intact:
        problems.append(f"audit chain broken: {chain.reason}")
    chained_hashes: set[str] = set()
    last_record_hash: dict[str, tuple[int, str | None]] = {}
    for seq, target, details_json in session.execute(
        select(AuditEventRow.seq, AuditEventRow.target, AuditEventRow.details_json).order_by(
            AuditEventRow.seq
        )
    ):
        if not details_json or details_json == "{}":
            continue
        details = json.loads(details_json)
        h = details.get("hash")
        if isinstance(h, str):
            chained_hashes.add(h)
        for x in details.get("hashes", ()) or ():
            if isinstance(x, str):
                chained_hashes.add(x)
        if "record_hash" in details and target:
            rh = details["record_hash"]
            last_record_hash[target] = (seq, rh if isinstance(rh, str) else None)
    n_versions = 0
    for v in session.execute(select(EntryVersionRow).order_by(EntryVersionRow.id)).scalars():
        n_versions += 1
        where = f"entry version {v.id} (TPS {v.tps_id} {v.contest_id} slot {v.slot} v{v.version})"
        if version_hash(v) != v.hash:
            problems.append(f"{where} was changed after it was written")
        elif v.hash not in chained_hashes:
            problems.append(f"{where} has no audit event: inserted outside the application")
        if len(problems) >= max_problems:
            break
    n_final = 0
    for rec in session.execute(
        select(RecordRow).order_by(RecordRow.tps_id, RecordRow.contest_id)
    ).scalars():
        target = f"{rec.tps_id}/{rec.contest_id}"
        expected = last_record_hash.get(target)
        if rec.state == "final":
            n_final += 1
            if rec.hash is None or record_hash(rec) != rec.hash:
                problems.append(f"final record {target} was changed after it was written")
            elif expected is None:
                problems.append(
                    f"final record {target} has no audit event: made final outside the application"
                )
            elif expected[1] != rec.hash:
                problems.append(f"final record {target} does not match audit event {expected[0]}")
        elif expected is not None and expected[1] is not None:
            problems.append(
                f"record {target} was final at audit event {expected[0]} but is {rec.state} now, "
                "with no event that reopened it"
            )
        if len(problems) >= max_problems:
            break
    return IntegrityReport(chain.events, n_versions, n_final, tuple(problems))


def verify_workspace(ws: Workspace) -> IntegrityReport:
    """Everything ``audit verify`` checks: the chain, the versions and records against it, and
    the recap's int32 copies of the final values against those values."""
    from kamarhitung.services.quality import verify as verify_quality
    from kamarhitung.services.recap import verify_vectors

    with ws.store.reading() as s:
        rep = verify_integrity(s)
        quality_problems = tuple(verify_quality(s))  # the re-key audit's tables (issue 16)
    stale = [
        f"final record {tps}/{contest}: its recap vector does not match its values (edited by hand)"
        for tps, contest in verify_vectors(ws)
    ]
    return IntegrityReport(
        rep.events, rep.versions, rep.final_records, rep.problems + quality_problems + tuple(stale)
    )
