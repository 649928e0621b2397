"""Trust: an index on ``audit_event.target``.

Agreement, resolution and finalisation decide from the hash-chained records (issue 12): before a
second entry is compared, the ``entry.finish`` event that recorded the first entry's version is
looked up by its target (``TPS/contest``), and a finalised region's event by ``contest/region``.
Without the index each lookup scanned every event of its action.

Revision ID: 0006
Revises: 0008 (re-chained after 0007 quality audit and 0008 real forms, merged into main first)
Create Date: 2026-12-06 17:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_event_target", "audit_event", ["target"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_event_target", table_name="audit_event")
