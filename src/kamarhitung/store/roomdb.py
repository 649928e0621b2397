"""The room's database on its cluster: roles, grants, join codes and stations.

Roles:

* ``postgres``: the cluster's superuser; its password stays on the host (``DIR/room/host.json``).
* ``kh_owner``: owns the workspace database and its tables; runs the migrations; the host's own
  connections use it.
* ``kh_app`` (no login): what the application does and nothing more. SELECT and INSERT on every
  table; UPDATE and DELETE only on the tables that are not append-only (those carry a
  ``<table>_no_update`` trigger, read from the catalogue, so a new append-only table is covered
  by its migration alone); no DDL (it owns nothing, may not create in the schema), no other
  database (CONNECT is revoked from PUBLIC everywhere).
* ``kh_station_<name>``: one login per station, member of ``kh_app``.
* ``kh_join_<id>``: one login per join code, valid for an hour, one connection, which may only
  call ``kh_room.redeem`` once: that creates the station's role with the password the station
  chose and marks the code used.

The ``kh_room`` schema (join codes, stations) is the room's, not the election's: ``room export``
does not carry it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kamarhitung.core.refusal import CodedError

OWNER = "kh_owner"
APP_ROLE = "kh_app"
DBNAME = "kamarhitung"
CODE_TTL = timedelta(hours=1)
_NAME = re.compile(r"^[a-z0-9_]{1,40}$")
_B32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read aloud without confusion


class RoomDbError(CodedError):
    """The room's database refused (a wrong or used code, an unknown station...); a code of
    ``core/refusal.py`` with its parameters, worded by each interface."""


@dataclass(frozen=True, slots=True)
class Server:
    host: str
    port: int
    password: str  # the superuser's
    user: str = "postgres"


@contextmanager
def connect(
    server: Server,
    dbname: str = "postgres",
    *,
    user: str | None = None,
    password: str | None = None,
) -> Iterator[Any]:
    import psycopg

    conn = psycopg.connect(
        host=server.host,
        port=server.port,
        user=user or server.user,
        password=password if password is not None else server.password,
        dbname=dbname,
        autocommit=True,
        connect_timeout=10,
        sslmode="disable",  # loopback on the host only
    )
    try:
        yield conn
    finally:
        conn.close()


def _ident(name: str) -> str:
    if not _NAME.match(name):
        raise RoomDbError("ROOM_NAME_INVALID", name=name)
    return name


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ensure_roles(server: Server, owner_password: str) -> None:
    with connect(server) as c:
        have = {r for (r,) in c.execute("SELECT rolname FROM pg_roles")}
        if OWNER not in have:
            c.execute(f"CREATE ROLE {OWNER} LOGIN PASSWORD {_quote(owner_password)}")
        else:
            c.execute(f"ALTER ROLE {OWNER} LOGIN PASSWORD {_quote(owner_password)}")
        if APP_ROLE not in have:
            c.execute(f"CREATE ROLE {APP_ROLE} NOLOGIN")
        for db in ("postgres", "template1"):
            c.execute(f"REVOKE CONNECT ON DATABASE {db} FROM PUBLIC")


def create_database(server: Server, dbname: str, *, template: str | None = None) -> None:
    """A workspace database owned by ``kh_owner``, which ``kh_app`` may connect to."""
    _ident(dbname)
    with connect(server) as c:
        tpl = f" TEMPLATE {_ident(template)}" if template else ""
        c.execute(f"CREATE DATABASE {dbname} OWNER {OWNER}{tpl}")
        c.execute(f"REVOKE CONNECT ON DATABASE {dbname} FROM PUBLIC")
        c.execute(f"GRANT CONNECT ON DATABASE {dbname} TO {APP_ROLE}, {OWNER}")
    with connect(server, dbname) as c:
        c.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        c.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
        c.execute(f"GRANT CREATE ON SCHEMA public TO {OWNER}")
        c.execute(f"ALTER SCHEMA public OWNER TO {OWNER}")


def grant_app(conn: Any) -> None:
    """Give ``kh_app`` what the application does, on the tables as they now are (as owner).

    ``conn`` is a SQLAlchemy connection in the migration's transaction.
    """
    tables = [
        str(r[0])
        for r in conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ]
    append_only = {
        str(r[0])
        for r in conn.exec_driver_sql(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = c.relname || '_no_update' AND NOT t.tgisinternal"
        )
    }
    for t in tables:
        conn.exec_driver_sql(f'REVOKE ALL ON "{t}" FROM {APP_ROLE}')
        if t == "alembic_version":
            conn.exec_driver_sql(f'GRANT SELECT ON "{t}" TO {APP_ROLE}')
        elif t in append_only:
            conn.exec_driver_sql(f'GRANT SELECT, INSERT ON "{t}" TO {APP_ROLE}')
        else:
            conn.exec_driver_sql(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{t}" TO {APP_ROLE}')
    conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")


_ROOM_SCHEMA = f"""
CREATE SCHEMA IF NOT EXISTS kh_room;
REVOKE ALL ON SCHEMA kh_room FROM PUBLIC;
CREATE TABLE IF NOT EXISTS kh_room.join_code (
    role_name text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    created_by text NOT NULL,
    used_at timestamptz,
    station text
);
CREATE TABLE IF NOT EXISTS kh_room.station (
    name text PRIMARY KEY,
    role_name text NOT NULL UNIQUE,
    joined_at timestamptz NOT NULL DEFAULT now(),
    address text,
    last_seen timestamptz,
    user_name text
);
CREATE OR REPLACE FUNCTION kh_room.redeem(p_station text, p_password text)
RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, kh_room AS $$
DECLARE
    code kh_room.join_code;
    r text;
BEGIN
    SELECT * INTO code FROM kh_room.join_code WHERE role_name = session_user FOR UPDATE;
    IF NOT FOUND OR code.used_at IS NOT NULL THEN
        RAISE EXCEPTION 'this join code was already used' USING ERRCODE = 'invalid_authorization_specification';
    END IF;
    IF code.expires_at < now() THEN
        RAISE EXCEPTION 'this join code has expired' USING ERRCODE = 'invalid_authorization_specification';
    END IF;
    IF p_station !~ '^[a-z0-9_]{{1,30}}$' THEN
        RAISE EXCEPTION 'a station name is lower-case letters, digits and _' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM kh_room.station WHERE name = p_station) THEN
        RAISE EXCEPTION 'a station named % is already in the room', p_station USING ERRCODE = 'unique_violation';
    END IF;
    r := 'kh_station_' || p_station;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE {APP_ROLE} CONNECTION LIMIT 20', r, p_password);
    UPDATE kh_room.join_code SET used_at = now(), station = p_station WHERE role_name = code.role_name;
    INSERT INTO kh_room.station (name, role_name) VALUES (p_station, r);
    EXECUTE format('ALTER ROLE %I NOLOGIN', code.role_name);
    RETURN r;
END $$;
REVOKE ALL ON FUNCTION kh_room.redeem(text, text) FROM PUBLIC;
CREATE OR REPLACE FUNCTION kh_room.seen(p_address text, p_user text)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, kh_room AS $$
    UPDATE kh_room.station SET last_seen = now(), address = p_address,
        user_name = coalesce(p_user, user_name)
    WHERE role_name = session_user;
$$;
REVOKE ALL ON FUNCTION kh_room.seen(text, text) FROM PUBLIC;
GRANT USAGE ON SCHEMA kh_room TO {APP_ROLE}, {OWNER};
GRANT EXECUTE ON FUNCTION kh_room.seen(text, text) TO {APP_ROLE};
-- Photos, content-addressed, for every station (each keeps a local cache and checks the hash).
CREATE TABLE IF NOT EXISTS kh_room.image_blob (
    sha256 text PRIMARY KEY CHECK (length(sha256) = 64),
    ext text NOT NULL,
    data bytea NOT NULL
);
ALTER TABLE kh_room.image_blob ALTER COLUMN data SET STORAGE EXTERNAL;
GRANT SELECT, INSERT ON kh_room.image_blob TO {APP_ROLE}, {OWNER};
"""


def install_room_schema(server: Server, dbname: str) -> None:
    """The join codes and stations (as superuser: ``redeem`` creates roles)."""
    with connect(server, dbname) as c:
        c.execute(_ROOM_SCHEMA)


def _encode(data: bytes) -> str:
    bits = int.from_bytes(data, "big")
    n = len(data) * 8 // 5
    out = "".join(_B32[(bits >> (5 * i)) & 31] for i in range(n))[::-1]
    return "-".join(out[i : i + 4] for i in range(0, len(out), 4))


def _decode(code: str, nbytes: int) -> bytes:
    text = code.upper().replace("-", "").replace(" ", "")
    bits = 0
    for ch in text:
        idx = _B32.find(ch)
        if idx < 0:
            raise RoomDbError("JOIN_CODE_LETTER", letter=ch)
        bits = (bits << 5) | idx
    if len(text) != nbytes * 8 // 5:
        raise RoomDbError("JOIN_CODE_LENGTH")
    return bits.to_bytes(nbytes, "big")


SECRET_BYTES = 8
PIN_BYTES = 7  # of the host certificate's SHA-256


@dataclass(frozen=True, slots=True)
class JoinCode:
    code: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class ParsedCode:
    secret: str
    pin: str  # hex prefix of the host certificate's SHA-256

    @property
    def role_name(self) -> str:
        return "kh_join_" + hashlib.sha256(self.secret.encode()).hexdigest()[:16]


def parse_code(code: str) -> ParsedCode:
    raw = _decode(code, SECRET_BYTES + PIN_BYTES)
    return ParsedCode(raw[:SECRET_BYTES].hex(), raw[SECRET_BYTES:].hex())


def new_join_code(server: Server, dbname: str, fingerprint: str, created_by: str) -> JoinCode:
    """A single-use join code, valid for an hour, that pins the host certificate."""
    secret = secrets.token_bytes(SECRET_BYTES)
    raw = secret + bytes.fromhex(fingerprint)[:PIN_BYTES]
    code = _encode(raw)
    parsed = parse_code(code)
    expires = datetime.now(UTC) + CODE_TTL
    role = parsed.role_name
    with connect(server, dbname) as c, c.transaction():
        c.execute(
            f"CREATE ROLE {role} LOGIN PASSWORD {_quote(parsed.secret)} CONNECTION LIMIT 1 "
            f"VALID UNTIL {_quote(expires.isoformat())}"
        )
        c.execute(f"GRANT CONNECT ON DATABASE {dbname} TO {role}")
        c.execute(f"GRANT USAGE ON SCHEMA kh_room TO {role}")
        c.execute(f"GRANT EXECUTE ON FUNCTION kh_room.redeem(text, text) TO {role}")
        c.execute(
            "INSERT INTO kh_room.join_code (role_name, expires_at, created_by) VALUES (%s, %s, %s)",
            (role, expires, created_by),
        )
    return JoinCode(code, expires)


def redeem(
    host: str, port: int, dbname: str, code: ParsedCode, station: str, password: str, cert: Path
) -> str:
    """Use a join code (over TLS, pinned to ``cert``): the station's role, created on the host."""
    import psycopg

    try:
        with psycopg.connect(
            host=host,
            port=port,
            user=code.role_name,
            password=code.secret,
            dbname=dbname,
            sslmode="verify-ca",
            sslrootcert=str(cert),
            connect_timeout=10,
            autocommit=True,
        ) as c:
            row = c.execute("SELECT kh_room.redeem(%s, %s)", (station, password)).fetchone()
    except psycopg.OperationalError as e:
        msg = str(e)
        if "password authentication failed" in msg or "not permitted to log in" in msg:
            raise RoomDbError("JOIN_CODE_USED") from e
        if "too many connections" in msg:
            raise RoomDbError("JOIN_CODE_BUSY") from e
        raise RoomDbError("ROOM_UNREACHABLE", host=host, port=port, detail=msg.strip()) from e
    except psycopg.Error as e:
        raise RoomDbError("JOIN_REFUSED", detail=str(e).strip().splitlines()[0]) from e
    assert row is not None
    return str(row[0])


def stations(server: Server, dbname: str) -> list[dict[str, object]]:
    with connect(server, dbname) as c:
        rows = c.execute(
            "SELECT name, address, last_seen, user_name FROM kh_room.station ORDER BY name"
        ).fetchall()
    return [
        {
            "name": n,
            "address": a,
            "last_seen": ls.isoformat(timespec="seconds") if ls else None,
            "user": u,
        }
        for n, a, ls, u in rows
    ]


# ---------------------------------------------------------------------------------------------
# The test suite's databases (``--engine=postgresql``): see tests/conftest.py.


def test_server() -> tuple[Server, str]:
    cfg = json.loads(os.environ["KAMARHITUNG_TEST_POSTGRES"])
    return Server(cfg["host"], int(cfg["port"]), cfg["password"]), str(cfg["owner_password"])


def create_test_database(path: Path, *, template: str | None = None) -> str:
    """A fresh database on the test server for the workspace folder ``path`` (``room.json``)."""
    from kamarhitung.store.room_config import RoomConfig

    server, owner_password = test_server()
    dbname = "t_" + uuid.uuid4().hex[:20]
    create_database(server, dbname, template=template)
    RoomConfig(
        host=server.host,
        port=server.port,
        dbname=dbname,
        user=OWNER,
        password=owner_password,
        role="test",
    ).save(path)
    return dbname


def copy_test_workspace(src: Path, dst: Path) -> None:
    """Copy a test workspace folder whose ``room.json`` names a test database: the folder, and a
    new database made from the source's (whose connections are closed first)."""
    import shutil

    from kamarhitung.store.room_config import RoomConfig

    template = RoomConfig.load(src).dbname
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("room.json"))
    server, _ = test_server()
    with connect(server) as c:
        c.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (template,),
        )
    create_test_database(dst, template=template)


def local_address(host: str, port: int) -> str | None:
    """This PC's address on the way to the host (a UDP "connect" sends nothing)."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect((host, port))
            return str(s.getsockname()[0])
    except OSError:
        return None


def mark_seen(engine: Any, host: str, port: int, user: str | None) -> None:
    """A station says it is here (and who is logged in), for the host's list of stations."""
    from sqlalchemy import text

    with engine.begin() as c:
        c.execute(text("SELECT kh_room.seen(:a, :u)"), {"a": local_address(host, port), "u": user})


def put_blob(engine: Any, sha256: str, ext: str, data: bytes) -> None:
    """Make a photo available to every station of the room (once per hash)."""
    from sqlalchemy import text

    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO kh_room.image_blob (sha256, ext, data) VALUES (:s, :e, :d) "
                "ON CONFLICT (sha256) DO NOTHING"
            ),
            {"s": sha256, "e": ext, "d": data},
        )


def get_blob(engine: Any, sha256: str) -> bytes | None:
    from sqlalchemy import text

    with engine.connect() as c:
        row = c.execute(
            text("SELECT data FROM kh_room.image_blob WHERE sha256 = :s"), {"s": sha256}
        ).first()
    return None if row is None else bytes(row[0])
