"""Creating a kabupaten workspace with its first admin, atomically (``kamarhitung init``).

The workspace is built in a hidden folder beside the target (``.<name>.init-<hex>``): master
data, then the first admin. Only a complete workspace is moved into place, its database last,
so a crash or a SIGKILL at any moment leaves either nothing at the target (``init`` can simply
run again; the hidden folder is removed by the next ``init``) or a complete workspace.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from kamarhitung.core.master import MasterData
from kamarhitung.services import accounts
from kamarhitung.services.common import Clock, ConflictError, InputError
from kamarhitung.services.workspace import create_workspace
from kamarhitung.store.workspace import DB_NAME

STAGING_GLOB = ".{name}.init-*"


def _clean_leftovers(path: Path) -> None:
    """Remove the hidden folders that interrupted ``init`` runs of this target left."""
    for p in path.parent.glob(STAGING_GLOB.format(name=path.name)):
        shutil.rmtree(p, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def init_workspace(
    path: Path,
    master: MasterData,
    *,
    election: str,
    admin: str,
    password: str,
    clock: Clock | None = None,
) -> str:
    """Create the workspace at ``path`` (a new or empty folder, or one without a workspace)
    with its first admin; returns the admin's (normalised) name. Nothing is left half-made."""
    path = Path(path).absolute()
    if (path / DB_NAME).exists():
        raise ConflictError("WORKSPACE_EXISTS", path=str(path))
    if path.exists() and not path.is_dir():
        raise InputError("NOT_A_FOLDER", path=str(path))
    admin_name = accounts.normalise_name(admin)
    accounts.check_password_policy(password, admin_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(path)
    staging = path.parent / f".{path.name}.init-{secrets.token_hex(4)}"
    try:
        ws = create_workspace(staging, master, election=election, clock=clock)
        try:
            accounts.create_first_admin(ws, admin_name, password)
            if ws.store.engine.dialect.name == "sqlite":
                # Everything in the main file, no WAL left (a room's database is on its server).
                with ws.store.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            ws.close()
        for side in ("-wal", "-shm"):
            (staging / f"{DB_NAME}{side}").unlink(missing_ok=True)
        if not path.exists():
            staging.replace(path)
        else:
            # An existing folder: its sub-folders first, the database last (a workspace is a
            # folder with a database, so an interrupted move leaves none).
            for item in sorted(staging.iterdir(), key=lambda p: p.name == DB_NAME):
                target = path / item.name
                if item.is_dir() and target.is_dir():
                    for inner in item.iterdir():
                        inner.replace(target / inner.name)
                else:
                    item.replace(target)
            shutil.rmtree(staging, ignore_errors=True)
        _fsync_dir(path.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return admin_name
