"""The cluster kamarhitung runs itself, from the wheel's binaries: SCRAM only, loopback only, a
stale lock file after a crash (even one naming a live program) handled, recovery waited for."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from kamarhitung.store.pgcluster import Cluster, ClusterError, free_port, new_password

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def cluster() -> Iterator[tuple[Cluster, str]]:
    import shutil

    base = Path(tempfile.mkdtemp(prefix="kamarhitung-pgc-"))  # reachable by kamarhitung-pg
    c = Cluster(base / "c")
    password = new_password()
    c.initialise(password, port=free_port())
    try:
        yield c, password
    finally:
        if c.pid() is not None:
            c.stop(mode="immediate")
        shutil.rmtree(base, ignore_errors=True)


def _connect(c: Cluster, password: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        host="127.0.0.1",
        port=c.port,
        user="postgres",
        password=password,
        dbname="postgres",
        sslmode="disable",
        connect_timeout=5,
    )


def test_scram_only_on_loopback_and_no_trust_anywhere(cluster: tuple[Cluster, str]) -> None:
    c, password = cluster
    hba = (c.pgdata / "pg_hba.conf").read_text()
    assert "trust" not in [
        w for line in hba.splitlines() if not line.startswith("#") for w in line.split()
    ]
    conf = (c.pgdata / "kamarhitung.conf").read_text()
    assert "listen_addresses = '127.0.0.1'" in conf and "fsync = on" in conf
    c.start()
    with _connect(c, password) as conn:
        assert conn.execute("SHOW password_encryption").fetchone() == ("scram-sha-256",)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        _connect(c, password + "x")
    assert c.stop() and c.pid() is None
    assert not c.stop()


def test_a_stale_lock_file_naming_a_live_program_is_removed(
    cluster: tuple[Cluster, str],
) -> None:
    c, password = cluster
    c.start()
    with _connect(c, password) as conn:
        conn.execute("CREATE TABLE t (a int)")
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
    c.kill()  # a power cut: postmaster.pid stays behind
    pidfile = c.pgdata / "postmaster.pid"
    lines = pidfile.read_text().splitlines()
    # After a reboot the old pid may belong to another program: here, this test's own process.
    pidfile.write_text("\n".join([str(os.getpid()), *lines[1:]]) + "\n")
    said: list[str] = []
    c.start(progress=said.append)
    assert any("lock file" in m for m in said)
    with _connect(c, password) as conn:
        assert conn.execute("SELECT a FROM t").fetchall() == [(1,)]


def test_a_server_that_cannot_start_says_why(cluster: tuple[Cluster, str]) -> None:
    c, _ = cluster
    (c.pgdata / "postgresql.conf").write_text(
        (c.pgdata / "postgresql.conf").read_text() + "\nshared_buffers = 'nonsense'\n"
    )
    with pytest.raises(ClusterError, match="did not start"):
        c.start(timeout=60)
