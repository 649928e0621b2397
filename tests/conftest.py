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
