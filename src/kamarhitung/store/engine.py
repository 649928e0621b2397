"""The engines of a workspace. SQLite: WAL, foreign keys, busy timeout, full sync, explicit BEGIN;
PostgreSQL (a room): psycopg 3, TLS pinned to the host, advisory locks for writers (store/dialect.py).

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


# ---------------------------------------------------------------------------------------------
# PostgreSQL (a room): see store/room_config.py for where the connection settings come from.


def make_pg_engine(
    *,
    host: str,
    port: int,
    dbname: str,
    user: str,
    password: str,
    sslrootcert: Path | None = None,
    pool_size: int = 4,
) -> Engine:
    """An engine on a room's database. With ``sslrootcert`` the connection is TLS, verified
    against exactly that (pinned) certificate; without it, loopback on the host itself."""
    from sqlalchemy.engine import URL

    query: dict[str, str] = {"application_name": "kamarhitung", "connect_timeout": "10"}
    if sslrootcert is not None:
        query |= {"sslmode": "verify-ca", "sslrootcert": str(sslrootcert)}
    else:
        query |= {"sslmode": "disable"}
    url = URL.create(
        "postgresql+psycopg",
        username=user,
        password=password,
        host=host,
        port=port,
        database=dbname,
        query=query,
    )
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=8,
        # Every checkout is pinged (one round trip): a connection the server ended (a host
        # restart) is replaced before an action sees it. Checking only connections idle for
        # seconds saved that round trip, but then an action right after a stop failed inside
        # a statement, which leaked a server-side cursor (tests/qt/test_room_gui.py).
        pool_pre_ping=True,
        pool_use_lifo=True,  # the connection used last goes out again; the others idle
        connect_args={"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5},
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # The analogue of SQLite's BEGIN IMMEDIATE: a write transaction first takes the room's
        # transaction-scoped write lock, exclusively (it runs alone, as on one PC) or, keying,
        # shared (stations key at once; the total order comes later, see store/dialect.py). The
        # lock is released by COMMIT or ROLLBACK, whatever happens to the station.
        mode = conn.get_execution_options().get("kh_write")
        if mode:
            from kamarhitung.store.dialect import KEYING, WRITE_LOCK_KEY

            fn = "pg_advisory_xact_lock_shared" if mode == KEYING else "pg_advisory_xact_lock"
            conn.exec_driver_sql(f"SELECT {fn}({WRITE_LOCK_KEY})")

    return engine
