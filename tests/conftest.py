"""Shared fixtures: real workspaces in temporary folders (never a mocked database).

A demo workspace is built once per test session and copied for each test that wants one, so
tests stay fast and independent. Tests that use ``qtbot`` or ``qapp`` are marked ``gui``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KAMARHITUNG_FAST_HASH"] = "1"

from kamarhitung import cli
from kamarhitung.services import accounts
from kamarhitung.services.common import Actor
from kamarhitung.services.demo import create_demo
from kamarhitung.services.workspace import Workspace, open_workspace


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engine",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="the engine of every workspace the tests create: postgresql starts a real cluster "
        "from the wheel's binaries (loopback only) once per session",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)
    # Each engine's own tests run in that engine's pass of `./dev.sh test` (both passes run
    # there): the others are deselected, not skipped, so every test runs exactly where it can.
    other = "sqlite_only" if config.getoption("--engine") == "postgresql" else "postgresql_only"
    keep = [i for i in items if i.get_closest_marker(other) is None]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i.get_closest_marker(other)])
        items[:] = keep


@pytest.fixture(scope="session")
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--engine"))


@pytest.fixture(scope="session", autouse=True)
def room_server(engine_name: str) -> Iterator[None]:
    """With ``--engine=postgresql``: one cluster for the session, from the wheel's binaries, in a
    temporary folder, on 127.0.0.1 only; every workspace created meanwhile is a database on it."""
    if engine_name != "postgresql":
        yield
        return
    import tempfile

    from kamarhitung.store import roomdb
    from kamarhitung.store.pgcluster import Cluster, free_port, new_password

    # Not under pytest's own temporary folder: that one is private to root, and the cluster runs
    # as kamarhitung-pg when the suite runs as root (CI).
    base = Path(tempfile.mkdtemp(prefix="kamarhitung-pg-"))
    cluster = Cluster(base / "cluster", durable=False)  # a scratch cluster: no fsync
    password, owner_password = new_password(), new_password()
    cluster.initialise(password, port=free_port())
    cluster.start()
    roomdb.ensure_roles(roomdb.Server("127.0.0.1", cluster.port, password), owner_password)
    os.environ["KAMARHITUNG_TEST_POSTGRES"] = json.dumps(
        {
            "host": "127.0.0.1",
            "port": cluster.port,
            "password": password,
            "owner_password": owner_password,
        }
    )
    try:
        yield
    finally:
        del os.environ["KAMARHITUNG_TEST_POSTGRES"]
        cluster.stop(mode="immediate")
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Demo:
    """A copied demo workspace with its credentials, and helpers to log users in."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str:
        users = self.credentials["users"]
        assert isinstance(users, list)
        return str(next(u["password"] for u in users if u["name"] == name))

    def login(self, name: str) -> Actor:
        return accounts.authenticate(self.ws, name, self.password(name))


def _copy_workspace(src: Path, dst: Path) -> None:
    if (src / "room.json").exists():  # --engine=postgresql: a new database from the template
        from kamarhitung.store.roomdb import copy_test_workspace

        copy_test_workspace(src, dst)
        return
    # Checkpoint the WAL into the main file first, so a plain copy is a complete database.
    con = sqlite3.connect(src / "kamarhitung.sqlite")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copytree(src, dst)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo workspace with no entries, built once."""
    path = tmp_path_factory.mktemp("demo-template") / "ws"
    create_demo(path, n_tps=40, seed=7, entries="none")
    return path


@pytest.fixture(scope="session")
def mixed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo workspace with entries in every state, built once."""
    path = tmp_path_factory.mktemp("mixed-template") / "ws"
    create_demo(path, n_tps=60, seed=11, entries="mixed")
    return path


def _demo(template: Path, tmp_path: Path) -> Iterator[Demo]:
    dst = tmp_path / "ws"
    _copy_workspace(template, dst)
    creds = json.loads((dst / "demo-credentials.json").read_text())
    ws = open_workspace(dst)
    try:
        yield Demo(dst, creds, ws)
    finally:
        ws.close()


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Demo]:
    """A fresh copy of the empty demo workspace (40 TPS, two contests)."""
    yield from _demo(demo_template, tmp_path)


@pytest.fixture
def mixed(mixed_template: Path, tmp_path: Path) -> Iterator[Demo]:
    """A fresh copy of the demo workspace with entries in every state (60 TPS)."""
    yield from _demo(mixed_template, tmp_path)


# ------------------------------------------------------------------ no check skipped in silence

_SILENT_SKIPS: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Record every skip that is not a documented check with its own command.

    A test that checks a claim (the NSIS script compiles, a PDF signature validates) must run in
    the full suite; a skip because a tool is missing would hide that the claim is checked nowhere.
    Only tests marked ``own_command`` (slow builds, each with the command that runs it) may skip.
    """
    if report.skipped and "own_command" not in report.keywords:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SILENT_SKIPS.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _SILENT_SKIPS and exitstatus == 0:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [
            "a check was skipped (install what it needs; only `own_command` tests may skip):",
            *_SILENT_SKIPS,
        ]
        if reporter is not None:
            reporter.ensure_newline()
            for line in lines:
                reporter.write_line(line, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# --- small workspaces made by `init` from a CSV master (the form tests) ------------------------

TPS_HEADER = "kode_desa,provinsi,kabupaten,kecamatan,desa,nomor_tps,dpt_l,dpt_p"


def write_master(
    folder: Path,
    paslon: list[tuple[str, int, str, str]],
    *,
    provinsi: tuple[str, str] = ("35", "JAWA TIMUR"),
    n_desa: int = 2,
    n_tps: int = 2,
) -> Path:
    """TPS.csv (``n_desa`` desa in two kecamatan, ``n_tps`` TPS each) and PASLON.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    code, name = provinsi
    rows = [TPS_HEADER]
    for d in range(n_desa):
        kec = 1 + d % 2
        desa = f"{code}78{kec:02d}{1001 + d}"
        for t in range(1, n_tps + 1):
            rows.append(
                f"{desa},{name},KOTA CONTOH,KECAMATAN {kec},DESA {d + 1},{t},{200 + t},{210 + t}"
            )
    (folder / "TPS.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    lines = ["pemilihan,nomor_urut,nama_calon,nama_wakil"]
    lines += [f"{c},{n},{a},{b}" for c, n, a, b in paslon]
    (folder / "PASLON.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def init_workspace(tmp_path: Path, master: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`kamarhitung init` with admin `ketua`; returns the workspace folder."""
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
    ws = tmp_path / "ws"
    assert cli.main(["init", str(ws), "--master", str(master), "--admin", "ketua"]) == 0
    return ws


@dataclass
class FormsKit:
    """``write_master`` and ``init_workspace`` for tests that need their own contests."""

    tmp_path: Path
    monkeypatch: pytest.MonkeyPatch

    def workspace(
        self,
        paslon: list[tuple[str, int, str, str]],
        provinsi: tuple[str, str] = ("35", "JAWA TIMUR"),
    ) -> Path:
        master = write_master(self.tmp_path / "master", paslon, provinsi=provinsi)
        return init_workspace(self.tmp_path, master, self.monkeypatch)


@pytest.fixture
def forms_kit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FormsKit:
    return FormsKit(tmp_path, monkeypatch)
