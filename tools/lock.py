"""The locked dependency set: write it, check it, compare it with what is installed.

Every dependency of the application and of its development tools is pinned, with hashes, in
``requirements/requirements.lock`` (what the application needs: the installers use it) and
``requirements/requirements-dev.lock`` (the application plus the test and build tools: ``dev.sh`` installs it).
Both are resolved for every platform at once (``--universal``), so the Windows build installs
the same versions as Linux. The files name packages, versions and hashes only: pip and uv take
them with ``--require-hashes`` from whatever index the machine is configured for.

    python tools/lock.py write      # re-lock, keeping every pin that still satisfies pyproject.toml
    python tools/lock.py upgrade    # re-lock to the newest versions pyproject.toml allows
    python tools/lock.py check      # offline: every requirement of pyproject.toml is pinned in
                                    # the lock, and nothing is pinned that nothing requires
    python tools/lock.py current    # online: re-locking now would give exactly the committed files
    python tools/lock.py installed  # the Python running this has exactly the locked versions

Only the standard library, ``packaging`` (pinned in the lock itself) and ``uv`` are used.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCK_DIR = ROOT / "requirements"
PYTHON_VERSION = "3.11"
LOCKS: dict[str, tuple[str, ...]] = {"app": (), "dev": ("dev",)}
"""Lock name -> the pyproject extras it includes."""


LOCK_FILES = {"app": "requirements.lock", "dev": "requirements-dev.lock"}


def lock_path(name: str) -> Path:
    return LOCK_DIR / LOCK_FILES[name]


def uv() -> str:
    here = Path(sys.executable).parent / "uv"
    if here.is_file():
        return str(here)
    found = shutil.which("uv")
    if found is None:
        raise SystemExit("lock: uv not found (pip install uv)")
    return found


def compile_lock(name: str, out: Path, *, upgrade: bool) -> None:
    """Resolve pyproject.toml (with the lock's extras) into ``out``, with hashes, for every
    platform. An existing ``out`` is a preference: its pins are kept where they still fit."""
    cmd = [
        uv(),
        "pip",
        "compile",
        str(ROOT / "pyproject.toml"),
        "--universal",
        "--python-version",
        PYTHON_VERSION,
        "--generate-hashes",
        "--no-header",
        "--quiet",
        "-o",
        str(out),
    ]
    for extra in LOCKS[name]:
        cmd += ["--extra", extra]
    if upgrade:
        cmd.append("--upgrade")
    env = dict(os.environ, UV_SYSTEM_CERTS="1")
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    text = out.read_text(encoding="utf-8")
    header = (
        f"# The {name} lock of kamarhitung: written by `python tools/lock.py write` (or `upgrade`)\n"
        f"# from pyproject.toml{' with the extras ' + ', '.join(LOCKS[name]) if LOCKS[name] else ''}"
        f" for Python {PYTHON_VERSION} on every platform. Do not edit by hand.\n"
    )
    if not text.startswith("# The "):
        out.write_text(header + text, encoding="utf-8")


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    marker: str | None


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> list[Pin]:
    """The ``name==version ; marker`` lines of a lock file (hash continuation lines skipped)."""
    pins: list[Pin] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in " #-\t":
            continue
        spec = line.rstrip(" \\")
        requirement, _, marker = spec.partition(";")
        name, sep, version = requirement.strip().partition("==")
        if not sep:
            raise SystemExit(f"lock: {path.name}: not a pin: {line!r}")
        pins.append(Pin(normalise(name), version.strip(), marker.strip() or None))
    return pins


def _packaging() -> Any:
    """``packaging``: the locked one once installed, pip's own copy in a venv not yet synced."""
    try:
        import packaging.markers
        import packaging.requirements

        return packaging
    except ImportError:
        import pip._vendor.packaging.markers
        import pip._vendor.packaging.requirements  # noqa: F401
        from pip._vendor import packaging as vendored  # type: ignore[attr-defined]

        return vendored


def applicable(pins: list[Pin]) -> dict[str, str]:
    """Pins whose environment marker holds for the running Python: name -> version."""
    marker_class = _packaging().markers.Marker

    chosen: dict[str, str] = {}
    for pin in pins:
        if pin.marker is None or marker_class(pin.marker).evaluate():
            chosen[pin.name] = pin.version
    return chosen


def project_requirements(name: str) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project.get("dependencies", []))
    for extra in LOCKS[name]:
        reqs += project.get("optional-dependencies", {}).get(extra, [])
    return reqs


def check_offline() -> list[str]:
    """Problems between pyproject.toml and the locks, found without the network: a requirement
    with no pin, a pin outside its requirement's range, an extra package in the app lock."""
    requirement_class = _packaging().requirements.Requirement

    problems: list[str] = []
    for name in LOCKS:
        path = lock_path(name)
        if not path.is_file():
            problems.append(
                f"{path.relative_to(ROOT)} is missing: run `python tools/lock.py write`"
            )
            continue
        pins = read_pins(path)
        by_name: dict[str, list[Pin]] = {}
        for pin in pins:
            by_name.setdefault(pin.name, []).append(pin)
        for text in project_requirements(name):
            req = requirement_class(text)
            found = by_name.get(normalise(req.name))
            if not found:
                problems.append(
                    f"{path.name}: {req.name} is required by pyproject.toml but not locked"
                )
                continue
            for pin in found:
                if not req.specifier.contains(pin.version, prereleases=True):
                    problems.append(
                        f"{path.name}: {req.name}=={pin.version} is outside pyproject.toml's "
                        f"{req.specifier}"
                    )
    if not problems:
        app = {p.name for p in read_pins(lock_path("app"))}
        dev = {p.name for p in read_pins(lock_path("dev"))}
        for extra in sorted(app - dev):
            problems.append(f"the app lock pins {extra}, which the dev lock does not: re-lock both")
        app_versions = {(p.name, p.version) for p in read_pins(lock_path("app"))}
        dev_versions = {(p.name, p.version) for p in read_pins(lock_path("dev"))}
        for pname, version in sorted(app_versions - dev_versions):
            problems.append(f"the app lock has {pname}=={version}, the dev lock another version")
    return problems


def check_current() -> list[str]:
    """Re-lock into a scratch copy (the committed pins as preferences) and compare: any
    difference means pyproject.toml changed without a re-lock."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in LOCKS:
            committed = lock_path(name)
            scratch = Path(tmp) / committed.name
            shutil.copyfile(committed, scratch)
            compile_lock(name, scratch, upgrade=False)
            old = committed.read_text(encoding="utf-8").splitlines()
            new = scratch.read_text(encoding="utf-8").splitlines()
            if old != new:
                diff = "\n".join(
                    list(difflib.unified_diff(old, new, committed.name, "re-locked", lineterm=""))[
                        :40
                    ]
                )
                problems.append(f"{committed.name} is not current:\n{diff}")
    return problems


def check_installed(name: str = "dev") -> list[str]:
    """Every locked package that applies here is installed at exactly its locked version."""
    from importlib import metadata

    problems: list[str] = []
    for pname, version in sorted(applicable(read_pins(lock_path(name))).items()):
        try:
            have = metadata.version(pname)
        except metadata.PackageNotFoundError:
            problems.append(f"{pname}=={version} is locked but not installed")
            continue
        if have != version:
            problems.append(f"{pname} {have} is installed but {version} is locked")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("action", choices=["write", "upgrade", "check", "current", "installed"])
    args = parser.parse_args(argv)
    if args.action in ("write", "upgrade"):
        LOCK_DIR.mkdir(exist_ok=True)
        for name in LOCKS:
            compile_lock(name, lock_path(name), upgrade=args.action == "upgrade")
        problems = check_offline()
    elif args.action == "check":
        problems = check_offline()
    elif args.action == "current":
        problems = check_offline() or check_current()
    else:
        problems = check_installed()
    for problem in problems:
        print(f"lock: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
