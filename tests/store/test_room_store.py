"""The workspace database on PostgreSQL (a room): the migrations build exactly the models, the
constraints and triggers bite as on SQLite, and a station's role can do no more than the app."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Protocol

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc, select, text

from kamarhitung.core.entry import State
from kamarhitung.services import entry
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace
from kamarhitung.store import roomdb
from kamarhitung.store.models import Base, RecordRow
from kamarhitung.store.room_config import RoomConfig
from kamarhitung.store.workspace import WorkspaceStore, head_revision

pytestmark = pytest.mark.postgresql_only


class Demo(Protocol):
    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


def raw(d: Demo, sql: str, **params: object) -> None:
    with d.ws.store.engine.begin() as conn:
        conn.execute(text(sql), params)


def some_tps(d: Demo) -> str:
    with d.ws.store.reading() as s:
        return str(s.execute(select(RecordRow.tps_id).limit(1)).scalar_one())


def test_a_fresh_room_database_migrates_up_to_exactly_the_models(tmp_path: Path) -> None:
    store = WorkspaceStore.create(tmp_path / "ws")
    try:
        assert store.dialect == "postgresql"
        assert store.current_revision() == head_revision()
        with store.engine.connect() as conn:
            mc = MigrationContext.configure(conn, opts={"compare_type": True})
            assert list(compare_metadata(mc, Base.metadata)) == []
            tables = set(
                conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                ).scalars()
            )
        assert set(Base.metadata.tables) | {"alembic_version"} == tables
    finally:
        store.close()


@pytest.mark.parametrize(
    ("sql", "constraint"),
    [
        ("UPDATE record SET state = 'bogus' WHERE tps_id = :tps", "ck_record_state"),
        ("UPDATE record SET state = 'final' WHERE tps_id = :tps", "ck_record_final_values"),
        (
            "INSERT INTO tps (id, desa_code, number, dpt_l, dpt_p) "
            "VALUES (substr(:tps, 1, 10) || '00x', substr(:tps, 1, 10), 5, 1, 1)",
            "ck_tps_id",
        ),
        ("INSERT INTO region VALUES ('35780', 'desa', 'X', '3578')", "ck_region_code"),
        ("INSERT INTO region VALUES ('35a8', 'kabupaten', 'X', NULL)", "ck_region_code"),
    ],
)
def test_check_constraints_bite(demo: Demo, sql: str, constraint: str) -> None:
    with pytest.raises(exc.IntegrityError, match=constraint):
        raw(demo, sql, tps=some_tps(demo))


def test_foreign_keys_bite(demo: Demo) -> None:
    with pytest.raises(exc.IntegrityError, match="foreign key"):
        raw(
            demo,
            "INSERT INTO tps (id, desa_code, number, dpt_l, dpt_p) "
            "VALUES ('9999999999001', '9999999999', 1, 1, 1)",
        )


@pytest.mark.parametrize("table", ["entry_version", "audit_event", "resolution"])
@pytest.mark.parametrize("verb", ["UPDATE", "DELETE"])
def test_history_tables_are_append_only_by_trigger(mixed: Demo, table: str, verb: str) -> None:
    sup = mixed.login("supervisor1")
    (item, *_) = entry.queue(mixed.ws, sup, None, [State.DIFFERENT])
    entry.send_back(mixed.ws, sup, item.tps_id, item.contest_id, "untuk uji")
    column = {"entry_version": "keystrokes", "audit_event": "outcome", "resolution": "reason"}
    value = "0" if table == "entry_version" else "'x'"
    sql = (
        f"UPDATE {table} SET {column[table]} = {value}"
        if verb == "UPDATE"
        else f"DELETE FROM {table}"
    )
    # Even the owner of the tables is refused by the trigger.
    with pytest.raises(exc.IntegrityError, match=f"{table} is append-only"):
        raw(mixed, sql)


def test_record_triggers_count_changes_and_drop_stale_vectors(demo: Demo) -> None:
    tps = some_tps(demo)
    with demo.ws.store.engine.begin() as c:
        before = c.execute(text("SELECT max(change_seq) FROM record")).scalar_one()
        c.execute(
            text(
                "UPDATE record SET state = 'final', final_values = '{}', final_vector = :v "
                "WHERE tps_id = :t AND contest_id = 'bupati'"
            ),
            {"t": tps, "v": b"\x01\x02"},
        )
        c.execute(
            text(
                "UPDATE record SET final_values = '{\"a\": 1}' "
                "WHERE tps_id = :t AND contest_id = 'bupati'"
            ),
            {"t": tps},
        )
        seq, vector = c.execute(
            text(
                "SELECT change_seq, final_vector FROM record "
                "WHERE tps_id = :t AND contest_id = 'bupati'"
            ),
            {"t": tps},
        ).one()
    assert seq == before + 2
    assert vector is None


def _app_connection(d: Demo) -> psycopg.Connection[tuple[object, ...]]:
    """A login in ``kh_app``, as a station has."""
    cfg = RoomConfig.load(d.path)
    server, _ = roomdb.test_server()
    role = "kh_station_t" + secrets.token_hex(4)
    password = secrets.token_urlsafe(16)
    with roomdb.connect(server) as c:
        c.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE {roomdb.APP_ROLE}")
    return psycopg.connect(
        host=cfg.host,
        port=cfg.port,
        dbname=cfg.dbname,
        user=role,
        password=password,
        sslmode="disable",
        autocommit=True,
    )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE entry_version SET keystrokes = 0",
        "DELETE FROM audit_event",
        "DROP TRIGGER entry_version_no_update ON entry_version",
        "ALTER TABLE entry_version DISABLE TRIGGER USER",
        "CREATE TABLE x (a int)",
        "DROP TABLE record",
        "UPDATE alembic_version SET version_num = 'x'",
    ],
)
def test_a_station_role_can_do_no_more_than_the_app(mixed: Demo, sql: str) -> None:
    with _app_connection(mixed) as c:
        assert c.execute("SELECT count(*) FROM entry_version").fetchone() is not None
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute(sql)


def test_a_station_role_reaches_no_other_database(mixed: Demo) -> None:
    cfg = RoomConfig.load(mixed.path)
    with _app_connection(mixed) as c:
        user = c.info.user
        password = c.info.password
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        psycopg.connect(
            host=cfg.host,
            port=cfg.port,
            dbname="postgres",
            user=user,
            password=password,
            sslmode="disable",
        )


@pytest.mark.parametrize("engine", ["postgresql", "sqlite"])
def test_a_refusing_trigger_reads_the_same_head_on_both_engines(
    demo: Demo, engine: str, tmp_path: Path
) -> None:
    """The helper for migrations whose trigger refuses some changes (e.g. a finished record)."""
    from sqlalchemy import create_engine

    from kamarhitung.store.dialect import refusing_trigger_ddl

    eng = (
        demo.ws.store.engine
        if engine == "postgresql"
        else create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    )
    with eng.begin() as c:
        c.execute(text("CREATE TABLE thing (id integer PRIMARY KEY, status text)"))
        c.execute(text("INSERT INTO thing VALUES (1, 'open'), (2, 'done')"))
        for ddl in refusing_trigger_ddl(
            "thing_done_no_update",
            "BEFORE UPDATE ON thing WHEN OLD.status = 'done'",
            "thing: a finished one cannot change",
            engine,
        ):
            c.execute(text(ddl))
    with eng.begin() as c:
        c.execute(text("UPDATE thing SET status = 'done' WHERE id = 1"))
    with pytest.raises(exc.IntegrityError, match="a finished one cannot change"), eng.begin() as c:
        c.execute(text("UPDATE thing SET status = 'open' WHERE id = 2"))
