"""Region finalisation (services/reports.py): ``region_final`` and ``region_final_event``.

A supervisor finalises a kecamatan (or, once all its kecamatan are, the kabupaten) for one
contest: its recap report stops being a draft and its records are frozen. ``region_final`` holds
the regions finalised now (with the data fingerprint of their recap at that moment);
``region_final_event`` keeps every finalisation and reopening, with the reason required to
reopen (append-only). The trigger ``record_frozen`` refuses any change of the state or values of
a record whose kecamatan or kabupaten is finalised for its contest: the services refuse first
with a sentence, the trigger stops any other path (a bug, a hand edit).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kamarhitung.store.dialect import (
    POSTGRESQL,
    RECORD_FROZEN_PG,
    create_append_only,
    drop_append_only,
    drop_trigger_ddl,
    execute_all,
)

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FROZEN_TRIGGER = (
    "CREATE TRIGGER record_frozen BEFORE UPDATE OF state, final_values ON record "
    "WHEN EXISTS (SELECT 1 FROM region_final f WHERE f.contest_id = NEW.contest_id "
    "AND f.region_code IN (substr(NEW.tps_id, 1, 6), substr(NEW.tps_id, 1, 4))) "
    "BEGIN SELECT RAISE(ABORT, 'record is in a finalised region'); END"
)


def upgrade() -> None:
    op.create_table(
        "region_final",
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("finalized_at", sa.String(), nullable=False),
        sa.Column("finalized_by", sa.String(), nullable=False),
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.CheckConstraint("length(fingerprint) = 64", name=op.f("ck_region_final_fingerprint")),
        sa.CheckConstraint("length(region_code) IN (4, 6)", name=op.f("ck_region_final_level")),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contest.id"], name=op.f("fk_region_final_contest_id_contest")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_region_final_region_code_region")
        ),
        sa.PrimaryKeyConstraint("contest_id", "region_code", name=op.f("pk_region_final")),
    )
    op.create_table(
        "region_final_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("user_name", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("fingerprint", sa.String(), nullable=True),
        sa.CheckConstraint(
            "action IN ('finalise', 'reopen')", name=op.f("ck_region_final_event_action")
        ),
        sa.CheckConstraint(
            "action = 'finalise' OR length(trim(coalesce(reason, ''))) > 0",
            name=op.f("ck_region_final_event_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contest.id"], name=op.f("fk_region_final_event_contest_id_contest")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["region.code"],
            name=op.f("fk_region_final_event_region_code_region"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region_final_event")),
    )
    create_append_only("region_final_event")
    if op.get_bind().dialect.name == POSTGRESQL:
        execute_all(RECORD_FROZEN_PG)
    else:
        op.execute(FROZEN_TRIGGER)


def downgrade() -> None:
    op.execute(drop_trigger_ddl("record_frozen", "record", op.get_bind().dialect.name))
    drop_append_only("region_final_event")
    op.drop_table("region_final_event")
    op.drop_table("region_final")
