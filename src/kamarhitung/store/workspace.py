"""A workspace folder: its database, its content-addressed image store, its keys and its backups.

Layout::

    DIR/kamarhitung.sqlite     the database (WAL)
    DIR/images/ab/abcdef….jpg  images named by the SHA-256 of their bytes
    DIR/keys/                  the workspace key (encrypted), certificates, the province recipient
    DIR/backups/               online backups

The schema is created and evolved only by the Alembic migrations shipped in the package.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from kamarhitung.store.engine import make_engine

if TYPE_CHECKING:
    from alembic.config import Config

DB_NAME = "kamarhitung.sqlite"
MIGRATIONS = Path(__file__).with_name("migrations")


class WorkspaceError(Exception):
    """A workspace that cannot be opened or created; the message says why, for a supervisor."""


class NewerSchemaError(WorkspaceError):
    """The database was written by a newer version of the application."""


class CorruptWorkspaceError(WorkspaceError):
    """The database file is damaged; the message names the latest backup to restore."""


class DiskFullError(WorkspaceError):
    """The disk (or the database's size limit) is full: the action was rolled back whole."""


class ReadOnlyWorkspaceError(WorkspaceError):
    """The workspace is open read-only: nothing can be changed."""


class WorkspaceLockedError(WorkspaceError):
    """Another kamarhitung window on this machine has the workspace open."""


def latest_backup(path: Path) -> Path | None:
    backups = sorted((path / "backups").glob("kamarhitung-*.sqlite"))
    return backups[-1] if backups else None


def _corrupt(path: Path, detail: str) -> CorruptWorkspaceError:
    latest = latest_backup(path)
    hint = (
        f"restore the latest backup with: kamarhitung restore {latest} {path}"
        if latest
        else "no backup was found in its backups folder"
    )
    return CorruptWorkspaceError(f"the database of {path} is damaged ({detail}); {hint}")


class WorkspaceLock:
    """An exclusive advisory lock on a workspace folder, held while a window has it open.

    The lock file names the holder (pid, user) so a refusal can say who has it. The operating
    system drops the lock if the process dies, so a crash never leaves the workspace locked.
    """

    def __init__(self, path: Path) -> None:
        self.path = path / ".lock"
        self._fd: int | None = None

    def acquire(self, holder: str) -> None:
        import fcntl
        import os

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            other = self.path.read_text(encoding="utf-8", errors="replace").strip() or "?"
            os.close(fd)
            raise WorkspaceLockedError(
                f"{self.path.parent} is already open in another kamarhitung window ({other})"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}, {holder}".encode())
        self._fd = fd

    def release(self) -> None:
        import os

        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def alembic_config(connection: object | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


_REVISION = re.compile(r"^revision: str = [\"'](\w+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision: str \| None = (?:None|[\"'](\w+)[\"'])", re.MULTILINE)


@cache
def _revision_graph() -> dict[str, str | None]:
    """Each shipped revision and the one it follows, read from the migration files as text:
    opening a workspace whose schema is current need not import Alembic (a third of a second).
    A test checks this agrees with Alembic's own reading."""
    graph: dict[str, str | None] = {}
    for f in sorted((MIGRATIONS / "versions").glob("*.py")):
        body = f.read_text(encoding="utf-8")
        rev = _REVISION.search(body)
        down = _DOWN.search(body)
        if rev and down:
            graph[rev.group(1)] = down.group(1)
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {d for d in graph.values() if d}
    if len(heads) != 1:
        raise WorkspaceError(f"the shipped migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


class WorkspaceStore:
    """The storage of one workspace folder. Services open units of work on it."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")

    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    @property
    def images_dir(self) -> Path:
        return self.path / "images"

    @property
    def keys_dir(self) -> Path:
        return self.path / "keys"

    @property
    def backups_dir(self) -> Path:
        return self.path / "backups"

    @classmethod
    def create(cls, path: Path) -> WorkspaceStore:
        """A new, empty workspace folder migrated to the current schema."""
        if (path / DB_NAME).exists():
            raise WorkspaceError(f"{path} already holds a workspace")
        path.mkdir(parents=True, exist_ok=True)
        for sub in ("images", "keys", "backups"):
            (path / sub).mkdir(exist_ok=True)
        store = cls(path, make_engine(path / DB_NAME))
        store.migrate()
        return store

    @classmethod
    def open(cls, path: Path, *, migrate: bool = True, read_only: bool = False) -> WorkspaceStore:
        """Open an existing workspace, upgrading its schema if it is older than this application's.

        A folder the user may not write is opened read-only; a damaged database is refused with
        the latest backup named.
        """
        import os
        import sqlite3

        from sqlalchemy.exc import DatabaseError

        db = path / DB_NAME
        if not db.is_file():
            raise WorkspaceError(f"{path} is not a kamarhitung workspace (no {DB_NAME})")
        if not read_only and not (os.access(path, os.W_OK) and os.access(db, os.W_OK)):
            read_only = True
        with open(db, "rb") as f:
            header = f.read(16)
        if header != b"SQLite format 3\x00":
            raise _corrupt(path, "not an SQLite database")
        store = cls(path, make_engine(db, read_only=read_only), read_only=read_only)
        try:
            with store.engine.connect() as conn:
                check = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            if check != "ok":
                store.engine.dispose()
                raise _corrupt(path, str(check))
            current = store.current_revision()
        except (DatabaseError, sqlite3.DatabaseError) as e:
            store.engine.dispose()
            raise _corrupt(path, str(getattr(e, "orig", e))) from e
        if current is not None and current not in known_revisions():
            store.engine.dispose()
            raise NewerSchemaError(
                f"{db} was written by a newer version of kamarhitung (schema {current}); "
                "update the application to open it"
            )
        if migrate and current != head_revision():
            if read_only:
                store.engine.dispose()
                raise WorkspaceError(
                    f"{path} needs a schema upgrade but is read-only; open it where it can be written"
                )
            store.migrate()
        return store

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            has_table = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).first()
            if has_table is None:
                return None
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        if len(rows) > 1:
            raise WorkspaceError(
                f"{self.db_path} has {len(rows)} schema versions; it was edited by hand"
            )
        return str(rows[0][0]) if rows else None

    def migrate(self) -> None:
        """Upgrade the schema to the newest revision, in one transaction."""
        from alembic import command

        with self._writer.begin() as conn:
            command.upgrade(alembic_config(conn), "head")

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One write transaction: commits when the block ends, rolls back on an exception.

        A full disk or a read-only file becomes a :class:`WorkspaceError` that says so; SQLite
        has rolled the whole transaction back by then, so nothing is half-written.
        """
        from sqlalchemy.exc import OperationalError

        if self.read_only:
            raise ReadOnlyWorkspaceError(f"{self.path} is open read-only: nothing can be changed")
        try:
            with (
                Session(self._writer, expire_on_commit=False, autoflush=False) as session,
                session.begin(),
            ):
                yield session
        except OperationalError as e:
            msg = str(e.orig).lower()
            if "full" in msg:
                raise DiskFullError(
                    f"the disk holding {self.path} is full: nothing of this action was saved; "
                    "free some space and try again"
                ) from e
            if "readonly" in msg or "read-only" in msg:
                raise ReadOnlyWorkspaceError(
                    f"{self.path} cannot be written (read-only): nothing was saved"
                ) from e
            raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read snapshot: one deferred transaction. Loaded objects stay usable after the block."""
        with (
            Session(self.engine, autoflush=False, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def raw_cursor(self) -> Iterator[sqlite3.Cursor]:
        """The driver's own cursor inside one read snapshot (:meth:`reading`): tuples, no
        per-row ORM or Row objects, for the reads that bring hundreds of thousands of numbers.
        The one raw-cursor helper of kamarhitung."""
        with self.reading() as s:
            raw = s.connection().connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            cur = raw.cursor()
            try:
                yield cur
            finally:
                cur.close()

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()
