"""Faults a counting room meets, each with its clear message and nothing half-written: a full
disk during keying, a read-only workspace, the workspace opened twice, a damaged database,
backups and restore."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from kamarhitung.cli import main as cli_main
from kamarhitung.services import accounts, entry
from kamarhitung.services.audit import verify_chain
from kamarhitung.services.backup import KEEP, backup_now, list_backups, restore
from kamarhitung.services.common import FixedClock, InputError
from kamarhitung.services.workspace import open_workspace
from kamarhitung.store.models import AuditEventRow, EntryRow, EntryVersionRow, RecordRow
from kamarhitung.store.workspace import (
    CorruptWorkspaceError,
    DiskFullError,
    ReadOnlyWorkspaceError,
    WorkspaceLock,
    WorkspaceLockedError,
    WorkspaceStore,
)


def _counts(ws: Any) -> tuple[int, int, int]:
    with ws.store.reading() as s:
        return (
            s.execute(select(func.count()).select_from(EntryVersionRow)).scalar_one(),
            s.execute(select(func.count()).select_from(AuditEventRow)).scalar_one(),
            s.execute(select(func.count()).select_from(EntryRow)).scalar_one(),
        )


@pytest.mark.sqlite_only
def test_disk_full_during_entries_rolls_back_whole_actions(demo: Any) -> None:
    ws = demo.ws
    op = demo.login("operator1")
    contest = ws.contests()[0].id
    form = ws.form_spec(contest)
    values = {f: 7 for f in form.field_ids}
    with ws.store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    # Every new connection may not grow the file: SQLite reports "database or disk is full",
    # exactly as on a full disk.
    def cap(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(ws.store.engine, "connect", cap)
    ws.store.engine.dispose()
    finished = 0
    with pytest.raises(DiskFullError, match="full: nothing of this action was saved"):
        for _ in range(500):
            before = _counts(ws)
            kf = entry.next_form(ws, op, contest)
            assert kf is not None
            entry.finish_entry(ws, op, kf.tps.tps_id, contest, values)
            finished += 1
    after = _counts(ws)
    assert finished > 0
    # The failed action left nothing: either next_form or finish_entry failed as a whole.
    assert after[0] == before[0]
    assert after[1] in (before[1], before[1] + 0)
    with ws.store.reading() as s:
        assert verify_chain(s).intact
        states = dict(
            s.execute(
                select(RecordRow.state, func.count())
                .where(RecordRow.contest_id == contest)
                .group_by(RecordRow.state)
            ).all()
        )
    assert states.get("first_done", 0) == finished
    event.remove(ws.store.engine, "connect", cap)
    ws.store.engine.dispose()
    # Space freed: keying goes on where it stopped.
    kf = entry.next_form(ws, op, contest)
    assert kf is not None
    entry.finish_entry(ws, op, kf.tps.tps_id, contest, values)


@pytest.mark.sqlite_only
def test_read_only_workspace_refuses_changes_but_logs_in(demo: Any) -> None:
    demo.ws.close()
    store = WorkspaceStore.open(demo.path, read_only=True)
    from kamarhitung.services.workspace import Workspace

    ro = Workspace(store)
    actor = accounts.authenticate(ro, "operator1", demo.password("operator1"))
    assert entry.status(ro)
    with pytest.raises(ReadOnlyWorkspaceError, match="read-only"):
        entry.next_form(ro, actor, ro.contests()[0].id)
    ro.close()


def test_second_window_is_refused_naming_the_holder(demo: Any) -> None:
    first = WorkspaceLock(demo.path)
    first.acquire("operator1")
    second = WorkspaceLock(demo.path)
    with pytest.raises(WorkspaceLockedError, match="already open in another kamarhitung window"):
        second.acquire("operator2")
    first.release()
    second.acquire("operator2")  # free again once the first window closed
    second.release()


@pytest.mark.sqlite_only
def test_damaged_database_names_the_latest_backup(demo: Any) -> None:
    info = backup_now(demo.ws, None, reason="test")
    demo.ws.close()
    db = demo.path / "kamarhitung.sqlite"
    (demo.path / "kamarhitung.sqlite-wal").unlink(missing_ok=True)
    (demo.path / "kamarhitung.sqlite-shm").unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    for i in range(4096, min(len(data), 4096 * 40)):
        data[i] = 0xA5
    db.write_bytes(bytes(data))
    with pytest.raises(CorruptWorkspaceError, match=f"restore the latest backup.*{info.path.name}"):
        open_workspace(demo.path)
    db.write_bytes(b"this is not a database at all")
    with pytest.raises(CorruptWorkspaceError, match="not an SQLite database"):
        open_workspace(demo.path)
    # The named backup restores a working workspace.
    restore(info.path, demo.path, user="admin", password=demo.password("admin"))
    ws = open_workspace(demo.path)
    with ws.store.reading() as s:
        assert verify_chain(s).intact
    ws.close()


@pytest.mark.sqlite_only
def test_backups_rotate_and_restore_verifies(demo: Any, tmp_path: Path) -> None:
    clock = FixedClock(demo.ws.clock.now())
    demo.ws.clock = clock
    for _ in range(KEEP + 3):
        backup_now(demo.ws, None, reason="interval")
        clock.advance(60)
    backups = list_backups(demo.path)
    assert len(backups) == KEEP
    target = tmp_path / "restored"
    restore(backups[-1], target, user="admin", password=demo.password("admin"))
    ws = open_workspace(target)
    assert entry.status(ws) == entry.status(demo.ws)
    ws.close()


@pytest.mark.sqlite_only
def test_restore_refuses_a_backup_with_a_broken_chain_and_keeps_the_old_db(
    demo: Any, tmp_path: Path
) -> None:
    import sqlite3

    info = backup_now(demo.ws, None)
    bad = tmp_path / "bad.sqlite"
    shutil.copyfile(info.path, bad)
    con = sqlite3.connect(bad)
    con.execute("DROP TRIGGER audit_event_no_update")
    con.execute("UPDATE audit_event SET target = 'edited' WHERE seq = 1")
    con.commit()
    con.close()
    demo.ws.close()

    def dump() -> list[str]:
        # Everything but the trail, which gains the admin's log-in (restore is an admin's act).
        con = sqlite3.connect(demo.path / "kamarhitung.sqlite")
        try:
            return [ln for ln in con.iterdump() if "audit_event" not in ln]
        finally:
            con.close()

    before = dump()
    admin = {"user": "admin", "password": demo.password("admin")}
    with pytest.raises(InputError, match="audit chain is broken"):
        restore(bad, demo.path, **admin)
    assert dump() == before
    ws = open_workspace(demo.path)
    with ws.store.reading() as s:
        assert verify_chain(s).intact
    ws.close()
    with pytest.raises(InputError, match="not a kamarhitung backup"):
        restore(demo.path / "demo-credentials.json", demo.path, **admin)


@pytest.mark.sqlite_only
def test_backup_and_restore_commands(
    demo: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.ws.close()
    monkeypatch.delenv("KAMARHITUNG_PASSWORD", raising=False)
    # Issue 12: both need --user (backup a supervisor or an admin, restore an admin).
    assert cli_main(["backup", str(demo.path)]) == 2
    assert "needs --user" in capsys.readouterr().err
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("operator1"))
    assert cli_main(["backup", str(demo.path), "--user", "operator1"]) == 2
    assert "needs supervisor or admin" in capsys.readouterr().err
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("admin"))
    assert cli_main(["backup", str(demo.path), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "backup written" in out
    latest = list_backups(demo.path)[-1]
    assert cli_main(["restore", str(latest), str(demo.path), "--user", "admin"]) == 0
    assert (
        cli_main(["restore", str(demo.path / "nope.sqlite"), str(demo.path), "--user", "admin"])
        == 2
    )
    assert "no such backup file" in capsys.readouterr().err
