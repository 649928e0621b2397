"""The SQLite engine of a workspace: WAL, foreign keys, busy timeout, full sync, explicit BEGIN.

pysqlite's own transaction handling is switched off (``isolation_level = None``) and SQLAlchemy emits
``BEGIN`` itself, so that a write unit of work can take the write lock at its start
(``BEGIN IMMEDIATE``) rather than fail half-way with "database is locked".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 10_000


def make_engine(db_path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the workspace database file with the pragmas every connection needs."""
    if read_only:
        # immutable: a read-only folder cannot hold the WAL index; nobody writes it meanwhile.
        url = f"sqlite+pysqlite:///file:{db_path}?mode=ro&immutable=1&uri=true"
    else:
        url = f"sqlite+pysqlite:///{db_path}"
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cur.execute("PRAGMA journal_mode = WAL")
        # FULL: a transaction acknowledged to the operator survives a power cut, not only a crash.
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA cache_size = -65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
