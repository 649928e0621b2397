"""Official per-TPS numbers: import (one transaction, audited) and the differences (SELISIH).

An import keeps the file's SHA-256 and every number it carried (``official_import`` and
``official_value``, append-only); ``official_current`` points each form (TPS × contest) at the
latest import that carried it, so a re-import of a TPS replaces its numbers as a whole (a number
the new file leaves out is no longer compared) and the earlier numbers stay in the history. A bad
file imports nothing. Supervisors and admins import.

Differences are between the official numbers and the room's FINAL numbers only: a TPS that is not
final yet has nothing of ours to differ from, so it is reported as pending, not as a difference.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select

from kamarhitung.core.model import Level, Role
from kamarhitung.core.official import (
    OfficialContext,
    OfficialFileError,
    RegionSelisih,
    SelisihReport,
    compare,
    parse_official,
    parse_paslon_map,
    summarize,
)
from kamarhitung.core.recap import level_of_name
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import Actor, InputError, NotFoundError, require_role
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.dialect import upsert as dialect_upsert
from kamarhitung.store.models import (
    OfficialCurrentRow,
    OfficialImportRow,
    OfficialValueRow,
    TpsRow,
)


@dataclass(frozen=True, slots=True)
class OfficialImport:
    """What an import stored."""

    import_id: int
    file_name: str
    sha256: str
    format: str
    forms: int
    values: int
    replaced: int
    """Forms whose earlier official numbers this import replaced."""

    def to_json(self) -> dict[str, object]:
        return {
            "import_id": self.import_id,
            "file": self.file_name,
            "sha256": self.sha256,
            "format": self.format,
            "forms": self.forms,
            "values": self.values,
            "replaced": self.replaced,
        }


def _context(
    ws: Workspace, contest: str | None, paslon_map: Mapping[str, int] | None
) -> OfficialContext:
    contests = {c.id: c.paslon_numbers for c in ws.contests()}
    if contest is not None and contest not in contests:
        raise NotFoundError(f"no contest {contest!r} in this workspace")
    default = contest or (next(iter(contests)) if len(contests) == 1 else None)
    with ws.store.reading() as s:
        tps_ids = frozenset(s.execute(select(TpsRow.id)).scalars())
    return OfficialContext(tps_ids, contests, default, paslon_map)


def import_official(
    ws: Workspace,
    actor: Actor,
    path: Path,
    *,
    contest: str | None = None,
    paslon_map: str | Mapping[str, int] | None = None,
    fmt: str | None = None,
) -> OfficialImport:
    """Import a file of official per-TPS numbers (csv, xlsx or SIREKAP-shaped JSON), whole or
    not at all. ``contest`` is the default for rows that name none; ``paslon_map`` maps SIREKAP
    candidate-pair ids to ballot numbers (``"100025=1,100026=2"``, SIREKAP's paslon JSON, or a
    mapping)."""
    require_role(actor, Role.SUPERVISOR, Role.ADMIN)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    mapping: Mapping[str, int] | None
    if isinstance(paslon_map, str):
        try:
            mapping = parse_paslon_map(paslon_map)
        except ValueError as e:
            raise InputError(str(e)) from None
    else:
        mapping = paslon_map
    ctx = _context(ws, contest, mapping)
    try:
        parsed = parse_official(path.name, data, ctx, fmt)
    except OfficialFileError as e:
        raise InputError(f"{e}; nothing was imported") from None
    digest = hashlib.sha256(data).hexdigest()
    now = ws.now()
    with ws.store.unit_of_work() as s:
        imp = OfficialImportRow(
            imported_at=now,
            imported_by=actor.name,
            file_name=path.name,
            file_sha256=digest,
            format=parsed.format,
            forms=len(parsed.rows),
            value_count=parsed.value_count,
        )
        s.add(imp)
        s.flush()
        keys = {(r.tps, r.contest) for r in parsed.rows}
        existing = {
            (t, c)
            for t, c in s.execute(select(OfficialCurrentRow.tps_id, OfficialCurrentRow.contest_id))
        }
        s.execute(
            insert(OfficialValueRow),
            [
                {
                    "import_id": imp.id,
                    "tps_id": r.tps,
                    "contest_id": r.contest,
                    "field": f,
                    "value": v,
                }
                for r in parsed.rows
                for f, v in r.values.items()
            ],
        )
        upsert = dialect_upsert(OfficialCurrentRow, ws.store.dialect)
        s.execute(
            upsert.on_conflict_do_update(
                index_elements=["tps_id", "contest_id"],
                set_={"import_id": upsert.excluded.import_id},
            ),
            [{"tps_id": r.tps, "contest_id": r.contest, "import_id": imp.id} for r in parsed.rows],
        )
        result = OfficialImport(
            imp.id,
            path.name,
            digest,
            parsed.format,
            len(parsed.rows),
            parsed.value_count,
            len(keys & existing),
        )
        append_event(
            s,
            now,
            actor,
            "official.import",
            target=path.name,
            details=result.to_json(),
        )
    return result


def official_values(ws: Workspace, contest_id: str) -> dict[str, dict[str, int]]:
    """The current official numbers of a contest: TPS id → field → value."""
    ws.form_spec(contest_id)
    out: dict[str, dict[str, int]] = {}
    with ws.store.reading() as s:
        rows = s.execute(
            select(OfficialValueRow.tps_id, OfficialValueRow.field, OfficialValueRow.value)
            .join(
                OfficialCurrentRow,
                (OfficialCurrentRow.tps_id == OfficialValueRow.tps_id)
                & (OfficialCurrentRow.contest_id == OfficialValueRow.contest_id)
                & (OfficialCurrentRow.import_id == OfficialValueRow.import_id),
            )
            .where(OfficialValueRow.contest_id == contest_id)
        ).all()
    for tps, f, v in rows:
        out.setdefault(tps, {})[f] = v
    return out


def selisih(
    ws: Workspace,
    contest_id: str,
    *,
    include_pending: bool = False,
    cache: RecapCache | None = None,
) -> SelisihReport:
    """Every difference between the official numbers and our final ones (see the module doc)."""
    recap = (cache or RecapCache(ws)).recap(contest_id)
    return compare(recap, official_values(ws, contest_id), include_pending=include_pending)


def selisih_summary(
    ws: Workspace, contest_id: str, level: str | Level, *, cache: RecapCache | None = None
) -> list[RegionSelisih]:
    """Per desa, kecamatan or the kabupaten: TPS compared and differing, the sums compared."""
    try:
        lv = level_of_name(level) if isinstance(level, str) else level
    except ValueError as e:
        raise InputError(str(e)) from None
    recap = (cache or RecapCache(ws)).recap(contest_id)
    return summarize(recap, official_values(ws, contest_id), lv)
