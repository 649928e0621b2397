"""A workspace folder: its database, its content-addressed image store, its keys and its backups.

Layout::

    DIR/kamarhitung.sqlite     the database (WAL)
    DIR/images/ab/abcdef….jpg  images named by the SHA-256 of their bytes
    DIR/keys/                  the workspace key (encrypted), certificates, the province recipient
    DIR/backups/               online backups

The schema is created and evolved only by the Alembic migrations shipped in the package.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from kamarhitung.store.engine import make_engine

DB_NAME = "kamarhitung.sqlite"
MIGRATIONS = Path(__file__).with_name("migrations")


class WorkspaceError(Exception):
    """A workspace that cannot be opened or created; the message says why, for a supervisor."""


class NewerSchemaError(WorkspaceError):
    """The database was written by a newer version of the application."""


def alembic_config(connection: object | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {s.revision for s in script.walk_revisions()}


class WorkspaceStore:
    """The storage of one workspace folder. Services open units of work on it."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
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
    def open(cls, path: Path, *, migrate: bool = True) -> WorkspaceStore:
        """Open an existing workspace, upgrading its schema if it is older than this application's."""
        db = path / DB_NAME
        if not db.is_file():
            raise WorkspaceError(f"{path} is not a kamarhitung workspace (no {DB_NAME})")
        store = cls(path, make_engine(db))
        current = store.current_revision()
        if current is not None and current not in known_revisions():
            store.engine.dispose()
            raise NewerSchemaError(
                f"{db} was written by a newer version of kamarhitung (schema {current}); "
                "update the application to open it"
            )
        if migrate and current != head_revision():
            store.migrate()
        return store

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def migrate(self) -> None:
        """Upgrade the schema to the newest revision, in one transaction."""
        with self._writer.begin() as conn:
            command.upgrade(alembic_config(conn), "head")

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One write transaction: commits when the block ends, rolls back on an exception."""
        with (
            Session(self._writer, expire_on_commit=False, autoflush=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read snapshot: one deferred transaction. Loaded objects stay usable after the block."""
        with (
            Session(self.engine, autoflush=False, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.execute(text("PRAGMA integrity_check")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()
