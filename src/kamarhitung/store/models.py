"""SQLAlchemy 2 typed models of a workspace database.

The schema carries the invariants too (CHECK, UNIQUE, foreign keys), so that a bug in a service, or a
hand edit, cannot store what the domain forbids. The schema is created and changed only by the
Alembic migrations in ``store/migrations``; a test checks that they produce exactly these models.
Values of a form are stored as canonical JSON text (``{"I.A.1.L": 120, ...}``) per entry and record.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ENTRY_STATES = (
    "empty",
    "first_in_progress",
    "first_done",
    "second_in_progress",
    "different",
    "janggal",
    "final",
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Meta(Base):
    """Workspace-wide settings: kind (kabupaten/province), election name, kabupaten code..."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RegionRow(Base):
    __tablename__ = "region"
    code: Mapped[str] = mapped_column(String, primary_key=True)
    level: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)
    __table_args__ = (
        CheckConstraint("length(code) IN (2, 4, 6, 10) AND code NOT GLOB '*[^0-9]*'", "code"),
        CheckConstraint(_in("level", ("provinsi", "kabupaten", "kecamatan", "desa")), "level"),
        CheckConstraint(
            "parent_code IS NULL OR substr(code, 1, length(parent_code)) = parent_code", "parent"
        ),
    )


class TpsRow(Base):
    __tablename__ = "tps"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    desa_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    number: Mapped[int] = mapped_column(Integer)
    dpt_l: Mapped[int] = mapped_column(Integer)
    dpt_p: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        UniqueConstraint("desa_code", "number"),
        CheckConstraint("length(id) = 13 AND id NOT GLOB '*[^0-9]*'", "id"),
        CheckConstraint("substr(id, 1, 10) = desa_code", "desa"),
        CheckConstraint("number BETWEEN 1 AND 999", "number"),
        CheckConstraint("dpt_l >= 0 AND dpt_p >= 0", "dpt"),
    )


class ContestRow(Base):
    __tablename__ = "contest"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    template_id: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer)


class PaslonRow(Base):
    __tablename__ = "paslon"
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"), primary_key=True)
    nomor_urut: Mapped[int] = mapped_column(Integer, primary_key=True)
    nama_calon: Mapped[str] = mapped_column(String)
    nama_wakil: Mapped[str] = mapped_column(String)
    __table_args__ = (CheckConstraint("nomor_urut BETWEEN 1 AND 6", "nomor"),)


class UserRow(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    full_name: Mapped[str] = mapped_column(String, default="")
    role: Mapped[str] = mapped_column(String)
    password_hash: Mapped[str] = mapped_column(String)
    active: Mapped[int] = mapped_column(Integer, default=1)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)
    password_changed_at: Mapped[str] = mapped_column(String)
    __table_args__ = (
        CheckConstraint(_in("role", ("operator", "supervisor", "admin")), "role"),
        CheckConstraint("password_hash LIKE '$argon2id$%'", "argon2id"),
        CheckConstraint("active IN (0, 1)", "active"),
    )


class ImageRow(Base):
    """A stored image file, addressed by the SHA-256 of its bytes (stored once whatever its uses)."""

    __tablename__ = "image"
    sha256: Mapped[str] = mapped_column(String, primary_key=True)
    ext: Mapped[str] = mapped_column(String)
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String)
    __table_args__ = (
        CheckConstraint("length(sha256) = 64", "sha256"),
        CheckConstraint(_in("ext", ("jpg", "png", "tif", "pdf")), "ext"),
    )


class FormImageRow(Base):
    """One page of a TPS's form (or an unmatched file waiting to be assigned), with provenance."""

    __tablename__ = "form_image"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tps_id: Mapped[str | None] = mapped_column(ForeignKey("tps.id"), index=True)
    contest_id: Mapped[str | None] = mapped_column(ForeignKey("contest.id"))
    sha256: Mapped[str] = mapped_column(ForeignKey("image.sha256"))
    page: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String)
    imported_at: Mapped[str] = mapped_column(String)
    imported_by: Mapped[str] = mapped_column(String)
    exif_time: Mapped[str | None] = mapped_column(String)
    exif_device: Mapped[str | None] = mapped_column(String)
    # Migration 0008: the page of the form the image shows (from ``p<N>`` in its name, or a
    # multi-page file's page), the sheet (plano or salinan), and whether it is the form as
    # corrected after the plenary.
    form_page: Mapped[int | None] = mapped_column(Integer)
    sheet: Mapped[str] = mapped_column(String, server_default=text("'plano'"))
    corrected: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    __table_args__ = (
        UniqueConstraint("tps_id", "sha256", "page"),
        CheckConstraint("form_page IS NULL OR form_page BETWEEN 1 AND 99", "form_page_range"),
        CheckConstraint("sheet IN ('plano', 'salinan')", "sheet_kind"),
        CheckConstraint("corrected IN (0, 1)", "corrected_flag"),
    )


class SyntheticImageRow(Base):
    """A demo form photo not rendered yet: rendered and stored on first use (demo workspaces only)."""

    __tablename__ = "synthetic_image"
    tps_id: Mapped[str] = mapped_column(ForeignKey("tps.id"), primary_key=True)
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"), primary_key=True)
    seed: Mapped[int] = mapped_column(Integer)
    values_json: Mapped[str] = mapped_column(Text)


class RecordRow(Base):
    """The state of one form (TPS × contest) and, once final, its counted values."""

    __tablename__ = "record"
    tps_id: Mapped[str] = mapped_column(ForeignKey("tps.id"), primary_key=True)
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String, default="empty")
    final_values: Mapped[str | None] = mapped_column(Text)
    final_findings: Mapped[str | None] = mapped_column(Text)
    final_source: Mapped[str | None] = mapped_column(String)
    finalized_at: Mapped[str | None] = mapped_column(String)
    finalized_by: Mapped[str | None] = mapped_column(String)
    note: Mapped[str | None] = mapped_column(Text)
    hash: Mapped[str | None] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)
    # Migration 0002 (recap): ``final_vector`` holds the final values again as little-endian int32
    # in the form's field order, written with ``final_values`` (services/recap.py), so a recap
    # never parses JSON; a trigger nulls it if ``final_values`` changes without it. ``change_seq``
    # is bumped by a trigger on every change of state or values: the recap cache reloads only
    # the records whose ``change_seq`` moved.
    final_vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    change_seq: Mapped[int] = mapped_column(Integer, server_default=text("0"), index=True)
    __table_args__ = (
        CheckConstraint(_in("state", ENTRY_STATES), "state"),
        CheckConstraint("(state = 'final') = (final_values IS NOT NULL)", "final_values_iff_final"),
        CheckConstraint(
            "final_source IS NULL OR final_source IN ('agreed', 'resolved', 'accepted')", "source"
        ),
        Index("ix_record_contest_state", "contest_id", "state", "tps_id"),
        # Migration 0002: a covering index for the recap's one query per contest (state and
        # vector in TPS order without touching the wide rows): 90 ms → 28 ms at 25,000 TPS × 2.
        Index("ix_record_recap", "contest_id", "tps_id", "state", "final_vector"),
    )


class EntryRow(Base):
    """The current entry in a slot (1 = first keyer, 2 = second keyer) of a form, draft or done."""

    __tablename__ = "entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tps_id: Mapped[str] = mapped_column(String)
    contest_id: Mapped[str] = mapped_column(String)
    slot: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    status: Mapped[str] = mapped_column(String)
    version: Mapped[int] = mapped_column(Integer, default=1)
    values_json: Mapped[str] = mapped_column(Text, default="{}")
    problems_json: Mapped[str] = mapped_column(Text, default="[]")
    findings_json: Mapped[str] = mapped_column(Text, default="[]")
    keystrokes: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)
    finished_at: Mapped[str | None] = mapped_column(String)
    hash: Mapped[str | None] = mapped_column(String)
    __table_args__ = (
        UniqueConstraint("tps_id", "contest_id", "slot"),
        ForeignKeyConstraint(["tps_id", "contest_id"], ["record.tps_id", "record.contest_id"]),
        CheckConstraint("slot IN (1, 2)", "slot"),
        CheckConstraint("status IN ('in_progress', 'done')", "status"),
        Index("ix_entry_user_status", "user_id", "status"),
    )


class EntryVersionRow(Base):
    """Every version of every entry ever finished, discarded or sent back: append-only."""

    __tablename__ = "entry_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tps_id: Mapped[str] = mapped_column(String)
    contest_id: Mapped[str] = mapped_column(String)
    slot: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    event: Mapped[str] = mapped_column(String)
    values_json: Mapped[str] = mapped_column(Text)
    problems_json: Mapped[str] = mapped_column(Text)
    findings_json: Mapped[str] = mapped_column(Text)
    keystrokes: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[str] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)
    hash: Mapped[str] = mapped_column(String)
    __table_args__ = (
        UniqueConstraint("tps_id", "contest_id", "slot", "version"),
        ForeignKeyConstraint(["tps_id", "contest_id"], ["record.tps_id", "record.contest_id"]),
        CheckConstraint("slot IN (1, 2)", "slot"),
        CheckConstraint(_in("event", ("finished", "abandoned", "sent_back")), "event"),
    )


class ResolutionRow(Base):
    """A supervisor's decision on one differing field, or on a janggal form, with its reason."""

    __tablename__ = "resolution"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tps_id: Mapped[str] = mapped_column(String)
    contest_id: Mapped[str] = mapped_column(String)
    field: Mapped[str | None] = mapped_column(String)
    value_1: Mapped[int | None] = mapped_column(Integer)
    value_2: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String)
    attributed_to: Mapped[str | None] = mapped_column(String)
    reason: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[str] = mapped_column(String)
    __table_args__ = (
        ForeignKeyConstraint(["tps_id", "contest_id"], ["record.tps_id", "record.contest_id"]),
        CheckConstraint(
            _in("action", ("keep_first", "keep_second", "typed", "accept_janggal", "send_back")),
            "action",
        ),
        CheckConstraint(
            "attributed_to IS NULL OR attributed_to IN ('first', 'second', 'both', 'form')",
            "attributed",
        ),
        CheckConstraint("length(trim(reason)) > 0", "reason"),
    )


class AuditEventRow(Base):
    """One event of the hash-chained audit trail: each holds the hash of the one before."""

    __tablename__ = "audit_event"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String)
    user_name: Mapped[str | None] = mapped_column(String)
    role: Mapped[str | None] = mapped_column(String)
    action: Mapped[str] = mapped_column(String, index=True)
    target: Mapped[str | None] = mapped_column(String)
    outcome: Mapped[str] = mapped_column(String)
    details_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String)
    hash: Mapped[str] = mapped_column(String, unique=True)


# --- migration 0002: official numbers (selisih) ------------------------------------------------

OFFICIAL_FORMATS = ("csv", "xlsx", "json")


class OfficialImportRow(Base):
    """One import of the election body's per-TPS numbers (a file), kept for good."""

    __tablename__ = "official_import"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    imported_at: Mapped[str] = mapped_column(String)
    imported_by: Mapped[str] = mapped_column(String)
    file_name: Mapped[str] = mapped_column(String)
    file_sha256: Mapped[str] = mapped_column(String)
    format: Mapped[str] = mapped_column(String)
    forms: Mapped[int] = mapped_column(Integer)
    value_count: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint(_in("format", OFFICIAL_FORMATS), "format"),
        CheckConstraint("length(file_sha256) = 64", "sha256"),
    )


class OfficialValueRow(Base):
    """One official number of one form (TPS × contest) as imported: append-only history."""

    __tablename__ = "official_value"
    import_id: Mapped[int] = mapped_column(ForeignKey("official_import.id"), primary_key=True)
    tps_id: Mapped[str] = mapped_column(ForeignKey("tps.id"), primary_key=True)
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"), primary_key=True)
    field: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint("value >= 0", "value"),
        # Migration 0008: any field of the form (SIREKAP publishes the voter and ballot rows too).
        CheckConstraint("field GLOB 'I*.*' OR field GLOB 'V.*'", "field"),
    )


class OfficialFlagRow(Base):
    """SIREKAP's own flags of a TPS as imported (migration 0008): repeat vote, whether its votes
    and its administration were verified, how many form images it published. Append-only."""

    __tablename__ = "official_flag"
    import_id: Mapped[int] = mapped_column(ForeignKey("official_import.id"), primary_key=True)
    tps_id: Mapped[str] = mapped_column(ForeignKey("tps.id"), primary_key=True)
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"), primary_key=True)
    flags_json: Mapped[str] = mapped_column(Text)


class OfficialRegionRow(Base):
    """An official region total (migration 0008): a desa or kecamatan column of SIREKAP's region
    file or of a keyed D.HASIL. The latest import of a region and contest is current.
    Append-only."""

    __tablename__ = "official_region"
    import_id: Mapped[int] = mapped_column(ForeignKey("official_import.id"), primary_key=True)
    region_code: Mapped[str] = mapped_column(String, primary_key=True)
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"), primary_key=True)
    field: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint("value >= 0", "value"),
        CheckConstraint("length(region_code) IN (4, 6, 10)", "region_code"),
    )


class OfficialCurrentRow(Base):
    """Which import holds the current official numbers of a form: the latest that carried it."""

    __tablename__ = "official_current"
    tps_id: Mapped[str] = mapped_column(ForeignKey("tps.id"), primary_key=True)
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"), primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("official_import.id"), index=True)


# --- migration 0003: province workspaces (imported bundles, services/province.py) -------------


class BundleImportRow(Base):
    """One bundle imported into a province workspace, kept for good with its exact manifest."""

    __tablename__ = "bundle_import"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String, unique=True)
    kabupaten: Mapped[str] = mapped_column(String)
    kabupaten_name: Mapped[str] = mapped_column(String)
    sequence: Mapped[int] = mapped_column(Integer)
    election: Mapped[str] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)
    imported_at: Mapped[str] = mapped_column(String)
    imported_by: Mapped[str] = mapped_column(String)
    file_name: Mapped[str] = mapped_column(String)
    file_sha256: Mapped[str] = mapped_column(String)
    file_size: Mapped[int] = mapped_column(Integer)
    manifest_json: Mapped[str] = mapped_column(Text)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    signer: Mapped[str] = mapped_column(String)
    signer_serial: Mapped[str] = mapped_column(String)
    revocation_checked: Mapped[int] = mapped_column(Integer)
    audit_intact: Mapped[int] = mapped_column(Integer)
    storage: Mapped[str] = mapped_column(String)
    __table_args__ = (
        UniqueConstraint("kabupaten", "sequence"),
        CheckConstraint("audit_intact IN (0, 1)", "audit_intact"),
        CheckConstraint("length(file_sha256) = 64", "sha256"),
        CheckConstraint("length(kabupaten) = 4 AND kabupaten NOT GLOB '*[^0-9]*'", "kabupaten"),
        CheckConstraint("revocation_checked IN (0, 1)", "revocation_checked"),
        CheckConstraint("sequence >= 1", "sequence"),
    )


class BundleCurrentRow(Base):
    """The import that holds a kabupaten's current numbers: its newest bundle."""

    __tablename__ = "bundle_current"
    kabupaten: Mapped[str] = mapped_column(String, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("bundle_import.id"), unique=True)


class ProvinceContestRow(Base):
    """A contest of an imported bundle: its fields, coverage and recap fingerprint."""

    __tablename__ = "province_contest"
    import_id: Mapped[int] = mapped_column(ForeignKey("bundle_import.id"), primary_key=True)
    contest_id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    fields_json: Mapped[str] = mapped_column(Text)
    tps_total: Mapped[int] = mapped_column(Integer)
    tps_final: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String)
    __table_args__ = (CheckConstraint("tps_final BETWEEN 0 AND tps_total", "coverage"),)


class ProvinceTotalRow(Base):
    """A recap row (kabupaten or kecamatan) of an imported bundle, computed at import."""

    __tablename__ = "province_total"
    import_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contest_id: Mapped[str] = mapped_column(String, primary_key=True)
    level: Mapped[str] = mapped_column(String, primary_key=True)
    code: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    tps_total: Mapped[int] = mapped_column(Integer)
    tps_final: Mapped[int] = mapped_column(Integer)
    values_json: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        ForeignKeyConstraint(
            ["import_id", "contest_id"],
            ["province_contest.import_id", "province_contest.contest_id"],
        ),
        CheckConstraint("level IN ('kabupaten', 'kecamatan')", "level"),
        CheckConstraint("tps_final BETWEEN 0 AND tps_total", "coverage"),
    )


class ProvinceResultRow(Base):
    """One TPS × contest of an imported bundle: state, final values (int32 little-endian in the
    order of ``province_contest.fields_json``; migration 0005, was ``values_json``), findings."""

    __tablename__ = "province_result"
    import_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tps_id: Mapped[str] = mapped_column(String, primary_key=True)
    contest_id: Mapped[str] = mapped_column(String, primary_key=True)
    state: Mapped[str] = mapped_column(String)
    final_vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    findings_json: Mapped[str] = mapped_column(Text)
    dpt: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        ForeignKeyConstraint(
            ["import_id", "contest_id"],
            ["province_contest.import_id", "province_contest.contest_id"],
        ),
        CheckConstraint(_in("state", ENTRY_STATES), "state"),
        CheckConstraint("(state = 'final') = (final_vector IS NOT NULL)", "vector_iff_final"),
        CheckConstraint("length(tps_id) = 13 AND tps_id NOT GLOB '*[^0-9]*'", "tps"),
    )


# --- migration 0004: region finalisation (services/reports.py) --------------------------------

REGION_FINAL_ACTIONS = ("finalise", "reopen")


class RegionFinalRow(Base):
    """A kecamatan or the kabupaten finalised for a contest now: its records are frozen (the
    trigger ``record_frozen``), its reports are no longer drafts. Deleted when reopened."""

    __tablename__ = "region_final"
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    finalized_at: Mapped[str] = mapped_column(String)
    finalized_by: Mapped[str] = mapped_column(String)
    fingerprint: Mapped[str] = mapped_column(String)
    """The data fingerprint of the region's recap report when it was finalised."""
    __table_args__ = (
        CheckConstraint("length(fingerprint) = 64", "fingerprint"),
        CheckConstraint("length(region_code) IN (4, 6)", "level"),
    )


class RegionFinalEventRow(Base):
    """Every finalisation and reopening of a region (append-only); reopening needs a reason."""

    __tablename__ = "region_final_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    action: Mapped[str] = mapped_column(String)
    at: Mapped[str] = mapped_column(String)
    user_name: Mapped[str] = mapped_column(String)
    reason: Mapped[str | None] = mapped_column(Text)
    fingerprint: Mapped[str | None] = mapped_column(String)
    __table_args__ = (
        CheckConstraint(_in("action", REGION_FINAL_ACTIONS), "action"),
        CheckConstraint("action = 'finalise' OR length(trim(coalesce(reason, ''))) > 0", "reason"),
    )


# --- migration 0007: the blind re-key audit (services/quality.py) -----------------------------

AUDIT_KEYING_STATUSES = ("pending", "in_progress", "done")
AUDIT_VERDICTS = ("final_wrong", "audit_wrong", "both_wrong")


class QualitySampleRow(Base):
    """A draw of final forms for the blind re-key audit: the seed typed before witnesses and the
    recap fingerprint it was combined with, so anyone can redraw it (append-only)."""

    __tablename__ = "quality_sample"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contest_id: Mapped[str] = mapped_column(ForeignKey("contest.id"))
    seed: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String)
    population: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    target: Mapped[str | None] = mapped_column(String)
    """The upper bound (per 10,000 fields) the size was chosen for, when it was."""
    tps_json: Mapped[str] = mapped_column(Text)
    drawn_at: Mapped[str] = mapped_column(String)
    drawn_by: Mapped[str] = mapped_column(String)
    hash: Mapped[str] = mapped_column(String, unique=True)
    __table_args__ = (
        CheckConstraint("length(fingerprint) = 64", "fingerprint"),
        CheckConstraint("size >= 1 AND size <= population", "size"),
        CheckConstraint("length(trim(seed)) > 0", "seed"),
    )


class AuditKeyingRow(Base):
    """The audit keying of one sampled form: pending, being keyed (a draft) or done. Once done it
    never changes (trigger), and it holds the final values it was compared with."""

    __tablename__ = "audit_keying"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sample_id: Mapped[int] = mapped_column(ForeignKey("quality_sample.id"))
    tps_id: Mapped[str] = mapped_column(String)
    contest_id: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    values_json: Mapped[str] = mapped_column(Text)
    problems_json: Mapped[str] = mapped_column(Text)
    keystrokes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[str | None] = mapped_column(String)
    updated_at: Mapped[str | None] = mapped_column(String)
    finished_at: Mapped[str | None] = mapped_column(String)
    final_values: Mapped[str | None] = mapped_column(Text)
    final_hash: Mapped[str | None] = mapped_column(String)
    hash: Mapped[str | None] = mapped_column(String)
    __table_args__ = (
        UniqueConstraint("tps_id", "contest_id"),
        ForeignKeyConstraint(["tps_id", "contest_id"], ["record.tps_id", "record.contest_id"]),
        CheckConstraint(_in("status", AUDIT_KEYING_STATUSES), "status"),
        CheckConstraint("(status = 'pending') = (user_id IS NULL)", "user"),
        CheckConstraint(
            "(status = 'done') = (hash IS NOT NULL AND final_values IS NOT NULL)", "done"
        ),
        Index("ix_audit_keying_contest_status", "contest_id", "status", "position"),
    )


class AuditDecisionRow(Base):
    """A supervisor's decision, against the image, on one field where the audit keying and the
    final record differ: which of them was wrong (append-only)."""

    __tablename__ = "audit_decision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    keying_id: Mapped[int] = mapped_column(ForeignKey("audit_keying.id"))
    tps_id: Mapped[str] = mapped_column(String)
    contest_id: Mapped[str] = mapped_column(String)
    field: Mapped[str] = mapped_column(String)
    final_value: Mapped[int | None] = mapped_column(Integer)
    audit_value: Mapped[int | None] = mapped_column(Integer)
    image_value: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String)
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[str] = mapped_column(String)
    __table_args__ = (
        UniqueConstraint("keying_id", "field"),
        CheckConstraint(_in("verdict", AUDIT_VERDICTS), "verdict"),
        CheckConstraint("length(trim(reason)) > 0", "reason"),
    )


class RepeatVoteRow(Base):
    """A repeat vote (PSU, PSL, PSS) at a TPS for a contest: why, by which decision, and the record
    as it was before (migration 0008). Append-only: the earlier record stays in the history."""

    __tablename__ = "repeat_vote"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tps_id: Mapped[str] = mapped_column(String)
    contest_id: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    reason: Mapped[str] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(Text)
    previous_state: Mapped[str] = mapped_column(String)
    previous_values: Mapped[str | None] = mapped_column(Text)
    previous_hash: Mapped[str | None] = mapped_column(String)
    marked_at: Mapped[str] = mapped_column(String)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    __table_args__ = (
        ForeignKeyConstraint(["tps_id", "contest_id"], ["record.tps_id", "record.contest_id"]),
        CheckConstraint("kind IN ('PSU', 'PSL', 'PSS')", "kind"),
        CheckConstraint("length(trim(reason)) > 0", "reason"),
        CheckConstraint("length(trim(reference)) > 0", "reference"),
        Index("ix_repeat_vote_contest", "contest_id", "tps_id"),
    )
