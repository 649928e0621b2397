"""Province workspaces: imported bundles and what they carry (services/province.py).

``bundle_import`` keeps every bundle ever imported (its exact manifest and signature, the file's
SHA-256, who imported it): the history. ``bundle_current`` points, per kabupaten, at the newest
import, which supersedes the older ones. ``province_contest`` (per import and contest: fields,
TPS total/final, recap fingerprint), ``province_total`` (per import, contest, kabupaten and
kecamatan: the recap rows, computed at import with ``core.recap`` from the bundle's per-TPS data)
and ``province_result`` (per import, TPS and contest: state, final values, findings) hold the
data. Imported rows are append-only (triggers); only ``bundle_current`` moves.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kamarhitung.store.dialect import create_append_only, digits_only, drop_append_only

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("bundle_import", "province_contest", "province_total", "province_result")
_STATES = (
    "'empty', 'first_in_progress', 'first_done', 'second_in_progress', 'different', "
    "'janggal', 'final'"
)


def upgrade() -> None:
    op.create_table(
        "bundle_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(), nullable=False),
        sa.Column("kabupaten", sa.String(), nullable=False),
        sa.Column("kabupaten_name", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("election", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("imported_at", sa.String(), nullable=False),
        sa.Column("imported_by", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("file_sha256", sa.String(), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("manifest_json", sa.Text(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("signer", sa.String(), nullable=False),
        sa.Column("signer_serial", sa.String(), nullable=False),
        sa.Column("revocation_checked", sa.Integer(), nullable=False),
        sa.Column("audit_intact", sa.Integer(), nullable=False),
        sa.Column("storage", sa.String(), nullable=False),
        sa.CheckConstraint("audit_intact IN (0, 1)", name=op.f("ck_bundle_import_audit_intact")),
        sa.CheckConstraint("length(file_sha256) = 64", name=op.f("ck_bundle_import_sha256")),
        sa.CheckConstraint(
            f"length(kabupaten) = 4 AND {digits_only('kabupaten')}",
            name=op.f("ck_bundle_import_kabupaten"),
        ),
        sa.CheckConstraint(
            "revocation_checked IN (0, 1)", name=op.f("ck_bundle_import_revocation_checked")
        ),
        sa.CheckConstraint("sequence >= 1", name=op.f("ck_bundle_import_sequence")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_import")),
        sa.UniqueConstraint("bundle_id", name=op.f("uq_bundle_import_bundle_id")),
        sa.UniqueConstraint("kabupaten", "sequence", name=op.f("uq_bundle_import_kabupaten")),
    )
    op.create_table(
        "bundle_current",
        sa.Column("kabupaten", sa.String(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["bundle_import.id"],
            name=op.f("fk_bundle_current_import_id_bundle_import"),
        ),
        sa.PrimaryKeyConstraint("kabupaten", name=op.f("pk_bundle_current")),
        sa.UniqueConstraint("import_id", name=op.f("uq_bundle_current_import_id")),
    )
    op.create_table(
        "province_contest",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("fields_json", sa.Text(), nullable=False),
        sa.Column("tps_total", sa.Integer(), nullable=False),
        sa.Column("tps_final", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.CheckConstraint(
            "tps_final BETWEEN 0 AND tps_total", name=op.f("ck_province_contest_coverage")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["bundle_import.id"],
            name=op.f("fk_province_contest_import_id_bundle_import"),
        ),
        sa.PrimaryKeyConstraint("import_id", "contest_id", name=op.f("pk_province_contest")),
    )
    op.create_table(
        "province_total",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("tps_total", sa.Integer(), nullable=False),
        sa.Column("tps_final", sa.Integer(), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "level IN ('kabupaten', 'kecamatan')", name=op.f("ck_province_total_level")
        ),
        sa.CheckConstraint(
            "tps_final BETWEEN 0 AND tps_total", name=op.f("ck_province_total_coverage")
        ),
        sa.ForeignKeyConstraint(
            ["import_id", "contest_id"],
            ["province_contest.import_id", "province_contest.contest_id"],
            name=op.f("fk_province_total_import_id_province_contest"),
        ),
        sa.PrimaryKeyConstraint(
            "import_id", "contest_id", "level", "code", name=op.f("pk_province_total")
        ),
    )
    op.create_table(
        "province_result",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=True),
        sa.Column("findings_json", sa.Text(), nullable=False),
        sa.Column("dpt", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"state IN ({_STATES})", name=op.f("ck_province_result_state")),
        sa.CheckConstraint(
            "(state = 'final') = (values_json IS NOT NULL)",
            name=op.f("ck_province_result_values_iff_final"),
        ),
        sa.CheckConstraint(
            f"length(tps_id) = 13 AND {digits_only('tps_id')}",
            name=op.f("ck_province_result_tps"),
        ),
        sa.ForeignKeyConstraint(
            ["import_id", "contest_id"],
            ["province_contest.import_id", "province_contest.contest_id"],
            name=op.f("fk_province_result_import_id_province_contest"),
        ),
        sa.PrimaryKeyConstraint(
            "import_id", "tps_id", "contest_id", name=op.f("pk_province_result")
        ),
    )
    create_append_only(*APPEND_ONLY)


def downgrade() -> None:
    drop_append_only(*APPEND_ONLY)
    op.drop_table("province_result")
    op.drop_table("province_total")
    op.drop_table("province_contest")
    op.drop_table("bundle_current")
    op.drop_table("bundle_import")
