"""Files written whole or not at all: the one atomic-write helper of kamarhitung and its
``fsync_dir``. Every file the application writes for the user (keys, reports, recaps, exports,
stored images) goes through here: a temporary file beside the target, flushed and fsynced,
renamed over the target, then the folder fsynced, so a crash leaves the old file or the new one,
never half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where a folder cannot be opened: Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_with(
    path: Path, write: Callable[[Path], object], *, mode: int = 0o644, prefix: str | None = None
) -> None:
    """Let ``write`` fill a temporary file beside ``path`` (a library that writes to a path:
    xlsx, csv), fsync it, rename it over ``path``, fsync the folder. On any error the temporary
    file is removed and ``path`` is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=prefix or f".{path.name}.", dir=path.parent)
    tmp = Path(name)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        write(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes, *, mode: int = 0o644, prefix: str | None = None) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :func:`atomic_write_with`)."""
    atomic_write_with(path, lambda tmp: tmp.write_bytes(data), mode=mode, prefix=prefix)
