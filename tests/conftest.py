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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


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
