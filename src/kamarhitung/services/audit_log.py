"""Reading the audit trail: filtered, paged queries, and an export that can be verified elsewhere.

The trail itself is written by :mod:`kamarhitung.services.audit`; this module only reads it, for
supervisors and admins (an operator gets :class:`PermissionDeniedError`: the trail names who keyed
what, and operators must stay blind to each other's work).

* :func:`query_events` pages through the events with keyset paging on ``seq`` (never ``OFFSET``),
  so the thousandth page of a 100 000-event trail costs what the first one does;
* :class:`AuditFilter` narrows by time range (as instants: events written with different UTC
  offsets compare correctly, through SQLite's ``julianday``), user, action prefix, outcome,
  target substring and free text;
* :func:`export_jsonl` writes the events as JSON lines, one event per line with the columns the
  hash covers plus ``prev_hash`` and ``hash``, the same shape as ``audit/audit.jsonl`` in the export
  bundle. Anyone can recompute every hash with :func:`kamarhitung.services.audit.event_hash` (or
  :func:`verify_export`) from the file alone. Each export is itself an audit event,
  ``audit.export``, written in the same step that puts the file in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.orm import Session

from kamarhitung.core.model import Role
from kamarhitung.services.audit import GENESIS, event_hash
from kamarhitung.services.audit import append_event as _append_event
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    NotFoundError,
    iso,
    require_role,
)
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.dialect import instant, like_ci
from kamarhitung.store.models import AuditEventRow

READ_ROLES: Final = (Role.SUPERVISOR, Role.ADMIN)
"""Who may read and export the trail."""

EXPORT_ACTION: Final = "audit.export"
"""The action of the event every export appends."""

EXPORT_KEYS: Final = (
    "seq",
    "at",
    "user",
    "role",
    "action",
    "target",
    "outcome",
    "details_json",
    "prev_hash",
    "hash",
)
"""The keys of one exported line (as in the bundle's ``audit/audit.jsonl``)."""

MAX_PAGE: Final = 10_000
"""The most events one call of :func:`query_events` returns."""

# The highest code point: ``action < prefix + _TOP`` bounds a prefix search so that SQLite can use
# the index on ``action`` (``LIKE`` would not, and would fold case).
_TOP: Final = chr(0x10FFFF)


# --- values -------------------------------------------------------------------------------------


def _instant(t: datetime) -> str:
    """An ISO time with its offset; a naive time is taken as the machine's local time."""
    return iso(t if t.tzinfo is not None else t.astimezone())


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which events to read; every field left as None matches everything."""

    since: datetime | None = None
    """Events at or after this instant."""
    until: datetime | None = None
    """Events before this instant (exclusive)."""
    user: str | None = None
    """Events of this user name (exactly)."""
    action: str | None = None
    """Actions that start with this text: ``entry`` matches ``entry.finish`` and ``entry.resolve``."""
    outcome: str | None = None
    """This outcome exactly (``ok``, ``wrong_password``...)."""
    target: str | None = None
    """Targets that contain this text (case-insensitive for ASCII letters)."""
    text: str | None = None
    """This text anywhere: user, action, target, outcome or details (case-insensitive, ASCII)."""

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))

    def to_json(self) -> dict[str, object]:
        """The fields that are set, times as ISO text (recorded in the export's audit event)."""
        out: dict[str, object] = {}
        for f in fields(self):
            name, v = f.name, getattr(self, f.name)
            if v in (None, ""):
                continue
            out[name] = _instant(v) if isinstance(v, datetime) else v
        return out


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One event as stored: what was done, by whom, and the two hashes that chain it."""

    seq: int
    at: str
    user: str | None
    role: str | None
    action: str
    target: str | None
    outcome: str
    details_json: str
    prev_hash: str
    hash: str

    @property
    def details(self) -> object:
        """The details as JSON data (the raw text if it is not JSON: a trail edited by hand)."""
        try:
            return json.loads(self.details_json)
        except (ValueError, TypeError, RecursionError):
            return self.details_json

    def details_pretty(self) -> str:
        """The details indented for reading, keys sorted, non-ASCII kept as written."""
        d = self.details
        if isinstance(d, str):
            return d
        return json.dumps(d, indent=2, sort_keys=True, ensure_ascii=False)

    def to_json(self) -> dict[str, object]:
        """One exported line: the columns the hash covers, ``prev_hash`` and ``hash``."""
        return dict(zip(EXPORT_KEYS, self._values(), strict=True))

    def _values(self) -> tuple[object, ...]:
        return (
            self.seq,
            self.at,
            self.user,
            self.role,
            self.action,
            self.target,
            self.outcome,
            self.details_json,
            self.prev_hash,
            self.hash,
        )


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of events and where the next one starts."""

    events: tuple[AuditEvent, ...]
    next_cursor: int | None
    """Pass as ``cursor`` for the next page; None when this page was the last."""


@dataclass(frozen=True, slots=True)
class AuditFacets:
    """The distinct users, actions and outcomes in the trail (for filter choices)."""

    users: tuple[str, ...]
    actions: tuple[str, ...]
    outcomes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AuditExport:
    """What :func:`export_jsonl` wrote."""

    path: Path
    events: int
    first_seq: int | None
    last_seq: int | None
    sha256: str
    size: int
    export_seq: int
    """The seq of the ``audit.export`` event that records this export."""

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "events": self.events,
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "sha256": self.sha256,
            "size": self.size,
            "export_seq": self.export_seq,
        }


# --- permission and SQL ---------------------------------------------------------------------------


def can_read(actor: Actor) -> bool:
    """Whether the actor may read the trail (the screen says so instead of failing)."""
    return actor.role in READ_ROLES


def _require_reader(actor: Actor) -> None:
    require_role(actor, *READ_ROLES)


def _like(text: str) -> str:
    """A ``LIKE`` pattern matching ``text`` anywhere, its own ``%``, ``_`` and ``\\`` literal."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(flt: AuditFilter) -> list[ColumnElement[bool]]:
    e = AuditEventRow
    out: list[ColumnElement[bool]] = []
    if flt.since is not None:
        out.append(instant(e.at) >= instant(_instant(flt.since)))
    if flt.until is not None:
        out.append(instant(e.at) < instant(_instant(flt.until)))
    if flt.user:
        out.append(e.user_name == flt.user)
    if flt.action:
        out.append(and_(e.action >= flt.action, e.action < flt.action + _TOP))
    if flt.outcome:
        out.append(e.outcome == flt.outcome)
    if flt.target:
        out.append(like_ci(e.target, _like(flt.target)))
    if flt.text:
        pattern = _like(flt.text)
        out.append(
            or_(
                *(
                    like_ci(col, pattern)
                    for col in (e.user_name, e.action, e.target, e.outcome, e.details_json)
                )
            )
        )
    return out


_COLUMNS = (
    AuditEventRow.seq,
    AuditEventRow.at,
    AuditEventRow.user_name,
    AuditEventRow.role,
    AuditEventRow.action,
    AuditEventRow.target,
    AuditEventRow.outcome,
    AuditEventRow.details_json,
    AuditEventRow.prev_hash,
    AuditEventRow.hash,
)


def _event(row: Sequence[Any]) -> AuditEvent:
    """An event from a row of :data:`_COLUMNS`."""
    seq, at, user, role, action, target, outcome, details, prev, h = row
    return AuditEvent(
        int(seq),
        str(at),
        None if user is None else str(user),
        None if role is None else str(role),
        str(action),
        None if target is None else str(target),
        str(outcome),
        str(details),
        str(prev),
        str(h),
    )


def _select(flt: AuditFilter) -> Select[*tuple[Any, ...]]:
    stmt: Select[*tuple[Any, ...]] = select(*_COLUMNS)
    conds = _conditions(flt)
    if flt.since is not None and flt.until is not None and flt.until <= flt.since:
        conds.append(false())  # an empty range: say so without asking SQLite to scan
    return stmt.where(*conds) if conds else stmt


# --- queries ------------------------------------------------------------------------------------


def query_events(
    ws: Workspace,
    actor: Actor,
    flt: AuditFilter | None = None,
    *,
    limit: int = 200,
    cursor: int | None = None,
    newest_first: bool = True,
) -> AuditPage:
    """One page of the events that match ``flt``, newest first (or oldest first).

    ``cursor`` is the ``next_cursor`` of the page before (None for the first page): paging is by
    ``seq``, so events appended meanwhile neither repeat nor shift a page."""
    _require_reader(actor)
    if not 1 <= limit <= MAX_PAGE:
        raise InputError("PAGE_SIZE", max=MAX_PAGE, limit=limit)
    stmt = _select(flt or AuditFilter())
    seq = AuditEventRow.seq
    if cursor is not None:
        stmt = stmt.where(seq < cursor if newest_first else seq > cursor)
    stmt = stmt.order_by(seq.desc() if newest_first else seq.asc()).limit(limit + 1)
    with ws.store.reading() as s:
        rows = s.execute(stmt).all()
    events = tuple(_event(r) for r in rows[:limit])
    more = len(rows) > limit
    return AuditPage(events, events[-1].seq if more and events else None)


def count_events(ws: Workspace, actor: Actor, flt: AuditFilter | None = None) -> int:
    """How many events match ``flt``."""
    _require_reader(actor)
    conds = _conditions(flt or AuditFilter())
    stmt = select(func.count()).select_from(AuditEventRow)
    if conds:
        stmt = stmt.where(*conds)
    with ws.store.reading() as s:
        return int(s.execute(stmt).scalar_one())


def get_event(ws: Workspace, actor: Actor, seq: int) -> AuditEvent:
    """One event by its number."""
    _require_reader(actor)
    with ws.store.reading() as s:
        row = s.execute(select(*_COLUMNS).where(AuditEventRow.seq == seq)).first()
    if row is None:
        raise NotFoundError("UNKNOWN_EVENT", seq=seq)
    return _event(row)


def facets(ws: Workspace, actor: Actor) -> AuditFacets:
    """The users, actions and outcomes that occur in the trail, sorted."""
    _require_reader(actor)
    e = AuditEventRow
    with ws.store.reading() as s:
        users = s.execute(
            select(e.user_name).where(e.user_name.is_not(None)).distinct().order_by(e.user_name)
        ).scalars()
        user_list = tuple(str(u) for u in users)
        actions = tuple(
            str(a) for a in s.execute(select(e.action).distinct().order_by(e.action)).scalars()
        )
        outcomes = tuple(
            str(o) for o in s.execute(select(e.outcome).distinct().order_by(e.outcome)).scalars()
        )
    return AuditFacets(user_list, actions, outcomes)


def iter_events(session: Session, flt: AuditFilter | None = None) -> Iterator[AuditEvent]:
    """Every matching event in chain order, within the caller's read transaction."""
    stmt = _select(flt or AuditFilter()).order_by(AuditEventRow.seq)
    for row in session.execute(stmt):
        yield _event(row)


# --- export -------------------------------------------------------------------------------------


def export_line(event: AuditEvent) -> str:
    """One event as its exported JSON line (without the newline)."""
    return json.dumps(event.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def export_jsonl(
    ws: Workspace,
    actor: Actor,
    out: Path,
    flt: AuditFilter | None = None,
    *,
    overwrite: bool = False,
) -> AuditExport:
    """Write the events matching ``flt`` (all, by default) to ``out`` as JSON lines, in chain order.

    The file is written beside ``out`` under a temporary name and moved into place in the same
    transaction that appends the ``audit.export`` event, so there is never an export on disk that
    the trail does not record, nor an event for an export that failed. ``overwrite`` replaces an
    existing file (the GUI's save dialog asked already)."""
    _require_reader(actor)
    flt = flt or AuditFilter()
    out = Path(out)
    if out.is_dir():
        raise InputError("IS_A_FOLDER", path=str(out))
    if out.exists() and not overwrite:
        raise ConflictError("FILE_EXISTS", path=str(out))
    if not out.parent.is_dir():
        raise InputError("NO_FOLDER", path=str(out.parent))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as e:
        raise InputError(
            "CANNOT_WRITE", path=str(out.parent), reason=str(e.strerror or e)
        ) from None
    tmp = Path(tmp_name)
    placed = False
    try:
        sha = hashlib.sha256()
        n = 0
        first: AuditEvent | None = None
        last: AuditEvent | None = None
        with os.fdopen(fd, "wb") as f, ws.store.reading() as s:
            for ev in iter_events(s, flt):
                data = (export_line(ev) + "\n").encode("utf-8")
                f.write(data)
                sha.update(data)
                n += 1
                first = first or ev
                last = ev
            f.flush()
            os.fsync(f.fileno())
            size = f.tell()
        details: dict[str, object] = {
            "file": out.name,
            "events": n,
            "first_seq": first.seq if first else None,
            "last_seq": last.seq if last else None,
            "last_hash": last.hash if last else None,
            "sha256": sha.hexdigest(),
            "size": size,
        }
        if not flt.is_empty():
            details["filter"] = flt.to_json()
        with ws.store.unit_of_work() as s:
            row = _append_event(s, ws.now(), actor, EXPORT_ACTION, target=out.name, details=details)
            export_seq = row.seq
            os.replace(tmp, out)
            placed = True
    except BaseException:
        tmp.unlink(missing_ok=True)
        if placed:  # the move happened, the commit did not: no unrecorded export may remain
            out.unlink(missing_ok=True)
        raise
    return AuditExport(
        out,
        n,
        first.seq if first else None,
        last.seq if last else None,
        sha.hexdigest(),
        size,
        export_seq,
    )


# --- verifying an export ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportCheck:
    """What :func:`verify_export` found in an exported file."""

    events: int
    first_seq: int | None
    last_seq: int | None
    complete: bool
    """The file starts at event 1 and no event is missing: the whole chain up to ``last_seq``."""
    problems: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def _body(line: Mapping[str, object]) -> dict[str, object]:
    """The hashed body of an exported line (``services.audit``'s names: ``user``, ``details``)."""
    return {
        "seq": line.get("seq"),
        "at": line.get("at"),
        "user": line.get("user"),
        "role": line.get("role"),
        "action": line.get("action"),
        "target": line.get("target"),
        "outcome": line.get("outcome"),
        "details": line.get("details_json"),
    }


def verify_export(path: Path, *, max_problems: int = 20) -> ExportCheck:
    """Recompute every hash of an exported file, and every link between consecutive events.

    Needs nothing but the file: a filtered export skips events, so a link is checked only where
    one event follows the other (and event 1 must link to the genesis hash)."""
    problems: list[str] = []
    n = 0
    first: int | None = None
    last: int | None = None
    contiguous = True
    prev: tuple[int, str] | None = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, text in enumerate(f, 1):
            if len(problems) >= max_problems:
                break
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except ValueError:
                problems.append(f"line {lineno} is not JSON")
                contiguous = False
                continue
            if not isinstance(line, dict) or set(line) != set(EXPORT_KEYS):
                problems.append(f"line {lineno} is not an exported audit event")
                contiguous = False
                continue
            seq, h, prev_hash = line["seq"], line["hash"], line["prev_hash"]
            if not isinstance(seq, int) or not isinstance(h, str) or not isinstance(prev_hash, str):
                problems.append(f"line {lineno} has a malformed seq or hash")
                contiguous = False
                continue
            n += 1
            first = seq if first is None else first
            last = seq
            if event_hash(prev_hash, _body(line)) != h:
                problems.append(f"event {seq} (line {lineno}) was changed after it was written")
            if prev is None:
                if seq == 1 and prev_hash != GENESIS:
                    problems.append("event 1 does not start from the genesis hash")
                contiguous = contiguous and seq == 1
            elif seq == prev[0] + 1:
                if prev_hash != prev[1]:
                    problems.append(f"event {seq} does not link to event {prev[0]}")
            elif seq <= prev[0]:
                problems.append(f"event {seq} (line {lineno}) is out of order")
                contiguous = False
            else:
                contiguous = False
            prev = (seq, h)
    return ExportCheck(n, first, last, contiguous and not problems, tuple(problems))
