"""The real forms (issue 14): images per page, and the printed 2024 presidential form.

``official_value`` takes any field of the form and ``official_flag`` keeps SIREKAP's own flags.
``repeat_vote`` records each repeat vote (PSU, PSL, PSS) with the record as it was (append-only).
``form_image`` gains ``form_page`` (the page of the form an image shows, 1 to 3 on the plano),
``sheet`` (plano or salinan) and ``corrected`` (the form as corrected after the plenary).

The first presidential template, ``pemilu2024-ppwp``, was not the printed Model C.HASIL-PPWP: it
had four rows in I.A, two in III and section II in another order. A contest on it with nothing
keyed (no entry, no entry version, every record empty) moves to ``pemilu2024-c-hasil-ppwp``;
a demo's synthetic truth values move with it, row by row (old II.4 "used" is the printed II.2,
old II.2 "returned" is II.3, old II.3 "unused" is II.4, old III.2 is the printed III.1; the
rows the printed form does not have are dropped). A contest with keyed data stays where it is,
and opening the workspace refuses it with a sentence (services/workspace.py): keyed evidence is
never reinterpreted.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-06 17:00:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kamarhitung.store.dialect import (
    candidate_field,
    create_append_only,
    drop_append_only,
    glob_check,
)

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "pemilu2024-ppwp"
NEW = "pemilu2024-c-hasil-ppwp"

_RENAME = {
    "I.A.1.L": "I.A.1.L",
    "I.A.1.P": "I.A.1.P",
    "I.A.1.J": "I.A.1.J",
    **{f"I.B.{r}.{c}": f"I.B.{r}.{c}" for r in "1234" for c in "LPJ"},
    "II.1": "II.1",
    "II.4": "II.2",
    "II.2": "II.3",
    "II.3": "II.4",
    "III.2.L": "III.1.L",
    "III.2.P": "III.1.P",
    "III.2.J": "III.1.J",
    "V.A": "V.A",
    "V.B": "V.B",
    "V.C": "V.C",
}


def _move(values: dict[str, int]) -> dict[str, int]:
    out = {_RENAME[k]: v for k, v in values.items() if k in _RENAME}
    out.update({k: v for k, v in values.items() if k.startswith("IV.")})
    return out


def upgrade() -> None:
    # Images per page: the form page shown, the sheet, and the corrected form after the plenary.
    op.add_column("form_image", sa.Column("form_page", sa.Integer(), nullable=True))
    op.add_column(
        "form_image",
        sa.Column("sheet", sa.String(), server_default=sa.text("'plano'"), nullable=False),
    )
    op.add_column(
        "form_image",
        sa.Column("corrected", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    with op.batch_alter_table("form_image", schema=None) as batch_op:
        batch_op.create_check_constraint(
            "form_page_range", "form_page IS NULL OR form_page BETWEEN 1 AND 99"
        )
        batch_op.create_check_constraint("sheet_kind", "sheet IN ('plano', 'salinan')")
        batch_op.create_check_constraint("corrected_flag", "corrected IN (0, 1)")
    _move_contests()
    _official()
    # Repeat votes (PSU, PSL, PSS): append-only, the record as it was kept in each row.
    op.create_table(
        "repeat_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("previous_state", sa.String(), nullable=False),
        sa.Column("previous_values", sa.Text(), nullable=True),
        sa.Column("previous_hash", sa.String(), nullable=True),
        sa.Column("marked_at", sa.String(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('PSU', 'PSL', 'PSS')", name=op.f("ck_repeat_vote_kind")),
        sa.CheckConstraint("length(trim(reason)) > 0", name=op.f("ck_repeat_vote_reason")),
        sa.CheckConstraint("length(trim(reference)) > 0", name=op.f("ck_repeat_vote_reference")),
        sa.ForeignKeyConstraint(
            ["tps_id", "contest_id"],
            ["record.tps_id", "record.contest_id"],
            name=op.f("fk_repeat_vote_tps_id_record"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_repeat_vote_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repeat_vote")),
    )
    op.create_index("ix_repeat_vote_contest", "repeat_vote", ["contest_id", "tps_id"])
    create_append_only("repeat_vote")


def _official() -> None:
    """Official numbers of any field of the form, and SIREKAP's flags per TPS."""
    drop_append_only("official_value")
    with op.batch_alter_table("official_value", schema=None) as batch_op:
        batch_op.drop_constraint("field", type_="check")
        batch_op.create_check_constraint(
            "field", f"{glob_check('field', 'I*.*')} OR {glob_check('field', 'V.*')}"
        )
    op.create_table(
        "official_flag",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("flags_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contest.id"], name=op.f("fk_official_flag_contest_id_contest")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["official_import.id"],
            name=op.f("fk_official_flag_import_id_official_import"),
        ),
        sa.ForeignKeyConstraint(["tps_id"], ["tps.id"], name=op.f("fk_official_flag_tps_id_tps")),
        sa.PrimaryKeyConstraint("import_id", "tps_id", "contest_id", name=op.f("pk_official_flag")),
    )
    op.create_table(
        "official_region",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_official_region_value")),
        sa.CheckConstraint(
            "length(region_code) IN (4, 6, 10)", name=op.f("ck_official_region_region_code")
        ),
        sa.ForeignKeyConstraint(
            ["contest_id"], ["contest.id"], name=op.f("fk_official_region_contest_id_contest")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["official_import.id"],
            name=op.f("fk_official_region_import_id_official_import"),
        ),
        sa.PrimaryKeyConstraint(
            "import_id", "region_code", "contest_id", "field", name=op.f("pk_official_region")
        ),
    )
    create_append_only("official_value", "official_flag", "official_region")


def _move_contests() -> None:
    bind = op.get_bind()
    movable = [
        cid
        for (cid,) in bind.execute(
            sa.text(
                "SELECT c.id FROM contest c WHERE c.template_id = :old "
                "AND NOT EXISTS (SELECT 1 FROM entry e WHERE e.contest_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM entry_version v WHERE v.contest_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM record r WHERE r.contest_id = c.id "
                "AND r.state != 'empty')"
            ),
            {"old": OLD},
        )
    ]
    for cid in movable:
        bind.execute(
            sa.text("UPDATE contest SET template_id = :new WHERE id = :cid"),
            {"new": NEW, "cid": cid},
        )
        rows = bind.execute(
            sa.text("SELECT tps_id, values_json FROM synthetic_image WHERE contest_id = :cid"),
            {"cid": cid},
        ).all()
        for tps_id, text in rows:
            bind.execute(
                sa.text(
                    "UPDATE synthetic_image SET values_json = :v "
                    "WHERE tps_id = :t AND contest_id = :cid"
                ),
                {"v": json.dumps(_move(json.loads(text)), sort_keys=True), "t": tps_id, "cid": cid},
            )


def downgrade() -> None:
    drop_append_only("official_value", "official_flag", "official_region")
    op.drop_table("official_region")
    op.drop_table("official_flag")
    with op.batch_alter_table("official_value", schema=None) as batch_op:
        batch_op.drop_constraint("field", type_="check")
        batch_op.create_check_constraint(
            "field", f"{candidate_field('field')} OR field IN ('V.A', 'V.B', 'V.C')"
        )
    create_append_only("official_value")
    drop_append_only("repeat_vote")
    op.drop_index("ix_repeat_vote_contest", table_name="repeat_vote")
    op.drop_table("repeat_vote")
    with op.batch_alter_table("form_image", schema=None) as batch_op:
        batch_op.drop_constraint("corrected_flag", type_="check")
        batch_op.drop_constraint("sheet_kind", type_="check")
        batch_op.drop_constraint("form_page_range", type_="check")
        batch_op.drop_column("corrected")
        batch_op.drop_column("sheet")
        batch_op.drop_column("form_page")
