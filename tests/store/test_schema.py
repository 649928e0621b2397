"""The workspace database: migrations match the models, pragmas, constraints, append-only tables,
upgrading a database frozen at a released schema, and refusing one from a newer application."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Protocol

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc, select, text

from kamarhitung import cli
from kamarhitung.core.entry import State
from kamarhitung.core.model import Role
from kamarhitung.services import accounts, entry
from kamarhitung.services.audit import verify_chain
from kamarhitung.services.common import Actor
from kamarhitung.services.entry import FieldDecision
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.models import Base, RecordRow
from kamarhitung.store.workspace import (
    DB_NAME,
    NewerSchemaError,
    WorkspaceStore,
    head_revision,
    known_revisions,
)

DATA = Path(__file__).with_name("data")
# The SQLite schema itself (sqlite_master, pragmas, SQLite's messages, the file): the same
# guarantees on PostgreSQL are tested in test_room_store.py.
pytestmark = pytest.mark.sqlite_only


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def schema_differences(store: WorkspaceStore) -> list[object]:
    with store.engine.connect() as conn:
        mc = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(mc, Base.metadata))


def test_a_fresh_workspace_migrates_up_to_exactly_the_models(tmp_path: Path) -> None:
    store = WorkspaceStore.create(tmp_path / "ws")
    try:
        assert store.current_revision() == head_revision()
        assert schema_differences(store) == []
        with store.engine.connect() as conn:
            tables = set(
                conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
            )
        assert set(Base.metadata.tables) | {"alembic_version"} == tables
        assert {"images", "keys", "backups"} <= {p.name for p in (tmp_path / "ws").iterdir()}
    finally:
        store.close()


def test_every_connection_has_the_pragmas(tmp_path: Path) -> None:
    store = WorkspaceStore.create(tmp_path / "ws")
    try:
        # Several pooled connections, each set up on connect.
        conns = [store.engine.connect() for _ in range(3)]
        for conn in conns:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        for conn in conns:
            conn.close()
    finally:
        store.close()


def raw(d: Demo, sql: str, **params: object) -> None:
    with d.ws.store.engine.begin() as conn:
        conn.execute(text(sql), params)


TPS = "3578011001001"


def some_tps(d: Demo) -> str:
    with d.ws.store.reading() as s:
        return str(s.execute(select(RecordRow.tps_id).limit(1)).scalar_one())


@pytest.mark.parametrize(
    ("sql", "constraint"),
    [
        ("UPDATE record SET state = 'bogus' WHERE tps_id = :tps", "ck_record_state"),
        (
            "UPDATE record SET state = 'final' WHERE tps_id = :tps",
            "ck_record_final_values_iff_final",
        ),
        (
            "UPDATE record SET final_values = '{}' WHERE tps_id = :tps",
            "ck_record_final_values_iff_final",
        ),
        (
            "INSERT INTO user (name, full_name, role, password_hash, active, failed_logins, "
            "created_at, password_changed_at) VALUES ('mallory', '', 'operator', "
            "'$2b$12$abcdefghijklmnopqrstuv', 1, 0, 'x', 'x')",
            "ck_user_argon2id",
        ),
        (
            "INSERT INTO user (name, full_name, role, password_hash, active, failed_logins, "
            "created_at, password_changed_at) VALUES ('mallory', '', 'operator', "
            "'$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA', 1, 0, 'x', 'x')",
            "ck_user_argon2id",
        ),
        (
            "INSERT INTO user (name, full_name, role, password_hash, active, failed_logins, "
            "created_at, password_changed_at) VALUES ('mallory', '', 'root', "
            "'$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA', 1, 0, 'x', 'x')",
            "ck_user_role",
        ),
        (
            "INSERT INTO tps (id, desa_code, number, dpt_l, dpt_p) "
            "VALUES (substr(:tps, 1, 12), substr(:tps, 1, 10), 998, 1, 1)",
            "ck_tps_id",
        ),
        (
            "INSERT INTO tps (id, desa_code, number, dpt_l, dpt_p) "
            "VALUES (substr(:tps, 1, 10) || '99A', substr(:tps, 1, 10), 998, 1, 1)",
            "ck_tps_id",
        ),
        (
            "INSERT INTO tps (id, desa_code, number, dpt_l, dpt_p) "
            "VALUES (substr(:tps, 1, 10) || '000', substr(:tps, 1, 10), 0, 1, 1)",
            "ck_tps_number",
        ),
        (
            "INSERT INTO tps (id, desa_code, number, dpt_l, dpt_p) "
            "VALUES (substr(:tps, 1, 10) || '998', substr(:tps, 1, 10), 998, -1, 1)",
            "ck_tps_dpt",
        ),
        ("INSERT INTO region VALUES ('35780', 'desa', 'X', '3578')", "ck_region_code"),
        ("INSERT INTO paslon VALUES ('gubernur', 7, 'A', 'B')", "ck_paslon_nomor"),
    ],
)
def test_check_constraints_bite(demo: Demo, sql: str, constraint: str) -> None:
    tps = some_tps(demo)
    with pytest.raises(exc.IntegrityError, match=f"CHECK constraint failed: {constraint}"):
        raw(demo, sql, tps=tps)


def test_foreign_keys_bite(demo: Demo) -> None:
    with pytest.raises(exc.IntegrityError, match="FOREIGN KEY constraint failed"):
        raw(
            demo,
            "INSERT INTO tps (id, desa_code, number, dpt_l, dpt_p) "
            "VALUES ('9999999999001', '9999999999', 1, 1, 1)",
        )
    with pytest.raises(exc.IntegrityError, match="FOREIGN KEY constraint failed"):
        raw(
            demo,
            "INSERT INTO record (tps_id, contest_id, state, updated_at) "
            "VALUES (:tps, 'presiden', 'empty', 'x')",
            tps=some_tps(demo),
        )


@pytest.mark.parametrize("table", ["entry_version", "audit_event", "resolution"])
@pytest.mark.parametrize("verb", ["UPDATE", "DELETE"])
def test_history_tables_are_append_only(mixed: Demo, table: str, verb: str) -> None:
    sup = mixed.login("supervisor1")
    (item, *_) = entry.queue(mixed.ws, sup, None, [State.DIFFERENT])
    entry.send_back(mixed.ws, sup, item.tps_id, item.contest_id, "untuk uji")
    with mixed.ws.store.reading() as s:
        n = s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    assert n > 0
    column = {"entry_version": "keystrokes", "audit_event": "outcome", "resolution": "reason"}[
        table
    ]
    value = "0" if table == "entry_version" else "'x'"
    sql = f"UPDATE {table} SET {column} = {value}" if verb == "UPDATE" else f"DELETE FROM {table}"
    with pytest.raises(exc.IntegrityError, match=f"{table} is append-only"):
        raw(mixed, sql)
    # The plain sqlite3 module (a hand edit) is refused just the same.
    con = sqlite3.connect(mixed.path / DB_NAME)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), con:
        con.execute(sql)
    con.close()
    with mixed.ws.store.reading() as s:
        assert s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == n
    # Appending still works.
    mixed.login("operator1")


# --- a database frozen at a released schema --------------------------------------------------

# tests/store/data/schema-0001.sqlite was made once with the code of schema 0001 (commit 0d9e080):
# create_workspace from a 3-TPS master (KOTA SURABAYA, desa 3578011001, TPS 001-003, contest
# walikota with 2 paslon), users admin/operator1/operator2 (passwords below, argon2id at the test
# cost), then TPS 001 final (both operators agreed on FORM_001), TPS 002 first_done (operator2),
# TPS 003 different (IV.2 68 vs 86, SAH-SUM on the second entry). WAL checkpointed, vacuumed.
# Never rewrite it: a new released schema gets a new file (schema-0002.sqlite, ...).
PASSWORDS = {"admin": "admin-0001-pw", "operator1": "op1-0001-pw", "operator2": "op2-0001-pw"}
FORM_001 = {
    "I.A.1.L": 101, "I.A.1.P": 111, "I.A.1.J": 212, "I.A.2.L": 0, "I.A.2.P": 0, "I.A.2.J": 0,
    "I.A.3.L": 1, "I.A.3.P": 1, "I.A.3.J": 2, "I.A.4.L": 102, "I.A.4.P": 112, "I.A.4.J": 214,
    "I.B.1.L": 80, "I.B.1.P": 90, "I.B.1.J": 170, "I.B.2.L": 0, "I.B.2.P": 0, "I.B.2.J": 0,
    "I.B.3.L": 1, "I.B.3.P": 1, "I.B.3.J": 2, "I.B.4.L": 81, "I.B.4.P": 91, "I.B.4.J": 172,
    "II.1": 218, "II.2": 172, "II.3": 1, "II.4": 45, "III.1.L": 1, "III.1.P": 0, "III.1.J": 1,
    "III.2.L": 1, "III.2.P": 0, "III.2.J": 1, "IV.1": 100, "IV.2": 68, "V.A": 168, "V.B": 4,
    "V.C": 172,
}  # fmt: skip
T1, T2, T3 = "3578011001001", "3578011001002", "3578011001003"


def frozen(tmp_path: Path, name: str) -> Path:
    src = DATA / name
    assert src.stat().st_size < 300_000
    ws = tmp_path / "ws"
    ws.mkdir()
    shutil.copyfile(src, ws / DB_NAME)
    return ws


def test_the_frozen_schema_0001_database_opens_and_works(tmp_path: Path) -> None:
    path = frozen(tmp_path, "schema-0001.sqlite")
    con = sqlite3.connect(path / DB_NAME)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    con.close()
    assert "0001" in known_revisions()

    ws = open_workspace(path)
    try:
        # Migrated to this application's schema, exactly the models.
        assert ws.store.current_revision() == head_revision()
        assert schema_differences(ws.store) == []
        assert ws.store.integrity_check() == "ok"
        meta = ws.meta()
        assert (meta["kabupaten_code"], meta["kabupaten_name"]) == ("3578", "KOTA SURABAYA")
        (contest,) = ws.contests()
        assert (contest.id, contest.template_id, contest.paslon_numbers) == (
            "walikota",
            "pilkada-kwk",
            (1, 2),
        )
        st = entry.status(ws)["walikota"]
        assert st["tps_total"] == 3
        states = st["states"]
        assert isinstance(states, dict)
        assert {k: n for k, n in states.items() if n} == {
            "final": 1,
            "first_done": 1,
            "different": 1,
        }
        with ws.store.reading() as s:
            rec = s.get(RecordRow, (T1, "walikota"))
            assert rec is not None
            assert json.loads(rec.final_values or "") == FORM_001
            assert (rec.final_source, rec.finalized_by) == ("agreed", "double-entry")
            assert verify_chain(s).intact

        # The old users log in; an admin adds a supervisor who resolves the old difference.
        admin = accounts.authenticate(ws, "admin", PASSWORDS["admin"])
        op1 = accounts.authenticate(ws, "operator1", PASSWORDS["operator1"])
        accounts.add_user(ws, admin, "supervisor1", Role.SUPERVISOR, "sup-0002-pw")
        sup = accounts.authenticate(ws, "supervisor1", "sup-0002-pw")
        # Issue 12: accounts added before user hashes were chained still log in (checked by
        # the role their user.add recorded), beside the new, hashed ones.
        assert accounts.authenticate(ws, "operator2", PASSWORDS["operator2"]).name == "operator2"
        view = entry.resolution_view(ws, sup, T3, "walikota")
        assert view.state == State.DIFFERENT and view.differing_fields == ("IV.2",)
        assert [(e.slot, e.user, e.values["IV.2"]) for e in view.entries] == [
            (1, "operator1", 68),
            (2, "operator2", 86),
        ]
        res = entry.resolve(ws, sup, T3, "walikota", {"IV.2": FieldDecision("keep_first")}, "foto")
        assert res.state == State.FINAL
        # Keying goes on where it stopped: operator1 makes the second entry of TPS 002.
        kf = entry.next_form(ws, op1, "walikota")
        assert kf is not None and (kf.tps.tps_id, kf.slot, kf.values) == (T2, 2, {})
        second = dict(FORM_001)
        for k in ("I.A.1.L", "I.A.1.P", "I.A.1.J", "I.A.4.L", "I.A.4.P", "I.A.4.J"):
            second[k] += {"L": 1, "P": 1, "J": 2}[k[-1]]
        second["II.1"], second["II.4"] = 220, 47
        assert entry.finish_entry(ws, op1, T2, "walikota", second).state == State.FINAL
        with ws.store.reading() as s:
            assert verify_chain(s).intact
        from kamarhitung.services.integrity import verify_workspace

        rep = verify_workspace(ws)  # the whole check, old records and new ones together
        assert rep.intact, rep.problems
    finally:
        ws.close()


def test_a_database_from_a_newer_application_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = frozen(tmp_path, "schema-0001.sqlite")
    con = sqlite3.connect(path / DB_NAME)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.close()
    before = (path / DB_NAME).read_bytes()
    with pytest.raises(NewerSchemaError) as ei:
        WorkspaceStore.open(path)
    message = str(ei.value)
    assert "newer version of kamarhitung" in message
    assert "9999_from_the_future" in message
    assert "update the application" in message
    with pytest.raises(NewerSchemaError):
        open_workspace(path)
    # Nothing was migrated or written.
    con = sqlite3.connect(path / DB_NAME)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
        ("9999_from_the_future",)
    ]
    con.close()
    assert (path / DB_NAME).read_bytes() == before
    # The command line refuses it with exit code 2 and the reason.
    assert cli.main(["status", str(path), "--json"]) == 2
    assert "newer version of kamarhitung" in capsys.readouterr().err


def test_the_text_reading_of_the_migrations_agrees_with_alembic() -> None:
    """Opening a workspace reads the revision graph from the migration files as text (to spare
    importing Alembic); it must name the same head and revisions as Alembic does."""
    from alembic.script import ScriptDirectory

    from kamarhitung.store.workspace import alembic_config, head_revision, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {s.revision for s in script.walk_revisions()}
