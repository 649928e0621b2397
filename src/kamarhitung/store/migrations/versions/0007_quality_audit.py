"""The blind re-key audit (services/quality.py): ``quality_sample``, ``audit_keying``,
``audit_decision``.

A supervisor draws a sample of final forms from a seed typed before witnesses and the recap
fingerprint (``quality_sample``, append-only); each sampled form is keyed once more, blind, by an
operator who keyed neither of its entries (``audit_keying``: pending, in progress with a draft,
then done, after which a trigger refuses any change); a supervisor decides every difference
against the image (``audit_decision``, append-only).

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-06 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kamarhitung.store.dialect import create_refusing_trigger, drop_trigger_ddl

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = {
    "quality_sample_no_update": "BEFORE UPDATE ON quality_sample",
    "quality_sample_no_delete": "BEFORE DELETE ON quality_sample",
    "audit_decision_no_update": "BEFORE UPDATE ON audit_decision",
    "audit_decision_no_delete": "BEFORE DELETE ON audit_decision",
    "audit_keying_done_no_update": "BEFORE UPDATE ON audit_keying WHEN OLD.status = 'done'",
    "audit_keying_no_delete": "BEFORE DELETE ON audit_keying",
}


def upgrade() -> None:
    op.create_table(
        "quality_sample",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("seed", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(), nullable=True),
        sa.Column("tps_json", sa.Text(), nullable=False),
        sa.Column("drawn_at", sa.String(), nullable=False),
        sa.Column("drawn_by", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.CheckConstraint("length(fingerprint) = 64", name=op.f("ck_quality_sample_fingerprint")),
        sa.CheckConstraint("size >= 1 AND size <= population", name=op.f("ck_quality_sample_size")),
        sa.CheckConstraint("length(trim(seed)) > 0", name=op.f("ck_quality_sample_seed")),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contest.id"], name=op.f("fk_quality_sample_contest_id_contest")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_sample")),
        sa.UniqueConstraint("hash", name=op.f("uq_quality_sample_hash")),
    )
    op.create_table(
        "audit_keying",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sample_id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("problems_json", sa.Text(), nullable=False),
        sa.Column("keystrokes", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.String(), nullable=True),
        sa.Column("updated_at", sa.String(), nullable=True),
        sa.Column("finished_at", sa.String(), nullable=True),
        sa.Column("final_values", sa.Text(), nullable=True),
        sa.Column("final_hash", sa.String(), nullable=True),
        sa.Column("hash", sa.String(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'in_progress', 'done')", name=op.f("ck_audit_keying_status")
        ),
        sa.CheckConstraint(
            "(status = 'pending') = (user_id IS NULL)", name=op.f("ck_audit_keying_user")
        ),
        sa.CheckConstraint(
            "(status = 'done') = (hash IS NOT NULL AND final_values IS NOT NULL)",
            name=op.f("ck_audit_keying_done"),
        ),
        sa.ForeignKeyConstraint(
            ["sample_id"],
            ["quality_sample.id"],
            name=op.f("fk_audit_keying_sample_id_quality_sample"),
        ),
        sa.ForeignKeyConstraint(
            ["tps_id", "contest_id"],
            ["record.tps_id", "record.contest_id"],
            name=op.f("fk_audit_keying_tps_id_record"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_audit_keying_user_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_keying")),
        sa.UniqueConstraint("tps_id", "contest_id", name=op.f("uq_audit_keying_tps_id")),
    )
    op.create_index(
        "ix_audit_keying_contest_status",
        "audit_keying",
        ["contest_id", "status", "position"],
        unique=False,
    )
    op.create_table(
        "audit_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("keying_id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("final_value", sa.Integer(), nullable=True),
        sa.Column("audit_value", sa.Integer(), nullable=True),
        sa.Column("image_value", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.CheckConstraint(
            "verdict IN ('final_wrong', 'audit_wrong', 'both_wrong')",
            name=op.f("ck_audit_decision_verdict"),
        ),
        sa.CheckConstraint("length(trim(reason)) > 0", name=op.f("ck_audit_decision_reason")),
        sa.ForeignKeyConstraint(
            ["keying_id"],
            ["audit_keying.id"],
            name=op.f("fk_audit_decision_keying_id_audit_keying"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_audit_decision_user_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_decision")),
        sa.UniqueConstraint("keying_id", "field", name=op.f("uq_audit_decision_keying_id")),
    )
    for name, when in TRIGGERS.items():
        table = when.split(" ON ")[1].split()[0]
        create_refusing_trigger(name, when, f"{table}: a finished audit record cannot change")


def downgrade() -> None:
    for name, when in TRIGGERS.items():
        table = when.split(" ON ")[1].split()[0]
        op.execute(drop_trigger_ddl(name, table, op.get_bind().dialect.name))
    op.drop_table("audit_decision")
    op.drop_index("ix_audit_keying_contest_status", table_name="audit_keying")
    op.drop_table("audit_keying")
    op.drop_table("quality_sample")
