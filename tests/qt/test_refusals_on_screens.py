"""A supervisor working in Indonesian meets no English sentence (issue 15): a refusal forced from
the keys panel, from a bundle export and from a province import is shown in Indonesian, worded
from its code. Each of these refusals was an English sentence before it was given a code."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, Protocol

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens.export import ExportOutcome, ExportScreen
from kamarhitung.qt.screens.province import ProvinceScreen
from kamarhitung.services import accounts, province
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace, open_workspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

ENGLISH_WORDS = re.compile(
    r"\b(the|is|not|has|must|cannot|already|needs|wrong|unknown|before|every|was|were|"
    r"does|of|for|no|than|only|free|are|file|bundle|certificate|key)\b",
    re.I,
)
"""Words every English refusal is made of (and none of the Indonesian ones)."""


def english_left(text: str, *paths: Path) -> list[str]:
    """The English words of a text shown, once the files and folders it names are taken out."""
    for p in sorted((str(p) for p in paths), key=len, reverse=True):
        text = text.replace(p, "")
    text = re.sub(r"<[^>]+>", " ", text)  # the markup of a rich-text label
    return ENGLISH_WORDS.findall(text)


class Demo(Protocol):
    """The ``mixed`` fixture of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def login(self, name: str) -> Actor: ...


@pytest.fixture(autouse=True)
def indonesian_and_inline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The interface in Indonesian; every refusal inline (a message box is a failure)."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a message box was opened")

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    i18n.set_language("id")
    yield


@pytest.fixture
def export_screen(mixed: Demo, qtbot: QtBot) -> Iterator[ExportScreen]:
    screen = ExportScreen(AppContext(mixed.ws, mixed.login("supervisor1")))
    qtbot.addWidget(screen)
    screen.resize(1500, 950)
    screen.show()
    qtbot.waitExposed(screen)
    screen.wait_idle()
    yield screen
    qtbot.waitUntil(lambda: not screen.export_running(), timeout=30_000)
    screen.wait_idle()


def test_a_certificate_for_another_key_is_refused_in_indonesian(
    export_screen: ExportScreen, mixed: Demo, qtbot: QtBot
) -> None:
    """The keys panel: the province's CA certificate given as the workspace's certificate."""
    pdir = mixed.path / "demo-province"
    panel = export_screen.keys_panel
    panel.install_files(pdir / "ca.pem", pdir / "ca.pem", pdir / "crl.pem", pdir / "recipient.txt")
    qtbot.waitUntil(lambda: "tidak cocok" in panel.message_text(), timeout=20_000)
    text = panel.message_text()
    assert "Sertifikat ini bukan untuk kunci workspace ini (keys/key.age)." in text
    assert english_left(text, pdir, Path("keys/key.age")) == [], text


class _Usage(NamedTuple):
    total: int
    used: int
    free: int


def test_a_bundle_export_without_space_is_refused_in_indonesian(
    export_screen: ExportScreen,
    mixed: Demo,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The export screen: the drive of the folder chosen has no room for the bundle."""
    out = tmp_path / "usb"
    out.mkdir()
    real = shutil.disk_usage

    def usage(path: str | Path) -> _Usage:
        if Path(path) == out:
            return _Usage(1 << 30, 1 << 30, 1000)
        t = real(path)
        return _Usage(t.total, t.used, t.free)

    monkeypatch.setattr(shutil, "disk_usage", usage)
    with qtbot.waitSignal(export_screen.sig_export_finished, timeout=30_000) as blocker:
        assert export_screen.export_to(out, str(mixed.credentials["key_passphrase"]))
    assert not isinstance(blocker.args[0] if blocker.args else None, ExportOutcome)
    text = export_screen.message_text()
    assert "Ruang tidak cukup untuk bundel di drive" in text
    assert "MB, yang kosong 0 MB" in text
    assert english_left(text, out) == [], text
    assert list(out.iterdir()) == []


def test_a_bundle_refused_by_the_importer_is_said_in_indonesian(
    mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    """The province screen: a file that is no bundle (a bundle imported twice is refused in
    Indonesian too: test_province_screen.py)."""
    src = mixed.path / "demo-province"
    pdir = tmp_path / "province"
    province.init_province(
        pdir,
        admin="padmin",
        password="province-pass-1",
        ca_pem=(src / "ca.pem").read_bytes(),
        identity_data=(src / "identity.age").read_bytes(),
        identity_passphrase=None,
        crl_pem=(src / "crl.pem").read_bytes(),
    )
    pws = open_workspace(pdir)
    screen = ProvinceScreen(
        AppContext(pws, accounts.authenticate(pws, "padmin", "province-pass-1"))
    )
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.wait_idle()
    try:
        junk = tmp_path / "3578-junk.khb"
        junk.write_bytes(b"this is not an age file at all\n" * 40)
        assert screen.import_files([junk], paper=False)
        qtbot.waitUntil(lambda: not screen.import_running(), timeout=30_000)
        screen.wait_idle()
        text = screen.outcome_text()
        assert "0 dari 1 bundel diimpor" in text
        assert "Bundel ditolak: Bundel bukan berkas age, atau kepalanya rusak." in text
        assert english_left(text, junk) == [], text
        assert province.list_imports(pws) == []
    finally:
        qtbot.waitUntil(lambda: not screen.import_running(), timeout=30_000)
        screen.wait_idle()
        pws.close()


def test_a_refused_official_numbers_file_is_worded_in_indonesian(
    mixed: Demo, tmp_path: Path, qapp: object
) -> None:
    """The official numbers (Selisih screen): every problem of a refused file names its row and
    what is wrong in the chosen language, never in the English of the command line."""
    from kamarhitung.services.common import InputError
    from kamarhitung.services.official import import_official

    path = tmp_path / "resmi.csv"
    path.write_text("tps,IV.1\n3578999999001,1\n3578999999002,x\n35,1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_official(mixed.ws, mixed.login("supervisor1"), path, contest="gubernur")
    e = info.value
    assert e.code == "OFFICIAL_FILES_REFUSED"
    assert str(e) == (
        "resmi.csv: row 2: TPS 3578999999001 is not in this workspace (and 2 more problems); "
        "nothing was imported"
    )
    text = i18n.refusal_text(e)
    assert text == (
        "Berkas angka resmi ditolak; tidak ada yang diimpor: resmi.csv: baris 2: TPS "
        "3578999999001 tidak ada di workspace ini (dan 2 masalah lain)"
    )
    assert english_left(text) == [], text
    i18n.set_language("en")
    try:
        assert "row 2: TPS 3578999999001 is not in this workspace" in i18n.refusal_text(e)
    finally:
        i18n.set_language("id")
