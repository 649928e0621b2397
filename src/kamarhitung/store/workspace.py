"""A workspace folder: its database, its content-addressed image store, its keys and its backups.

Layout::

    DIR/kamarhitung.sqlite     the database (WAL)
    DIR/images/ab/abcdef….jpg  images named by the SHA-256 of their bytes
    DIR/keys/                  the workspace key (encrypted), certificates, the province recipient
    DIR/backups/               online backups

or, in a room (ROOM.md), ``DIR/room.json`` instead of the database file: the room's PostgreSQL
database, on this PC (the host) or on the host of the room this station joined. Everything else
(images, keys) stays a folder. The engine is chosen here and nowhere else.

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

from kamarhitung.core.refusal import CodedError
from kamarhitung.store.dialect import KEYING, POSTGRESQL, Cursor
from kamarhitung.store.engine import make_engine, make_pg_engine
from kamarhitung.store.room_config import RoomConfig, is_room_folder

if TYPE_CHECKING:
    from alembic.config import Config

DB_NAME = "kamarhitung.sqlite"
MIGRATIONS = Path(__file__).with_name("migrations")


class WorkspaceError(CodedError):
    """A workspace that cannot be opened or created; the message says why, for a supervisor."""


class NewerSchemaError(WorkspaceError):
    """The database was written by a newer version of the application."""


class CorruptWorkspaceError(WorkspaceError):
    """The database file is damaged; the message names the latest backup to restore."""


class DiskFullError(WorkspaceError):
    """The disk (or the database's size limit) is full: the action was rolled back whole."""


class ReadOnlyWorkspaceError(WorkspaceError):
    """The workspace is open read-only: nothing can be changed."""


class RoomConnectionLostError(WorkspaceError):
    """A station (or the host's session) lost its connection to the room's database: nothing of
    the action is known to be saved. The caller keeps what it has and tries again later."""

    def __init__(self, host: str, port: int, detail: str) -> None:
        super().__init__("ROOM_CONNECTION_LOST", host=host, port=port, detail=detail)
        self.host = host
        self.port = port


def connection_lost(error: BaseException) -> bool:
    """Whether a database error means the connection to a room's server is gone (refused,
    reset, the server shut down), rather than a refusal of the statement itself."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    state = getattr(error.orig, "sqlstate", "")
    # No SQLSTATE: the client's own connection failure; class 08: connection exception;
    # 57P01-57P03: the server shut down (admin, crash) or cannot connect now.
    return state is None or str(state).startswith(("08", "57P0"))


class WorkspaceLockedError(WorkspaceError):
    """Another kamarhitung window on this machine has the workspace open."""


def latest_backup(path: Path) -> Path | None:
    backups = sorted((path / "backups").glob("kamarhitung-*.sqlite"))
    return backups[-1] if backups else None


def _corrupt(path: Path, detail: str) -> CorruptWorkspaceError:
    latest = latest_backup(path)
    if latest:
        return CorruptWorkspaceError(
            "WORKSPACE_DAMAGED", path=str(path), detail=detail, backup=str(latest)
        )
    return CorruptWorkspaceError("WORKSPACE_DAMAGED_NO_BACKUP", path=str(path), detail=detail)


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
                "WORKSPACE_IN_USE", path=str(self.path.parent), holder=other
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
        raise WorkspaceError("MIGRATION_HEADS", count=len(heads), heads=", ".join(sorted(heads)))
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


class WorkspaceStore:
    """The storage of one workspace folder. Services open units of work on it."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool = False,
        room: RoomConfig | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.room = room
        self.dialect = str(engine.dialect.name)
        self._writer: Engine
        self._keyer: Engine
        self._reader: Engine
        if self.dialect == POSTGRESQL:
            self._writer = engine.execution_options(kh_write=True)
            self._keyer = engine.execution_options(kh_write=KEYING)
            # A read is one snapshot, as a deferred SQLite transaction is.
            self._reader = engine.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        else:
            self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
            self._keyer = self._writer
            self._reader = engine

    @property
    def is_room(self) -> bool:
        return self.dialect == POSTGRESQL

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
    def create(cls, path: Path, *, sqlite_only: bool = False) -> WorkspaceStore:
        """A new, empty workspace folder migrated to the current schema.

        With ``KAMARHITUNG_TEST_POSTGRES`` set (the test suite's ``--engine=postgresql``), the new
        workspace is a fresh database on that server instead of a SQLite file, unless it is
        ``sqlite_only`` (a province workspace: one PC at the province office, never a room).
        """
        if (path / DB_NAME).exists() or is_room_folder(path):
            raise WorkspaceError("WORKSPACE_EXISTS", path=str(path))
        path.mkdir(parents=True, exist_ok=True)
        for sub in ("images", "keys", "backups"):
            (path / sub).mkdir(exist_ok=True)
        import os

        if os.environ.get("KAMARHITUNG_TEST_POSTGRES") and not sqlite_only:
            from kamarhitung.store.roomdb import create_test_database

            create_test_database(path)
            return cls.open(path)
        store = cls(path, make_engine(path / DB_NAME))
        store.migrate()
        return store

    @classmethod
    def open_room(cls, path: Path, *, migrate: bool = True) -> WorkspaceStore:
        """Open a folder whose ``room.json`` names a room's database."""
        from sqlalchemy.exc import OperationalError

        cfg = RoomConfig.load(path)
        engine = make_pg_engine(
            host=cfg.host,
            port=cfg.port,
            dbname=cfg.dbname,
            user=cfg.user,
            password=cfg.password,
            sslrootcert=(path / cfg.sslrootcert) if cfg.sslrootcert else None,
        )
        store = cls(path, engine, room=cfg)
        try:
            current = store.current_revision()
        except OperationalError as e:
            engine.dispose()
            raise WorkspaceError(
                "ROOM_UNREACHABLE_FROM",
                host=cfg.host,
                port=cfg.port,
                path=str(path),
                detail=str(e.orig).strip().splitlines()[-1] if e.orig else str(e),
            ) from e
        if current is not None and current not in known_revisions():
            engine.dispose()
            raise NewerSchemaError(
                "ROOM_NEWER_SCHEMA", host=cfg.host, port=cfg.port, schema=str(current)
            )
        if migrate and current != head_revision():
            if cfg.role == "station":
                engine.dispose()
                raise WorkspaceError(
                    "ROOM_OLDER_SCHEMA",
                    host=cfg.host,
                    port=cfg.port,
                    schema=str(current),
                    head=str(head_revision()),
                )
            store.migrate()
        return store

    @classmethod
    def open(cls, path: Path, *, migrate: bool = True, read_only: bool = False) -> WorkspaceStore:
        """Open an existing workspace, upgrading its schema if it is older than this application's.

        A folder the user may not write is opened read-only; a damaged database is refused with
        the latest backup named.
        """
        import os

        from sqlalchemy.exc import DatabaseError

        if is_room_folder(path):
            return cls.open_room(path, migrate=migrate)
        db = path / DB_NAME
        if not db.is_file():
            raise WorkspaceError("NOT_A_WORKSPACE", path=str(path), db=DB_NAME)
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
            raise NewerSchemaError("NEWER_SCHEMA", db=str(db), schema=str(current))
        if migrate and current != head_revision():
            if read_only:
                store.engine.dispose()
                raise WorkspaceError("UPGRADE_READ_ONLY", path=str(path))
            store.migrate()
        return store

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if self.dialect == POSTGRESQL:
                has_table = conn.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar()
            else:
                has_table = conn.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                ).first()
            if has_table is None:
                return None
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        if len(rows) > 1:
            raise WorkspaceError("SCHEMA_EDITED", db=str(self.db_path), count=len(rows))
        return str(rows[0][0]) if rows else None

    def migrate(self) -> None:
        """Upgrade the schema to the newest revision, in one transaction."""
        from alembic import command

        with self._writer.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
            if self.dialect == POSTGRESQL:
                from kamarhitung.store.roomdb import grant_app

                grant_app(conn)

    @contextmanager
    def unit_of_work(self, *, keying: bool = False) -> Iterator[Session]:
        """One write transaction: commits when the block ends, rolls back on an exception.

        ``keying``: a keying action on one form (services/entry.py), which on a room runs at the
        same time as other stations' keying: it must lock its form's record row before it reads
        the form; its total-order steps (the audit append, the change counter) take the order
        lock (``store.dialect.keying_on_room``). Every other write runs alone, on either engine.

        A full disk or a read-only file becomes a :class:`WorkspaceError` that says so; SQLite
        has rolled the whole transaction back by then, so nothing is half-written.
        """
        from sqlalchemy.exc import DBAPIError, OperationalError

        if self.read_only:
            raise ReadOnlyWorkspaceError("READ_ONLY", path=str(self.path))
        try:
            with (
                Session(
                    self._keyer if keying else self._writer,
                    expire_on_commit=False,
                    autoflush=False,
                ) as session,
                session.begin(),
            ):
                yield session
        except DBAPIError as e:
            self._raise_if_lost(e)
            if not isinstance(e, OperationalError):
                raise
            msg = str(e.orig).lower()
            if "full" in msg or "no space left" in msg:
                raise DiskFullError("DISK_FULL", path=str(self.path)) from e
            if "readonly" in msg or "read-only" in msg:
                raise ReadOnlyWorkspaceError("NOT_WRITABLE", path=str(self.path)) from e
            raise

    def _raise_if_lost(self, e: BaseException) -> None:
        if self.room is not None and connection_lost(e):
            orig = getattr(e, "orig", None)
            detail = str(orig if orig is not None else e).strip().splitlines()
            raise RoomConnectionLostError(
                self.room.host, self.room.port, detail[-1] if detail else ""
            ) from e

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read snapshot: one deferred transaction. Loaded objects stay usable after the block."""
        from sqlalchemy.exc import DBAPIError

        try:
            with (
                Session(self._reader, autoflush=False, expire_on_commit=False) as session,
                session.begin(),
            ):
                yield session
        except DBAPIError as e:
            self._raise_if_lost(e)
            raise

    @contextmanager
    def raw_reading(self) -> Iterator[Cursor]:
        """A raw DB-API cursor inside one read snapshot (tuples, no ORM): the hot read paths.
        It takes ``?`` placeholders on either engine."""
        with self.reading() as session:
            raw = session.connection().connection.driver_connection
            cur = Cursor(raw.cursor(), self.dialect)  # type: ignore[union-attr]
            try:
                yield cur
            finally:
                cur.close()

    def integrity_check(self) -> str:
        if self.dialect == POSTGRESQL:
            return "ok"  # pages are checksummed by the server (initdb --data-checksums)
        with self.engine.connect() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()
