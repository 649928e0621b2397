"""Every row of a workspace database, copied between engines (SQLite ⇄ a room's PostgreSQL).

Used by ``room host`` (a SQLite workspace moves into the room) and ``room export`` (the room
written back as one SQLite workspace). Both databases are at the same schema revision; tables are
copied parent first (foreign keys hold at every row), in batches, inside one transaction on the
target, and each table's row count is checked. Only INSERTs are issued, so the append-only
triggers and the record triggers (which fire on UPDATE) leave the copy exactly as the source.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select, text

from kamarhitung.store.dialect import POSTGRESQL
from kamarhitung.store.models import Base

if TYPE_CHECKING:
    from kamarhitung.store.workspace import WorkspaceStore

BATCH = 5000


class TransferError(Exception):
    """The copy does not match its source; nothing was committed."""


def copy_rows(
    src: Connection, dst: Connection, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every table of the models (and ``meta``) from ``src`` to ``dst``; counts per table.

    ``dst`` must be empty and in a transaction the caller commits.
    """
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        n = 0
        query = select(table).order_by(*table.primary_key.columns)
        if table.name == "region":  # parents before children (a self-referencing key)
            query = select(table).order_by(func.length(table.c.code), table.c.code)
        result = src.execution_options(yield_per=BATCH).execute(query)
        for part in result.partitions(BATCH):
            rows = [dict(r._mapping) for r in part]
            dst.execute(table.insert(), rows)
            n += len(rows)
            if progress:
                progress(table.name, n)
        copied = dst.execute(select(func.count()).select_from(table)).scalar_one()
        if copied != n:
            raise TransferError(f"table {table.name}: {n} rows read, {copied} written")
        counts[table.name] = n
    if dst.dialect.name == POSTGRESQL:
        _reset_sequences(dst)
    return counts


def _reset_sequences(dst: Connection) -> None:
    """Explicit ids were inserted: each serial sequence continues after the highest one."""
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        col = pk[0].name
        seq = dst.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": f'"{table.name}"', "c": col}
        ).scalar()
        if seq is None:
            continue
        dst.execute(
            text(
                f'SELECT setval(:s, coalesce((SELECT max("{col}") FROM "{table.name}"), 0) + 1, '
                "false)"
            ),
            {"s": seq},
        )


def write_sqlite(store: WorkspaceStore, target: Path) -> dict[str, int]:
    """The whole database of ``store`` (a room) as a new SQLite workspace database at ``target``,
    from one consistent snapshot; the file is migrated by the shipped migrations first."""
    from kamarhitung.store.engine import make_engine
    from kamarhitung.store.workspace import WorkspaceStore

    out = WorkspaceStore(target.parent, make_engine(target))
    try:
        out.migrate()
        snap = store.engine.execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
        with snap.connect() as src, out.engine.begin() as dst:
            return copy_rows(src, dst)
    finally:
        out.close()
