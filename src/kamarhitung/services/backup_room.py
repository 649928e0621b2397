"""Backups of a room with PostgreSQL's own tools, each checked in a scratch cluster; restore.

A room's backup is ``pg_dump -Fc`` of its election schema (``public``), taken on the host over
loopback with the cluster's own binaries, on the same schedule and rotation as a single PC's
(:mod:`.backup`). It is taken from one exported snapshot, in which every table is counted too, so
the counts are exactly those of the dump. The dump is written whole or not at all
(:func:`kamarhitung.store.files.atomic_write_with`) as ``kamarhitung-<time>.dump.unchecked``, then
checked right away: ``pg_restore`` into a throw-away cluster (a fresh ``initdb`` in a temporary
folder, never the room's own), where every table's count must match and the audit chain must
verify. Only then is it renamed ``kamarhitung-<time>.dump``, with ``…dump.json`` beside it (its
SHA-256, the counts, the check). A dump that fails is renamed ``….dump.failed`` (kept aside,
never offered as a backup), its reason written beside it, a ``backup.failed`` audit event
appended, and the backup reported as failed.

The photos are content-addressed and never rewritten: they are not in the 15-minute dumps. Each
backup copies the photos that only the room's database holds (imported at a station) into the
host's ``images`` folder, so the host's folder plus its newest dump is the whole room.

Restore (an admin's audited act, ``kamarhitung restore FILE.dump DIR``):

* ``DIR`` is the room's host: the dump is checked in a scratch cluster first (counts, chain, the
  same kabupaten, the admin logs in there). Then it is restored into a new database on the room's
  cluster, the room's own tables (stations, join codes, photos) are copied over, the chain is
  verified there and the restore appended to it; only then is it swapped in by renaming (the
  replaced database is kept, ``<name>_replaced_<n>``). If a station is connected, the restore is
  refused (``ROOM_STATIONS_CONNECTED``) unless ``force``: then the stations' connections are cut at
  the swap and each station reconnects to the restored room by itself.
* ``DIR`` is a single PC's folder or a new one (the host PC died): the checked dump is written as
  a SQLite workspace database and restored as any backup is; ``room host`` makes it a room again.
* ``DIR`` is a station: refused; a room is restored on its host.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from kamarhitung.services.audit import append_event, verify_chain
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    ServiceError,
)
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store import roomdb
from kamarhitung.store.engine import make_pg_engine
from kamarhitung.store.files import atomic_write, atomic_write_with, fsync_dir
from kamarhitung.store.pgcluster import ClusterError, run_client, scratch_cluster
from kamarhitung.store.room_config import RoomConfig
from kamarhitung.store.workspace import WorkspaceStore

DUMP_MAGIC = b"PGDMP"
SCHEMA = "public"
T = TypeVar("T")


class RoomBackupError(ServiceError):
    """A room backup that failed or a room restore refused; the code says why."""


@dataclass(frozen=True, slots=True)
class DumpCheck:
    """What a dump restored to in a scratch cluster."""

    counts: dict[str, int]
    events: int
    meta: dict[str, str]
    seconds: float


def is_dump(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(5) == DUMP_MAGIC
    except OSError:
        return False


def sidecar(dump: Path) -> Path:
    return dump.with_name(dump.name + ".json")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _loopback(cfg: RoomConfig) -> RoomConfig:
    if cfg.role == "station":
        raise RoomBackupError("ROOM_BACKUP_ON_HOST")
    return cfg


def _conn_args(cfg: RoomConfig, dbname: str | None = None) -> list[str]:
    return ["-h", cfg.host, "-p", str(cfg.port), "-U", cfg.user, "-d", dbname or cfg.dbname]


def _count_tables(conn: Any) -> dict[str, int]:
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", (SCHEMA,)
        )
    ]
    out: dict[str, int] = {}
    for t in names:
        row = conn.execute(f'SELECT count(*) FROM {SCHEMA}."{t}"').fetchone()
        out[t] = int(row[0])
    return out


# ---------------------------------------------------------------------------------------------
# Taking a backup


def take_dump(ws: Workspace, target: Path) -> dict[str, int]:
    """``pg_dump -Fc`` of the room's election schema into ``target`` (written atomically), from
    one exported snapshot; returns every table's row count in that same snapshot."""
    import psycopg

    assert ws.store.room is not None
    cfg = _loopback(ws.store.room)
    with psycopg.connect(
        host=cfg.host,
        port=cfg.port,
        user=cfg.user,
        password=cfg.password,
        dbname=cfg.dbname,
        sslmode="disable",
        connect_timeout=10,
        application_name="kamarhitung backup",
        autocommit=True,  # the transaction below is ours, with its isolation level
    ) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snap = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert snap is not None
        counts = _count_tables(conn)

        def dump(tmp: Path) -> None:
            run_client(
                "pg_dump",
                [
                    *_conn_args(cfg),
                    "--format=custom",
                    f"--schema={SCHEMA}",
                    f"--snapshot={snap[0]}",
                    "--no-password",
                    "-f",
                    str(tmp),
                ],
                password=cfg.password,
            )

        try:
            atomic_write_with(target, dump, mode=0o600, prefix=".pg_dump-")
        finally:
            conn.execute("ROLLBACK")
    return counts


def _pg_restore(dump: Path, conn: list[str], password: str, *extra: str) -> None:
    """``pg_restore`` every entry of the dump but ``CREATE SCHEMA public`` (the database has
    one already); raises ``DUMP_UNREADABLE`` if the file does not restore."""
    import re

    try:
        listing = run_client("pg_restore", ["-l", str(dump)], password=password)
        keep = [
            ln
            for ln in listing.splitlines()
            if not re.match(rf"^\d+; \d+ \d+ SCHEMA - {SCHEMA} ", ln)
        ]
        with tempfile.TemporaryDirectory(prefix="kamarhitung-toc-") as tmp:
            toc = Path(tmp) / "toc.list"
            toc.write_text("\n".join(keep) + "\n", encoding="utf-8")
            run_client(
                "pg_restore",
                [
                    *conn,
                    "--exit-on-error",
                    "--single-transaction",
                    "--no-password",
                    *extra,
                    "-L",
                    str(toc),
                    str(dump),
                ],
                password=password,
            )
    except ClusterError as e:
        raise RoomBackupError("DUMP_UNREADABLE", file=dump.name, detail=str(e)[-300:]) from e


@contextmanager
def restored_in_scratch(dump: Path) -> Iterator[tuple[WorkspaceStore, roomdb.Server, str]]:
    """``pg_restore`` the dump into a throw-away cluster; yields a store on the restored copy,
    that cluster's superuser and the database's name. Raises ``DUMP_UNREADABLE`` if it does not
    restore (nothing of the room is touched: the scratch cluster is a new ``initdb``)."""
    dbname = "kh_check"
    with scratch_cluster() as (cluster, password):
        server = roomdb.Server("127.0.0.1", cluster.port, password)
        with roomdb.connect(server) as c:
            c.execute(f"CREATE DATABASE {dbname}")
        conn = ["-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", dbname]
        _pg_restore(dump, conn, password, "--no-owner", "--no-privileges")
        engine = make_pg_engine(
            host="127.0.0.1", port=cluster.port, dbname=dbname, user="postgres", password=password
        )
        store = WorkspaceStore(Path(tempfile.gettempdir()), engine)
        try:
            yield store, server, dbname
        finally:
            store.close()


def check_restored(
    store: WorkspaceStore, server: roomdb.Server, dbname: str, name: str, expected: dict[str, int]
) -> DumpCheck:
    """The restored copy holds exactly the counted rows and its audit chain verifies."""
    start = time.monotonic()
    with roomdb.connect(server, dbname) as c:
        counts = _count_tables(c)
    if expected:
        for table in sorted(set(expected) | set(counts)):
            if counts.get(table) != expected.get(table):
                raise RoomBackupError(
                    "BACKUP_COUNTS_DIFFER",
                    file=name,
                    table=table,
                    found=counts.get(table, 0),
                    expected=expected.get(table, 0),
                )
    with store.reading() as s:
        chain = verify_chain(s)
    if not chain.intact:
        raise RoomBackupError("BACKUP_CHAIN_BROKEN", file=name, reason=str(chain.reason))
    ws = Workspace(store)
    return DumpCheck(counts, chain.events, ws.meta(), time.monotonic() - start)


def check_dump(dump: Path, expected: dict[str, int] | None = None) -> DumpCheck:
    """Restore ``dump`` into a scratch cluster and check it there (the counts written beside it
    when ``expected`` is None and there are some)."""
    start = time.monotonic()
    if expected is None:
        expected = _expected_counts(dump)
    with restored_in_scratch(dump) as (store, server, dbname):
        got = check_restored(store, server, dbname, dump.name, expected)
    return DumpCheck(got.counts, got.events, got.meta, time.monotonic() - start)


def _expected_counts(dump: Path) -> dict[str, int]:
    side = sidecar(dump)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    sha = data.get("sha256")
    if sha and sha != _sha256(dump):
        raise RoomBackupError("BACKUP_DAMAGED", file=dump.name, sidecar=side.name)
    return {str(k): int(v) for k, v in dict(data.get("counts", {})).items()}


def mirror_photos(ws: Workspace) -> int:
    """Copy into the host's ``images`` folder every photo only the room's database holds (one
    imported at a station); each is checked against its hash. Returns how many were copied."""
    from sqlalchemy import text

    folder = ws.store.images_dir
    have: set[str] = set()
    if folder.is_dir():
        have = {p.stem for p in folder.glob("*/*") if len(p.stem) == 64}
    with ws.store.engine.connect() as c:
        if c.execute(text("SELECT to_regclass('kh_room.image_blob')")).scalar() is None:
            return 0  # not a room's host (the test suite's databases)
        listed = c.execute(text("SELECT sha256, ext FROM kh_room.image_blob")).all()
    n = 0
    for sha, ext in listed:
        if sha in have:
            continue
        data = roomdb.get_blob(ws.store.engine, sha)
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            continue
        atomic_write(folder / sha[:2] / f"{sha}.{ext}", data, prefix=".tmp-")
        n += 1
    return n


def backup_room(
    ws: Workspace, actor: Actor | None, target: Path, *, reason: str
) -> tuple[int, int]:
    """Write ``target`` (``…dump``) checked, or keep it aside as ``…dump.failed`` and raise.

    Returns (size, audit events)."""
    start = time.monotonic()
    unchecked = target.with_name(target.name + ".unchecked")
    try:
        counts = take_dump(ws, unchecked)
    except (ClusterError, OSError) as e:
        unchecked.unlink(missing_ok=True)
        raise RoomBackupError(
            "BACKUP_NOT_WRITTEN", folder=str(target.parent), detail=str(e)[-400:]
        ) from e
    except Exception as e:  # psycopg: the room did not answer
        unchecked.unlink(missing_ok=True)
        if isinstance(e, ServiceError):
            raise
        raise RoomBackupError(
            "BACKUP_NOT_WRITTEN", folder=str(target.parent), detail=str(e)[-400:]
        ) from e
    dumped = time.monotonic() - start
    sha = _sha256(unchecked)
    try:
        check = check_dump(unchecked, counts)
    except (ServiceError, ClusterError) as e:
        failed = target.with_name(target.name + ".failed")
        os.replace(unchecked, failed)
        detail = str(e)
        atomic_write(
            sidecar(failed),
            json.dumps(
                {"sha256": sha, "counts": counts, "check": "failed", "detail": detail}, indent=1
            ).encode(),
        )
        fsync_dir(target.parent)
        if not ws.store.read_only:
            with ws.store.unit_of_work() as s:
                append_event(
                    s,
                    ws.now(),
                    actor,
                    "backup.failed",
                    target=failed.name,
                    outcome="failed",
                    details={"reason": reason, "detail": detail[:500]},
                    user_name=None if actor else "system",
                )
        raise RoomBackupError("ROOM_BACKUP_FAILED_CHECK", file=failed.name, detail=detail) from e
    atomic_write(
        sidecar(target),
        json.dumps(
            {
                "format": "pg_dump custom",
                "sha256": sha,
                "counts": counts,
                "events": check.events,
                "check": "ok: restored in a scratch cluster, counts equal, audit chain intact",
                "dump_seconds": round(dumped, 2),
                "check_seconds": round(check.seconds, 2),
            },
            indent=1,
        ).encode(),
        mode=0o600,
    )
    os.replace(unchecked, target)
    fsync_dir(target.parent)
    # If this fails the photos stay in the room's database; the next backup tries again.
    with contextlib.suppress(OSError, ServiceError, SQLAlchemyError):
        mirror_photos(ws)
    return target.stat().st_size, check.events


def rotate(folder: Path, keep: int) -> None:
    for pattern in ("kamarhitung-*.dump", "kamarhitung-*.dump.failed"):
        for old in sorted(folder.glob(pattern))[:-keep]:
            old.unlink(missing_ok=True)
            sidecar(old).unlink(missing_ok=True)
    horizon = time.time() - 3600
    for p in folder.glob("kamarhitung-*.dump.unchecked"):
        try:
            if p.stat().st_mtime < horizon:
                p.unlink(missing_ok=True)
        except OSError:
            continue


# ---------------------------------------------------------------------------------------------
# Restore


def _kabupaten_label(meta: dict[str, str]) -> str:
    """``9999 (KOTA CONTOH)``; a province workspace's kind in brackets (as services/backup.py)."""
    kind = meta.get("kind", "kabupaten")
    if kind != "kabupaten":
        return f"— ({kind})"
    return f"{meta.get('kabupaten_code', '?')} ({meta.get('kabupaten_name', '')})"


def _superuser(path: Path, cfg: RoomConfig) -> roomdb.Server:
    if cfg.role == "test":
        return roomdb.test_server()[0]
    from kamarhitung.services.room import HostSettings

    return HostSettings.load(path).server


def connected_stations(server: roomdb.Server, dbname: str) -> list[str]:
    """The stations with a connection open to the room's database now."""
    with roomdb.connect(server) as c:
        rows = c.execute(
            "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = %s "
            "AND usename LIKE 'kh_station_%%' ORDER BY usename",
            (dbname,),
        ).fetchall()
    return [str(r[0]).removeprefix("kh_station_") for r in rows]


def _free_name(server: roomdb.Server, base: str) -> str:
    with roomdb.connect(server) as c:
        have = {str(r[0]) for r in c.execute("SELECT datname FROM pg_database")}
    n = 1
    while f"{base}_replaced_{n}" in have:
        n += 1
    return f"{base}_replaced_{n}"


def _drop(server: roomdb.Server, dbname: str) -> None:
    with roomdb.connect(server) as c:
        c.execute(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")


def _copy_room_tables(server: roomdb.Server, src: str, dst: str) -> None:
    """The room's own tables (stations, join codes, photos) into the restored database."""
    with roomdb.connect(server, src) as a, roomdb.connect(server, dst) as b:
        for table in ("join_code", "station", "image_blob"):
            if a.execute("SELECT to_regclass(%s)", (f"kh_room.{table}",)).fetchone()[0] is None:
                continue  # not a room's host (the test suite's databases)
            with (
                a.cursor().copy(f"COPY kh_room.{table} TO STDOUT (FORMAT binary)") as out,
                b.cursor().copy(f"COPY kh_room.{table} FROM STDIN (FORMAT binary)") as into,
            ):
                for block in out:
                    into.write(block)


def _with_scratch(dump: Path, fn: Callable[[WorkspaceStore, DumpCheck], T]) -> T:
    expected = _expected_counts(dump)
    with restored_in_scratch(dump) as (store, server, dbname):
        check = check_restored(store, server, dbname, dump.name, expected)
        return fn(store, check)


def dump_as_sqlite(dump: Path, target: Path) -> None:
    """The dump, checked in a scratch cluster, written as a SQLite workspace database (a room's
    backup restored into a single PC's folder or a new one: the host PC died)."""

    def write(store: WorkspaceStore, _check: DumpCheck) -> None:
        from kamarhitung.store.transfer import write_sqlite

        write_sqlite(store, target)

    _with_scratch(dump, write)


def restore_dump(dump: Path, path: Path, *, user: str, password: str, force: bool = False) -> str:
    """Restore a room's dump into the room whose folder is ``path`` (its host, see the module's
    docstring). Returns the name the replaced database is kept under on the room's cluster."""
    cfg = RoomConfig.load(path)
    if cfg.role == "station":
        raise InputError("RESTORE_ON_STATION", folder=str(path))
    return _restore_into_room(dump, path, cfg, user=user, password=password, force=force)


def _restore_into_room(
    dump: Path, path: Path, cfg: RoomConfig, *, user: str, password: str, force: bool
) -> str:
    from kamarhitung.core.model import Role
    from kamarhitung.services import accounts
    from kamarhitung.services.common import PermissionDeniedError
    from kamarhitung.store.workspace import WorkspaceLock

    def admin_of(ws: Workspace) -> Actor:
        actor = accounts.authenticate(ws, user, password)
        if actor.role != Role.ADMIN:
            raise PermissionDeniedError(
                "WRONG_ROLE", user=actor.name, role=actor.role.value, needs="admin"
            )
        return actor

    lock = WorkspaceLock(path)
    lock.acquire(f"restore by {user}")
    started_cluster = False
    try:
        if cfg.role == "host":
            from kamarhitung.services.room import cluster_of

            cluster = cluster_of(path)
            if cluster.pid() is None:
                try:
                    cluster.start()
                except ClusterError as e:
                    raise RoomBackupError("ROOM_DATABASE", detail=str(e)) from e
                started_cluster = True
        current = open_workspace(path)
        try:
            admin_of(current)
            mine = current.meta()
        finally:
            current.close()

        # 1. The dump, checked away from the room: counts, chain, kabupaten, the admin.
        def judge(store: WorkspaceStore, check: DumpCheck) -> DumpCheck:
            theirs = check.meta
            if (theirs.get("kind", "kabupaten"), theirs.get("kabupaten_code")) != (
                mine.get("kind", "kabupaten"),
                mine.get("kabupaten_code"),
            ):
                raise InputError(
                    "BACKUP_OTHER_KABUPATEN",
                    file=dump.name,
                    theirs=_kabupaten_label(theirs),
                    folder=str(path),
                    mine=_kabupaten_label(mine),
                )
            return check

        check = _with_scratch(dump, judge)

        server = _superuser(path, cfg)
        live = cfg.dbname
        stations = connected_stations(server, live)
        if stations and not force:
            raise ConflictError("ROOM_STATIONS_CONNECTED", stations=", ".join(stations))

        # 2. Into a new database on the room's cluster, beside the live one.
        new = f"{live}_restoring"
        _drop(server, new)
        roomdb.create_database(server, new)
        try:
            roomdb.install_room_schema(server, new)
            _pg_restore(dump, _conn_args(cfg, new), cfg.password, "--no-owner")
            _copy_room_tables(server, live, new)
            engine = make_pg_engine(
                host=cfg.host, port=cfg.port, dbname=new, user=cfg.user, password=cfg.password
            )
            store = WorkspaceStore(path, engine, room=cfg)
            try:
                with store.reading() as s:
                    chain = verify_chain(s)
                if not chain.intact or chain.events != check.events:
                    raise RoomBackupError(
                        "BACKUP_CHAIN_BROKEN", file=dump.name, reason=str(chain.reason)
                    )
                ws = Workspace(store)
                actor = admin_of(ws)
                kept = _free_name(server, live)
                with store.unit_of_work() as s:
                    append_event(
                        s,
                        ws.now(),
                        actor,
                        "restore",
                        target=dump.name,
                        details={
                            "kept": kept,
                            "kabupaten": check.meta.get("kabupaten_code"),
                            "events": chain.events,
                            "format": "pg_dump",
                            "stations_cut": stations,
                        },
                    )
            finally:
                store.close()
            # 3. The swap: nobody connects to the old database any more; it is kept renamed.
            with roomdb.connect(server) as c:
                c.execute(f"ALTER DATABASE {live} WITH ALLOW_CONNECTIONS false")
                try:
                    now = connected_stations(server, live)
                    if now and not force:
                        raise ConflictError("ROOM_STATIONS_CONNECTED", stations=", ".join(now))
                    c.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()",
                        (live,),
                    )
                    _wait_no_connections(c, live)
                    c.execute(f"ALTER DATABASE {live} RENAME TO {kept}")
                except BaseException:
                    c.execute(f"ALTER DATABASE {live} WITH ALLOW_CONNECTIONS true")
                    raise
                c.execute(f"ALTER DATABASE {kept} WITH ALLOW_CONNECTIONS true")  # to look into
                try:
                    c.execute(f"ALTER DATABASE {new} RENAME TO {live}")
                except BaseException:
                    c.execute(f"ALTER DATABASE {kept} RENAME TO {live}")
                    c.execute(f"ALTER DATABASE {live} WITH ALLOW_CONNECTIONS true")
                    raise
        except BaseException:
            _drop(server, new)
            raise
        return kept
    finally:
        if started_cluster:
            from kamarhitung.services.room import cluster_of

            cluster_of(path).stop()
        lock.release()


def _wait_no_connections(conn: Any, dbname: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (dbname,),
        ).fetchone()
        if row is not None and int(row[0]) == 0:
            return
        time.sleep(0.1)
