"""A room's backups and restore on the real PostgreSQL cluster (issue 13): ``pg_dump`` checked by
restoring it into a scratch cluster (counts equal, audit chain intact), a damaged or tampered
dump refused with a code and nothing changed, and a restore that brings back a room whose chain
verifies. The demo workspaces of ``--engine=postgresql`` are databases on the session's cluster,
opened over loopback exactly as a room's host opens its own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kamarhitung.cli import main as cli_main
from kamarhitung.services import backup_room, entry
from kamarhitung.services.audit import verify_chain
from kamarhitung.services.backup import KEEP, backup_now, list_backups, restore
from kamarhitung.services.common import ConflictError, FixedClock, ServiceError
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store import roomdb
from kamarhitung.store.engine import make_pg_engine
from kamarhitung.store.models import AuditEventRow, EntryRow
from kamarhitung.store.pgcluster import run_client
from kamarhitung.store.room_config import RoomConfig
from kamarhitung.store.workspace import WorkspaceStore

pytestmark = pytest.mark.postgresql_only


def _counts(path: Path) -> tuple[int, int, bool]:
    ws = open_workspace(path)
    try:
        with ws.store.reading() as s:
            return (
                s.execute(select(func.count()).select_from(EntryRow)).scalar_one(),
                # The trail gains the admin's log-in even when a restore is refused.
                s.execute(
                    select(func.count())
                    .select_from(AuditEventRow)
                    .where(AuditEventRow.action != "login")
                ).scalar_one(),
                verify_chain(s).intact,
            )
    finally:
        ws.close()


def _entries_digest(server: roomdb.Server, dbname: str) -> str:
    with roomdb.connect(server, dbname) as c:
        row = c.execute("SELECT md5(string_agg(e::text, ',' ORDER BY e::text)) FROM entry e")
        return str(row.fetchone())


def _tampered_copy(dump: Path, out: Path) -> None:
    """The dump with one audit event's target edited (the append-only trigger set aside, as an
    editor with the superuser's password would): restored, edited, dumped again."""
    with backup_room.restored_in_scratch(dump) as (store, server, dbname):
        store.close()
        with roomdb.connect(server, dbname) as c:
            c.execute("SET session_replication_role = replica")
            c.execute("UPDATE audit_event SET target = 'edited' WHERE seq = 2")
        run_client(
            "pg_dump",
            ["-h", server.host, "-p", str(server.port), "-U", "postgres", "-d", dbname,
             "--format=custom", "--schema=public", "-f", str(out)],
            password=server.password,
        )  # fmt: skip


def test_a_room_backup_is_a_pg_dump_checked_in_a_scratch_cluster(mixed: Any) -> None:
    info = backup_now(mixed.ws, mixed.login("admin"), reason="test")
    assert info.path.name.endswith(".dump") and backup_room.is_dump(info.path)
    assert list_backups(mixed.path) == [info.path]
    side = json.loads(backup_room.sidecar(info.path).read_text())
    assert side["check"].startswith("ok") and side["counts"]["audit_event"] == info.events
    assert side["counts"]["entry"] > 0
    # Checked again from the file alone: restores, the counts match, the chain verifies.
    check = backup_room.check_dump(info.path)
    assert check.counts == side["counts"] and check.events == info.events
    assert check.meta["kabupaten_code"] == mixed.ws.meta()["kabupaten_code"]
    with mixed.ws.store.reading() as s:
        last = s.execute(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).scalars().first()
    assert last is not None and last.action == "backup" and last.target == info.path.name
    assert not list((mixed.path / "backups").glob("*.unchecked"))


def test_room_backups_rotate_like_a_single_pcs(demo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from kamarhitung.services import backup

    assert KEEP == 24  # the same rotation as a single PC's; 3 here, for speed
    monkeypatch.setattr(backup, "KEEP", 3)
    clock = FixedClock(demo.ws.clock.now())
    demo.ws.clock = clock
    for _ in range(5):
        backup_now(demo.ws, None, reason="interval")
        clock.advance(60)
    dumps = list_backups(demo.path)
    assert len(dumps) == 3
    assert all(backup_room.sidecar(d).is_file() for d in dumps)
    assert len(list((demo.path / "backups").glob("*.json"))) == 3


def test_a_backup_that_fails_its_check_is_kept_aside_reported_and_audited(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = backup_room.take_dump

    def lying(ws: Any, target: Path) -> dict[str, int]:
        counts = real(ws, target)
        return counts | {"entry_version": counts["entry_version"] + 1}  # a row the dump lacks

    monkeypatch.setattr(backup_room, "take_dump", lying)
    with pytest.raises(backup_room.RoomBackupError) as got:
        backup_now(demo.ws, None, reason="interval")
    assert got.value.code == "ROOM_BACKUP_FAILED_CHECK"
    assert "entry_version" in str(got.value)
    assert list_backups(demo.path) == []  # never offered as a backup
    (failed,) = (demo.path / "backups").glob("kamarhitung-*.dump.failed")
    assert json.loads(backup_room.sidecar(failed).read_text())["check"] == "failed"
    with demo.ws.store.reading() as s:
        ev = s.execute(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).scalars().first()
        assert verify_chain(s).intact
    assert ev is not None and (ev.action, ev.outcome, ev.target) == (
        "backup.failed",
        "failed",
        failed.name,
    )


def test_restore_brings_back_the_room_and_its_chain_verifies(mixed: Any) -> None:
    admin = {"user": "admin", "password": mixed.password("admin")}
    info = backup_now(mixed.ws, mixed.login("admin"), reason="test")
    entries_then, events_then, _ = _counts(mixed.path)
    old_db = RoomConfig.load(mixed.path).dbname
    server, _ = roomdb.test_server()
    then = _entries_digest(server, old_db)
    # Work after the backup: an operator keys a form; the restore takes the room back.
    op = mixed.login("operator1")
    contest = mixed.ws.contests()[0].id
    form = entry.next_form(mixed.ws, op, contest)
    assert form is not None
    entry.save_draft(mixed.ws, op, form.tps.tps_id, contest, {"I.A.1.L": 1}, keystrokes=1)
    keyed = _entries_digest(server, old_db)
    assert keyed != then
    mixed.ws.close()
    kept = restore(info.path, mixed.path, **admin)
    assert kept.name.startswith(f"{old_db}_replaced_")
    entries, events, intact = _counts(mixed.path)
    assert intact and entries == entries_then
    assert _entries_digest(server, old_db) == then  # the room as it was at the backup
    # The backup's own event follows its snapshot; the restore's event is appended to the chain.
    assert events == events_then - 1 + 1
    ws = open_workspace(mixed.path)
    try:
        with ws.store.reading() as s:
            ev = s.execute(
                select(AuditEventRow).where(AuditEventRow.action == "restore")
            ).scalar_one()
        assert ev.user_name == "admin" and ev.target == info.path.name
        assert json.loads(ev.details_json)["kept"] == kept.name
    finally:
        ws.close()
    # The replaced database is kept on the cluster, as it was.
    assert _entries_digest(server, kept.name) == keyed


def test_a_damaged_dump_is_refused_with_a_code_and_changes_nothing(
    mixed: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = {"user": "admin", "password": mixed.password("admin")}
    info = backup_now(mixed.ws, mixed.login("admin"), reason="test")
    mixed.ws.close()
    before = _counts(mixed.path)
    db = RoomConfig.load(mixed.path).dbname
    # Bytes flipped in the middle: the SHA-256 written beside it no longer matches.
    data = bytearray(info.path.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 64):
        data[i] ^= 0x5A
    bad = tmp_path / info.path.name
    bad.write_bytes(bytes(data))
    shutil.copyfile(backup_room.sidecar(info.path), backup_room.sidecar(bad))
    with pytest.raises(ServiceError) as got:
        restore(bad, mixed.path, **admin)
    assert got.value.code == "BACKUP_DAMAGED"
    # Without its record beside it: pg_restore itself refuses the file.
    backup_room.sidecar(bad).unlink()
    with pytest.raises(ServiceError) as got:
        restore(bad, mixed.path, **admin)
    assert got.value.code == "DUMP_UNREADABLE" and "nothing was changed" in str(got.value)
    # Cut short: refused too, from the command line with exit 2 and its code.
    short = tmp_path / "short.dump"
    short.write_bytes(info.path.read_bytes()[: info.path.stat().st_size // 3])
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", admin["password"])
    assert cli_main(["restore", str(short), str(mixed.path), "--user", "admin"]) == 2
    assert "does not restore" in capsys.readouterr().err
    assert _counts(mixed.path) == before
    assert RoomConfig.load(mixed.path).dbname == db
    server, _ = roomdb.test_server()
    with roomdb.connect(server) as c:
        names = {r[0] for r in c.execute("SELECT datname FROM pg_database")}
    assert not any(n.startswith(f"{db}_") for n in names)  # no half-restored database left


def test_a_tampered_dump_is_detected_by_the_check_and_refused(mixed: Any, tmp_path: Path) -> None:
    admin = {"user": "admin", "password": mixed.password("admin")}
    info = backup_now(mixed.ws, mixed.login("admin"), reason="test")
    mixed.ws.close()
    before = _counts(mixed.path)
    tampered = tmp_path / "tampered.dump"
    _tampered_copy(info.path, tampered)
    with pytest.raises(ServiceError) as got:
        backup_room.check_dump(tampered)
    assert got.value.code == "BACKUP_CHAIN_BROKEN" and "event 2" in str(got.value)
    with pytest.raises(ServiceError) as got:
        restore(tampered, mixed.path, **admin)
    assert got.value.code == "BACKUP_CHAIN_BROKEN"
    assert _counts(mixed.path) == before


def test_a_room_dump_restores_into_a_new_folder_as_a_single_pc_workspace(
    mixed: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The host PC died: its newest dump (copied off the PC) restores on another PC into a
    SQLite workspace, which `room host` makes a room again."""
    info = backup_now(mixed.ws, mixed.login("admin"), reason="test")
    entries, events, _ = _counts(mixed.path)
    target = tmp_path / "new-pc"
    monkeypatch.delenv("KAMARHITUNG_TEST_POSTGRES")  # a PC with no room yet
    restore(info.path, target, user="admin", password=mixed.password("admin"))
    assert (target / "kamarhitung.sqlite").is_file() and not (target / "room.json").exists()
    got_entries, got_events, intact = _counts(target)
    assert intact and got_entries == entries and got_events >= events


def test_a_station_neither_backs_up_nor_restores(mixed: Any, tmp_path: Path) -> None:
    cfg = RoomConfig.load(mixed.path)
    station = tmp_path / "station"
    RoomConfig(cfg.host, cfg.port, cfg.dbname, cfg.user, cfg.password, "station", name="st1").save(
        station
    )
    info = backup_now(mixed.ws, None)
    with pytest.raises(ServiceError) as got:
        restore(info.path, station, user="admin", password=mixed.password("admin"))
    assert got.value.code == "RESTORE_ON_STATION"
    # A station's workspace (opened without saying it is here: the test database has no room).
    ws = Workspace(
        WorkspaceStore(
            station,
            make_pg_engine(
                host=cfg.host,
                port=cfg.port,
                dbname=cfg.dbname,
                user=cfg.user,
                password=cfg.password,
            ),
            room=RoomConfig.load(station),
        )
    )
    try:
        from kamarhitung.services.backup import takes_backups

        assert not takes_backups(ws)
        with pytest.raises(ServiceError) as got:
            backup_now(ws, None)
        assert got.value.code == "ROOM_BACKUP_ON_HOST"
    finally:
        ws.close()


def test_restore_is_refused_while_a_station_is_connected_unless_forced(mixed: Any) -> None:
    """A station's role connected to the room's database (as a station's open window is)."""
    import psycopg

    admin = {"user": "admin", "password": mixed.password("admin")}
    info = backup_now(mixed.ws, mixed.login("admin"), reason="test")
    mixed.ws.close()
    cfg = RoomConfig.load(mixed.path)
    server, _ = roomdb.test_server()
    with roomdb.connect(server) as c:
        c.execute("DROP ROLE IF EXISTS kh_station_meja1")
        c.execute(
            f"CREATE ROLE kh_station_meja1 LOGIN PASSWORD 'pw-meja1' IN ROLE {roomdb.APP_ROLE}"
        )
    station = psycopg.connect(
        host=cfg.host, port=cfg.port, dbname=cfg.dbname, user="kh_station_meja1",
        password="pw-meja1", sslmode="disable", autocommit=True,
    )  # fmt: skip
    try:
        assert backup_room.connected_stations(server, cfg.dbname) == ["meja1"]
        with pytest.raises(ConflictError) as got:
            restore(info.path, mixed.path, **admin)
        assert got.value.code == "ROOM_STATIONS_CONNECTED" and "meja1" in str(got.value)
        assert RoomConfig.load(mixed.path).dbname == cfg.dbname
        kept = restore(info.path, mixed.path, **admin, force=True)
        with pytest.raises(psycopg.OperationalError):
            station.execute("SELECT 1")  # cut at the swap
    finally:
        station.close()
    # It reconnects, by the same name, to the restored room.
    with psycopg.connect(
        host=cfg.host, port=cfg.port, dbname=cfg.dbname, user="kh_station_meja1",
        password="pw-meja1", sslmode="disable",
    ) as again:  # fmt: skip
        row = again.execute("SELECT count(*) FROM audit_event WHERE action = 'restore'").fetchone()
        assert row is not None and row[0] == 1
    assert kept.name.startswith(f"{cfg.dbname}_replaced_")
    with roomdb.connect(server) as c:
        c.execute(f"DROP DATABASE {kept.name}")
        c.execute("DROP ROLE kh_station_meja1")


def test_a_write_while_the_dump_runs_is_not_in_it_and_the_counts_still_match(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A station writes between the snapshot's counts and ``pg_dump``: the dump and the counts
    are of the same exported snapshot, so the check passes and the write is in the next one."""
    from kamarhitung.services.audit import append_event

    real = run_client
    wrote: list[int] = []

    def station_writes_first(name: str, args: Any, **kw: Any) -> str:
        if name == "pg_dump" and not wrote:
            with demo.ws.store.unit_of_work() as s:
                wrote.append(append_event(s, demo.ws.now(), None, "test.write", user_name="x").seq)
        return real(name, args, **kw)

    monkeypatch.setattr(backup_room, "run_client", station_writes_first)
    info = backup_now(demo.ws, None, reason="test")
    side = json.loads(backup_room.sidecar(info.path).read_text())
    assert wrote and side["counts"]["audit_event"] == wrote[0] - 1
    assert backup_room.check_dump(info.path).events == wrote[0] - 1
