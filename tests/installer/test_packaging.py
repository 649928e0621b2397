"""What a fresh clone installs is what was locked, and any install of the project is complete.

- the locks agree with pyproject.toml (offline), and this Python has exactly the locked versions;
- the dependency warnings the tests ignore are the ones the application filters, and each still
  happens (so a stale entry is dropped, not kept forever);
- the sdist and the wheel carry the compiled English translation, and a plain (non-editable)
  install of the wheel into a new environment, from the app lock, passes ``kamarhitung --smoke``
  in both languages. The editable install is the one this suite runs in
  (``test_bundle_build.py::test_smoke_from_the_source_tree``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from kamarhitung import depwarnings

ROOT = Path(__file__).resolve().parents[2]
QM = "kamarhitung/resources/i18n/kamarhitung_en.qm"


def _lock_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kamarhitung_tools_lock", ROOT / "tools/lock.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


lock = _lock_tool()


def test_the_locks_agree_with_pyproject() -> None:
    problems = lock.check_offline()
    assert not problems, "\n".join(problems)


def test_this_python_has_exactly_the_locked_versions() -> None:
    problems = lock.check_installed("dev")
    assert not problems, "\n".join(problems)


def test_every_pin_carries_hashes() -> None:
    for name in lock.LOCKS:
        text = lock.lock_path(name).read_text(encoding="utf-8")
        pins = lock.read_pins(lock.lock_path(name))
        assert len(pins) > 20
        assert text.count("--hash=sha256:") >= len(pins)
        assert "://" not in text, "a lock names packages and hashes only, never an index"


def test_the_lock_checker_names_a_requirement_with_no_pin_and_a_pin_out_of_range(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in lock.LOCKS:
        text = lock.lock_path(name).read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        if name == "app":
            # Drop SQLAlchemy's pin (and its hash lines), and move PySide6 out of its range.
            out, skipping = [], False
            for line in lines:
                if line.startswith("sqlalchemy=="):
                    skipping = True
                    continue
                if skipping and line.startswith(" "):
                    continue
                skipping = False
                out.append(
                    re.sub(r"^pyside6-essentials==[^ ;]+", "pyside6-essentials==6.12.0", line)
                )
            text = "".join(out)
        (tmp_path / lock.LOCK_FILES[name]).write_text(text, encoding="utf-8")
    monkeypatch.setattr(lock, "LOCK_DIR", tmp_path)
    problems = "\n".join(lock.check_offline())
    assert "requirements.lock: SQLAlchemy is required by pyproject.toml but not locked" in problems
    assert "requirements.lock: PySide6-Essentials==6.12.0 is outside pyproject.toml's" in problems


def test_pytest_ignores_exactly_the_filtered_dependency_warnings() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lines = config["tool"]["pytest"]["ini_options"]["filterwarnings"]
    assert lines[0] == "error"
    assert lines[1:] == depwarnings.pytest_filter_lines()
    for w in depwarnings.FILTERED:
        assert w.why and not w.module.startswith("kamarhitung")


@pytest.mark.parametrize("entry", depwarnings.FILTERED, ids=lambda w: w.message)
def test_each_filtered_warning_still_happens_and_is_filtered(
    entry: depwarnings.DependencyWarning,
) -> None:
    """Without the filter the warning is raised (else drop the entry); with it, silence."""
    code = (
        "import warnings, sys\n"
        "warnings.simplefilter('error')\n"
        "if sys.argv[1] == 'filtered':\n"
        "    from kamarhitung import depwarnings; depwarnings.install()\n"
        "import kamarhitung.services.signing\n"
    )
    env = {**os.environ, "PYTHONWARNINGS": ""}
    bare = subprocess.run(
        [sys.executable, "-c", code, "bare"], capture_output=True, text=True, env=env
    )
    assert bare.returncode != 0 and entry.message in bare.stderr, (
        f"{entry.category} ({entry.message!r}) is no longer raised: drop it from depwarnings.py "
        "and pyproject.toml"
    )
    filtered = subprocess.run(
        [sys.executable, "-c", code, "filtered"], capture_output=True, text=True, env=env
    )
    assert filtered.returncode == 0, filtered.stderr
    assert filtered.stderr == ""


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (as a plain ``pip install .`` would)."""
    out = tmp_path_factory.mktemp("dist")
    src = tmp_path_factory.mktemp("src") / "kamarhitung"
    # A copy of the tree as a clone has it (no .venv, no build output), so the build is clean.
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "bench"
        ),
    )
    uv = Path(sys.executable).parent / "uv"
    env = {**os.environ, "UV_SYSTEM_CERTS": "1"}
    for kind in ("--sdist", "--wheel"):
        subprocess.run(
            [
                str(uv),
                "build",
                kind,
                "--no-build-isolation",
                "--python",
                sys.executable,
                "-q",
                "--out-dir",
                str(out),
                str(src),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
    return out


def test_the_sdist_and_the_wheel_carry_the_translation(dists: Path) -> None:
    (sdist,) = dists.glob("kamarhitung-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    assert any(n.endswith("src/" + QM) for n in names), "the sdist has no .qm"
    assert any(n.endswith("requirements/requirements.lock") for n in names), "the sdist has no lock"
    (wheel,) = dists.glob("kamarhitung-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read(QM)
    assert data == (ROOT / "src" / QM).read_bytes()


@pytest.mark.slow
def test_a_plain_install_of_the_wheel_passes_the_smoke_in_both_languages(
    dists: Path, tmp_path: Path
) -> None:
    uv = Path(sys.executable).parent / "uv"
    env = {**os.environ, "UV_SYSTEM_CERTS": "1"}
    venv = tmp_path / "venv"
    subprocess.run([str(uv), "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    py = venv / "bin" / "python"
    (wheel,) = dists.glob("kamarhitung-*.whl")
    for args in (
        ["--require-hashes", "-r", str(ROOT / "requirements" / "requirements.lock")],
        ["--no-deps", str(wheel)],
    ):
        subprocess.run(
            [str(uv), "pip", "install", "-q", "--python", str(py), *args],
            check=True,
            env=env,
            capture_output=True,
        )
    home = tmp_path / "home"
    result = subprocess.run(
        [str(venv / "bin" / "kamarhitung"), "--smoke"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": os.environ["PATH"],
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        },
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert '"ok": true' in result.stdout
    assert (
        "site-packages"
        in subprocess.run(
            [str(py), "-c", "import kamarhitung; print(kamarhitung.__file__)"],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        ).stdout
    )
