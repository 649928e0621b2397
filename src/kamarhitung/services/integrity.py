"""Integrity of the data against the audit trail: what ``kamarhitung audit verify`` checks.

Beyond the hash chain itself (:func:`services.audit.verify_chain`), everything that decides a
result or a right is recomputed and must match what the chain recorded when it was written:

* every entry version (its content hash, and an event that recorded it), and every version the
  chain recorded must still exist (a deleted version is named);
* every finished entry row must equal its recorded version (the row is what a screen shows);
* every final record, and a record that was final must not silently stop being final;
* every supervisor's resolution (edited, inserted or deleted rows);
* every region finalisation (a row inserted by hand would print FINAL on a report);
* every user's name, role, password hash and state (an operator made admin with sqlite3);
* the key files installed (``keys/``) against the hashes recorded when they were written;
* the chain's length, against a head read from paper (``audit verify --head SEQ:HASH``): every
  report prints the head, every bundle carries it.

Nothing is signed or exported from a workspace that fails this (:func:`require_intact`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kamarhitung.core.refusal import CodedText, Param
from kamarhitung.services.audit import GENESIS, chain_head, verify_chain
from kamarhitung.services.common import InputError, IntegrityError
from kamarhitung.services.hashes import (
    record_hash,
    record_hash_of,
    resolution_hash,
    user_hash,
    version_hash,
    version_hash_of,
)
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import (
    AuditEventRow,
    EntryRow,
    EntryVersionRow,
    RecordRow,
    RegionFinalRow,
    ResolutionRow,
    UserRow,
)

VERSION_ACTIONS = frozenset(
    {"entry.finish", "entry.claim_lapsed", "entry.give_back", "entry.release", "entry.send_back"}
)
"""The events whose ``hash``/``hashes`` are entry versions."""

MIN_HEAD_HASH = 16
"""The fewest hex characters of a head's hash accepted from paper."""


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    events: int
    versions: int
    final_records: int
    problems: tuple[str, ...]
    head: tuple[int, str] | None = None
    """The chain's last event (sequence, hash), None for an empty chain."""
    resolutions: int = 0
    users: int = 0
    regions_final: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def head_text(self) -> str:
        return f"{self.head[0]}:{self.head[1]}" if self.head else f"0:{GENESIS}"


def parse_head(text: str) -> tuple[int, str]:
    """``SEQ:HASH`` as read from a report or a manifest (the hash may be cut to 16 characters)."""
    seq_text, sep, h = text.strip().partition(":")
    h = h.strip().lower()
    if (
        not sep
        or not seq_text.strip().isdigit()
        or not MIN_HEAD_HASH <= len(h) <= 64
        or any(c not in "0123456789abcdef" for c in h)
    ):
        raise InputError("BAD_HEAD", head=repr(text), min=MIN_HEAD_HASH)
    return int(seq_text), h


def check_head(session: Session, head: tuple[int, str]) -> str | None:
    """A problem if the chain does not hold the event ``head`` names (cut off, or rewritten)."""
    seq, h = head
    if seq == 0:
        return None if GENESIS.startswith(h) else CodedText("HEAD_NOT_GENESIS")
    row = session.get(AuditEventRow, seq)
    if row is None:
        last = chain_head(session)
        return CodedText("CHAIN_CUT", last=last[0] if last else 0, seq=seq)
    if not row.hash.startswith(h):
        return CodedText("HEAD_MISMATCH", seq=seq, hash=row.hash[:16], given=h[:16])
    return None


def _details(text: str | None) -> dict[str, object]:
    if not text or text == "{}":
        return {}
    try:
        d = json.loads(text)
    except ValueError:
        return {}
    return d if isinstance(d, dict) else {}


@dataclass
class _Chained:
    """What the chain recorded, read once from every event."""

    versions: dict[str, int]
    """Entry version hash → the event that recorded it."""
    records: dict[str, tuple[int, str | None]]
    resolutions: Counter[str]
    resolution_seq: dict[str, int]
    users: dict[str, tuple[int, str | None, str | None]]
    """User name → (event, user_hash or None for a workspace older than these, role)."""
    user_hashes: bool
    regions: dict[str, tuple[int, str, dict[str, object], str, str | None]]
    """``contest/code`` → (event, action, details, at, user) of its last finalise or reopen."""
    key_files: dict[str, tuple[int, str | None]]
    legacy_resolutions: set[str]
    """Forms resolved by a version that did not record resolution hashes yet."""


RESOLUTION_ACTIONS = frozenset({"entry.resolve", "entry.accept_janggal", "entry.send_back"})


def _read_chain(session: Session) -> _Chained:
    c = _Chained({}, {}, Counter(), {}, {}, False, {}, {}, set())
    for seq, action, target, details_json, at, user in session.execute(
        select(
            AuditEventRow.seq,
            AuditEventRow.action,
            AuditEventRow.target,
            AuditEventRow.details_json,
            AuditEventRow.at,
            AuditEventRow.user_name,
        ).order_by(AuditEventRow.seq)
    ):
        d = _details(details_json)
        if action in VERSION_ACTIONS:
            for h in [d.get("hash"), *(d.get("hashes") or ())]:  # type: ignore[misc]  # JSON list
                if isinstance(h, str):
                    c.versions[h] = seq
        if "record_hash" in d and target:
            rh = d["record_hash"]
            c.records[target] = (seq, rh if isinstance(rh, str) else None)
        if action in RESOLUTION_ACTIONS and target and "resolution_hashes" not in d:
            c.legacy_resolutions.add(target)
        for h in d.get("resolution_hashes") or ():  # type: ignore[attr-defined]  # JSON list
            if isinstance(h, str):
                c.resolutions[h] += 1
                c.resolution_seq[h] = seq
        if action.startswith("user.") and target:
            uh = d.get("user_hash")
            role = d.get("role")
            if isinstance(uh, str):
                c.user_hashes = True
                prev_role = c.users.get(target, (0, None, None))[2]
                c.users[target] = (seq, uh, role if isinstance(role, str) else prev_role)
            elif action == "user.add":
                c.users[target] = (seq, None, role if isinstance(role, str) else None)
        if action in ("region.finalise", "region.reopen") and target:
            c.regions[target] = (seq, action, d, at, user)
        if action in ("keys.generate", "keys.install"):
            files = d.get("files")
            if isinstance(files, dict):
                for name, h in files.items():
                    c.key_files[str(name)] = (seq, h if isinstance(h, str) else None)
            for name in d.get("removed") or ():  # type: ignore[attr-defined]  # JSON list
                c.key_files[str(name)] = (seq, None)
    return c


def verify_integrity(
    session: Session, *, keys_dir: Path | None = None, max_problems: int = 20
) -> IntegrityReport:
    """The chain, then everything it covers; the first ``max_problems`` problems."""
    problems: list[str] = []

    def full() -> bool:
        return len(problems) >= max_problems

    chain = verify_chain(session)
    if not chain.intact:
        problems.append(CodedText("CHAIN_BROKEN", reason=chain.reason or "?"))
    c = _read_chain(session)

    # Entry versions: each matches its hash and was recorded; each recorded one still exists.
    # Read as plain rows and hashed by splicing the stored JSON (see hashes.version_hash_of).
    n_versions = 0
    present: set[str] = set()
    finished: dict[tuple[str, str, int, int], tuple[str, str, str, int]] = {}
    ev = EntryVersionRow
    for row in session.execute(
        select(
            ev.id, ev.tps_id, ev.contest_id, ev.slot, ev.version, ev.user_id, ev.event,
            ev.values_json, ev.problems_json, ev.started_at, ev.created_at, ev.hash,
        ).order_by(ev.id)
    ):  # fmt: skip
        vid, tps, contest, slot, ver, uid, event, values, probs, started, created, h = row
        n_versions += 1
        present.add(h)
        if event == "finished":
            finished[(tps, contest, slot, ver)] = (h, values, probs, uid)
        if full():
            continue
        where: dict[str, Param] = {
            "id": vid,
            "tps": tps,
            "contest": contest,
            "slot": slot,
            "version": ver,
        }
        ok = version_hash_of(tps, contest, slot, ver, uid, event, values, probs, started, created)
        if ok != h:
            slow = EntryVersionRow(
                tps_id=tps,
                contest_id=contest,
                slot=slot,
                version=ver,
                user_id=uid,
                event=event,
                values_json=values,
                problems_json=probs,
                started_at=started,
                created_at=created,
            )
            try:
                ok = version_hash(slow)
            except (ValueError, TypeError, RecursionError):
                ok = ""
        if ok != h:
            problems.append(CodedText("VERSION_CHANGED", **where))
        elif h not in c.versions:
            problems.append(CodedText("VERSION_UNRECORDED", **where))
    for h, seq in sorted(c.versions.items(), key=lambda kv: kv[1]):
        if h not in present and not full():
            problems.append(CodedText("VERSION_MISSING", seq=seq))

    # Finished entry rows: what the screens show must be what was recorded.
    er = EntryRow
    for tps, contest, slot, ver, eh, values, probs, uid in session.execute(
        select(
            er.tps_id, er.contest_id, er.slot, er.version, er.hash, er.values_json,
            er.problems_json, er.user_id,
        ).where(er.status == "done").order_by(er.id)
    ):  # fmt: skip
        if full():
            break
        if finished.get((tps, contest, slot, ver)) != (eh, values, probs, uid):
            problems.append(CodedText("ENTRY_DIFFERS", slot=slot, tps=tps, contest=contest))

    # Final records.
    n_final = 0
    rc = RecordRow
    for rec_row in session.execute(
        select(
            rc.tps_id, rc.contest_id, rc.state, rc.final_values, rc.final_source,
            rc.final_findings, rc.finalized_at, rc.finalized_by, rc.note, rc.hash,
        ).order_by(rc.tps_id, rc.contest_id)
    ):  # fmt: skip
        rtps, rcontest, state, fv, src, ff, fat, fby, note, rh = rec_row
        target = f"{rtps}/{rcontest}"
        expected = c.records.get(target)
        if state == "final":
            n_final += 1
        if full():
            continue
        if state == "final":
            same = (
                rh is not None and record_hash_of(rtps, rcontest, fv, src, ff, fat, fby, note) == rh
            )
            if not same and rh is not None:
                slow_rec = RecordRow(
                    tps_id=rtps,
                    contest_id=rcontest,
                    final_values=fv,
                    final_source=src,
                    final_findings=ff,
                    finalized_at=fat,
                    finalized_by=fby,
                    note=note,
                )
                try:
                    same = record_hash(slow_rec) == rh
                except (ValueError, TypeError, RecursionError):
                    same = False
            if not same:
                problems.append(CodedText("RECORD_CHANGED", target=target))
            elif expected is None:
                problems.append(CodedText("RECORD_UNRECORDED", target=target))
            elif expected[1] != rh:
                problems.append(CodedText("RECORD_MISMATCH", target=target, seq=expected[0]))
        elif expected is not None and expected[1] is not None:
            problems.append(
                CodedText("RECORD_UNFINALISED", target=target, seq=expected[0], state=state)
            )

    # Resolutions: every row recorded, every recorded row still there.
    n_res = 0
    remaining = Counter(c.resolutions)
    for r in session.execute(select(ResolutionRow).order_by(ResolutionRow.id)).scalars():
        n_res += 1
        h = resolution_hash(r)
        if remaining[h] > 0:
            remaining[h] -= 1
        elif f"{r.tps_id}/{r.contest_id}" not in c.legacy_resolutions and not full():
            problems.append(
                CodedText(
                    "RESOLUTION_UNRECORDED",
                    id=r.id,
                    tps=r.tps_id,
                    contest=r.contest_id,
                    action=r.action,
                )
            )
    for h, n in sorted(remaining.items(), key=lambda kv: c.resolution_seq[kv[0]]):
        if n > 0 and not full():
            problems.append(CodedText("RESOLUTION_MISSING", seq=c.resolution_seq[h]))

    # Region finalisations: each row is the last finalise event of its region, and no more.
    n_regions = 0
    rows = {
        f"{r.contest_id}/{r.region_code}": r
        for r in session.execute(select(RegionFinalRow)).scalars()
    }
    n_regions = len(rows)
    for target, fin in sorted(rows.items()):
        if full():
            break
        last = c.regions.get(target)
        if last is None or last[1] != "region.finalise":
            problems.append(CodedText("REGION_UNRECORDED", target=target))
        elif (last[2].get("fingerprint"), last[3], last[4]) != (
            fin.fingerprint,
            fin.finalized_at,
            fin.finalized_by,
        ):
            problems.append(CodedText("REGION_MISMATCH", target=target, seq=last[0]))
    for target, last in sorted(c.regions.items()):
        if last[1] == "region.finalise" and target not in rows and not full():
            problems.append(CodedText("REGION_UNFINALISED", target=target, seq=last[0]))

    # Users: what each may do is what the chain last recorded.
    n_users = 0
    for u in session.execute(select(UserRow).order_by(UserRow.name)).scalars():
        n_users += 1
        if full():
            continue
        rec_u = c.users.get(u.name)
        if rec_u is None:
            problems.append(CodedText("USER_UNRECORDED", user=u.name))
        elif rec_u[1] is not None:
            if rec_u[1] != user_hash(u):
                problems.append(CodedText("USER_MISMATCH", user=u.name, seq=rec_u[0]))
        elif rec_u[2] is not None and rec_u[2] != u.role:
            problems.append(
                CodedText("USER_ROLE_CHANGED", user=u.name, role=u.role, was=rec_u[2], seq=rec_u[0])
            )

    # Key files: the ones generated and installed.
    if keys_dir is not None:
        for name, (seq, recorded) in sorted(c.key_files.items()):
            if recorded is None or full():
                continue
            try:
                actual = hashlib.sha256((keys_dir / name).read_bytes()).hexdigest()
            except OSError:  # a missing file signs nothing: loading the key says what to do
                continue
            if actual != recorded:
                problems.append(CodedText("KEY_FILE_REPLACED", file=f"keys/{name}", seq=seq))

    return IntegrityReport(
        chain.events,
        n_versions,
        n_final,
        tuple(problems),
        chain_head(session),
        n_res,
        n_users,
        n_regions,
    )


def verify_workspace(ws: Workspace, *, head: tuple[int, str] | None = None) -> IntegrityReport:
    """Everything ``audit verify`` checks: the chain, everything against it, the re-key audit's
    tables (issue 16), the recap's int32 copies of the final values against those values and,
    given a head read from paper, that the chain still reaches it."""
    from dataclasses import replace

    from kamarhitung.services.quality import verify as verify_quality
    from kamarhitung.services.recap import verify_vectors

    with ws.store.reading() as s:
        rep = verify_integrity(s, keys_dir=ws.store.keys_dir)
        quality_problems = list(verify_quality(s))  # the re-key audit's tables (issue 16)
        state_problems = verify_states(ws, s)
        head_problem = check_head(s, head) if head is not None else None
    stale = [
        CodedText("VECTOR_STALE", target=f"{tps}/{contest}") for tps, contest in verify_vectors(ws)
    ]
    extra = state_problems + quality_problems + ([head_problem] if head_problem else []) + stale
    return replace(rep, problems=rep.problems + tuple(extra))


def verify_states(ws: Workspace, session: Session, *, max_problems: int = 20) -> list[str]:
    """The forms waiting for a supervisor (``different``, ``janggal``) against their recorded
    entries: the state must be what ``core.entry.decide`` makes of the two finished versions, so
    a state changed with sqlite3 is named (it would open a resolution or an acceptance)."""
    from kamarhitung.core.entry import State, decide

    problems: list[str] = []
    waiting = session.execute(
        select(RecordRow.tps_id, RecordRow.contest_id, RecordRow.state).where(
            RecordRow.state.in_((State.DIFFERENT.value, State.JANGGAL.value))
        )
    ).all()
    for tps, contest, state in waiting:
        if len(problems) >= max_problems:
            break
        found: dict[int, tuple[str, str]] = {}
        for slot, values, probs in session.execute(
            select(EntryVersionRow.slot, EntryVersionRow.values_json, EntryVersionRow.problems_json)
            .join(
                EntryRow,
                (EntryRow.tps_id == EntryVersionRow.tps_id)
                & (EntryRow.contest_id == EntryVersionRow.contest_id)
                & (EntryRow.slot == EntryVersionRow.slot)
                & (EntryRow.version == EntryVersionRow.version)
                & (EntryRow.hash == EntryVersionRow.hash),
            )
            .where(
                EntryVersionRow.tps_id == tps,
                EntryVersionRow.contest_id == contest,
                EntryVersionRow.event == "finished",
                EntryRow.status == "done",
            )
        ):
            found[int(slot)] = (str(values), str(probs))
        derived = None
        if set(found) == {1, 2}:
            try:
                derived = decide(
                    ws.form_spec(contest),
                    json.loads(found[1][0]),
                    json.loads(found[1][1]),
                    json.loads(found[2][0]),
                    json.loads(found[2][1]),
                ).state.value
            except (ValueError, TypeError):
                derived = None
        if derived != state:
            problems.append(
                CodedText(
                    "RECORD_STATE_CHANGED",
                    target=f"{tps}/{contest}",
                    state=state,
                    derived=derived or "none",
                )
            )
    return problems


def check_record(session: Session, rec: RecordRow) -> None:
    """Refuse to build on a final record that does not match its hash, or whose hash is not the
    one the chain last recorded for it (a correction would otherwise launder a value changed
    with sqlite3 into a new, chained hash)."""
    from kamarhitung.services.audit import event_intact, linked

    target = f"{rec.tps_id}/{rec.contest_id}"
    ok = rec.hash is not None and record_hash(rec) == rec.hash
    if ok:
        ok = False
        for ev in session.execute(
            select(AuditEventRow)
            .where(AuditEventRow.target == target)
            .order_by(AuditEventRow.seq.desc())
        ).scalars():
            d = _details(ev.details_json)
            if "record_hash" in d:
                ok = d["record_hash"] == rec.hash and event_intact(ev) and linked(session, ev)
                break
    if not ok:
        raise IntegrityError("RECORD_TAMPERED", target=target)


NOT_INTACT_CODES = frozenset(
    {"SIGN_NOT_INTACT", "SIGN_SET_NOT_INTACT", "EXPORT_NOT_INTACT", "FINALISE_NOT_INTACT"}
)
"""The refusal codes of :func:`require_intact`, one per act it guards."""


def require_intact(ws: Workspace, code: str, **params: str) -> IntegrityReport:
    """Verify the workspace before an act (signing, exporting, finalising); refuse with ``code``
    (one of :data:`NOT_INTACT_CODES`), naming the first problem, if it fails."""
    if code not in NOT_INTACT_CODES:
        raise KeyError(code)
    rep = verify_workspace(ws)
    if not rep.intact:
        more = f" (and {len(rep.problems) - 1} more)" if len(rep.problems) > 1 else ""
        raise IntegrityError(code, problem=rep.problems[0], more=more, **params)
    return rep
