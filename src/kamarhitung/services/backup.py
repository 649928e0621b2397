"""Online backups with SQLite's backup API (a room: ``pg_dump``), rotation, and restore.

A backup is a consistent copy of the database taken while the workspace is in use (the backup API
copies pages under a read transaction). Backups go to ``DIR/backups/kamarhitung-<time>.sqlite``,
are checked with ``PRAGMA integrity_check`` and rotated (the newest ``KEEP`` are kept). Images are
content-addressed and never rewritten, so they need no copy beside each backup. A room's host
writes ``kamarhitung-<time>.dump`` instead, each checked by restoring it into a scratch cluster
(:mod:`.backup_room`), on the same schedule and with the same rotation.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kamarhitung.services.audit import append_event, verify_chain
from kamarhitung.services.common import Actor, Clock, InputError, ServiceError
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.workspace import DB_NAME

KEEP = 24
INTERVAL_MINUTES = 15
"""The GUI takes a backup this often while a workspace is open, and one on close."""


class BackupError(ServiceError):
    """A backup or restore that could not be done; nothing was changed."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    size: int
    events: int


def backup_now(ws: Workspace, actor: Actor | None, *, reason: str = "manual") -> BackupInfo:
    """Copy the database to a new backup file, check it, rotate old ones, audit it."""
    folder = ws.store.backups_dir
    folder.mkdir(exist_ok=True)
    _clean_partials(folder)
    stamp = ws.clock.now().strftime("%Y%m%d-%H%M%S")
    if ws.store.is_room:
        return _backup_room(ws, actor, folder, stamp, reason)
    target = folder / f"kamarhitung-{stamp}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"kamarhitung-{stamp}-{n}.sqlite"
    tmp = target.with_suffix(".partial")
    try:
        dst = sqlite3.connect(tmp)
        try:
            src = sqlite3.connect(ws.store.db_path)
            try:
                src.backup(dst, pages=4096)
            finally:
                src.close()
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            events = dst.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        finally:
            dst.close()
        if check != "ok":
            raise BackupError("BACKUP_CHECK_FAILED", file=target.name, detail=str(check))
        tmp.replace(target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise BackupError(
            "BACKUP_NOT_WRITTEN", folder=str(folder), detail=str(e.strerror or e)
        ) from e
    except (sqlite3.Error, SQLAlchemyError) as e:
        tmp.unlink(missing_ok=True)
        raise BackupError("BACKUP_NOT_WRITTEN", folder=str(folder), detail=str(e)) from e
    for old in sorted(folder.glob("kamarhitung-*.sqlite"))[:-KEEP]:
        old.unlink(missing_ok=True)
    _audit_backup(ws, actor, target, {"reason": reason, "size": target.stat().st_size})
    return BackupInfo(target, target.stat().st_size, int(events))


def _audit_backup(
    ws: Workspace, actor: Actor | None, target: Path, details: dict[str, object]
) -> None:
    """The backup's event in the trail (by the system when no one is logged in)."""
    if ws.store.read_only:
        return
    with ws.store.unit_of_work() as s:
        append_event(
            s,
            ws.now(),
            actor,
            "backup",
            target=target.name,
            details=details,
            user_name=None if actor else "system",
        )


def _backup_room(
    ws: Workspace, actor: Actor | None, folder: Path, stamp: str, reason: str
) -> BackupInfo:
    """A room: ``pg_dump``, checked in a scratch cluster (:mod:`.backup_room`), rotated as a
    single PC's backups are, audited."""
    from kamarhitung.services import backup_room

    target = folder / f"kamarhitung-{stamp}.dump"
    n = 1
    while target.exists() or target.with_name(target.name + ".failed").exists():
        n += 1
        target = folder / f"kamarhitung-{stamp}-{n}.dump"
    size, events = backup_room.backup_room(ws, actor, target, reason=reason)
    backup_room.rotate(folder, KEEP)
    _audit_backup(
        ws,
        actor,
        target,
        {
            "reason": reason,
            "size": size,
            "format": "pg_dump",
            "check": "restored in a scratch cluster",
            "events": events,
        },
    )
    return BackupInfo(target, size, events)


def takes_backups(ws: Workspace) -> bool:
    """Whether this PC takes the workspace's scheduled backups: a single PC and a room's host
    do; a station does not (its room is backed up on the host)."""
    room = ws.store.room
    return not ws.store.read_only and (room is None or room.role != "station")


def _clean_partials(folder: Path) -> None:
    """Remove the ``*.partial`` copies that killed backups left (older than an hour: a backup
    of a 25,000-TPS workspace takes seconds)."""
    import time

    old = time.time() - 3600
    for p in folder.glob("kamarhitung-*.partial"):
        try:
            if p.stat().st_mtime < old:
                p.unlink(missing_ok=True)
        except OSError:
            continue


def list_backups(path: Path) -> list[Path]:
    """The backups (a single PC's ``.sqlite``, a room's checked ``.dump``), oldest first."""
    folder = path / "backups"
    found = [*folder.glob("kamarhitung-*.sqlite"), *folder.glob("kamarhitung-*.dump")]
    return sorted(found, key=lambda p: p.name.split(".", 1)[0])


def _backup_meta(backup_file: Path) -> dict[str, str]:
    """The ``meta`` table of a backup, read without changing it."""
    try:
        con = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT key, value FROM meta").fetchall()
        finally:
            con.close()
    except sqlite3.Error as e:
        raise InputError("NOT_A_BACKUP", file=str(backup_file), detail=str(e)) from None
    return {str(k): str(v) for k, v in rows}


def _copy_database(src: Path, dst: Path) -> None:
    """Copy a database into ``dst`` through SQLite's backup API: a process that has ``dst``
    open sees the new content (a file moved into place would leave it writing to the old one)."""
    a = sqlite3.connect(src)
    b = sqlite3.connect(dst, timeout=30)
    try:
        a.backup(b)
    finally:
        b.close()
        a.close()


def _kabupaten_label(meta: dict[str, str]) -> str:
    """``9999 (KOTA CONTOH)``; a province workspace's kind in brackets."""
    kind = meta.get("kind", "kabupaten")
    if kind != "kabupaten":
        return f"— ({kind})"
    return f"{meta.get('kabupaten_code', '?')} ({meta.get('kabupaten_name', '')})"


def restore(
    backup_file: Path,
    workspace_dir: Path,
    *,
    user: str,
    password: str,
    clock: Clock | None = None,
    force: bool = False,
) -> Path:
    """An admin puts a backup in place as the workspace's database; the replaced database is
    kept beside it (``kamarhitung.sqlite.replaced-<n>``), which is returned.

    Refused unless ``user`` logs in as an admin of the current workspace (when its database
    opens) and of the restored one, the backup is of the same kabupaten, and no window has the
    workspace open (its lock). The backup is copied into the database through
    SQLite, so a process still connected writes into the restored database, never into a file
    moved aside. The restored workspace must pass ``audit verify``, else the old database is put
    back. The restore is an audit event of the admin in the restored trail.

    A room's backup (``.dump``) is restored by :func:`.backup_room.restore_dump`; ``force`` then
    cuts the connections of stations (else refused while one is connected); the returned path's
    name is what the replaced data is kept as."""
    from kamarhitung.core.model import Role
    from kamarhitung.services import accounts
    from kamarhitung.services.common import PermissionDeniedError
    from kamarhitung.services.integrity import verify_workspace
    from kamarhitung.store.workspace import CorruptWorkspaceError, WorkspaceLock

    if not backup_file.is_file():
        raise InputError("NO_BACKUP_FILE", file=str(backup_file))
    from kamarhitung.services import backup_room

    if backup_room.is_dump(backup_file):
        if (workspace_dir / "room.json").is_file():
            kept_as = backup_room.restore_dump(
                backup_file, workspace_dir, user=user, password=password, force=force
            )
            return workspace_dir / kept_as
        # A single PC's folder or a new one (the host PC died): the checked dump becomes a
        # SQLite workspace database, restored as any backup is.
        import tempfile

        with tempfile.TemporaryDirectory(prefix="kamarhitung-restore-") as tmp:
            sqlite_file = Path(tmp) / f"{backup_file.name}.sqlite"
            backup_room.dump_as_sqlite(backup_file, sqlite_file)
            return restore(sqlite_file, workspace_dir, user=user, password=password, clock=clock)
    if (workspace_dir / "room.json").exists():
        raise InputError("RESTORE_INTO_ROOM", folder=str(workspace_dir))
    with open(backup_file, "rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise InputError("NOT_A_BACKUP", file=str(backup_file), detail="not an SQLite database")
    backup_meta = _backup_meta(backup_file)
    workspace_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("images", "keys", "backups"):
        (workspace_dir / sub).mkdir(exist_ok=True)
    lock = WorkspaceLock(workspace_dir)
    lock.acquire(f"restore by {user}")
    try:
        db = workspace_dir / DB_NAME
        current_ok = False
        if db.exists():
            try:
                current = open_workspace(workspace_dir, clock)
            except CorruptWorkspaceError:
                current = None
            if current is not None:
                try:
                    meta = current.meta()
                    mine = (meta.get("kind", "kabupaten"), meta.get("kabupaten_code"))
                    theirs = (
                        backup_meta.get("kind", "kabupaten"),
                        backup_meta.get("kabupaten_code"),
                    )
                    if mine != theirs:
                        raise InputError(
                            "BACKUP_OTHER_KABUPATEN",
                            file=backup_file.name,
                            theirs=_kabupaten_label(backup_meta),
                            folder=str(workspace_dir),
                            mine=_kabupaten_label(meta),
                        )
                    actor = accounts.authenticate(current, user, password)
                    if actor.role != Role.ADMIN:
                        raise PermissionDeniedError(
                            "WRONG_ROLE", user=actor.name, role=actor.role.value, needs="admin"
                        )
                    current_ok = True
                finally:
                    current.close()
        kept = workspace_dir / f"{DB_NAME}.replaced-1"
        n = 1
        while kept.exists():
            n += 1
            kept = workspace_dir / f"{DB_NAME}.replaced-{n}"
        had_db = db.exists()
        if current_ok:
            _copy_database(db, kept)
            _copy_database(backup_file, db)
        else:
            if had_db:  # damaged: move it (and its journal) aside, nobody can be using it
                db.replace(kept)
                for suffix in ("-wal", "-shm"):
                    side = workspace_dir / f"{DB_NAME}{suffix}"
                    if side.exists():
                        side.replace(kept.with_name(kept.name + suffix))
            shutil.copyfile(backup_file, db)

        def put_back() -> None:
            if current_ok:
                _copy_database(kept, db)
            else:
                db.unlink(missing_ok=True)
                if had_db:
                    kept.replace(db)

        try:
            ws = open_workspace(workspace_dir, clock)
            try:
                with ws.store.reading() as s:
                    rep = verify_chain(s)
                if not rep.intact:
                    raise InputError(
                        "BACKUP_CHAIN_BROKEN", file=str(backup_file), reason=str(rep.reason)
                    )
                full = verify_workspace(ws)
                if not full.intact:
                    raise InputError(
                        "BACKUP_FAILS_VERIFY", file=str(backup_file), problem=full.problems[0]
                    )
                actor = accounts.authenticate(ws, user, password)
                if actor.role != Role.ADMIN:
                    raise PermissionDeniedError(
                        "WRONG_ROLE", user=actor.name, role=actor.role.value, needs="admin"
                    )
                with ws.store.unit_of_work() as s:
                    append_event(
                        s,
                        ws.now(),
                        actor,
                        "restore",
                        target=backup_file.name,
                        details={
                            "kept": kept.name if had_db else None,
                            "kabupaten": backup_meta.get("kabupaten_code"),
                            "events": rep.events,
                        },
                    )
            finally:
                ws.close()
        except BaseException:
            put_back()
            raise
    finally:
        lock.release()
    return kept
