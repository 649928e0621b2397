"""Recap, anomalies and official numbers through the services, on real demo workspaces: the recap
counts exactly the final records, the stored vectors agree with the JSON values (and a stale one
is never counted), the cache follows every change, migration 0002 back-fills old databases, and
official numbers import whole or not at all and differ exactly where they were made to."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pytest
from alembic import command
from openpyxl import Workbook
from sqlalchemy import func, select, text

from kamarhitung.core.entry import State
from kamarhitung.core.model import Level
from kamarhitung.core.recap import STATES, encode_vector
from kamarhitung.core.validation import has_errors, validate
from kamarhitung.services import entry
from kamarhitung.services.anomalies import scan_anomalies
from kamarhitung.services.common import Actor, InputError, PermissionDeniedError
from kamarhitung.services.official import (
    import_official,
    official_values,
    selisih,
    selisih_summary,
)
from kamarhitung.services.recap import (
    LAYOUT_KEY,
    RecapCache,
    export_recap,
    load_recap,
    rebuild_vectors,
    summary,
    verify_vectors,
)
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.models import (
    AuditEventRow,
    EntryRow,
    OfficialCurrentRow,
    OfficialImportRow,
    OfficialValueRow,
    RecordRow,
    RegionRow,
)
from kamarhitung.store.workspace import WorkspaceStore, alembic_config, head_revision

C = "gubernur"
DATA = Path(__file__).parents[1] / "store" / "data"


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def finals(ws: Workspace, contest: str = C) -> dict[str, dict[str, int]]:
    """The final values of a contest, read the plain way (JSON)."""
    with ws.store.reading() as s:
        rows = s.execute(
            select(RecordRow.tps_id, RecordRow.final_values).where(
                RecordRow.contest_id == contest, RecordRow.state == "final"
            )
        ).all()
    return {t: json.loads(v or "null") for t, v in rows}


def states(ws: Workspace, contest: str = C) -> dict[str, str]:
    with ws.store.reading() as s:
        rows = s.execute(
            select(RecordRow.tps_id, RecordRow.state).where(RecordRow.contest_id == contest)
        ).all()
    return {t: st for t, st in rows}


def sql(ws: Workspace, statement: str, **params: object) -> None:
    with ws.store.unit_of_work() as s:
        s.execute(text(statement), params)


# --- the recap -------------------------------------------------------------------------------


@pytest.mark.parametrize("contest", ["gubernur", "bupati"])
def test_the_recap_counts_exactly_the_final_records(mixed: Demo, contest: str) -> None:
    ws = mixed.ws
    r = load_recap(ws, contest)
    fin = finals(ws, contest)
    fields = ws.form_spec(contest).field_ids
    assert r.fields == fields
    assert 0 < r.tps_final == len(fin) < r.tps_total == 60
    total = r.total()
    assert total.values == {f: sum(v[f] for v in fin.values()) for f in fields}
    assert total.states == {st: list(states(ws, contest).values()).count(st) for st in STATES}
    desa = r.table(Level.DESA)
    for i, code in enumerate(desa.codes):
        mine = [v for t, v in fin.items() if t.startswith(code)]
        assert desa.values[i].tolist() == [sum(v[f] for v in mine) for f in fields]
        assert int(desa.tps_final[i]) == len(mine)
    with ws.store.reading() as s:
        counts = dict(
            s.execute(select(RegionRow.level, func.count()).group_by(RegionRow.level)).all()
        )
    assert len(desa) == counts["desa"]
    assert len(r.table(Level.KECAMATAN)) == counts["kecamatan"]
    assert summary(ws)[contest] == {
        "tps_total": 60,
        "tps_final": len(fin),
        "fingerprint": r.fingerprint,
    }


def test_stored_vectors_agree_with_the_json_values(mixed: Demo) -> None:
    ws = mixed.ws
    with ws.store.reading() as s:
        rows = s.execute(
            select(RecordRow.contest_id, RecordRow.final_values, RecordRow.final_vector).where(
                RecordRow.state == "final"
            )
        ).all()
        layouts: dict[str, str] = dict(
            s.execute(text("SELECT key, value FROM meta WHERE key LIKE 'recap.%'")).all()
        )
    assert rows
    for contest, values, vector in rows:
        fields = ws.form_spec(contest).field_ids
        assert vector == encode_vector(fields, json.loads(values or "null"))
        assert json.loads(layouts[LAYOUT_KEY + contest]) == list(fields)


def make_final(d: Demo, contest: str = C) -> str:
    """Finish a second entry agreeing with the first on a first_done form: it becomes final."""
    form = d.ws.form_spec(contest)
    with d.ws.store.reading() as s:
        firsts = s.execute(
            select(EntryRow)
            .join(
                RecordRow,
                (RecordRow.tps_id == EntryRow.tps_id)
                & (RecordRow.contest_id == EntryRow.contest_id),
            )
            .where(
                RecordRow.contest_id == contest,
                RecordRow.state == "first_done",
                EntryRow.slot == 1,
            )
            .order_by(EntryRow.tps_id)
        ).scalars()
        candidates = [
            (e.tps_id, e.user_id, json.loads(e.values_json))
            for e in firsts
            if not has_errors(validate(form, json.loads(e.values_json)))
        ]
    tps, first_user, values = candidates[0]
    for name in ("operator1", "operator2", "operator3", "operator4"):
        who = d.login(name)
        if who.user_id != first_user:
            res = entry.submit_entry(d.ws, who, {"tps": tps, "contest": contest, "values": values})
            assert res.state == State.FINAL
            return tps
    raise AssertionError("no second operator")


def test_the_cache_applies_one_more_final_form(mixed: Demo) -> None:
    cache = RecapCache(mixed.ws)
    before = cache.recap(C)
    other = cache.recap("bupati")
    assert cache.refresh() == frozenset()
    tps = make_final(mixed)
    assert cache.refresh() == frozenset({C})
    after = cache.recap(C)
    assert after.tps_final == before.tps_final + 1
    assert after.fingerprint != before.fingerprint
    fresh = load_recap(mixed.ws, C)
    assert after.fingerprint == fresh.fingerprint
    for level in ("tps", "desa", "kecamatan", "kabupaten"):
        assert after.to_json(level, "t") == fresh.to_json(level, "t")
    i = after.tree.tps_index[tps]
    assert after.values[i].tolist() == [finals(mixed.ws)[tps][f] for f in after.fields]
    assert cache.recap("bupati") is other  # untouched contest: the same object


def test_the_cache_follows_states_that_do_not_count(mixed: Demo) -> None:
    cache = RecapCache(mixed.ws)
    before = cache.recap(C)
    empty = next(t for t, st in sorted(states(mixed.ws).items()) if st == "empty")
    entry.claim_form(mixed.ws, mixed.login("operator1"), empty, C)
    assert cache.refresh() == frozenset({C})
    after = cache.recap(C)
    assert after.fingerprint == before.fingerprint
    assert (
        after.total().states["first_in_progress"] == before.total().states["first_in_progress"] + 1
    )


def test_a_stale_vector_is_never_counted(mixed: Demo) -> None:
    ws = mixed.ws
    cache = RecapCache(ws)
    cache.recap(C)
    tps, values = sorted(finals(ws).items())[0]
    changed = {**values, "IV.1": values["IV.1"] + 7}
    sql(
        ws,
        "UPDATE record SET final_values = :v WHERE tps_id = :t AND contest_id = :c",
        v=json.dumps(changed),
        t=tps,
        c=C,
    )
    with ws.store.reading() as s:
        rec = s.get(RecordRow, (tps, C))
        assert rec is not None and rec.final_vector is None  # the trigger nulled it
    for r in (cache.recap(C), load_recap(ws, C)):
        assert r.values[r.tree.tps_index[tps], r.field_index("IV.1")] == changed["IV.1"]
    # What a reopen does (FINAL → EMPTY) clears the vector too, whoever writes it.
    sql(
        ws,
        "UPDATE record SET state = 'empty', final_values = NULL, final_findings = NULL "
        "WHERE tps_id = :t AND contest_id = :c",
        t=sorted(finals(ws))[1],
        c=C,
    )
    with ws.store.reading() as s:
        stray = s.execute(
            select(func.count()).where(
                RecordRow.state != "final", RecordRow.final_vector.is_not(None)
            )
        ).scalar_one()
    assert stray == 0
    assert cache.recap(C).fingerprint == load_recap(ws, C).fingerprint


def test_a_vector_edited_by_hand_is_found(mixed: Demo) -> None:
    ws = mixed.ws
    assert verify_vectors(ws) == []
    tps, values = sorted(finals(ws).items())[0]
    forged = {**values, "IV.1": values["IV.1"] + 100}
    sql(
        ws,
        "UPDATE record SET final_vector = :v WHERE tps_id = :t AND contest_id = :c",
        v=encode_vector(ws.form_spec(C).field_ids, forged),
        t=tps,
        c=C,
    )
    assert verify_vectors(ws) == [(tps, C)]


def test_every_change_moves_change_seq(mixed: Demo) -> None:
    def seq(tps: str) -> int:
        with mixed.ws.store.reading() as s:
            rec = s.get(RecordRow, (tps, C))
            assert rec is not None
            return rec.change_seq

    empty = next(t for t, st in sorted(states(mixed.ws).items()) if st == "empty")
    with mixed.ws.store.reading() as s:
        top = s.execute(select(func.max(RecordRow.change_seq))).scalar_one()
    entry.claim_form(mixed.ws, mixed.login("operator2"), empty, C)
    assert seq(empty) == top + 1


def test_vectors_of_another_layout_are_not_trusted_until_rebuilt(mixed: Demo) -> None:
    ws = mixed.ws
    good = load_recap(ws, C)
    fields = list(ws.form_spec(C).field_ids)
    sql(
        ws,
        "UPDATE meta SET value = :v WHERE key = :k",
        v=json.dumps(fields[::-1]),
        k=LAYOUT_KEY + C,
    )
    assert load_recap(ws, C).fingerprint == good.fingerprint  # read from the JSON
    assert rebuild_vectors(ws) == len(finals(ws)) + len(finals(ws, "bupati"))
    assert ws.meta()[LAYOUT_KEY + C] == json.dumps(fields, separators=(",", ":"))
    assert load_recap(ws, C).fingerprint == good.fingerprint


def test_migration_0002_backfills_the_vectors_of_an_older_database(mixed: Demo) -> None:
    ws = mixed.ws
    good = {c: load_recap(ws, c).fingerprint for c in (C, "bupati")}
    with ws.store._writer.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
    ws.close()
    store = WorkspaceStore.open(mixed.path)
    try:
        assert store.current_revision() == head_revision()
        reopened = Workspace(store)
        for c, fp in good.items():
            assert load_recap(reopened, c).fingerprint == fp
        with store.reading() as s:
            missing = s.execute(
                select(func.count()).where(
                    RecordRow.state == "final", RecordRow.final_vector.is_(None)
                )
            ).scalar_one()
        assert missing == 0
    finally:
        store.close()


def test_the_frozen_schema_0001_database_upgrades_and_recaps(tmp_path: Path) -> None:
    frozen = DATA / "schema-0001.sqlite"
    if not frozen.exists():
        pytest.skip("no frozen schema-0001 database")
    (tmp_path / "ws").mkdir()
    shutil.copy(frozen, tmp_path / "ws" / "kamarhitung.sqlite")
    ws = open_workspace(tmp_path / "ws")
    try:
        for c in ws.contests():
            r = load_recap(ws, c.id)
            fin = finals(ws, c.id)
            assert r.tps_final == len(fin)
            assert r.total().values == {
                f: sum(v[f] for v in fin.values()) for f in ws.form_spec(c.id).field_ids
            }
        with ws.store.reading() as s:
            for contest, values, vector in s.execute(
                select(RecordRow.contest_id, RecordRow.final_values, RecordRow.final_vector).where(
                    RecordRow.state == "final"
                )
            ):
                assert vector == encode_vector(
                    ws.form_spec(contest).field_ids, json.loads(values or "null")
                )
    finally:
        ws.close()


def test_exports_are_written_whole_and_audited(mixed: Demo, tmp_path: Path) -> None:
    ws = mixed.ws
    sup = mixed.login("supervisor1")
    out = export_recap(ws, sup, C, "desa", "json", tmp_path / "r.json")
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["fingerprint"] == out.fingerprint == load_recap(ws, C).fingerprint
    assert out.rows == len(doc["rows"])
    x = export_recap(ws, None, C, "kecamatan", "xlsx", tmp_path / "r.xlsx")
    assert x.sheets == ("KECAMATAN", "KABUPATEN")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with ws.store.reading() as s:
        events = [
            (e.action, e.user_name, json.loads(e.details_json))
            for e in s.execute(
                select(AuditEventRow).where(AuditEventRow.action == "recap.export")
            ).scalars()
        ]
    assert [(a, u, d["format"], d["sha256"]) for a, u, d in events] == [
        ("recap.export", "supervisor1", "json", out.sha256),
        ("recap.export", "anonymous", "xlsx", x.sha256),
    ]
    with pytest.raises(InputError, match="level"):
        export_recap(ws, None, C, "provinsi", "json", tmp_path / "p.json")
    with pytest.raises(InputError, match="format"):
        export_recap(ws, None, C, "desa", "pdf", tmp_path / "p.pdf")


# --- anomalies -------------------------------------------------------------------------------


def test_the_anomaly_scan_includes_the_findings_stored_on_forms(mixed: Demo) -> None:
    ws = mixed.ws
    tps = sorted(finals(ws))[0]
    # A form accepted as janggal carries its findings; plant one (the demo's finals have none).
    stored = [{"code": "RESERVE", "level": "W", "fields": ["II.1"], "params": {"left": 9}}]
    sql(
        ws,
        "UPDATE record SET final_findings = :f WHERE tps_id = :t AND contest_id = :c",
        f=json.dumps(stored),
        t=tps,
        c=C,
    )
    found = {(a.tps, a.code): a for a in scan_anomalies(ws, C)}
    assert found[(tps, "RESERVE")].to_json() == {
        "tps": tps,
        "code": "RESERVE",
        "level": "W",
        "detail": {"source": "form", "fields": ["II.1"], "params": {"left": 9}},
    }
    cross = {(a.tps, a.code) for a in scan_anomalies(ws, C, include_form_findings=False)}
    assert set(found) - cross == {(tps, "RESERVE")}
    assert all(a.level in ("E", "W") for a in found.values())


# --- official numbers ------------------------------------------------------------------------

PLANTED = {("IV.1", 3), ("V.B", -1)}


def official_from_finals(
    ws: Workspace, n_pending: int = 2
) -> tuple[dict[str, dict[str, int]], set[tuple[str, str, int, int]], list[str]]:
    """Official numbers equal to our final ones, with two planted differences, plus official
    numbers for TPS that are not final yet (pending, not differences)."""
    fin = finals(ws)
    keep = ("IV.1", "IV.2", "IV.3", "V.A", "V.B", "V.C")
    official = {t: {f: v[f] for f in keep} for t, v in sorted(fin.items())}
    targets = sorted(official)[:2]
    planted = set()
    for t, (f, delta) in zip(targets, sorted(PLANTED), strict=True):
        planted.add((t, f, official[t][f] + delta, official[t][f]))
        official[t][f] += delta
    # A number left out is not compared.
    del official[sorted(official)[3]]["V.C"]
    pending = [t for t, st in sorted(states(ws).items()) if st != "final"][:n_pending]
    for t in pending:
        official[t] = {"IV.1": 1, "V.A": 1}
    return official, planted, pending


def write_csv(path: Path, official: dict[str, dict[str, int]]) -> Path:
    fields = ["IV.1", "IV.2", "IV.3", "V.A", "V.B", "V.C"]
    lines = [
        "kode_tps;pemilihan;"
        + ";".join(["paslon_1", "paslon_2", "paslon_3"])
        + ";suara_sah;suara_tidak_sah;suara_total"
    ]
    for t, v in official.items():
        dotted = f"{t[:2]}.{t[2:4]}.{t[4:6]}.{t[6:10]}.{t[10:]}"
        lines.append(";".join([dotted, C, *(str(v.get(f, "")) for f in fields)]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path, official: dict[str, dict[str, int]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["DATA RESMI KPU (contoh)"])
    ws.append([])
    fields = ["IV.1", "IV.2", "IV.3", "V.A", "V.B", "V.C"]
    ws.append(["TPS", "Pemilihan", *fields])
    for t, v in official.items():
        ws.append([int(t), C, *(v.get(f) for f in fields)])
    wb.save(path)
    return path


SIREKAP_IDS = {1: "100025", 2: "100026", 3: "100027"}


def sirekap_object(v: dict[str, int]) -> dict[str, object]:
    return {
        "chart": {"null": None, **{SIREKAP_IDS[n]: v.get(f"IV.{n}") for n in (1, 2, 3)}},
        "images": ["https://example.invalid/c1.jpg"],
        "administrasi": {
            "suara_sah": v.get("V.A"),
            "suara_tidak_sah": v.get("V.B"),
            "suara_total": v.get("V.C"),
            # A voter row is compared only when given (tests/cli/test_sirekap_cli.py).
            **({"pemilih_dpt_j": v["I.A.1.J"]} if "I.A.1.J" in v else {}),
        },
        "psu": None,
        "ts": "2024-11-28 10:00:00",
        "status_suara": True,
        "status_adm": True,
    }


def write_sirekap(path: Path, official: dict[str, dict[str, int]]) -> Path:
    path.write_text(json.dumps({t: sirekap_object(v) for t, v in official.items()}))
    return path


def write_sirekap_list(path: Path, official: dict[str, dict[str, int]]) -> Path:
    items = [
        {"url": f"https://sirekap.invalid/pkwkp/{t}.json", "data": sirekap_object(v)}
        for t, v in official.items()
    ]
    path.write_text(json.dumps(items))
    return path


WRITERS: dict[str, tuple[str, Callable[[Path, dict[str, dict[str, int]]], Path]]] = {
    "csv": ("official.csv", write_csv),
    "xlsx": ("official.xlsx", write_xlsx),
    "sirekap": ("sirekap.json", write_sirekap),
    "sirekap-list": ("sirekap-list.json", write_sirekap_list),
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_selisih_finds_exactly_the_planted_differences(
    mixed: Demo, tmp_path: Path, kind: str
) -> None:
    ws = mixed.ws
    official, planted, pending = official_from_finals(ws)
    name, writer = WRITERS[kind]
    path = writer(tmp_path / name, official)
    res = import_official(ws, mixed.login("supervisor1"), path, contest=C)
    assert res.forms == len(official)
    assert res.format == ("json" if kind.startswith("sirekap") else kind)
    assert official_values(ws, C) == official
    rep = selisih(ws, C)
    assert {(d.tps, d.field, d.official, d.ours) for d in rep.differences} == planted
    assert rep.pending == tuple(pending)
    assert rep.compared == len(official) - len(pending)
    listed = selisih(ws, C, include_pending=True)
    assert {d.tps for d in listed.differences if d.ours is None} == set(pending)
    by_kec = selisih_summary(ws, C, "kecamatan")
    assert sum(r.tps_different for r in by_kec) == 2
    assert sum(r.tps_official for r in by_kec) == len(official)
    total = {f: sum(r.difference[f] for r in by_kec) for f in ("IV.1", "V.B", "V.A")}
    assert total == {"IV.1": -3, "V.B": 1, "V.A": 0}  # ours − official
    kab = selisih_summary(ws, C, Level.KABUPATEN)
    assert len(kab) == 1 and kab[0].tps_compared == rep.compared


def test_a_paslon_map_maps_sirekap_ids(mixed: Demo, tmp_path: Path) -> None:
    ws = mixed.ws
    official, _, _ = official_from_finals(ws, n_pending=0)
    shuffled = {1: "900003", 2: "900001", 3: "900002"}  # ascending order would be wrong
    doc = {}
    for t, v in official.items():
        obj = sirekap_object(v)
        obj["chart"] = {shuffled[n]: v.get(f"IV.{n}") for n in (1, 2, 3)}
        doc[t] = obj
    path = tmp_path / "sirekap.json"
    path.write_text(json.dumps(doc))
    sup = mixed.login("supervisor1")
    import_official(ws, sup, path, contest=C, paslon_map="900003=1,900001=2,900002=3")
    assert official_values(ws, C) == official
    with pytest.raises(InputError, match="candidate id 900002 is mapped to a ballot number by no"):
        import_official(ws, sup, path, contest=C, paslon_map="900003=1,900001=2")


def test_a_reimport_replaces_and_keeps_the_history(mixed: Demo, tmp_path: Path) -> None:
    ws = mixed.ws
    sup = mixed.login("supervisor2")
    official, _, _ = official_from_finals(ws, n_pending=0)
    first = import_official(ws, sup, write_csv(tmp_path / "a.csv", official), contest=C)
    tps = sorted(official)[0]
    again = import_official(ws, sup, write_csv(tmp_path / "b.csv", {tps: {"IV.1": 1}}), contest=C)
    assert (first.replaced, again.replaced) == (0, 1)
    current = official_values(ws, C)
    assert current[tps] == {"IV.1": 1}  # the whole form's numbers replaced
    assert current[sorted(official)[1]] == official[sorted(official)[1]]
    with ws.store.reading() as s:
        n_values = s.execute(select(func.count()).select_from(OfficialValueRow)).scalar_one()
        imports = s.execute(select(OfficialImportRow).order_by(OfficialImportRow.id)).scalars()
        history = [(i.imported_by, i.file_name, i.forms) for i in imports]
        audited = s.execute(
            select(func.count()).where(AuditEventRow.action == "official.import")
        ).scalar_one()
    assert n_values == first.values + 1
    assert history == [("supervisor2", "a.csv", len(official)), ("supervisor2", "b.csv", 1)]
    assert audited == 2
    with pytest.raises(Exception, match="append-only"):
        sql(ws, "DELETE FROM official_value")


def nothing_imported(ws: Workspace) -> bool:
    with ws.store.reading() as s:
        return all(
            s.execute(select(func.count()).select_from(t)).scalar_one() == 0
            for t in (OfficialImportRow, OfficialValueRow, OfficialCurrentRow)
        )


T = "{tps}"
BAD_FILES: list[tuple[str, str, str, str]] = [
    ("unknown TPS", "x.csv", "tps,IV.1\n3578999999001,5\n", "row 2: TPS 3578999999001 is not"),
    ("not a number", "x.csv", f"tps,IV.1,V.A\n{T},5,lima\n", "row 2, column 'V.A' (V.A): 'lima'"),
    ("negative", "x.csv", f"tps,IV.1\n{T},-5\n", "row 2, column 'IV.1' (IV.1): -5 is negative"),
    ("no such pair", "x.csv", f"tps,IV.4\n{T},5\n", "row 2, column 'IV.4': contest gubernur"),
    ("twice", "x.csv", f"tps,IV.1\n{T},5\n{T},6\n", "row 3: TPS {tps} (gubernur) is given twice"),
    ("bad id", "x.csv", "tps,IV.1\n35780,5\n", "row 2, column 'tps': '35780' is not a TPS id"),
    ("no header", "x.csv", "a,b\n1,2\n", "no header row with a TPS column"),
    ("no votes column", "x.csv", f"tps,desa\n{T},x\n", "no column of votes"),
    ("unknown contest", "x.csv", f"tps,pemilihan,IV.1\n{T},dpr,5\n", "contest 'dpr' is not"),
    ("empty", "x.csv", "", "the file is empty"),
    ("header only", "x.csv", "tps,IV.1\n", "holds no official numbers"),
    ("bad json", "x.json", '{"chart": ', "not valid JSON"),
    (
        "too few paslon ids",
        "x.json",
        f'{{"{T}": {{"chart": {{"100025": 5, "100026": 6}}}}}}',
        "names 2 paslon ids (100025, 100026) where contest gubernur has 3",
    ),
    ("not json votes", "x.json", f'{{"{T}": {{"values": {{"V.A": "x"}}}}}}', "values.V.A: 'x'"),
    ("no tps in json", "x.json", '[{"values": {"V.A": 5}}]', "item 1: no TPS id"),
    ("not xlsx", "x.xlsx", "tps,IV.1\n", "not an Excel workbook"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_a_bad_file_imports_nothing(
    mixed: Demo, tmp_path: Path, name: str, content: str, message: str
) -> None:
    ws = mixed.ws
    tps = sorted(finals(ws))[0]
    path = tmp_path / name
    path.write_text(content.replace(T, tps))
    with pytest.raises(InputError) as e:
        import_official(ws, mixed.login("supervisor1"), path, contest=C)
    assert message.replace(T, tps) in str(e.value)
    assert str(e.value).startswith(f"{name}: ") and str(e.value).endswith("nothing was imported")
    assert nothing_imported(ws)


def test_every_problem_is_counted_in_the_one_sentence(mixed: Demo, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("tps,IV.1\n3578999999001,1\n3578999999002,x\n35,1\n")
    with pytest.raises(InputError, match=r"row 2: .* \(and 2 more problems\); nothing was"):
        import_official(mixed.ws, mixed.login("supervisor1"), path, contest=C)


def test_operators_may_not_import_official_numbers(mixed: Demo, tmp_path: Path) -> None:
    official, _, _ = official_from_finals(mixed.ws, n_pending=0)
    path = write_csv(tmp_path / "a.csv", official)
    with pytest.raises(PermissionDeniedError):
        import_official(mixed.ws, mixed.login("operator1"), path, contest=C)
    assert nothing_imported(mixed.ws)
