"""Write the table of refusal codes into README.md (between its markers), from core/refusal.py.

.venv/bin/python tools/refusal_codes.py          # rewrite the table
.venv/bin/python tools/refusal_codes.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from kamarhitung.core.refusal import README_BEGIN, README_END, codes_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def updated(text: str) -> str:
    start, end = text.index(README_BEGIN), text.index(README_END) + len(README_END)
    return text[:start] + codes_markdown() + text[end:]


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        return 0 if new == text else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
