"""The room (ROOM.md): a workspace served to keying stations on the room's LAN.

The host's folder ``DIR`` keeps its images and keys; its database moves into a PostgreSQL cluster
that kamarhitung runs itself (``DIR/room/``), reached by the host on loopback and by stations
through the TLS gateway. ``DIR/room/host.json`` (readable by its owner only) holds the cluster's
passwords and where it listens. A station's folder holds ``room.json`` and the host certificate
it pinned when it joined.

Every step that changes something appends the same kind of audit event as any other action:
``room.host``, ``room.code``, ``room.join``, ``room.stop``, ``room.export``.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kamarhitung.core.model import Role
from kamarhitung.services import accounts
from kamarhitung.services.audit import append_event, verify_chain
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    PermissionDeniedError,
    ServiceError,
    require_role,
)
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store import roomdb
from kamarhitung.store.engine import make_engine
from kamarhitung.store.pgcluster import Cluster, ClusterError, free_port, new_password
from kamarhitung.store.room_config import ROOM_FILE, RoomConfig
from kamarhitung.store.tlsgateway import (
    TlsGateway,
    certificate_fingerprint,
    fetch_certificate,
    make_host_certificate,
)
from kamarhitung.store.transfer import copy_rows, write_sqlite
from kamarhitung.store.workspace import DB_NAME, WorkspaceStore

DEFAULT_PORT = 5433
MOVED_SUFFIX = ".moved-to-room"
Progress = Callable[[str], None]


class RoomError(ServiceError):
    """A room action refused or failed; the code says why."""


@dataclass(frozen=True, slots=True)
class HostSettings:
    listen: str
    port: int
    pg_port: int
    allow: tuple[str, ...]
    superuser_password: str
    owner_password: str
    fingerprint: str

    @classmethod
    def load(cls, path: Path) -> HostSettings:
        d = json.loads((path / "room" / "host.json").read_text(encoding="utf-8"))
        return cls(
            d["listen"],
            int(d["port"]),
            int(d["pg_port"]),
            tuple(d["allow"]),
            d["superuser_password"],
            d["owner_password"],
            d["fingerprint"],
        )

    def save(self, path: Path) -> None:
        target = path / "room" / "host.json"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "listen": self.listen,
                    "port": self.port,
                    "pg_port": self.pg_port,
                    "allow": list(self.allow),
                    "superuser_password": self.superuser_password,
                    "owner_password": self.owner_password,
                    "fingerprint": self.fingerprint,
                },
                f,
                indent=1,
            )

    @property
    def server(self) -> roomdb.Server:
        return roomdb.Server("127.0.0.1", self.pg_port, self.superuser_password)


def is_host(path: Path) -> bool:
    return (path / "room" / "host.json").is_file()


def cluster_of(path: Path) -> Cluster:
    return Cluster(path / "room")


def _allow_for(listen: str, allow: list[str] | None) -> tuple[str, ...]:
    if allow:
        nets = [str(ipaddress.ip_network(a, strict=False)) for a in allow]
        return tuple(nets)
    ip = ipaddress.ip_address(listen)
    if ip.is_loopback:
        return ("127.0.0.0/8",)
    if ip.is_unspecified:
        raise InputError("LISTEN_EVERYWHERE")
    # The room's LAN: the /24 of the host's address (override with --allow).
    return (str(ipaddress.ip_network(f"{listen}/24", strict=False)),)


def _admin(ws: Workspace, user: str, password: str) -> Actor:
    actor = accounts.authenticate(ws, user, password)
    require_role(actor, Role.ADMIN)
    return actor


@dataclass(frozen=True, slots=True)
class Hosted:
    listen: str
    port: int
    pid: int
    moved_rows: int | None


def make_host(
    path: Path,
    user: str,
    password: str,
    *,
    listen: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    allow: list[str] | None = None,
    progress: Progress | None = None,
) -> Hosted:
    """Make ``path`` a room host and start its database (not the gateway: see :func:`serve`).

    The first time, the SQLite workspace is checked (admin, intact audit chain), every row is
    copied into the room's new database in one transaction, the chain is verified again there,
    and the SQLite file is set aside read-only. If anything fails, the folder is as before.
    """
    say = progress or (lambda _m: None)
    try:
        ipaddress.ip_address(listen)
    except ValueError:
        raise InputError("LISTEN_NOT_HERE", listen=listen) from None
    if is_host(path):
        settings = HostSettings.load(path)
        if (listen, port) != (settings.listen, settings.port) or allow:
            settings = HostSettings(
                listen,
                port,
                settings.pg_port,
                _allow_for(listen, allow),
                settings.superuser_password,
                settings.owner_password,
                settings.fingerprint,
            )
            settings.save(path)
        try:
            pid = cluster_of(path).start(progress=say)
        except ClusterError as e:
            raise RoomError("ROOM_DATABASE", detail=str(e)) from e
        ws = open_workspace(path)
        try:
            _admin(ws, user, password)
        finally:
            ws.close()
        return Hosted(listen, port, pid, None)
    if not (path / DB_NAME).is_file():
        raise InputError("NOT_A_WORKSPACE", path=str(path), db=DB_NAME)
    if (path / ROOM_FILE).exists():
        raise ConflictError("STATION_CANNOT_HOST", path=str(path))
    allow_nets = _allow_for(listen, allow)
    # 1. The single-PC workspace: an admin, and an intact chain before anything moves.
    old = open_workspace(path)
    try:
        _admin(old, user, password)
        with old.store.reading() as s:
            before = verify_chain(s)
        if not before.intact:
            raise RoomError("ROOM_CHAIN_BROKEN", path=str(path), reason=str(before.reason))
    finally:
        old.close()
    cluster = cluster_of(path)
    created: list[Path] = []
    try:
        say("creating the room's database")
        settings = HostSettings(
            listen, port, free_port(), allow_nets, new_password(), new_password(), ""
        )
        cluster.initialise(settings.superuser_password, port=settings.pg_port)
        created.append(cluster.root)
        tls = path / "room" / "tls"
        tls.mkdir(mode=0o700)
        names = sorted({listen, "127.0.0.1", socket.gethostname()})
        fp = make_host_certificate(tls / "host.pem", tls / "host.key", names)
        settings = HostSettings(
            settings.listen,
            settings.port,
            settings.pg_port,
            settings.allow,
            settings.superuser_password,
            settings.owner_password,
            fp,
        )
        settings.save(path)
        pid = cluster.start(progress=say)
        roomdb.ensure_roles(settings.server, settings.owner_password)
        roomdb.create_database(settings.server, roomdb.DBNAME)
        roomdb.install_room_schema(settings.server, roomdb.DBNAME)
        RoomConfig(
            host="127.0.0.1",
            port=settings.pg_port,
            dbname=roomdb.DBNAME,
            user=roomdb.OWNER,
            password=settings.owner_password,
            role="host",
        ).save(path)
        created.append(path / ROOM_FILE)
        # 2. Every row, in one transaction, then the chain again on the room.
        say("moving the workspace into the room")
        moved = _move_rows(path, progress=say)
        _share_images(path, progress=say)
        ws = open_workspace(path)
        try:
            with ws.store.reading() as s:
                after = verify_chain(s)
            if not after.intact or after.events != before.events:
                raise RoomError("ROOM_MOVE_BROKE_CHAIN", reason=str(after.reason))
            actor = _admin(ws, user, password)
            with ws.store.unit_of_work() as s:
                append_event(
                    s,
                    ws.now(),
                    actor,
                    "room.host",
                    target=listen,
                    details={"port": port, "rows": moved, "events_before": before.events},
                )
        finally:
            ws.close()
    except BaseException:
        (path / ROOM_FILE).unlink(missing_ok=True)
        if cluster.exists:
            try:
                cluster.stop(mode="immediate")
            except ClusterError:
                cluster.kill()
        import shutil

        shutil.rmtree(path / "room", ignore_errors=True)
        raise
    # 3. The SQLite file is set aside, read-only: the room is now the workspace.
    _set_aside(path)
    say("the workspace is now a room")
    return Hosted(listen, port, pid, moved)


def _move_rows(path: Path, *, progress: Progress) -> int:
    src_engine = make_engine(path / DB_NAME, read_only=False)
    dst = WorkspaceStore.open(path)  # the room, migrated to the same schema
    try:
        with src_engine.connect() as src, dst.engine.execution_options(kh_write=True).begin() as c:
            counts = copy_rows(src, c, progress=lambda t, n: None)
        progress(f"{sum(counts.values())} rows moved")
        # A bulk load leaves no planner statistics and no visibility map: without them the
        # recap's covering index is not used (full recap of 25,000 TPS × 2: 720 → 330 ms).
        with dst.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM (ANALYZE)")
        return sum(counts.values())
    finally:
        dst.close()
        src_engine.dispose()


def _share_images(path: Path, *, progress: Progress) -> None:
    """Every photo of the workspace into the room's database, checked against its hash."""
    from sqlalchemy import select

    from kamarhitung.store.models import ImageRow

    store = WorkspaceStore.open(path)
    try:
        with store.reading() as s:
            images = s.execute(select(ImageRow.sha256, ImageRow.ext)).all()
        n = 0
        for sha, ext in images:
            f = store.images_dir / sha[:2] / f"{sha}.{ext}"
            try:
                data = f.read_bytes()
            except OSError:
                continue  # listed by `images missing`, as on one PC
            if hashlib.sha256(data).hexdigest() == sha:
                roomdb.put_blob(store.engine, sha, ext, data)
                n += 1
        progress(f"{n} photos shared with the stations")
    finally:
        store.close()


def _set_aside(path: Path) -> None:
    db = path / DB_NAME
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    for suffix in ("-wal", "-shm"):
        (path / f"{DB_NAME}{suffix}").unlink(missing_ok=True)
    moved = path / f"{DB_NAME}{MOVED_SUFFIX}"
    db.rename(moved)
    moved.chmod(0o444)


# ---------------------------------------------------------------------------------------------
# Serving: the gateway in front of the running cluster, until stopped.


def _serve_pidfile(path: Path) -> Path:
    return path / "room" / "serve.pid"


def start_gateway(path: Path) -> TlsGateway:
    s = HostSettings.load(path)
    tls = path / "room" / "tls"
    gw = TlsGateway(
        listen=s.listen,
        port=s.port,
        upstream_port=s.pg_port,
        cert_file=tls / "host.pem",
        key_file=tls / "host.key",
        allow=[ipaddress.ip_network(a) for a in s.allow],
    )
    gw.start()
    return gw


def serve(path: Path, *, progress: Progress | None = None) -> int:
    """Run the room until SIGTERM or SIGINT: the cluster, and the gateway for the stations."""
    say = progress or (lambda _m: None)
    cluster = cluster_of(path)
    cluster.start(progress=say)
    gw = start_gateway(path)
    pidfile = _serve_pidfile(path)
    pidfile.write_text(str(os.getpid()), encoding="utf-8")
    stop = {"now": False}

    def _stop(_sig: int, _frame: object) -> None:
        stop["now"] = True

    old_term = signal.signal(signal.SIGTERM, _stop)
    old_int = signal.signal(signal.SIGINT, _stop)
    say(f"the room is open on {gw.listen}:{gw.port}")
    try:
        while not stop["now"]:
            time.sleep(0.2)
            if cluster.pid() is None:  # the database died (killed): bring it back
                say("the database stopped; restarting it")
                cluster.start(progress=say)
    finally:
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGINT, old_int)
        gw.stop()
        cluster.stop()
        pidfile.unlink(missing_ok=True)
    return 0


_DETACHED: list[subprocess.Popen[bytes]] = []


def serve_detached(path: Path, *, timeout: float = 120) -> int:
    """Start :func:`serve` in a background process; return once stations can connect. If one
    serves the room already, its pid is returned."""
    s = HostSettings.load(path)
    pidfile = _serve_pidfile(path)
    if pidfile.exists():
        import psutil

        running = int(pidfile.read_text(encoding="utf-8").strip() or 0)
        if running and psutil.pid_exists(running):
            return running
        pidfile.unlink(missing_ok=True)
    log = open(path / "room" / "serve.log", "ab")  # noqa: SIM115 - handed to the child
    # The installed program is its own interpreter: it takes the command itself.
    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "kamarhitung"]
    )
    proc = subprocess.Popen(
        [*program, "room", "serve", str(path)],
        stdout=log,
        stderr=log,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    log.close()
    # The serving process outlives this call (and may outlive this process): keep its handle so
    # that Python never reaps or warns about it here.
    _DETACHED.append(proc)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RoomError("ROOM_DID_NOT_START", log=str(path / "room" / "serve.log"))
        if _serve_pidfile(path).exists():
            try:
                with socket.create_connection((s.listen, s.port), timeout=1):
                    return proc.pid
            except OSError:
                pass
        time.sleep(0.1)
    raise RoomError("ROOM_NOT_OPEN_IN_TIME", seconds=round(timeout))


def stop(path: Path, user: str, password: str, *, timeout: float = 60) -> bool:
    """Stop the room: the serving process if any, and the database. True if it was running."""
    if not is_host(path):
        raise InputError("NOT_A_ROOM_HOST", path=str(path))
    cluster = cluster_of(path)
    if cluster.pid() is not None:
        ws = open_workspace(path)
        try:
            actor = _admin(ws, user, password)
            with ws.store.unit_of_work() as s:
                append_event(s, ws.now(), actor, "room.stop")
        finally:
            ws.close()
    was = False
    pidfile = _serve_pidfile(path)
    if pidfile.exists():
        pid = int(pidfile.read_text(encoding="utf-8").strip() or 0)
        try:
            os.kill(pid, signal.SIGTERM)
            was = True
        except ProcessLookupError:
            pidfile.unlink(missing_ok=True)
        deadline = time.monotonic() + timeout
        while pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        for proc in [p for p in _DETACHED if p.pid == pid]:  # started by this process
            proc.wait(max(1.0, deadline - time.monotonic()))
            _DETACHED.remove(proc)
    return cluster.stop() or was


# ---------------------------------------------------------------------------------------------
# Join codes and stations


def new_code(path: Path, user: str, password: str) -> roomdb.JoinCode:
    if not is_host(path):
        raise InputError("NOT_A_ROOM_HOST", path=str(path))
    s = HostSettings.load(path)
    ws = open_workspace(path)
    try:
        actor = _admin(ws, user, password)
        code = roomdb.new_join_code(s.server, roomdb.DBNAME, s.fingerprint, actor.name)
        with ws.store.unit_of_work() as sess:
            append_event(
                sess,
                ws.now(),
                actor,
                "room.code",
                details={"expires_at": code.expires_at.isoformat(timespec="seconds")},
            )
    finally:
        ws.close()
    return code


_STATION = re.compile(r"[^a-z0-9_]+")


def default_station_name() -> str:
    base = _STATION.sub("_", socket.gethostname().lower()).strip("_")[:20] or "station"
    return f"{base}_{secrets.token_hex(2)}"


def join(sdir: Path, host: str, port: int, code: str, *, name: str | None = None) -> str:
    """Make ``sdir`` a station of the room at ``host``:``port`` with a join code.

    The host's certificate must match the one the code pins; the code is used once."""
    if (sdir / ROOM_FILE).exists() or (sdir / DB_NAME).exists():
        raise ConflictError("FOLDER_NOT_EMPTY", path=str(sdir))
    try:
        parsed = roomdb.parse_code(code)
    except roomdb.RoomDbError as e:
        raise InputError(e.code, **e.params) from e
    try:
        pem = fetch_certificate(host, port)
    except OSError as e:
        raise RoomError("ROOM_UNREACHABLE", host=host, port=port, detail=str(e)) from e
    if not certificate_fingerprint(pem).startswith(parsed.pin):
        raise PermissionDeniedError("ROOM_PIN_MISMATCH", host=host, port=port)
    station = name or default_station_name()
    sdir.mkdir(parents=True, exist_ok=True)
    cert = sdir / "host.pem"
    cert.write_bytes(pem)
    station_password = new_password()
    try:
        role = roomdb.redeem(host, port, roomdb.DBNAME, parsed, station, station_password, cert)
    except roomdb.RoomDbError as e:
        cert.unlink(missing_ok=True)
        if e.code == "ROOM_UNREACHABLE":
            raise RoomError(e.code, **e.params) from e
        raise PermissionDeniedError(e.code, **e.params) from e
    RoomConfig(
        host=host,
        port=port,
        dbname=roomdb.DBNAME,
        user=role,
        password=station_password,
        role="station",
        sslrootcert="host.pem",
        name=station,
    ).save(sdir)
    for sub in ("images", "keys", "backups"):
        (sdir / sub).mkdir(exist_ok=True)
    ws = open_workspace(sdir)
    try:
        mark_seen(ws, None)
        with ws.store.unit_of_work() as s:
            append_event(s, ws.now(), None, "room.join", target=station, user_name="system")
    finally:
        ws.close()
    return station


def mark_seen(ws: Workspace, user: str | None) -> None:
    """A station says it is here (and who is logged in), for the host's list of stations."""
    cfg = ws.store.room
    if cfg is not None and cfg.role == "station":
        roomdb.mark_seen(ws.store.engine, cfg.host, cfg.port, user)


def ping(ws: Workspace, user: str | None) -> None:
    """Whether the room's database answers now (raises if not); a station also says it is here
    and who is logged in (the host's list of stations)."""
    from sqlalchemy import text

    if not ws.store.is_room:
        return
    cfg = ws.store.room
    if cfg is not None and cfg.role == "station":
        mark_seen(ws, user)
        return
    with ws.store.engine.connect() as c:
        c.execute(text("SELECT 1"))


def this_pc_addresses() -> list[str]:
    """This PC's IPv4 addresses, the room's LAN first and loopback last (where a host may
    listen: the supervisor chooses one, never 0.0.0.0)."""
    import psutil

    found: list[str] = []
    for addrs in psutil.net_if_addrs().values():
        for a in addrs:
            if a.family == socket.AF_INET and a.address not in found:
                found.append(a.address)
    if "127.0.0.1" not in found:
        found.append("127.0.0.1")
    return sorted(found, key=lambda a: (ipaddress.ip_address(a).is_loopback, a))


def status(path: Path) -> dict[str, object]:
    if not is_host(path) and not (path / ROOM_FILE).exists():
        if not (path / DB_NAME).exists():
            raise InputError("NOT_A_WORKSPACE", path=str(path), db=DB_NAME)
        return {"engine": "sqlite", "stations": []}
    out: dict[str, object] = {"engine": "postgresql"}
    if is_host(path):
        s = HostSettings.load(path)
        cluster = cluster_of(path)
        pid = cluster.pid()
        out |= {"host": s.listen, "port": s.port, "running": pid is not None, "pid": pid}
        out["stations"] = roomdb.stations(s.server, roomdb.DBNAME) if pid is not None else []
    else:
        cfg = RoomConfig.load(path)
        out |= {"host": cfg.host, "port": cfg.port, "station": cfg.name, "stations": []}
    return out


# ---------------------------------------------------------------------------------------------
# Export: the whole room as one SQLite workspace database


def export(path: Path, out: Path, user: str, password: str) -> dict[str, object]:
    if out.exists():
        raise InputError("FILE_EXISTS", path=str(out))
    ws = open_workspace(path)
    try:
        if not ws.store.is_room:
            raise InputError("NOT_A_ROOM", path=str(path))
        actor = _admin(ws, user, password)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".partial")
        tmp.unlink(missing_ok=True)
        try:
            counts = write_sqlite(ws.store, tmp)
            target = WorkspaceStore(out.parent, make_engine(tmp, read_only=True), read_only=True)
            try:
                with target.reading() as s:
                    chain = verify_chain(s)
            finally:
                target.close()
            if not chain.intact:
                raise RoomError("ROOM_EXPORT_CHAIN_BROKEN", reason=str(chain.reason))
            os.replace(tmp, out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        with ws.store.unit_of_work() as s:
            append_event(
                s,
                ws.now(),
                actor,
                "room.export",
                target=out.name,
                details={"sha256": digest, "rows": sum(counts.values())},
            )
    finally:
        ws.close()
    return {
        "file": str(out),
        "sha256": digest,
        "rows": sum(counts.values()),
        "events": chain.events,
    }
