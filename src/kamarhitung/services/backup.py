"""Online backups with SQLite's backup API, rotation, and restore.

A backup is a consistent copy of the database taken while the workspace is in use (the backup API
copies pages under a read transaction). Backups go to ``DIR/backups/kamarhitung-<time>.sqlite``,
are checked with ``PRAGMA integrity_check`` and rotated (the newest ``KEEP`` are kept). Images are
content-addressed and never rewritten, so they need no copy beside each backup.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kamarhitung.services.audit import append_event, verify_chain
from kamarhitung.services.common import Actor, InputError, ServiceError
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
    stamp = ws.clock.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"kamarhitung-{stamp}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"kamarhitung-{stamp}-{n}.sqlite"
    tmp = target.with_suffix(".partial")
    try:
        if ws.store.is_room:
            # A room: one consistent snapshot of its database as a SQLite workspace file (the
            # same format as `room export`), so `restore` and `audit verify` take it as they are.
            from kamarhitung.store.transfer import write_sqlite

            write_sqlite(ws.store, tmp)
        dst = sqlite3.connect(tmp)
        try:
            if not ws.store.is_room:
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
            raise BackupError(f"the backup {target.name} failed its integrity check: {check}")
        tmp.replace(target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"no backup written to {folder}: {e.strerror or e}") from e
    except (sqlite3.Error, SQLAlchemyError) as e:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"no backup written to {folder}: {e}") from e
    for old in sorted(folder.glob("kamarhitung-*.sqlite"))[:-KEEP]:
        old.unlink(missing_ok=True)
    if not ws.store.read_only:
        with ws.store.unit_of_work() as s:
            append_event(
                s,
                ws.now(),
                actor,
                "backup",
                target=target.name,
                details={"reason": reason, "size": target.stat().st_size},
                user_name=None if actor else "system",
            )
    return BackupInfo(target, target.stat().st_size, int(events))


def list_backups(path: Path) -> list[Path]:
    return sorted((path / "backups").glob("kamarhitung-*.sqlite"))


def restore(backup_file: Path, workspace_dir: Path) -> Path:
    """Put a backup in place as the workspace's database; the replaced database is kept beside
    it (``kamarhitung.sqlite.replaced-<n>``). Returns the kept file, if any. The restored
    workspace must open and its audit chain must verify, else the old database is put back."""
    if not backup_file.is_file():
        raise InputError(f"{backup_file}: no such backup file")
    if (workspace_dir / "room.json").exists():
        raise InputError(
            f"{workspace_dir} is a room or a station: restore the backup into a new folder, "
            "then make that folder the room's host with `kamarhitung room host`"
        )
    with open(backup_file, "rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise InputError(f"{backup_file} is not a kamarhitung backup (not an SQLite database)")
    workspace_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("images", "keys", "backups"):
        (workspace_dir / sub).mkdir(exist_ok=True)
    db = workspace_dir / DB_NAME
    kept = workspace_dir / f"{DB_NAME}.replaced-1"
    n = 1
    while kept.exists():
        n += 1
        kept = workspace_dir / f"{DB_NAME}.replaced-{n}"
    had_db = db.exists()
    if had_db:
        db.replace(kept)
    for suffix in ("-wal", "-shm"):
        side = workspace_dir / f"{DB_NAME}{suffix}"
        if side.exists():
            side.replace(kept.with_name(kept.name + suffix))
    shutil.copyfile(backup_file, db)
    try:
        ws = open_workspace(workspace_dir)
        try:
            with ws.store.reading() as s:
                rep = verify_chain(s)
            if not rep.intact:
                raise InputError(f"{backup_file}: its audit chain is broken ({rep.reason})")
            with ws.store.unit_of_work() as s:
                append_event(
                    s, ws.now(), None, "restore", target=backup_file.name, user_name="system"
                )
        finally:
            ws.close()
    except Exception:
        db.unlink(missing_ok=True)
        if had_db:
            kept.replace(db)
        raise
    return kept
