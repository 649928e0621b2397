"""The NSIS script ``installer/windows.nsi`` compiles, and its uninstaller leaves the user's data.

This checks the *script*, not a Windows build: Debian's ``makensis`` wraps a stand-in folder (a
fake ``kamarhitung.exe`` and ``_internal/``) into an installer, with warnings treated as errors.
Whether the real PyInstaller folder, built on Windows, installs and starts is checked by
``.github/workflows/windows.yml`` on a Windows runner, not here. ``dev.sh`` installs Debian's
``nsis``; where ``makensis`` is missing the test skips, and the suite fails on that skip
(tests/conftest.py: no check skipped in silence).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kamarhitung

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "installer" / "windows.nsi"
MAKENSIS = shutil.which("makensis")

needs_makensis = pytest.mark.skipif(
    MAKENSIS is None, reason="makensis is not installed (Debian: apt-get install nsis)"
)


def _stand_in(folder: Path) -> Path:
    """What PyInstaller makes on Windows, in shape only: the two programs and ``_internal``."""
    for exe in ("kamarhitung.exe", "kamarhitung-cli.exe"):
        (folder / exe).parent.mkdir(parents=True, exist_ok=True)
        (folder / exe).write_bytes(b"MZ stand-in for " + exe.encode())
    internal = folder / "_internal" / "kamarhitung" / "resources" / "i18n"
    internal.mkdir(parents=True)
    (internal / "kamarhitung_en.qm").write_bytes(b"stand-in")
    (folder / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    return folder


@needs_makensis
def test_the_nsis_script_compiles_against_a_stand_in_folder(tmp_path: Path) -> None:
    """Checks the NSIS script only (see the module docstring), not a Windows build."""
    icons = tmp_path / "icons"
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "icons.py"), str(icons)],
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
    )
    source = _stand_in(tmp_path / "kamarhitung")
    version = kamarhitung.__version__
    out = tmp_path / "dist" / f"kamarhitung-{version}-windows-x64-setup.exe"
    out.parent.mkdir()
    assert MAKENSIS is not None
    result = subprocess.run(
        [
            MAKENSIS,
            "-V4",
            "-WX",  # a warning fails the build, as in installer/build-windows.ps1
            f"-DVERSION={version}",
            "-DVIVERSION=0.1.0.0",
            f"-DSOURCE_DIR={source}",
            f"-DICON={icons / 'kamarhitung.ico'}",
            f"-DOUTFILE={out}",
            str(NSI),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = out.read_bytes()
    assert data[:2] == b"MZ"
    assert b"Nullsoft" in data
    log = result.stdout
    for name in ("kamarhitung.exe", "kamarhitung-cli.exe", "kamarhitung_en.qm", "uninstall.exe"):
        assert name in log, f"{name} is not in the installer"
    # Both languages (1057 Indonesian, 1033 English), with the installer's own texts in each.
    assert 'LangString: "RunText" 1057 "Jalankan kamarhitung"' in log
    assert 'LangString: "RunText" 1033 "Start kamarhitung"' in log
    # The room's port: one firewall rule, added and removed by name.
    assert "localport=5433" in log and 'name="kamarhitung ruangan"' in log


def test_one_firewall_rule_for_the_room_and_no_cluster_in_the_program_folder() -> None:
    script = NSI.read_text(encoding="utf-8")
    firewall = _section(script, "$(SecFirewall)")
    adds = [line for line in firewall.splitlines() if "firewall add rule" in line]
    assert len(adds) == 1
    assert "protocol=TCP localport=${ROOM_PORT}" in adds[0] and "profile=private,domain" in adds[0]
    assert "!define ROOM_PORT 5433" in script
    uninstall = _section(script, "Uninstall")
    assert 'firewall delete rule name="${FIREWALL_RULE}"' in uninstall
    # The installer makes no cluster (a room's cluster lives in the workspace folder).
    assert "initdb" not in script and "pg_ctl" not in script


def _section(script: str, name: str) -> str:
    m = re.search(
        rf'^Section "{re.escape(name)}"[^\n]*\n(.*?)^SectionEnd', script, re.MULTILINE | re.DOTALL
    )
    assert m is not None, f"no section {name!r}"
    return m.group(1)


def test_the_uninstaller_removes_only_the_program() -> None:
    script = NSI.read_text(encoding="utf-8")
    code = [
        line.strip()
        for line in _section(script, "Uninstall").splitlines()
        if line.strip() and not line.strip().startswith(";")
    ]
    recursive = [line for line in code if line.startswith("RMDir /r")]
    assert recursive == ['RMDir /r "$INSTDIR\\_internal"']
    assert 'RMDir "$INSTDIR"' in code  # without /r: only when nothing else is left in it
    for line in code:
        for place in (
            "$DOCUMENTS",
            "$APPDATA",
            "$LOCALAPPDATA",
            "$PROFILE",
            "Software\\kamarhitung",
        ):
            assert place not in line, f"the uninstaller touches the user's data: {line}"


def test_per_user_installation_without_admin_rights() -> None:
    script = NSI.read_text(encoding="utf-8")
    assert re.search(r"^RequestExecutionLevel user$", script, re.MULTILINE)
    assert re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\kamarhitung"$', script, re.MULTILINE)
    assert "HKLM" not in script
    # Shortcuts start the program in Documents\kamarhitung, never in its own folder.
    program = _section(script, "$(SecProgram)")
    assert program.index('SetOutPath "$DOCUMENTS\\kamarhitung"') < program.index("CreateShortcut")
