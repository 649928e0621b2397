"""The room's commands end to end on one machine (127.0.0.1 only): a SQLite demo becomes a room,
stations join with codes, a wrong, reused or foreign code is refused, TLS is required, a station's
credentials can do no more than the app, a SIGKILLed database restarts with every acknowledged
entry, the room exports as one SQLite workspace, and stops."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from kamarhitung import cli
from kamarhitung.services import room
from kamarhitung.services.demo import create_demo
from kamarhitung.store import roomdb
from kamarhitung.store.pgcluster import free_port
from kamarhitung.store.room_config import RoomConfig

pytestmark = pytest.mark.postgresql_only


@dataclass
class Room:
    root: Path
    ws: Path
    port: int
    creds: dict[str, object]

    def password(self, name: str) -> str:
        users = self.creds["users"]
        assert isinstance(users, list)
        return str(next(u["password"] for u in users if u["name"] == name))


def run(
    capsys: pytest.CaptureFixture[str], *args: str, password: str | None = None
) -> tuple[int, str, str]:
    if password is not None:
        os.environ["KAMARHITUNG_PASSWORD"] = password
    try:
        rc = cli.main(list(args))
    finally:
        os.environ.pop("KAMARHITUNG_PASSWORD", None)
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    """A small SQLite demo (made without the session's test server), turned into a room served
    by a detached process on 127.0.0.1."""
    root = tmp_path_factory.mktemp("room")
    saved = os.environ.pop("KAMARHITUNG_TEST_POSTGRES", None)
    try:
        create_demo(root / "ws", n_tps=20, seed=3, entries="mixed")
    finally:
        if saved is not None:
            os.environ["KAMARHITUNG_TEST_POSTGRES"] = saved
    creds = json.loads((root / "ws" / "demo-credentials.json").read_text())
    r = Room(root, root / "ws", free_port(), creds)
    os.environ["KAMARHITUNG_PASSWORD"] = r.password("admin")
    try:
        assert (
            cli.main(
                [
                    "room",
                    "host",
                    str(r.ws),
                    "--user",
                    "admin",
                    "--port",
                    str(r.port),
                    "--detach",
                    "--json",
                ]
            )
            == 0
        )
    finally:
        os.environ.pop("KAMARHITUNG_PASSWORD", None)
    try:
        yield r
    finally:
        room.stop(r.ws, "admin", r.password("admin"))


def _code(capsys: pytest.CaptureFixture[str], r: Room) -> str:
    rc, out, err = run(
        capsys, "room", "code", str(r.ws), "--user", "admin", "--json", password=r.password("admin")
    )
    assert rc == 0, err
    return str(json.loads(out)["code"])


def _join(capsys: pytest.CaptureFixture[str], r: Room, name: str, code: str) -> tuple[int, str]:
    rc, _, err = run(
        capsys,
        "room",
        "join",
        str(r.root / name),
        "--host",
        "127.0.0.1",
        "--port",
        str(r.port),
        "--code",
        code,
        "--name",
        name,
    )
    return rc, err


def test_host_moved_every_row_and_set_the_sqlite_file_aside(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = hosted.ws / "kamarhitung.sqlite.moved-to-room"
    assert moved.is_file() and not (hosted.ws / "kamarhitung.sqlite").exists()
    assert not os.stat(moved).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    rc, out, _ = run(capsys, "audit", "verify", str(hosted.ws), "--json")
    assert rc == 0 and json.loads(out)["intact"]
    rc, out, _ = run(capsys, "room", "status", str(hosted.ws), "--json")
    st = json.loads(out)
    assert st["engine"] == "postgresql" and st["running"] and st["port"] == hosted.port
    rc, out, _ = run(capsys, "room", "status", str(hosted.root / "nothing"), "--json")
    assert rc == 2


def test_stations_join_with_codes_and_work_as_workspaces(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _join(capsys, hosted, "st1", _code(capsys, hosted)) == (0, "")
    assert _join(capsys, hosted, "st2", _code(capsys, hosted))[0] == 0
    cfg = RoomConfig.load(hosted.root / "st1")
    assert cfg.role == "station" and cfg.sslrootcert == "host.pem"
    assert stat.S_IMODE(os.stat(hosted.root / "st1" / "room.json").st_mode) == 0o600
    _, host_status, _ = run(capsys, "status", str(hosted.ws), "--json")
    rc, st_status, _ = run(capsys, "status", str(hosted.root / "st1"), "--json")
    assert rc == 0 and st_status == host_status
    rc, out, _ = run(capsys, "room", "status", str(hosted.ws), "--json")
    names = {s["name"] for s in json.loads(out)["stations"]}
    assert {"st1", "st2"} <= names


def test_a_wrong_reused_or_foreign_code_is_refused(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _code(capsys, hosted)
    assert _join(capsys, hosted, "st3", code)[0] == 0
    rc, err = _join(capsys, hosted, "st4", code)  # used
    assert rc == 2 and "already used" in err and not (hosted.root / "st4" / "room.json").exists()
    fresh = _code(capsys, hosted)
    wrong = ("A" if fresh[0] != "A" else "B") + fresh[1:]  # the secret part changed
    rc, err = _join(capsys, hosted, "st5", wrong)
    assert rc == 2 and "wrong" in err
    foreign = fresh[:-1] + ("A" if fresh[-1] != "A" else "B")  # the pinned certificate changed
    rc, err = _join(capsys, hosted, "st6", foreign)
    assert rc == 2 and "certificate does not match" in err
    rc, err = _join(capsys, hosted, "st7", "not-a-code")
    assert rc == 2 and "O never occurs in a join code" in err
    # A code an hour old: its login has expired, and so has its row.
    late = _code(capsys, hosted)
    settings = room.HostSettings.load(hosted.ws)
    role = roomdb.parse_code(late).role_name
    with roomdb.connect(settings.server, roomdb.DBNAME) as c:
        c.execute(f"ALTER ROLE {role} VALID UNTIL '2000-01-01'")
        c.execute(
            "UPDATE kh_room.join_code SET expires_at = now() - interval '1 second' "
            "WHERE role_name = %s",
            (role,),
        )
    rc, err = _join(capsys, hosted, "st8", late)
    assert rc == 2 and not (hosted.root / "st8" / "room.json").exists()
    assert "already used or expired" in err


def test_a_join_code_refusal_is_a_code_worded_in_indonesian(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the join dialog shows: a code, never the English sentence of the store."""
    from kamarhitung.qt import i18n
    from kamarhitung.services.common import ServiceError

    with pytest.raises(roomdb.RoomDbError) as letter:
        roomdb.parse_code("IIII-" + _code(capsys, hosted)[5:])
    assert (letter.value.code, letter.value.params) == ("JOIN_CODE_LETTER", {"letter": "I"})
    with pytest.raises(roomdb.RoomDbError) as length:
        roomdb.parse_code("ABCD-EFGH")
    assert length.value.code == "JOIN_CODE_LENGTH"
    code = _code(capsys, hosted)
    room.join(hosted.root / "st9", "127.0.0.1", hosted.port, code, name="st9")
    with pytest.raises(ServiceError) as used:
        room.join(hosted.root / "st10", "127.0.0.1", hosted.port, code, name="st10")
    assert used.value.code == "JOIN_CODE_USED"
    assert i18n.refusal_text(used.value) == (
        "Kode gabung salah, sudah dipakai, atau kedaluwarsa; minta kode baru kepada host"
    )


def test_tls_is_required_and_a_station_can_do_no_more_than_the_app(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    sdir = hosted.root / "st_sec"
    assert _join(capsys, hosted, "st_sec", _code(capsys, hosted))[0] == 0
    cfg = RoomConfig.load(sdir)
    common = psycopg.conninfo.make_conninfo(
        host="127.0.0.1", port=hosted.port, dbname=cfg.dbname, user=cfg.user, password=cfg.password
    )
    with pytest.raises(psycopg.OperationalError, match="TLS connections only"):
        psycopg.connect(common, sslmode="disable")
    with psycopg.connect(
        common, sslmode="verify-ca", sslrootcert=str(sdir / "host.pem"), autocommit=True
    ) as c:
        assert c.info.pgconn.ssl_in_use
        for sql in (
            "UPDATE entry_version SET keystrokes = 0",
            "DROP TRIGGER entry_version_no_update ON entry_version",
            "CREATE TABLE x (a int)",
            "SELECT * FROM kh_room.join_code",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(sql)


def test_a_killed_database_restarts_with_every_acknowledged_entry(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    sdir = hosted.root / "st_kill"
    assert _join(capsys, hosted, "st_kill", _code(capsys, hosted))[0] == 0
    rc, out, _ = run(capsys, "status", str(sdir), "--json")
    states = json.loads(out)["contests"]["bupati"]["states"]
    entries_file = hosted.root / "one-entry.json"
    from kamarhitung.services.workspace import open_workspace

    ws = open_workspace(sdir)
    try:
        from sqlalchemy import select

        from kamarhitung.store.models import RecordRow

        with ws.store.reading() as s:
            tps = s.execute(
                select(RecordRow.tps_id)
                .where(RecordRow.contest_id == "bupati", RecordRow.state == "empty")
                .order_by(RecordRow.tps_id)
                .limit(1)
            ).scalar_one()
        fields = ws.form_spec("bupati").field_ids
    finally:
        ws.close()
    entries_file.write_text(
        json.dumps({"tps": tps, "contest": "bupati", "values": dict.fromkeys(fields, 0)})
    )
    rc, out, err = run(
        capsys,
        "entry",
        "submit",
        str(sdir),
        str(entries_file),
        "--user",
        "operator1",
        "--json",
        password=hosted.password("operator1"),
    )
    assert rc == 0, err
    assert json.loads(out)[0]["state"] == "first_done"
    room.cluster_of(hosted.ws).kill()  # as a power cut would
    # The serving process brings the database back (crash recovery); wait, bounded.
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        rc, out, _ = run(capsys, "status", str(sdir), "--json")
        if rc == 0:
            break
        time.sleep(0.5)
    assert rc == 0
    after = json.loads(out)["contests"]["bupati"]["states"]
    assert after["first_done"] == states["first_done"] + 1
    rc, out, _ = run(capsys, "audit", "verify", str(sdir), "--json")
    assert rc == 0 and json.loads(out)["intact"]


def test_export_writes_one_sqlite_workspace_that_audit_verify_accepts(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = hosted.root / "archive"
    rc, _out, err = run(
        capsys,
        "room",
        "export",
        str(hosted.ws),
        "--out",
        str(out_dir / "kamarhitung.sqlite"),
        "--user",
        "admin",
        "--json",
        password=hosted.password("admin"),
    )
    assert rc == 0, err
    assert (out_dir / "kamarhitung.sqlite").read_bytes()[:16] == b"SQLite format 3\x00"
    rc, out_v, _ = run(capsys, "audit", "verify", str(out_dir), "--json")
    assert rc == 0 and json.loads(out_v)["intact"]
    _, room_status, _ = run(capsys, "status", str(hosted.ws), "--json")
    _, file_status, _ = run(capsys, "status", str(out_dir), "--json")
    assert json.loads(room_status)["contests"] == json.loads(file_status)["contests"]
    rc, _, err = run(
        capsys,
        "room",
        "export",
        str(hosted.ws),
        "--out",
        str(out_dir / "kamarhitung.sqlite"),
        "--user",
        "admin",
        password=hosted.password("admin"),
    )
    assert rc == 2 and "already exists" in err
    rc, _, err = run(
        capsys,
        "room",
        "export",
        str(hosted.ws),
        "--out",
        str(out_dir / "x.sqlite"),
        "--user",
        "operator1",
        password=hosted.password("operator1"),
    )
    assert rc == 2 and not (out_dir / "x.sqlite").exists()


def test_room_status_of_a_single_pc_workspace(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    saved = os.environ.pop("KAMARHITUNG_TEST_POSTGRES", None)
    try:
        create_demo(tmp_path / "one", n_tps=5, seed=1, entries="none")
    finally:
        if saved is not None:
            os.environ["KAMARHITUNG_TEST_POSTGRES"] = saved
    rc, out, _ = run(capsys, "room", "status", str(tmp_path / "one"), "--json")
    assert rc == 0 and json.loads(out) == {"engine": "sqlite", "stations": []}


def test_a_room_is_backed_up_with_pg_dump_and_restored_on_its_host(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real host: the dump is checked in a scratch cluster; restored, the room keeps its
    stations (their rows are copied into the restored database) and its chain verifies; a dump
    restores into a new folder as a single PC's workspace (the host PC died)."""
    admin = hosted.password("admin")
    rc, out, err = run(capsys, "backup", str(hosted.ws), "--user", "admin", password=admin)
    assert rc == 0, err
    (backup,) = sorted((hosted.ws / "backups").glob("kamarhitung-*.dump"))
    assert backup.read_bytes()[:5] == b"PGDMP"
    assert json.loads((backup.parent / (backup.name + ".json")).read_text())["check"][:2] == "ok"
    assert not (hosted.ws / "kamarhitung.sqlite").exists()
    stations_before = room.status(hosted.ws)["stations"]
    rc, out, err = run(
        capsys, "restore", str(backup), str(hosted.ws), "--user", "admin", password=admin
    )
    assert rc == 0, err
    assert "kept as kamarhitung_replaced_1" in out
    rc, out, _ = run(capsys, "audit", "verify", str(hosted.ws), "--json")
    assert rc == 0 and json.loads(out)["intact"]
    assert room.status(hosted.ws)["stations"] == stations_before
    rc, _, err = run(
        capsys,
        "restore",
        str(backup),
        str(hosted.root / "restored"),
        "--user",
        "admin",
        password=admin,
    )
    assert rc == 0, err
    assert (hosted.root / "restored" / "kamarhitung.sqlite").is_file()
    rc, out, _ = run(capsys, "audit", "verify", str(hosted.root / "restored"), "--json")
    assert rc == 0 and json.loads(out)["intact"]


def test_a_photo_imported_on_one_station_is_shown_on_another(
    hosted: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    from kamarhitung.services import images
    from kamarhitung.services.workspace import open_workspace

    for name in ("ph_a", "ph_b"):
        assert _join(capsys, hosted, name, _code(capsys, hosted))[0] == 0
    a, b = hosted.root / "ph_a", hosted.root / "ph_b"
    ws_a = open_workspace(a)
    try:
        tps = sorted(t for (t,) in [(x.tps_id,) for x in images.unmatched_images(ws_a)] if t) or []
        from sqlalchemy import select

        from kamarhitung.store.models import TpsRow

        with ws_a.store.reading() as s:
            tps_id = s.execute(select(TpsRow.id).order_by(TpsRow.id.desc()).limit(1)).scalar_one()
    finally:
        ws_a.close()
    assert tps == []
    photo = hosted.root / f"{tps_id}_bupati_p1.png"
    Image.new("L", (32, 24), 99).save(photo, "PNG")
    rc, _, err = run(
        capsys,
        "images",
        "import",
        str(a),
        str(photo),
        "--user",
        "operator1",
        password=hosted.password("operator1"),
    )
    assert rc == 0, err
    ws_b = open_workspace(b)
    try:
        (img,) = [i for i in images.tps_images(ws_b, tps_id) if i.file_name == photo.name]
        assert not img.missing
        assert img.path.is_relative_to(b / "images")
        assert img.path.read_bytes() == photo.read_bytes()
        # A cached copy that was damaged is not trusted: it is fetched again.
        img.path.write_bytes(b"damaged")
        (again,) = [i for i in images.tps_images(ws_b, tps_id) if i.file_name == photo.name]
        assert again.path.read_bytes() == photo.read_bytes()
    finally:
        ws_b.close()
