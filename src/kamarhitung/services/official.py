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
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select

from kamarhitung.core.model import Level, Role
from kamarhitung.core.official import (
    OfficialContext,
    OfficialFile,
    OfficialFileError,
    RegionSelisih,
    RegionTotal,
    SelisihReport,
    candidate_map,
    compare,
    compare_regions,
    is_region_file,
    parse_dhasil_xlsx,
    parse_official,
    parse_paslon_map,
    parse_region_json,
    summarize,
)
from kamarhitung.core.recap import RECAP_LEVELS, level_of_name
from kamarhitung.core.refusal import CodedText
from kamarhitung.services.audit import append_event
from kamarhitung.services.common import Actor, InputError, NotFoundError, require_role
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.dialect import upsert as dialect_upsert
from kamarhitung.store.models import (
    OfficialCurrentRow,
    OfficialFlagRow,
    OfficialImportRow,
    OfficialRegionRow,
    OfficialValueRow,
    RegionRow,
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
    all_contests = ws.contests()
    contests = {c.id: c.paslon_numbers for c in all_contests}
    if contest is not None and contest not in contests:
        raise NotFoundError("UNKNOWN_CONTEST", contest=contest)
    default = contest or (next(iter(contests)) if len(contests) == 1 else None)
    with ws.store.reading() as s:
        tps_ids = frozenset(s.execute(select(TpsRow.id)).scalars())
    forms = {c.id: ws.form_spec(c.id) for c in all_contests}
    return OfficialContext(
        tps_ids,
        contests,
        default,
        paslon_map,
        fields={c: frozenset(f.field_ids) for c, f in forms.items()},
        admin_maps={c: f.template.sirekap for c, f in forms.items() if f.template.sirekap},
        kolom_kosong={
            c.id: p.nomor_urut for c in all_contests for p in c.paslon if p.is_kolom_kosong
        },
    )


@dataclass(frozen=True, slots=True)
class OfficialBatch:
    """What an import of several files stored (one transaction)."""

    files: int
    candidate_files: int
    forms: int
    values: int
    flagged: int
    """Forms that came with SIREKAP's own flags."""
    imports: tuple[OfficialImport, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "files": self.files,
            "candidate_files": self.candidate_files,
            "forms": self.forms,
            "values": self.values,
            "flagged": self.flagged,
            "imports": [i.to_json() for i in self.imports],
        }


def import_official_files(
    ws: Workspace,
    actor: Actor,
    paths: Sequence[Path],
    *,
    contest: str | None = None,
    paslon_map: str | Mapping[str, int] | None = None,
    fmt: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    dhasil: bool = False,
) -> OfficialBatch:
    """Import several files at once, whole or not at all: SIREKAP's candidate files among them
    (recognised by their shape) map its candidate ids to ballot numbers for the others; every
    other file is read as :func:`import_official` reads one. Any bad file: nothing is imported
    and the error names every bad file's first problem. ``progress(done, total)`` per file."""
    require_role(actor, Role.SUPERVISOR, Role.ADMIN)
    blobs: list[tuple[Path, bytes]] = []
    for path in paths:
        try:
            blobs.append((path, path.read_bytes()))
        except OSError as e:
            raise InputError("CANNOT_READ", path=str(path), reason=e.strerror or "?") from None
    mapping: dict[str, int] = {}
    if isinstance(paslon_map, str):
        try:
            mapping.update(parse_paslon_map(paslon_map))
        except ValueError as e:
            raise InputError("BAD_PASLON_MAP", detail=str(e)) from None
    elif paslon_map is not None:
        mapping.update(paslon_map)
    data_files: list[tuple[Path, bytes]] = []
    candidates = 0
    for path, data in blobs:
        cand = candidate_map(data) if path.suffix.lower() == ".json" else None
        if cand is not None:
            candidates += 1
            mapping.update(cand)
        else:
            data_files.append((path, data))
    if not data_files:
        raise InputError("NO_OFFICIAL_FILE")
    ctx = _context(ws, contest, mapping or None)
    parsed: list[tuple[Path, bytes, OfficialFile]] = []
    region_files: list[tuple[Path, bytes, list[RegionTotal]]] = []
    errors: list[CodedText] = []
    total = len(data_files)
    regions: frozenset[str] = frozenset()
    if dhasil or any(p.suffix.lower() == ".json" and is_region_file(d) for p, d in data_files):
        with ws.store.reading() as s:
            regions = frozenset(s.execute(select(RegionRow.code)).scalars())
    for n, (path, data) in enumerate(data_files, 1):
        try:
            if path.suffix.lower() == ".json" and is_region_file(data):
                region_files.append((path, data, parse_region_json(path.name, data, ctx, regions)))
            elif dhasil:
                region_files.append((path, data, parse_dhasil_xlsx(path.name, data, ctx, regions)))
            else:
                parsed.append((path, data, parse_official(path.name, data, ctx, fmt)))
        except OfficialFileError as e:
            errors.append(e.coded_text())
        if progress is not None and (n == total or n % 500 == 0):
            progress(n, total)
    if errors:
        more = CodedText("OFFICIAL_MORE_FILES", count=len(errors) - 1) if len(errors) > 1 else ""
        raise InputError("OFFICIAL_FILES_REFUSED", problems=errors[0], more=more)
    seen: dict[tuple[str, str], str] = {}
    for path, _data, pf in parsed:
        for r in pf.rows:
            other = seen.get((r.tps, r.contest))
            if other is not None:
                raise InputError(
                    "TPS_IN_TWO_FILES", file=path.name, tps=r.tps, contest=r.contest, other=other
                )
            seen[(r.tps, r.contest)] = path.name
    now = ws.now()
    with ws.store.unit_of_work() as s:
        existing = {
            (t, c)
            for t, c in s.execute(select(OfficialCurrentRow.tps_id, OfficialCurrentRow.contest_id))
        }
        values_rows: list[dict[str, object]] = []
        current_rows: list[dict[str, object]] = []
        flag_rows: list[dict[str, object]] = []
        results: list[OfficialImport] = []
        for path, data, pf in parsed:
            digest = hashlib.sha256(data).hexdigest()
            imp = OfficialImportRow(
                imported_at=now,
                imported_by=actor.name,
                file_name=path.name,
                file_sha256=digest,
                format=pf.format,
                forms=len(pf.rows),
                value_count=pf.value_count,
            )
            s.add(imp)
            s.flush()
            for r in pf.rows:
                values_rows.extend(
                    {
                        "import_id": imp.id,
                        "tps_id": r.tps,
                        "contest_id": r.contest,
                        "field": f,
                        "value": v,
                    }
                    for f, v in r.values.items()
                )
                current_rows.append({"tps_id": r.tps, "contest_id": r.contest, "import_id": imp.id})
                if r.flags:
                    flag_rows.append(
                        {
                            "import_id": imp.id,
                            "tps_id": r.tps,
                            "contest_id": r.contest,
                            "flags_json": json.dumps(r.flags, sort_keys=True),
                        }
                    )
            keys = {(r.tps, r.contest) for r in pf.rows}
            results.append(
                OfficialImport(
                    imp.id,
                    path.name,
                    digest,
                    pf.format,
                    len(pf.rows),
                    pf.value_count,
                    len(keys & existing),
                )
            )
        region_rows: list[dict[str, object]] = []
        for path, data, region_totals in region_files:
            digest = hashlib.sha256(data).hexdigest()
            n_values = sum(len(t.values) for t in region_totals)
            imp = OfficialImportRow(
                imported_at=now,
                imported_by=actor.name,
                file_name=path.name,
                file_sha256=digest,
                format="json" if path.suffix.lower() == ".json" else "xlsx",
                forms=len(region_totals),
                value_count=n_values,
            )
            s.add(imp)
            s.flush()
            region_rows.extend(
                {
                    "import_id": imp.id,
                    "region_code": t.code,
                    "contest_id": t.contest,
                    "field": f,
                    "value": v,
                }
                for t in region_totals
                for f, v in t.values.items()
            )
            results.append(
                OfficialImport(imp.id, path.name, digest, imp.format, imp.forms, n_values, 0)
            )
        if region_rows:
            s.execute(insert(OfficialRegionRow), region_rows)
        if values_rows:
            s.execute(insert(OfficialValueRow), values_rows)
        if flag_rows:
            s.execute(insert(OfficialFlagRow), flag_rows)
        if current_rows:
            upsert = dialect_upsert(OfficialCurrentRow, ws.store.dialect)
            s.execute(
                upsert.on_conflict_do_update(
                    index_elements=["tps_id", "contest_id"],
                    set_={"import_id": upsert.excluded.import_id},
                ),
                current_rows,
            )
        batch = OfficialBatch(
            len(blobs),
            candidates,
            sum(i.forms for i in results),
            sum(i.values for i in results),
            len(flag_rows),
            tuple(results),
        )
        details: dict[str, object] = {k: v for k, v in batch.to_json().items() if k != "imports"}
        details["first_file"] = results[0].file_name
        details["sha256"] = [i.sha256 for i in results] if len(results) <= 100 else []
        details["sha256_of_list"] = hashlib.sha256(
            "".join(i.sha256 for i in results).encode()
        ).hexdigest()
        append_event(s, now, actor, "official.import", target=results[0].file_name, details=details)
    return batch


def region_totals(ws: Workspace, contest_id: str, level: Level) -> dict[str, dict[str, int]]:
    """The official region totals of a level (the latest import of each region): code → field
    → value; empty when none was imported (SIREKAP's region files, a keyed D.HASIL)."""
    length = {Level.KABUPATEN: 4, Level.KECAMATAN: 6, Level.DESA: 10}.get(level)
    if length is None:
        return {}
    out: dict[str, dict[str, int]] = {}
    with ws.store.raw_reading() as raw:
        rows = raw.execute(
            "SELECT r.region_code, r.field, r.value FROM official_region r "
            "WHERE r.contest_id = ? AND length(r.region_code) = ? AND r.import_id = "
            "(SELECT max(q.import_id) FROM official_region q WHERE q.contest_id = r.contest_id "
            "AND q.region_code = r.region_code)",
            (contest_id, length),
        ).fetchall()
    for code, f, v in rows:
        out.setdefault(code, {})[f] = v
    return out


def region_selisih(
    ws: Workspace, contest_id: str, level: str | Level, *, cache: RecapCache | None = None
) -> tuple[list[dict[str, object]], str]:
    """``[{"region", "field", "official", "ours"}]`` at a region level, and where the official
    numbers came from: the official region totals when some were imported for this level
    (ours: the sum over the region's final TPS), else the sums over the TPS compared."""
    try:
        lv = level_of_name(level) if isinstance(level, str) else level
    except ValueError:
        allowed = ", ".join(x.value for x in RECAP_LEVELS)
        raise InputError("NOT_ONE_OF", what="level", value=str(level), allowed=allowed) from None
    totals = region_totals(ws, contest_id, lv)
    recap = (cache or RecapCache(ws)).recap(contest_id)
    if totals:
        lines = [
            {"region": c, "field": f, "official": o, "ours": u}
            for c, f, o, u in compare_regions(recap, totals, lv)
        ]
        return lines, "region totals"
    summary = summarize(recap, official_values(ws, contest_id), lv)
    lines = [
        {"region": r.code, "field": f, "official": r.official[f], "ours": r.ours[f]}
        for r in summary
        for f in r.official
        if r.official[f] != r.ours[f]
    ]
    return lines, "TPS numbers summed"


def flag_counts(ws: Workspace, contest_id: str) -> dict[str, int]:
    """How many TPS SIREKAP itself flags: a repeat vote (``psu``), votes or administration not
    verified (``status_suara``, ``status_adm`` false), and how many came with flags at all."""
    flags = official_flags(ws, contest_id)
    if not flags:
        return {}
    return {
        "tps_with_flags": len(flags),
        "psu": sum(1 for f in flags.values() if f.get("psu")),
        "votes_not_verified": sum(1 for f in flags.values() if f.get("status_suara") is False),
        "administration_not_verified": sum(
            1 for f in flags.values() if f.get("status_adm") is False
        ),
        "without_images": sum(1 for f in flags.values() if f.get("images") == 0),
    }


def official_flags(ws: Workspace, contest_id: str) -> dict[str, dict[str, object]]:
    """SIREKAP's current flags per TPS of a contest (from the import holding its numbers)."""
    with ws.store.reading() as s:
        rows = s.execute(
            select(OfficialFlagRow.tps_id, OfficialFlagRow.flags_json)
            .join(
                OfficialCurrentRow,
                (OfficialCurrentRow.tps_id == OfficialFlagRow.tps_id)
                & (OfficialCurrentRow.contest_id == OfficialFlagRow.contest_id)
                & (OfficialCurrentRow.import_id == OfficialFlagRow.import_id),
            )
            .where(OfficialFlagRow.contest_id == contest_id)
        ).all()
    return {t: json.loads(f) for t, f in rows}


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
        raise InputError("CANNOT_READ", path=str(path), reason=e.strerror or "?") from None
    mapping: Mapping[str, int] | None
    if isinstance(paslon_map, str):
        try:
            mapping = parse_paslon_map(paslon_map)
        except ValueError as e:
            raise InputError("BAD_PASLON_MAP", detail=str(e)) from None
    else:
        mapping = paslon_map
    ctx = _context(ws, contest, mapping)
    try:
        parsed = parse_official(path.name, data, ctx, fmt)
    except OfficialFileError as e:
        raise InputError("OFFICIAL_FILES_REFUSED", problems=e.coded_text(), more="") from None
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
    """The current official numbers of a contest: TPS id → field → value.

    Read with the driver's own cursor: 15,000 SIREKAP TPS bring some 200,000 numbers, and row
    objects would cost half a second of the one-second selisih."""
    ws.form_spec(contest_id)
    out: dict[str, dict[str, int]] = {}
    with ws.store.raw_reading() as raw:
        rows = raw.execute(
            "SELECT v.tps_id, v.field, v.value FROM official_value v "
            "JOIN official_current c ON c.tps_id = v.tps_id AND c.contest_id = v.contest_id "
            "AND c.import_id = v.import_id WHERE v.contest_id = ?",
            (contest_id,),
        ).fetchall()
    for tps, f, v in rows:
        d = out.get(tps)
        if d is None:
            d = out[tps] = {}
        d[f] = v
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
    except ValueError:
        allowed = ", ".join(x.value for x in RECAP_LEVELS)
        raise InputError("NOT_ONE_OF", what="level", value=str(level), allowed=allowed) from None
    recap = (cache or RecapCache(ws)).recap(contest_id)
    return summarize(recap, official_values(ws, contest_id), lv)
