"""Translations of the interface: collect texts, check them, build them.

The interface is written in Indonesian; English is a translation kept in Qt Linguist's format in
``resources/i18n/kamarhitung_en.ts`` (edit it with ``pyside6-linguist``, or with ``fill``)::

    python tools/i18n.py update       # collect the texts of every file under src/kamarhitung/qt
    python tools/i18n.py build        # .ts -> src/kamarhitung/resources/i18n/*.qm (fast; skips
                                      # a .qm newer than its .ts; --force rebuilds)
    python tools/i18n.py check        # exit 1 if the .ts is out of date or has untranslated texts
    python tools/i18n.py untranslated # list what still needs a translation, as JSON for ``fill``
    python tools/i18n.py fill FILE    # merge {"context": {"source": "translation"}} into the .ts

The ``.qm`` files are committed beside the package (so ``pip install .``, an editable install,
the wheel and the sdist all carry them, with no Qt tool at build time); ``check`` fails when a
``.qm`` is not exactly what ``pyside6-lrelease`` makes of its ``.ts`` (lrelease is deterministic),
so a ``.ts`` edited without ``build`` is caught. Only the standard library and the PySide6 tools are used.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src" / "kamarhitung" / "qt"
UI_DIR = ROOT / "ui"
TS_DIR = ROOT / "resources" / "i18n"
QM_DIR = ROOT / "src" / "kamarhitung" / "resources" / "i18n"
SOURCE_LANGUAGE = "id"
TARGET_LANGUAGES = ("en",)

Key = tuple[str, str]
"""A message: (context, source text)."""


def ts_path(lang: str) -> Path:
    return TS_DIR / f"kamarhitung_{lang}.ts"


def qm_path(lang: str) -> Path:
    return QM_DIR / f"kamarhitung_{lang}.qm"


def tool(name: str) -> str:
    """A PySide6 tool: beside this Python (a venv) first, then on PATH."""
    here = Path(sys.executable).parent / name
    if here.is_file():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"i18n: {name} not found (install PySide6 into this Python)")
    return found


def source_files() -> list[Path]:
    """Every file lupdate reads: all Python under src/kamarhitung/qt and all Designer files."""
    files = sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)
    if UI_DIR.is_dir():
        files += sorted(UI_DIR.rglob("*.ui"))
    return files


def lupdate(ts: Path, lang: str, *, quiet: bool = True) -> None:
    """Collect the texts of the sources into ``ts`` (keeping its translations; dropping texts
    that are no longer in the sources)."""
    cmd = [
        tool("pyside6-lupdate"),
        *(str(p) for p in source_files()),
        "-ts",
        str(ts),
        "-source-language",
        SOURCE_LANGUAGE,
        "-target-language",
        lang,
        "-locations",
        "none",
        "-no-obsolete",
    ]
    if quiet:
        cmd.append("-silent")
    subprocess.run(cmd, check=True, cwd=ROOT)


def read_ts(ts: Path) -> dict[Key, str | None]:
    """Every message of a .ts and its translation (None when unfinished, vanished or empty)."""
    out: dict[Key, str | None] = {}
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            text: str | None = None
            if tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete"):
                forms = [f.text or "" for f in tr.iter("numerusform")]
                text = (" | ".join(forms) if forms else (tr.text or "")) or None
                if forms and not all(forms):
                    text = None
            out[(name, source)] = text
    return out


def fresh_keys(lang: str) -> set[Key]:
    """The messages the sources hold now (lupdate into an empty file)."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / f"kamarhitung_{lang}.ts"
        lupdate(ts, lang)
        return set(read_ts(ts))


def check(lang: str) -> list[str]:
    """What is wrong with the committed .ts of ``lang``, one line each (empty: all good)."""
    ts = ts_path(lang)
    if not ts.is_file():
        return [f"{ts} is missing: run 'python tools/i18n.py update'"]
    committed = read_ts(ts)
    fresh = fresh_keys(lang)
    problems = [
        f"{ts.name}: new text not collected: [{c}] {s!r}" for c, s in sorted(fresh - set(committed))
    ]
    problems += [
        f"{ts.name}: text no longer in the sources: [{c}] {s!r}"
        for c, s in sorted(set(committed) - fresh)
    ]
    problems += [
        f"{ts.name}: no translation: [{c}] {s!r}"
        for (c, s), t in sorted(committed.items())
        if not t and (c, s) in fresh
    ]
    problems += stale_qm(lang)
    return problems


def stale_qm(lang: str) -> list[str]:
    """The committed .qm of ``lang`` differs from what lrelease makes of the committed .ts."""
    ts, qm = ts_path(lang), qm_path(lang)
    if not qm.is_file():
        return [f"{qm.name} is missing: run 'python tools/i18n.py build --force' and commit it"]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / qm.name
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(fresh)], check=True, cwd=ROOT
        )
        if fresh.read_bytes() != qm.read_bytes():
            return [f"{qm.name} is not built from the current {ts.name}: run 'build --force'"]
    return []


def untranslated(lang: str) -> dict[str, dict[str, str]]:
    """The messages without a translation, in the shape ``fill`` reads (empty translations)."""
    out: dict[str, dict[str, str]] = {}
    for (context, source), text in sorted(read_ts(ts_path(lang)).items()):
        if not text:
            out.setdefault(context, {})[source] = ""
    return out


def fill(lang: str, translations: dict[str, dict[str, str]]) -> int:
    """Write translations into the .ts (marking them finished); returns how many were set."""
    ts = ts_path(lang)
    tree = ET.parse(ts)
    n = 0
    for context in tree.getroot().iter("context"):
        given = translations.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            text = given.get(message.findtext("source") or "")
            if not text:
                continue
            tr = message.find("translation")
            if tr is None:
                tr = ET.SubElement(message, "translation")
            tr.attrib.pop("type", None)
            forms = list(tr.iter("numerusform"))
            if forms:
                parts = text.split(" | ")
                for i, f in enumerate(forms):
                    f.text = parts[min(i, len(parts) - 1)]
            else:
                tr.text = text
            n += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lupdate(ts, lang)  # back to lupdate's own layout, so diffs stay small
    return n


def build(*, force: bool = False) -> list[Path]:
    """Compile every .ts into a .qm beside the package; skip those already up to date."""
    QM_DIR.mkdir(parents=True, exist_ok=True)
    built: list[Path] = []
    for lang in TARGET_LANGUAGES:
        ts, qm = ts_path(lang), qm_path(lang)
        if not ts.is_file():
            continue
        if not force and qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT
        )
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("update", help="collect the texts of the sources into the .ts files")
    b = sub.add_parser("build", help="compile the .ts files into .qm files")
    b.add_argument("--force", action="store_true", help="rebuild even if up to date")
    sub.add_parser("check", help="exit 1 if a .ts is out of date or incomplete")
    sub.add_parser("untranslated", help="print the untranslated texts as JSON")
    f = sub.add_parser("fill", help="merge translations from a JSON file into the .ts")
    f.add_argument("file", type=Path)
    f.add_argument("--lang", default=TARGET_LANGUAGES[0], choices=TARGET_LANGUAGES)
    a = p.parse_args(argv)
    if a.cmd == "update":
        TS_DIR.mkdir(parents=True, exist_ok=True)
        for lang in TARGET_LANGUAGES:
            lupdate(ts_path(lang), lang, quiet=False)
        return 0
    if a.cmd == "build":
        for qm in build(force=a.force):
            print(f"i18n: built {qm.relative_to(ROOT)}")
        return 0
    if a.cmd == "check":
        problems = [line for lang in TARGET_LANGUAGES for line in check(lang)]
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    if a.cmd == "untranslated":
        result = {lang: untranslated(lang) for lang in TARGET_LANGUAGES}
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    if a.cmd == "fill":
        data = json.loads(a.file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and a.lang in data and isinstance(data[a.lang], dict):
            data = data[a.lang]  # the shape 'untranslated' prints
        n = fill(a.lang, data)
        print(f"i18n: {n} translations written to {ts_path(a.lang).relative_to(ROOT)}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
