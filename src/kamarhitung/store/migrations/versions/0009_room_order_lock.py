"""A room's keying stations write at the same time (issue 13): the record's change counter takes
the room's order lock before it reads ``max(change_seq)``, and ``kh_append_event()`` appends an audit
event under that lock in one round trip.

Keying transactions on PostgreSQL no longer hold the room's write lock exclusively for their
whole length (store/dialect.py): each locks its form's row, and takes the order lock only where a
total order is needed. The trigger ``record_change_seq`` is one such place; with the lock its
numbers follow the commit order, as the recap's incremental reload needs. Nothing changes on
SQLite, whose writers are serialised by ``BEGIN IMMEDIATE``.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-06 19:40:00
"""

from collections.abc import Sequence

from alembic import op

from kamarhitung.store.dialect import (
    APPEND_EVENT_PG,
    POSTGRESQL,
    RECORD_CHANGE_SEQ_LOCKED_PG,
    RECORD_TRIGGERS_PG,
)

revision: str = "0009"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == POSTGRESQL:
        op.execute(RECORD_CHANGE_SEQ_LOCKED_PG)
        op.execute(APPEND_EVENT_PG)


def downgrade() -> None:
    if op.get_bind().dialect.name == POSTGRESQL:
        op.execute(
            "DROP FUNCTION IF EXISTS kh_append_event(text, text, text, text, text, text, text, text, text)"
        )
        op.execute(RECORD_TRIGGERS_PG["record_change_seq"][0])
