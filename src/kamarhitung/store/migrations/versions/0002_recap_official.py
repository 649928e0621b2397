"""Recap storage and official numbers: record.final_vector, record.change_seq, official_* tables.

``record.final_vector`` repeats a final record's values as little-endian int32 in the form's field
order, so that a recap of 25,000 TPS loads with one query and no JSON parsing (through the
covering index ``ix_record_recap``, which holds state and vector in TPS order); existing final
records are back-filled here. ``record.change_seq`` is bumped by a trigger on every change of a
record's state or values, so the recap cache reloads only what moved. A second trigger nulls a
vector whose ``final_values`` changed without it (the recap then reads the JSON): a stale vector
can never be counted. ``official_import``/``official_value`` keep every import of the election
body's per-TPS numbers (append-only); ``official_current`` points at the latest per form.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 09:00:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kamarhitung.store.dialect import (
    POSTGRESQL,
    RECORD_TRIGGERS_PG,
    candidate_field,
    create_append_only,
    drop_append_only,
    drop_trigger_ddl,
    execute_all,
)

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LAYOUT_KEY = "recap.vector_layout."
"""Meta key prefix (+ contest id) of the field order the vectors of a contest are written in."""

TRIGGERS = {
    "record_change_seq": (
        "CREATE TRIGGER record_change_seq AFTER UPDATE OF state, final_values, final_vector "
        "ON record BEGIN "
        "UPDATE record SET change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM record) "
        "WHERE tps_id = NEW.tps_id AND contest_id = NEW.contest_id; END"
    ),
    "record_vector_stale": (
        "CREATE TRIGGER record_vector_stale AFTER UPDATE OF final_values ON record "
        "WHEN NEW.final_values IS NOT OLD.final_values AND NEW.final_vector IS NOT NULL "
        "AND NEW.final_vector IS OLD.final_vector BEGIN "
        "UPDATE record SET final_vector = NULL "
        "WHERE tps_id = NEW.tps_id AND contest_id = NEW.contest_id; END"
    ),
}


def upgrade() -> None:
    op.add_column("record", sa.Column("final_vector", sa.LargeBinary(), nullable=True))
    op.add_column(
        "record",
        sa.Column("change_seq", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    op.create_index(op.f("ix_record_change_seq"), "record", ["change_seq"], unique=False)
    # Covering index of the recap query (state and vector in TPS order, no wide row read).
    op.create_index(
        "ix_record_recap",
        "record",
        ["contest_id", "tps_id", "state", "final_vector"],
        unique=False,
    )

    op.create_table(
        "official_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.String(), nullable=False),
        sa.Column("imported_by", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("file_sha256", sa.String(), nullable=False),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("forms", sa.Integer(), nullable=False),
        sa.Column("value_count", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "format IN ('csv', 'xlsx', 'json')", name=op.f("ck_official_import_format")
        ),
        sa.CheckConstraint("length(file_sha256) = 64", name=op.f("ck_official_import_sha256")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_import")),
    )
    op.create_table(
        "official_value",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_official_value_value")),
        sa.CheckConstraint(
            f"{candidate_field('field')} OR field IN ('V.A', 'V.B', 'V.C')",
            name=op.f("ck_official_value_field"),
        ),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contest.id"], name=op.f("fk_official_value_contest_id_contest")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["official_import.id"],
            name=op.f("fk_official_value_import_id_official_import"),
        ),
        sa.ForeignKeyConstraint(["tps_id"], ["tps.id"], name=op.f("fk_official_value_tps_id_tps")),
        sa.PrimaryKeyConstraint(
            "import_id", "tps_id", "contest_id", "field", name=op.f("pk_official_value")
        ),
    )
    op.create_table(
        "official_current",
        sa.Column("tps_id", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contest.id"], name=op.f("fk_official_current_contest_id_contest")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["official_import.id"],
            name=op.f("fk_official_current_import_id_official_import"),
        ),
        sa.ForeignKeyConstraint(
            ["tps_id"], ["tps.id"], name=op.f("fk_official_current_tps_id_tps")
        ),
        sa.PrimaryKeyConstraint("tps_id", "contest_id", name=op.f("pk_official_current")),
    )
    op.create_index(
        op.f("ix_official_current_import_id"), "official_current", ["import_id"], unique=False
    )
    create_append_only("official_import", "official_value")

    _backfill_vectors()
    # Created after the back-fill, so that the back-fill itself moves no change_seq.
    if op.get_bind().dialect.name == POSTGRESQL:
        for ddl in RECORD_TRIGGERS_PG.values():
            execute_all(ddl)
    else:
        execute_all(TRIGGERS.values())


def _backfill_vectors() -> None:
    """Write the vector (and the layout it is written in) of every final record already there.

    The field order is the form's, from the packaged template (pure core code, no ORM models):
    the same function the application uses when it writes a vector, so both agree.
    """
    from kamarhitung.core.recap import encode_vector
    from kamarhitung.core.template import load_template

    bind = op.get_bind()
    contests = bind.execute(sa.text("SELECT id, template_id FROM contest")).all()
    for contest_id, template_id in contests:
        numbers = tuple(
            int(n)
            for (n,) in bind.execute(
                sa.text("SELECT nomor_urut FROM paslon WHERE contest_id = :c ORDER BY nomor_urut"),
                {"c": contest_id},
            )
        )
        fields = load_template(template_id).form(numbers).field_ids
        bind.execute(
            sa.text(
                "INSERT INTO meta (key, value) VALUES (:k, :v) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"k": LAYOUT_KEY + contest_id, "v": json.dumps(list(fields), separators=(",", ":"))},
        )
        rows = bind.execute(
            sa.text(
                "SELECT tps_id, final_values FROM record "
                "WHERE contest_id = :c AND state = 'final' AND final_values IS NOT NULL"
            ),
            {"c": contest_id},
        ).all()
        updates = [
            {"t": tps_id, "c": contest_id, "v": encode_vector(fields, json.loads(values))}
            for tps_id, values in rows
        ]
        if updates:
            bind.execute(
                sa.text(
                    "UPDATE record SET final_vector = :v WHERE tps_id = :t AND contest_id = :c"
                ),
                updates,
            )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(drop_trigger_ddl(name, "record", op.get_bind().dialect.name))
    drop_append_only("official_import", "official_value")
    op.drop_index(op.f("ix_official_current_import_id"), table_name="official_current")
    op.drop_table("official_current")
    op.drop_table("official_value")
    op.drop_table("official_import")
    op.execute(f"DELETE FROM meta WHERE key LIKE '{LAYOUT_KEY}%'")
    # Plain ALTER TABLE DROP COLUMN (SQLite 3.35+): a batch rebuild of ``record`` would trip the
    # foreign keys of the entry tables that point at it.
    op.drop_index("ix_record_recap", table_name="record")
    op.drop_index(op.f("ix_record_change_seq"), table_name="record")
    op.drop_column("record", "change_seq")
    op.drop_column("record", "final_vector")
