"""Compile the Qt Designer forms in ``ui/`` into ``src/kamarhitung/qt/generated/ui_<name>.py``.

``python tools/uic.py`` writes them; ``python tools/uic.py --check`` exits 1 when one is stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
OUT = ROOT / "src" / "kamarhitung" / "qt" / "generated"


def uic_bin() -> str:
    exe = Path(sys.executable).with_name("pyside6-uic")
    return str(exe) if exe.exists() else "pyside6-uic"


def compile_form(form: Path) -> str:
    return subprocess.run(
        [uic_bin(), "--from-imports", str(form)], check=True, capture_output=True, text=True
    ).stdout


def _normal(text: str) -> str:
    # The header names the uic version; a stale form is a change of anything else.
    return "\n".join(line for line in text.splitlines() if not line.startswith("## Created by"))


def target(form: Path) -> Path:
    return OUT / f"ui_{form.stem}.py"


def main(argv: list[str]) -> int:
    stale = []
    for form in sorted(UI.glob("*.ui")):
        text = compile_form(form)
        out = target(form)
        if "--check" in argv:
            if not out.exists() or _normal(out.read_text(encoding="utf-8")) != _normal(text):
                stale.append(out)
        else:
            out.write_text(text, encoding="utf-8")
    for out in stale:
        print(f"{out} is out of date: run python tools/uic.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
