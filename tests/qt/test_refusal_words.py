"""A supervisor working in Indonesian meets no English sentence: refusals raised by the services,
the store and core are shown by their codes (``i18n.refusal_text``), and no screen reads an
error's text. The screens' own tests trigger refusals through the GUI (test_report_screen: an
incomplete kecamatan, a wrong passphrase; test_audit_screen: integrity problems)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtWidgets import QApplication

from kamarhitung.core import keys
from kamarhitung.core.refusal import ENGLISH, CodedText, Refusal
from kamarhitung.qt import i18n
from kamarhitung.services import entry, reports
from kamarhitung.services import keys as key_service
from kamarhitung.services.common import Actor, ConflictError, NotFoundError, ServiceError
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.workspace import WorkspaceLock, WorkspaceLockedError


class Demo(Protocol):
    """The ``mixed`` fixture of conftest.py."""

    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


QT = Path(__file__).resolve().parents[2] / "src" / "kamarhitung" / "qt"

ENGLISH_WORDS = re.compile(
    r"\b(the|is|not|has|must|cannot|already|needs|wrong|unknown|before|every)\b", re.I
)


def indonesian(text: str) -> bool:
    """No English sentence: none of the words every English refusal is made of."""
    return ENGLISH_WORDS.search(text) is None


def refused(call: object) -> Refusal:
    assert callable(call)
    with pytest.raises(Refusal) as info:
        call()
    return info.value


def test_no_screen_reads_or_shows_an_errors_text() -> None:
    """Screens word a refusal with ``i18n.refusal_text``; ``str(e)`` and substring tests on an
    error's text are gone from qt/ (i18n.py itself falls back to the text of a non-refusal)."""
    shown = re.compile(r"\bstr\((e|exc|err|error)\)|\bin str\((e|exc|err|error)\)|\bin low\b")
    offenders = []
    for path in sorted(QT.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if shown.search(line):
                offenders.append(f"{path.relative_to(QT)}:{n}: {line.strip()}")
    assert offenders == []


def test_every_code_has_its_own_indonesian_sentence(qapp: QApplication) -> None:
    """Each Indonesian sentence is a translation, never the English one copied (the codes whose
    sentence has no word to translate, only parameters, punctuation and acronyms such as
    ``TPS {key}``, are the exception)."""
    passthrough = {
        code
        for code, en in ENGLISH.items()
        if not re.search(r"[a-z]", re.sub(r"\{[^}]*\}", "", en))
    }
    assert "AT_KEY" in passthrough and "WRONG_ROLE" not in passthrough
    for code, words in i18n.REFUSAL_WORDS.items():
        if code in passthrough:
            continue
        assert words != ENGLISH[code], code
        assert indonesian(re.sub(r"\{[^}]*\}", "", words)), (code, words)


def test_service_refusals_are_shown_in_indonesian(mixed: Demo, qapp: QApplication) -> None:
    ws = mixed.ws
    op1, sup = mixed.login("operator1"), mixed.login("supervisor1")
    # Entry: an unknown TPS, and the second entry by the operator who made the first.
    e = refused(lambda: entry.claim_form(ws, op1, "9999999999999", "gubernur"))
    assert isinstance(e, NotFoundError) and e.code == "UNKNOWN_TPS"
    assert i18n.refusal_text(e) == "TPS 9999999999999 tidak dikenal."
    # Reports: finalising a kecamatan whose TPS are not all final.
    states = reports.region_states(ws, "gubernur")
    kec = next(r for r in states if len(r.code) == 6 and not r.complete)
    e = refused(lambda: reports.finalise_region(ws, sup, "gubernur", kec.code))
    assert isinstance(e, ConflictError) and e.code == "TPS_NOT_FINAL"
    words = i18n.refusal_text(e)
    assert words.startswith(f"Kecamatan {e.params['region']} masih punya ")
    assert "belum final untuk gubernur" in words and "not final" not in words
    # Roles: an operator may not finalise.
    e = refused(lambda: reports.finalise_region(ws, op1, "gubernur", kec.code))
    assert e.code == "WRONG_ROLE"
    assert i18n.refusal_text(e).startswith("Pengguna operator1 (Operator) tidak boleh")


def test_store_and_core_refusals_are_shown_in_indonesian(mixed: Demo, qapp: QApplication) -> None:
    # A workspace open in another window.
    first = WorkspaceLock(mixed.path)
    first.acquire("supervisor1 on the other window")
    e = refused(lambda: WorkspaceLock(mixed.path).acquire("admin"))
    first.release()
    assert isinstance(e, WorkspaceLockedError) and e.code == "WORKSPACE_IN_USE"
    assert "sudah dibuka di jendela kamarhitung lain" in i18n.refusal_text(e)
    # A wrong passphrase for a key file, also when a service re-raised it as its own refusal.
    wrapped = keys.wrap_secret(b"secret", "the right passphrase", work_factor=10)
    inner = refused(lambda: keys.unwrap_secret(wrapped, "not it", what="keys/key.age"))
    assert isinstance(inner, keys.WrongPassphraseError) and inner.code == "WRONG_PASSPHRASE"
    assert str(inner) == "wrong passphrase for keys/key.age"
    assert isinstance(inner, keys.KeyFileError)
    outer = key_service.as_service_error(inner)
    assert isinstance(outer, ServiceError) and outer.code == "WRONG_PASSPHRASE"
    words = i18n.refusal_text(outer)
    assert words.startswith("Frasa sandi salah untuk keys/key.age")
    assert "wrong passphrase" not in words


def test_problems_and_their_reasons_are_worded_in_both_languages(qapp: QApplication) -> None:
    problem = CodedText("CHAIN_BROKEN", reason=CodedText("EVENT_CHANGED", seq=3))
    assert problem == "audit chain broken: event 3 was changed after it was written"
    assert i18n.refusal_text(problem) == "Rantai audit putus: peristiwa 3 diubah setelah ditulis."
    i18n.set_language("en")
    try:
        assert i18n.refusal_text(problem) == (
            "Audit chain broken: event 3 was changed after it was written."
        )
    finally:
        i18n.set_language("id")
