"""Every difference between the two engines, in one place: SQLite (one PC) and PostgreSQL (a room).

Migrations, models and services call these helpers instead of writing engine-specific SQL:

* append-only tables: SQLite ``RAISE(ABORT)`` triggers, PL/pgSQL triggers on PostgreSQL (where the
  station role has no UPDATE or DELETE grant on them either, see :mod:`.roles`);
* the record triggers (change counter, stale vector, frozen region);
* "digits only" and "IV.<n>" checks (``GLOB`` on SQLite, regular expressions on PostgreSQL);
* upserts (``INSERT … ON CONFLICT`` of each dialect; ``INSERT OR REPLACE`` is not used);
* instants stored as ISO text with offsets, compared as instants (``julianday`` / ``timestamptz``);
* a comma-joined aggregate (``group_concat`` / ``string_agg``);
* raw DB-API cursors for the hot read paths (qmark on SQLite, format on psycopg);
* the write lock: ``BEGIN IMMEDIATE`` on SQLite; on PostgreSQL transaction-scoped advisory locks
  (see :data:`WRITE_LOCK_KEY` and :func:`keying_on_room`); the backup (``sqlite3`` backup API or
  ``pg_dump``) lives in :mod:`kamarhitung.services.backup`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Boolean, Float

POSTGRESQL = "postgresql"
SQLITE = "sqlite"

# The room's write locks (PostgreSQL advisory locks, transaction-scoped: COMMIT or ROLLBACK frees
# them, whatever happens to the station).
#
# WRITE_LOCK_KEY ("kamarhitung" in ASCII-ish) is taken at BEGIN by every write transaction:
# exclusively by most (a supervisor's action, an import, a migration: it runs alone, exactly as
# on one PC), shared by keying (``kh_write="keying"``: a claim, a draft save, a finished entry, a
# give-back), so that stations key at the same time. A keying transaction locks its form's
# ``record`` row first (``FOR UPDATE``) and takes ORDER_LOCK_KEY only where a total order is needed:
# the audit chain's append ("read the last hash, insert the next") and the record's change
# counter (max()+1, in the trigger of migration 0009). That lock is the last one a keying
# transaction takes and is held to its COMMIT, so sequence numbers follow the commit order and
# no two transactions can wait on each other through it.
WRITE_LOCK_KEY = 0x6B616D6172
ORDER_LOCK_KEY = WRITE_LOCK_KEY + 1
KEYING = "keying"

# Migration 0009: the change counter takes the order lock before it reads max() (a no-op for a
# transaction that holds it already, or that runs alone holding WRITE_LOCK_KEY exclusively).
RECORD_CHANGE_SEQ_LOCKED_PG = (
    "CREATE OR REPLACE FUNCTION kh_record_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_advisory_xact_lock({ORDER_LOCK_KEY}); "
    "NEW.change_seq := (SELECT coalesce(max(change_seq), 0) + 1 FROM record); "
    "RETURN NEW; END $$"
)


APPEND_EVENT_PG = (
    # Migration 0009: one audit event appended under the order lock in one round trip (a PL/pgSQL
    # statement after the lock reads a snapshot taken after it). The caller sends the event's
    # canonical JSON around its sequence number (``p_prefix`` + seq + ``p_suffix``); the hash is
    # SHA-256 over the previous hash and that text, as services/audit.py computes it, and the
    # caller checks the returned hash against its own before it commits.
    "CREATE OR REPLACE FUNCTION kh_append_event(p_at text, p_user text, p_role text, "
    "p_action text, p_target text, p_outcome text, p_details text, p_prefix text, "
    "p_suffix text) RETURNS TABLE(new_seq bigint, new_prev text, new_hash text) "
    "LANGUAGE plpgsql AS $$ DECLARE s bigint; prev text; h text; BEGIN "
    f"PERFORM pg_advisory_xact_lock({ORDER_LOCK_KEY}); "
    "SELECT a.seq, a.hash INTO s, prev FROM audit_event a ORDER BY a.seq DESC LIMIT 1; "
    "IF NOT FOUND THEN s := 0; prev := repeat('0', 64); END IF; "
    "s := s + 1; "
    "h := encode(sha256(convert_to(prev || p_prefix || s::text || p_suffix, 'UTF8')), 'hex'); "
    "INSERT INTO audit_event (seq, at, user_name, role, action, target, outcome, details_json, "
    "prev_hash, hash) VALUES (s, p_at, p_user, p_role, p_action, p_target, p_outcome, "
    "p_details, prev, h); "
    "RETURN QUERY SELECT s, prev, h; END $$"
)


def keying_on_room(session: Any) -> bool:
    """Whether ``session`` is a keying transaction on a room (``unit_of_work(keying=True)`` on
    PostgreSQL), which must take the order lock before a total-order step: an audit append
    (``kh_append_event()``) or a counter. On SQLite ``BEGIN IMMEDIATE`` holds the file, and any
    other write on a room holds the room's write lock exclusively."""
    conn = session.connection()
    return bool(
        conn.dialect.name == POSTGRESQL and conn.get_execution_options().get("kh_write") == KEYING
    )


# --------------------------------------------------------------------------------------------
# DDL for migrations


def _dialect() -> str:
    from alembic import op

    return str(op.get_bind().dialect.name)


def digits_only(column: str, dialect: str | None = None) -> str:
    """A CHECK condition: ``column`` holds digits only (the empty string passes, as with GLOB)."""
    if (dialect or _dialect()) == POSTGRESQL:
        return f"{column} ~ '^[0-9]*$'"
    return f"{column} NOT GLOB '*[^0-9]*'"


def glob_check(column: str, pattern: str, dialect: str | None = None) -> str:
    """A CHECK condition: ``column GLOB pattern`` (``*``, ``?`` and ``[...]``), as a regular
    expression on PostgreSQL."""
    if (dialect or _dialect()) != POSTGRESQL:
        return f"{column} GLOB '{pattern}'"
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "*":
            out += ".*"
        elif ch == "?":
            out += "."
        elif ch == "[":
            j = pattern.index("]", i + 1)
            body = pattern[i + 1 : j]
            out += "[" + ("^" + body[1:] if body.startswith("^") else body) + "]"
            i = j
        else:
            out += re.escape(ch)
        i += 1
    return f"{column} ~ '^{out}$'"


def candidate_field(column: str, dialect: str | None = None) -> str:
    """A CHECK condition: ``column`` is ``IV.<1-9>``."""
    if (dialect or _dialect()) == POSTGRESQL:
        return f"{column} ~ '^IV\\.[1-9]$'"
    return f"{column} GLOB 'IV.[1-9]'"


_PG_APPEND_ONLY_FN = (
    "CREATE OR REPLACE FUNCTION kh_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; "
    "END $$"
)


def append_only_ddl(table: str, dialect: str) -> list[str]:
    """Statements that make ``table`` refuse UPDATE and DELETE (triggers ``<table>_no_<verb>``)."""
    if dialect == POSTGRESQL:
        return [_PG_APPEND_ONLY_FN] + [
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION kh_append_only()"
            for verb in ("UPDATE", "DELETE")
        ]
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def drop_trigger_ddl(name: str, table: str, dialect: str) -> str:
    if dialect == POSTGRESQL:
        return f"DROP TRIGGER IF EXISTS {name} ON {table}"
    return f"DROP TRIGGER IF EXISTS {name}"


def create_append_only(*tables: str) -> None:
    from alembic import op

    d = _dialect()
    for table in tables:
        for ddl in append_only_ddl(table, d):
            op.execute(ddl)


def drop_append_only(*tables: str) -> None:
    from alembic import op

    d = _dialect()
    for table in tables:
        for verb in ("update", "delete"):
            op.execute(drop_trigger_ddl(f"{table}_no_{verb}", table, d))


_WHEN = re.compile(
    r"^(BEFORE|AFTER) (UPDATE|DELETE|INSERT)(?: OF [\w, ]+)? ON (\w+)(?: WHEN (.+))?$", re.S
)


def refusing_trigger_ddl(name: str, when: str, message: str, dialect: str) -> list[str]:
    """A trigger that refuses a change with ``message``; ``when`` is SQLite's trigger head, such
    as ``"BEFORE UPDATE ON audit_keying WHEN OLD.status = 'done'"`` (the same text on both)."""
    m = _WHEN.match(when.strip())
    if m is None:
        raise ValueError(f"cannot read the trigger head {when!r}")
    timing_event = when.strip().split(" ON ")[0]
    table, condition = m.group(3), m.group(4)
    if dialect == POSTGRESQL:
        fn = f"kh_refuse_{name}"
        quoted = message.replace("'", "''")
        return [
            f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{quoted}' USING ERRCODE = 'restrict_violation'; END $$",
            f"CREATE TRIGGER {name} {timing_event} ON {table} FOR EACH ROW "
            + (f"WHEN ({condition}) " if condition else "")
            + f"EXECUTE FUNCTION {fn}()",
        ]
    quoted = message.replace("'", "''")
    return [f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{quoted}'); END"]


def create_refusing_trigger(name: str, when: str, message: str) -> None:
    """For migrations: :func:`refusing_trigger_ddl` on the migration's connection."""
    execute_all(refusing_trigger_ddl(name, when, message, _dialect()))


RECORD_TRIGGERS_PG = {
    # Every change of a record's state, values or vector takes the next change number, so the
    # recap cache reloads only what moved (writers are serialised by the write lock).
    "record_change_seq": (
        "CREATE OR REPLACE FUNCTION kh_record_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN NEW.change_seq := (SELECT coalesce(max(change_seq), 0) + 1 FROM record); "
        "RETURN NEW; END $$",
        "CREATE TRIGGER record_change_seq BEFORE UPDATE OF state, final_values, final_vector "
        "ON record FOR EACH ROW EXECUTE FUNCTION kh_record_change_seq()",
    ),
    # A change of the values without a new vector makes the old vector stale: it is dropped.
    "record_vector_stale": (
        "CREATE OR REPLACE FUNCTION kh_record_vector_stale() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.final_values IS DISTINCT FROM OLD.final_values AND NEW.final_vector IS NOT NULL "
        "AND NEW.final_vector IS NOT DISTINCT FROM OLD.final_vector THEN "
        "NEW.final_vector := NULL; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER record_vector_stale BEFORE UPDATE OF final_values ON record "
        "FOR EACH ROW EXECUTE FUNCTION kh_record_vector_stale()",
    ),
}

RECORD_FROZEN_PG = (
    "CREATE OR REPLACE FUNCTION kh_record_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF EXISTS (SELECT 1 FROM region_final f WHERE f.contest_id = NEW.contest_id "
    "AND f.region_code IN (substr(NEW.tps_id, 1, 6), substr(NEW.tps_id, 1, 4))) THEN "
    "RAISE EXCEPTION 'record is in a finalised region' USING ERRCODE = 'restrict_violation'; "
    "END IF; RETURN NEW; END $$",
    "CREATE TRIGGER record_frozen BEFORE UPDATE OF state, final_values ON record "
    "FOR EACH ROW EXECUTE FUNCTION kh_record_frozen()",
)


def execute_all(statements: Iterable[str]) -> None:
    from alembic import op

    for s in statements:
        op.execute(s)


# --------------------------------------------------------------------------------------------
# Query helpers for services


class instant(FunctionElement[float]):  # noqa: N801 - used like a SQL function
    """An ISO-8601 text with offset as a comparable instant (``julianday`` / ``timestamptz``)."""

    type = Float()
    inherit_cache = True


@compiles(instant, "sqlite")
def _instant_sqlite(element: instant, compiler: Any, **kw: Any) -> str:
    return f"julianday({compiler.process(element.clauses, **kw)})"


@compiles(instant, "postgresql")
def _instant_pg(element: instant, compiler: Any, **kw: Any) -> str:
    return f"extract(epoch FROM CAST({compiler.process(element.clauses, **kw)} AS timestamptz))"


def epoch_seconds_sql(column: str, dialect: str) -> str:
    """SQL text: an ISO-8601 text column as integer epoch seconds."""
    if dialect == POSTGRESQL:
        return f"CAST(extract(epoch FROM CAST({column} AS timestamptz)) AS bigint)"
    return f"CAST(strftime('%s', {column}) AS INTEGER)"


def comma_join_sql(expr: str, dialect: str) -> str:
    """SQL text: the values of ``expr`` in a group joined with commas."""
    if dialect == POSTGRESQL:
        return f"string_agg(CAST({expr} AS text), ',')"
    return f"group_concat({expr})"


def upsert(table: Table | Any, dialect: str) -> Any:
    """``insert(table)`` of the dialect, which has ``on_conflict_do_update``."""
    if dialect == POSTGRESQL:
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


class like_ci(FunctionElement[bool]):  # noqa: N801 - used like a SQL operator
    """``column LIKE pattern ESCAPE '\\'`` ignoring ASCII case, as SQLite's LIKE does (``ILIKE``
    on PostgreSQL)."""

    type = Boolean()
    inherit_cache = True


@compiles(like_ci, "sqlite")
def _like_ci_sqlite(element: like_ci, compiler: Any, **kw: Any) -> str:
    col, pattern = list(element.clauses)
    return f"{compiler.process(col, **kw)} LIKE {compiler.process(pattern, **kw)} ESCAPE '\\'"


@compiles(like_ci, "postgresql")
def _like_ci_pg(element: like_ci, compiler: Any, **kw: Any) -> str:
    col, pattern = list(element.clauses)
    return f"{compiler.process(col, **kw)} ILIKE {compiler.process(pattern, **kw)} ESCAPE '\\'"


def dialect_of(conn: Connection | Any) -> str:
    return str(conn.get_bind().dialect.name if hasattr(conn, "get_bind") else conn.dialect.name)


_QMARK = re.compile(r"\?")


class Cursor:
    """A raw DB-API cursor that takes ``?`` placeholders on either engine (the hot read paths)."""

    def __init__(self, raw: Any, dialect: str) -> None:
        self._raw = raw
        self.dialect = dialect
        self._pg = dialect == POSTGRESQL

    def _sql(self, sql: str) -> str:
        return _QMARK.sub("%s", sql.replace("%", "%%")) if self._pg else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        if self._pg:
            self._raw.execute(self._sql(sql), tuple(params) or None)
        else:
            self._raw.execute(sql, params)
        return self

    def fetchone(self) -> Any:
        return self._raw.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._raw.fetchall())

    def __iter__(self) -> Any:
        return iter(self._raw)

    def close(self) -> None:
        self._raw.close()
