"""Province workspaces: ``province_result`` keeps a TPS's final values as an int32 vector.

``values_json`` (the values as JSON text) becomes ``final_vector``: little-endian int32 in the
order of ``province_contest.fields_json`` (:func:`kamarhitung.core.recap.encode_vector`, the
form of ``record.final_vector``). Encoding 150,000 TPS of JSON took a fifth of a province
import; the vectors come straight from the import's numpy matrix. Rows already there are
converted (the table is rebuilt: SQLite cannot change a column and its CHECK in place, and the
append-only triggers forbid an UPDATE).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 13:00:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kamarhitung.store.dialect import POSTGRESQL, create_append_only, digits_only, drop_append_only

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATES = (
    "'empty', 'first_in_progress', 'first_done', 'second_in_progress', 'different', "
    "'janggal', 'final'"
)


def _create(name: str, values: sa.Column[object], check: str, check_name: str) -> None:
    op.create_table(
        name,
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.String(), nullable=False),
        sa.Column("contest_id", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        values,
        sa.Column("findings_json", sa.Text(), nullable=False),
        sa.Column("dpt", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"state IN ({_STATES})", name=op.f("ck_province_result_state")),
        sa.CheckConstraint(check, name=op.f(check_name)),
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


def _append_only() -> None:
    create_append_only("province_result")


def _fields(bind: sa.Connection) -> dict[tuple[int, str], list[str]]:
    rows = bind.execute(sa.text("SELECT import_id, contest_id, fields_json FROM province_contest"))
    return {(i, c): json.loads(f) for i, c, f in rows}


def _rebuild(
    values: sa.Column[object], check: str, check_name: str, old: str, new: str, convert: object
) -> None:
    bind = op.get_bind()
    drop_append_only("province_result")
    if bind.dialect.name == POSTGRESQL:
        # Index and key names are global on PostgreSQL: free the old table's before the new one
        # takes them (SQLite keeps them per table).
        op.execute("ALTER INDEX pk_province_result RENAME TO pk_province_result_old")
    _create("_province_result_new", values, check, check_name)
    fields = _fields(bind)
    rows = bind.execute(
        sa.text(
            f"SELECT import_id, tps_id, contest_id, state, {old}, findings_json, dpt "
            "FROM province_result"
        )
    ).all()
    assert callable(convert)
    params = [
        {
            "i": i,
            "t": t,
            "c": c,
            "s": s,
            "v": None if v is None else convert(fields[(i, c)], v),
            "f": f,
            "d": d,
        }
        for i, t, c, s, v, f, d in rows
    ]
    if params:
        bind.execute(
            sa.text(
                "INSERT INTO _province_result_new (import_id, tps_id, contest_id, state, "
                f"{new}, findings_json, dpt) VALUES (:i, :t, :c, :s, :v, :f, :d)"
            ),
            params,
        )
    op.drop_table("province_result")
    op.rename_table("_province_result_new", "province_result")
    _append_only()


def upgrade() -> None:
    from kamarhitung.core.recap import encode_vector

    _rebuild(
        sa.Column("final_vector", sa.LargeBinary(), nullable=True),
        "(state = 'final') = (final_vector IS NOT NULL)",
        "ck_province_result_vector_iff_final",
        "values_json",
        "final_vector",
        lambda fields, text: encode_vector(fields, json.loads(text)),
    )


def downgrade() -> None:
    import numpy as np

    from kamarhitung.core.recap import VECTOR_DTYPE

    def to_json(fields: list[str], blob: bytes) -> str:
        values = np.frombuffer(blob, dtype=VECTOR_DTYPE).tolist()
        return json.dumps(
            dict(zip(fields, values, strict=True)), sort_keys=True, separators=(",", ":")
        )

    _rebuild(
        sa.Column("values_json", sa.Text(), nullable=True),
        "(state = 'final') = (values_json IS NOT NULL)",
        "ck_province_result_values_iff_final",
        "final_vector",
        "values_json",
        to_json,
    )
